package io.databourse.journal.schema;

/**
 * The Aeron contract between gateways and the matcher.
 * <ul>
 *   <li>Ingress ({@link #COMMAND_STREAM_ID}): each Aeron message is exactly one command message
 *   (a message of the schema, starting with its {@link RecordHeader}; the header's sessionId names
 *   the gateway session, which must be non-zero for gateway traffic).</li>
 *   <li>Egress ({@link #EVENT_STREAM_ID}): each Aeron message holds one or more whole
 *   {@link JournalRecord}s back to back, as journaled: seq, time, the command and all its events
 *   (read them with {@link JournalRecord#forEachRecord}). The matcher packs the records of a duty
 *   cycle into as few messages as fit the publication's unfragmented payload; a record too big for
 *   one Aeron message comes as several records with the same seq, each with a run of its events.
 *   Gateways route events by the sessionId fields they carry.</li>
 * </ul>
 * In one process both use {@link #IPC_CHANNEL}; across processes, a UDP channel such as
 * {@code aeron:udp?endpoint=127.0.0.1:40123}.
 */
public final class ExchangeStreams
{
    public static final String IPC_CHANNEL = "aeron:ipc";
    public static final int COMMAND_STREAM_ID = 1001;
    public static final int EVENT_STREAM_ID = 1002;

    private ExchangeStreams()
    {
    }
}
