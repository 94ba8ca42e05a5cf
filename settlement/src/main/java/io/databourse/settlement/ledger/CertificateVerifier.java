package io.databourse.settlement.ledger;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Offline auditor's check of a published certificate chain: {@code certificates.jsonl}, its signed
 * head ({@value CertificateChainHead#FILE}) and the exchange's public key ({@code certificates.pub},
 * or a key the auditor pins). Recomputes each certificate's hash, checks its index follows the
 * previous one and its {@code prevHash} links to it, and checks the chain against the signed head.
 * Reports every problem by certificate index: <b>altered</b> (content or link does not match the
 * hashes), <b>removed</b> (an index missing, in the middle or cut off the end), <b>appended</b> (after
 * the signed head), <b>out of order</b>, and a <b>head</b> that is missing, unreadable or not signed
 * by the key. Only a chain with no finding is valid.
 * <p>
 * The published public key proves only that head and chain agree: someone able to rewrite all three
 * files can re-sign. Pin the exchange's key ({@code --public-key}, compare {@code keyId}) to rule that out.
 */
public final class CertificateVerifier
{
    /** Findings listed in a report; more are counted, not listed. */
    public static final int FINDINGS_MAX = 100;
    private static final String[] FIELDS = {
        "certificateId", "tradeId", "seq", "timeNs", "product", "buyer", "seller", "price", "qty", "value", "buyerFee",
        "sellerFee"};

    private CertificateVerifier()
    {
    }

    /** Verifies a directory (or the certificates.jsonl in it) with the public key published next to it. */
    public static Report verify(final Path location) throws IOException
    {
        return verify(location, null);
    }

    /**
     * Verifies {@code location}: a directory holding {@code certificates.jsonl}, or that file itself
     * (the head and key are looked up next to it). {@code publicKeyFile} null: the published key.
     *
     * @throws NoSuchFileException when there is no certificates file to verify.
     */
    public static Report verify(final Path location, final Path publicKeyFile) throws IOException
    {
        final boolean isDir = Files.isDirectory(location);
        final Path certificates = isDir ? location.resolve(CertificateStage.CERTIFICATES_FILE) : location;
        final Path dir = isDir ? location : location.toAbsolutePath().getParent();
        if (!Files.isRegularFile(certificates))
        {
            throw new NoSuchFileException(certificates.toString(), null, "no certificates to verify");
        }
        final Findings findings = new Findings();
        final Path keyFile = null != publicKeyFile ? publicKeyFile : dir.resolve(CertificateStage.PUBLIC_KEY_FILE);
        final SignedHead signed = readHead(dir.resolve(CertificateChainHead.FILE), keyFile, findings);
        final CertificateChainHead head = signed.trusted ? signed.head : null;

        final ObjectMapper mapper = new ObjectMapper();
        final MessageDigest digest = Certificates.sha256();
        final Set<String> certificateIds = new HashSet<>();
        final Set<Long> tradeIds = new HashSet<>();
        final StringBuilder canonical = new StringBuilder(256);
        long lastIndex = 0;
        String lastHash = Certificates.GENESIS_HASH; // stored hash of certificate lastIndex; null: unreadable
        String hashAtHead = null;
        long line = 0;
        try (BufferedReader reader = Files.newBufferedReader(certificates, StandardCharsets.UTF_8))
        {
            String text;
            while (null != (text = reader.readLine()))
            {
                line++;
                final JsonNode node = parse(mapper, text);
                final String unreadable = null == node ? "not a JSON object" : missingField(node);
                if (null != unreadable)
                {
                    lastIndex++;
                    findings.add(Kind.ALTERED, lastIndex, lastIndex, "line " + line + " is unreadable (" + unreadable +
                        "), taken for certificate " + lastIndex);
                    lastHash = null;
                    continue;
                }
                final long index = node.get("index").asLong();
                final String storedHash = node.get("hash").asText();
                final String prevHash = node.get("prevHash").asText();
                if (index <= lastIndex)
                {
                    findings.add(Kind.OUT_OF_ORDER, index, index, "line " + line + " holds certificate " + index +
                        " after certificate " + lastIndex + ": repeated or out of order");
                    continue;
                }
                if (index > lastIndex + 1)
                {
                    findings.add(Kind.REMOVED, lastIndex + 1, index - 1, "missing between certificate " + lastIndex +
                        " and certificate " + index + " (line " + line + ")");
                }
                else if (null != lastHash && !prevHash.equals(lastHash))
                {
                    findings.add(Kind.ALTERED, index, index, "its prevHash is not the hash of certificate " +
                        lastIndex + ": one of the two was altered and re-hashed (line " + line + ")");
                }
                canonical.setLength(0);
                canonical.append(index).append('|');
                for (final String field : FIELDS)
                {
                    canonical.append(node.get(field).asText()).append('|');
                }
                canonical.append(prevHash);
                if (!Certificates.hash(digest, canonical).equals(storedHash))
                {
                    findings.add(Kind.ALTERED, index, index, "its content does not match its hash (line " + line + ")");
                }
                else
                {
                    final String inconsistency = inconsistency(node, certificateIds, tradeIds);
                    if (null != inconsistency)
                    {
                        findings.add(Kind.ALTERED, index, index, inconsistency + " (line " + line + ")");
                    }
                }
                lastIndex = index;
                lastHash = storedHash;
                if (null != head && index == head.certificates())
                {
                    hashAtHead = storedHash;
                }
            }
        }
        if (null != head)
        {
            final long covered = head.certificates();
            if (lastIndex < covered)
            {
                findings.add(Kind.REMOVED, lastIndex + 1, covered, "cut off the end: the signed head covers " + covered +
                    " certificates, the file ends at certificate " + lastIndex);
            }
            else if (covered > 0 && null != hashAtHead && !hashAtHead.equals(head.lastHash()))
            {
                findings.add(Kind.ALTERED, covered, covered, "not the certificate the signed head certifies (hash " +
                    hashAtHead + ", head " + head.lastHash() + "): the chain up to it was rewritten");
            }
            if (lastIndex > covered)
            {
                findings.add(Kind.APPENDED, covered + 1, lastIndex, "after the signed head, which covers " + covered +
                    " certificates");
            }
        }
        return new Report(findings.isEmpty(), lastIndex, lastHash, signed.keyId, findings.list, findings.omitted);
    }

    private record SignedHead(CertificateChainHead head, boolean trusted, String keyId)
    {
    }

    private static SignedHead readHead(final Path headFile, final Path keyFile, final Findings findings)
    {
        if (!Files.exists(headFile))
        {
            findings.add(Kind.HEAD, 0, 0, "no signed chain head (" + headFile.getFileName() +
                "): certificates cut off the end could not be detected");
            return new SignedHead(null, false, null);
        }
        final CertificateChainHead head;
        try
        {
            head = CertificateChainHead.read(headFile);
        }
        catch (final IOException ex)
        {
            findings.add(Kind.HEAD, 0, 0, "unreadable signed head: " + ex.getMessage());
            return new SignedHead(null, false, null);
        }
        final PublicKey key;
        try
        {
            key = CertificateSigningKey.readPublicKey(keyFile);
        }
        catch (final IOException ex)
        {
            findings.add(Kind.HEAD, 0, 0, "no public key to check the head with: " + ex.getMessage());
            return new SignedHead(head, false, null);
        }
        final String keyId = CertificateSigningKey.keyId(key);
        if (!head.verify(key))
        {
            findings.add(Kind.HEAD, 0, 0, "the head's signature does not verify with key " + keyId + " (" + keyFile +
                (keyId.equals(head.keyId()) ? "" : "; the head names key " + head.keyId()) +
                "): the head was forged or altered, so the chain's length cannot be trusted");
            return new SignedHead(head, false, keyId);
        }
        return new SignedHead(head, true, keyId);
    }

    private static JsonNode parse(final ObjectMapper mapper, final String text)
    {
        try
        {
            final JsonNode node = mapper.readTree(text);
            return null != node && node.isObject() ? node : null;
        }
        catch (final IOException ex)
        {
            return null;
        }
    }

    private static String missingField(final JsonNode node)
    {
        final JsonNode index = node.get("index");
        if (null == index || !index.canConvertToExactIntegral() || index.asLong() < 1)
        {
            return "no index";
        }
        for (final String field : FIELDS)
        {
            final JsonNode value = node.get(field);
            if (null == value || value.isContainerNode() || value.isNull())
            {
                return "missing field " + field;
            }
        }
        for (final String field : new String[]{"hash", "prevHash"})
        {
            if (null == node.get(field) || !node.get(field).isTextual())
            {
                return "missing field " + field;
            }
        }
        return null;
    }

    /** Checks a certificate whose hash matches: ids unique and naming the trade, value = price x qty. */
    private static String inconsistency(final JsonNode node, final Set<String> certificateIds, final Set<Long> tradeIds)
    {
        final long tradeId = node.get("tradeId").asLong();
        final String expectedId = Certificates.appendCertificateId(new StringBuilder(), tradeId).toString();
        if (!expectedId.equals(node.get("certificateId").asText()))
        {
            return "its certificateId does not name trade " + tradeId;
        }
        if (!certificateIds.add(expectedId) || !tradeIds.add(tradeId))
        {
            return "a second certificate for trade " + tradeId;
        }
        try
        {
            final long valueFen = Math.multiplyExact(fen(node.get("price").asText()), node.get("qty").asLong());
            return valueFen == fen(node.get("value").asText()) ? null : "its value is not price x qty";
        }
        catch (final NumberFormatException | ArithmeticException ex)
        {
            return "an amount is not a yuan amount: " + ex.getMessage();
        }
    }

    /** Parses "12.34" to 1234 fen; exactly two decimals as written by the issuer. */
    static long fen(final String yuan)
    {
        final int dot = yuan.indexOf('.');
        if (dot < 0 || yuan.length() - dot != 3)
        {
            throw new NumberFormatException("not a yuan amount with two decimals: " + yuan);
        }
        final boolean negative = yuan.startsWith("-");
        final long whole = Long.parseLong(yuan.substring(negative ? 1 : 0, dot));
        final long cents = Long.parseLong(yuan.substring(dot + 1));
        final long abs = Math.addExact(Math.multiplyExact(whole, 100L), cents);
        return negative ? -abs : abs;
    }

    /**
     * {@code CertificateVerifier DIR|certificates.jsonl [--public-key FILE]}: prints the report; exit
     * status 0 when valid, 1 when not, 2 when there is nothing to verify.
     */
    public static void main(final String[] args)
    {
        if (args.length != 1 && !(args.length == 3 && "--public-key".equals(args[1])))
        {
            System.err.println("usage: CertificateVerifier DIR|certificates.jsonl [--public-key FILE]");
            System.exit(2);
        }
        try
        {
            final Report report = verify(Path.of(args[0]), args.length == 3 ? Path.of(args[2]) : null);
            System.out.print(report);
            System.exit(report.valid() ? 0 : 1);
        }
        catch (final IOException ex)
        {
            System.err.println("cannot verify " + args[0] + ": " + ex.getMessage());
            System.exit(2);
        }
    }

    /** What a finding is about. */
    public enum Kind
    {
        ALTERED("altered"),
        REMOVED("removed"),
        APPENDED("appended"),
        OUT_OF_ORDER("out of order"),
        HEAD("signed head");

        private final String label;

        Kind(final String label)
        {
            this.label = label;
        }

        public String label()
        {
            return label;
        }
    }

    /** One problem: certificates {@code fromIndex..toIndex} (1-based; 0 for the head itself). */
    public record Finding(Kind kind, long fromIndex, long toIndex, String message)
    {
        @Override
        public String toString()
        {
            final String which = 0 == fromIndex ? "" : fromIndex == toIndex ? "certificate " + fromIndex + ": " :
                "certificates " + fromIndex + ".." + toIndex + ": ";
            return kind.label() + ": " + which + message;
        }
    }

    /**
     * Outcome: valid only without findings; the last certificate index read and its hash; the id of the
     * key that verified the head (null when none did); findings in file order, at most
     * {@link #FINDINGS_MAX}, the rest counted in {@code omitted}.
     */
    public record Report(
        boolean valid, long certificates, String lastHash, String keyId, List<Finding> findings, long omitted)
    {
        @Override
        public String toString()
        {
            if (valid)
            {
                return "VALID " + certificates + " certificates, chain head " + lastHash +
                    ", signed head verified with key " + keyId + "\n";
            }
            final StringBuilder sb = new StringBuilder("INVALID: ")
                .append(findings.size() + omitted).append(" finding(s)\n");
            for (final Finding f : findings)
            {
                sb.append("  ").append(f).append('\n');
            }
            if (omitted > 0)
            {
                sb.append("  ... and ").append(omitted).append(" more\n");
            }
            return sb.toString();
        }
    }

    private static final class Findings
    {
        final List<Finding> list = new ArrayList<>();
        long omitted;

        void add(final Kind kind, final long from, final long to, final String message)
        {
            if (list.size() < FINDINGS_MAX)
            {
                list.add(new Finding(kind, from, to, message));
            }
            else
            {
                omitted++;
            }
        }

        boolean isEmpty()
        {
            return list.isEmpty() && 0 == omitted;
        }
    }
}
