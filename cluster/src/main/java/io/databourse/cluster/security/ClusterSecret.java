package io.databourse.cluster.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

import io.databourse.journal.files.OwnerOnly;

/**
 * The secret a cluster's clients present to its members: a file of hex digits, owner-only (a file
 * others can read is refused, as ssh refuses such a key), shared by the members and the gateways
 * of one cluster. {@link #createIfAbsent} makes one for a cluster started on this host.
 */
public final class ClusterSecret
{
    /** Secrets shorter than this are refused: 128 bits. */
    public static final int BYTES_MIN = 16;
    private static final int BYTES_GENERATED = 32;

    private ClusterSecret()
    {
    }

    /** Reads a secret file; refuses a missing, short, non-hex or group/world-accessible one by name. */
    public static byte[] load(final Path file)
    {
        try
        {
            if (!Files.isRegularFile(file))
            {
                throw new IllegalArgumentException("no cluster secret file " + file);
            }
            final Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            for (final PosixFilePermission p : permissions)
            {
                if (p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))
                {
                    throw new IllegalArgumentException("the cluster secret " + file + " is readable by others (" +
                        PosixFilePermissions.toString(permissions) + "): chmod 600 it");
                }
            }
            final String hex = Files.readString(file, StandardCharsets.US_ASCII).trim();
            final byte[] secret;
            try
            {
                secret = HexFormat.of().parseHex(hex);
            }
            catch (final IllegalArgumentException ex)
            {
                throw new IllegalArgumentException("the cluster secret " + file + " is not hex digits");
            }
            if (secret.length < BYTES_MIN)
            {
                throw new IllegalArgumentException("the cluster secret " + file + " has " + secret.length +
                    " bytes: at least " + BYTES_MIN);
            }
            return secret;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read the cluster secret " + file, ex);
        }
    }

    /** Writes a new random secret, owner-only, unless the file exists; returns the file's secret. */
    public static byte[] createIfAbsent(final Path file)
    {
        if (!Files.exists(file))
        {
            final byte[] secret = new byte[BYTES_GENERATED];
            new SecureRandom().nextBytes(secret);
            try
            {
                Files.createDirectories(file.toAbsolutePath().getParent());
                Files.createFile(file, OwnerOnly.fileAttributes());
                Files.writeString(file, HexFormat.of().formatHex(secret) + "\n", StandardCharsets.US_ASCII);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("cannot write the cluster secret " + file, ex);
            }
        }
        return load(file);
    }
}
