package io.databourse.settlement.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayDeque;
import java.util.List;

import io.databourse.edge.ConnectionLimiter;
import io.databourse.settlement.SettlementPipeline;
import io.databourse.settlement.SettlementRun;
import io.databourse.settlement.position.PositionView;
import io.databourse.settlement.position.PositionsStage;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.agrona.ErrorHandler;

/**
 * One connection's requests, in the order a request is judged: rate (429), well-formed and small
 * enough (400, 413), route (404), method (405), credentials (401, or 429 while the participant or
 * the address backs off after failed logins), then what the caller may see (403 for another
 * participant's data unless risk officer or regulator, 404 for an unknown participant). Runs on
 * the server's single event loop, so the rate limiter needs no lock; the positions are immutable
 * {@link PositionView}s the settlement thread publishes. A password check that needs the slow hash
 * answers later ({@link HttpAuthenticator}): requests pipelined behind it wait, in order.
 */
final class PositionsHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest>
{
    static final String HEALTH_PATH = "/health";
    static final String POSITIONS_PATH = "/positions";
    /** Price indexes and product marks (docs/indexes.md): market data, any authenticated caller. */
    static final String INDEXES_PATH = "/indexes";
    private static final String POSITIONS_PREFIX = POSITIONS_PATH + "/";
    /** Pipelined requests that may wait behind one being authenticated; more closes the connection. */
    private static final int WAITING_MAX = 16;

    private final SettlementPipeline pipeline;
    private final PositionsStage positions;
    private final HttpAuthenticator authenticator;
    private final ClientRateLimiter rateLimiter;
    private final ErrorHandler errorHandler;
    private final ArrayDeque<FullHttpRequest> waiting = new ArrayDeque<>();
    private boolean authenticating;

    PositionsHttpHandler(
        final SettlementPipeline pipeline,
        final HttpAuthenticator authenticator,
        final ClientRateLimiter rateLimiter,
        final ErrorHandler errorHandler)
    {
        super(false); // requests are released once answered, which may be after a password check
        this.pipeline = pipeline;
        this.positions = pipeline.positions();
        this.authenticator = authenticator;
        this.rateLimiter = rateLimiter;
        this.errorHandler = errorHandler;
    }

    @Override
    protected void channelRead0(final ChannelHandlerContext ctx, final FullHttpRequest request)
    {
        if (authenticating)
        {
            if (waiting.size() >= WAITING_MAX)
            {
                request.release();
                ctx.close();
                return;
            }
            waiting.add(request);
            return;
        }
        handle(ctx, request);
    }

    private void handle(final ChannelHandlerContext ctx, final FullHttpRequest request)
    {
        final SocketAddress remote = ctx.channel().remoteAddress();
        if (remote instanceof InetSocketAddress)
        {
            final long retryAfterS = rateLimiter.acquire(((InetSocketAddress)remote).getAddress());
            if (retryAfterS > 0)
            {
                final FullHttpResponse response = error(ctx, HttpResponseStatus.TOO_MANY_REQUESTS, "too many requests");
                response.headers().set(HttpHeaderNames.RETRY_AFTER, retryAfterS);
                answer(ctx, request, response);
                return;
            }
        }
        if (request.decoderResult().isFailure())
        {
            // The decoder gives up on the rest of the stream after a bad or oversize head: close.
            final boolean tooLong = request.decoderResult().cause() instanceof TooLongFrameException;
            request.release();
            HttpResponses.sendAndClose(ctx, error(ctx,
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
                answer(ctx, request, error(ctx, HttpResponseStatus.BAD_REQUEST, "bad request"));
                return;
            }
        }
        else
        {
            answer(ctx, request, error(ctx, HttpResponseStatus.NOT_FOUND, "not found"));
            return;
        }
        if (!HttpMethod.GET.equals(request.method()))
        {
            final FullHttpResponse response = error(ctx, HttpResponseStatus.METHOD_NOT_ALLOWED, "method not allowed");
            response.headers().set(HttpHeaderNames.ALLOW, HttpMethod.GET.name());
            answer(ctx, request, response);
            return;
        }
        if (HEALTH_PATH.equals(path))
        {
            answer(ctx, request, health(ctx));
            return;
        }

        final String[] basic = HttpAuthenticator.basicCredentials(request.headers().get(HttpHeaderNames.AUTHORIZATION));
        if (null == basic)
        {
            answer(ctx, request, unauthorized(ctx));
            return;
        }
        authenticating = true;
        authenticator.authenticate(basic[0], basic[1], ConnectionLimiter.hostOf(remote), ctx.executor(), result ->
        {
            authenticating = false;
            if (!ctx.channel().isActive())
            {
                request.release();
                releaseWaiting();
                return;
            }
            answer(ctx, request, afterAuthentication(ctx, result, participant, INDEXES_PATH.equals(path)));
        });
    }

    private FullHttpResponse afterAuthentication(
        final ChannelHandlerContext ctx, final HttpAuthenticator.Result result, final String participant,
        final boolean indexes)
    {
        switch (result.outcome())
        {
            case AUTHENTICATED:
                break;
            case THROTTLED:
            case BUSY:
            {
                final FullHttpResponse response = error(ctx, HttpResponseStatus.TOO_MANY_REQUESTS,
                    HttpAuthenticator.Outcome.BUSY == result.outcome() ? "busy, retry" : "too many failed logins");
                response.headers().set(HttpHeaderNames.RETRY_AFTER, result.retryAfterS());
                return response;
            }
            default:
                return unauthorized(ctx);
        }
        final Credentials.Principal principal = result.principal();
        if (indexes)
        {
            // market data: any authenticated caller
            final String state = pipeline.indexes().stateJson();
            return HttpResponses.json(ctx, HttpResponseStatus.OK, g -> g.writeRawValue(null == state ? "null" : state.strip()));
        }
        // Both must agree before anyone sees another participant: the role in the credentials file
        // and the participant's role in the journal's reference data.
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
            return ok(ctx, views, null);
        }
        if (!seesAll && !participant.equals(principal.participant()))
        {
            // Refused whether or not the participant exists: no oracle of who trades here.
            return error(ctx, HttpResponseStatus.FORBIDDEN, "forbidden");
        }
        final PositionView view = positions.view(participant);
        return null == view ? error(ctx, HttpResponseStatus.NOT_FOUND, "unknown participant") : ok(ctx, null, view);
    }

    private static FullHttpResponse unauthorized(final ChannelHandlerContext ctx)
    {
        final FullHttpResponse response = error(ctx, HttpResponseStatus.UNAUTHORIZED, "unauthorized");
        response.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Basic realm=\"databourse\", charset=\"UTF-8\"");
        return response;
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

    private FullHttpResponse health(final ChannelHandlerContext ctx)
    {
        final boolean failed = null != pipeline.failure();
        return HttpResponses.json(ctx, failed ? HttpResponseStatus.SERVICE_UNAVAILABLE : HttpResponseStatus.OK, g ->
        {
            g.writeStartObject();
            g.writeStringField("status", failed ? "failed" : "ok");
            g.writeEndObject();
        });
    }

    private static FullHttpResponse ok(final ChannelHandlerContext ctx, final List<PositionView> views,
        final PositionView view)
    {
        return HttpResponses.json(ctx, HttpResponseStatus.OK, g ->
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

    static FullHttpResponse error(final ChannelHandlerContext ctx, final HttpResponseStatus status, final String message)
    {
        return HttpResponses.error(ctx, status, message);
    }

    /** Sends the response to a request, releases the request, and goes on with the next one waiting. */
    private void answer(final ChannelHandlerContext ctx, final FullHttpRequest request, final FullHttpResponse response)
    {
        final boolean keepAlive = HttpUtil.isKeepAlive(request);
        request.release();
        HttpUtil.setKeepAlive(response, keepAlive);
        if (keepAlive)
        {
            ctx.writeAndFlush(response, ctx.voidPromise());
        }
        else
        {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            releaseWaiting();
            return;
        }
        FullHttpRequest next;
        while (!authenticating && null != (next = waiting.poll()))
        {
            handle(ctx, next);
        }
    }

    private void releaseWaiting()
    {
        FullHttpRequest next;
        while (null != (next = waiting.poll()))
        {
            next.release();
        }
    }

    @Override
    public void channelInactive(final ChannelHandlerContext ctx) throws Exception
    {
        releaseWaiting();
        super.channelInactive(ctx);
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
