package io.databourse.journal.json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.databourse.journal.schema.MessageSchemaIr;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JSON front door's names come from the message schema: every command and event type of
 * docs/simulate.md's tables is a type of the schema, every field its JSON form has is a field of
 * that type's message (named as the schema names it, less its unit: {@code price} is {@code
 * priceFen}, {@code band} is {@code bandBps}), the fields {@link CommandFields} accepts are the
 * documented ones, and every JSON name {@link JsonCommandParser} reads and {@link EventJsonWriter}
 * writes is documented. A field added, renamed or dropped on one side and not the other fails here.
 */
class JsonNamesSchemaTest
{
    private static final Path DOC = Path.of("..", "docs", "simulate.md");
    private static final Path SOURCES = Path.of("src", "main", "java", "io", "databourse", "journal", "json");
    /** What a field's schema name may add to its JSON name: its unit or what kind of value it holds. */
    private static final List<String> SUFFIXES =
        List.of("", "Fen", "Bps", "Ns", "Qty", "Count", "Id", "Status", "Side", "Units", "PerLot", "Type", "Participant");
    /**
     * JSON names that are not a schema field's name less a suffix: each is the one rendering of the
     * schema field(s) named. Keep this short; a new field takes its schema name.
     */
    private static final Map<String, List<String>> ALIASES = Map.ofEntries(
        Map.entry("by", List.of("actor", "lender")),
        Map.entry("qty", List.of("orderQty")),
        Map.entry("currentStatus", List.of("availableQty")),
        Map.entry("lastPrice", List.of("qty")),
        Map.entry("expires", List.of("expiryNs")),
        Map.entry("pledgedTotal", List.of("pledgedQty")),
        Map.entry("cancelledQty", List.of("leavesQty")),
        Map.entry("released", List.of("reservedFen")),
        Map.entry("nodes", List.of("nodeCount")),
        Map.entry("nodeHours", List.of("qty")),
        Map.entry("text", List.of("reason")),
        Map.entry("id", List.of("participantId", "productId", "requestId", "usageId", "pledgeId")));

    private final MessageSchemaIr schema = new MessageSchemaIr();

    @Test
    void everyDocumentedTypeAndFieldIsTheSchemas() throws IOException
    {
        final Map<String, List<String>> documented = documentedFields();
        assertTrue(documented.size() > 40, "docs/simulate.md's tables read: " + documented.keySet());
        final List<String> disagreements = new ArrayList<>();
        for (final Map.Entry<String, List<String>> row : documented.entrySet())
        {
            final MessageSchemaIr.TypeCode code = typeCode(row.getKey());
            if (null == code)
            {
                disagreements.add("type \"" + row.getKey() + "\" is not the schema's");
                continue;
            }
            final Set<String> fields = fieldsOf(code.layout());
            for (final String json : row.getValue())
            {
                if (!isSchemaField(json, fields))
                {
                    disagreements.add("\"" + row.getKey() + "\" field \"" + json + "\" is no field of " +
                        code.layout() + " " + fields);
                }
            }
        }
        assertEquals(List.of(), disagreements, "docs/simulate.md against the message schema");
    }

    @Test
    void theFieldsACommandAcceptsAreTheDocumentedOnes() throws IOException
    {
        final Map<String, List<String>> documented = documentedFields();
        for (final String type : CommandFields.types())
        {
            assertNotNull(typeCode(type), "JSON command \"" + type + "\" is no type of the schema");
            assertEquals(new LinkedHashSet<>(CommandFields.of(type)), new LinkedHashSet<>(documented.get(type)),
                "the fields of \"" + type + "\": CommandFields against docs/simulate.md");
        }
    }

    @Test
    void everyNameTheParserReadsAndTheWriterWritesIsDocumented() throws IOException
    {
        final String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        final Set<String> names = new LinkedHashSet<>();
        collect(SOURCES.resolve("JsonCommandParser.java"), Pattern.compile("\\(n, \"(\\w+)\"|n\\.has\\(\"(\\w+)\"\\)"), names);
        collect(SOURCES.resolve("EventJsonWriter.java"), Pattern.compile("\\.(?:str|num|bool|money|bps|raw)\\(\"(\\w+)\""), names);
        assertTrue(names.size() > 50, names.toString());
        names.removeIf(name -> doc.contains("`" + name + "`"));
        assertEquals(Set.of(), names, "JSON fields the code reads or writes that docs/simulate.md does not name");
    }

    private static void collect(final Path source, final Pattern key, final Set<String> names) throws IOException
    {
        final Matcher m = key.matcher(Files.readString(source, StandardCharsets.UTF_8));
        while (m.find())
        {
            names.add(null != m.group(1) ? m.group(1) : m.group(2));
        }
    }

    private MessageSchemaIr.TypeCode typeCode(final String name)
    {
        return schema.typeCodes.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }

    /** A message's fields; a reference-data event's include those of the commands it embeds. */
    private Set<String> fieldsOf(final String layout)
    {
        final Set<String> fields = new LinkedHashSet<>();
        final List<String> layouts = layout.equals("ReferenceDataEvent") ?
            List.of(layout, "ParticipantCommand", "ProductCommand", "CapacityCommand") : List.of(layout);
        for (final String name : layouts)
        {
            schema.messages.get(name).fields().forEach(f -> fields.add(f.name()));
        }
        fields.remove("header");
        return fields;
    }

    private static boolean isSchemaField(final String json, final Set<String> fields)
    {
        for (final String suffix : SUFFIXES)
        {
            if (fields.contains(json + suffix))
            {
                return true;
            }
        }
        return ALIASES.getOrDefault(json, List.of()).stream().anyMatch(fields::contains);
    }

    /**
     * Each table row of docs/simulate.md: its types (first cell, {@code `a` / `b`}) and the fields of
     * the second cell (backticked names outside parentheses and before a dash's prose).
     */
    private static Map<String, List<String>> documentedFields() throws IOException
    {
        final Map<String, List<String>> rows = new LinkedHashMap<>();
        final Pattern name = Pattern.compile("`(\\w+)`");
        for (final String line : Files.readAllLines(DOC, StandardCharsets.UTF_8))
        {
            if (!line.startsWith("| `"))
            {
                continue;
            }
            final String[] cells = line.split("\\|");
            final String types = cells[1];
            if (types.contains("`type`"))
            {
                continue; // a header row
            }
            String fieldsCell = withoutParentheses(cells[2]);
            final int prose = fieldsCell.indexOf(" — ");
            if (prose >= 0)
            {
                fieldsCell = fieldsCell.substring(0, prose);
            }
            final List<String> fields = new ArrayList<>();
            final Matcher f = name.matcher(fieldsCell);
            while (f.find())
            {
                fields.add(f.group(1));
            }
            final Matcher t = name.matcher(types);
            while (t.find())
            {
                rows.put(t.group(1), fields);
            }
        }
        return rows;
    }

    private static String withoutParentheses(final String text)
    {
        final StringBuilder sb = new StringBuilder();
        int depth = 0;
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (c == '(')
            {
                depth++;
            }
            else if (c == ')')
            {
                depth = Math.max(0, depth - 1);
            }
            else if (depth == 0)
            {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
