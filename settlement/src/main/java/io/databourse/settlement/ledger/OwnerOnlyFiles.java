package io.databourse.settlement.ledger;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files and directories only their owner may read: the signing key, the chain head and the other
 * settlement outputs (participants' trades and positions). The mode is set at creation, before any
 * byte is written, where the file system has POSIX modes.
 */
public final class OwnerOnlyFiles
{
    public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    public static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private OwnerOnlyFiles()
    {
    }

    /** Creates a directory and its missing parents, each new one 0700. */
    public static void createDirectories(final Path dir) throws IOException
    {
        final Path absolute = dir.toAbsolutePath();
        if (Files.isDirectory(absolute))
        {
            return;
        }
        if (null != absolute.getParent())
        {
            createDirectories(absolute.getParent());
        }
        if (POSIX)
        {
            Files.createDirectory(absolute, PosixFilePermissions.asFileAttribute(DIRECTORY));
        }
        else
        {
            Files.createDirectory(absolute);
        }
    }

    /** Creates a new file 0600 (failing if it exists) holding {@code content}, forced when asked. */
    public static void writeNew(final Path file, final byte[] content, final boolean force) throws IOException
    {
        final FileAttribute<?>[] attributes = POSIX ?
            new FileAttribute<?>[]{PosixFilePermissions.asFileAttribute(FILE)} : new FileAttribute<?>[0];
        try (FileChannel channel = FileChannel.open(
            file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attributes))
        {
            final ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining())
            {
                channel.write(buffer);
            }
            if (force)
            {
                channel.force(true);
            }
        }
    }

    /**
     * Replaces {@code file} with {@code content}, 0600, through a temporary file and an atomic rename:
     * a reader sees the old content or the new, never a torn file.
     */
    public static void write(final Path file, final byte[] content, final boolean force) throws IOException
    {
        final Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        writeNew(temp, content, force);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Opens {@code file} for writing from scratch, 0600 (an existing file is replaced, not reused). */
    public static OutputStream newOutputStream(final Path file) throws IOException
    {
        Files.deleteIfExists(file);
        return POSIX ?
            Files.newOutputStream(Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE))) :
            Files.newOutputStream(file);
    }

    /** Makes an existing file owner-only (0600). */
    public static void restrict(final Path file) throws IOException
    {
        if (POSIX)
        {
            Files.setPosixFilePermissions(file, FILE);
        }
    }
}
