package io.databourse.gateway.link;

import org.agrona.DirectBuffer;

/**
 * How a gateway reaches the matcher: binary commands out, journaled records back. The gateway's
 * session and application code see only this seam, so the same gateway runs against the exchange
 * in one process ({@link AeronStreamsLink}: an Aeron publication and subscription) or against a
 * replicated matcher (the cluster module's link, an Aeron Cluster client that follows the leader).
 * <p>Threads: {@link #offer} may be called from any session thread; {@link #poll},
 * {@link #isConnected} and {@link #eventStreamEpoch} from the one thread that polls events.
 */
public interface ExchangeLink extends AutoCloseable
{
    /**
     * Sends one command (a journal-schema flyweight with its 8-byte header). Returns a positive
     * value when the link has taken the command: it will be sequenced, or the link resolves its fate
     * itself; otherwise one of {@link io.aeron.Publication}'s negative codes, and nothing was sent
     * ({@code BACK_PRESSURED}/{@code NOT_CONNECTED}/{@code ADMIN_ACTION}: try again later;
     * {@code CLOSED}/{@code MAX_POSITION_EXCEEDED}: never).
     */
    long offer(DirectBuffer buffer, int offset, int length);

    /**
     * Delivers up to about {@code limit} messages of journaled records, in sequence order, each
     * record at most once; returns the work done (0 when idle).
     */
    int poll(RecordsHandler handler, int limit);

    /** Whether commands can be sent now. */
    boolean isConnected();

    /**
     * Changes whenever the records reaching this link may come from a matcher this gateway has not
     * heard from before (first connection, a restarted matcher): what that matcher registered earlier
     * must then be asked for again (the bridge's product list request).
     */
    long eventStreamEpoch();

    @Override
    void close();

    /** Receives one message of whole journal records back to back, valid only during the call. */
    @FunctionalInterface
    interface RecordsHandler
    {
        void onRecords(DirectBuffer buffer, int offset, int length);
    }
}
