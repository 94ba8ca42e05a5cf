package io.databourse.journal.schema;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link MessageType}'s codes and JSON names are the message schema's, and every type has a declared layout. */
class MessageTypeSchemaTest
{
    private final MessageSchemaIr schema = new MessageSchemaIr();

    @Test
    void everyTypeCodeIsTheSchemasWithItsName() throws IllegalAccessException
    {
        final Map<Integer, String> constants = new HashMap<>();
        for (final Field constant : MessageType.class.getFields())
        {
            if (Modifier.isStatic(constant.getModifiers()) && constant.getType() == int.class)
            {
                constants.put(constant.getInt(null), constant.getName());
            }
        }
        assertEquals(constants.size(), schema.typeCodes.size(), "the schema lists every MessageType constant, no more");
        for (final MessageSchemaIr.TypeCode code : schema.typeCodes)
        {
            assertNotNull(constants.get(code.code()), "MessageType has no constant for the schema's " + code);
            assertEquals(code.name(), MessageType.nameOf(code.code()), constants.get(code.code()));
            assertNotNull(schema.messages.get(code.layout()), code + ": its layout is a message of the schema");
            assertEquals(code.code() < 100, MessageType.isCommand(code.code()), code.toString());
        }
    }

    @Test
    void aMessagesIdIsTheFirstTypeEncodedWithIt()
    {
        for (final MessageSchemaIr.Message message : schema.messages.values())
        {
            final int first = schema.typeCodes.stream().filter(c -> c.layout().equals(message.name()))
                .mapToInt(MessageSchemaIr.TypeCode::code).min().orElse(-1);
            assertEquals(first, message.id(), message.name());
            assertTrue(message.fields().get(0).name().equals("header") && message.fields().get(0).offset() == 0,
                message.name() + " starts with the record header");
        }
    }
}
