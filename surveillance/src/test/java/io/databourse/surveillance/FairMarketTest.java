package io.databourse.surveillance;

import java.util.List;

import io.databourse.surveillance.alert.AlertType;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class FairMarketTest
{
    @Test
    void aFairMarketOfManyParticipantsRaisesNothing()
    {
        for (final long seed : new long[]{1, 2, 3})
        {
            final Watch watch = new Watch();
            FairMarket.run(watch.market, seed, 3_000, false);
            assertEquals(List.of(), watch.alerts, "seed " + seed);
        }
    }

    @Test
    void theSameMarketWithAbuseMixedInRaisesEachKind()
    {
        final Watch watch = new Watch();
        FairMarket.run(watch.market, 7, 3_000, true);
        for (final AlertType type : new AlertType[]{AlertType.WASH_TRADE, AlertType.CIRCULAR_TRADE, AlertType.SPOOFING})
        {
            assertFalse(watch.of(type).isEmpty(), type + " raised");
        }
    }
}
