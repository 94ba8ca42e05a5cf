package io.databourse.gateway.session;

import java.io.File;

import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Run in a child JVM by {@link SessionStoreTest}: starts an entry in a session store's queue and
 * halts the process in the middle of it, as a crash inside a write would, leaving a Chronicle
 * header that is never completed.
 */
public final class TornEntryWriter
{
    private TornEntryWriter()
    {
    }

    public static void main(final String[] args)
    {
        final ChronicleQueue queue = SingleChronicleQueueBuilder.binary(new File(args[0]))
            .rollCycle(RollCycles.FAST_DAILY)
            .build();
        final ExcerptAppender appender = queue.createAppender();
        final DocumentContext dc = appender.writingDocument();
        dc.wire().bytes().writeInt(SessionStore.TYPE_APPLICATION).writeInt(99).writeInt(99).writeInt(1000);
        System.out.println("torn");
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }
}
