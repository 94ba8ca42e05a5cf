package io.databourse.settlement.ledger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The certificate format shared by the issuer ({@link CertificateStage}) and the offline
 * {@link CertificateVerifier}: what is hashed and how. A certificate's hash is
 * SHA-256 (hex) of its canonical text, which starts with its 1-based index in the chain and ends with
 * the previous certificate's hash, so changing, removing, inserting or reordering any certificate
 * breaks every hash after it, and a gap in the indexes names the certificates removed.
 * <pre>
 *   canonical = index|certificateId|tradeId|seq|timeNs|product|buyer|seller|price|qty|value|buyerFee|sellerFee|prevHash
 * </pre>
 * Every field is written exactly as it appears in the JSON line (money as "12.34" strings).
 * Certificates cut off the end leave a valid chain: {@link CertificateChainHead} signs its end.
 */
public final class Certificates
{
    /** prevHash of the first certificate. */
    public static final String GENESIS_HASH = "0".repeat(64);
    public static final String PREFIX = "CERT-";
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Certificates()
    {
    }

    public static MessageDigest sha256()
    {
        try
        {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /** Unique id of the certificate of a trade: trade ids are unique in a journal. */
    public static StringBuilder appendCertificateId(final StringBuilder sb, final long tradeId)
    {
        sb.append(PREFIX);
        final String digits = Long.toString(tradeId);
        for (int i = digits.length(); i < 12; i++)
        {
            sb.append('0');
        }
        return sb.append(digits);
    }

    /**
     * SHA-256 of ASCII text as 64 lower-case hex characters appended to {@code hexOut}, without
     * allocating: the issuer's per-fill path. {@code scratch} must hold at least 32 bytes.
     */
    public static void appendHash(
        final MessageDigest digest, final CharSequence canonical, final byte[] scratch, final StringBuilder hexOut)
    {
        digest.reset();
        for (int i = 0; i < canonical.length(); i++)
        {
            digest.update((byte)canonical.charAt(i));
        }
        try
        {
            digest.digest(scratch, 0, 32);
        }
        catch (final java.security.DigestException ex)
        {
            throw new IllegalStateException(ex);
        }
        for (int i = 0; i < 32; i++)
        {
            hexOut.append(HEX[(scratch[i] >> 4) & 0xF]).append(HEX[scratch[i] & 0xF]);
        }
    }

    /** SHA-256 hex of the ASCII canonical text. */
    public static String hash(final MessageDigest digest, final CharSequence canonical)
    {
        digest.reset();
        final byte[] bytes = canonical.toString().getBytes(StandardCharsets.UTF_8);
        return hex(digest.digest(bytes));
    }

    /** Lower-case hex of bytes. */
    public static String hex(final byte[] bytes)
    {
        final char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++)
        {
            out[2 * i] = HEX[(bytes[i] >> 4) & 0xF];
            out[2 * i + 1] = HEX[bytes[i] & 0xF];
        }
        return new String(out);
    }

    /** Appends a JSON string literal, escaping quotes, backslashes and control characters. */
    public static StringBuilder appendJsonString(final StringBuilder sb, final CharSequence value)
    {
        sb.append('"');
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            if (c == '"' || c == '\\')
            {
                sb.append('\\').append(c);
            }
            else if (c < 0x20)
            {
                sb.append(String.format("\\u%04x", (int)c));
            }
            else
            {
                sb.append(c);
            }
        }
        return sb.append('"');
    }
}
