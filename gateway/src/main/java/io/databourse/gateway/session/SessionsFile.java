package io.databourse.gateway.session;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the sessions file: one {@code [session]} section per session, {@code key = value} lines,
 * {@code #} comments. Keys are the {@link SessionConfig} property names:
 * <pre>
 * [session]
 * sessionId = 1
 * senderCompId = ISLD
 * targetCompId = TW
 * profile = certification
 * resetOnDisconnect = true
 * </pre>
 * An unknown key, a duplicate session id or CompID pair is an error naming the line: a typo must
 * not silently leave a session open without a password.
 */
public final class SessionsFile
{
    private SessionsFile()
    {
    }

    public static List<SessionConfig> load(final Path path)
    {
        try
        {
            return parse(Files.readAllLines(path, StandardCharsets.UTF_8), path.toString());
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("cannot read sessions file " + path + ": " + ex.getMessage(), ex);
        }
    }

    public static List<SessionConfig> parse(final List<String> lines, final String name)
    {
        final List<SessionConfig> sessions = new ArrayList<>();
        final Set<Integer> ids = new HashSet<>();
        final Set<String> pairs = new HashSet<>();
        SessionConfig current = null;
        int currentLine = 0;
        for (int n = 1; n <= lines.size(); n++)
        {
            final String line = lines.get(n - 1).strip();
            if (line.isEmpty() || line.startsWith("#"))
            {
                continue;
            }
            if (line.equals("[session]"))
            {
                if (null != current)
                {
                    add(current, sessions, ids, pairs, name, currentLine);
                }
                current = new SessionConfig();
                currentLine = n;
                continue;
            }
            final int eq = line.indexOf('=');
            if (null == current || eq < 0)
            {
                throw new IllegalArgumentException(name + ":" + n + ": expected [session] or key = value: " + line);
            }
            final String key = line.substring(0, eq).strip();
            final String value = line.substring(eq + 1).strip();
            try
            {
                set(current, key, value);
            }
            catch (final RuntimeException ex)
            {
                throw new IllegalArgumentException(name + ":" + n + ": " + ex.getMessage(), ex);
            }
        }
        if (null != current)
        {
            add(current, sessions, ids, pairs, name, currentLine);
        }
        return sessions;
    }

    private static void add(
        final SessionConfig config,
        final List<SessionConfig> sessions,
        final Set<Integer> ids,
        final Set<String> pairs,
        final String name,
        final int line)
    {
        try
        {
            config.conclude();
        }
        catch (final RuntimeException ex)
        {
            throw new IllegalArgumentException(name + ":" + line + ": " + ex.getMessage(), ex);
        }
        if (!ids.add(config.sessionId()))
        {
            throw new IllegalArgumentException(name + ":" + line + ": duplicate sessionId " + config.sessionId());
        }
        if (!pairs.add(config.senderCompId() + '\u0001' + config.targetCompId()))
        {
            throw new IllegalArgumentException(name + ":" + line + ": duplicate CompID pair " + config);
        }
        sessions.add(config);
    }

    private static void set(final SessionConfig config, final String key, final String value)
    {
        switch (key)
        {
            case "sessionId": config.sessionId(Integer.parseInt(value)); break;
            case "senderCompId": config.senderCompId(value); break;
            case "targetCompId": config.targetCompId(value); break;
            case "profile": config.profile(value); break;
            case "participant": config.participant(value); break;
            case "username": config.username(value); break;
            case "passwordHash": config.passwordHash(value); break;
            case "passwordSha256":
                throw new IllegalArgumentException("passwordSha256 is no longer accepted (an unsalted hash): " +
                    "replace it with passwordHash = the output of bin/databourse passwd");
            case "heartbeatIntervalMaxS": config.heartbeatIntervalMaxS(Integer.parseInt(value)); break;
            case "resetOnLogon": config.resetOnLogon(bool(value)); break;
            case "resetOnLogout": config.resetOnLogout(bool(value)); break;
            case "resetOnDisconnect": config.resetOnDisconnect(bool(value)); break;
            case "throttleMessagesPerS": config.throttleMessagesPerS(Integer.parseInt(value)); break;
            case "cancelOnDisconnect": config.cancelOnDisconnect(bool(value)); break;
            default: throw new IllegalArgumentException("unknown key " + key);
        }
    }

    private static boolean bool(final String value)
    {
        switch (value.toLowerCase())
        {
            case "true": case "y": case "yes": return true;
            case "false": case "n": case "no": return false;
            default: throw new IllegalArgumentException("expected true or false: " + value);
        }
    }
}
