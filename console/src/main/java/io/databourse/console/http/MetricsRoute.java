package io.databourse.console.http;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;

import io.databourse.console.metrics.PrometheusText;
import io.databourse.console.metrics.MetricsToken;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * {@code GET /metrics}: the Prometheus text page, for a bearer token whose SHA-256 is the
 * configured one (compared in constant time; the token itself is stored nowhere).
 */
final class MetricsRoute
{
    private static final String BEARER = "Bearer ";

    private MetricsRoute()
    {
    }

    static FullHttpResponse answer(final ChannelHandlerContext ctx, final FullHttpRequest request,
        final ConsoleServices services)
    {
        final String header = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        final String token = null != header && header.regionMatches(true, 0, BEARER, 0, BEARER.length()) ?
            header.substring(BEARER.length()).strip() : null;
        if (null == token || token.isEmpty() || token.length() > MetricsToken.TOKEN_MAX_LENGTH ||
            !MessageDigest.isEqual(MetricsToken.sha256Hex(token).getBytes(StandardCharsets.US_ASCII),
                services.ctx().metricsTokenSha256().getBytes(StandardCharsets.US_ASCII)))
        {
            final FullHttpResponse response = HttpResponses.error(ctx.alloc(), HttpResponseStatus.UNAUTHORIZED,
                "unauthorized");
            response.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"databourse-metrics\"");
            return response;
        }
        final PrometheusText out = new PrometheusText();
        services.metrics().writeTo(out);
        for (final io.databourse.console.metrics.MetricsSource source : services.ctx().metricsSources())
        {
            source.writeTo(out);
        }
        return HttpResponses.text(HttpResponseStatus.OK, out.toString(), PrometheusText.CONTENT_TYPE);
    }
}
