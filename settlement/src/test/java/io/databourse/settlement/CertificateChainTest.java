package io.databourse.settlement;

import static io.databourse.settlement.SettlementTestSupport.ctx;
import static io.databourse.settlement.SettlementTestSupport.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.databourse.journal.schema.Codes;
import io.databourse.settlement.ledger.CertificateChainHead;
import io.databourse.settlement.ledger.CertificateSigningKey;
import io.databourse.settlement.ledger.CertificateStage;
import io.databourse.settlement.ledger.CertificateVerifier;
import io.databourse.settlement.ledger.CertificateVerifier.Finding;
import io.databourse.settlement.ledger.CertificateVerifier.Kind;
import io.databourse.settlement.ledger.Certificates;
import io.databourse.testsupport.JournalFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, hole 8: the certificate chain is checked against a head signed with the exchange's
 * Ed25519 key, so certificates removed from its end (which leave a perfectly linked chain: the old
 * verifier said VALID), altered, removed elsewhere or appended, and a forged head, are all reported
 * by index.
 */
class CertificateChainTest
{
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int TRADES = 20;

    @TempDir
    Path dir;

    private Path settled(final String name) throws IOException
    {
        final Path journal = dir.resolve("journal");
        if (!Files.exists(journal))
        {
            try (JournalFixture f = new JournalFixture(journal))
            {
                for (int i = 0; i < 3; i++)
                {
                    f.participant("P" + i);
                    f.deposit(i, 100_000_000, 100_000_000, 0);
                }
                f.product("D0", Codes.ProductKind.DATA, 1, 5, 365, Codes.DeliveryMode.API);
                for (int i = 0; i < 3; i++)
                {
                    f.inventory(i, 0, 10_000);
                }
                final Random random = new Random(5);
                for (int t = 0; t < TRADES; t++)
                {
                    final int buyer = random.nextInt(3);
                    f.cross((buyer + 1) % 3, buyer, 0, 100 + random.nextInt(100), 1 + random.nextInt(5));
                }
            }
        }
        final Path out = dir.resolve(name);
        SettlementRun.run(ctx(journal, out.resolve("state")), out);
        return out;
    }

    private static List<String> lines(final Path out) throws IOException
    {
        return new ArrayList<>(Files.readAllLines(out.resolve("certificates.jsonl"), StandardCharsets.UTF_8));
    }

    private static void write(final Path out, final List<String> lines) throws IOException
    {
        Files.write(out.resolve("certificates.jsonl"), lines, StandardCharsets.UTF_8);
    }

    private static void assertOnly(final CertificateVerifier.Report report, final Kind kind, final long from, final long to)
    {
        assertFalse(report.valid(), report.toString());
        assertEquals(1, report.findings().size(), report.toString());
        final Finding f = report.findings().get(0);
        assertEquals(kind, f.kind(), report.toString());
        assertEquals(from, f.fromIndex(), report.toString());
        assertEquals(to, f.toIndex(), report.toString());
    }

    @Test
    void anIntactChainIsValidAgainstItsSignedHead() throws Exception
    {
        final Path out = settled("out");
        final CertificateVerifier.Report report = CertificateVerifier.verify(out);
        assertTrue(report.valid(), report.toString());
        assertEquals(TRADES, report.certificates());
        assertTrue(report.toString().startsWith("VALID " + TRADES + " certificates"), report.toString());

        final CertificateChainHead head = CertificateChainHead.read(out.resolve(CertificateChainHead.FILE));
        assertEquals(TRADES, head.certificates());
        assertEquals(json(out.resolve("summary.json")).get("certificateChainHead").asText(), head.lastHash());
        assertEquals(MAPPER.readTree(lines(out).get(TRADES - 1)).get("certificateId").asText(), head.lastCertificateId());
        final CertificateSigningKey key = CertificateSigningKey.loadOrCreate(out.resolve("state").resolve("keys"));
        assertEquals(key.keyId(), head.keyId());
        assertEquals(key.keyId(), report.keyId());
        // The file the state keeps is the published one (same bytes), and the first links to genesis.
        assertEquals(Files.readString(out.resolve("state").resolve(CertificateChainHead.FILE)),
            Files.readString(out.resolve(CertificateChainHead.FILE)));
        assertEquals(1, MAPPER.readTree(lines(out).get(0)).get("index").asLong());
        assertEquals(Certificates.GENESIS_HASH, MAPPER.readTree(lines(out).get(0)).get("prevHash").asText());
    }

    @Test
    void theLastCertificateRemovedIsDetected() throws Exception
    {
        final Path out = settled("out");
        final List<String> lines = lines(out);
        lines.remove(TRADES - 1);
        write(out, lines);
        // What is left is a perfectly linked chain: only the signed head shows the cut.
        assertOnly(CertificateVerifier.verify(out), Kind.REMOVED, TRADES, TRADES);

        lines.remove(TRADES - 2);
        lines.remove(TRADES - 3);
        write(out, lines);
        final CertificateVerifier.Report report = CertificateVerifier.verify(out.resolve("certificates.jsonl"));
        assertOnly(report, Kind.REMOVED, TRADES - 2, TRADES);
        assertTrue(report.toString().contains("removed: certificates 18..20"), report.toString());
    }

    @Test
    void anAlteredMiddleCertificateIsDetected() throws Exception
    {
        final Path out = settled("out");
        final List<String> lines = lines(out);
        final List<String> original = List.copyOf(lines);
        lines.set(9, lines.get(9).replaceFirst("\"qty\":\\d+,\"value\":\"[0-9.]+\"", "\"qty\":1,\"value\":\"1.00\""));
        write(out, lines);
        final CertificateVerifier.Report altered = CertificateVerifier.verify(out);
        assertOnly(altered, Kind.ALTERED, 10, 10);
        assertTrue(altered.findings().get(0).message().contains("does not match its hash"), altered.toString());

        // Altered and re-hashed: the next certificate no longer links to it.
        lines.set(9, rehashed(original.get(9), node -> node.put("buyer", "P9")));
        write(out, lines);
        assertOnly(CertificateVerifier.verify(out), Kind.ALTERED, 11, 11);
    }

    @Test
    void aForgedHeadSignatureIsDetected() throws Exception
    {
        final Path out = settled("out");
        final Path exchangeKey = dir.resolve("exchange.pub");
        Files.copy(out.resolve(CertificateStage.PUBLIC_KEY_FILE), exchangeKey);
        final List<String> lines = lines(out);
        lines.remove(TRADES - 1);
        write(out, lines);
        final JsonNode last = MAPPER.readTree(lines.get(TRADES - 2));

        // 1. The head edited to cover one certificate fewer, the exchange's signature kept.
        final CertificateChainHead real = CertificateChainHead.read(out.resolve(CertificateChainHead.FILE));
        new CertificateChainHead(TRADES - 1, last.get("certificateId").asText(), last.get("hash").asText(),
            last.get("seq").asLong(), real.keyId(), real.signature()).write(out.resolve(CertificateChainHead.FILE), false);
        assertOnly(CertificateVerifier.verify(out), Kind.HEAD, 0, 0);
        assertTrue(CertificateVerifier.verify(out).toString().contains("forged or altered"));

        // 2. The head re-signed with another key: refused against the published key...
        final CertificateSigningKey forger = CertificateSigningKey.loadOrCreate(dir.resolve("forger"));
        CertificateChainHead.sign(TRADES - 1, last.get("certificateId").asText(), last.get("hash").asText(),
            last.get("seq").asLong(), forger).write(out.resolve(CertificateChainHead.FILE), false);
        assertOnly(CertificateVerifier.verify(out), Kind.HEAD, 0, 0);

        // 3. ... and, with the published key replaced too, against the exchange's key the auditor pinned.
        Files.writeString(out.resolve(CertificateStage.PUBLIC_KEY_FILE),
            CertificateSigningKey.publicKeyPem(forger.publicKey()));
        assertTrue(CertificateVerifier.verify(out).valid(), "self-consistent forgery: only a pinned key tells");
        final CertificateVerifier.Report pinned = CertificateVerifier.verify(out, exchangeKey);
        assertOnly(pinned, Kind.HEAD, 0, 0);
        assertTrue(pinned.toString().contains("the head names key " + forger.keyId()), pinned.toString());
    }

    @Test
    void removedInTheMiddleAppendedAndReorderedAreReportedByIndex() throws Exception
    {
        final Path out = settled("out");
        final List<String> original = lines(out);

        final List<String> removed = new ArrayList<>(original);
        removed.remove(9);
        write(out, removed);
        assertOnly(CertificateVerifier.verify(out), Kind.REMOVED, 10, 10);

        final List<String> appended = new ArrayList<>(original);
        final JsonNode last = MAPPER.readTree(original.get(TRADES - 1));
        appended.add(rehashed(original.get(TRADES - 1), node ->
        {
            node.put("index", TRADES + 1);
            node.put("tradeId", 999);
            node.put("certificateId", "CERT-000000000999");
            node.put("prevHash", last.get("hash").asText());
        }));
        write(out, appended);
        assertOnly(CertificateVerifier.verify(out), Kind.APPENDED, TRADES + 1, TRADES + 1);

        final List<String> swapped = new ArrayList<>(original);
        swapped.set(3, original.get(4));
        swapped.set(4, original.get(3));
        write(out, swapped);
        final CertificateVerifier.Report report = CertificateVerifier.verify(out);
        assertFalse(report.valid());
        assertEquals(Kind.REMOVED, report.findings().get(0).kind(), report.toString());
        assertEquals(4, report.findings().get(0).fromIndex());
        assertEquals(Kind.OUT_OF_ORDER, report.findings().get(1).kind(), report.toString());
        assertEquals(4, report.findings().get(1).fromIndex());

        final List<String> garbled = new ArrayList<>(original);
        garbled.set(6, "{\"torn\":");
        write(out, garbled);
        final CertificateVerifier.Report torn = CertificateVerifier.verify(out);
        assertOnly(torn, Kind.ALTERED, 7, 7);
        assertTrue(torn.toString().contains("unreadable"), torn.toString());
    }

    @Test
    void aMissingHeadIsNotValid() throws Exception
    {
        final Path out = settled("out");
        Files.delete(out.resolve(CertificateChainHead.FILE));
        final CertificateVerifier.Report report = CertificateVerifier.verify(out);
        assertOnly(report, Kind.HEAD, 0, 0);
        assertNull(report.keyId());
        assertThrows(java.nio.file.NoSuchFileException.class, () -> CertificateVerifier.verify(dir.resolve("nowhere")));
    }

    @Test
    void theKeyAndTheChainFilesAreOwnerOnlyAndTheKeyIsReusedDeterministically() throws Exception
    {
        final Path journal = dir.resolve("journal");
        final Path keys = dir.resolve("exchange-data").resolve("keys");
        settled("first"); // writes the journal
        final Path a = dir.resolve("a");
        final Path b = dir.resolve("b");
        SettlementRun.run(ctx(journal, a.resolve("state")).signingKeyDir(keys), a);
        SettlementRun.run(ctx(journal, b.resolve("state")).signingKeyDir(keys), b);
        // One key, one journal: the same signed head (Ed25519 signatures are deterministic).
        assertEquals(Files.readString(a.resolve(CertificateChainHead.FILE)), Files.readString(b.resolve(CertificateChainHead.FILE)));
        assertFalse(Files.exists(a.resolve("state").resolve("keys")), "the configured key directory is used");

        final Path keyFile = keys.resolve(CertificateSigningKey.KEY_FILE);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keys)));
        for (final String file : List.of("certificates.jsonl", CertificateChainHead.FILE, CertificateStage.PUBLIC_KEY_FILE,
            "subsidies.json", "schedule.json", "balances.json"))
        {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(a.resolve(file))), file);
        }

        // A key others may read is refused by name, as ssh refuses one.
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r--r--"));
        final IOException loose = assertThrows(IOException.class, () -> CertificateSigningKey.loadOrCreate(keys));
        assertTrue(loose.getMessage().contains("accessible by others"), loose.getMessage());
        // Halves of two different keys are refused too.
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
        final String pem = Files.readString(keyFile);
        final String otherPublic = CertificateSigningKey.publicKeyPem(
            CertificateSigningKey.loadOrCreate(dir.resolve("other")).publicKey());
        Files.writeString(keyFile, pem.substring(0, pem.indexOf("-----BEGIN PUBLIC KEY-----")) + otherPublic);
        final IOException mismatched = assertThrows(IOException.class, () -> CertificateSigningKey.loadOrCreate(keys));
        assertTrue(mismatched.getMessage().contains("not the private key's"), mismatched.getMessage());
    }

    @Test
    void anEmptyJournalHasASignedEmptyHead() throws Exception
    {
        final Path journal = dir.resolve("empty-journal");
        try (JournalFixture f = new JournalFixture(journal))
        {
            f.participant("P0");
        }
        final Path out = dir.resolve("out");
        SettlementRun.run(ctx(journal, out.resolve("state")), out);
        final CertificateVerifier.Report report = CertificateVerifier.verify(out);
        assertTrue(report.valid(), report.toString());
        assertEquals(0, report.certificates());
        assertEquals(0, CertificateChainHead.read(out.resolve(CertificateChainHead.FILE)).certificates());
    }

    /** A certificate line with fields changed and its hash recomputed as the issuer would. */
    private static String rehashed(final String line, final java.util.function.Consumer<ObjectNode> change)
        throws IOException
    {
        final ObjectNode node = (ObjectNode)MAPPER.readTree(line);
        change.accept(node);
        final StringBuilder canonical = new StringBuilder().append(node.get("index").asText());
        for (final String field : List.of("certificateId", "tradeId", "seq", "timeNs", "product", "buyer", "seller",
            "price", "qty", "value", "buyerFee", "sellerFee", "prevHash"))
        {
            canonical.append('|').append(node.get(field).asText());
        }
        node.put("hash", Certificates.hash(Certificates.sha256(), canonical));
        return MAPPER.writeValueAsString(node);
    }
}
