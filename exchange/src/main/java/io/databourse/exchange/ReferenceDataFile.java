package io.databourse.exchange;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.databourse.journal.json.CommandFormatException;
import io.databourse.journal.json.JsonCommandParser;
import org.agrona.ExpandableArrayBuffer;

/**
 * Reference data as JSON command lines (the demo's, or a file): parsed up front into binary
 * commands, so that a bad line stops the start, naming its line, before any command is sequenced.
 * Blank lines and lines starting with {@code #} are skipped.
 */
public final class ReferenceDataFile
{
    private ReferenceDataFile()
    {
    }

    /** The commands of a file, or of a launcher resource named {@code classpath:/...}. */
    public static List<byte[]> commands(final String resourceOrPath)
    {
        final JsonCommandParser parser = new JsonCommandParser();
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(4096);
        final List<byte[]> commands = new ArrayList<>();
        try (InputStream in = EmbeddedExchange.open(resourceOrPath);
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)))
        {
            String line;
            int n = 0;
            while (null != (line = reader.readLine()))
            {
                n++;
                final String trimmed = line.trim();
                if (trimmed.isEmpty() || trimmed.startsWith("#"))
                {
                    continue;
                }
                try
                {
                    final int length = parser.parse(trimmed, buffer);
                    final byte[] command = new byte[length];
                    buffer.getBytes(0, command);
                    commands.add(command);
                }
                catch (final CommandFormatException ex)
                {
                    throw new IllegalArgumentException(resourceOrPath + " line " + n + ": " + ex.getMessage());
                }
            }
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot read " + resourceOrPath, ex);
        }
        return commands;
    }
}
