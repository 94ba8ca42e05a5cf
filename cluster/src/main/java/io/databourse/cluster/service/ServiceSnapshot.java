package io.databourse.cluster.service;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * The clustered service's snapshot: a header of its own, then the matcher's state in the format
 * the header names (today {@link MatcherStateSnapshots#FORMAT}: a snapshot file's bytes), to the
 * end of the stream.
 * <pre>
 *    0 magic          i32  'DBCS'
 *    4 version        i32  {@value #VERSION}
 *    8 seq            i64  the last command the snapshot covers
 *   16 timeNs         i64  its time
 *   24 journalIndex   i64  the excerpt of the node's journal holding that seq (-1: none)
 *   32 formatLength   i32, then the format's name (ASCII)
 *   .. headerRest     i32: bytes of the client link table that follow
 *   .. links          {@link LinkTable#write}
 *   .. matcher state
 * </pre>
 */
final class ServiceSnapshot
{
    static final int MAGIC = 0x44425343;
    static final int VERSION = 1;
    private static final int FIXED_LENGTH = 36;
    private static final int FORMAT_LENGTH_MAX = 256;

    long seq;
    long timeNs;
    long journalIndex;
    String format;

    private ServiceSnapshot()
    {
    }

    /** Writes the header and the link table. */
    static void writeHeader(
        final SnapshotChannels.Out out, final long seq, final long timeNs, final long journalIndex, final String format,
        final LinkTable links) throws IOException
    {
        final byte[] name = format.getBytes(StandardCharsets.US_ASCII);
        final int length = FIXED_LENGTH + name.length + 4 + links.encodedLength();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[length]);
        buffer.putInt(0, MAGIC);
        buffer.putInt(4, VERSION);
        buffer.putLong(8, seq);
        buffer.putLong(16, timeNs);
        buffer.putLong(24, journalIndex);
        buffer.putInt(32, name.length);
        buffer.putBytes(FIXED_LENGTH, name);
        buffer.putInt(FIXED_LENGTH + name.length, links.encodedLength());
        links.write(buffer, FIXED_LENGTH + name.length + 4);
        out.write(ByteBuffer.wrap(buffer.byteArray()));
    }

    /** Reads the header and restores the link table; refuses a stream that is not such a snapshot. */
    static ServiceSnapshot readHeader(final SnapshotChannels.In in, final LinkTable links) throws IOException
    {
        final ByteBuffer fixed = ByteBuffer.allocate(FIXED_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        in.readFully(fixed, "header");
        if (fixed.getInt(0) != MAGIC)
        {
            throw new IOException("not a DataBourse matcher snapshot (magic " + Integer.toHexString(fixed.getInt(0)) + ")");
        }
        if (fixed.getInt(4) != VERSION)
        {
            throw new IOException("snapshot version " + fixed.getInt(4) + ", this node reads version " + VERSION);
        }
        final ServiceSnapshot snapshot = new ServiceSnapshot();
        snapshot.seq = fixed.getLong(8);
        snapshot.timeNs = fixed.getLong(16);
        snapshot.journalIndex = fixed.getLong(24);
        final int nameLength = fixed.getInt(32);
        if (nameLength <= 0 || nameLength > FORMAT_LENGTH_MAX || snapshot.seq < 0)
        {
            throw new IOException("corrupt snapshot header: format name of " + nameLength + " bytes, seq " + snapshot.seq);
        }
        final ByteBuffer name = ByteBuffer.allocate(nameLength + 4).order(ByteOrder.LITTLE_ENDIAN);
        in.readFully(name, "format name");
        snapshot.format = new String(name.array(), 0, nameLength, StandardCharsets.US_ASCII);
        final int linksLength = name.getInt(nameLength);
        if (linksLength < 4 || linksLength > (1 << 24))
        {
            throw new IOException("corrupt snapshot header: client link table of " + linksLength + " bytes");
        }
        final ByteBuffer table = ByteBuffer.allocate(linksLength).order(ByteOrder.LITTLE_ENDIAN);
        in.readFully(table, "client link table");
        final int read = links.read(new UnsafeBuffer(table.array()), 0);
        if (read != linksLength)
        {
            throw new IOException("corrupt snapshot header: client link table of " + read + " bytes, " + linksLength + " declared");
        }
        return snapshot;
    }
}
