package io.databourse.surveillance;

import java.time.Duration;
import java.util.List;

import io.databourse.surveillance.alert.Alert;
import io.databourse.surveillance.alert.AlertType;
import org.junit.jupiter.api.Test;

import static io.databourse.surveillance.Market.BUY;
import static io.databourse.surveillance.Market.SELL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpoofingTest
{
    private final Watch watch = new Watch();
    private final Market m = watch.market;
    private final int spoofer = m.participant("X");
    private final int buyer = m.participant("Y");
    private final int maker = m.participant("MM");
    private final int data = m.product("D1", 1_000);

    /** X layers bids (or asks) under the market, then sells into the bid it drew. */
    private long[] layerThenSell(final byte layerSide, final long layerQty)
    {
        final long[] layers = new long[4];
        for (int i = 0; i < layers.length; i++)
        {
            layers[i] = m.rest(spoofer, data, layerSide, layerSide == BUY ? 990 - 5 * i : 1_050 + 5 * i, layerQty);
            m.after(Duration.ofSeconds(2));
        }
        m.tradeSellerAggressor(spoofer, buyer, data, 1_000, 10);
        m.after(Duration.ofSeconds(20));
        return layers;
    }

    @Test
    void largeBidsCancelledRightAfterSellingAreSpoofing()
    {
        final long[] layers = layerThenSell(BUY, 100);
        m.massCancel(spoofer);

        final List<Alert> spoofs = watch.of(AlertType.SPOOFING);
        assertEquals(1, spoofs.size(), () -> watch.alerts.toString());
        final Alert alert = spoofs.get(0);
        assertEquals(List.of("X"), alert.participants(), "the counterparty of the genuine trade is not accused");
        assertEquals(1, alert.trades().size());
        for (final long layer : layers)
        {
            assertTrue(alert.orders().stream().anyMatch(o -> o.orderId() == layer), "layer " + layer + " in evidence");
        }
        assertTrue(alert.text().startsWith("X cancelled 4 buy orders for 400 D1 20 s after selling 10 at 10.00"),
            alert.text());
    }

    @Test
    void cancellingTheLayersOneByOneStillMakesOneAlert()
    {
        final long[] layers = layerThenSell(BUY, 100);
        for (final long layer : layers)
        {
            m.cancel(layer);
        }
        assertEquals(1, watch.of(AlertType.SPOOFING).size(), () -> watch.alerts.toString());
    }

    @Test
    void cancellingLongAfterTheTradeIsNotSpoofing()
    {
        layerThenSell(BUY, 100);
        m.after(Duration.ofMinutes(5));
        m.massCancel(spoofer);
        assertEquals(List.of(), watch.of(AlertType.SPOOFING), () -> watch.alerts.toString());
    }

    @Test
    void cancellingOrdersNotLargeNextToTheTradeIsNotSpoofing()
    {
        layerThenSell(BUY, 40);            // 4x the trade; large starts at 5x
        m.massCancel(spoofer);
        assertEquals(List.of(), watch.of(AlertType.SPOOFING), () -> watch.alerts.toString());
    }

    @Test
    void cancellingLargeOrdersOnTheSameSideAsTheTradeIsNotSpoofing()
    {
        layerThenSell(SELL, 100);          // asks pulled after selling: no pressure on the other side
        m.massCancel(spoofer);
        assertEquals(List.of(), watch.of(AlertType.SPOOFING), () -> watch.alerts.toString());
    }

    @Test
    void ordersEnteredAfterTheTradeAreNotTheLayersThatMovedIt()
    {
        m.tradeSellerAggressor(spoofer, buyer, data, 1_000, 10);
        for (int i = 0; i < 4; i++)
        {
            m.rest(spoofer, data, BUY, 990 - 5 * i, 100);
        }
        m.after(Duration.ofSeconds(20));
        m.massCancel(spoofer);
        assertEquals(List.of(), watch.of(AlertType.SPOOFING), () -> watch.alerts.toString());
    }

    @Test
    void aBusyTraderWithALowOrderToTradeRatioIsNotSpoofing()
    {
        for (int i = 0; i < 5; i++)
        {
            m.trade(maker, buyer, data, 1_000, 10);
            m.after(Duration.ofSeconds(30));
        }
        final long big = m.rest(maker, data, BUY, 990, 100);
        m.tradeSellerAggressor(maker, buyer, data, 1_000, 10);
        m.after(Duration.ofSeconds(5));
        m.cancel(big);                   // 7 orders for 6 trades: a market maker adjusting its quote
        assertEquals(List.of(), watch.of(AlertType.SPOOFING), () -> watch.alerts.toString());
    }
}
