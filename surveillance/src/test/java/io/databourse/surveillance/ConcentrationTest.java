package io.databourse.surveillance;

import java.util.List;

import io.databourse.surveillance.alert.Alert;
import io.databourse.surveillance.alert.AlertType;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConcentrationTest
{
    private final Watch watch = new Watch();
    private final Market m = watch.market;
    private final int supplier = m.participant("SUP");
    private final int hoarder = m.participant("H");
    private final int other = m.participant("O");
    private final int data = m.product("D1", 1_000);

    @Test
    void buyingMoreThanThirtyPercentOfTheUnitsIssuedIsConcentrationOnce()
    {
        m.issue(supplier, data, 100);
        m.trade(supplier, hoarder, data, 1_000, 20);
        m.trade(supplier, hoarder, data, 1_000, 11);     // 31 of 100
        m.trade(supplier, hoarder, data, 1_000, 10);     // 41: still above, no second alert
        final List<Alert> alerts = watch.of(AlertType.CONCENTRATION);
        assertEquals(1, alerts.size(), () -> watch.alerts.toString());
        assertEquals(List.of("H"), alerts.get(0).participants());
        assertTrue(alerts.get(0).text().startsWith("H now holds 31.0 % of D1 (31 of 100 units issued)"),
            alerts.get(0).text());
    }

    @Test
    void atTheThresholdOrAsTheSupplierOfOnesOwnUnitsIsNot()
    {
        m.issue(supplier, data, 100);
        m.trade(supplier, hoarder, data, 1_000, 30);     // exactly 30 %: not more
        m.trade(hoarder, other, data, 1_000, 10);
        m.trade(other, supplier, data, 1_000, 10);       // the supplier buying back is not a position taken
        assertEquals(List.of(), watch.of(AlertType.CONCENTRATION), () -> watch.alerts.toString());
    }

    @Test
    void theAlertRearmsOnceTheShareFallsBack()
    {
        m.issue(supplier, data, 100);
        m.trade(supplier, hoarder, data, 1_000, 40);
        m.trade(hoarder, other, data, 1_000, 20);        // back to 20 %
        m.trade(supplier, hoarder, data, 1_000, 15);     // 35 % again
        assertEquals(2, watch.of(AlertType.CONCENTRATION).size(), () -> watch.alerts.toString());
    }
}
