package io.databourse.journal.schema;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.SplittableRandom;

import io.databourse.journal.sbe.Bool;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    /**
     * Reads the same bytes through each hand-written flyweight still in the tree and through the
     * generated decoder: every field both have reads the same value, every offset constant of the
     * flyweight is the generated one, and so is the block length.
     */
    @Test
    void generatedDecodersReadWhatTheHandWrittenFlyweightsWrote() throws Exception
    {
        final SplittableRandom random = new SplittableRandom(21);
        int compared = 0;
        for (final MessageSchemaIr.Message message : schema.messages.values())
        {
            final Class<?> handWritten;
            try
            {
                handWritten = Class.forName("io.databourse.journal.schema." + message.name());
            }
            catch (final ClassNotFoundException converted)
            {
                continue; // converted to the generated codec: the layout file above still pins it
            }
            final Class<?> decoderClass = Class.forName("io.databourse.journal.sbe." + message.name() + "Decoder");
            assertEquals(handWritten.getField("BLOCK_LENGTH").getInt(null), decoderClass.getField("BLOCK_LENGTH").getInt(null),
                message.name());
            for (final java.lang.reflect.Field constant : handWritten.getFields())
            {
                final String name = constant.getName();
                if (!Modifier.isStatic(constant.getModifiers()) || !name.endsWith("_OFFSET") ||
                    constant.getDeclaringClass() == Flyweight.class)
                {
                    continue;
                }
                final String field = camel(name.substring(0, name.length() - "_OFFSET".length()));
                if (message.field(field) == null)
                {
                    // a variable tail after the block (nodes, the embedded command) starts at the block's end
                    assertEquals(message.blockLength(), constant.getInt(null), message.name() + "." + name);
                    continue;
                }
                assertEquals(constant.getInt(null), decoderClass.getMethod(field + "EncodingOffset").invoke(null),
                    message.name() + "." + name);
            }

            for (int round = 0; round < 20; round++)
            {
                final UnsafeBuffer buffer = new UnsafeBuffer(new byte[message.blockLength() + 8]);
                for (int i = 0; i < buffer.capacity(); i++)
                {
                    final int b = random.nextInt(0x7F + 16) - 16; // printable, controls and zeros
                    buffer.putByte(i, (byte)Math.max(b, 0));
                }
                for (final MessageSchemaIr.Field field : message.fields())
                {
                    if (field.type().equals("Bool"))
                    {
                        buffer.putByte(field.offset(), (byte)random.nextInt(2));
                    }
                }
                final Flyweight flyweight = (Flyweight)handWritten.getConstructor().newInstance();
                flyweight.wrap(buffer, 0);
                final Object decoder = decoderClass.getConstructor().newInstance();
                decoderClass.getMethod("wrap", org.agrona.DirectBuffer.class, int.class, int.class, int.class)
                    .invoke(decoder, buffer, 0, message.blockLength(), Codecs.SCHEMA_VERSION);
                for (final MessageSchemaIr.Field field : message.fields())
                {
                    if (field.name().equals("header"))
                    {
                        final Object header = decoderClass.getMethod("header").invoke(decoder);
                        assertEquals(flyweight.length(), header.getClass().getMethod("length").invoke(header));
                        assertEquals(flyweight.type(), header.getClass().getMethod("type").invoke(header));
                        assertEquals(flyweight.sessionId(), header.getClass().getMethod("sessionId").invoke(header));
                        continue;
                    }
                    final Method old;
                    try
                    {
                        old = handWritten.getMethod(field.name());
                    }
                    catch (final NoSuchMethodException none)
                    {
                        continue;
                    }
                    Object expected = old.invoke(flyweight);
                    Object actual = decoderClass.getMethod(field.name()).invoke(decoder);
                    if (actual instanceof Bool)
                    {
                        actual = actual == Bool.TRUE;
                    }
                    assertEquals(expected, actual, message.name() + "." + field.name());
                    compared++;
                }
            }
        }
        assertTrue(compared > 0 || schema.messages.keySet().stream().noneMatch(SchemaLayoutTest::handWrittenExists));
    }

    private static boolean handWrittenExists(final String name)
    {
        try
        {
            Class.forName("io.databourse.journal.schema." + name);
            return true;
        }
        catch (final ClassNotFoundException ex)
        {
            return false;
        }
    }

    private static String camel(final String constant)
    {
        final StringBuilder sb = new StringBuilder();
        for (final String part : constant.toLowerCase(Locale.ROOT).split("_"))
        {
            sb.append(sb.length() == 0 ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
        }
        return sb.toString();
    }
}
