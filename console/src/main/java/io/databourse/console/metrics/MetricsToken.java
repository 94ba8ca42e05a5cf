package io.databourse.console.metrics;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The metrics bearer token is a long random secret, not a password a person chooses: its SHA-256
 * is stored (so a leaked setting grants nothing) and one hash per request is enough.
 */
public final class MetricsToken
{
    /** Longer presented tokens are refused before hashing. */
    public static final int TOKEN_MAX_LENGTH = 512;

    private MetricsToken()
    {
    }

    /** SHA-256 of the token's UTF-8 bytes in 64 lower-case hex digits. */
    public static String sha256Hex(final String token)
    {
        try
        {
            final byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            final StringBuilder hex = new StringBuilder(64);
            for (final byte b : digest)
            {
                hex.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
            }
            return hex.toString();
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("SHA-256 is required of every JDK", ex);
        }
    }
}
