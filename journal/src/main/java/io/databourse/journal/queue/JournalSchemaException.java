package io.databourse.journal.queue;

import java.nio.file.Path;

import io.databourse.journal.schema.Codecs;

/**
 * A journal written with another message schema than this build's ({@code databourse-messages.xml},
 * id {@link Codecs#SCHEMA_ID}, version {@link Codecs#SCHEMA_VERSION}): refused when opened, so that
 * nothing replays records whose bytes mean something else. Journals are not converted.
 */
public final class JournalSchemaException extends IllegalStateException
{
    private static final long serialVersionUID = 1L;

    JournalSchemaException(final Path directory, final String why)
    {
        super("journal " + directory + " is refused: " + why + "; this build reads message schema " +
            Codecs.SCHEMA_ID + " version " + Codecs.SCHEMA_VERSION + " (databourse-messages.xml)");
    }
}
