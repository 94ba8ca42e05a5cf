package io.databourse.edge;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A password stored as a salted, slow hash: PBKDF2 with HMAC-SHA256 from the JDK, in the form
 * {@code pbkdf2-sha256$<iterations>$<salt, base64>$<hash, base64>} (Django's layout), which is what
 * the FIX sessions file ({@code passwordHash}) and the HTTP credentials file hold. Never the
 * password: a leaked file costs an attacker {@code iterations} HMACs per guess per entry, and the
 * salt makes every entry a separate search. {@code bin/databourse passwd} makes one.
 * <p>Verifying takes as long as hashing (about 0.2–0.3 s at the default on this project's 2-core
 * machine): never on an I/O thread; see {@link PasswordVerifier}.
 */
public final class PasswordHash
{
    public static final String SCHEME = "pbkdf2-sha256";
    /** OWASP's 2023 figure for PBKDF2-HMAC-SHA256. */
    public static final int ITERATIONS_DEFAULT = 600_000;
    /** Below this a hash is refused when read: a file must not quietly hold a weak one (tests excepted, see {@link #parseForTests}). */
    public static final int ITERATIONS_MIN = 100_000;
    public static final int ITERATIONS_MAX = 10_000_000;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    /** Longer passwords are refused before hashing: PBKDF2's cost must not be the caller's to choose. */
    public static final int PASSWORD_LENGTH_MAX = 1024;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int iterations;
    private final byte[] salt;
    private final byte[] hash;

    private PasswordHash(final int iterations, final byte[] salt, final byte[] hash)
    {
        this.iterations = iterations;
        this.salt = salt;
        this.hash = hash;
    }

    /** Hashes a password with a fresh random salt and the default iterations. */
    public static String hash(final String password)
    {
        return hash(password, ITERATIONS_DEFAULT);
    }

    /** Hashes a password with a fresh random salt; fewer iterations than the default only for tests. */
    public static String hash(final String password, final int iterations)
    {
        final byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return new PasswordHash(iterations, salt, pbkdf2(password, salt, iterations)).toString();
    }

    /**
     * Reads a stored hash; an {@link IllegalArgumentException} names what is wrong (not this scheme,
     * iterations out of range, salt or hash malformed). A 64-hex-digit value is an unsalted SHA-256
     * of an earlier version, refused with the way out.
     */
    public static PasswordHash parse(final String stored)
    {
        return parse(stored, ITERATIONS_MIN);
    }

    /** As {@link #parse(String)}, accepting any iteration count: test fixtures hash fast. */
    public static PasswordHash parseForTests(final String stored)
    {
        return parse(stored, 1);
    }

    private static PasswordHash parse(final String stored, final int iterationsMin)
    {
        if (null == stored || stored.isEmpty())
        {
            throw new IllegalArgumentException("no password hash");
        }
        if (stored.matches("[0-9a-fA-F]{64}"))
        {
            throw new IllegalArgumentException("an unsalted SHA-256 is no longer accepted: store " + SCHEME +
                " hashes (bin/databourse passwd)");
        }
        final String[] parts = stored.split("\\$", -1);
        if (parts.length != 4 || !SCHEME.equals(parts[0]))
        {
            throw new IllegalArgumentException("expected " + SCHEME + "$ITERATIONS$SALT$HASH (bin/databourse passwd)");
        }
        final int iterations;
        try
        {
            iterations = Integer.parseInt(parts[1]);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("iterations is not a number: " + parts[1]);
        }
        if (iterations < iterationsMin || iterations > ITERATIONS_MAX)
        {
            throw new IllegalArgumentException("iterations must be " + iterationsMin + ".." + ITERATIONS_MAX + ": " + iterations);
        }
        final byte[] salt;
        final byte[] hash;
        try
        {
            salt = Base64.getDecoder().decode(parts[2]);
            hash = Base64.getDecoder().decode(parts[3]);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("salt or hash is not base64");
        }
        if (salt.length < 8 || hash.length != HASH_BYTES)
        {
            throw new IllegalArgumentException("salt of at least 8 bytes and a hash of " + HASH_BYTES + " bytes expected");
        }
        return new PasswordHash(iterations, salt, hash);
    }

    /** True when the password hashes to this (constant-time compare). Slow by design. */
    public boolean matches(final String password)
    {
        if (null == password || password.length() > PASSWORD_LENGTH_MAX)
        {
            return false;
        }
        return MessageDigest.isEqual(hash, pbkdf2(password, salt, iterations));
    }

    public int iterations()
    {
        return iterations;
    }

    private static byte[] pbkdf2(final String password, final byte[] salt, final int iterations)
    {
        if (password.length() > PASSWORD_LENGTH_MAX)
        {
            throw new IllegalArgumentException("password longer than " + PASSWORD_LENGTH_MAX + " characters");
        }
        final char[] chars = password.toCharArray();
        final PBEKeySpec spec = new PBEKeySpec(chars, salt, iterations, HASH_BYTES * 8);
        try
        {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is required of every JDK", ex);
        }
        finally
        {
            spec.clearPassword();
            Arrays.fill(chars, '\0');
        }
    }

    @Override
    public String toString()
    {
        final Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return SCHEME + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    /** For messages: the scheme and iterations only, never the salt or hash. */
    public String describe()
    {
        return SCHEME + " with " + iterations + " iterations";
    }

    static byte[] utf8(final String s)
    {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
