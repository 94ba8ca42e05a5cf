package io.databourse.settlement;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32;

/**
 * A stage's durable position: the last journal seq and Chronicle index it applied and a snapshot of
 * its state at exactly that point. Written to a temporary file, forced, then atomically renamed over
 * the previous one, so a crash leaves either the old or the new checkpoint, never a torn one.
 * <pre>
 *   magic u32 'DBCP', version u32, lastSeq i64, lastIndex i64, stateLength u32, state, crc32 u32
 * </pre>
 */
public final class Checkpoint
{
    static final int MAGIC = 0x44424350;
    static final int VERSION = 1;
    /** Bounds the snapshot a corrupt length field could make us allocate. */
    static final int STATE_LENGTH_MAX = 1 << 30;

    private final Path file;
    private final Path tempFile;
    private final boolean fsync;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);

    public Checkpoint(final Path stateDir, final String name, final boolean fsync)
    {
        this.file = stateDir.resolve(name + ".checkpoint");
        this.tempFile = stateDir.resolve(name + ".checkpoint.tmp");
        this.fsync = fsync;
    }

    public Path file()
    {
        return file;
    }

    /** Writes the checkpoint of {@code stage} as of {@code lastSeq}. */
    public void write(final long lastSeq, final long lastIndex, final SettlementStage stage) throws IOException
    {
        bytes.reset();
        final DataOutputStream state = new DataOutputStream(bytes);
        stage.writeSnapshot(state);
        state.flush();
        final int stateLength = bytes.size();
        final ByteBuffer out = ByteBuffer.allocate(28 + stateLength + 4);
        out.putInt(MAGIC).putInt(VERSION).putLong(lastSeq).putLong(lastIndex).putInt(stateLength);
        out.put(bytes.toByteArray());
        final CRC32 crc = new CRC32();
        crc.update(out.array(), 0, out.position());
        out.putInt((int)crc.getValue());
        out.flip();
        try (FileChannel channel = FileChannel.open(tempFile,
            java.util.Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING),
            io.databourse.journal.files.OwnerOnly.fileAttributes()))
        {
            while (out.hasRemaining())
            {
                channel.write(out);
            }
            if (fsync)
            {
                channel.force(true);
            }
        }
        Files.move(tempFile, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Reads the checkpoint into {@code stage}; returns null when there is none. */
    public Position read(final SettlementStage stage) throws IOException
    {
        if (!Files.exists(file))
        {
            return null;
        }
        final byte[] all = Files.readAllBytes(file);
        final ByteBuffer in = ByteBuffer.wrap(all);
        if (all.length < 32 || in.getInt() != MAGIC || in.getInt() != VERSION)
        {
            throw new IOException("not a settlement checkpoint: " + file);
        }
        final long lastSeq = in.getLong();
        final long lastIndex = in.getLong();
        final int stateLength = in.getInt();
        if (stateLength < 0 || stateLength > STATE_LENGTH_MAX || 28 + stateLength + 4 != all.length)
        {
            throw new IOException("checkpoint length mismatch: " + file);
        }
        final CRC32 crc = new CRC32();
        crc.update(all, 0, 28 + stateLength);
        if ((int)crc.getValue() != ByteBuffer.wrap(all, 28 + stateLength, 4).getInt())
        {
            throw new IOException("checkpoint checksum mismatch: " + file);
        }
        stage.readSnapshot(new DataInputStream(new ByteArrayInputStream(all, 28, stateLength)));
        return new Position(lastSeq, lastIndex);
    }

    /** Where a stage stood at its last checkpoint. */
    public record Position(long lastSeq, long lastIndex)
    {
    }
}
