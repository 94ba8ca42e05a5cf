package io.databourse.journal.json;

/** A JSON command line that cannot become a command: names the field and what is wrong. */
public final class CommandFormatException extends Exception
{
    private static final long serialVersionUID = 1L;

    public CommandFormatException(final String message)
    {
        super(message);
    }
}
