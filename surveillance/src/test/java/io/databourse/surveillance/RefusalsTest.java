package io.databourse.surveillance;

import java.time.Duration;
import java.util.List;

import io.databourse.journal.schema.RejectReason;
import io.databourse.surveillance.alert.Alert;
import io.databourse.surveillance.alert.AlertType;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RefusalsTest
{
    private final Watch watch = new Watch();
    private final Market m = watch.market;
    private final int prober = m.participant("P");
    private final int core = m.product("CORE.GENOME", 1_000);

    @Test
    void threeRefusedAttemptsAtCoreDataWithinAnHourAreWorthALook()
    {
        for (int i = 0; i < 3; i++)
        {
            m.refused(prober, "CORE.GENOME", RejectReason.CORE_DATA_NOT_TRADABLE, "try" + i);
            m.after(Duration.ofMinutes(10));
        }
        final List<Alert> alerts = watch.of(AlertType.REFUSALS);
        assertEquals(1, alerts.size(), () -> watch.alerts.toString());
        final Alert alert = alerts.get(0);
        assertEquals(List.of("P"), alert.participants());
        assertEquals(List.of("CORE.GENOME"), alert.products());
        assertEquals(List.of("try0", "try1", "try2"), alert.refusals().stream().map(r -> r.requestId()).toList());
        assertTrue(alert.text().startsWith("P was refused 3 times within 20 min for CORE_DATA_NOT_TRADABLE"),
            alert.text());
        assertEquals(core, 0);
    }

    @Test
    void probingTheCrossBorderQuotaOrAnUnlicensedUseIsWatchedByDefault()
    {
        for (final RejectReason reason : List.of(RejectReason.CROSS_BORDER_APPROVAL_REQUIRED,
            RejectReason.PURPOSE_NOT_ALLOWED, RejectReason.PURPOSE_MISMATCH))
        {
            for (int i = 0; i < 3; i++)
            {
                m.refused(prober, "CORE.GENOME", reason, reason.name().toLowerCase() + i);
                m.after(Duration.ofMinutes(1));
            }
        }
        assertEquals(List.of("CROSS_BORDER_APPROVAL_REQUIRED", "PURPOSE_NOT_ALLOWED", "PURPOSE_MISMATCH"),
            watch.of(AlertType.REFUSALS).stream().map(a -> a.refusals().get(0).reason()).toList(),
            () -> watch.alerts.toString());
    }

    @Test
    void refusalsSpreadOverHoursOrForAnUnwatchedReasonAreNot()
    {
        for (int i = 0; i < 3; i++)
        {
            m.refused(prober, "CORE.GENOME", RejectReason.CORE_DATA_NOT_TRADABLE, "slow" + i);
            m.after(Duration.ofMinutes(45));
        }
        for (int i = 0; i < 5; i++)
        {
            m.refused(prober, "CORE.GENOME", RejectReason.INSUFFICIENT_FUNDS, "poor" + i);
        }
        assertEquals(List.of(), watch.alerts);
    }
}
