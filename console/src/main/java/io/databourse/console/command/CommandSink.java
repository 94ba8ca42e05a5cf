package io.databourse.console.command;

import org.agrona.DirectBuffer;

/** Where encoded commands go: the matcher's ingress stream over Aeron, or a test's list. */
@FunctionalInterface
public interface CommandSink
{
    /** Offers one command message; the outcome says whether it left the console. */
    Outcome offer(DirectBuffer buffer, int offset, int length);

    /** What became of an offer. */
    enum Outcome
    {
        /** On its way to the matcher; its outcome will be journaled. */
        SENT,
        /** The matcher is not connected: nothing was sent. */
        NOT_CONNECTED,
        /** The stream is full for now: nothing was sent, the user may try again. */
        BACK_PRESSURED
    }
}
