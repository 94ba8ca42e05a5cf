package io.databourse.exchange.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;

import io.databourse.exchange.EmbeddedExchange;
import io.databourse.exchange.ExchangeConfig;
import org.agrona.CloseHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * The console in real headless Chromium (Debian's chromium + chromium-driver, driven by Selenium)
 * against the embedded exchange with the demo reference data: a participant logs in, sees the
 * catalogue, places an order that rests, sees it live in its orders and cancels it; a second
 * participant's order trades against the next one and both pages show the trade without a
 * reload, while a risk officer's page shows both positions change; a regulator halts a product
 * from the page; and a participant cannot open another's data by URL or API (403).
 * <p>Skipped only where chromium is not installed and not in CI; CI ({@code .ci/run}) installs it.
 */
class ConsoleBrowserTest
{
    static final String TRAFFIC = ConsoleExchangeTest.TRAFFIC;

    @TempDir
    Path dataDir;

    private EmbeddedExchange exchange;
    private Chromium p1Browser;
    private Chromium p2Browser;
    private Chromium riskBrowser;

    @BeforeEach
    void start()
    {
        assumeTrue(Chromium.available() || "true".equals(System.getenv("CI")),
            "chromium and chromium-driver are not installed (apt-get install -y chromium chromium-driver)");
        exchange = EmbeddedExchange.launch(new ExchangeConfig()
            .dataDir(dataDir)
            .aeronDir("/dev/shm/databourse-browser-" + ProcessHandle.current().pid())
            .fixEnabled(false)
            .positionsHttpPort(0));
    }

    @AfterEach
    void stop()
    {
        CloseHelper.closeAll(p1Browser, p2Browser, riskBrowser, exchange);
    }

    private ConsolePage page(final Chromium browser)
    {
        return new ConsolePage(browser.driver(), exchange.httpPort());
    }

    @Test
    void participantsTradeLiveAndTheRiskOfficerSeesPositionsMove()
    {
        p1Browser = new Chromium();
        final ConsolePage p1 = page(p1Browser).logIn("P1", ConsoleExchangeTest.P1);
        p1.open("catalogue");
        p1.awaitVisible(By.cssSelector("#catalogue-table tr[data-product='" + TRAFFIC + "']"));
        assertTrue(p1.rowTexts("catalogue-table").stream().anyMatch(r -> r.contains(TRAFFIC) && r.contains("listed")));

        final String resting = p1.placeOrder(TRAFFIC, "buy", "limit", "gtc", "11.00", "5");
        final String row = p1.awaitVisible(ConsolePage.liveOrder(resting)).getText();
        assertTrue(row.contains("11.00") && row.contains(TRAFFIC), row);
        p1.cancel(resting);
        p1.awaitGone(ConsolePage.liveOrder(resting));
        assertTrue(p1.awaitVisible(ConsolePage.doneOrder(resting)).getText().contains("cancelled"));

        riskBrowser = new Chromium();
        final ConsolePage risk = page(riskBrowser).logIn("RISK1", ConsoleExchangeTest.RISK1);
        risk.open("risk");
        final By p1Risk = By.cssSelector("#risk-table tr[data-participant='P1']");
        final By p2Risk = By.cssSelector("#risk-table tr[data-participant='P2']");
        final String p1Before = risk.awaitVisible(p1Risk).getText();
        final String p2Before = risk.awaitVisible(p2Risk).getText();

        final String bid = p1.placeOrder(TRAFFIC, "buy", "limit", "gtc", "12.00", "4");
        p1.awaitVisible(ConsolePage.liveOrder(bid));
        p1.open("trades");

        p2Browser = new Chromium();
        final ConsolePage p2 = page(p2Browser).logIn("P2", ConsoleExchangeTest.P2);
        p2.placeOrder(TRAFFIC, "sell", "limit", "ioc", "12.00", "4");
        p2.open("trades");
        // neither page reloads: the live channel tells each of its fill
        final String buyerRow = p1.awaitVisible(By.cssSelector("#trades-table tr[data-trade]")).getText();
        final String sellerRow = p2.awaitVisible(By.cssSelector("#trades-table tr[data-trade]")).getText();
        assertTrue(buyerRow.contains("buy") && buyerRow.contains("12.00") && buyerRow.contains("48.00"), buyerRow);
        assertTrue(sellerRow.contains("sell") && sellerRow.contains("12.00"), sellerRow);

        risk.await(d -> !d.findElement(p1Risk).getText().equals(p1Before) && !d.findElement(p2Risk).getText().equals(p2Before));
        assertTrue(risk.driver().findElement(p1Risk).getText().contains("48.00"),
            "P1's holdings at mark: 4 x 12.00: " + risk.driver().findElement(p1Risk).getText());
    }

    @Test
    void aParticipantCannotOpenAnotherParticipantsDataByUrlOrApi()
    {
        p1Browser = new Chromium();
        final ConsolePage p1 = page(p1Browser).logIn("P1", ConsoleExchangeTest.P1);
        assertEquals(200, p1.fetchStatus("/api/participants/P1/orders"));
        assertEquals(403, p1.fetchStatus("/api/participants/P2/orders"));
        assertEquals(403, p1.fetchStatus("/api/participants/P2/position"));
        assertEquals(403, p1.fetchStatus("/api/participants/P2/trades"));
        assertEquals(403, p1.fetchStatus("/api/risk"));
        assertEquals(403, p1.fetchStatus("/api/regulator"));
        p1.driver().get(p1.base() + "/api/participants/P2/position");
        assertTrue(p1.driver().getPageSource().contains("\"status\":403"), p1.driver().getPageSource());
        p1.driver().get(p1.base() + "/#risk");
        p1.awaitVisible(By.id("view-catalogue"));
        assertTrue(!p1.driver().findElement(By.id("nav-risk")).isDisplayed(), "no risk view for a participant");
    }

    @Test
    void aRegulatorHaltsAProductFromThePage()
    {
        p1Browser = new Chromium();
        final ConsolePage reg = page(p1Browser).logIn("REG1", ConsoleExchangeTest.REG1);
        reg.open("regulator");
        final By product = By.cssSelector("#regulator-products tr[data-product='ALGO.FRAUD.MODEL']");
        reg.awaitVisible(product).findElement(By.cssSelector("button.halt")).click();
        // a destructive action asks first
        reg.await(d -> org.openqa.selenium.support.ui.ExpectedConditions.alertIsPresent().apply(d)).accept();
        reg.await(d -> d.findElement(product).getText().contains("suspended"));
        assertTrue(reg.driver().findElements(By.cssSelector(
            "#regulator-participants tr[data-participant='REG1'] button.suspend")).isEmpty(), "no button to suspend oneself");
        assertTrue(reg.driver().findElement(By.id("regulator-result")).getText().contains("sent"));
        reg.await(d -> d.findElement(By.cssSelector("#regulator-actions tbody")).getText().contains("ALGO.FRAUD.MODEL"));
        final String action = reg.driver().findElement(By.cssSelector("#regulator-actions tbody tr")).getText();
        assertTrue(action.contains("REG1") && action.contains("product suspended") && action.contains("applied"), action);
    }
}
