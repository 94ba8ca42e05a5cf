package io.databourse.gateway.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;

import io.databourse.gateway.app.CertificationEchoApplication;
import io.databourse.gateway.fix.FixDictionary;
import io.databourse.gateway.fix.FixFramer;
import io.databourse.gateway.fix.TestFix;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The steady-state session path (frame, parse, validate, sequence checks, answer) allocates nothing:
 * thousands of TestRequests and their Heartbeats go through a session layer over a fake connection
 * while the thread's allocation counter barely moves.
 */
class AllocationTest
{
    @TempDir
    Path tempDir;

    /** Counts what the session writes; keeps nothing. */
    static final class CountingConnection implements FixConnection
    {
        int messages;
        long bytes;

        public void write(final DirectBuffer buffer, final int offset, final int length)
        {
            messages++;
            bytes += length;
        }

        public void flush()
        {
        }

        public void close()
        {
        }

        public void beginBatch()
        {
        }

        public void endBatch()
        {
        }

        public void execute(final Runnable task)
        {
            task.run();
        }

        public boolean inThread()
        {
            return true;
        }

        public String remoteAddress()
        {
            return "test";
        }

        @Override
        public String remoteHost()
        {
            return "test";
        }

        @Override
        public void pauseReading()
        {
        }

        @Override
        public void resumeReading()
        {
        }
    }

    @Test
    void sessionPathDoesNotAllocate()
    {
        final FixDictionary dictionary = FixDictionary.fix44();
        final SessionConfig config = new SessionConfig().sessionId(1).senderCompId("ISLD").targetCompId("TW")
            .profile("certification").conclude();
        final SessionRegistry registry = new SessionRegistry();
        registry.add(new FixSession(config, SessionStore.open(new File(tempDir.toFile(), "seq"), "ISLD", "TW", 16),
            new CertificationEchoApplication(dictionary, 16)));
        final SessionLayerContext ctx = new SessionLayerContext().registry(registry).dictionary(dictionary)
            .epochClock(System::currentTimeMillis);
        final CountingConnection connection = new CountingConnection();
        final FixSessionLayer layer = new FixSessionLayer(ctx, connection);

        final String now = io.databourse.gateway.TestFixClient.now();
        final String logon = TestFix.message("35=A|34=1|49=TW|52=" + now + "|56=ISLD|98=0|108=30|");
        layer.onFrame(TestFix.buffer(logon), 0, logon.length());
        assertEquals(1, connection.messages);

        final int count = 20_000;
        final UnsafeBuffer[] frames = new UnsafeBuffer[count];
        final int[] lengths = new int[count];
        for (int i = 0; i < count; i++)
        {
            final String m = TestFix.message("35=1|34=" + (i + 2) + "|49=TW|52=" + now + "|56=ISLD|112=T" + i + "|");
            frames[i] = TestFix.buffer(m);
            lengths[i] = m.length();
        }
        final FixFramer framer = new FixFramer(4096);
        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long threadId = Thread.currentThread().getId();
        // Warm up (JIT, lazily sized structures), then measure.
        run(layer, framer, frames, lengths, 0, count / 2);
        final long before = threads.getThreadAllocatedBytes(threadId);
        run(layer, framer, frames, lengths, count / 2, count);
        final long allocated = threads.getThreadAllocatedBytes(threadId) - before;

        System.out.println("session path allocated " + allocated + " bytes for " + (count / 2) + " messages");
        assertEquals(1 + count, connection.messages);
        assertTrue(allocated < 64 * 1024, "allocated " + allocated + " bytes for " + (count / 2) + " messages");
        registry.close();
    }

    private static void run(
        final FixSessionLayer layer, final FixFramer framer, final UnsafeBuffer[] frames, final int[] lengths,
        final int from, final int to)
    {
        for (int i = from; i < to; i++)
        {
            if (framer.scan(frames[i], 0, lengths[i]) != FixFramer.FRAME)
            {
                throw new IllegalStateException("frame " + i);
            }
            layer.onFrame(frames[i], framer.frameOffset(), framer.frameLength());
        }
    }
}
