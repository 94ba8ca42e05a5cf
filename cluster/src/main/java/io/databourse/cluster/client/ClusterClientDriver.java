package io.databourse.cluster.client;

import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.databourse.journal.idle.IdleStrategies;

/**
 * The media driver of a cluster client's process (a gateway, a bench): one shared thread with the
 * drivers' configured idle strategy (databourse.driver.idle), terms allocated as they fill, its
 * directory removed when it stops and cleared when it starts.
 */
public final class ClusterClientDriver
{
    private ClusterClientDriver()
    {
    }

    public static MediaDriver launch(final String aeronDirectoryName)
    {
        return MediaDriver.launch(new MediaDriver.Context()
            .aeronDirectoryName(aeronDirectoryName)
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(IdleStrategies.driverConfigured())
            .termBufferSparseFile(true)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true));
    }
}
