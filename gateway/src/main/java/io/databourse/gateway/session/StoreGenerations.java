package io.databourse.gateway.session;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;

import org.agrona.IoUtil;

/**
 * A session store's generations on disk: {@code <ours>-<theirs>/gen-<n>/}, the next one written
 * under a temporary name ({@code gen-<n>.tmp}) and committed by an atomic rename, so that a crash
 * while a store opens leaves either the old generation or the new one, never half of one. The
 * entries inside a generation are {@link SessionStore}'s.
 */
final class StoreGenerations
{
    private static final String GENERATION_PREFIX = "gen-";
    private static final String TEMPORARY_SUFFIX = ".tmp";

    private StoreGenerations()
    {
    }

    /** Where generation n+1 is written before it is committed. */
    static File temporary(final File generation)
    {
        return new File(generation.getParentFile(), generation.getName() + TEMPORARY_SUFFIX);
    }

    /** Makes the generation written under its temporary name the newest committed one. */
    static void commit(final File temporary, final File generation)
    {
        try
        {
            Files.move(temporary.toPath(), generation.toPath(), StandardCopyOption.ATOMIC_MOVE);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot commit session store generation " + generation, ex);
        }
    }

    static File generation(final File sessionDirectory, final long generation)
    {
        return new File(sessionDirectory, GENERATION_PREFIX + String.format("%010d", generation));
    }

    /** Removes generations left half-written by a crash during open; returns the newest committed one, or -1. */
    static long deleteTemporaryAndFindLatest(final File sessionDirectory)
    {
        long latest = -1;
        final File[] children = sessionDirectory.listFiles();
        if (null == children)
        {
            return latest;
        }
        for (final File child : children)
        {
            final String name = child.getName();
            if (!name.startsWith(GENERATION_PREFIX))
            {
                continue;
            }
            if (name.endsWith(TEMPORARY_SUFFIX))
            {
                IoUtil.delete(child, false);
                continue;
            }
            final long generation = parseGeneration(name);
            latest = Math.max(latest, generation);
        }
        return latest;
    }

    static void deleteGenerationsBefore(final File sessionDirectory, final long generation)
    {
        final File[] children = sessionDirectory.listFiles();
        if (null == children)
        {
            return;
        }
        for (final File child : children)
        {
            final String name = child.getName();
            if (name.startsWith(GENERATION_PREFIX) && !name.endsWith(TEMPORARY_SUFFIX) && parseGeneration(name) < generation)
            {
                IoUtil.delete(child, false);
            }
        }
    }

    private static long parseGeneration(final String name)
    {
        try
        {
            return Long.parseLong(name.substring(GENERATION_PREFIX.length()));
        }
        catch (final NumberFormatException ex)
        {
            return -1;
        }
    }
}
