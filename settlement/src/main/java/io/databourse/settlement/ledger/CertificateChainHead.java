package io.databourse.settlement.ledger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The signed end of the certificate chain, {@value #FILE}: how many certificates there are, the last
 * one's id and hash and the journal seq it certifies, signed with the exchange's Ed25519 key. A hash
 * chain alone cannot show that certificates were cut off its end (what is left is still a valid
 * chain); the signed head can, and it also shows certificates appended after it.
 * <pre>
 *   signed text = databourse-certificate-chain-head-v1|certificates|lastCertificateId|lastHash|lastSeq
 * </pre>
 * An empty chain's head is {@code 0||<64 zeros>|0}. {@code keyId} (SHA-256 of the public key's X.509
 * encoding) names the key; {@code signature} is the Base64 Ed25519 signature of the signed text's
 * ASCII bytes, verifiable with OpenSSL as docs/settlement.md shows.
 */
public record CertificateChainHead(
    long certificates, String lastCertificateId, String lastHash, long lastSeq, String keyId, String signature)
{
    public static final String FILE = "certificates.head.json";
    public static final String FORMAT = "databourse-certificate-chain-head-v1";

    public CertificateChainHead
    {
        if (certificates < 0)
        {
            throw new IllegalArgumentException("negative certificate count");
        }
    }

    /** The exact text the signature covers. */
    public static String signedText(
        final long certificates, final String lastCertificateId, final String lastHash, final long lastSeq)
    {
        return FORMAT + '|' + certificates + '|' + lastCertificateId + '|' + lastHash + '|' + lastSeq;
    }

    public String signedText()
    {
        return signedText(certificates, lastCertificateId, lastHash, lastSeq);
    }

    /** Signs the head of a chain of {@code certificates} ending with {@code lastHash}. */
    public static CertificateChainHead sign(
        final long certificates, final String lastCertificateId, final String lastHash, final long lastSeq,
        final CertificateSigningKey key)
    {
        final byte[] signature = key.sign(
            signedText(certificates, lastCertificateId, lastHash, lastSeq).getBytes(StandardCharsets.US_ASCII));
        return new CertificateChainHead(certificates, lastCertificateId, lastHash, lastSeq, key.keyId(),
            Base64.getEncoder().encodeToString(signature));
    }

    /** Whether the signature is {@code key}'s over this head's fields. */
    public boolean verify(final PublicKey key)
    {
        final byte[] sig;
        try
        {
            sig = Base64.getDecoder().decode(signature);
        }
        catch (final IllegalArgumentException ex)
        {
            return false;
        }
        return CertificateSigningKey.verify(key, signedText().getBytes(StandardCharsets.US_ASCII), sig);
    }

    /** One JSON object, fields in a fixed order: the same head always gives the same bytes. */
    public String toJson()
    {
        final StringBuilder sb = new StringBuilder(256);
        sb.append("{\"format\":\"").append(FORMAT).append("\",\"certificates\":").append(certificates)
            .append(",\"lastCertificateId\":");
        Certificates.appendJsonString(sb, lastCertificateId).append(",\"lastHash\":");
        Certificates.appendJsonString(sb, lastHash).append(",\"lastSeq\":").append(lastSeq).append(",\"keyId\":");
        Certificates.appendJsonString(sb, keyId).append(",\"signature\":");
        return Certificates.appendJsonString(sb, signature).append("}\n").toString();
    }

    /** Writes the head owner-only and atomically. */
    public void write(final Path file, final boolean force) throws IOException
    {
        OwnerOnlyFiles.write(file, toJson().getBytes(StandardCharsets.UTF_8), force);
    }

    /** Reads a head file; a malformed one is refused naming what is wrong. */
    public static CertificateChainHead read(final Path file) throws IOException
    {
        final JsonNode node;
        try
        {
            node = new ObjectMapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
        }
        catch (final IOException ex)
        {
            throw new IOException(file + " is not JSON: " + ex.getMessage(), ex);
        }
        if (null == node || !node.isObject())
        {
            throw new IOException(file + " is not a JSON object");
        }
        if (!FORMAT.equals(text(node, "format", file)))
        {
            throw new IOException(file + ": unknown format " + node.get("format"));
        }
        final JsonNode count = node.get("certificates");
        final JsonNode seq = node.get("lastSeq");
        if (null == count || !count.canConvertToExactIntegral() || null == seq || !seq.canConvertToExactIntegral() ||
            count.asLong() < 0)
        {
            throw new IOException(file + ": certificates and lastSeq must be whole numbers");
        }
        return new CertificateChainHead(count.asLong(), text(node, "lastCertificateId", file),
            text(node, "lastHash", file), seq.asLong(), text(node, "keyId", file), text(node, "signature", file));
    }

    private static String text(final JsonNode node, final String field, final Path file) throws IOException
    {
        final JsonNode value = node.get(field);
        if (null == value || !value.isTextual())
        {
            throw new IOException(file + ": missing text field " + field);
        }
        return value.asText();
    }
}
