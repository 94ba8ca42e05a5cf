package io.databourse.console.http;

import java.util.Set;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.CookieHeaderNames;
import io.netty.handler.codec.http.cookie.DefaultCookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import io.netty.handler.codec.http.cookie.ServerCookieEncoder;

/**
 * The session cookie: {@code HttpOnly} (no script reads it), {@code SameSite=Strict} (no other
 * site's page sends it), path {@code /}, {@code Secure} when served over TLS, and no expiry (it
 * dies with the browser; the server ends it sooner on idle, lifetime or logout).
 */
public final class Cookies
{
    public static final String SESSION_COOKIE = "databourse_session";

    private Cookies()
    {
    }

    /** The session cookie's value in a request, or null. */
    public static String sessionId(final FullHttpRequest request)
    {
        final String header = request.headers().get(HttpHeaderNames.COOKIE);
        if (null == header)
        {
            return null;
        }
        final Set<Cookie> cookies = ServerCookieDecoder.STRICT.decode(header);
        for (final Cookie c : cookies)
        {
            if (SESSION_COOKIE.equals(c.name()))
            {
                return c.value();
            }
        }
        return null;
    }

    public static String setSession(final String value, final boolean secure)
    {
        final DefaultCookie cookie = new DefaultCookie(SESSION_COOKIE, value);
        cookie.setHttpOnly(true);
        cookie.setSameSite(CookieHeaderNames.SameSite.Strict);
        cookie.setPath("/");
        cookie.setSecure(secure);
        return ServerCookieEncoder.STRICT.encode(cookie);
    }

    public static String clearSession(final boolean secure)
    {
        final DefaultCookie cookie = new DefaultCookie(SESSION_COOKIE, "");
        cookie.setHttpOnly(true);
        cookie.setSameSite(CookieHeaderNames.SameSite.Strict);
        cookie.setPath("/");
        cookie.setSecure(secure);
        cookie.setMaxAge(0);
        return ServerCookieEncoder.STRICT.encode(cookie);
    }
}
