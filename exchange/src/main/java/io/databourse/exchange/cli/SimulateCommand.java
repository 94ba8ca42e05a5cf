package io.databourse.exchange.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.databourse.journal.queue.Journal;
import io.databourse.journal.queue.JournalWriter;
import io.databourse.matcher.MatcherContext;
import io.databourse.matcher.sim.Simulator;
import io.databourse.settlement.SettlementRun;
import org.agrona.IoUtil;
import org.agrona.concurrent.SystemEpochNanoClock;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code databourse simulate}: JSON command lines in, JSON event lines out, through a fresh engine. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = {"Runs JSON command lines through a fresh engine (the live exchange's sequencer, matcher and " +
        "journal) and prints the events as JSON lines (docs/simulate.md).",
        "A malformed line prints an error object and the run goes on; the exit status is then 1."})
public final class SimulateCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Option(names = "--journal", paramLabel = "DIR", description = "keep the journal in DIR (default: a temporary one, deleted)")
    private Path journalDir;

    @Option(names = "--settle", description = "settle the journal afterwards into --out DIR (docs/settlement.md)")
    private boolean settle;

    @Option(names = "--out", paramLabel = "DIR", description = "where --settle writes balances, certificates, entitlements, ..., alerts.jsonl")
    private Path outDir;

    @Parameters(paramLabel = "FILE", description = "JSON command lines, or - for standard input")
    private String file;

    @Override
    public Integer call() throws IOException
    {
        if (settle != (null != outDir))
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "--settle and --out DIR go together");
        }
        if (!"-".equals(file) && !Files.isReadable(Path.of(file)))
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "cannot read " + file);
        }
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final Path journalPath = null != journalDir ? journalDir : Files.createTempDirectory("databourse-sim");
        int errors = 0;
        try
        {
            try (Journal journal = Journal.open(journalPath);
                BufferedReader in = "-".equals(file) ?
                    new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)) :
                    Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8);
                JournalWriter writer = journal.writer())
            {
                final Simulator simulator = new Simulator(new MatcherContext().conclude(), writer,
                    new SystemEpochNanoClock());
                final StringBuilder sb = new StringBuilder();
                String line;
                int n = 0;
                while (null != (line = in.readLine()))
                {
                    n++;
                    sb.setLength(0);
                    simulator.line(n, line, sb);
                    if (sb.indexOf("\"type\":\"error\"") == 1)
                    {
                        errors++;
                        err.append(sb);
                    }
                    out.append(sb);
                }
                out.flush();
                if (errors > 0)
                {
                    err.println(errors + " malformed line(s) skipped");
                }
            }
            if (settle)
            {
                // the settlement consumers over the journal just written, as they tail the live one
                SettlementRun.run(journalPath, outDir);
                err.println("settled into " + outDir.toAbsolutePath());
            }
        }
        finally
        {
            err.flush();
            if (null == journalDir)
            {
                IoUtil.delete(journalPath.toFile(), true);
            }
        }
        return errors > 0 ? 1 : 0;
    }
}
