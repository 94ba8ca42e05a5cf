package io.databourse.surveillance;

import java.util.List;

import io.databourse.surveillance.alert.Alert;
import io.databourse.surveillance.alert.AlertJson;
import io.databourse.surveillance.alert.AlertType;
import io.databourse.surveillance.alert.OrderEvidence;
import io.databourse.surveillance.alert.RefusalEvidence;
import io.databourse.surveillance.alert.Severity;
import io.databourse.surveillance.alert.TradeEvidence;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AlertJsonTest
{
    static final Alert SAMPLE = new Alert(7, AlertType.SPOOFING, Severity.HIGH, 42, 1_772_359_200_123_000_000L,
        List.of("X"), List.of("D1"),
        List.of(new TradeEvidence(3, 40, 1_772_359_200_000_000_000L, "D1", "Y", "X", 1_005, 10, 4, 5)),
        List.of(new OrderEvidence(1, 38, 1_772_359_199_000_000_000L, "X", "D1", "buy", 990, 100)),
        List.of(new RefusalEvidence(12, 1_772_359_100_000_000_000L, "X", "new", "CORE_DATA_NOT_TRADABLE", "c\"1",
            "CORE.1")),
        "X cancelled \"everything\".");

    @Test
    void anAlertRoundTripsThroughItsJsonLine()
    {
        final String line = AlertJson.write(SAMPLE);
        assertTrue(line.startsWith("{\"id\":7,\"type\":\"spoofing\",\"severity\":\"high\",\"seq\":42,"), line);
        assertTrue(line.contains("\"time\":\"2026-03-01T10:00:00.123Z\""), line);
        assertTrue(line.contains("\"price\":\"10.05\""), line);
        assertEquals(-1, line.indexOf('\n'));
        assertEquals(SAMPLE, AlertJson.parse(line));
        assertEquals(line, AlertJson.write(AlertJson.parse(line)));
    }

    @Test
    void aDamagedLineIsRefusedByName()
    {
        final String line = AlertJson.write(SAMPLE);
        final IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
            () -> AlertJson.parse(line.replace("\"severity\":\"high\",", "")));
        assertTrue(missing.getMessage().contains("severity"), missing.getMessage());
        final IllegalArgumentException type = assertThrows(IllegalArgumentException.class,
            () -> AlertJson.parse(line.replace("spoofing", "insider")));
        assertTrue(type.getMessage().contains("insider"), type.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AlertJson.parse("{\"id\":"));
    }
}
