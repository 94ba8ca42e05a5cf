package io.databourse.console.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

import io.databourse.console.auth.ConsoleSession;
import io.databourse.console.live.LiveSocket;
import io.databourse.console.view.ReferenceBook;
import io.databourse.settlement.http.HttpEdge;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.timeout.IdleStateEvent;

/**
 * One connection's requests, judged in this order: malformed or oversize (400, 413, then closed)
 * → the positions API's paths go on to its own handler → request rate per client address (429)
 * → the page and its files → {@code /metrics} (bearer token) → the API: login, then for everything
 * else a live session cookie (401), for every mutation the session's CSRF token and a same-origin
 * {@code Origin} (403), then the route's own role check (403: a participant never sees another's
 * data, whether or not that participant exists). The live channel ({@code /ws}) needs the session
 * and a same-origin {@code Origin}. Runs on the server's one event loop.
 */
public final class ConsoleHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest>
{
    public static final String NAME = "console";
    static final String API = "/api/";
    static final String LIVE_PATH = "/ws";
    static final String METRICS_PATH = "/metrics";
    static final String CSRF_HEADER = "X-CSRF-Token";

    /** Pipelined requests that may wait behind a login being checked; more closes the connection. */
    private static final int WAITING_MAX = 16;

    private final ConsoleServices services;
    private final java.util.function.Predicate<String> positionsPaths;
    /** Requests that arrived while a login's password is checked, answered in order after it. */
    private final java.util.ArrayDeque<FullHttpRequest> waiting = new java.util.ArrayDeque<>();
    private boolean loginPending;
    private final LoginRoutes login;
    private final ViewRoutes views;
    private final CommandRoutes commands;

    public ConsoleHttpHandler(final ConsoleServices services, final java.util.function.Predicate<String> positionsPaths)
    {
        this.services = services;
        this.positionsPaths = positionsPaths;
        this.login = new LoginRoutes(services);
        this.views = new ViewRoutes(services);
        this.commands = new CommandRoutes(services);
    }

    @Override
    protected void channelRead0(final ChannelHandlerContext ctx, final FullHttpRequest request)
    {
        if (loginPending)
        {
            if (waiting.size() >= WAITING_MAX)
            {
                ctx.close();
                return;
            }
            waiting.add(request.retain());
            return;
        }
        handle(ctx, request);
    }

    private void handle(final ChannelHandlerContext ctx, final FullHttpRequest request)
    {
        if (request.decoderResult().isFailure())
        {
            final boolean tooLong = request.decoderResult().cause() instanceof TooLongFrameException;
            sendAndClose(ctx, HttpResponses.error(ctx.alloc(),
                tooLong ? HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE : HttpResponseStatus.BAD_REQUEST,
                tooLong ? "request too large" : "bad request"));
            return;
        }
        final String path = new QueryStringDecoder(request.uri()).rawPath();
        if (null != positionsPaths && positionsPaths.test(path))
        {
            // the JSON positions API keeps its own rules (HTTP Basic, its own rate limit)
            ctx.fireChannelRead(request.retain());
            return;
        }
        final SocketAddress remote = ctx.channel().remoteAddress();
        if (remote instanceof InetSocketAddress)
        {
            final long retryAfterS = services.rateLimiter().acquire(((InetSocketAddress)remote).getAddress());
            if (retryAfterS > 0)
            {
                final FullHttpResponse response = HttpResponses.error(
                    ctx.alloc(), HttpResponseStatus.TOO_MANY_REQUESTS, "too many requests");
                response.headers().set(HttpHeaderNames.RETRY_AFTER, retryAfterS);
                send(ctx, request, response);
                return;
            }
        }
        try
        {
            route(ctx, request, path);
        }
        catch (final RuntimeException ex)
        {
            services.ctx().errorHandler().onError(ex);
            send(ctx, request, HttpResponses.error(ctx.alloc(), HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error"));
        }
    }

    private void route(final ChannelHandlerContext ctx, final FullHttpRequest request, final String path)
    {
        final StaticResources.Resource resource = services.resources().get(path);
        if (null != resource || METRICS_PATH.equals(path))
        {
            if (!HttpMethod.GET.equals(request.method()) && !HttpMethod.HEAD.equals(request.method()))
            {
                send(ctx, request, methodNotAllowed(ctx, "GET"));
            }
            else if (null != resource)
            {
                send(ctx, request, HttpResponses.file(resource.content(), resource.contentType()));
            }
            else
            {
                send(ctx, request, MetricsRoute.answer(ctx, request, services));
            }
            return;
        }
        if (LIVE_PATH.equals(path))
        {
            live(ctx, request);
            return;
        }
        if (!path.startsWith(API))
        {
            send(ctx, request, HttpResponses.error(ctx.alloc(), HttpResponseStatus.NOT_FOUND, "not found"));
            return;
        }
        final String[] segments = path.substring(API.length()).split("/", -1);
        for (int i = 0; i < segments.length; i++)
        {
            final String decoded = decodedOrNull(segments[i]);
            if (null == decoded || decoded.isEmpty())
            {
                send(ctx, request, HttpResponses.error(ctx.alloc(), HttpResponseStatus.NOT_FOUND, "not found"));
                return;
            }
            segments[i] = decoded;
        }
        if ("login".equals(segments[0]) && 1 == segments.length)
        {
            if (!HttpMethod.POST.equals(request.method()))
            {
                send(ctx, request, methodNotAllowed(ctx, "POST"));
                return;
            }
            if (!sameOrigin(request))
            {
                send(ctx, request, HttpResponses.error(ctx.alloc(), HttpResponseStatus.FORBIDDEN, "cross-origin request"));
                return;
            }
            loginPending = true;
            request.retain();
            login.login(ctx, request, response ->
            {
                send(ctx, request, response);
                request.release();
                loginPending = false;
                answerWaiting(ctx);
            });
            return;
        }
        final ConsoleSession session = services.sessions().find(Cookies.sessionId(request));
        if (null == session)
        {
            send(ctx, request, HttpResponses.error(ctx.alloc(), HttpResponseStatus.UNAUTHORIZED, "log in first"));
            return;
        }
        final Request r = new Request(ctx, request, segments, session, services.view().read(() ->
            Request.roleOf(session, services.view().reference().participant(session.participant()))));
        final boolean mutation = HttpMethod.POST.equals(request.method());
        if (mutation)
        {
            if (!sameOrigin(request) ||
                !io.databourse.console.auth.SessionStore.tokensEqual(session.csrfToken(), request.headers().get(CSRF_HEADER)))
            {
                send(ctx, request, HttpResponses.error(ctx.alloc(), HttpResponseStatus.FORBIDDEN,
                    "missing or wrong CSRF token"));
                return;
            }
            send(ctx, request, commands.answer(r));
        }
        else if (HttpMethod.GET.equals(request.method()))
        {
            send(ctx, request, views.answer(r));
        }
        else
        {
            send(ctx, request, methodNotAllowed(ctx, "GET, POST"));
        }
    }

    /** The requests that waited behind a login, in order, until one is a login again. */
    private void answerWaiting(final ChannelHandlerContext ctx)
    {
        while (!loginPending && !waiting.isEmpty())
        {
            final FullHttpRequest next = waiting.poll();
            try
            {
                if (ctx.channel().isActive())
                {
                    handle(ctx, next);
                }
            }
            finally
            {
                next.release();
            }
        }
    }

    @Override
    public void handlerRemoved(final ChannelHandlerContext ctx)
    {
        FullHttpRequest next;
        while (null != (next = waiting.poll()))
        {
            next.release();
        }
    }

    private void live(final ChannelHandlerContext ctx, final FullHttpRequest request)
    {
        final ConsoleSession session = services.sessions().find(Cookies.sessionId(request));
        if (null == session)
        {
            send(ctx, request, HttpResponses.error(ctx.alloc(), HttpResponseStatus.UNAUTHORIZED, "log in first"));
            return;
        }
        if (null == request.headers().get(HttpHeaderNames.ORIGIN) || !sameOrigin(request))
        {
            // a page of another site must not open a channel with this browser's cookie
            send(ctx, request, HttpResponses.error(ctx.alloc(), HttpResponseStatus.FORBIDDEN, "cross-origin request"));
            return;
        }
        if (services.live().connectionCount() >= services.ctx().liveConnectionsMax())
        {
            send(ctx, request, HttpResponses.error(ctx.alloc(), HttpResponseStatus.SERVICE_UNAVAILABLE,
                "too many live connections"));
            return;
        }
        final String url = (null == services.ctx().tls() ? "ws://" : "wss://") +
            request.headers().get(HttpHeaderNames.HOST) + LIVE_PATH;
        LiveSocket.upgrade(ctx, request, url, session, services.live(), NAME,
            io.databourse.console.ConsoleServer.POSITIONS_HANDLER_NAME,
            HttpEdge.IDLE_CLOSER_NAME, HttpEdge.REQUEST_DEADLINE_NAME);
    }

    /**
     * Whether the request's {@code Origin}, when it has one, is this server as the browser reached it
     * ({@code Host}). Browsers always send it on POST and WebSocket requests; other clients need not.
     */
    static boolean sameOrigin(final FullHttpRequest request)
    {
        final String origin = request.headers().get(HttpHeaderNames.ORIGIN);
        if (null == origin)
        {
            return true;
        }
        final String host = request.headers().get(HttpHeaderNames.HOST);
        return null != host && (origin.equals("http://" + host) || origin.equals("https://" + host));
    }

    static String decodedOrNull(final String component)
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

    static FullHttpResponse methodNotAllowed(final ChannelHandlerContext ctx, final String allow)
    {
        final FullHttpResponse response = HttpResponses.error(
            ctx.alloc(), HttpResponseStatus.METHOD_NOT_ALLOWED, "method not allowed");
        response.headers().set(HttpHeaderNames.ALLOW, allow);
        return response;
    }

    static void send(final ChannelHandlerContext ctx, final FullHttpRequest request, final FullHttpResponse response)
    {
        final boolean keepAlive = HttpUtil.isKeepAlive(request);
        HttpUtil.setKeepAlive(response, keepAlive);
        if (HttpMethod.HEAD.equals(request.method()))
        {
            response.content().clear();
        }
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
            services.ctx().errorHandler().onError(cause);
        }
        ctx.close();
    }

    /** The participant a session's requests concern when a path names none: its own. */
    static ReferenceBook.Participant own(final ConsoleServices services, final ConsoleSession session)
    {
        return services.view().reference().participant(session.participant());
    }
}
