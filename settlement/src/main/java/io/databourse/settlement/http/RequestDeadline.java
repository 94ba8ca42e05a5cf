package io.databourse.settlement.http;

import java.util.concurrent.TimeUnit;

import io.databourse.edge.ConnectionLimiter;
import io.databourse.edge.RefusalLog;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * A whole request (line, headers and body) must arrive within {@code timeoutMs} of the connection
 * being opened or of the previous response being written; else 408 and the connection is closed,
 * the refusal logged with the address. An idle timeout alone does not do this: a client that
 * trickles a byte now and then is never idle, and 64 of them held every connection slot. Goes
 * after the aggregator (it sees whole requests) and before the application's handler.
 */
public final class RequestDeadline extends ChannelDuplexHandler
{
    private final long timeoutMs;
    private final RefusalLog refusals;
    private ScheduledFuture<?> deadline;

    public RequestDeadline(final long timeoutMs, final RefusalLog refusals)
    {
        this.timeoutMs = timeoutMs;
        this.refusals = refusals;
    }

    @Override
    public void handlerAdded(final ChannelHandlerContext ctx)
    {
        if (ctx.channel().isActive())
        {
            arm(ctx);
        }
    }

    @Override
    public void channelActive(final ChannelHandlerContext ctx) throws Exception
    {
        arm(ctx);
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(final ChannelHandlerContext ctx, final Object msg) throws Exception
    {
        if (msg instanceof FullHttpRequest)
        {
            // A request is in: no deadline until its response is written (the handler may answer later).
            disarm();
        }
        super.channelRead(ctx, msg);
    }

    @Override
    public void write(final ChannelHandlerContext ctx, final Object msg, final ChannelPromise promise) throws Exception
    {
        if (msg instanceof LastHttpContent)
        {
            final ChannelPromise written = promise.isVoid() ? ctx.newPromise() : promise;
            written.addListener(future -> arm(ctx));
            super.write(ctx, msg, written);
            return;
        }
        super.write(ctx, msg, promise);
    }

    @Override
    public void channelInactive(final ChannelHandlerContext ctx) throws Exception
    {
        disarm();
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(final ChannelHandlerContext ctx)
    {
        disarm();
    }

    private void arm(final ChannelHandlerContext ctx)
    {
        disarm();
        // a response written as the handler was removed (a WebSocket upgrade's 101) arms nothing
        if (ctx.channel().isOpen() && !ctx.isRemoved())
        {
            deadline = ctx.executor().schedule(() -> expire(ctx), timeoutMs, TimeUnit.MILLISECONDS);
        }
    }

    private void disarm()
    {
        if (null != deadline)
        {
            deadline.cancel(false);
            deadline = null;
        }
    }

    private void expire(final ChannelHandlerContext ctx)
    {
        deadline = null;
        if (!ctx.channel().isOpen() || ctx.isRemoved())
        {
            return;
        }
        refusals.refuse("HTTP request", ConnectionLimiter.hostOf(ctx.channel().remoteAddress()),
            "no whole request within " + timeoutMs + " ms");
        ctx.writeAndFlush(HttpResponses.error(ctx, HttpResponseStatus.REQUEST_TIMEOUT, "request timeout"))
            .addListener(ChannelFutureListener.CLOSE);
    }
}
