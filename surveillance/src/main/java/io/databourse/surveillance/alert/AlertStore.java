package io.databourse.surveillance.alert;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import net.openhft.chronicle.bytes.Bytes;
import io.databourse.journal.files.OwnerOnly;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.StoreFileListener;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * The surveillance stage's own Chronicle queue: one excerpt per alert, its JSON line
 * ({@link AlertJson}) in UTF-8, ids 1, 2, 3, ... in order. One writer (the stage thread); any
 * thread may read ({@link #find}, {@link #latest}, {@link #byId}, {@link #cursor}: each opens its
 * own tailer), in this process or another ({@link #openReadOnly}). Reads scan the queue: alerts
 * are few next to the journal.
 */
public final class AlertStore implements AutoCloseable
{
    private static final String QUEUE_FILE_SUFFIX = ".cq4";
    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private final Path directory;
    private final ChronicleQueue queue;
    private final boolean readOnly;
    /** Made on first append, on the writer's thread (Chronicle ties an appender to one thread). */
    private ExcerptAppender appender;
    private final boolean fsync;
    private volatile long count;
    private String lastForcedFile = "";
    private boolean dirty;

    private AlertStore(final Path directory, final boolean readOnly, final boolean fsync)
    {
        this.directory = directory;
        this.fsync = fsync;
        this.queue = SingleChronicleQueueBuilder.binary(directory.toFile())
            .rollCycle(RollCycles.FAST_DAILY)
            .readOnly(readOnly)
            // Chronicle's own files (metadata, each day's cycle) owner-only too, like the journal's
            .storeFileListener(readOnly ? StoreFileListener.NO_OP : OwnerOnly.chronicleStoreFiles())
            .build();
        if (!readOnly)
        {
            OwnerOnly.restrictTree(directory);
        }
        this.readOnly = readOnly;
        long n = 0;
        try (Cursor c = cursor())
        {
            for (Alert a = c.next(); null != a; a = c.next())
            {
                n++;
                if (a.id() != n)
                {
                    throw new IllegalStateException(
                        "alert queue " + directory + " holds alert " + a.id() + " where alert " + n + " belongs");
                }
            }
        }
        this.count = n;
    }

    /**
     * Opens (creating when needed) the store for appending; {@code fsync}: {@link #flush} forces it
     * to the device. The directory is its owner's only (0700): alerts name participants and trades.
     */
    public static AlertStore open(final Path directory, final boolean fsync) throws IOException
    {
        final boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        if (!Files.isDirectory(directory))
        {
            Files.createDirectories(directory.toAbsolutePath().getParent());
            if (posix)
            {
                Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
            }
            else
            {
                Files.createDirectory(directory);
            }
        }
        else if (posix)
        {
            Files.setPosixFilePermissions(directory, OWNER_ONLY_DIRECTORY);
        }
        return new AlertStore(directory, false, fsync);
    }

    /** Opens an existing store to read it (tools, another process). */
    public static AlertStore openReadOnly(final Path directory)
    {
        if (!Files.isDirectory(directory))
        {
            throw new IllegalArgumentException("no alert queue at " + directory);
        }
        return new AlertStore(directory, true, false);
    }

    public Path directory()
    {
        return directory;
    }

    /** Alerts stored (as the writer's thread last published it). */
    public long count()
    {
        return count;
    }

    /** Appends the next alert; its id must be {@link #count()} + 1. Stage thread only. */
    public void append(final Alert alert)
    {
        if (readOnly)
        {
            throw new IllegalStateException("alert queue opened read-only: " + directory);
        }
        if (alert.id() != count + 1)
        {
            throw new IllegalStateException("alert " + alert.id() + " appended after alert " + count);
        }
        final byte[] json = AlertJson.write(alert).getBytes(StandardCharsets.UTF_8);
        if (null == appender)
        {
            appender = queue.createAppender();
        }
        try (DocumentContext dc = appender.writingDocument())
        {
            dc.wire().bytes().write(json);
        }
        dirty = true;
        count = alert.id();
    }

    /**
     * With fsync, forces the queue files written since the last flush to the device (the stage's
     * checkpoint, written next, counts these alerts). Stage thread only.
     */
    public void flush() throws IOException
    {
        if (!fsync || !dirty)
        {
            return;
        }
        final List<Path> files = new ArrayList<>();
        try (Stream<Path> listing = Files.list(directory))
        {
            listing.filter(p -> p.getFileName().toString().endsWith(QUEUE_FILE_SUFFIX))
                .filter(p -> p.getFileName().toString().compareTo(lastForcedFile) >= 0)
                .sorted()
                .forEach(files::add);
        }
        for (final Path file : files)
        {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ))
            {
                channel.force(true);
            }
        }
        if (!files.isEmpty())
        {
            lastForcedFile = files.get(files.size() - 1).getFileName().toString();
        }
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ))
        {
            dir.force(true);   // new cycle files' directory entries
        }
        catch (final IOException ex)
        {
            // Not every platform opens a directory as a channel; the files themselves are forced.
        }
        dirty = false;
    }

    /** A reader from the first alert on, for one thread. */
    public Cursor cursor()
    {
        return new Cursor(queue.createTailer());
    }

    /** Alerts matching the filter with ids above {@code filter.afterId()}, oldest first, at most {@code limit}. */
    public List<Alert> find(final AlertFilter filter)
    {
        final List<Alert> found = new ArrayList<>();
        try (Cursor c = cursor())
        {
            for (Alert a = c.next(); null != a && found.size() < filter.limit(); a = c.next())
            {
                if (a.id() > filter.afterId() && filter.matches(a))
                {
                    found.add(a);
                }
            }
        }
        return found;
    }

    /** The newest {@code limit} alerts matching the filter (ids above {@code afterId}), newest first. */
    public List<Alert> latest(final AlertFilter filter)
    {
        final ArrayDeque<Alert> newest = new ArrayDeque<>();
        forEach(a ->
        {
            if (a.id() > filter.afterId() && filter.matches(a))
            {
                if (newest.size() == filter.limit())
                {
                    newest.removeFirst();
                }
                newest.addLast(a);
            }
        });
        final List<Alert> found = new ArrayList<>(newest.size());
        newest.descendingIterator().forEachRemaining(found::add);
        return found;
    }

    /** The alert with this id, or null. */
    public Alert byId(final long id)
    {
        try (Cursor c = cursor())
        {
            for (Alert a = c.next(); null != a; a = c.next())
            {
                if (a.id() == id)
                {
                    return a;
                }
            }
        }
        return null;
    }

    public void forEach(final Consumer<Alert> consumer)
    {
        try (Cursor c = cursor())
        {
            for (Alert a = c.next(); null != a; a = c.next())
            {
                consumer.accept(a);
            }
        }
    }

    /** Writes every alert, one JSON line each (alerts.jsonl), to a stream it closes. */
    public void exportJsonLines(final OutputStream stream) throws IOException
    {
        try (BufferedWriter out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
            Cursor c = cursor())
        {
            for (String line = c.nextLine(); null != line; line = c.nextLine())
            {
                out.write(line);
                out.write('\n');
            }
        }
    }

    @Override
    public void close()
    {
        queue.close();
    }

    /** Reads alerts in id order; single-threaded. */
    public static final class Cursor implements AutoCloseable
    {
        private final ExcerptTailer tailer;
        private long position;

        Cursor(final ExcerptTailer tailer)
        {
            this.tailer = tailer;
        }

        /** The next alert's JSON, or null at the end (for now: a live store may grow). */
        public String nextLine()
        {
            try (DocumentContext dc = tailer.readingDocument())
            {
                if (!dc.isPresent())
                {
                    return null;
                }
                final Bytes<?> in = dc.wire().bytes();
                final byte[] json = new byte[(int)in.readRemaining()];
                in.read(json);
                position++;
                return new String(json, StandardCharsets.UTF_8);
            }
        }

        /** The next alert, or null at the end (for now). */
        public Alert next()
        {
            final String line = nextLine();
            return null == line ? null : AlertJson.parse(line);
        }

        /** Alerts read so far: the id of the last one. */
        public long position()
        {
            return position;
        }

        /** Skips to just after alert {@code id}; false when the store holds fewer. */
        public boolean skipTo(final long id)
        {
            while (position < id)
            {
                if (null == nextLine())
                {
                    return false;
                }
            }
            return true;
        }

        @Override
        public void close()
        {
            tailer.close();
        }
    }
}
