package io.databourse.surveillance;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.databourse.surveillance.alert.Alert;
import io.databourse.surveillance.alert.AlertType;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RampingTest
{
    private final Watch watch = new Watch();
    private final Market m = watch.market;
    private final int ramper = m.participant("R");
    private final int s1 = m.participant("S1");
    private final int s2 = m.participant("S2");
    private final int other = m.participant("O");
    private final int data = m.product("D1", 1_000);

    @Test
    void aParticipantsAggressiveBuysLiftingThePriceSixPercentInFourMinutesIsRamping()
    {
        m.trade(s1, other, data, 1_000, 10);
        m.after(Duration.ofMinutes(30));
        final long[] prices = {1_015, 1_030, 1_045, 1_060};
        for (final long p : prices)
        {
            m.trade(s1, ramper, data, p, 10);
            m.after(Duration.ofMinutes(1));
        }
        final List<Alert> ramps = watch.of(AlertType.PRICE_RAMPING);
        assertEquals(1, ramps.size(), () -> watch.alerts.toString());
        final Alert alert = ramps.get(0);
        assertEquals(List.of("R"), alert.participants());
        assertEquals(4, alert.trades().size());
        assertTrue(alert.text().startsWith("R's aggressive buys moved D1 from 10.00 to 10.60 (+6.0 %) within 3 min"),
            alert.text());
    }

    @Test
    void aSmallerMoveOrAMoveMadeByManyIsNotRamping()
    {
        m.trade(s1, other, data, 1_000, 10);
        m.after(Duration.ofMinutes(30));
        for (final long p : new long[]{1_010, 1_020, 1_030, 1_040})  // +4 %
        {
            m.trade(s1, ramper, data, p, 10);
            m.after(Duration.ofMinutes(1));
        }
        m.after(Duration.ofMinutes(30));
        final int[] buyers = {other, s2, ramper, other, s2, ramper, other, s2, ramper};
        long price = 1_040;
        for (final int buyer : buyers)                                 // +9.5 %, but R made a third of it
        {
            price += 11;
            m.trade(s1, buyer, data, price, 10);
            m.after(Duration.ofSeconds(30));
        }
        assertEquals(List.of(), watch.of(AlertType.PRICE_RAMPING), () -> watch.alerts.toString());
    }

    @Test
    void oneAggressorsFlatTradesThenOneJumpIsADeviationNotARamp()
    {
        for (int i = 0; i < 4; i++)
        {
            m.trade(s1, ramper, data, 1_000, 10);
            m.after(Duration.ofSeconds(30));
        }
        m.trade(s1, ramper, data, 1_200, 10);      // +20 %, but in one trade
        assertEquals(List.of(), watch.of(AlertType.PRICE_RAMPING), () -> watch.alerts.toString());
    }

    @Test
    void aSmallerPushJustBeforeAComputeWindowOpensIsMarkingTheClose()
    {
        final Instant opening = Instant.parse("2026-03-01T18:00:00Z");
        final int gpu = m.computeProduct("GPU.1", 2_800, opening);
        m.trade(s1, other, gpu, 2_800, 1);
        m.at(opening.minus(Duration.ofMinutes(10)));
        for (final long p : new long[]{2_830, 2_860, 2_890})     // +3.2 %
        {
            m.trade(s1, ramper, gpu, p, 1);
            m.after(Duration.ofMinutes(1));
        }
        final List<Alert> marks = watch.of(AlertType.MARKING_THE_CLOSE);
        assertEquals(1, marks.size(), () -> watch.alerts.toString());
        assertTrue(marks.get(0).text().contains("before the delivery window opens at 2026-03-01T18:00:00Z"),
            marks.get(0).text());
        assertEquals(List.of(), watch.of(AlertType.PRICE_RAMPING));
    }

    @Test
    void theSamePushHoursBeforeTheWindowIsNothing()
    {
        final Instant opening = Instant.parse("2026-03-01T18:00:00Z");
        final int gpu = m.computeProduct("GPU.1", 2_800, opening);
        m.trade(s1, other, gpu, 2_800, 1);
        m.at(opening.minus(Duration.ofHours(3)));
        for (final long p : new long[]{2_830, 2_860, 2_890})
        {
            m.trade(s1, ramper, gpu, p, 1);
            m.after(Duration.ofMinutes(1));
        }
        assertEquals(List.of(), watch.alerts);
    }
}
