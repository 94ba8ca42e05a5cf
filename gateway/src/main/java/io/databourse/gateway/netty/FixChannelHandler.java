package io.databourse.gateway.netty;

import java.util.concurrent.TimeUnit;

import io.databourse.gateway.fix.FixFramer;
import io.databourse.gateway.session.FixSessionLayer;
import io.databourse.gateway.session.SessionLayerContext;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Frames the bytes of one connection into FIX messages and hands them to its session layer. Bytes
 * are copied into a fixed buffer sized for the largest allowed message, so framing and parsing
 * allocate nothing and a peer cannot make the gateway buffer more than that.
 */
final class FixChannelHandler extends ChannelInboundHandlerAdapter
{
    private static final int HEADER_SLACK = 64;

    private final SessionLayerContext sessionContext;
    private final long timerIntervalMs;
    private final ErrorHandler errorHandler;
    private final UnsafeBuffer cumulation;
    private final FixFramer framer;
    private int limit;
    private FixSessionLayer layer;
    private NettyFixConnection connection;
    private boolean reading;
    private ScheduledFuture<?> timer;

    FixChannelHandler(final SessionLayerContext sessionContext, final long timerIntervalMs, final ErrorHandler errorHandler)
    {
        this.errorHandler = errorHandler;
        this.sessionContext = sessionContext;
        this.timerIntervalMs = timerIntervalMs;
        this.cumulation = new UnsafeBuffer(new byte[sessionContext.messageLengthMax() + HEADER_SLACK]);
        this.framer = new FixFramer(sessionContext.messageLengthMax());
    }

    @Override
    public void channelActive(final ChannelHandlerContext ctx)
    {
        connection = new NettyFixConnection(ctx, this::processFrames);
        layer = new FixSessionLayer(sessionContext, connection);
        timer = ctx.executor().scheduleAtFixedRate(layer::onTimer, timerIntervalMs, timerIntervalMs, TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(final ChannelHandlerContext ctx, final Object msg)
    {
        try
        {
            if (!(msg instanceof ByteBuf) || null == layer)
            {
                return;
            }
            final ByteBuf in = (ByteBuf)msg;
            if (!reading)
            {
                // Answers to everything read in this batch go out with one flush, at channelReadComplete.
                reading = true;
                connection.beginBatch();
            }
            while (in.isReadable() && !layer.isClosed())
            {
                final int n = Math.min(in.readableBytes(), cumulation.capacity() - limit);
                if (n == 0)
                {
                    // A frame always fits, so only a client that sent more than a message while its logon's
                    // password was being checked gets here: it did not wait for the Logon's answer.
                    ctx.close();
                    return;
                }
                in.readBytes(cumulation.byteArray(), limit, n);
                limit += n;
                processFrames();
            }
        }
        finally
        {
            ReferenceCountUtil.release(msg);
        }
    }

    private void processFrames()
    {
        int start = 0;
        boolean more = true;
        while (more && start < limit && !layer.isClosed() && !layer.isVerifyingPassword())
        {
            final int status = framer.scan(cumulation, start, limit);
            switch (status)
            {
                case FixFramer.FRAME:
                    start = framer.consumedTo();
                    layer.onFrame(cumulation, framer.frameOffset(), framer.frameLength());
                    break;

                case FixFramer.GARBLED:
                case FixFramer.BAD_CHECKSUM:
                    start = framer.consumedTo();
                    layer.onGarbled(status);
                    break;

                case FixFramer.OVERSIZE:
                    start = limit;
                    layer.onOversize(framer.bodyLength());
                    more = false;
                    break;

                default:
                    start = framer.consumedTo();
                    more = false;
                    break;
            }
        }
        if (start > 0)
        {
            final int remaining = limit - start;
            if (remaining > 0)
            {
                cumulation.putBytes(0, cumulation, start, remaining);
            }
            limit = Math.max(remaining, 0);
        }
    }

    @Override
    public void channelReadComplete(final ChannelHandlerContext ctx)
    {
        if (reading)
        {
            reading = false;
            connection.endBatch();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(final ChannelHandlerContext ctx)
    {
        if (!ctx.channel().isWritable())
        {
            // The peer stopped reading and our bounded outbound buffer is full: a slow consumer.
            sessionContext.counters().slowConsumerDisconnects.incrementAndGet();
            ctx.close();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(final ChannelHandlerContext ctx)
    {
        if (null != timer)
        {
            timer.cancel(false);
        }
        if (null != layer)
        {
            layer.onDisconnect();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
    {
        // One connection's failure (I/O error, a bug on a hostile input) never reaches the others.
        if (!(cause instanceof java.io.IOException))
        {
            errorHandler.onError(cause);
        }
        ctx.close();
    }
}
