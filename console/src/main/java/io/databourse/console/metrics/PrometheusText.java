package io.databourse.console.metrics;

import java.util.HashSet;
import java.util.Set;

/**
 * Prometheus text exposition format 0.0.4: {@code # HELP} and {@code # TYPE} once per metric, then
 * samples {@code name{label="value",...} number}. Label values are escaped (backslash, quote,
 * newline); names are checked against the format's grammar, so a source cannot corrupt the page.
 */
public final class PrometheusText
{
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final StringBuilder sb = new StringBuilder(4096);
    private final Set<String> described = new HashSet<>();

    /** Declares a metric (once; later calls for the same name are ignored). {@code type}: counter or gauge. */
    public PrometheusText describe(final String name, final String type, final String help)
    {
        checkName(name);
        if (!"counter".equals(type) && !"gauge".equals(type))
        {
            throw new IllegalArgumentException("type must be counter or gauge: " + type);
        }
        if (described.add(name))
        {
            sb.append("# HELP ").append(name).append(' ').append(help.replace("\\", "\\\\").replace("\n", "\\n"))
                .append('\n').append("# TYPE ").append(name).append(' ').append(type).append('\n');
        }
        return this;
    }

    public PrometheusText sample(final String name, final long value)
    {
        checkDescribed(name);
        sb.append(name).append(' ').append(value).append('\n');
        return this;
    }

    /** A sample with labels given as name, value, name, value, ... */
    public PrometheusText sample(final String name, final long value, final String... labels)
    {
        checkDescribed(name);
        if (labels.length % 2 != 0)
        {
            throw new IllegalArgumentException("labels come in name, value pairs");
        }
        sb.append(name).append('{');
        for (int i = 0; i < labels.length; i += 2)
        {
            checkName(labels[i]);
            if (i > 0)
            {
                sb.append(',');
            }
            sb.append(labels[i]).append("=\"");
            final String v = labels[i + 1];
            for (int k = 0; k < v.length(); k++)
            {
                final char c = v.charAt(k);
                if ('\\' == c || '"' == c)
                {
                    sb.append('\\').append(c);
                }
                else if ('\n' == c)
                {
                    sb.append("\\n");
                }
                else
                {
                    sb.append(c);
                }
            }
            sb.append('"');
        }
        sb.append("} ").append(value).append('\n');
        return this;
    }

    private void checkDescribed(final String name)
    {
        if (!described.contains(name))
        {
            throw new IllegalStateException("describe " + name + " before its samples");
        }
    }

    private static void checkName(final String name)
    {
        if (!name.matches("[a-zA-Z_:][a-zA-Z0-9_:]*"))
        {
            throw new IllegalArgumentException("not a Prometheus name: " + name);
        }
    }

    @Override
    public String toString()
    {
        return sb.toString();
    }
}
