package io.databourse.gateway.session;

import org.agrona.DirectBuffer;

/**
 * How far into the exchange's event stream a sent application message is (0 when it is not made
 * from an event): what an application tells a {@link SessionStore}, so that after a restart the
 * store knows the last event its client was sent.
 */
@FunctionalInterface
public interface MessagePosition
{
    MessagePosition NONE = (buffer, offset, length) -> 0;

    long of(DirectBuffer buffer, int offset, int length);
}
