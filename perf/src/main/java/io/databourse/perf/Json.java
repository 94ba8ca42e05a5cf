package io.databourse.perf;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;

/** Minimal JSON writer for the results file: maps, lists, strings, numbers, booleans, null. */
public final class Json
{
    private Json()
    {
    }

    public static String write(final Object value)
    {
        final StringBuilder sb = new StringBuilder(4096);
        write(sb, value, 0);
        return sb.append('\n').toString();
    }

    private static void write(final StringBuilder sb, final Object value, final int indent)
    {
        if (null == value)
        {
            sb.append("null");
        }
        else if (value instanceof Map<?, ?> map)
        {
            sb.append('{');
            boolean first = true;
            for (final Map.Entry<?, ?> e : map.entrySet())
            {
                sb.append(first ? "\n" : ",\n");
                first = false;
                pad(sb, indent + 2);
                string(sb, String.valueOf(e.getKey()));
                sb.append(": ");
                write(sb, e.getValue(), indent + 2);
            }
            if (!first)
            {
                sb.append('\n');
                pad(sb, indent);
            }
            sb.append('}');
        }
        else if (value instanceof Collection<?> list)
        {
            sb.append('[');
            boolean first = true;
            for (final Object o : list)
            {
                sb.append(first ? "" : ", ");
                first = false;
                write(sb, o, indent + 2);
            }
            sb.append(']');
        }
        else if (value instanceof double[] doubles)
        {
            sb.append('[');
            for (int i = 0; i < doubles.length; i++)
            {
                sb.append(i == 0 ? "" : ", ");
                number(sb, doubles[i]);
            }
            sb.append(']');
        }
        else if (value instanceof Double || value instanceof Float)
        {
            number(sb, ((Number)value).doubleValue());
        }
        else if (value instanceof Number || value instanceof Boolean)
        {
            sb.append(value);
        }
        else
        {
            string(sb, value.toString());
        }
    }

    private static void number(final StringBuilder sb, final double d)
    {
        if (Double.isNaN(d) || Double.isInfinite(d))
        {
            sb.append("null");
        }
        else if (d == Math.rint(d) && Math.abs(d) < 1e15)
        {
            sb.append((long)d);
        }
        else
        {
            sb.append(java.math.BigDecimal.valueOf(d).setScale(3, java.math.RoundingMode.HALF_UP).stripTrailingZeros()
                .toPlainString());
        }
    }

    private static void pad(final StringBuilder sb, final int n)
    {
        sb.append(" ".repeat(n));
    }

    private static void string(final StringBuilder sb, final String s)
    {
        sb.append('"');
        for (int i = 0; i < s.length(); i++)
        {
            final char c = s.charAt(i);
            switch (c)
            {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default ->
                {
                    if (c < 0x20)
                    {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int)c));
                    }
                    else
                    {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
