package io.databourse.settlement.ledger;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Offline auditor's check of a {@code certificates.jsonl}: needs nothing but the file. Recomputes
 * each certificate's hash from its fields, checks it links to the previous one (the first to the
 * genesis hash), that ids are unique and that value = price x qty. Usage:
 * {@code java ... CertificateVerifier certificates.jsonl} (exit status 0 when valid).
 */
public final class CertificateVerifier
{
    private static final String[] FIELDS = {
        "certificateId", "tradeId", "seq", "timeNs", "product", "buyer", "seller", "price", "qty", "value", "buyerFee",
        "sellerFee"};

    private CertificateVerifier()
    {
    }

    public static Result verify(final Path file) throws IOException
    {
        final ObjectMapper mapper = new ObjectMapper();
        final MessageDigest digest = Certificates.sha256();
        final Set<String> certificateIds = new HashSet<>();
        final Set<Long> tradeIds = new HashSet<>();
        final StringBuilder canonical = new StringBuilder(256);
        String prevHash = Certificates.GENESIS_HASH;
        long count = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8))
        {
            String text;
            while (null != (text = reader.readLine()))
            {
                count++;
                final JsonNode node;
                try
                {
                    node = mapper.readTree(text);
                }
                catch (final IOException ex)
                {
                    return Result.failed(count, "not JSON: " + ex.getMessage());
                }
                canonical.setLength(0);
                for (final String field : FIELDS)
                {
                    final JsonNode value = node.get(field);
                    if (null == value || value.isContainerNode() || value.isNull())
                    {
                        return Result.failed(count, "missing field " + field);
                    }
                    canonical.append(value.asText()).append('|');
                }
                final String linkedHash = text(node, "prevHash");
                if (!prevHash.equals(linkedHash))
                {
                    return Result.failed(count, "prevHash " + linkedHash + " does not link to " + prevHash);
                }
                canonical.append(linkedHash);
                final String hash = Certificates.hash(digest, canonical);
                if (!hash.equals(text(node, "hash")))
                {
                    return Result.failed(count, "hash does not match the certificate's content");
                }
                final long tradeId = node.get("tradeId").asLong();
                final String expectedId = Certificates.appendCertificateId(new StringBuilder(), tradeId).toString();
                if (!expectedId.equals(text(node, "certificateId")))
                {
                    return Result.failed(count, "certificateId does not name trade " + tradeId);
                }
                if (!certificateIds.add(expectedId) || !tradeIds.add(tradeId))
                {
                    return Result.failed(count, "duplicate certificate for trade " + tradeId);
                }
                final long valueFen = Math.multiplyExact(fen(text(node, "price")), node.get("qty").asLong());
                if (valueFen != fen(text(node, "value")))
                {
                    return Result.failed(count, "value is not price x qty");
                }
                prevHash = hash;
            }
        }
        return new Result(true, count, 0, "ok", prevHash);
    }

    private static String text(final JsonNode node, final String field)
    {
        final JsonNode value = node.get(field);
        return null == value ? "" : value.asText();
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

    public static void main(final String[] args) throws IOException
    {
        if (args.length != 1)
        {
            System.err.println("usage: CertificateVerifier certificates.jsonl");
            System.exit(2);
        }
        final Result result = verify(Path.of(args[0]));
        System.out.println(result);
        System.exit(result.valid() ? 0 : 1);
    }

    /** Outcome: valid, certificates read, first bad line (1-based, 0 when valid), why, the chain head. */
    public record Result(boolean valid, long certificates, long badLine, String message, String lastHash)
    {
        static Result failed(final long line, final String message)
        {
            return new Result(false, line, line, message, null);
        }

        @Override
        public String toString()
        {
            return valid ? "VALID " + certificates + " certificates, chain head " + lastHash :
                "INVALID at line " + badLine + ": " + message;
        }
    }
}
