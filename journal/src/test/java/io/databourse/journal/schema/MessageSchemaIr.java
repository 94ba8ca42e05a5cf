package io.databourse.journal.schema;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import uk.co.real_logic.sbe.ir.Ir;
import uk.co.real_logic.sbe.xml.IrGenerator;
import uk.co.real_logic.sbe.ir.Signal;
import uk.co.real_logic.sbe.ir.Token;
import uk.co.real_logic.sbe.xml.EnumType;
import uk.co.real_logic.sbe.xml.MessageSchema;
import uk.co.real_logic.sbe.xml.ParserOptions;
import uk.co.real_logic.sbe.xml.XmlSchemaParser;

/** The message schema as tests read it: each message's fields, and every type code's name and layout. */
public final class MessageSchemaIr
{
    static final String RESOURCE = "/io/databourse/journal/schema/databourse-messages.xml";

    public record Field(String name, int offset, int length, String type)
    {
    }

    public record Message(String name, int id, int blockLength, List<Field> fields)
    {
        public Field field(final String fieldName)
        {
            return fields.stream().filter(f -> f.name.equals(fieldName)).findFirst().orElse(null);
        }
    }

    /** A type code: its JSON name and the message it is encoded with. */
    public record TypeCode(int code, String name, String layout)
    {
    }

    /** How a value's description names a JSON name other than the value's own (a keyword there). */
    static final String JSON_NAME = "; JSON name: ";

    public final Ir ir;
    public final Map<String, Message> messages = new LinkedHashMap<>();
    public final List<TypeCode> typeCodes = new ArrayList<>();

    public MessageSchemaIr()
    {
        try (InputStream in = MessageSchemaIr.class.getResourceAsStream(RESOURCE))
        {
            final MessageSchema schema = XmlSchemaParser.parse(
                in, ParserOptions.builder().stopOnError(true).warningsFatal(true).suppressOutput(true).build());
            ir = new IrGenerator().generate(schema);
            final EnumType names = (EnumType)schema.getType("MessageTypeName");
            for (final EnumType.ValidValue value : names.validValues())
            {
                typeCodes.add(typeCode(value));
            }
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException("cannot read the message schema " + RESOURCE, ex);
        }
        for (final List<Token> tokens : ir.messages())
        {
            final Token begin = tokens.get(0);
            final List<Field> fields = new ArrayList<>();
            for (int i = 1; i < tokens.size(); i++)
            {
                final Token token = tokens.get(i);
                if (token.signal() == Signal.BEGIN_FIELD)
                {
                    final Token encoding = tokens.get(i + 1);
                    final String type = encoding.signal() == Signal.ENCODING ?
                        (encoding.arrayLength() > 1 ? encoding.encoding().primitiveType() + "[" + encoding.arrayLength() + "]" :
                        encoding.encoding().primitiveType().toString()) : encoding.name();
                    fields.add(new Field(token.name(), token.offset(), encoding.encodedLength(), type));
                    i += token.componentTokenCount() - 1;
                }
            }
            messages.put(begin.name(), new Message(begin.name(), (int)begin.id(), begin.encodedLength(), fields));
        }
    }

    private static TypeCode typeCode(final EnumType.ValidValue value)
    {
        final int code = (int)value.primitiveValue().longValue();
        final String description = value.description();
        final int json = description.indexOf(JSON_NAME);
        return json < 0 ? new TypeCode(code, value.name(), description) :
            new TypeCode(code, description.substring(json + JSON_NAME.length()), description.substring(0, json));
    }
}
