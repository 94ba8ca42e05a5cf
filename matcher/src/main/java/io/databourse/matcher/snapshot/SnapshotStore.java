package io.databourse.matcher.snapshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.zip.CRC32;

import io.databourse.journal.files.OwnerOnly;

/**
 * Snapshot files in one directory, {@code snapshot-<seq>.dbs}, each a state stream between a header
 * and a trailer:
 * <pre>
 *    0 magic "DBSNAP01"     8 bytes
 *    8 format             i32   the state stream's format ({@code MatcherSnapshot.FORMAT_VERSION})
 *   12 seq                i64   the last command the state includes
 *   20 timeNs             i64   that command's sequencer time
 *   28 journalIndex       i64   the journal excerpt holding that command's record
 *   36 createdEpochMs     i64   wall clock of the writer, for people; never read back as state
 *   44 headerCrc          i32   CRC-32 of bytes [0, 44)
 *   48 state stream       payloadLength bytes (SnapshotWriter)
 *   .. payloadLength      i64
 *   .. stateHash          32 bytes, SHA-256 of the state stream: the state hash
 *   .. end magic "DBSNAPEN" 8 bytes
 * </pre>
 * Written to a temporary file, forced to disk, then renamed into place and the directory forced: a
 * crash (a kill -9 included) at any moment leaves either the whole new snapshot or none of it, never a
 * file under a snapshot's name that is not whole. A file whose header, length or hash does not check
 * out is refused by name ({@link #verify}); the caller falls back to an older one. Files are
 * owner-only. Independent of what the state is: the caller writes and reads the stream.
 */
public final class SnapshotStore
{
    public static final String SUFFIX = ".dbs";
    private static final String PREFIX = "snapshot-";
    private static final String TEMPORARY_SUFFIX = ".tmp";
    private static final long MAGIC = 0x3130_5041_4E53_4244L; // "DBSNAP01" little-endian
    private static final long END_MAGIC = 0x4E45_5041_4E53_4244L; // "DBSNAPEN"
    static final int HEADER_LENGTH = 48;
    static final int TRAILER_LENGTH = 8 + 32 + 8;

    private final Path directory;
    private final int retain;

    /** What a snapshot file says of itself, once verified. */
    public record Info(Path file, int format, long seq, long timeNs, long journalIndex, long createdEpochMs,
        long payloadLength, byte[] stateHash)
    {
        public String stateHashHex()
        {
            return HexFormat.of().formatHex(stateHash);
        }

        public long fileLength()
        {
            return HEADER_LENGTH + payloadLength + TRAILER_LENGTH;
        }

        @Override
        public String toString()
        {
            return file.getFileName() + " (seq " + seq + ", " + fileLength() + " bytes, state " +
                stateHashHex().substring(0, 16) + "...)";
        }
    }

    /** Writes the state stream; returns the state hash ({@link SnapshotWriter#finish()}). */
    @FunctionalInterface
    public interface StateWriter
    {
        byte[] write(SnapshotWriter out);
    }

    /**
     * @param directory where the snapshots are (created owner-only when written to)
     * @param retain    how many of the newest snapshots to keep after writing one (older are deleted)
     */
    public SnapshotStore(final Path directory, final int retain)
    {
        if (retain < 1)
        {
            throw new IllegalArgumentException("retain at least one snapshot: " + retain);
        }
        this.directory = directory;
        this.retain = retain;
    }

    public Path directory()
    {
        return directory;
    }

    public static String fileName(final long seq)
    {
        return PREFIX + String.format("%020d", seq) + SUFFIX;
    }

    /** Snapshot files by name, newest (highest seq) first; verified only when read. */
    public List<Path> files()
    {
        final List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(directory))
        {
            return files;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, PREFIX + "*" + SUFFIX))
        {
            for (final Path file : stream)
            {
                if (seqOf(file) >= 0)
                {
                    files.add(file);
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot list snapshots in " + directory, ex);
        }
        files.sort((a, b) -> Long.compare(seqOf(b), seqOf(a)));
        return files;
    }

    /** The seq a snapshot's file name says, or -1 when it is not a snapshot's name. */
    public static long seqOf(final Path file)
    {
        final String name = file.getFileName().toString();
        if (!name.startsWith(PREFIX) || !name.endsWith(SUFFIX))
        {
            return -1;
        }
        try
        {
            return Long.parseLong(name.substring(PREFIX.length(), name.length() - SUFFIX.length()));
        }
        catch (final NumberFormatException ex)
        {
            return -1;
        }
    }

    /**
     * Writes a snapshot of the state {@code state} writes, as of {@code seq}; then deletes all but
     * the {@code retain} newest, and temporary files a crash left.
     */
    public Info write(
        final int format, final long seq, final long timeNs, final long journalIndex, final StateWriter state)
    {
        OwnerOnly.createDirectories(directory);
        final Path temporary = directory.resolve(fileName(seq) + TEMPORARY_SUFFIX);
        final Path file = directory.resolve(fileName(seq));
        final long createdEpochMs = System.currentTimeMillis();
        final byte[] hash;
        final long payloadLength;
        try (FileChannel channel = FileChannel.open(temporary, Set.of(StandardOpenOption.CREATE,
            StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING), OwnerOnly.fileAttributes()))
        {
            writeFully(channel, header(format, seq, timeNs, journalIndex, createdEpochMs));
            final SnapshotWriter out = new SnapshotWriter((buffer, offset, length) ->
                writeFully(channel, ByteBuffer.wrap(buffer.byteArray(), offset, length)));
            hash = state.write(out);
            payloadLength = out.length();
            final ByteBuffer trailer = ByteBuffer.allocate(TRAILER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
            trailer.putLong(payloadLength).put(hash).putLong(END_MAGIC).flip();
            writeFully(channel, trailer);
            channel.force(true);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write snapshot " + temporary, ex);
        }
        try
        {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            forceDirectory();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot move snapshot into place " + file, ex);
        }
        prune();
        return new Info(file, format, seq, timeNs, journalIndex, createdEpochMs, payloadLength, hash);
    }

    private static ByteBuffer header(
        final int format, final long seq, final long timeNs, final long journalIndex, final long createdEpochMs)
    {
        final ByteBuffer header = ByteBuffer.allocate(HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        header.putLong(MAGIC).putInt(format).putLong(seq).putLong(timeNs).putLong(journalIndex).putLong(createdEpochMs);
        final CRC32 crc = new CRC32();
        crc.update(header.array(), 0, HEADER_LENGTH - 4);
        header.putInt((int)crc.getValue()).flip();
        return header;
    }

    private static void writeFully(final FileChannel channel, final ByteBuffer bytes)
    {
        try
        {
            while (bytes.hasRemaining())
            {
                channel.write(bytes);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private void forceDirectory() throws IOException
    {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ))
        {
            dir.force(true);
        }
    }

    private void prune()
    {
        final List<Path> files = files();
        try
        {
            for (int i = retain; i < files.size(); i++)
            {
                Files.deleteIfExists(files.get(i));
            }
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, PREFIX + "*" + TEMPORARY_SUFFIX))
            {
                for (final Path temporary : stream)
                {
                    Files.deleteIfExists(temporary);
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot delete old snapshots in " + directory, ex);
        }
    }

    /**
     * Reads a snapshot file's header and trailer and hashes its state stream.
     *
     * @throws CorruptSnapshotException naming what does not check out: a short file, a header that
     *                                  is not one, a length or hash that does not match
     */
    public static Info verify(final Path file)
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ))
        {
            final long size = channel.size();
            if (size < HEADER_LENGTH + TRAILER_LENGTH)
            {
                throw new CorruptSnapshotException(file.getFileName() + ": " + size + " bytes, shorter than a header " +
                    "and a trailer");
            }
            final ByteBuffer header = ByteBuffer.allocate(HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
            readFully(channel, header, 0);
            final CRC32 crc = new CRC32();
            crc.update(header.array(), 0, HEADER_LENGTH - 4);
            if (header.getLong(0) != MAGIC || header.getInt(HEADER_LENGTH - 4) != (int)crc.getValue())
            {
                throw new CorruptSnapshotException(file.getFileName() + ": not a snapshot header");
            }
            final ByteBuffer trailer = ByteBuffer.allocate(TRAILER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
            readFully(channel, trailer, size - TRAILER_LENGTH);
            final long payloadLength = trailer.getLong(0);
            if (trailer.getLong(TRAILER_LENGTH - 8) != END_MAGIC || payloadLength != size - HEADER_LENGTH - TRAILER_LENGTH)
            {
                throw new CorruptSnapshotException(file.getFileName() + ": truncated or extended (" + size +
                    " bytes, the trailer says " + (HEADER_LENGTH + payloadLength + TRAILER_LENGTH) + ")");
            }
            final byte[] hash = Arrays.copyOfRange(trailer.array(), 8, 40);
            final java.security.MessageDigest digest = SnapshotWriter.sha256();
            final ByteBuffer chunk = ByteBuffer.allocate(SnapshotWriter.CHUNK_LENGTH);
            long at = HEADER_LENGTH;
            while (at < HEADER_LENGTH + payloadLength)
            {
                chunk.clear().limit((int)Math.min(chunk.capacity(), HEADER_LENGTH + payloadLength - at));
                readFully(channel, chunk, at);
                digest.update(chunk.array(), 0, chunk.limit());
                at += chunk.limit();
            }
            if (!Arrays.equals(hash, digest.digest()))
            {
                throw new CorruptSnapshotException(file.getFileName() + ": its state does not hash to the hash stored " +
                    "with it (altered or damaged)");
            }
            final Info info = new Info(file, header.getInt(8), header.getLong(12), header.getLong(20), header.getLong(28),
                header.getLong(36), payloadLength, hash);
            if (seqOf(file) >= 0 && seqOf(file) != info.seq())
            {
                throw new CorruptSnapshotException(file.getFileName() + ": holds seq " + info.seq());
            }
            return info;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read snapshot " + file, ex);
        }
    }

    private static void readFully(final FileChannel channel, final ByteBuffer dst, final long position) throws IOException
    {
        long at = position;
        while (dst.hasRemaining())
        {
            final int n = channel.read(dst, at);
            if (n < 0)
            {
                throw new CorruptSnapshotException("unexpected end of file at byte " + at);
            }
            at += n;
        }
    }

    /**
     * Reads a verified snapshot's state stream with {@code reader}; the stream's hash is checked again
     * at its end, so a file changed since {@link #verify} is refused too.
     */
    public static <T> T read(final Info info, final Function<SnapshotReader, T> reader)
    {
        try (FileChannel channel = FileChannel.open(info.file(), StandardOpenOption.READ))
        {
            channel.position(HEADER_LENGTH);
            final SnapshotReader in = SnapshotReader.of(channel, info.payloadLength());
            final T state = reader.apply(in);
            if (!Arrays.equals(info.stateHash(), in.finish()))
            {
                throw new CorruptSnapshotException(info.file().getFileName() + ": changed while it was read");
            }
            return state;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read snapshot " + info.file(), ex);
        }
    }
}
