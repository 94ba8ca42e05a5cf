package io.databourse.gateway.netty;

import io.databourse.edge.ConnectionLimiter;
import io.databourse.gateway.session.FixConnection;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import org.agrona.DirectBuffer;

/** A {@link FixConnection} over a Netty channel; used on the channel's event loop only. */
final class NettyFixConnection implements FixConnection
{
    private final ChannelHandlerContext ctx;
    private final Runnable onResume;
    private boolean closed;
    private boolean pendingFlush;
    private int batchDepth;

    NettyFixConnection(final ChannelHandlerContext ctx, final Runnable onResume)
    {
        this.ctx = ctx;
        this.onResume = onResume;
    }

    @Override
    public void write(final DirectBuffer buffer, final int offset, final int length)
    {
        if (closed)
        {
            return;
        }
        final ByteBuf out = ctx.alloc().directBuffer(length);
        final byte[] array = buffer.byteArray();
        if (null != array)
        {
            out.writeBytes(array, buffer.wrapAdjustment() + offset, length);
        }
        else
        {
            for (int i = 0; i < length; i++)
            {
                out.writeByte(buffer.getByte(offset + i));
            }
        }
        ctx.write(out, ctx.voidPromise());
        pendingFlush = true;
    }

    @Override
    public void flush()
    {
        if (pendingFlush && !closed && batchDepth == 0)
        {
            pendingFlush = false;
            ctx.flush();
        }
    }

    @Override
    public void beginBatch()
    {
        batchDepth++;
    }

    @Override
    public void endBatch()
    {
        if (batchDepth > 0 && --batchDepth == 0)
        {
            flush();
        }
    }

    @Override
    public void close()
    {
        if (!closed)
        {
            closed = true;
            // Close only once what was written (a Logout, say) has gone out.
            ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void execute(final Runnable task)
    {
        ctx.executor().execute(task);
    }

    @Override
    public boolean inThread()
    {
        return ctx.executor().inEventLoop();
    }

    @Override
    public String remoteAddress()
    {
        return String.valueOf(ctx.channel().remoteAddress());
    }

    @Override
    public String remoteHost()
    {
        return ConnectionLimiter.hostOf(ctx.channel().remoteAddress());
    }

    @Override
    public void pauseReading()
    {
        ctx.channel().config().setAutoRead(false);
    }

    @Override
    public void resumeReading()
    {
        onResume.run();
        if (!closed)
        {
            ctx.channel().config().setAutoRead(true);
        }
    }
}
