package io.databourse.exchange.console;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A logged-in console user over the JSON API, as the page's script calls it (cookie, CSRF token, Origin). */
final class ConsoleClient
{
    static final long WAIT_MS = 20_000;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private String cookie;
    private String csrf;

    ConsoleClient(final int port)
    {
        this.base = "http://127.0.0.1:" + port;
    }

    ConsoleClient logIn(final String participant, final String password)
    {
        final HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + "/api/login"))
            .header("Content-Type", "application/json").header("Origin", base)
            .POST(HttpRequest.BodyPublishers.ofString(
                "{\"participant\":\"" + participant + "\",\"password\":\"" + password + "\"}")));
        if (200 != response.statusCode())
        {
            throw new IllegalStateException("login " + participant + ": " + response.statusCode() + " " + response.body());
        }
        final String setCookie = response.headers().firstValue("Set-Cookie").orElseThrow();
        cookie = setCookie.substring(0, setCookie.indexOf(';'));
        csrf = json(response.body()).get("csrf").asText();
        // roles come from the journal too: right after launch the console may not have read the participant yet
        await("/api/session", s -> s.get("registered").asBoolean(), participant + " is known to the console");
        return this;
    }

    HttpResponse<String> get(final String path)
    {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Cookie", cookie).GET());
    }

    JsonNode getJson(final String path)
    {
        final HttpResponse<String> response = get(path);
        if (200 != response.statusCode())
        {
            throw new IllegalStateException("GET " + path + ": " + response.statusCode() + " " + response.body());
        }
        return json(response.body());
    }

    HttpResponse<String> post(final String path, final String body)
    {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Cookie", cookie).header("X-CSRF-Token", csrf)
            .header("Origin", base).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Posts a command that must be sent (202); returns its clOrdId. */
    String command(final String path, final String body)
    {
        final HttpResponse<String> response = post(path, body);
        if (202 != response.statusCode())
        {
            throw new IllegalStateException("POST " + path + ": " + response.statusCode() + " " + response.body());
        }
        return json(response.body()).get("clOrdId").asText();
    }

    /** Polls a view until the condition holds (bounded; the journal and its consumers are asynchronous). */
    JsonNode await(final String path, final Predicate<JsonNode> condition, final String what)
    {
        final long deadline = System.currentTimeMillis() + WAIT_MS;
        JsonNode last = null;
        while (System.currentTimeMillis() < deadline)
        {
            last = getJson(path);
            if (condition.test(last))
            {
                return last;
            }
            sleep(5);
        }
        throw new AssertionError(what + ": last " + path + " was " + last);
    }

    static JsonNode find(final JsonNode array, final String field, final String value)
    {
        for (final JsonNode n : array)
        {
            if (value.equals(n.path(field).asText()))
            {
                return n;
            }
        }
        return null;
    }

    static void sleep(final long ms)
    {
        try
        {
            Thread.sleep(ms);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private HttpResponse<String> send(final HttpRequest.Builder request)
    {
        try
        {
            return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    static JsonNode json(final String body)
    {
        try
        {
            return MAPPER.readTree(body);
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(body, ex);
        }
    }
}
