package io.databourse.exchange;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.aeron.CommonContext;
import org.agrona.IoUtil;

/**
 * Removes the Aeron directories that DataBourse processes left behind when they died without closing
 * (kill -9, a failed start): each holds ~49 MB of log buffers in /dev/shm. A directory is removed only
 * when it is named for a process ({@code databourse-<pid>} or {@code databourse-<anything>-<pid>}), that
 * process is gone, and no media driver has written its heartbeat there recently — so a live exchange's
 * directory is never touched, whatever its name.
 */
public final class StaleAeronDirs
{
    /** Where the default Aeron directories live. */
    public static final Path SHM = Path.of("/dev/shm");
    private static final Pattern NAMED_FOR_PID = Pattern.compile("databourse-(?:.+-)?(\\d+)");
    /** A driver that has not written its heartbeat for this long is dead (Aeron's own default timeout is 10 s). */
    private static final long DRIVER_TIMEOUT_MS = 10_000;

    private StaleAeronDirs()
    {
    }

    /** Removes the stale directories under {@code parent}; returns a line for each, saying what was removed. */
    public static List<String> clean(final Path parent)
    {
        final List<String> removed = new ArrayList<>();
        if (!Files.isDirectory(parent))
        {
            return removed;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(parent, "databourse-*"))
        {
            for (final Path dir : dirs)
            {
                final long pid = pidOf(dir);
                if (pid > 0 && pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).isEmpty() &&
                    Files.isDirectory(dir) && !isDriverActive(dir.toFile()))
                {
                    IoUtil.delete(dir.toFile(), true);
                    if (!Files.exists(dir))
                    {
                        removed.add("stale Aeron directory " + dir + " of process " + pid + ", which is no longer running");
                    }
                }
            }
        }
        catch (final IOException ex)
        {
            // a directory we cannot list holds nothing we could remove: the start goes on
            return removed;
        }
        return removed;
    }

    /** The pid a directory is named for, or -1. */
    static long pidOf(final Path dir)
    {
        final Matcher m = NAMED_FOR_PID.matcher(dir.getFileName().toString());
        if (!m.matches() || m.group(1).length() > 18)
        {
            return -1;
        }
        return Long.parseLong(m.group(1));
    }

    private static boolean isDriverActive(final File dir)
    {
        try
        {
            return CommonContext.isDriverActive(dir, DRIVER_TIMEOUT_MS, message -> { });
        }
        catch (final RuntimeException ex)
        {
            // an unreadable or half-written CnC file: no driver is running there
            return false;
        }
    }
}
