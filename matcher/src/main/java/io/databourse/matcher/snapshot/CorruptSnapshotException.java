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

    /** Why a snapshot file was refused, without the file's name when the message starts with it. */
    public static String reason(final java.nio.file.Path file, final Throwable failure)
    {
        final String message = String.valueOf(failure.getMessage());
        final String prefix = file.getFileName() + ": ";
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }
}
