package io.databourse.settlement.http;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.databourse.settlement.SettlementPipeline;
import io.databourse.settlement.SettlementRun;
import io.databourse.settlement.position.PositionView;
import io.databourse.settlement.position.PositionsStage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.timeout.IdleStateEvent;
import org.agrona.ErrorHandler;

/**
 * One connection's requests, in the order a request is judged: rate (429), well-formed and small
 * enough (400, 413), route (404), method (405), bearer token (401), then what the caller may see
 * (403 for another participant's data unless risk officer or regulator, 404 for an unknown
 * participant). Runs on the server's single event loop, so the rate limiter needs no lock; the
 * positions are immutable {@link PositionView}s the settlement thread publishes.
 */
final class PositionsHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest>
{
    static final String HEALTH_PATH = "/health";
    static final String POSITIONS_PATH = "/positions";
    /** Price indexes and product marks (docs/indexes.md): market data, any authenticated caller. */
    static final String INDEXES_PATH = "/indexes";
    private static final String POSITIONS_PREFIX = POSITIONS_PATH + "/";
    private static final String BEARER_PREFIX = "Bearer ";
    private static final JsonFactory JSON = new JsonFactory();

    private final SettlementPipeline pipeline;
    private final PositionsStage positions;
    private final Credentials credentials;
    private final ClientRateLimiter rateLimiter;
    private final ErrorHandler errorHandler;

    PositionsHttpHandler(
        final SettlementPipeline pipeline,
        final Credentials credentials,
        final ClientRateLimiter rateLimiter,
        final ErrorHandler errorHandler)
    {
        this.pipeline = pipeline;
        this.positions = pipeline.positions();
        this.credentials = credentials;
        this.rateLimiter = rateLimiter;
        this.errorHandler = errorHandler;
    }

    @Override
    protected void channelRead0(final ChannelHandlerContext ctx, final FullHttpRequest request)
    {
        final SocketAddress remote = ctx.channel().remoteAddress();
        if (remote instanceof InetSocketAddress)
        {
            final long retryAfterS = rateLimiter.acquire(((InetSocketAddress)remote).getAddress());
            if (retryAfterS > 0)
            {
                final FullHttpResponse response = error(ctx, HttpResponseStatus.TOO_MANY_REQUESTS, "too many requests");
                response.headers().set(HttpHeaderNames.RETRY_AFTER, retryAfterS);
                send(ctx, request, response);
                return;
            }
        }
        if (request.decoderResult().isFailure())
        {
            // The decoder gives up on the rest of the stream after a bad or oversize head: close.
            final boolean tooLong = request.decoderResult().cause() instanceof TooLongFrameException;
            sendAndClose(ctx, error(ctx,
                tooLong ? HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE : HttpResponseStatus.BAD_REQUEST,
                tooLong ? "request too large" : "bad request"));
            return;
        }

        final String path = new QueryStringDecoder(request.uri()).rawPath();
        final String participant;
        if (HEALTH_PATH.equals(path) || POSITIONS_PATH.equals(path) || INDEXES_PATH.equals(path))
        {
            participant = null;
        }
        else if (path.startsWith(POSITIONS_PREFIX) && path.length() > POSITIONS_PREFIX.length() &&
            path.indexOf('/', POSITIONS_PREFIX.length()) < 0)
        {
            participant = decodedOrNull(path.substring(POSITIONS_PREFIX.length()));
            if (null == participant)
            {
                send(ctx, request, error(ctx, HttpResponseStatus.BAD_REQUEST, "bad request"));
                return;
            }
        }
        else
        {
            send(ctx, request, error(ctx, HttpResponseStatus.NOT_FOUND, "not found"));
            return;
        }
        if (!HttpMethod.GET.equals(request.method()))
        {
            final FullHttpResponse response = error(ctx, HttpResponseStatus.METHOD_NOT_ALLOWED, "method not allowed");
            response.headers().set(HttpHeaderNames.ALLOW, HttpMethod.GET.name());
            send(ctx, request, response);
            return;
        }
        if (HEALTH_PATH.equals(path))
        {
            health(ctx, request);
            return;
        }

        final Credentials.Principal principal = credentials.authenticate(bearerToken(request));
        if (null == principal)
        {
            final FullHttpResponse response = error(ctx, HttpResponseStatus.UNAUTHORIZED, "unauthorized");
            response.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"databourse-positions\"");
            send(ctx, request, response);
            return;
        }
        if (INDEXES_PATH.equals(path))
        {
            final String state = pipeline.indexes().stateJson();
            send(ctx, request, json(ctx, HttpResponseStatus.OK, g -> g.writeRawValue(null == state ? "null" : state.strip())));
            return;
        }
        // Both must agree before anyone sees another participant: the token's role in the
        // credentials file and the participant's role in the journal's reference data.
        final boolean seesAll = principal.role().seesAll() && positions.seesAll(principal.participant());
        if (null == participant)
        {
            final List<PositionView> views;
            if (seesAll)
            {
                views = positions.visibleTo(principal.participant());
            }
            else
            {
                final PositionView own = positions.view(principal.participant());
                views = null == own ? List.of() : List.of(own);
            }
            send(ctx, request, ok(ctx, views, null));
        }
        else if (!seesAll && !participant.equals(principal.participant()))
        {
            // Refused whether or not the participant exists: no oracle of who trades here.
            send(ctx, request, error(ctx, HttpResponseStatus.FORBIDDEN, "forbidden"));
        }
        else
        {
            final PositionView view = positions.view(participant);
            send(ctx, request, null == view ?
                error(ctx, HttpResponseStatus.NOT_FOUND, "unknown participant") : ok(ctx, null, view));
        }
    }

    private static String decodedOrNull(final String component)
    {
        try
        {
            return QueryStringDecoder.decodeComponent(component);
        }
        catch (final IllegalArgumentException ex)
        {
            return null;
        }
    }

    private static String bearerToken(final FullHttpRequest request)
    {
        final String header = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (null == header || header.length() <= BEARER_PREFIX.length() ||
            !header.regionMatches(true, 0, BEARER_PREFIX, 0, BEARER_PREFIX.length()))
        {
            return null;
        }
        return header.substring(BEARER_PREFIX.length()).strip();
    }

    private void health(final ChannelHandlerContext ctx, final FullHttpRequest request)
    {
        final boolean failed = null != pipeline.failure();
        send(ctx, request, json(ctx, failed ? HttpResponseStatus.SERVICE_UNAVAILABLE : HttpResponseStatus.OK, g ->
        {
            g.writeStartObject();
            g.writeStringField("status", failed ? "failed" : "ok");
            g.writeEndObject();
        }));
    }

    private static FullHttpResponse ok(final ChannelHandlerContext ctx, final List<PositionView> views,
        final PositionView view)
    {
        return json(ctx, HttpResponseStatus.OK, g ->
        {
            if (null != view)
            {
                SettlementRun.writePosition(g, view);
            }
            else
            {
                g.writeStartArray();
                for (final PositionView v : views)
                {
                    SettlementRun.writePosition(g, v);
                }
                g.writeEndArray();
            }
        });
    }

    static FullHttpResponse error(final ChannelHandlerContext ctx, final HttpResponseStatus status,
        final String message)
    {
        return json(ctx, status, g ->
        {
            g.writeStartObject();
            g.writeStringField("error", message);
            g.writeNumberField("status", status.code());
            g.writeEndObject();
        });
    }

    /** Writes a JSON body. */
    @FunctionalInterface
    interface Body
    {
        void write(JsonGenerator g) throws IOException;
    }

    private static FullHttpResponse json(final ChannelHandlerContext ctx, final HttpResponseStatus status,
        final Body body)
    {
        final ByteBuf buf = ctx.alloc().buffer();
        try (OutputStream out = new ByteBufOutputStream(buf);
            JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8))
        {
            body.write(g);
        }
        catch (final IOException | RuntimeException ex)
        {
            buf.release();
            throw new IllegalStateException("writing a JSON response failed", ex);
        }
        final FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, buf);
        response.headers()
            .set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=utf-8")
            .setInt(HttpHeaderNames.CONTENT_LENGTH, buf.readableBytes())
            // Positions are private to their participant: no cache may keep a copy.
            .set(HttpHeaderNames.CACHE_CONTROL, "no-store")
            .set("X-Content-Type-Options", "nosniff");
        return response;
    }

    private static void send(final ChannelHandlerContext ctx, final FullHttpRequest request,
        final FullHttpResponse response)
    {
        final boolean keepAlive = HttpUtil.isKeepAlive(request);
        HttpUtil.setKeepAlive(response, keepAlive);
        if (keepAlive)
        {
            ctx.writeAndFlush(response, ctx.voidPromise());
        }
        else
        {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    static void sendAndClose(final ChannelHandlerContext ctx, final FullHttpResponse response)
    {
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void channelWritabilityChanged(final ChannelHandlerContext ctx) throws Exception
    {
        // A client that sends requests but does not read the answers stops being read: the
        // outbound buffer stays under the write-buffer high-water mark.
        ctx.channel().config().setAutoRead(ctx.channel().isWritable());
        super.channelWritabilityChanged(ctx);
    }

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

    @Override
    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
    {
        if (!(cause instanceof IOException))
        {
            // A reset connection is the client's business; anything else is ours to report.
            errorHandler.onError(cause);
        }
        ctx.close();
    }
}
