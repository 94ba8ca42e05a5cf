package io.databourse.journal.files;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

import net.openhft.chronicle.queue.impl.StoreFileListener;

/**
 * Files only their owner may read: journals, snapshots, FIX session stores and settlement state hold
 * every participant's orders and positions, so the exchange writes its directories 0700 and its files
 * 0600. A directory made 0700 already shuts other users out of everything below it; the files are
 * restricted too, so that a copied or moved file stays private. A no-op on a file system without
 * POSIX permissions.
 */
public final class OwnerOnly
{
    public static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private OwnerOnly()
    {
    }

    /** Creates the directory and any missing parents (those created 0700), and makes the directory itself 0700. */
    public static Path createDirectories(final Path directory)
    {
        try
        {
            final Path absolute = directory.toAbsolutePath();
            if (!Files.isDirectory(absolute))
            {
                final Path parent = absolute.getParent();
                if (null != parent && !Files.isDirectory(parent))
                {
                    createDirectories(parent);
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
            restrict(absolute);
            return directory;
        }
        catch (final java.nio.file.FileAlreadyExistsException ex)
        {
            restrict(directory);
            return directory;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create directory " + directory, ex);
        }
    }

    /** Makes a file 0600 or a directory 0700 (a symbolic link is left alone). */
    public static void restrict(final Path path)
    {
        if (!POSIX)
        {
            return;
        }
        try
        {
            if (Files.isSymbolicLink(path))
            {
                return;
            }
            final Set<PosixFilePermission> wanted = Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) ? DIRECTORY : FILE;
            if (!Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS).equals(wanted))
            {
                Files.setPosixFilePermissions(path, wanted);
            }
        }
        catch (final java.nio.file.NoSuchFileException ex)
        {
            // gone meanwhile (a temporary file renamed): nothing left to protect
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot restrict permissions of " + path, ex);
        }
    }

    /** {@link #restrict} on a directory and everything below it (a data directory written by an older version). */
    public static void restrictTree(final Path root)
    {
        if (!POSIX || !Files.exists(root))
        {
            return;
        }
        try (Stream<Path> paths = Files.walk(root))
        {
            paths.forEach(OwnerOnly::restrict);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot restrict permissions under " + root, ex);
        }
    }

    /**
     * A Chronicle Queue listener that restricts each cycle file as the queue acquires it: the queue
     * creates a new file every roll cycle, with the process's umask. Chronicle calls it on its
     * background releaser thread, moments after the file is created: the 0700 directory covers that
     * moment, and the writer's thread never pays for the system calls.
     */
    public static StoreFileListener chronicleStoreFiles()
    {
        return new StoreFileListener()
        {
            @Override
            public boolean isActive()
            {
                return POSIX;
            }

            @Override
            public void onAcquired(final int cycle, final File file)
            {
                restrict(file.toPath());
            }

            @Override
            public void onReleased(final int cycle, final File file)
            {
                // nothing: the file keeps the permissions it was given when acquired
            }
        };
    }

    /** The attribute that creates a file 0600 ({@code Files.newByteChannel}, {@code FileChannel.open}); none without POSIX. */
    public static FileAttribute<?>[] fileAttributes()
    {
        return POSIX ? new FileAttribute<?>[]{PosixFilePermissions.asFileAttribute(FILE)} : new FileAttribute<?>[0];
    }
}
