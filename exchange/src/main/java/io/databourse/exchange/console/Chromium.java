package io.databourse.exchange.console;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.agrona.IoUtil;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A headless Chromium driven through chromium-driver, both Debian's packages (never a browser
 * downloaded at run time: the machine's network is closed), with a fresh profile of its own and
 * every background network feature off. Paths: {@code -Ddatabourse.chromium} (default
 * {@code /usr/bin/chromium}) and {@code -Ddatabourse.chromedriver} (default {@code /usr/bin/chromedriver}).
 */
public final class Chromium implements AutoCloseable
{
    public static final String BROWSER_PROP_NAME = "databourse.chromium";
    public static final String DRIVER_PROP_NAME = "databourse.chromedriver";
    static final int WIDTH = 1440;
    static final int HEIGHT = 1000;

    /** Selenium warns on every start that it has no DevTools bindings for this Chromium: the console uses none. */
    private static final java.util.logging.Logger SELENIUM_LOG = java.util.logging.Logger.getLogger("org.openqa.selenium");

    static
    {
        SELENIUM_LOG.setLevel(java.util.logging.Level.SEVERE);
    }

    private final Path profile;
    private final ChromeDriver driver;

    public Chromium()
    {
        if (!available())
        {
            throw new IllegalStateException("no " + browser() + " or " + driverPath() +
                ": apt-get install -y chromium chromium-driver");
        }
        try
        {
            profile = Files.createTempDirectory("databourse-chromium");
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot create a browser profile directory", ex);
        }
        final ChromeOptions options = new ChromeOptions();
        options.setBinary(browser().toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=" + WIDTH + "," + HEIGHT);
        final ChromeDriverService service = new ChromeDriverService.Builder()
            .usingDriverExecutable(driverPath().toFile())
            .usingAnyFreePort()
            .withLogOutput(java.io.OutputStream.nullOutputStream())
            .build();
        try
        {
            driver = new ChromeDriver(service, options);
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
        }
        catch (final RuntimeException ex)
        {
            IoUtil.delete(profile.toFile(), true);
            throw ex;
        }
    }

    /** Whether the browser and its driver are installed (the browser tests need both). */
    public static boolean available()
    {
        return Files.isExecutable(browser()) && Files.isExecutable(driverPath());
    }

    static Path browser()
    {
        return Path.of(System.getProperty(BROWSER_PROP_NAME, "/usr/bin/chromium"));
    }

    static Path driverPath()
    {
        return Path.of(System.getProperty(DRIVER_PROP_NAME, "/usr/bin/chromedriver"));
    }

    public ChromeDriver driver()
    {
        return driver;
    }

    @Override
    public void close()
    {
        try
        {
            driver.quit();
        }
        finally
        {
            IoUtil.delete(profile.toFile(), true);
        }
    }

    /** For messages: the browser binary as configured. */
    public static File browserFile()
    {
        return browser().toFile();
    }
}
