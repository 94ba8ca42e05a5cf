package io.databourse.gateway.session;

import static io.databourse.gateway.session.CapturingConnection.timestamp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import io.databourse.gateway.fix.FixMessage;
import io.databourse.gateway.fix.TestFix;
import org.junit.jupiter.api.Test;

/** What a MsgSeqNum other than the expected one calls for: the gap and duplicate rules on their own. */
class InboundSequenceTest
{
    private static final long NOW_MS = 1_780_000_000_000L;

    private static FixMessage message(final String body)
    {
        final String raw = TestFix.message(body);
        final FixMessage m = new FixMessage(64);
        assertEquals(FixMessage.OK, m.parse(TestFix.buffer(raw), 0, raw.length()));
        return m;
    }

    private static FixMessage order(final int seq)
    {
        return message("35=D|34=" + seq + "|49=TW|52=" + timestamp(NOW_MS) + "|56=ISLD|11=o" + seq + "|");
    }

    private static String text(final byte[] held)
    {
        return new String(held, StandardCharsets.ISO_8859_1);
    }

    @Test
    void aGapAsksForOneResendFromTheExpectedNumberAndHoldsWhatCameEarly()
    {
        final InboundSequence sequence = new InboundSequence(16, 64 * 1024);
        assertEquals(InboundSequence.ASK_RESEND, sequence.onTooHigh(order(5), 5, 2));
        assertEquals(2, sequence.resendBegin());
        assertEquals(4, sequence.resendEnd());
        // A later message inside the gap asked for is held, without asking again.
        assertEquals(InboundSequence.HELD, sequence.onTooHigh(order(6), 6, 2));
        assertEquals(InboundSequence.HELD, sequence.onTooHigh(order(6), 6, 2));
        assertEquals(2, sequence.heldCount());

        assertNull(sequence.takeHeld(2));
        sequence.onInSequence(2);
        assertTrue(sequence.isResendOutstanding(), "2..4 asked, only 2 came");
        sequence.onInSequence(4);
        assertFalse(sequence.isResendOutstanding(), "the last number asked for came");
        assertTrue(text(sequence.takeHeld(5)).contains("\u000111=o5\u0001"));
        assertTrue(text(sequence.takeHeld(6)).contains("\u000111=o6\u0001"));
        assertFalse(sequence.isHolding());
    }

    @Test
    void holdingPastTheLimitsIsRefusedAndHoldsNothingMore()
    {
        final InboundSequence byCount = new InboundSequence(2, 64 * 1024);
        assertEquals(InboundSequence.ASK_RESEND, byCount.onTooHigh(order(5), 5, 1));
        assertEquals(InboundSequence.HELD, byCount.onTooHigh(order(6), 6, 1));
        assertEquals(InboundSequence.HOLD_LIMIT, byCount.onTooHigh(order(7), 7, 1));
        assertEquals(2, byCount.heldCount());

        final FixMessage big = order(5);
        final InboundSequence byBytes = new InboundSequence(16, big.length() + 10);
        assertEquals(InboundSequence.ASK_RESEND, byBytes.onTooHigh(big, 5, 1));
        assertEquals(InboundSequence.HOLD_LIMIT, byBytes.onTooHigh(order(6), 6, 1));
        assertEquals(1, byBytes.heldCount());
        byBytes.takeHeld(5);
        assertEquals(InboundSequence.HELD, byBytes.onTooHigh(order(6), 6, 5), "the bytes taken are free again");
    }

    @Test
    void aSequenceResetPastTheGapEndsTheResendAskedFor()
    {
        final InboundSequence sequence = new InboundSequence(16, 64 * 1024);
        sequence.onTooHigh(order(10), 10, 3);
        sequence.onSequenceReset(9);
        assertTrue(sequence.isResendOutstanding(), "9 does not pass the gap's end");
        sequence.onSequenceReset(10);
        assertFalse(sequence.isResendOutstanding());
        assertEquals(InboundSequence.ASK_RESEND, sequence.onTooHigh(order(12), 12, 10), "a new gap is asked for again");

        sequence.clear();
        assertFalse(sequence.isResendOutstanding());
        assertFalse(sequence.isHolding());
    }

    @Test
    void aLowNumberIsADuplicateOnlyWhenMarkedAndConsistent()
    {
        final String now = timestamp(NOW_MS);
        final String earlier = timestamp(NOW_MS - 1_000);
        final String later = timestamp(NOW_MS + 1_000);
        assertEquals(InboundSequence.TOO_LOW,
            InboundSequence.onTooLow(message("35=D|34=2|49=TW|52=" + now + "|56=ISLD|")));
        assertEquals(InboundSequence.TOO_LOW,
            InboundSequence.onTooLow(message("35=D|34=2|43=N|49=TW|52=" + now + "|56=ISLD|122=" + earlier + "|")));
        assertEquals(InboundSequence.DUPLICATE,
            InboundSequence.onTooLow(message("35=D|34=2|43=Y|49=TW|52=" + now + "|56=ISLD|122=" + earlier + "|")));
        assertEquals(InboundSequence.DUPLICATE,
            InboundSequence.onTooLow(message("35=4|34=2|43=Y|49=TW|52=" + now + "|56=ISLD|36=5|")),
            "a SequenceReset needs no OrigSendingTime");
        assertEquals(InboundSequence.NO_ORIG_SENDING_TIME,
            InboundSequence.onTooLow(message("35=D|34=2|43=Y|49=TW|52=" + now + "|56=ISLD|")));
        assertEquals(InboundSequence.ORIG_SENDING_TIME_LATE,
            InboundSequence.onTooLow(message("35=D|34=2|43=Y|49=TW|52=" + now + "|56=ISLD|122=" + later + "|")));
    }
}
