package io.databourse.matcher.snapshot;

/** A snapshot that cannot be read back: truncated, altered, or of another format. Nothing is restored from it. */
public final class CorruptSnapshotException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public CorruptSnapshotException(final String message)
    {
        super(message);
    }

    public CorruptSnapshotException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
