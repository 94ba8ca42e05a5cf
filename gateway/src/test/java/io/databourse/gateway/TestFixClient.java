package io.databourse.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

import io.databourse.gateway.fix.FixFramer;
import io.databourse.gateway.fix.FixMessage;
import io.databourse.gateway.fix.TestFix;
import io.databourse.gateway.fix.UtcTime;
import org.agrona.concurrent.UnsafeBuffer;

/** A blocking FIX client for tests: writes "35=D|11=x|..." bodies with a proper header, reads framed messages. */
public final class TestFixClient implements AutoCloseable
{
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String senderCompId;
    private final String targetCompId;
    private final byte[] buffer = new byte[1 << 20];
    private final UnsafeBuffer view = new UnsafeBuffer(buffer);
    private final FixFramer framer = new FixFramer(1 << 19);
    private int limit;
    private int seq = 1;

    public TestFixClient(final int port, final String senderCompId, final String targetCompId) throws IOException
    {
        this(new Socket("127.0.0.1", port), senderCompId, targetCompId);
    }

    /** From another loopback address (127.0.0.2, ...): what per-address limits and lockouts count. */
    public TestFixClient(final int port, final String senderCompId, final String targetCompId, final String localHost)
        throws IOException
    {
        this(new Socket(java.net.InetAddress.getLoopbackAddress(), port, java.net.InetAddress.getByName(localHost), 0),
            senderCompId, targetCompId);
    }

    /** Over a socket already connected (a TLS one, say). */
    public TestFixClient(final Socket socket, final String senderCompId, final String targetCompId) throws IOException
    {
        this.socket = socket;
        socket.setTcpNoDelay(true);
        in = socket.getInputStream();
        out = socket.getOutputStream();
        this.senderCompId = senderCompId;
        this.targetCompId = targetCompId;
    }

    public static String now()
    {
        final UnsafeBuffer b = new UnsafeBuffer(new byte[32]);
        UtcTime.putTimestampMs(b, 0, System.currentTimeMillis());
        return b.getStringWithoutLengthAscii(0, UtcTime.TIMESTAMP_MS_LENGTH);
    }

    /** Sends msgType with the standard header and the given body ("11=a|54=1|"). */
    public void send(final String msgType, final String body) throws IOException
    {
        sendRaw(TestFix.message("35=" + msgType + "|34=" + seq++ + "|49=" + senderCompId + "|52=" + now() + "|56=" +
            targetCompId + "|" + body));
    }

    /** The MsgSeqNum of the next message sent (a client resuming a session, or resetting it). */
    public TestFixClient nextSeqNum(final int seqNum)
    {
        seq = seqNum;
        return this;
    }

    public void sendRaw(final String raw) throws IOException
    {
        out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    public void logon(final String body) throws IOException
    {
        send("A", "98=0|108=30|" + body);
    }

    /** The next message (pipes for SOH), or null when none arrives in time or the connection closes. */
    public String receive(final long timeoutMs) throws IOException
    {
        final long deadline = System.currentTimeMillis() + timeoutMs;
        while (true)
        {
            if (limit > 0)
            {
                final int status = framer.scan(view, 0, limit);
                if (status == FixFramer.FRAME)
                {
                    final String message = new String(buffer, framer.frameOffset(), framer.frameLength(), StandardCharsets.ISO_8859_1);
                    consume(framer.consumedTo());
                    return TestFix.pipes(message);
                }
                if (status != FixFramer.NEED_MORE)
                {
                    throw new IllegalStateException("bad frame from gateway: " + status);
                }
            }
            final long left = deadline - System.currentTimeMillis();
            if (left <= 0)
            {
                return null;
            }
            socket.setSoTimeout((int)left);
            try
            {
                final int n = in.read(buffer, limit, buffer.length - limit);
                if (n < 0)
                {
                    return null;
                }
                limit += n;
            }
            catch (final SocketTimeoutException ex)
            {
                return null;
            }
        }
    }

    /** The next message of this type, skipping heartbeats and others; fails when none comes. */
    public String expect(final String msgType) throws IOException
    {
        final long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline)
        {
            final String message = receive(deadline - System.currentTimeMillis());
            if (null == message)
            {
                break;
            }
            if (msgType.equals(field(message, 35)))
            {
                return message;
            }
        }
        throw new AssertionError("no 35=" + msgType + " within 10 s");
    }

    /** True when the gateway closes the connection within the timeout (messages before are skipped). */
    public boolean awaitClose(final long timeoutMs) throws IOException
    {
        final long deadline = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < deadline)
        {
            socket.setSoTimeout((int)Math.max(1, deadline - System.currentTimeMillis()));
            try
            {
                final int n = in.read(buffer, 0, buffer.length);
                if (n < 0)
                {
                    return true;
                }
            }
            catch (final SocketTimeoutException ex)
            {
                return false;
            }
            catch (final IOException ex)
            {
                return true;
            }
        }
        return false;
    }

    public static String field(final String message, final int tag)
    {
        final String key = "|" + tag + "=";
        final int at = ("|" + message).indexOf(key);
        if (at < 0)
        {
            return null;
        }
        final int start = at + key.length() - 1;
        final int end = message.indexOf('|', start);
        return message.substring(start, end);
    }

    private void consume(final int n)
    {
        System.arraycopy(buffer, n, buffer, 0, limit - n);
        limit -= n;
    }

    public Socket socket()
    {
        return socket;
    }

    @Override
    public void close() throws IOException
    {
        socket.close();
    }

    static int fieldCount(final String message)
    {
        final FixMessage m = new FixMessage(1024);
        final String raw = message.replace('|', '\u0001');
        m.parse(TestFix.buffer(raw), 0, raw.length());
        return m.fieldCount();
    }
}
