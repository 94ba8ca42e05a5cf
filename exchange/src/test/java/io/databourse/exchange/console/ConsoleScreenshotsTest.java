package io.databourse.exchange.console;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import io.databourse.exchange.ExchangeMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code databourse console-screenshots DIR} saves a PNG of each view of a scripted session and says so. */
class ConsoleScreenshotsTest
{
    private static final byte[] PNG_MAGIC = {(byte)0x89, 'P', 'N', 'G'};

    @TempDir
    Path dir;

    @Test
    void savesOneScreenshotPerView() throws IOException
    {
        assumeTrue(Chromium.available() || "true".equals(System.getenv("CI")), "chromium is not installed");
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int status = ExchangeMain.execute(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8), "console-screenshots", dir.resolve("shots").toString());
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        final String[] expected = {"01-login.png", "02-catalogue.png", "03-orders.png", "04-trades.png",
            "05-positions.png", "06-risk.png", "07-regulator.png"};
        for (final String name : expected)
        {
            final Path file = dir.resolve("shots").resolve(name);
            assertTrue(Files.size(file) > 10_000, name + " is a real picture");
            assertArrayEquals(PNG_MAGIC, Arrays.copyOf(Files.readAllBytes(file), 4), name);
        }
        final String progress = out.toString(StandardCharsets.UTF_8);
        assertTrue(progress.contains("saved ") && progress.contains("7 screenshots in "), progress);
        // issue 18: no view scrolls sideways at the screenshot width (the regulator's alerts, the catalogue)
        assertFalse(progress.contains("wider than the window"), progress);
    }

    @Test
    void hasHelp()
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, ExchangeMain.execute(new PrintStream(out, true, StandardCharsets.UTF_8), System.err,
            "console-screenshots", "--help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("Usage: databourse console-screenshots"));
    }
}
