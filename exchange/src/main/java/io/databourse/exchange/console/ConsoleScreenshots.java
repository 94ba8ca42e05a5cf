package io.databourse.exchange.console;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.databourse.exchange.EmbeddedExchange;
import io.databourse.exchange.ExchangeConfig;
import org.agrona.CloseHelper;
import org.agrona.IoUtil;
import org.openqa.selenium.By;

/**
 * A scripted console session on a fresh embedded exchange with the demo reference data, saving a
 * screenshot of each view: the login page, and after a few orders and a trade placed through the
 * page, the catalogue with its price chart, the orders, trades and positions of P1, the risk
 * officer's page and the regulator's (with the alert of a round trip P1 and P2 traded, and its
 * evidence). What {@code bin/databourse console-screenshots DIR} runs.
 */
public final class ConsoleScreenshots
{
    static final String TRAFFIC = "DATA.TRAFFIC.API";
    static final String ALGO = "ALGO.FRAUD.MODEL";
    /** Demo passwords (docs/settlement.md): public, for the demo participants only. */
    static final String P1_PASSWORD = "demo-p1-b023bf6878644a3e5f";
    static final String P2_PASSWORD = "demo-p2-5cc6f5df413895eb44";
    static final String RISK1_PASSWORD = "demo-risk1-86815c7505c7e155db";
    static final String REG1_PASSWORD = "demo-reg1-590c427ce28c956e6c";

    private final Path outDir;
    private final PrintWriter progress;
    private final List<Path> saved = new ArrayList<>();

    public ConsoleScreenshots(final Path outDir, final PrintWriter progress)
    {
        this.outDir = outDir;
        this.progress = progress;
    }

    /** Runs the session; returns the files saved, in order. */
    public List<Path> run() throws IOException
    {
        Files.createDirectories(outDir);
        final Path dataDir = Files.createTempDirectory("databourse-screenshots");
        EmbeddedExchange exchange = null;
        Chromium p1Browser = null;
        Chromium otherBrowser = null;
        try
        {
            step("starting an exchange with the demo reference data in " + dataDir);
            exchange = EmbeddedExchange.launch(new ExchangeConfig()
                .dataDir(dataDir)
                .aeronDir("/dev/shm/databourse-screenshots-" + ProcessHandle.current().pid())
                .fixEnabled(false)
                .positionsHttpPort(0));
            final int port = exchange.httpPort();

            step("starting headless Chromium");
            p1Browser = new Chromium();
            final ConsolePage p1 = new ConsolePage(p1Browser.driver(), port);
            p1.openLogin();
            save(p1, "01-login.png");

            step("P1 logs in and trades");
            p1.logIn("P1", P1_PASSWORD);
            p1.placeOrder(TRAFFIC, "buy", "limit", "gtc", "11.50", "10");
            p1.placeOrder(TRAFFIC, "buy", "limit", "gtc", "11.80", "6");
            final String crossing = p1.placeOrder(TRAFFIC, "buy", "limit", "gtc", "12.10", "8");
            p1.awaitVisible(ConsolePage.liveOrder(crossing));

            otherBrowser = new Chromium();
            final ConsolePage p2 = new ConsolePage(otherBrowser.driver(), port).logIn("P2", P2_PASSWORD);
            p2.placeOrder(TRAFFIC, "sell", "limit", "ioc", "12.10", "5");
            p2.placeOrder(TRAFFIC, "sell", "limit", "ioc", "11.80", "4");
            p2.placeOrder(TRAFFIC, "sell", "limit", "gtc", "12.60", "20");
            p2.placeOrder(TRAFFIC, "sell", "limit", "gtc", "12.90", "15");
            p2.placeOrder(TRAFFIC, "buy", "limit", "day", "99.00", "1");

            step("P2 and P1 trade the algorithm back and forth: a round trip surveillance flags");
            final String algoBid = p1.placeOrder(ALGO, "buy", "limit", "gtc", "5000.00", "2");
            p1.awaitVisible(ConsolePage.liveOrder(algoBid));
            p2.placeOrder(ALGO, "sell", "limit", "ioc", "5000.00", "2");
            p1.awaitGone(ConsolePage.liveOrder(algoBid));
            final String algoOffer = p1.placeOrder(ALGO, "sell", "limit", "gtc", "5000.00", "2");
            p1.awaitVisible(ConsolePage.liveOrder(algoOffer));
            p2.placeOrder(ALGO, "buy", "limit", "ioc", "5000.00", "2");
            p1.awaitGone(ConsolePage.liveOrder(algoOffer));
            CloseHelper.close(otherBrowser);
            otherBrowser = null;

            p1.open("catalogue");
            p1.await(d -> d.findElement(By.id("market-title")).getText().contains("last 11.80"));
            save(p1, "02-catalogue.png");
            p1.open("orders");
            p1.awaitVisible(By.cssSelector("#orders-done tr[data-clordid]"));
            save(p1, "03-orders.png");
            p1.open("trades");
            p1.await(d -> d.findElements(By.cssSelector("#trades-table tr[data-trade]")).size() >= 3);
            save(p1, "04-trades.png");
            p1.open("positions");
            p1.awaitVisible(By.cssSelector("#position-holdings tr[data-product]"));
            save(p1, "05-positions.png");

            step("the risk officer's page");
            otherBrowser = new Chromium();
            final ConsolePage risk = new ConsolePage(otherBrowser.driver(), port).logIn("RISK1", RISK1_PASSWORD);
            risk.open("risk");
            risk.awaitVisible(By.cssSelector("#risk-table tr[data-participant='P1']"));
            risk.await(d -> d.findElement(By.id("risk-chart-title")).getText().contains(TRAFFIC));
            save(risk, "06-risk.png");
            CloseHelper.close(otherBrowser);
            otherBrowser = null;

            step("the regulator's page");
            otherBrowser = new Chromium();
            final ConsolePage reg = new ConsolePage(otherBrowser.driver(), port).logIn("REG1", REG1_PASSWORD);
            reg.open("regulator");
            reg.awaitVisible(By.cssSelector("#regulator-participants tr[data-participant='P1']"));
            reg.awaitVisible(By.cssSelector("#alerts-table tr[data-alert]")).findElement(By.cssSelector("button.evidence"))
                .click();
            reg.await(d -> d.findElements(By.cssSelector("#evidence-timeline li")).size() >= 2);
            save(reg, "07-regulator.png");
            return saved;
        }
        finally
        {
            CloseHelper.closeAll(otherBrowser, p1Browser, exchange);
            IoUtil.delete(dataDir.toFile(), true);
        }
    }

    private void step(final String what)
    {
        progress.println("console-screenshots: " + what);
        progress.flush();
    }

    private void save(final ConsolePage page, final String name)
    {
        final Path file = outDir.resolve(name);
        final long overflow = page.overflowWidth();
        if (overflow > 0)
        {
            step("warning: " + name + ": the page is " + overflow + " px wider than the window (it scrolls sideways)");
        }
        page.screenshot(file);
        saved.add(file);
        step("saved " + file);
    }
}
