package io.databourse.console.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/**
 * The console's responses: JSON bodies (errors are {@code {"error", "status"}}, as the positions
 * API's), static files, CSV. Every response carries the browser hardening headers: a strict
 * content security policy (scripts and styles only from this origin, no inline script), no
 * framing, no sniffing, no referrer; API answers also {@code Cache-Control: no-store}.
 */
public final class HttpResponses
{
    private static final JsonFactory JSON = new JsonFactory();
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
        "connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

    private HttpResponses()
    {
    }

    /** Writes a JSON body. */
    @FunctionalInterface
    public interface JsonBody
    {
        void write(JsonGenerator g) throws IOException;
    }

    public static FullHttpResponse json(final ByteBufAllocator alloc, final HttpResponseStatus status, final JsonBody body)
    {
        final ByteBuf buf = alloc.buffer();
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
        return response(status, buf, "application/json; charset=utf-8", true);
    }

    public static FullHttpResponse error(final ByteBufAllocator alloc, final HttpResponseStatus status, final String message)
    {
        return json(alloc, status, g ->
        {
            g.writeStartObject();
            g.writeStringField("error", message);
            g.writeNumberField("status", status.code());
            g.writeEndObject();
        });
    }

    public static FullHttpResponse text(final HttpResponseStatus status, final String body, final String contentType)
    {
        return response(status, Unpooled.copiedBuffer(body, StandardCharsets.UTF_8), contentType, true);
    }

    /** A static file: cacheable by the browser for a short while (it is public). */
    public static FullHttpResponse file(final byte[] content, final String contentType)
    {
        final FullHttpResponse response = response(HttpResponseStatus.OK, Unpooled.wrappedBuffer(content), contentType, false);
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
        return response;
    }

    private static FullHttpResponse response(
        final HttpResponseStatus status, final ByteBuf body, final String contentType, final boolean noStore)
    {
        final FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
        response.headers()
            .set(HttpHeaderNames.CONTENT_TYPE, contentType)
            .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes())
            .set(HttpHeaderNames.CONTENT_SECURITY_POLICY, CSP)
            .set(HttpHeaderNames.X_FRAME_OPTIONS, "DENY")
            .set("X-Content-Type-Options", "nosniff")
            .set("Referrer-Policy", "no-referrer");
        if (noStore)
        {
            response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        }
        return response;
    }
}
