package io.databourse.console.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The page, its script and style, and Chart.js from its WebJar: read from the class path once, at
 * launch, and served from memory. Only these paths exist: nothing is looked up from a request's
 * path, so no path can reach another resource.
 */
public final class StaticResources
{
    /** Where the Chart.js WebJar puts its UMD build (the version is the parent pom's chartjs.version). */
    public static final String CHART_JS_PATH = "/webjars/chart.js/4.4.1/dist/chart.umd.js";

    /** A file and its content type. */
    public record Resource(byte[] content, String contentType)
    {
    }

    private final Map<String, Resource> byPath;

    public StaticResources()
    {
        byPath = Map.of(
            "/", load("/console/index.html", "text/html; charset=utf-8"),
            "/console/app.js", load("/console/app.js", "text/javascript; charset=utf-8"),
            "/console/views.js", load("/console/views.js", "text/javascript; charset=utf-8"),
            "/console/style.css", load("/console/style.css", "text/css; charset=utf-8"),
            CHART_JS_PATH, load("/META-INF/resources" + CHART_JS_PATH, "text/javascript; charset=utf-8"));
    }

    /** The resource served at a path, or null. */
    public Resource get(final String path)
    {
        return byPath.get(path);
    }

    private static Resource load(final String classpathName, final String contentType)
    {
        try (InputStream in = StaticResources.class.getResourceAsStream(classpathName))
        {
            if (null == in)
            {
                throw new IllegalStateException("missing resource " + classpathName + " on the class path");
            }
            return new Resource(in.readAllBytes(), contentType);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
