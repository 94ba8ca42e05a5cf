package io.databourse.cluster.node;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.aeron.archive.ArchiveMarkFile;
import io.aeron.cluster.service.ClusterMarkFile;
import org.agrona.concurrent.SystemEpochClock;

/**
 * Releases the mark files a killed member left behind. The archive, the consensus module and the
 * service container each refuse to start while their mark file was touched by its owner in the
 * last ten seconds, which after a kill -9 keeps a restarted member out for that long. A mark file
 * whose recorded process is gone is marked inactive (its timestamp cleared) rather than deleted,
 * so that each component still saves the previous owner's error log as it starts. A file of a live
 * process is never touched.
 */
final class DeadOwnerMarkFiles
{
    private DeadOwnerMarkFiles()
    {
    }

    /** Returns a line for each mark file released. */
    static List<String> release(final Path nodeDir)
    {
        final List<String> released = new ArrayList<>();
        final File archiveDir = nodeDir.resolve("archive").toFile();
        if (new File(archiveDir, ArchiveMarkFile.FILENAME).exists())
        {
            try (ArchiveMarkFile markFile = new ArchiveMarkFile(
                archiveDir, ArchiveMarkFile.FILENAME, SystemEpochClock.INSTANCE, 0, line -> { }))
            {
                if (isDead(markFile.decoder().pid()))
                {
                    markFile.updateActivityTimestamp(0);
                    released.add(new File(archiveDir, ArchiveMarkFile.FILENAME) + " of process " + markFile.decoder().pid());
                }
            }
        }
        final File clusterDir = nodeDir.resolve("cluster").toFile();
        final File[] clusterMarkFiles = clusterDir.listFiles(
            (dir, name) -> name.equals(ClusterMarkFile.FILENAME) ||
            (name.startsWith(ClusterMarkFile.SERVICE_FILENAME_PREFIX) && name.endsWith(".dat")));
        if (null != clusterMarkFiles)
        {
            for (final File file : clusterMarkFiles)
            {
                try (ClusterMarkFile markFile = new ClusterMarkFile(
                    clusterDir, file.getName(), SystemEpochClock.INSTANCE, 0, line -> { }))
                {
                    if (isDead(markFile.decoder().pid()))
                    {
                        markFile.updateActivityTimestamp(0);
                        released.add(file + " of process " + markFile.decoder().pid());
                    }
                }
            }
        }
        return released;
    }

    private static boolean isDead(final long pid)
    {
        return pid > 0 && pid != ProcessHandle.current().pid() &&
            !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
