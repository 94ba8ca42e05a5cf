package io.databourse.exchange.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import io.databourse.exchange.console.Chromium;
import io.databourse.exchange.console.ConsoleScreenshots;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code databourse console-screenshots DIR}: a scripted console session, one screenshot per view. */
@Command(name = "console-screenshots", mixinStandardHelpOptions = true,
    description = {"Starts a fresh exchange with the demo reference data (in a temporary directory, no FIX), " +
        "drives the web console in headless Chromium as P1, P2, RISK1 and REG1, and saves a PNG of each view in DIR.",
        "Needs Debian's chromium and chromium-driver (apt-get install -y chromium chromium-driver); " +
            "-Ddatabourse.chromium / -Ddatabourse.chromedriver name others."})
public final class ConsoleScreenshotsCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "where the screenshots go (created if missing)")
    private Path outDir;

    @Override
    public Integer call() throws Exception
    {
        if (!Chromium.available())
        {
            throw new IllegalStateException("chromium or chromium-driver is not installed: " +
                "apt-get install -y chromium chromium-driver");
        }
        final PrintWriter out = spec.commandLine().getOut();
        final List<Path> saved = new ConsoleScreenshots(outDir, out).run();
        out.println(saved.size() + " screenshots in " + outDir.toAbsolutePath());
        out.flush();
        return 0;
    }
}
