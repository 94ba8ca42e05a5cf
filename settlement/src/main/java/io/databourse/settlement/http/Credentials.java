package io.databourse.settlement.http;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Bearer-token credentials of the positions endpoint, loaded from a text file that holds only
 * SHA-256 hashes of the tokens, never the tokens themselves (a leaked file grants nothing).
 * <pre>
 * # comment
 * PARTICIPANT ROLE SHA256_HEX
 * P1 participant 5f18b1...
 * RISK1 risk_officer bffb68...
 * </pre>
 * ROLE is {@code participant}, {@code risk_officer} or {@code regulator}; SHA256_HEX is the hash of
 * the token's UTF-8 bytes in 64 lower-case hex digits. A participant may have several lines (token
 * rotation); a hash may appear only once. Lookup hashes the presented token and compares it with
 * every entry in constant time, without stopping at a match, so neither the time taken nor the
 * order of the file tells a caller how close a guess came.
 */
public final class Credentials
{
    /** Classpath resource of the demo credentials (tokens published in docs/settlement.md). */
    public static final String DEMO_RESOURCE = "/demo/positions-credentials.txt";
    /** Prefix of a location that names a classpath resource rather than a file. */
    public static final String CLASSPATH_PREFIX = "classpath:";
    /** Bound on the file: lines of credentials accepted. */
    public static final int ENTRIES_MAX = 10_000;
    /** Bound on a presented token (longer ones are refused before hashing). */
    public static final int TOKEN_MAX_LENGTH = 512;
    private static final int HASH_BYTES = 32;
    private static final int PARTICIPANT_ID_MAX_LENGTH = 64;

    /** What a token may see. */
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

    private final byte[][] hashes;
    private final Principal[] principals;

    private Credentials(final List<byte[]> hashes, final List<Principal> principals)
    {
        this.hashes = hashes.toArray(new byte[0][]);
        this.principals = principals.toArray(new Principal[0]);
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
     * (risk officer) and REG1 (regulator) of the demo reference data. Their tokens are public.
     */
    public static Credentials demo() throws IOException
    {
        return load(CLASSPATH_PREFIX + DEMO_RESOURCE);
    }

    /** Parses credentials; {@code source} names the input in error messages. */
    public static Credentials parse(final InputStream in, final String source) throws IOException
    {
        final List<byte[]> hashes = new ArrayList<>();
        final List<Principal> principals = new ArrayList<>();
        final Set<String> seen = new HashSet<>();
        final BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        int lineNumber = 0;
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
                throw new IOException(where + "expected PARTICIPANT ROLE SHA256_HEX");
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
            final String hex = fields[2];
            if (!hex.matches("[0-9a-f]{64}"))
            {
                // A plain token in this column would be a secret on disk: refuse rather than guess.
                throw new IOException(where + "third field must be a SHA-256 hash in 64 lower-case hex digits");
            }
            if (!seen.add(hex))
            {
                throw new IOException(where + "the same token hash appears twice");
            }
            if (hashes.size() == ENTRIES_MAX)
            {
                throw new IOException(where + "more than " + ENTRIES_MAX + " credentials");
            }
            hashes.add(fromHex(hex));
            principals.add(new Principal(participant, role));
        }
        return new Credentials(hashes, principals);
    }

    public int size()
    {
        return principals.length;
    }

    /**
     * The principal a bearer token belongs to, or null. Compares the token's hash with every entry
     * (constant time per entry, no early exit).
     */
    public Principal authenticate(final String token)
    {
        if (null == token || token.isEmpty() || token.length() > TOKEN_MAX_LENGTH)
        {
            return null;
        }
        final byte[] presented = sha256(token);
        Principal match = null;
        for (int i = 0; i < hashes.length; i++)
        {
            final boolean equal = MessageDigest.isEqual(presented, hashes[i]);
            if (equal && null == match)
            {
                match = principals[i];
            }
        }
        return match;
    }

    /** SHA-256 of the token's UTF-8 bytes, lower-case hex: what a credentials file holds. */
    public static String sha256Hex(final String token)
    {
        final byte[] hash = sha256(token);
        final StringBuilder sb = new StringBuilder(2 * HASH_BYTES);
        for (final byte b : hash)
        {
            sb.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return sb.toString();
    }

    private static byte[] sha256(final String token)
    {
        try
        {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("SHA-256 is required of every JDK", ex);
        }
    }

    private static byte[] fromHex(final String hex)
    {
        final byte[] bytes = new byte[HASH_BYTES];
        for (int i = 0; i < HASH_BYTES; i++)
        {
            bytes[i] = (byte)Integer.parseInt(hex, 2 * i, 2 * i + 2, 16);
        }
        return bytes;
    }

    /**
     * Prints the hash of each token read from standard input (one per line), for a credentials
     * file. Reading stdin keeps tokens out of the shell history and the process list.
     */
    public static void main(final String[] args) throws IOException
    {
        final BufferedReader reader = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while (null != (line = reader.readLine()))
        {
            if (!line.isEmpty())
            {
                System.out.println(sha256Hex(line));
            }
        }
    }
}
