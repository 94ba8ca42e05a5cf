package io.databourse.surveillance;

import java.time.Duration;
import java.util.List;

import io.databourse.surveillance.alert.Alert;
import io.databourse.surveillance.alert.AlertType;
import io.databourse.surveillance.alert.Severity;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CircularTradeTest
{
    private final Watch watch = new Watch();
    private final Market m = watch.market;
    private final int a = m.participant("A");
    private final int b = m.participant("B");
    private final int c = m.participant("C");
    private final int d = m.participant("D");
    private final int data = m.product("D1", 1_000);

    @Test
    void aThreePartyCircleWithinTheWindowRaisesOneAlertWithItsThreeLegs()
    {
        final long ab = m.trade(a, b, data, 1_000, 20);
        m.after(Duration.ofMinutes(8));
        final long bc = m.trade(b, c, data, 1_005, 20);
        m.after(Duration.ofMinutes(8));
        final long ca = m.trade(c, a, data, 1_000, 20);

        final List<Alert> circles = watch.of(AlertType.CIRCULAR_TRADE);
        assertEquals(1, circles.size(), () -> watch.alerts.toString());
        final Alert alert = circles.get(0);
        assertEquals(Severity.HIGH, alert.severity());
        assertEquals(List.of("A", "B", "C"), alert.participants());
        assertEquals(List.of(ab, bc, ca), alert.trades().stream().map(t -> t.tradeId()).toList());
        assertEquals(6, alert.orders().size());
        assertTrue(alert.text().startsWith("D1 went round a circle in 16 min"), alert.text());
        assertEquals(List.of(), watch.of(AlertType.WASH_TRADE), "no two-party round trip in a circle");
    }

    @Test
    void aCircleBackToAnotherAccountOfTheFirstSellersGroupIsACircle()
    {
        watch.group(a, "HOLDCO");
        watch.group(d, "HOLDCO");
        m.trade(a, b, data, 1_000, 20);
        m.after(Duration.ofMinutes(5));
        m.trade(b, c, data, 1_000, 20);
        m.after(Duration.ofMinutes(5));
        m.trade(c, d, data, 1_000, 20);

        final List<Alert> circles = watch.of(AlertType.CIRCULAR_TRADE);
        assertEquals(1, circles.size(), () -> watch.alerts.toString());
        assertEquals(List.of("A", "B", "C", "D"), circles.get(0).participants());
        assertTrue(circles.get(0).text().contains("(A and D belong to group HOLDCO)"), circles.get(0).text());
    }

    @Test
    void aChainThatDoesNotCloseOrClosesTooLateOrAtAnotherPriceIsNoCircle()
    {
        m.trade(a, b, data, 1_000, 20);
        m.after(Duration.ofMinutes(8));
        m.trade(b, c, data, 1_000, 20);
        m.after(Duration.ofMinutes(8));
        m.trade(c, d, data, 1_000, 20);            // on to a fourth party: the units moved on

        m.after(Duration.ofMinutes(40));
        m.trade(a, b, data, 1_000, 20);
        m.after(Duration.ofMinutes(20));
        m.trade(b, c, data, 1_000, 20);
        m.after(Duration.ofMinutes(15));
        m.trade(c, a, data, 1_000, 20);            // closes 35 min after the first leg: outside the window

        m.after(Duration.ofMinutes(40));
        m.trade(a, c, data, 1_000, 20);
        m.after(Duration.ofMinutes(1));
        m.trade(c, b, data, 1_000, 20);
        m.after(Duration.ofMinutes(1));
        m.trade(b, a, data, 1_150, 20);            // closes A-C-B-A, but 15 % dearer: a real price change
        assertEquals(List.of(), watch.of(AlertType.CIRCULAR_TRADE), () -> watch.alerts.toString());
    }
}
