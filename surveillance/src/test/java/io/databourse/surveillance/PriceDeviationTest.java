package io.databourse.surveillance;

import java.time.Duration;
import java.util.List;

import io.databourse.surveillance.alert.Alert;
import io.databourse.surveillance.alert.AlertType;
import io.databourse.surveillance.alert.Severity;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PriceDeviationTest
{
    private final Watch watch = new Watch();
    private final Market m = watch.market;
    private final int s = m.participant("S");
    private final int b = m.participant("B");
    private final int c = m.participant("C");
    private final int data = m.product("D1", 1_000);

    private void fiveTradesAtTen()
    {
        for (int i = 0; i < 5; i++)
        {
            m.trade(s, b, data, 1_000, 10);
            m.after(Duration.ofMinutes(2));
        }
    }

    @Test
    void aFillTwentyPercentAboveTheVwapIsADeviation()
    {
        fiveTradesAtTen();
        final long off = m.trade(s, c, data, 1_200, 10);
        final List<Alert> deviations = watch.of(AlertType.PRICE_DEVIATION);
        assertEquals(1, deviations.size(), () -> watch.alerts.toString());
        final Alert alert = deviations.get(0);
        assertEquals(off, alert.trades().get(0).tradeId());
        assertEquals(Severity.MEDIUM, alert.severity());
        assertEquals(List.of("C", "S"), alert.participants(), "aggressor first");
        assertTrue(alert.text().contains("20.0 % above the VWAP of 10.00"), alert.text());
    }

    @Test
    void aFillWithinTheBandOrBeforeTheVwapHasEnoughTradesIsNot()
    {
        for (int i = 0; i < 4; i++)
        {
            m.trade(s, b, data, 1_000, 10);
        }
        m.trade(s, c, data, 1_300, 10);       // only 4 trades before it
        m.after(Duration.ofHours(2));
        fiveTradesAtTen();
        m.trade(s, c, data, 1_090, 10);       // 9 %
        assertEquals(List.of(), watch.of(AlertType.PRICE_DEVIATION), () -> watch.alerts.toString());
    }

    @Test
    void aCallAuctionsUncrossHasNoAggressorSoNoDeviationIsLaidOnAnyone()
    {
        fiveTradesAtTen();
        m.tradeInUncross(s, c, data, 1_300, 10);    // 30 % above, but the auction's one price: nobody pushed it
        assertEquals(List.of(), watch.of(AlertType.PRICE_DEVIATION), () -> watch.alerts.toString());
        m.trade(s, c, data, 1_300, 10);             // the same price taken by an aggressor is one
        assertEquals(1, watch.of(AlertType.PRICE_DEVIATION).size(), () -> watch.alerts.toString());
    }
}
