package io.databourse.gateway.session;

import java.io.File;
import java.nio.MappedByteBuffer;

import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A session's next sender and target sequence numbers in a small memory-mapped file, so they
 * survive a gateway restart (or crash: the page cache holds the last store) without a write call
 * per message. Layout: magic i64, nextSenderSeqNum i64, nextTargetSeqNum i64.
 */
public final class SequenceStore implements AutoCloseable
{
    private static final long MAGIC = 0x4442_5345_5153_0001L;
    private static final int MAGIC_OFFSET = 0;
    private static final int NEXT_SENDER_OFFSET = 8;
    private static final int NEXT_TARGET_OFFSET = 16;
    private static final int FILE_LENGTH = 64;

    private final MappedByteBuffer mapped;
    private final UnsafeBuffer buffer;

    private SequenceStore(final MappedByteBuffer mapped)
    {
        this.mapped = mapped;
        this.buffer = new UnsafeBuffer(mapped);
    }

    /** Opens the store for a session in directory, creating it at 1/1 when absent. */
    public static SequenceStore open(final File directory, final String senderCompId, final String targetCompId)
    {
        IoUtil.ensureDirectoryExists(directory, "FIX sequence store");
        final File file = new File(directory, senderCompId + "-" + targetCompId + ".seqnums");
        if (file.exists() && file.length() == FILE_LENGTH)
        {
            final SequenceStore store = new SequenceStore(IoUtil.mapExistingFile(file, "FIX sequence store"));
            if (store.buffer.getLong(MAGIC_OFFSET) == MAGIC && store.nextSenderSeqNum() > 0 && store.nextTargetSeqNum() > 0)
            {
                return store;
            }
            store.reset();
            return store;
        }
        final SequenceStore store = new SequenceStore(IoUtil.mapNewFile(file, FILE_LENGTH));
        store.reset();
        return store;
    }

    public int nextSenderSeqNum()
    {
        return (int)buffer.getLongVolatile(NEXT_SENDER_OFFSET);
    }

    public void nextSenderSeqNum(final int seqNum)
    {
        buffer.putLongOrdered(NEXT_SENDER_OFFSET, seqNum);
    }

    public int nextTargetSeqNum()
    {
        return (int)buffer.getLongVolatile(NEXT_TARGET_OFFSET);
    }

    public void nextTargetSeqNum(final int seqNum)
    {
        buffer.putLongOrdered(NEXT_TARGET_OFFSET, seqNum);
    }

    public void reset()
    {
        buffer.putLong(NEXT_SENDER_OFFSET, 1);
        buffer.putLong(NEXT_TARGET_OFFSET, 1);
        buffer.putLongOrdered(MAGIC_OFFSET, MAGIC);
    }

    @Override
    public void close()
    {
        IoUtil.unmap(mapped);
    }
}
