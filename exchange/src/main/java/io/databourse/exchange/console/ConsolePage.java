package io.databourse.exchange.console;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console's page as a person uses it, for the browser tests and {@code console-screenshots}:
 * log in, open a view, send an order from the ticket, cancel, wait for what the live channel
 * brings. Waits are bounded ({@link #WAIT}) and end on what the page shows, never on time.
 */
public final class ConsolePage
{
    public static final Duration WAIT = Duration.ofSeconds(30);

    private final WebDriver driver;
    private final String base;
    private final WebDriverWait wait;

    public ConsolePage(final WebDriver driver, final int port)
    {
        this.driver = driver;
        this.base = "http://127.0.0.1:" + port;
        // tables are redrawn whenever the live channel says so: an element found a moment ago may be gone
        this.wait = (WebDriverWait)new WebDriverWait(driver, WAIT).ignoring(StaleElementReferenceException.class);
    }

    public WebDriver driver()
    {
        return driver;
    }

    public String base()
    {
        return base;
    }

    public ConsolePage openLogin()
    {
        driver.get(base + "/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-participant")));
        return this;
    }

    public ConsolePage logIn(final String participant, final String password)
    {
        openLogin();
        driver.findElement(By.id("login-participant")).sendKeys(participant);
        driver.findElement(By.id("login-password")).sendKeys(password);
        driver.findElement(By.id("login-submit")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("nav")));
        wait.until(ExpectedConditions.textToBe(By.id("live-status"), "live"));
        return this;
    }

    /** Opens a view from the navigation and waits until its first table has rows. */
    public ConsolePage open(final String view)
    {
        driver.findElement(By.id("nav-" + view)).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("view-" + view)));
        wait.until(d -> !d.findElements(By.cssSelector("#view-" + view + " table tbody tr")).isEmpty());
        return this;
    }

    /** Sends an order from the ticket (on the orders view); returns the clOrdId the console gave it. */
    public String placeOrder(final String product, final String side, final String type, final String tif,
        final String price, final String qty)
    {
        open("orders");
        wait.until(d -> !new Select(d.findElement(By.id("ticket-product"))).getOptions().isEmpty());
        new Select(driver.findElement(By.id("ticket-product"))).selectByValue(product);
        new Select(driver.findElement(By.id("ticket-side"))).selectByValue(side);
        new Select(driver.findElement(By.id("ticket-type"))).selectByValue(type);
        new Select(driver.findElement(By.id("ticket-tif"))).selectByValue(tif);
        final WebElement priceInput = driver.findElement(By.id("ticket-price"));
        priceInput.clear();
        if (null != price)
        {
            priceInput.sendKeys(price);
        }
        final WebElement qtyInput = driver.findElement(By.id("ticket-qty"));
        qtyInput.clear();
        qtyInput.sendKeys(qty);
        final String before = driver.findElement(By.id("ticket-result")).getText();
        driver.findElement(By.id("ticket-submit")).click();
        wait.until(d ->
        {
            final String text = d.findElement(By.id("ticket-result")).getText();
            return !text.isEmpty() && !text.equals(before);
        });
        final String result = driver.findElement(By.id("ticket-result")).getText();
        if (!result.startsWith("Sent as "))
        {
            throw new IllegalStateException("the ticket says: " + result);
        }
        return result.substring("Sent as ".length(), result.indexOf(':'));
    }

    public static By liveOrder(final String clOrdId)
    {
        return By.cssSelector("#orders-live tr[data-clordid='" + clOrdId + "']");
    }

    public static By doneOrder(final String clOrdId)
    {
        return By.cssSelector("#orders-done tr[data-clordid='" + clOrdId + "']");
    }

    public ConsolePage cancel(final String clOrdId)
    {
        driver.findElement(liveOrder(clOrdId)).findElement(By.cssSelector("button.cancel-order")).click();
        return this;
    }

    /** Waits for a condition on the page (bounded by {@link #WAIT}). */
    public <T> T await(final Function<WebDriver, T> condition)
    {
        return wait.until(condition::apply);
    }

    public WebElement awaitVisible(final By by)
    {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    public void awaitGone(final By by)
    {
        wait.until(ExpectedConditions.numberOfElementsToBe(by, 0));
    }

    /** Texts of a table's body cells, row by row (for assertions). */
    public List<String> rowTexts(final String tableId)
    {
        return driver.findElements(By.cssSelector("#" + tableId + " tbody tr")).stream().map(WebElement::getText).toList();
    }

    /** Calls the API from inside the page (same origin, the session's cookie): returns the HTTP status. */
    public long fetchStatus(final String path)
    {
        final Object status = ((JavascriptExecutor)driver).executeAsyncScript(
            "const done = arguments[arguments.length - 1];" +
            "fetch(arguments[0], {credentials: 'same-origin'}).then(r => done(r.status), e => done(-1));", path);
        return ((Number)status).longValue();
    }

    /**
     * How far the page is wider than the window, in CSS pixels (0 when it fits): a table wider than
     * the window makes the whole page scroll sideways, which a person at the screenshot width should
     * never have to do. Measured against the viewport without its vertical scrollbar
     * ({@code clientWidth}), which is stricter than {@code window.innerWidth}.
     */
    public long overflowWidth()
    {
        final Number overflow = (Number)((JavascriptExecutor)driver).executeScript(
            "return Math.max(0, document.documentElement.scrollWidth - document.documentElement.clientWidth);");
        return overflow.longValue();
    }

    /** Saves the whole page (the window grown to the page's height first) as a PNG. */
    public void screenshot(final Path file)
    {
        final Number height = (Number)((JavascriptExecutor)driver).executeScript(
            "return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight);");
        driver.manage().window().setSize(new Dimension(Chromium.WIDTH, Math.max(Chromium.HEIGHT, height.intValue() + 40)));
        ((JavascriptExecutor)driver).executeScript("window.scrollTo(0, 0);"); // a click may have scrolled the page
        final Path taken = ((TakesScreenshot)driver).getScreenshotAs(OutputType.FILE).toPath();
        try
        {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.move(taken, file, StandardCopyOption.REPLACE_EXISTING);
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot save " + file, ex);
        }
    }
}
