package io.databourse.settlement.http;

import java.io.IOException;
import java.io.OutputStream;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/** JSON responses of the exchange's HTTP endpoints: one shape for bodies and errors, never cached. */
public final class HttpResponses
{
    private static final JsonFactory JSON = new JsonFactory();

    private HttpResponses()
    {
    }

    /** Writes a JSON body. */
    @FunctionalInterface
    public interface Body
    {
        void write(JsonGenerator g) throws IOException;
    }

    /** {@code {"error": message, "status": code}}. */
    public static FullHttpResponse error(final ChannelHandlerContext ctx, final HttpResponseStatus status, final String message)
    {
        return json(ctx, status, g ->
        {
            g.writeStartObject();
            g.writeStringField("error", message);
            g.writeNumberField("status", status.code());
            g.writeEndObject();
        });
    }

    public static FullHttpResponse json(final ChannelHandlerContext ctx, final HttpResponseStatus status, final Body body)
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
            // What these endpoints serve is private to its caller: no cache may keep a copy.
            .set(HttpHeaderNames.CACHE_CONTROL, "no-store")
            .set("X-Content-Type-Options", "nosniff");
        return response;
    }

    /** Sends and closes the connection (after a malformed, oversize or late request). */
    public static void sendAndClose(final ChannelHandlerContext ctx, final FullHttpResponse response)
    {
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
}
