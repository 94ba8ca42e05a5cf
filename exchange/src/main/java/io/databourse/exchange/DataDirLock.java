package io.databourse.exchange;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Set;

import io.databourse.journal.files.OwnerOnly;

/**
 * One exchange per data directory: {@code DIR/LOCK}, locked for the life of the process that runs
 * on it. Two exchanges on one directory would both accept orders, hand out the same order ids and
 * interleave their records in one journal beyond recovery, so the second is refused at start, naming
 * the process that holds the directory. The lock is the operating system's ({@code fcntl} on Linux):
 * it goes with its process, also on a kill -9, so a stale LOCK file never blocks a restart. Readers
 * of the directory (audit tools, {@code verify}) take no lock.
 */
public final class DataDirLock implements AutoCloseable
{
    public static final String FILE_NAME = "LOCK";

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(final Path file, final FileChannel channel, final FileLock lock)
    {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks the data directory (created owner-only when missing) for this process.
     *
     * @throws IllegalStateException naming the holder when another process, or another exchange in
     *                               this one, already runs on the directory
     */
    public static DataDirLock acquire(final Path dataDir)
    {
        OwnerOnly.createDirectories(dataDir);
        final Path file = dataDir.resolve(FILE_NAME);
        final FileChannel channel;
        try
        {
            channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE), OwnerOnly.fileAttributes());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot open " + file, ex);
        }
        FileLock lock = null;
        try
        {
            lock = channel.tryLock();
        }
        catch (final OverlappingFileLockException ex)
        {
            // held by this very process (another exchange in this JVM): the same refusal
        }
        catch (final IOException ex)
        {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot lock " + file, ex);
        }
        if (null == lock)
        {
            final String holder = holder(channel);
            closeQuietly(channel);
            throw new IllegalStateException("data directory " + dataDir.toAbsolutePath() + " is in use by another " +
                "exchange (" + holder + "); stop it first, or give this one another --data-dir");
        }
        try
        {
            final byte[] who = ("pid " + ProcessHandle.current().pid() + ", started " + Instant.now() + "\n")
                .getBytes(StandardCharsets.US_ASCII);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(who), 0);
        }
        catch (final IOException ex)
        {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot write " + file, ex);
        }
        assert lock.isValid() && !lock.isShared();
        return new DataDirLock(file, channel, lock);
    }

    /** What the holder wrote into the file: its pid and start time. */
    private static String holder(final FileChannel channel)
    {
        try
        {
            final ByteBuffer buffer = ByteBuffer.allocate(256);
            channel.read(buffer, 0);
            final String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).trim();
            return text.isEmpty() ? "its pid not yet written" : text;
        }
        catch (final IOException ex)
        {
            return "its pid unreadable: " + ex.getMessage();
        }
    }

    private static void closeQuietly(final FileChannel channel)
    {
        try
        {
            channel.close();
        }
        catch (final IOException ignore)
        {
            // refusing already
        }
    }

    public Path file()
    {
        return file;
    }

    public boolean isHeld()
    {
        return lock.isValid();
    }

    /** Releases the directory. The file stays (emptied): its presence alone never means "in use". */
    @Override
    public void close()
    {
        try
        {
            if (lock.isValid())
            {
                channel.truncate(0);
                lock.release();
            }
            channel.close();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot release " + file, ex);
        }
    }
}
