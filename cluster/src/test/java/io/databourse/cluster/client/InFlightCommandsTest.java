package io.databourse.cluster.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

class InFlightCommandsTest
{
    @Test
    void acknowledgementsDropFromTheFrontAndWhatIsLeftIsTheUnsequencedSuffixInOrder()
    {
        final InFlightCommands inFlight = new InFlightCommands(8);
        final UnsafeBuffer command = new UnsafeBuffer(new byte[600]);
        for (long correlation = 1; correlation <= 8; correlation++)
        {
            command.putLong(0, correlation * 111);
            inFlight.add(correlation, correlation, command, 0, correlation == 5 ? 600 : 16);
        }
        assertTrue(inFlight.isFull());
        inFlight.acknowledge(3);
        assertEquals(5, inFlight.size());
        assertEquals(4, inFlight.correlationAt(inFlight.start()));
        assertEquals(4, inFlight.oldestSentNs());
        int expected = 4;
        for (long p = inFlight.start(); p < inFlight.end(); p++)
        {
            assertEquals(expected, inFlight.correlationAt(p));
            assertEquals(expected * 111L, inFlight.commandAt(p).getLong(0));
            assertEquals(expected == 5 ? 600 : 16, inFlight.lengthAt(p), "a longer command kept whole");
            expected++;
        }
        inFlight.acknowledge(8);
        assertTrue(inFlight.isEmpty());
    }
}
