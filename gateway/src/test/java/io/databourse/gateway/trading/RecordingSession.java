package io.databourse.gateway.trading;

import java.util.ArrayList;
import java.util.List;

import io.databourse.gateway.fix.FixEncoder;
import io.databourse.gateway.fix.FixMessage;
import io.databourse.gateway.session.SessionConfig;
import io.databourse.gateway.session.SessionHandle;
import org.agrona.DirectBuffer;

/**
 * A logged-on session without a socket: what the application sends is finished into FIX bytes and
 * kept, "|" for SOH, for the tests to read; tasks run at once (the test's thread is the session's).
 */
final class RecordingSession implements SessionHandle
{
    final List<String> sent = new ArrayList<>();
    final List<String> businessRejects = new ArrayList<>();
    String loggedOut;
    private final SessionConfig config;
    private final FixEncoder encoder = new FixEncoder(16 * 1024);

    RecordingSession(final SessionConfig config)
    {
        this.config = config;
    }

    @Override
    public SessionConfig config()
    {
        return config;
    }

    @Override
    public FixEncoder begin(final CharSequence msgType)
    {
        return encoder.begin(msgType);
    }

    @Override
    public FixEncoder begin(final DirectBuffer msgType, final int offset, final int length)
    {
        return encoder.begin(msgType, offset, length);
    }

    @Override
    public void send()
    {
        sent.add(encoder.finish().toString());
    }

    @Override
    public void sendBusinessReject(final FixMessage refMessage, final int businessRejectReason, final CharSequence text)
    {
        businessRejects.add(businessRejectReason + ":" + text);
    }

    @Override
    public boolean isLoggedOn()
    {
        return null == loggedOut;
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
    public boolean onSessionThread()
    {
        return true;
    }

    @Override
    public void execute(final Runnable task)
    {
        task.run();
    }

    @Override
    public void logout(final CharSequence reason)
    {
        loggedOut = reason.toString();
    }

    /** The last message sent, "|" for SOH. */
    String last()
    {
        return sent.get(sent.size() - 1);
    }

    /** The value of a tag in a "|"-separated message, or null. */
    static String field(final String message, final int tag)
    {
        final String key = "|" + tag + "=";
        final int at = ("|" + message).indexOf(key);
        if (at < 0)
        {
            return null;
        }
        final int start = at + key.length() - 1;
        final int end = message.indexOf('|', start);
        return message.substring(start, end < 0 ? message.length() : end);
    }
}
