package io.databourse.exchange.audit;

import java.util.ArrayList;
import java.util.List;

/** An RFC 4180 reader, written apart from the writer, to check that an export loads as CSV. */
final class CsvReader
{
    private CsvReader()
    {
    }

    static List<List<String>> parse(final String text)
    {
        final List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        final StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (quoted)
            {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"')
                {
                    field.append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.add(field.toString());
                field.setLength(0);
            }
            else if (c == '\n')
            {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            }
            else
            {
                field.append(c);
            }
        }
        if (quoted || field.length() > 0 || !row.isEmpty())
        {
            throw new IllegalArgumentException("unterminated last row");
        }
        for (final List<String> r : rows)
        {
            if (r.size() != rows.get(0).size())
            {
                throw new IllegalArgumentException("a row of " + r.size() + " fields under a header of " + rows.get(0).size());
            }
        }
        return rows;
    }
}
