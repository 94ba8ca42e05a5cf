package io.databourse.exchange;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import io.databourse.journal.json.EventJsonWriter;
import io.databourse.journal.queue.Journal;
import io.databourse.journal.queue.JournalReader;
import io.databourse.matcher.JournalRecovery;
import io.databourse.matcher.Matcher;
import io.databourse.matcher.MatcherContext;
import io.databourse.matcher.sim.Simulator;
import org.agrona.IoUtil;
import org.agrona.concurrent.SystemEpochNanoClock;

/**
 * {@code bin/databourse} subcommands:
 * <pre>
 *   run [--data-dir DIR] [--aeron-dir DIR] [--no-demo] [--fix-port N] [--fix-sessions FILE] [--no-fix]
 *       [--positions-port N] [--positions-credentials FILE] [--no-settlement]
 *                                                        start the exchange embedded
 *   simulate [--journal DIR] [--settle --out DIR] FILE|-  JSON command lines in, JSON event lines out;
 *                                                        --settle also settles the journal into DIR
 *   events DIR                                           print a journal's events as JSON lines
 *   verify DIR                                           replay a journal and check every event byte for byte
 * </pre>
 */
public final class ExchangeMain
{
    private ExchangeMain()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        if (args.length == 0)
        {
            usage(System.err);
            System.exit(2);
        }
        final List<String> rest = new ArrayList<>(List.of(args).subList(1, args.length));
        switch (args[0])
        {
            case "run":
                run(rest);
                break;
            case "simulate":
                System.exit(simulate(rest, System.out));
                break;
            case "events":
                System.exit(events(rest, System.out));
                break;
            case "verify":
                System.exit(verify(rest, System.out));
                break;
            case "help":
            case "--help":
                usage(System.out);
                break;
            default:
                System.err.println("unknown subcommand: " + args[0]);
                usage(System.err);
                System.exit(2);
        }
    }

    private static void usage(final PrintStream out)
    {
        out.println("usage: databourse run [--data-dir DIR] [--aeron-dir DIR] [--no-demo] [--fix-port N] [--fix-sessions FILE] [--no-fix]");
        out.println("                      [--positions-port N] [--positions-credentials FILE] [--no-settlement] [--matcher-cpu N]");
        out.println("                      [--journal-prefetch-mb N (default 16, 0 = off)]");
        out.println("       databourse simulate [--journal DIR] [--settle --out DIR] FILE|-");
        out.println("       databourse events JOURNAL_DIR");
        out.println("       databourse verify JOURNAL_DIR");
        out.println("       databourse bench [--quick]");
    }

    private static String option(final List<String> args, final String name, final String dflt)
    {
        final int i = args.indexOf(name);
        if (i < 0)
        {
            return dflt;
        }
        if (i + 1 >= args.size())
        {
            throw new IllegalArgumentException(name + " needs a value");
        }
        final String v = args.get(i + 1);
        args.remove(i + 1);
        args.remove(i);
        return v;
    }

    private static void run(final List<String> args) throws InterruptedException
    {
        final ExchangeConfig config = new ExchangeConfig()
            .dataDir(Path.of(option(args, "--data-dir", "data")));
        final String aeronDir = option(args, "--aeron-dir", null);
        if (null != aeronDir)
        {
            config.aeronDir(aeronDir);
        }
        if (args.remove("--no-demo"))
        {
            config.bootstrapFile(null);
        }
        config.fixEnabled(!args.remove("--no-fix"));
        config.fixPort(Integer.parseInt(option(args, "--fix-port", "9880")));
        config.fixSessionsFile(option(args, "--fix-sessions", config.fixSessionsFile()));
        config.positionsHttpPort(args.remove("--no-settlement") ? -1 :
            Integer.parseInt(option(args, "--positions-port", "8480")));
        config.positionsCredentials(option(args, "--positions-credentials", config.positionsCredentials()));
        config.matcherCpu(Integer.parseInt(option(args, "--matcher-cpu", "-1")));
        config.journalPrefetchBytes(Long.parseLong(option(args, "--journal-prefetch-mb",
            Long.toString(config.journalPrefetchBytes() >> 20))) << 20);
        final CountDownLatch stopped = new CountDownLatch(1);
        final EmbeddedExchange exchange = EmbeddedExchange.launch(config);
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
        {
            exchange.close();
            stopped.countDown();
        }, "databourse-shutdown"));
        System.out.println("DataBourse running: data " + config.dataDir().toAbsolutePath() +
            ", journal records recovered " + exchange.recoveredRecords() + ", aeron " + config.aeronDir() +
            " (commands stream 1001, events stream 1002 on aeron:ipc)" +
            (null == exchange.gateway() ? "" : ", FIX 4.4 on " + config.fixHost() + ":" + exchange.gateway().port()) +
            (null == exchange.positionsHttp() ? "" :
            ", positions on http://127.0.0.1:" + exchange.positionsHttp().port() + "/positions") +
            ". Ctrl-C stops.");
        stopped.await();
    }

    static int simulate(final List<String> args, final PrintStream out) throws IOException
    {
        final String journalDir = option(args, "--journal", null);
        final String outDir = option(args, "--out", null);
        final boolean settle = args.remove("--settle");
        if (args.size() != 1 || settle != (null != outDir))
        {
            System.err.println("usage: databourse simulate [--journal DIR] [--settle --out DIR] FILE|-");
            return 2;
        }
        final Path journalPath = null != journalDir ? Path.of(journalDir) : Files.createTempDirectory("databourse-sim");
        final String file = args.get(0);
        try (Journal journal = Journal.open(journalPath);
            BufferedReader in = "-".equals(file) ?
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)) :
                Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8);
            io.databourse.journal.queue.JournalWriter writer = journal.writer())
        {
            final Simulator simulator = new Simulator(new MatcherContext().conclude(), writer,
                new SystemEpochNanoClock());
            final StringBuilder sb = new StringBuilder();
            String line;
            int n = 0;
            int errors = 0;
            while (null != (line = in.readLine()))
            {
                n++;
                sb.setLength(0);
                simulator.line(n, line, sb);
                if (sb.indexOf("\"type\":\"error\"") == 1)
                {
                    errors++;
                    System.err.print(sb);
                }
                out.print(sb);
            }
            out.flush();
            if (errors > 0)
            {
                System.err.println(errors + " malformed line(s) skipped");
            }
        }
        try
        {
            if (settle)
            {
                // the settlement consumers over the journal just written, as they tail the live one
                io.databourse.settlement.SettlementRun.run(journalPath, Path.of(outDir));
                System.err.println("settled into " + Path.of(outDir).toAbsolutePath());
            }
        }
        finally
        {
            if (null == journalDir)
            {
                IoUtil.delete(journalPath.toFile(), true);
            }
        }
        return 0;
    }

    static int events(final List<String> args, final PrintStream out)
    {
        if (args.size() != 1)
        {
            System.err.println("usage: databourse events JOURNAL_DIR");
            return 2;
        }
        final EventJsonWriter writer = new EventJsonWriter();
        final StringBuilder sb = new StringBuilder();
        try (Journal journal = Journal.openReadOnly(Path.of(args.get(0)));
            JournalReader reader = journal.reader())
        {
            while (reader.read((index, record) ->
            {
                sb.setLength(0);
                writer.write(record, sb);
                out.print(sb);
            }))
            {
                // all records
            }
        }
        out.flush();
        return 0;
    }

    static int verify(final List<String> args, final PrintStream out)
    {
        if (args.size() != 1)
        {
            System.err.println("usage: databourse verify JOURNAL_DIR");
            return 2;
        }
        try (Journal journal = Journal.openReadOnly(Path.of(args.get(0)));
            JournalReader reader = journal.reader())
        {
            final Matcher matcher = new Matcher(new MatcherContext().conclude());
            final long n = JournalRecovery.replay(reader, matcher);
            out.println("OK: " + n + " records replayed; every event identical to the journal; last seq " +
                matcher.lastSeq());
            return 0;
        }
        catch (final IllegalStateException ex)
        {
            out.println("FAILED: " + ex.getMessage());
            return 1;
        }
    }
}
