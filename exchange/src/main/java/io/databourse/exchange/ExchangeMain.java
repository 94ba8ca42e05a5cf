package io.databourse.exchange;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import io.databourse.exchange.cli.CertificatesCommand;
import io.databourse.exchange.audit.AuditCommand;
import io.databourse.exchange.cli.ClusterCommand;
import io.databourse.exchange.cli.ConsoleScreenshotsCommand;
import io.databourse.exchange.cli.EventsCommand;
import io.databourse.exchange.cli.PasswdCommand;
import io.databourse.exchange.cli.IndexesCommand;
import io.databourse.exchange.cli.RunCommand;
import io.databourse.exchange.cli.SimulateCommand;
import io.databourse.exchange.cli.StartFailure;
import io.databourse.exchange.cli.VerifyCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code bin/databourse}: one picocli command per subcommand, each with {@code --help}. Unknown
 * options and bad values are refused with the usage and exit status 2; a subcommand that fails
 * prints one line naming what failed and exits 1 (never a stack trace and a JVM left running).
 */
@Command(
    name = "databourse",
    mixinStandardHelpOptions = true,
    versionProvider = ExchangeMain.Version.class,
    description = "The trading core of a regulated big-data exchange: data products, compute capacity, algorithm tools.",
    subcommands = {
        RunCommand.class,
        SimulateCommand.class,
        EventsCommand.class,
        VerifyCommand.class,
        AuditCommand.class,
        CertificatesCommand.class,
        ConsoleScreenshotsCommand.class,
        PasswdCommand.class,
        ClusterCommand.class,
        IndexesCommand.class,
        CommandLine.HelpCommand.class},
    footer = {
        "",
        "bin/databourse also runs the performance suite: bench [--quick] | bench --isolated [--quick] " +
            "(docs/perf.md; bin/databourse bench --help)."})
public final class ExchangeMain implements Runnable
{
    @Spec
    private CommandSpec spec;

    @Override
    public void run()
    {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
    }

    public static void main(final String[] args)
    {
        System.exit(execute(System.out, System.err, args));
    }

    /** Runs one command line to its exit status, writing to the given streams. */
    public static int execute(final PrintStream out, final PrintStream err, final String... args)
    {
        return commandLine(out, err).execute(args);
    }

    static CommandLine commandLine(final PrintStream out, final PrintStream err)
    {
        final CommandLine commandLine = new CommandLine(new ExchangeMain()).setUsageHelpWidth(100);
        commandLine.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        commandLine.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        commandLine.setExecutionExceptionHandler((ex, failed, parseResult) ->
        {
            failed.getErr().println("databourse " + failed.getCommandName() + ": " + StartFailure.describe(ex));
            failed.getErr().flush();
            return 1;
        });
        return commandLine;
    }

    /** The version from the jar's manifest, when built. */
    static final class Version implements CommandLine.IVersionProvider
    {
        @Override
        public String[] getVersion()
        {
            final String version = ExchangeMain.class.getPackage().getImplementationVersion();
            return new String[] {"DataBourse " + (null == version ? "(development build)" : version)};
        }
    }
}
