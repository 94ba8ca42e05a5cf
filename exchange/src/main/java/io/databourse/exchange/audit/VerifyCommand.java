package io.databourse.exchange.audit;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.databourse.journal.queue.Journal;
import io.databourse.matcher.MatcherSnapshot;
import io.databourse.matcher.snapshot.SnapshotStore;
import io.databourse.settlement.SettlementContext;
import io.databourse.settlement.ledger.CertificateSigningKey;
import io.databourse.settlement.ledger.CertificateStage;
import io.databourse.settlement.ledger.CertificateVerifier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code databourse audit verify DIR}: the journal, the snapshots and the certificates, each against
 * the others. One line per part, OK or FAILED with where; exit status 1 when any part fails.
 */
@Command(name = "verify", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Replays the whole journal through a fresh matcher and compares every event byte for byte; checks " +
        "each snapshot's file and its state hash against the replayed state at its seq; checks the certificate chain " +
        "(hashes, links, the signed head) and each certificate against the trade of the journal it certifies.",
        "On a failure it names the first bad journal index, seq and the field that differs.",
        "Exit status 0 when everything checks out, 1 when anything does not."})
final class VerifyCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "a data directory (DIR/journal, DIR/snapshots, DIR/settlement) or a journal directory")
    private Path dir;

    @Option(names = "--public-key", paramLabel = "FILE",
        description = "the exchange's public key (PEM) to check the certificates' signed head with; default: " +
            "DIR/settlement/" + CertificateStage.PUBLIC_KEY_FILE + ", else the exchange's key in DIR/settlement/keys. " +
            "Pin the exchange's own key to rule out a re-signed forgery")
    private Path publicKey;

    @Override
    public Integer call() throws IOException
    {
        final AuditDir source = AuditDir.resolve(spec, dir);
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final List<String> failures = new ArrayList<>();

        final Map<Long, byte[]> snapshotHashes = new LinkedHashMap<>();
        final List<String> snapshotFailures = snapshots(source, snapshotHashes);
        final Path certificatesFile = null == source.settlement() ? null :
            source.settlement().resolve(CertificateStage.CERTIFICATES_FILE);
        final boolean withCertificates = null != certificatesFile && Files.isRegularFile(certificatesFile);

        final JournalCheck check;
        final String journalFailure;
        CertificateCheck certificates = null;
        try (Journal journal = Journal.openReadOnly(source.journal());
            Progress progress = Progress.of("verify", journal.lastSeq(), err))
        {
            final CertificateCheck[] holder = {null};
            check = new JournalCheck(snapshotHashes, (seq, timeNs, trade) ->
            {
                if (null != holder[0])
                {
                    holder[0].onTrade(seq, timeNs, trade);
                }
            }, progress);
            if (withCertificates)
            {
                certificates = new CertificateCheck(certificatesFile, check.names());
                holder[0] = certificates;
            }
            journalFailure = check.run(journal);
        }
        if (null == journalFailure)
        {
            out.println("journal: OK, " + check.records() + " records replayed, every one of their " + check.events() +
                " events identical to the journal; last seq " + check.lastSeq());
        }
        else
        {
            failures.add("journal");
            out.println("journal: FAILED at " + journalFailure + " (" + check.records() + " records checked before it)");
        }

        if (null != source.snapshots())
        {
            snapshotFailures.addAll(check.snapshotMismatches());
            for (final Long seq : check.snapshotsNotReached().keySet())
            {
                snapshotFailures.add(SnapshotStore.fileName(seq) + ": " + (null == journalFailure ?
                    "seq " + seq + " is beyond the journal's last, " + check.lastSeq() :
                    "not checked: the replay stopped before seq " + seq));
            }
            if (snapshotFailures.isEmpty() && check.snapshotsChecked() == 0)
            {
                out.println("snapshots: none");
            }
            else if (snapshotFailures.isEmpty())
            {
                out.println("snapshots: OK, " + check.snapshotsChecked() + " checked against the replayed state");
            }
            else
            {
                failures.add("snapshots");
                out.println("snapshots: FAILED, " + check.snapshotsChecked() + " checked and " + snapshotFailures.size() +
                    " not:");
                snapshotFailures.forEach(f -> out.println("  " + f));
            }
        }

        if (withCertificates)
        {
            certificates(source, certificates, journalFailure, check.lastSeq(), out, failures);
        }
        else if (null != source.settlement())
        {
            out.println("certificates: none (no " + certificatesFile + ")");
        }
        out.flush();
        return failures.isEmpty() ? 0 : 1;
    }

    private static List<String> snapshots(final AuditDir source, final Map<Long, byte[]> hashes)
    {
        final List<String> failures = new ArrayList<>();
        if (null == source.snapshots())
        {
            return failures;
        }
        for (final Path file : new SnapshotStore(source.snapshots(), 1).files())
        {
            try
            {
                final SnapshotStore.Info info = SnapshotStore.verify(file);
                if (info.format() != MatcherSnapshot.FORMAT_VERSION)
                {
                    failures.add(file.getFileName() + ": format " + info.format() + ", this version reads " +
                        MatcherSnapshot.FORMAT_VERSION);
                    continue;
                }
                hashes.put(info.seq(), info.stateHash());
            }
            catch (final RuntimeException ex)
            {
                failures.add(ex.getMessage());
            }
        }
        return failures;
    }

    private void certificates(
        final AuditDir source, final CertificateCheck check, final String journalFailure, final long lastSeq,
        final PrintWriter out,
        final List<String> failures) throws IOException
    {
        final List<String> findings = new ArrayList<>(check.finish(null == journalFailure, lastSeq));
        check.close();
        final CertificateVerifier.Report chain = CertificateVerifier.verify(source.settlement(), publicKey(source));
        chain.findings().forEach(f -> findings.add(f.toString()));
        if (chain.omitted() > 0)
        {
            findings.add("... and " + chain.omitted() + " more chain findings");
        }
        if (findings.isEmpty())
        {
            out.println("certificates: OK, " + chain.certificates() + " certificates, hash chain and signed head valid" +
                (null == chain.keyId() ? "" : " (key " + chain.keyId() + ")") + ", each the journal's trade" +
                (check.tradesWithout() == 0 ? "" : "; the last " + check.tradesWithout() + " trades, from seq " +
                check.firstSeqWithout() + ", are not certified yet (settlement behind the journal)"));
            return;
        }
        failures.add("certificates");
        out.println("certificates: FAILED, " + findings.size() + " finding(s):");
        findings.forEach(f -> out.println("  " + f));
    }

    /** The key to check the signed head with: as given, else the published one, else the exchange's own. */
    private Path publicKey(final AuditDir source)
    {
        if (null != publicKey)
        {
            if (!Files.isReadable(publicKey))
            {
                throw new CommandLine.ParameterException(spec.commandLine(), "cannot read " + publicKey);
            }
            return publicKey;
        }
        final Path published = source.settlement().resolve(CertificateStage.PUBLIC_KEY_FILE);
        if (Files.isReadable(published))
        {
            return published;
        }
        // the live exchange's key pair: its PEM holds the public half too
        return source.settlement().resolve(SettlementContext.SIGNING_KEY_DIR_DEFAULT).resolve(CertificateSigningKey.KEY_FILE);
    }
}
