package io.databourse.cluster.protocol;

/**
 * The messages between a cluster client (the gateway's link) and the matcher service, inside
 * Aeron Cluster's session messages. Every field is little-endian at a fixed offset, 8-aligned.
 * <h2>Ingress (client to service), {@value #INGRESS_HEADER_LENGTH}-byte header</h2>
 * <pre>
 *    0 kind           i32  {@link #INGRESS_COMMAND} or {@link #INGRESS_CATCH_UP}
 *    4 (reserved)     i32
 *    8 linkId         i64  names the sending link across its cluster sessions (random, fixed for its life)
 *   16 correlationId  i64  COMMAND: 1, 2, 3, ... per link, in sending order
 *   24 COMMAND: the command (a journal-schema flyweight);  CATCH_UP: fromSeq i64 ({@link #FROM_NOW} for none)
 * </pre>
 * <h2>Egress (service to client), {@value #EGRESS_HEADER_LENGTH}-byte header</h2>
 * <pre>
 *    0 kind           i32  {@link #EGRESS_RECORD}, {@link #EGRESS_REPLAYED_RECORD}, {@link #EGRESS_CATCH_UP_DONE}
 *                          or {@link #EGRESS_HEARTBEAT}
 *    4 flags          i32  records: {@link #FLAG_LAST_CHUNK} (a record comes whole, or as chunks of its events,
 *                          see io.databourse.matcher.RecordChunker); done: {@link #FLAG_MORE}
 *    8 ackCorrelation i64  RECORD: the correlationId of the receiving link's command this record sequenced, else 0
 *   16 RECORD/REPLAYED_RECORD: one journal record (or chunk);
 *      CATCH_UP_DONE: toSeq i64, lastCorrelation i64 (the link's last sequenced command), firstSeqAvailable i64
 *      HEARTBEAT: lastSeq i64, the last record sent before it
 * </pre>
 * The leader sends every session a heartbeat every {@link #HEARTBEAT_INTERVAL_NS} (a cluster timer,
 * so in the log like everything else): a link that finds itself behind the heartbeat's seq missed
 * records it could not take, and catches up, even when no record follows to show the gap.
 * A catch-up is answered in log order: every record sequenced before the request and from
 * {@code fromSeq} on is replayed to the requesting session, then DONE; records sent live before
 * DONE are therefore also in the replay, and the link drops them. With {@link #FLAG_MORE} the
 * replay stopped early (a bound on the work of one log message) and the link asks again from
 * {@code toSeq + 1}.
 */
public final class ClusterProtocol
{
    public static final int KIND_OFFSET = 0;

    public static final int INGRESS_COMMAND = 1;
    public static final int INGRESS_CATCH_UP = 2;
    public static final int LINK_ID_OFFSET = 8;
    public static final int CORRELATION_ID_OFFSET = 16;
    public static final int INGRESS_HEADER_LENGTH = 24;
    public static final int FROM_SEQ_OFFSET = 24;
    public static final int CATCH_UP_LENGTH = 32;
    /** A catch-up from now on: nothing is replayed (a link that has not yet received any record). */
    public static final long FROM_NOW = -1;

    public static final int EGRESS_RECORD = 1;
    public static final int EGRESS_REPLAYED_RECORD = 2;
    public static final int EGRESS_CATCH_UP_DONE = 3;
    public static final int FLAGS_OFFSET = 4;
    public static final int FLAG_LAST_CHUNK = 1;
    public static final int FLAG_MORE = 2;
    public static final int ACK_CORRELATION_OFFSET = 8;
    public static final int EGRESS_HEADER_LENGTH = 16;
    public static final int TO_SEQ_OFFSET = 16;
    public static final int LAST_CORRELATION_OFFSET = 24;
    public static final int FIRST_SEQ_AVAILABLE_OFFSET = 32;
    public static final int CATCH_UP_DONE_LENGTH = 40;
    public static final int EGRESS_HEARTBEAT = 4;
    public static final int LAST_SEQ_OFFSET = 16;
    public static final int HEARTBEAT_LENGTH = 24;
    public static final long HEARTBEAT_INTERVAL_NS = 250_000_000L;

    /**
     * The largest egress message the service sends: records longer than this are chunked. A
     * client's egress channel needs a term of at least 8 times this (Aeron's message limit).
     */
    public static final int EGRESS_MESSAGE_MAX = 256 * 1024;
    /** The term length of a client's egress channel that fits {@link #EGRESS_MESSAGE_MAX}. */
    public static final int EGRESS_TERM_LENGTH = 16 * 1024 * 1024;

    private ClusterProtocol()
    {
    }
}
