package io.databourse.exchange.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** RFC 4180 CSV: fields quoted when they hold a comma, a quote or a line break; lines end in CRLF-free "\n". */
final class Csv
{
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Writer out;
    private final List<String> columns;

    Csv(final Writer out, final List<String> columns)
    {
        this.out = out;
        this.columns = columns;
    }

    void header()
    {
        row(columns);
    }

    void row(final List<String> values)
    {
        try
        {
            for (int i = 0; i < values.size(); i++)
            {
                if (i > 0)
                {
                    out.write(',');
                }
                field(values.get(i));
            }
            out.write('\n');
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** One row from a JSON object, by column name: arrays joined with ';', absent fields empty. */
    void row(final CharSequence json)
    {
        final JsonNode node;
        try
        {
            node = MAPPER.readTree(json.toString());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        final String[] values = new String[columns.size()];
        for (int i = 0; i < values.length; i++)
        {
            values[i] = text(node.get(columns.get(i)));
        }
        row(List.of(values));
    }

    static String text(final JsonNode value)
    {
        if (null == value || value.isNull())
        {
            return "";
        }
        if (value.isArray())
        {
            final StringBuilder sb = new StringBuilder();
            for (final JsonNode element : value)
            {
                sb.append(sb.length() == 0 ? "" : ";").append(text(element));
            }
            return sb.toString();
        }
        return value.isContainerNode() ? value.toString() : value.asText();
    }

    private void field(final String value) throws IOException
    {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0)
        {
            out.write(value);
            return;
        }
        out.write('"');
        out.write(value.replace("\"", "\"\""));
        out.write('"');
    }
}
