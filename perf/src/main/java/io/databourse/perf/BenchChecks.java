package io.databourse.perf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The suite's result checks (trades as expected, nothing rejected, events as replayed), decided from
 * the values each part measured, then written: never by searching the JSON the suite writes. A part
 * run in a JVM of its own ({@link ChildBench}) reports its checks as {@code check_ok} or
 * {@code *_check_ok} booleans in its results, read here as values, each named by its path.
 */
final class BenchChecks
{
    static final String CHECK_KEY = "check_ok";

    /** One check: what it is, and whether it held. */
    record Check(String name, boolean ok)
    {
    }

    private final List<Check> checks = new ArrayList<>();

    void add(final String name, final boolean ok)
    {
        checks.add(new Check(name, ok));
    }

    /**
     * Adds every check a child bench's parsed results carry: a boolean under a key that is
     * {@value #CHECK_KEY} or ends in {@code _check_ok}, at any depth, named {@code prefix.path.key}.
     */
    void addFromResults(final String prefix, final Object results)
    {
        if (results instanceof Map<?, ?> map)
        {
            map.forEach((key, value) ->
            {
                final String name = prefix + "." + key;
                if (value instanceof Boolean ok && isCheckKey(String.valueOf(key)))
                {
                    add(name, ok);
                }
                else
                {
                    addFromResults(name, value);
                }
            });
        }
        else if (results instanceof List<?> list)
        {
            for (int i = 0; i < list.size(); i++)
            {
                addFromResults(prefix + "[" + i + "]", list.get(i));
            }
        }
    }

    private static boolean isCheckKey(final String key)
    {
        return key.equals(CHECK_KEY) || key.endsWith("_" + CHECK_KEY);
    }

    List<Check> all()
    {
        return List.copyOf(checks);
    }

    /** The names of the checks that failed, in the order they were made. */
    List<String> failed()
    {
        final List<String> failed = new ArrayList<>();
        for (final Check c : checks)
        {
            if (!c.ok())
            {
                failed.add(c.name());
            }
        }
        return failed;
    }

    /** Name -> ok, for the results file. */
    Map<String, Object> toJson()
    {
        final Map<String, Object> json = new LinkedHashMap<>();
        for (final Check c : checks)
        {
            json.put(c.name(), c.ok());
        }
        return json;
    }
}
