package io.databourse.console.http;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Set;
import java.util.function.Consumer;

import io.databourse.console.api.RequestBody;
import io.databourse.console.auth.ConsoleRole;
import io.databourse.console.auth.ConsoleSession;
import io.databourse.console.view.ReferenceBook;
import io.databourse.journal.schema.Codes;
import io.databourse.settlement.http.Credentials;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * Login, logout and "who am I". A login names the participant and gives its password, checked
 * against the salted hashes of the credentials file off the event loop (settlement's
 * {@code HttpAuthenticator}, shared with the positions API: its backoff and lockout per
 * participant and address count both). The console's own failures are also counted per account
 * and per client address, and either being locked refuses the attempt before the password is even
 * checked ({@link io.databourse.console.auth.LoginThrottle}).
 */
final class LoginRoutes
{
    private static final Set<String> LOGIN_FIELDS = Set.of("participant", "password");

    private final ConsoleServices services;

    LoginRoutes(final ConsoleServices services)
    {
        this.services = services;
    }

    /**
     * Answers a login through {@code then}: at once when the request is refused before any password
     * check, else on the event loop once the slow check, made on the authenticator's thread, is done.
     */
    void login(final ChannelHandlerContext ctx, final FullHttpRequest request, final Consumer<FullHttpResponse> then)
    {
        if (!isJson(request))
        {
            then.accept(HttpResponses.error(ctx.alloc(), HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE,
                "Content-Type must be application/json"));
            return;
        }
        final String participant;
        final String password;
        try
        {
            final RequestBody body = RequestBody.parse(ByteBufUtil.getBytes(request.content()), LOGIN_FIELDS);
            participant = body.text("participant");
            password = body.text("password");
        }
        catch (final RequestBody.BadRequestException ex)
        {
            then.accept(HttpResponses.error(ctx.alloc(), HttpResponseStatus.BAD_REQUEST, ex.getMessage()));
            return;
        }
        final String address = address(ctx);
        final String accountKey = "account:" + participant;
        final String addressKey = "address:" + address;
        final long lockedS = Math.max(services.loginThrottle().lockedForS(accountKey),
            services.loginThrottle().lockedForS(addressKey));
        if (lockedS > 0)
        {
            then.accept(retryLater(ctx, HttpResponseStatus.TOO_MANY_REQUESTS,
                "too many failed logins: try again in " + lockedS + " s", lockedS));
            return;
        }
        services.authenticator().authenticate(participant, password, address, ctx.executor(), result ->
        {
            switch (result.outcome())
            {
                case AUTHENTICATED -> then.accept(loggedIn(ctx, accountKey, result.principal()));
                case DENIED ->
                {
                    services.loginThrottle().onFailure(accountKey);
                    services.loginThrottle().onFailure(addressKey);
                    then.accept(HttpResponses.error(ctx.alloc(), HttpResponseStatus.UNAUTHORIZED,
                        "wrong participant or password"));
                }
                case THROTTLED -> then.accept(retryLater(ctx, HttpResponseStatus.TOO_MANY_REQUESTS,
                    "too many failed logins: try again in " + result.retryAfterS() + " s", result.retryAfterS()));
                case BUSY -> then.accept(retryLater(ctx, HttpResponseStatus.SERVICE_UNAVAILABLE,
                    "too many logins at once: try again in a moment", result.retryAfterS()));
            }
        });
    }

    private FullHttpResponse loggedIn(
        final ChannelHandlerContext ctx, final String accountKey, final Credentials.Principal principal)
    {
        services.loginThrottle().onSuccess(accountKey);
        final ConsoleSession session = services.sessions().create(principal);
        if (null == session)
        {
            return HttpResponses.error(ctx.alloc(), HttpResponseStatus.SERVICE_UNAVAILABLE,
                "too many sessions: try again later");
        }
        final FullHttpResponse response = describe(ctx, session);
        response.headers().add(HttpHeaderNames.SET_COOKIE, Cookies.setSession(session.id(), null != services.ctx().tls()));
        return response;
    }

    private static FullHttpResponse retryLater(
        final ChannelHandlerContext ctx, final HttpResponseStatus status, final String message, final long retryAfterS)
    {
        final FullHttpResponse response = HttpResponses.error(ctx.alloc(), status, message);
        response.headers().set(HttpHeaderNames.RETRY_AFTER, Math.max(1, retryAfterS));
        return response;
    }

    FullHttpResponse logout(final Request r)
    {
        services.sessions().remove(r.session());
        // the next login pays the password check again
        services.authenticator().forget(r.session().participant());
        final FullHttpResponse response = HttpResponses.json(r.ctx().alloc(), HttpResponseStatus.OK, g ->
        {
            g.writeStartObject();
            g.writeStringField("status", "logged out");
            g.writeEndObject();
        });
        response.headers().add(HttpHeaderNames.SET_COOKIE, Cookies.clearSession(null != services.ctx().tls()));
        return response;
    }

    /** Who the session is, what it may open, and the CSRF token its page must send with every mutation. */
    FullHttpResponse describe(final ChannelHandlerContext ctx, final ConsoleSession session)
    {
        final ReferenceBook.Participant registered = services.view().read(() ->
            services.view().reference().participant(session.participant()));
        final ConsoleRole role = Request.roleOf(session, registered);
        final byte status = null == registered ? Codes.ParticipantStatus.ADMITTED : registered.status;
        return HttpResponses.json(ctx.alloc(), HttpResponseStatus.OK, g ->
        {
            g.writeStartObject();
            g.writeStringField("participant", session.participant());
            g.writeStringField("role", role.wireName());
            g.writeBooleanField("registered", null != registered);
            g.writeStringField("status", Codes.nameOf(Codes.ParticipantStatus.NAMES, status));
            g.writeStringField("csrf", session.csrfToken());
            g.writeArrayFieldStart("views");
            g.writeString("participant");
            if (role.seesAll())
            {
                g.writeString("risk");
            }
            if (ConsoleRole.REGULATOR == role)
            {
                g.writeString("regulator");
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    static boolean isJson(final FullHttpRequest request)
    {
        final String type = request.headers().get(HttpHeaderNames.CONTENT_TYPE);
        return null != type && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json");
    }

    private static String address(final ChannelHandlerContext ctx)
    {
        final SocketAddress remote = ctx.channel().remoteAddress();
        return remote instanceof InetSocketAddress ? ((InetSocketAddress)remote).getAddress().getHostAddress() : "?";
    }
}
