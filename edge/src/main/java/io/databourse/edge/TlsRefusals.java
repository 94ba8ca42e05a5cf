package io.databourse.edge;

import javax.net.ssl.SSLException;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;

/**
 * Goes right after the {@code SslHandler}: a client that does not speak TLS to a TLS port (a plain
 * FIX logon, an http:// request), or whose handshake fails, is closed with one log line naming its
 * address, not a stack trace. Anything else passes on.
 */
public final class TlsRefusals extends ChannelInboundHandlerAdapter
{
    private final String what;
    private final RefusalLog log;

    public TlsRefusals(final String what, final RefusalLog log)
    {
        this.what = what;
        this.log = log;
    }

    @Override
    public void userEventTriggered(final ChannelHandlerContext ctx, final Object event) throws Exception
    {
        if (event instanceof SslHandshakeCompletionEvent && !((SslHandshakeCompletionEvent)event).isSuccess())
        {
            refuse(ctx, ((SslHandshakeCompletionEvent)event).cause());
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause) throws Exception
    {
        if (isTlsFailure(cause))
        {
            refuse(ctx, cause);
            return;
        }
        super.exceptionCaught(ctx, cause);
    }

    private void refuse(final ChannelHandlerContext ctx, final Throwable cause)
    {
        if (ctx.channel().isOpen())
        {
            log.refuse(what, ConnectionLimiter.hostOf(ctx.channel().remoteAddress()),
                isNotTls(cause) ? "not TLS on a TLS port" : "TLS handshake failed: " + rootMessage(cause));
            ctx.close();
        }
    }

    static boolean isTlsFailure(final Throwable cause)
    {
        return isNotTls(cause) || cause instanceof SSLException ||
            (cause instanceof DecoderException && cause.getCause() instanceof SSLException);
    }

    private static boolean isNotTls(final Throwable cause)
    {
        return cause instanceof NotSslRecordException ||
            (cause instanceof DecoderException && cause.getCause() instanceof NotSslRecordException);
    }

    private static String rootMessage(final Throwable cause)
    {
        Throwable t = cause;
        while (null != t.getCause() && t.getCause() != t)
        {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (null == t.getMessage() ? "" : " " + t.getMessage());
    }
}
