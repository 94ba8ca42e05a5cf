package io.databourse.settlement.http;

import java.util.concurrent.TimeUnit;

import io.databourse.edge.ConnectionLimiter;
import io.databourse.edge.RefusalLog;
import io.databourse.edge.TlsRefusals;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;

/**
 * The front of every HTTP connection of the exchange, whatever it serves (the positions API, the
 * web console): connections bounded in all and per address ({@link ConnectionLimiter}), TLS when
 * configured (a plain client on the TLS port is closed with one log line), an idle timeout, the
 * HTTP/1.1 codec with bounded request line, headers and body (413 beyond), and a deadline for each
 * whole request ({@link RequestDeadline}, 408). Call {@link #initChannel} from a
 * {@code ChannelInitializer}, then add the application's handler when it returns true.
 */
public final class HttpEdge
{
    /** Name of the handler that closes an idle connection. */
    public static final String IDLE_CLOSER_NAME = "edge-idle-closer";
    /** Name of the {@link RequestDeadline}. */
    public static final String REQUEST_DEADLINE_NAME = "edge-request-deadline";
    /**
     * The handlers that belong to HTTP requests and must go when a connection becomes a WebSocket
     * (whose own handler answers idleness with a ping, and which has no requests to time).
     */
    public static final String[] HTTP_ONLY_HANDLER_NAMES = {IDLE_CLOSER_NAME, REQUEST_DEADLINE_NAME};

    private final ConnectionLimiter limiter;
    private final SslContext tls;
    private final RefusalLog refusals;
    private final int requestMaxBytes;
    private final long requestTimeoutMs;
    private final long idleTimeoutMs;
    private final HttpDecoderConfig decoderConfig;

    /**
     * @param limiter          connections in all and per address
     * @param tls              null for plain HTTP
     * @param requestMaxBytes  bound on the request line, the headers and the body, each
     * @param requestTimeoutMs a whole request within this of the connection or of the last response
     * @param idleTimeoutMs    a connection neither reading nor writing this long is closed
     */
    public HttpEdge(
        final ConnectionLimiter limiter,
        final SslContext tls,
        final RefusalLog refusals,
        final int requestMaxBytes,
        final long requestTimeoutMs,
        final long idleTimeoutMs)
    {
        this.limiter = limiter;
        this.tls = tls;
        this.refusals = refusals;
        this.requestMaxBytes = requestMaxBytes;
        this.requestTimeoutMs = requestTimeoutMs;
        this.idleTimeoutMs = idleTimeoutMs;
        this.decoderConfig = new HttpDecoderConfig()
            .setMaxInitialLineLength(requestMaxBytes)
            .setMaxHeaderSize(requestMaxBytes)
            .setMaxChunkSize(requestMaxBytes);
    }

    /**
     * Admits the connection and builds the front of its pipeline; false (the channel closed and
     * the refusal logged) when it is over a connection limit.
     */
    public boolean initChannel(final SocketChannel channel)
    {
        if (!limiter.admit(channel))
        {
            return false;
        }
        final ChannelPipeline pipeline = channel.pipeline();
        if (null != tls)
        {
            pipeline.addLast(tls.newHandler(channel.alloc())).addLast(new TlsRefusals("HTTP connection", refusals));
        }
        pipeline
            .addLast(new IdleStateHandler(0, 0, idleTimeoutMs, TimeUnit.MILLISECONDS))
            .addLast(IDLE_CLOSER_NAME, new IdleCloser())
            .addLast(new HttpServerCodec(decoderConfig))
            .addLast(new BoundedAggregator(requestMaxBytes))
            .addLast(REQUEST_DEADLINE_NAME, new RequestDeadline(requestTimeoutMs, refusals));
        return true;
    }

    public ConnectionLimiter limiter()
    {
        return limiter;
    }

    /** Closes a connection idle for the idle timeout. */
    private static final class IdleCloser extends io.netty.channel.ChannelInboundHandlerAdapter
    {
        @Override
        public void userEventTriggered(final ChannelHandlerContext ctx, final Object event) throws Exception
        {
            if (event instanceof IdleStateEvent)
            {
                ctx.close();
                return;
            }
            super.userEventTriggered(ctx, event);
        }
    }

    /** Answers an oversize body with the same JSON 413 as an oversize head, then closes. */
    private static final class BoundedAggregator extends HttpObjectAggregator
    {
        BoundedAggregator(final int maxContentLength)
        {
            super(maxContentLength, true);
        }

        @Override
        protected void handleOversizedMessage(final ChannelHandlerContext ctx, final HttpMessage oversized)
        {
            HttpResponses.sendAndClose(ctx, HttpResponses.error(ctx, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
                "request too large"));
        }
    }
}
