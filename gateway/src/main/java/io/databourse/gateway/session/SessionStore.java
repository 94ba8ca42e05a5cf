package io.databourse.gateway.session;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.StoreFileListener;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import io.databourse.journal.files.OwnerOnly;
import org.agrona.IoUtil;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A session's persistent state in a Chronicle Queue of its own: its next sequence numbers and the
 * application messages it sent, for answering ResendRequests with PossDup copies after a restart.
 *
 * <p>Entries (native byte order), one Chronicle excerpt each:
 * <pre>
 *   0  type i32            SEQUENCES, APPLICATION, RESET or EVENT_POSITION
 *   4  nextSenderSeqNum i32 after this entry
 *   8  nextTargetSeqNum i32 after this entry
 *  12  messageLength i32    APPLICATION: the encoded FIX message follows (its MsgSeqNum is nextSenderSeqNum - 1);
 *                           EVENT_POSITION: 8, a long follows
 *  16  message bytes
 * </pre>
 * Every entry carries both numbers, so the last one read is the state. A RESET entry forgets
 * every message before it: nothing sent before a reset is ever resent.
 *
 * <p>The store also tells the last exchange event its client was sent a report of
 * ({@link #lastEventPosition()}, a {@link MessagePosition} of the messages sent): the gateway
 * sends the reports of later events at the next logon. Compaction keeps it in an EVENT_POSITION
 * entry when no message it keeps carries it.
 *
 * <p>Layout on disk: {@code <directory>/<ours>-<theirs>/gen-<n>/} holds generation n's queue. Opening
 * the store reads the newest generation and copies what is still needed (the numbers and the
 * messages of the resend window) into generation n + 1, written under a temporary name and renamed
 * when complete, then deletes the old one. That bounds the disk used across restarts, and it is
 * how a torn last entry is survived: a process dying inside a write leaves bytes that Chronicle
 * never gave a complete header (readers stop before them) and the queue's append lock held by a
 * dead process; nothing ever appends to an old generation again, so neither matters.
 *
 * <p>Threads: Chronicle appenders and tailers are confined to one thread. The store is opened
 * (and compacted) on the thread starting the gateway; afterwards only the thread of the connection
 * that owns the session uses it (a Netty event loop: every call of the session layer runs there).
 * Ownership moves when another connection, possibly on another event loop, logs on as the session:
 * {@link FixSession#tryAcquire} then calls {@link #takeOwnership()}, after the compare-and-set
 * that gives it the session, so the previous owner's last write happens-before. The sequence
 * numbers themselves are volatile because a refused logon on another connection reads them.
 */
public final class SessionStore implements AutoCloseable
{
    static final int TYPE_SEQUENCES = 1;
    static final int TYPE_APPLICATION = 2;
    static final int TYPE_RESET = 3;
    static final int TYPE_EVENT_POSITION = 4;

    static final int TYPE_OFFSET = 0;
    static final int NEXT_SENDER_OFFSET = 4;
    static final int NEXT_TARGET_OFFSET = 8;
    static final int MESSAGE_LENGTH_OFFSET = 12;
    static final int HEADER_LENGTH = 16;

    private static final long MISSING_INDEX = -1;
    private static final String LEGACY_SUFFIX = ".seqnums";
    private static final long LEGACY_MAGIC = 0x4442_5345_5153_0001L;
    private static final int LEGACY_FILE_LENGTH = 64;

    private final File sessionDirectory;
    private final File generationDirectory;
    private final int resendWindow;
    private final MessagePosition messagePosition;
    private final ChronicleQueue queue;
    private final ExcerptAppender appender;
    private final ExcerptTailer tailer;
    /** Outbound MsgSeqNum of an application message to its Chronicle index; at most about resendWindow entries. */
    private final Long2LongHashMap indexBySeqNum = new Long2LongHashMap(1024, 0.65f, MISSING_INDEX);
    private final byte[] header = new byte[HEADER_LENGTH];
    private final UnsafeBuffer headerBuffer = new UnsafeBuffer(header);
    private final ExpandableArrayBuffer staging = new ExpandableArrayBuffer(1024);
    private final ExpandableArrayBuffer resendBuffer = new ExpandableArrayBuffer(1024);
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
    private volatile int nextSenderSeqNum = 1;
    private volatile int nextTargetSeqNum = 1;
    private long entriesRecovered;
    private boolean tornTailRecovered;
    private long lastEventPosition;

    private SessionStore(
        final File sessionDirectory, final File generationDirectory, final int resendWindow, final boolean writable,
        final MessagePosition messagePosition)
    {
        this.sessionDirectory = sessionDirectory;
        this.generationDirectory = generationDirectory;
        this.resendWindow = resendWindow;
        this.messagePosition = messagePosition;
        if (writable)
        {
            OwnerOnly.createDirectories(generationDirectory.toPath());
        }
        // An old generation is only read: its append lock may still be held by a writer that died.
        this.queue = SingleChronicleQueueBuilder.binary(generationDirectory)
            .rollCycle(RollCycles.FAST_DAILY)
            .readOnly(!writable)
            // the messages sent to a participant are its business alone: owner-only, like the journal
            .storeFileListener(writable ? OwnerOnly.chronicleStoreFiles() : StoreFileListener.NO_OP)
            .build();
        if (writable)
        {
            OwnerOnly.restrictTree(generationDirectory.toPath());
        }
        this.appender = writable ? queue.createAppender() : null;
        this.tailer = queue.createTailer();
    }

    /**
     * Opens the store of the session ours → theirs in directory, recovering its state (1/1 when
     * new), and starts a fresh generation holding only that state.
     *
     * @param resendWindow how many of the last outbound sequence numbers can be resent as PossDup
     *                     copies when they were application messages; older ones are gap-filled.
     */
    public static SessionStore open(
        final File directory, final String senderCompId, final String targetCompId, final int resendWindow)
    {
        return open(directory, senderCompId, targetCompId, resendWindow, MessagePosition.NONE);
    }

    /** As {@link #open(File, String, String, int)}, also recovering the last event position of the messages sent. */
    public static SessionStore open(
        final File directory, final String senderCompId, final String targetCompId, final int resendWindow,
        final MessagePosition messagePosition)
    {
        if (resendWindow < 1)
        {
            throw new IllegalArgumentException("resendWindow must be >= 1: " + resendWindow);
        }
        final File sessionDirectory = new File(directory, senderCompId + "-" + targetCompId);
        OwnerOnly.createDirectories(directory.toPath());
        OwnerOnly.createDirectories(sessionDirectory.toPath());
        final long latest = StoreGenerations.deleteTemporaryAndFindLatest(sessionDirectory);
        final long next = latest + 1;
        final File nextDirectory = StoreGenerations.generation(sessionDirectory, next);
        final File temporary = StoreGenerations.temporary(nextDirectory);
        boolean torn = false;
        try (SessionStore fresh = new SessionStore(sessionDirectory, temporary, resendWindow, true, messagePosition))
        {
            if (latest >= 0)
            {
                try (SessionStore old = new SessionStore(
                    sessionDirectory, StoreGenerations.generation(sessionDirectory, latest), resendWindow, false, messagePosition))
                {
                    torn = !old.recover();
                    old.copyTo(fresh);
                }
            }
            else
            {
                // Every committed generation holds at least one entry: a new session starts at 1/1,
                // or where the memory-mapped file of earlier versions left it.
                readLegacy(new File(directory, senderCompId + "-" + targetCompId + LEGACY_SUFFIX), fresh);
                fresh.append(TYPE_SEQUENCES, null, 0, 0);
            }
        }
        StoreGenerations.commit(temporary, nextDirectory);
        StoreGenerations.deleteGenerationsBefore(sessionDirectory, next);
        IoUtil.deleteIfExists(new File(directory, senderCompId + "-" + targetCompId + LEGACY_SUFFIX));
        final SessionStore store = new SessionStore(sessionDirectory, nextDirectory, resendWindow, true, messagePosition);
        if (!store.recover())
        {
            store.close();
            throw new IllegalStateException("session store generation just written is unreadable: " + nextDirectory);
        }
        store.tornTailRecovered = torn;
        return store;
    }

    public int nextSenderSeqNum()
    {
        return nextSenderSeqNum;
    }

    public int nextTargetSeqNum()
    {
        return nextTargetSeqNum;
    }

    /** Persists the next expected inbound number. */
    public void nextTargetSeqNum(final int seqNum)
    {
        nextTargetSeqNum = seqNum;
        append(TYPE_SEQUENCES, null, 0, 0);
    }

    /** Persists an admin message (or anything not to resend) sent with seqNum, the next sender number. */
    public void onAdminSent(final int seqNum)
    {
        advanceSender(seqNum);
        append(TYPE_SEQUENCES, null, 0, 0);
    }

    /** Persists an application message sent with seqNum, the next sender number: it can be resent. */
    public void onApplicationSent(final int seqNum, final DirectBuffer buffer, final int offset, final int length)
    {
        advanceSender(seqNum);
        final long index = append(TYPE_APPLICATION, buffer, offset, length);
        indexBySeqNum.put(seqNum, index);
    }

    /** Both numbers back to 1; nothing sent before is resent, also after a restart. */
    public void reset()
    {
        nextSenderSeqNum = 1;
        nextTargetSeqNum = 1;
        indexBySeqNum.clear();
        append(TYPE_RESET, null, 0, 0);
    }

    /** How many of the last outbound sequence numbers may be resent. */
    public int resendWindow()
    {
        return resendWindow;
    }

    /**
     * Loads the application message sent with seqNum into {@link #resendBuffer()}; returns its
     * length, or 0 when it must be gap-filled (an admin message, outside the window, before a reset).
     */
    public int load(final int seqNum)
    {
        if (seqNum <= nextSenderSeqNum - 1 - resendWindow)
        {
            return 0;
        }
        final long index = indexBySeqNum.get(seqNum);
        if (MISSING_INDEX == index || !tailer.moveToIndex(index))
        {
            return 0;
        }
        try (DocumentContext dc = tailer.readingDocument())
        {
            if (!dc.isPresent() || !wrap(dc) || view.getInt(TYPE_OFFSET) != TYPE_APPLICATION ||
                view.getInt(NEXT_SENDER_OFFSET) != seqNum + 1)
            {
                return 0;
            }
            final int length = view.getInt(MESSAGE_LENGTH_OFFSET);
            resendBuffer.putBytes(0, view, HEADER_LENGTH, length);
            return length;
        }
    }

    /** The bytes of the message last {@link #load loaded}. */
    public DirectBuffer resendBuffer()
    {
        return resendBuffer;
    }

    /** Makes the calling thread the owner of the appender and tailer; see the class comment. */
    public void takeOwnership()
    {
        if (null != appender)
        {
            appender.singleThreadedCheckReset();
        }
        tailer.singleThreadedCheckReset();
    }

    /** Application messages that can be resent now (for tests and monitoring). */
    public int resendableCount()
    {
        return indexBySeqNum.size();
    }

    /** True when the previous generation ended in an entry that was never completed. */
    public boolean tornTailRecovered()
    {
        return tornTailRecovered;
    }

    /** The position of the last exchange event a report was sent of, as recovered when opened; 0 when none. */
    public long lastEventPosition()
    {
        return lastEventPosition;
    }

    public long entriesRecovered()
    {
        return entriesRecovered;
    }

    public File generationDirectory()
    {
        return generationDirectory;
    }

    public File sessionDirectory()
    {
        return sessionDirectory;
    }

    @Override
    public void close()
    {
        // Closing happens on the thread shutting the gateway down, after the event loops stopped.
        takeOwnership();
        tailer.close();
        if (null != appender)
        {
            appender.close();
        }
        queue.close();
    }

    // ------------------------------------------------------------------ internals

    private void advanceSender(final int seqNum)
    {
        nextSenderSeqNum = seqNum + 1;
        // Sender numbers advance one at a time, so dropping the one leaving the window bounds the map.
        indexBySeqNum.remove((long)seqNum - resendWindow);
    }

    private long append(final int type, final DirectBuffer message, final int offset, final int length)
    {
        headerBuffer.putInt(TYPE_OFFSET, type);
        headerBuffer.putInt(NEXT_SENDER_OFFSET, nextSenderSeqNum);
        headerBuffer.putInt(NEXT_TARGET_OFFSET, nextTargetSeqNum);
        headerBuffer.putInt(MESSAGE_LENGTH_OFFSET, length);
        try (DocumentContext dc = appender.writingDocument())
        {
            final Bytes<?> out = dc.wire().bytes();
            out.write(header, 0, HEADER_LENGTH);
            if (length > 0)
            {
                final byte[] array = message.byteArray();
                if (null != array)
                {
                    out.write(array, message.wrapAdjustment() + offset, length);
                }
                else
                {
                    message.getBytes(offset, staging, 0, length);
                    out.write(staging.byteArray(), 0, length);
                }
            }
            return dc.index();
        }
    }

    /** Wraps the view over the excerpt; false if it is not a well-formed entry. */
    private boolean wrap(final DocumentContext dc)
    {
        final Bytes<?> in = dc.wire().bytes();
        final long remaining = in.readRemaining();
        if (remaining < HEADER_LENGTH || remaining > Integer.MAX_VALUE)
        {
            return false;
        }
        view.wrap(in.addressForRead(in.readPosition()), (int)remaining);
        final int type = view.getInt(TYPE_OFFSET);
        final int messageLength = view.getInt(MESSAGE_LENGTH_OFFSET);
        final boolean application = TYPE_APPLICATION == type;
        final boolean position = TYPE_EVENT_POSITION == type;
        return (TYPE_SEQUENCES == type || application || TYPE_RESET == type || position) &&
            view.getInt(NEXT_SENDER_OFFSET) >= 1 && view.getInt(NEXT_TARGET_OFFSET) >= 1 &&
            (application ? messageLength > 0 && HEADER_LENGTH + messageLength == remaining :
            position ? Long.BYTES == messageLength && HEADER_LENGTH + Long.BYTES == remaining : 0 == messageLength);
    }

    /**
     * Reads the queue from the start, rebuilding the numbers and the resend index. Returns false
     * when it stopped at an entry that is not well formed, or at an incomplete last excerpt.
     */
    private boolean recover()
    {
        tailer.toStart();
        Bytes<?> storeBytes = null;
        long endOfLast = -1;
        while (true)
        {
            try (DocumentContext dc = tailer.readingDocument())
            {
                if (!dc.isPresent())
                {
                    break;
                }
                if (!wrap(dc))
                {
                    return false;
                }
                storeBytes = dc.wire().bytes();
                endOfLast = storeBytes.readLimit();
                entriesRecovered++;
                final int type = view.getInt(TYPE_OFFSET);
                if (TYPE_RESET == type)
                {
                    indexBySeqNum.clear();
                }
                final int sender = view.getInt(NEXT_SENDER_OFFSET);
                if (TYPE_APPLICATION == type)
                {
                    indexBySeqNum.put(sender - 1, dc.index());
                    lastEventPosition = Math.max(lastEventPosition,
                        messagePosition.of(view, HEADER_LENGTH, view.getInt(MESSAGE_LENGTH_OFFSET)));
                }
                else if (TYPE_EVENT_POSITION == type)
                {
                    lastEventPosition = Math.max(lastEventPosition, view.getLong(HEADER_LENGTH));
                }
                if (sender > 1 && sender != nextSenderSeqNum)
                {
                    indexBySeqNum.remove((long)sender - 1 - resendWindow);
                }
                nextSenderSeqNum = sender;
                nextTargetSeqNum = view.getInt(NEXT_TARGET_OFFSET);
            }
        }
        return null == storeBytes || !isTornAfter(storeBytes, endOfLast);
    }

    /**
     * True when bytes follow the last complete excerpt without a complete header: a writer died
     * inside an append (Chronicle writes the header's length when the excerpt is complete, so
     * readers never see such bytes; they only tell that the previous run crashed mid-write).
     */
    private static boolean isTornAfter(final Bytes<?> storeBytes, final long endOfLast)
    {
        final long headerPosition = (endOfLast + 3) & ~3L;
        if (headerPosition + 8 > storeBytes.realCapacity())
        {
            return false;
        }
        return 0 != storeBytes.readVolatileInt(headerPosition) || 0 != storeBytes.readInt(headerPosition + 4);
    }

    /** Writes this store's state into an empty one: the messages of the window, then the numbers. */
    private void copyTo(final SessionStore target)
    {
        final int lastSent = nextSenderSeqNum - 1;
        target.nextTargetSeqNum = nextTargetSeqNum;
        for (int seq = Math.max(1, lastSent - resendWindow + 1); seq <= lastSent; seq++)
        {
            final int length = load(seq);
            if (length > 0)
            {
                target.onApplicationSent(seq, resendBuffer, 0, length);
            }
        }
        target.nextSenderSeqNum = nextSenderSeqNum;
        target.append(TYPE_SEQUENCES, null, 0, 0);
        if (lastEventPosition > 0)
        {
            // Kept whether or not a copied message carries it (a reset may have left none).
            final UnsafeBuffer position = new UnsafeBuffer(new byte[Long.BYTES]);
            position.putLong(0, lastEventPosition);
            target.append(TYPE_EVENT_POSITION, position, 0, Long.BYTES);
            target.lastEventPosition = lastEventPosition;
        }
    }

    /**
     * Numbers from the store of earlier versions (magic i64, nextSender i64, nextTarget i64, native
     * order, in {@code <directory>/<ours>-<theirs>.seqnums}), so that an upgrade keeps the session.
     */
    private static void readLegacy(final File legacy, final SessionStore target)
    {
        if (!legacy.isFile() || legacy.length() != LEGACY_FILE_LENGTH)
        {
            return;
        }
        final UnsafeBuffer buffer;
        try
        {
            buffer = new UnsafeBuffer(Files.readAllBytes(legacy.toPath()));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read " + legacy, ex);
        }
        final long sender = buffer.getLong(8);
        final long nextTarget = buffer.getLong(16);
        if (buffer.getLong(0) == LEGACY_MAGIC && sender >= 1 && sender <= Integer.MAX_VALUE &&
            nextTarget >= 1 && nextTarget <= Integer.MAX_VALUE)
        {
            target.nextSenderSeqNum = (int)sender;
            target.nextTargetSeqNum = (int)nextTarget;
        }
    }
}
