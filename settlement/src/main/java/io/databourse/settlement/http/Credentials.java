package io.databourse.settlement.http;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.databourse.edge.PasswordHash;

/**
 * Credentials of the exchange's HTTP endpoints (positions, the web console): one line per
 * participant's password, stored as a salted PBKDF2 hash ({@link PasswordHash}), never the
 * password (a leaked file costs an attacker a slow search per entry).
 * <pre>
 * # comment
 * PARTICIPANT ROLE PBKDF2_HASH
 * P1 participant pbkdf2-sha256$600000$...$...
 * RISK1 risk_officer pbkdf2-sha256$600000$...$...
 * </pre>
 * ROLE is {@code participant}, {@code risk_officer} or {@code regulator}; {@code bin/databourse
 * passwd} makes the hash. A participant may have several lines (password rotation). Checking a
 * password is slow by design: callers check off their I/O threads and remember a success for a
 * while ({@link HttpAuthenticator}). An unknown participant costs the same as a known one, so the
 * time taken tells nobody who has credentials here.
 */
public final class Credentials
{
    /** Classpath resource of the demo credentials (passwords published in docs/settlement.md). */
    public static final String DEMO_RESOURCE = "/demo/positions-credentials.txt";
    /** Prefix of a location that names a classpath resource rather than a file. */
    public static final String CLASSPATH_PREFIX = "classpath:";
    /** Bound on the file: lines of credentials accepted. */
    public static final int ENTRIES_MAX = 10_000;
    /** Bound on a presented password (longer ones are refused before hashing). */
    public static final int PASSWORD_MAX_LENGTH = 512;
    private static final int PARTICIPANT_ID_MAX_LENGTH = 64;
    /** Checked for an unknown participant, so that it takes as long as a known one. */
    private static final PasswordHash NOBODY = PasswordHash.parse(
        "pbkdf2-sha256$600000$bm9ib2R5LWhlcmUtYXQtYWxs$Zj0h1Nd0lEd+lXvWfRp2kqA4QjO1mHcCkqF6hOq7gK8");

    /** What a participant may see. */
    public enum Role
    {
        /** Its own positions only. */
        PARTICIPANT("participant"),
        /** Every participant's positions (if the journal also registers it as a risk officer). */
        RISK_OFFICER("risk_officer"),
        /** Every participant's positions (if the journal also registers it as a regulator). */
        REGULATOR("regulator");

        private final String fileName;

        Role(final String fileName)
        {
            this.fileName = fileName;
        }

        public String fileName()
        {
            return fileName;
        }

        public boolean seesAll()
        {
            return this != PARTICIPANT;
        }

        static Role parse(final String name)
        {
            for (final Role r : values())
            {
                if (r.fileName.equals(name))
                {
                    return r;
                }
            }
            return null;
        }
    }

    /** An authenticated caller. */
    public record Principal(String participant, Role role)
    {
    }

    private record Entry(Principal principal, PasswordHash hash)
    {
    }

    private final Map<String, List<Entry>> byParticipant;
    private final int size;

    private Credentials(final Map<String, List<Entry>> byParticipant, final int size)
    {
        this.byParticipant = byParticipant;
        this.size = size;
    }

    /** Loads and validates a credentials file; any malformed line refuses the whole file. */
    public static Credentials load(final Path file) throws IOException
    {
        try (InputStream in = Files.newInputStream(file))
        {
            return parse(in, file.toString());
        }
    }

    /**
     * Loads credentials from a location as the launcher's config names files: a path, or
     * {@code classpath:/...} for a bundled resource (e.g. {@code classpath:/demo/positions-credentials.txt}).
     */
    public static Credentials load(final String location) throws IOException
    {
        if (location.startsWith(CLASSPATH_PREFIX))
        {
            final String resource = location.substring(CLASSPATH_PREFIX.length());
            try (InputStream in = Credentials.class.getResourceAsStream(resource))
            {
                if (null == in)
                {
                    throw new IOException("no " + resource + " on the classpath");
                }
                return parse(in, location);
            }
        }
        return load(Path.of(location));
    }

    /**
     * The demo credentials bundled with the settlement jar ({@link #DEMO_RESOURCE}): P1, P2, RISK1
     * (risk officer) and REG1 (regulator) of the demo reference data. Their passwords are public.
     */
    public static Credentials demo() throws IOException
    {
        return load(CLASSPATH_PREFIX + DEMO_RESOURCE);
    }

    /** Parses credentials; {@code source} names the input in error messages. */
    public static Credentials parse(final InputStream in, final String source) throws IOException
    {
        return parse(in, source, false);
    }

    /** As {@link #parse(InputStream, String)}, accepting hashes of few iterations: test fixtures hash fast. */
    public static Credentials parseForTests(final InputStream in, final String source) throws IOException
    {
        return parse(in, source, true);
    }

    private static Credentials parse(final InputStream in, final String source, final boolean weakHashes) throws IOException
    {
        final Map<String, List<Entry>> byParticipant = new HashMap<>();
        final BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        int lineNumber = 0;
        int size = 0;
        String line;
        while (null != (line = reader.readLine()))
        {
            lineNumber++;
            final String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#"))
            {
                continue;
            }
            final String where = source + ":" + lineNumber + ": ";
            final String[] fields = trimmed.split("\\s+");
            if (fields.length != 3)
            {
                throw new IOException(where + "expected PARTICIPANT ROLE PASSWORD_HASH");
            }
            final String participant = fields[0];
            if (participant.length() > PARTICIPANT_ID_MAX_LENGTH)
            {
                throw new IOException(where + "participant id longer than " + PARTICIPANT_ID_MAX_LENGTH);
            }
            final Role role = Role.parse(fields[1]);
            if (null == role)
            {
                throw new IOException(where + "unknown role " + fields[1] + " (participant, risk_officer, regulator)");
            }
            final PasswordHash hash;
            try
            {
                // A plain password in this column would be a secret on disk: refuse rather than guess.
                hash = weakHashes ? PasswordHash.parseForTests(fields[2]) : PasswordHash.parse(fields[2]);
            }
            catch (final IllegalArgumentException ex)
            {
                throw new IOException(where + "third field: " + ex.getMessage());
            }
            if (size == ENTRIES_MAX)
            {
                throw new IOException(where + "more than " + ENTRIES_MAX + " credentials");
            }
            byParticipant.computeIfAbsent(participant, p -> new ArrayList<>())
                .add(new Entry(new Principal(participant, role), hash));
            size++;
        }
        return new Credentials(byParticipant, size);
    }

    public int size()
    {
        return size;
    }

    /**
     * The principal whose password this is, or null. Slow (a PBKDF2 check per line of the
     * participant, one for an unknown participant): never on an I/O thread.
     */
    public Principal verify(final String participant, final String password)
    {
        if (null == participant || null == password || password.isEmpty() || password.length() > PASSWORD_MAX_LENGTH)
        {
            return null;
        }
        final List<Entry> entries = byParticipant.get(participant);
        if (null == entries)
        {
            NOBODY.matches(password);
            return null;
        }
        Principal match = null;
        for (final Entry entry : entries)
        {
            if (entry.hash().matches(password) && null == match)
            {
                match = entry.principal();
            }
        }
        return match;
    }
}
