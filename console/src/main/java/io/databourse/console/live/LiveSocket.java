package io.databourse.console.live;

import io.databourse.console.auth.ConsoleSession;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.handler.timeout.IdleStateEvent;

/**
 * One page's live connection after the upgrade: the server only speaks (messages from
 * {@link LiveUpdates}); the page may only ping, pong and close, and anything else closes it. An
 * idle connection is pinged once and closed if the next idle period passes without a frame.
 */
public final class LiveSocket extends SimpleChannelInboundHandler<WebSocketFrame>
{
    /** Largest frame a page may send (pings and closes are tiny). */
    static final int FRAME_MAX_BYTES = 1024;

    private final WebSocketServerHandshaker handshaker;
    private boolean pinged;

    private LiveSocket(final WebSocketServerHandshaker handshaker)
    {
        this.handshaker = handshaker;
    }

    /**
     * Upgrades the request's connection (the session and origin are checked by the caller) and
     * registers it with {@code live}; answers 400 when the request is no WebSocket handshake.
     * {@code replaced} names the HTTP handlers to remove from the pipeline once upgraded.
     */
    public static void upgrade(final ChannelHandlerContext ctx, final FullHttpRequest request, final String url,
        final ConsoleSession session, final LiveUpdates live, final String... replaced)
    {
        final WebSocketServerHandshaker handshaker =
            new WebSocketServerHandshakerFactory(url, null, false, FRAME_MAX_BYTES).newHandshaker(request);
        if (null == handshaker)
        {
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
            return;
        }
        final ChannelPipeline pipeline = ctx.pipeline();
        handshaker.handshake(ctx.channel(), request).addListener(f ->
        {
            if (f.isSuccess())
            {
                live.register(ctx.channel(), session);
            }
            else
            {
                ctx.close();
            }
        });
        for (final String name : replaced)
        {
            if (null != pipeline.get(name))
            {
                pipeline.remove(name);
            }
        }
        pipeline.addLast("live", new LiveSocket(handshaker));
    }

    @Override
    protected void channelRead0(final ChannelHandlerContext ctx, final WebSocketFrame frame)
    {
        pinged = false;
        if (frame instanceof CloseWebSocketFrame)
        {
            handshaker.close(ctx.channel(), (CloseWebSocketFrame)frame.retain());
        }
        else if (frame instanceof PingWebSocketFrame)
        {
            ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()));
        }
        else if (!(frame instanceof PongWebSocketFrame))
        {
            // the page has nothing to say on this channel: commands go through the CSRF-checked API
            handshaker.close(ctx.channel(), new CloseWebSocketFrame(1003, "the console accepts no messages here"));
        }
    }

    @Override
    public void userEventTriggered(final ChannelHandlerContext ctx, final Object event) throws Exception
    {
        if (event instanceof IdleStateEvent)
        {
            if (pinged)
            {
                ctx.close();
            }
            else
            {
                pinged = true;
                ctx.writeAndFlush(new PingWebSocketFrame());
            }
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
    {
        ctx.close();
    }
}
