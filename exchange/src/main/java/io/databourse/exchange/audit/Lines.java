package io.databourse.exchange.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/** JSON Lines output. */
final class Lines
{
    private Lines()
    {
    }

    static void write(final Writer out, final CharSequence json)
    {
        try
        {
            out.append(json).append('\n');
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
