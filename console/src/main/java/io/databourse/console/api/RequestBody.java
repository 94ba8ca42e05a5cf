package io.databourse.console.api;

import java.io.IOException;
import java.util.Iterator;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A request's JSON object, checked field by field: unknown fields are refused by name, missing or
 * malformed ones are named, so every bad input gets a clear error and nothing is sent.
 */
public final class RequestBody
{
    private static final ObjectMapper MAPPER = new ObjectMapper()
        .configure(JsonParser.Feature.STRICT_DUPLICATE_DETECTION, true);

    /** A field that is missing, unknown or malformed: 400 with this message. */
    public static final class BadRequestException extends IllegalArgumentException
    {
        private static final long serialVersionUID = 1L;

        public BadRequestException(final String message)
        {
            super(message);
        }
    }

    private final ObjectNode node;

    private RequestBody(final ObjectNode node)
    {
        this.node = node;
    }

    /** Parses a body that must be one JSON object holding only {@code allowed} fields. */
    public static RequestBody parse(final byte[] json, final Set<String> allowed)
    {
        final JsonNode node;
        try
        {
            node = MAPPER.readTree(json);
        }
        catch (final IOException ex)
        {
            throw new BadRequestException("body must be a JSON object");
        }
        if (null == node || !node.isObject())
        {
            throw new BadRequestException("body must be a JSON object");
        }
        for (final Iterator<String> it = node.fieldNames(); it.hasNext(); )
        {
            final String name = it.next();
            if (!allowed.contains(name))
            {
                throw new BadRequestException("unknown field " + name);
            }
        }
        return new RequestBody((ObjectNode)node);
    }

    /** A required string field. */
    public String text(final String field)
    {
        final String value = optionalText(field);
        if (null == value || value.isEmpty())
        {
            throw new BadRequestException(field + " is required");
        }
        return value;
    }

    /** An optional string field, null when absent or null. */
    public String optionalText(final String field)
    {
        final JsonNode value = node.get(field);
        if (null == value || value.isNull())
        {
            return null;
        }
        if (!value.isTextual())
        {
            throw new BadRequestException(field + " must be a string");
        }
        return value.textValue();
    }

    /** One of {@code names} (a {@code Codes} table), as its code. */
    public byte code(final String field, final String[] names, final String dflt)
    {
        final String value = null == optionalText(field) ? dflt : optionalText(field);
        if (null == value)
        {
            throw new BadRequestException(field + " is required");
        }
        final int code = io.databourse.journal.schema.Codes.codeOf(names, value);
        if (code < 0)
        {
            throw new BadRequestException(field + " must be one of " + String.join(", ", names));
        }
        return (byte)code;
    }

    /** A positive whole quantity, given as a JSON number or a string of digits. */
    public long quantity(final String field)
    {
        final JsonNode value = node.get(field);
        final long qty;
        if (null != value && value.isIntegralNumber() && value.canConvertToLong())
        {
            qty = value.longValue();
        }
        else if (null != value && value.isTextual() && value.textValue().matches("[0-9]{1,15}"))
        {
            qty = Long.parseLong(value.textValue());
        }
        else
        {
            throw new BadRequestException(field + " must be a positive whole number");
        }
        if (qty <= 0 || qty > Money.FEN_MAX)
        {
            throw new BadRequestException(field + " must be a positive whole number");
        }
        return qty;
    }

    /** A positive yuan amount with at most two decimals, in fen. */
    public long priceFen(final String field)
    {
        final JsonNode value = node.get(field);
        final String text = null == value ? null : value.isTextual() ? value.textValue() :
            value.isNumber() ? value.asText() : null;
        final long fen = Money.parseFen(text);
        if (fen <= 0)
        {
            throw new BadRequestException(field + " must be a positive amount in yuan with at most two decimals");
        }
        return fen;
    }

    public boolean has(final String field)
    {
        final JsonNode value = node.get(field);
        return null != value && !value.isNull() && !(value.isTextual() && value.textValue().isEmpty());
    }
}
