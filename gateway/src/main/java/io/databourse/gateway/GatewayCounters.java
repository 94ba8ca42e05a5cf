package io.databourse.gateway;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What the gateway has seen and refused, for operators and tests: one counter per kind of event,
 * shared by all connections (increments are rare next to message handling except the message
 * counts).
 */
public final class GatewayCounters
{
    public final AtomicLong connectionsAccepted = new AtomicLong();
    /** Closed on accept: over {@code connectionsMax}. */
    public final AtomicLong connectionsRefused = new AtomicLong();
    public final AtomicLong logonsAccepted = new AtomicLong();
    /** Unknown CompIDs, bad credentials, duplicate logons, invalid Logon messages, no Logon in time. */
    public final AtomicLong logonsRefused = new AtomicLong();
    /** Logons refused before their password was checked: the account or address is backing off or locked out. */
    public final AtomicLong logonsThrottled = new AtomicLong();
    /** Connections closed on accept: over the limit per address. */
    public final AtomicLong connectionsRefusedPerAddress = new AtomicLong();
    /** Bytes that were not a FIX message (framing, checksum, non-numeric tags). */
    public final AtomicLong garbledMessages = new AtomicLong();
    /** Session-level Rejects (35=3) sent. */
    public final AtomicLong sessionRejects = new AtomicLong();
    public final AtomicLong oversizeDisconnects = new AtomicLong();
    /** Peers that stopped reading until their outbound buffer filled. */
    public final AtomicLong slowConsumerDisconnects = new AtomicLong();
    public final AtomicLong heartbeatTimeouts = new AtomicLong();
    public final AtomicLong commandsSent = new AtomicLong();
    /** Commands Aeron would not take, answered with a reject to the client. */
    public final AtomicLong commandsBackPressured = new AtomicLong();
    /** Sessions logged out because their matcher-event queue overflowed. */
    public final AtomicLong eventQueueOverflows = new AtomicLong();
    /** Product list requests sent to the matcher (one per connection to it). */
    public final AtomicLong productListRequests = new AtomicLong();
    /** Well-formed FIX messages received (admin and application). */
    public final AtomicLong messagesIn = new AtomicLong();
    /** FIX messages written to peers (admin and application, resent copies and gap fills included). */
    public final AtomicLong messagesOut = new AtomicLong();
    /** ResendRequests (35=2) received from peers. */
    public final AtomicLong resendRequests = new AtomicLong();
    /** Cancel-on-disconnect mass cancels sent (at disconnect, or at start for sessions trading when the exchange stopped). */
    public final AtomicLong cancelOnDisconnects = new AtomicLong();
    /** Sessions found at start with live orders of their own and cancel-on-disconnect set. */
    public final AtomicLong cancelOnDisconnectsAtStart = new AtomicLong();
    /** Unexpected failures handed to the error handler (a bug on some input, say): 0 in a healthy gateway. */
    public final AtomicLong errors = new AtomicLong();
    /** Times the event stream skipped records (filled from the journal when the gateway can read it). */
    public final AtomicLong egressGaps = new AtomicLong();

    @Override
    public String toString()
    {
        return "connectionsAccepted=" + connectionsAccepted + " connectionsRefused=" + connectionsRefused +
            " logonsAccepted=" + logonsAccepted + " logonsRefused=" + logonsRefused + " logonsThrottled=" + logonsThrottled +
            " garbledMessages=" + garbledMessages + " sessionRejects=" + sessionRejects +
            " oversizeDisconnects=" + oversizeDisconnects + " slowConsumerDisconnects=" + slowConsumerDisconnects +
            " heartbeatTimeouts=" + heartbeatTimeouts + " commandsSent=" + commandsSent +
            " commandsBackPressured=" + commandsBackPressured + " eventQueueOverflows=" + eventQueueOverflows +
            " productListRequests=" + productListRequests + " messagesIn=" + messagesIn +
            " messagesOut=" + messagesOut + " resendRequests=" + resendRequests +
            " cancelOnDisconnects=" + cancelOnDisconnects +
            " cancelOnDisconnectsAtStart=" + cancelOnDisconnectsAtStart + " egressGaps=" + egressGaps + " errors=" + errors;
    }
}
