package io.databourse.journal.schema;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The message schema declares the journal's layout byte for byte: a journal written before the
 * codecs were generated reads the same through them, and replays byte-identically.
 */
class SchemaLayoutTest
{
    private static final String LAYOUT = "/io/databourse/journal/schema/journal-layout-v6.txt";
    private final MessageSchemaIr schema = new MessageSchemaIr();

    /**
     * The layout of this version as the journal holds it (written down from the hand-written flyweights
     * when the schema replaced them): every message's block length and every field's offset, width
     * and type. A change to the schema that moves a byte fails here.
     */
    @Test
    void schemaDeclaresTheJournalLayoutOfItsVersion() throws IOException
    {
        assertEquals(6, schema.ir.version(), "a new layout is a new schema version, and a new layout file");
        assertEquals(1, schema.ir.id());
        final StringBuilder actual = new StringBuilder();
        for (final MessageSchemaIr.Message message : schema.messages.values())
        {
            actual.append(message.name()).append(' ').append(message.id()).append(' ')
                .append(message.blockLength()).append('\n');
            for (final MessageSchemaIr.Field field : message.fields())
            {
                actual.append("  ").append(field.offset()).append(' ').append(field.name()).append(' ')
                    .append(field.type()).append(' ').append(field.length()).append('\n');
            }
        }
        try (InputStream in = SchemaLayoutTest.class.getResourceAsStream(LAYOUT))
        {
            assertNotNull(in, LAYOUT);
            final String expected = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            if (!expected.equals(actual.toString()))
            {
                final java.nio.file.Path written = java.nio.file.Path.of("target", "journal-layout-actual.txt");
                java.nio.file.Files.writeString(written, actual, StandardCharsets.US_ASCII);
                assertEquals(expected, actual.toString(), "the schema's layout (written to " + written + ")");
            }
        }
    }

    /** Each generated codec's constants are the schema's: block length, type, field offsets. */
    @Test
    void generatedCodecsHaveTheSchemasOffsets() throws Exception
    {
        for (final MessageSchemaIr.Message message : schema.messages.values())
        {
            final Class<?> decoder = Class.forName("io.databourse.journal.sbe." + message.name() + "Decoder");
            assertEquals(message.blockLength(), decoder.getField("BLOCK_LENGTH").getInt(null), message.name());
            assertEquals(message.id(), decoder.getField("TEMPLATE_ID").getInt(null), message.name());
            assertEquals(Codecs.SCHEMA_VERSION, decoder.getField("SCHEMA_VERSION").getInt(null), message.name());
            for (final MessageSchemaIr.Field field : message.fields())
            {
                assertEquals(field.offset(), decoder.getMethod(field.name() + "EncodingOffset").invoke(null),
                    message.name() + "." + field.name());
            }
        }
    }
}
