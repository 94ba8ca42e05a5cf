package io.databourse.gateway.session;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.databourse.gateway.fix.UtcTime;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/** A connection that keeps every message written, as text with '|' for SOH; tasks run at once. */
final class CapturingConnection implements FixConnection
{
    final List<String> written = new ArrayList<>();
    boolean closed;
    boolean paused;

    /** A FIX timestamp (52, 122) for epoch ms. */
    static String timestamp(final long epochMs)
    {
        final UnsafeBuffer b = new UnsafeBuffer(new byte[32]);
        UtcTime.putTimestampMs(b, 0, epochMs);
        return b.getStringWithoutLengthAscii(0, UtcTime.TIMESTAMP_MS_LENGTH);
    }

    @Override
    public void write(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        written.add(new String(bytes, StandardCharsets.ISO_8859_1).replace('\u0001', '|'));
    }

    @Override
    public void flush()
    {
    }

    @Override
    public void beginBatch()
    {
    }

    @Override
    public void endBatch()
    {
    }

    @Override
    public void close()
    {
        closed = true;
    }

    @Override
    public void execute(final Runnable task)
    {
        task.run();
    }

    @Override
    public boolean inThread()
    {
        return true;
    }

    @Override
    public String remoteAddress()
    {
        return "127.0.0.1:5000";
    }

    @Override
    public String remoteHost()
    {
        return "127.0.0.1";
    }

    @Override
    public void pauseReading()
    {
        paused = true;
    }

    @Override
    public void resumeReading()
    {
        paused = false;
    }
}
