package io.databourse.surveillance;

import java.time.Duration;
import java.util.List;

import io.databourse.surveillance.alert.Alert;
import io.databourse.surveillance.alert.AlertType;
import io.databourse.surveillance.alert.Severity;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WashTradeTest
{
    private final Watch watch = new Watch();
    private final Market m = watch.market;
    private final int a = m.participant("A");
    private final int b = m.participant("B");
    private final int c = m.participant("C");
    private final int outsider = m.participant("OUT");
    private final int data = m.product("D1", 1_000);

    @Test
    void aRingOfTradesAcrossOneGroupRaisesAHighAlertForEachTrade()
    {
        watch.group(a, "HOLDCO");
        watch.group(b, "HOLDCO");
        watch.group(c, "HOLDCO");
        final long t1 = m.trade(a, b, data, 1_000, 10);
        m.after(Duration.ofMinutes(40));
        final long t2 = m.trade(b, c, data, 1_100, 10);
        m.after(Duration.ofMinutes(40));
        final long t3 = m.trade(c, a, data, 1_200, 10);

        final List<Alert> wash = watch.of(AlertType.WASH_TRADE);
        assertEquals(3, wash.size(), () -> watch.alerts.toString());
        assertEquals(t1, wash.get(0).trades().get(0).tradeId());
        assertEquals(t2, wash.get(1).trades().get(0).tradeId());
        assertEquals(t3, wash.get(2).trades().get(0).tradeId());
        for (final Alert alert : wash)
        {
            assertEquals(Severity.HIGH, alert.severity());
            assertEquals(List.of("D1"), alert.products());
            assertTrue(alert.text().contains("group HOLDCO"), alert.text());
            assertEquals(2, alert.orders().size(), "both orders of the trade, with their entry");
        }
        assertEquals(List.of("A", "B"), wash.get(0).participants());
    }

    @Test
    void groupsComeFromTheMatchersParticipantEvents()
    {
        final int x = m.participant("X", "HOLDCO");
        final int y = m.participant("Y", "HOLDCO");
        m.trade(x, y, data, 1_000, 10);
        assertEquals(1, watch.of(AlertType.WASH_TRADE).size(), () -> watch.alerts.toString());
        assertTrue(watch.of(AlertType.WASH_TRADE).get(0).text().contains("group HOLDCO"));
        // Y leaves the group: its trades with X are no longer within one beneficial owner
        m.regroup(y, "Y", "");
        m.after(Duration.ofMinutes(40));
        m.trade(x, y, data, 1_000, 10);
        assertEquals(1, watch.of(AlertType.WASH_TRADE).size(), () -> watch.alerts.toString());
    }

    @Test
    void theSameTradesBetweenParticipantsOfDifferentGroupsRaiseNothing()
    {
        watch.group(a, "HOLDCO");
        watch.group(b, "OTHERCO");
        m.trade(a, b, data, 1_000, 10);
        m.after(Duration.ofMinutes(40));
        m.trade(b, c, data, 1_100, 10);
        m.after(Duration.ofMinutes(40));
        m.trade(c, outsider, data, 1_200, 10);
        assertEquals(List.of(), watch.alerts);
    }

    @Test
    void aRingAcrossAGroupThroughAnOutsiderIsARoundTripBetweenOwners()
    {
        watch.group(a, "HOLDCO");
        watch.group(b, "HOLDCO");
        final long out = m.trade(a, outsider, data, 1_000, 10);
        m.after(Duration.ofMinutes(4));
        final long back = m.trade(outsider, b, data, 1_001, 10);

        final List<Alert> wash = watch.of(AlertType.WASH_TRADE);
        assertEquals(1, wash.size(), () -> watch.alerts.toString());
        final Alert alert = wash.get(0);
        assertEquals(List.of("OUT", "B", "A"), alert.participants());
        assertEquals(List.of(out, back), alert.trades().stream().map(t -> t.tradeId()).toList());
        assertTrue(alert.text().contains("A and B belong to group HOLDCO"), alert.text());
    }

    @Test
    void theSameRingEndingWithSomeoneOutsideTheGroupIsNot()
    {
        watch.group(a, "HOLDCO");
        watch.group(b, "HOLDCO");
        m.trade(a, outsider, data, 1_000, 10);
        m.after(Duration.ofMinutes(4));
        m.trade(outsider, c, data, 1_001, 10);
        assertEquals(List.of(), watch.alerts);
    }

    @Test
    void aRoundTripAtTheSamePriceWithinTheWindowIsAWashTrade()
    {
        final long first = m.trade(a, b, data, 1_000, 10);
        m.after(Duration.ofMinutes(5));
        final long back = m.trade(b, a, data, 1_002, 10);

        final List<Alert> wash = watch.of(AlertType.WASH_TRADE);
        assertEquals(1, wash.size(), () -> watch.alerts.toString());
        final Alert alert = wash.get(0);
        assertEquals(Severity.MEDIUM, alert.severity());
        assertEquals(List.of(first, back), List.of(alert.trades().get(0).tradeId(), alert.trades().get(1).tradeId()));
        assertEquals(List.of("B", "A"), alert.participants());
        assertEquals(m.seq(), alert.seq(), "raised by the record of the second leg");
        assertTrue(alert.text().contains("round trip"), alert.text());
    }

    @Test
    void aRoundTripOutsideTheWindowOrAtAnotherPriceOrSizeIsNot()
    {
        m.trade(a, b, data, 1_000, 10);
        m.after(Duration.ofMinutes(11));
        m.trade(b, a, data, 1_000, 10);            // 11 min later: outside the 10 min window
        m.after(Duration.ofMinutes(1));
        m.trade(a, c, data, 1_000, 10);
        m.after(Duration.ofMinutes(1));
        m.trade(c, a, data, 1_060, 10);            // 6 % dearer: a real price change
        m.after(Duration.ofMinutes(1));
        m.trade(a, outsider, data, 1_000, 10);
        m.after(Duration.ofMinutes(1));
        m.trade(outsider, a, data, 1_000, 4);      // less than half back: a real position change
        assertEquals(List.of(), watch.of(AlertType.WASH_TRADE));
    }
}
