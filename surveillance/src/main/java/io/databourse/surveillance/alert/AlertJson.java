package io.databourse.surveillance.alert;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The JSON form of an alert: one line, fields always in the same order, so that the same alert
 * is the same bytes (the stage compares a replayed alert with the stored one byte for byte).
 * Money as yuan strings with two decimals and times as ISO-8601 UTC, as everywhere else; the
 * stamped time is also given exactly in {@code timeNs}.
 * <pre>
 * {"id":1,"type":"wash_trade","severity":"high","seq":42,"timeNs":...,"time":"2026-03-01T10:00:00Z",
 *  "participants":["A","B"],"products":["D1"],
 *  "trades":[{"tradeId":7,"seq":40,"timeNs":...,"time":...,"product":"D1","buyer":"B","seller":"A",
 *             "price":"12.00","qty":10,"buyOrderId":3,"sellOrderId":4}],
 *  "orders":[{"orderId":3,"seq":38,"timeNs":...,"time":...,"participant":"B","product":"D1","side":"buy",
 *             "price":"12.00","qty":10}],
 *  "refusals":[{"seq":12,"timeNs":...,"time":...,"participant":"X","command":"new",
 *               "reason":"CORE_DATA_NOT_TRADABLE","requestId":"c1","product":"CORE.1"}],
 *  "text":"..."}
 * </pre>
 */
public final class AlertJson
{
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private AlertJson()
    {
    }

    /** The alert as one line of JSON (no newline). */
    public static String write(final Alert a)
    {
        final StringWriter out = new StringWriter(512);
        try (JsonGenerator g = FACTORY.createGenerator(out))
        {
            write(g, a);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return out.toString();
    }

    /** Writes the alert as one JSON object through a caller's generator. */
    public static void write(final JsonGenerator g, final Alert a) throws IOException
    {
        g.writeStartObject();
        g.writeNumberField("id", a.id());
        g.writeStringField("type", a.type().wireName());
        g.writeStringField("severity", a.severity().wireName());
        g.writeNumberField("seq", a.seq());
        time(g, a.timeNs());
        strings(g, "participants", a.participants());
        strings(g, "products", a.products());
        g.writeArrayFieldStart("trades");
        for (final TradeEvidence t : a.trades())
        {
            g.writeStartObject();
            g.writeNumberField("tradeId", t.tradeId());
            g.writeNumberField("seq", t.seq());
            time(g, t.timeNs());
            g.writeStringField("product", t.product());
            g.writeStringField("buyer", t.buyer());
            g.writeStringField("seller", t.seller());
            g.writeStringField("price", yuan(t.priceFen()));
            g.writeNumberField("qty", t.qty());
            g.writeNumberField("buyOrderId", t.buyOrderId());
            g.writeNumberField("sellOrderId", t.sellOrderId());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("orders");
        for (final OrderEvidence o : a.orders())
        {
            g.writeStartObject();
            g.writeNumberField("orderId", o.orderId());
            g.writeNumberField("seq", o.seq());
            time(g, o.timeNs());
            g.writeStringField("participant", o.participant());
            g.writeStringField("product", o.product());
            g.writeStringField("side", o.side());
            g.writeStringField("price", yuan(o.priceFen()));
            g.writeNumberField("qty", o.qty());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("refusals");
        for (final RefusalEvidence r : a.refusals())
        {
            g.writeStartObject();
            g.writeNumberField("seq", r.seq());
            time(g, r.timeNs());
            g.writeStringField("participant", r.participant());
            g.writeStringField("command", r.command());
            g.writeStringField("reason", r.reason());
            g.writeStringField("requestId", r.requestId());
            g.writeStringField("product", r.product());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeStringField("text", a.text());
        g.writeEndObject();
    }

    private static void time(final JsonGenerator g, final long timeNs) throws IOException
    {
        g.writeNumberField("timeNs", timeNs);
        g.writeStringField("time", time(timeNs));
    }

    private static void strings(final JsonGenerator g, final String field, final List<String> values) throws IOException
    {
        g.writeArrayFieldStart(field);
        for (final String v : values)
        {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    /** Fen as yuan with two decimals: 1234 -> "12.34". */
    public static String yuan(final long fen)
    {
        return BigDecimal.valueOf(fen, 2).toPlainString();
    }

    /** Epoch ns as an ISO-8601 UTC instant. */
    public static String time(final long epochNs)
    {
        return Instant.ofEpochSecond(Math.floorDiv(epochNs, 1_000_000_000L), Math.floorMod(epochNs, 1_000_000_000L))
            .toString();
    }

    /** Reads an alert from its JSON form; IllegalArgumentException naming what is wrong. */
    public static Alert parse(final String json)
    {
        final JsonNode n;
        try
        {
            n = MAPPER.readTree(json);
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("not an alert: " + ex.getMessage(), ex);
        }
        if (null == n || !n.isObject())
        {
            throw new IllegalArgumentException("not an alert: " + json);
        }
        final List<TradeEvidence> trades = new ArrayList<>();
        for (final JsonNode t : array(n, "trades"))
        {
            trades.add(new TradeEvidence(
                num(t, "tradeId"), num(t, "seq"), num(t, "timeNs"), str(t, "product"), str(t, "buyer"),
                str(t, "seller"), fen(t, "price"), num(t, "qty"), num(t, "buyOrderId"), num(t, "sellOrderId")));
        }
        final List<OrderEvidence> orders = new ArrayList<>();
        for (final JsonNode o : array(n, "orders"))
        {
            orders.add(new OrderEvidence(
                num(o, "orderId"), num(o, "seq"), num(o, "timeNs"), str(o, "participant"), str(o, "product"),
                str(o, "side"), fen(o, "price"), num(o, "qty")));
        }
        final List<RefusalEvidence> refusals = new ArrayList<>();
        for (final JsonNode r : array(n, "refusals"))
        {
            refusals.add(new RefusalEvidence(
                num(r, "seq"), num(r, "timeNs"), str(r, "participant"), str(r, "command"), str(r, "reason"),
                str(r, "requestId"), str(r, "product")));
        }
        return new Alert(
            num(n, "id"), AlertType.ofWireName(str(n, "type")), Severity.ofWireName(str(n, "severity")),
            num(n, "seq"), num(n, "timeNs"), strings(n, "participants"), strings(n, "products"), trades, orders,
            refusals, str(n, "text"));
    }

    private static JsonNode field(final JsonNode n, final String name)
    {
        final JsonNode v = n.get(name);
        if (null == v || v.isNull())
        {
            throw new IllegalArgumentException("alert field \"" + name + "\" missing");
        }
        return v;
    }

    private static long num(final JsonNode n, final String name)
    {
        final JsonNode v = field(n, name);
        if (!v.canConvertToLong() || !v.isIntegralNumber())
        {
            throw new IllegalArgumentException("alert field \"" + name + "\" is not a whole number");
        }
        return v.longValue();
    }

    private static String str(final JsonNode n, final String name)
    {
        final JsonNode v = field(n, name);
        if (!v.isTextual())
        {
            throw new IllegalArgumentException("alert field \"" + name + "\" is not a string");
        }
        return v.textValue();
    }

    private static long fen(final JsonNode n, final String name)
    {
        try
        {
            return new BigDecimal(str(n, name)).movePointRight(2).longValueExact();
        }
        catch (final ArithmeticException | NumberFormatException ex)
        {
            throw new IllegalArgumentException("alert field \"" + name + "\" is not an amount in yuan", ex);
        }
    }

    private static JsonNode array(final JsonNode n, final String name)
    {
        final JsonNode v = field(n, name);
        if (!v.isArray())
        {
            throw new IllegalArgumentException("alert field \"" + name + "\" is not an array");
        }
        return v;
    }

    private static List<String> strings(final JsonNode n, final String name)
    {
        final List<String> values = new ArrayList<>();
        for (final JsonNode v : array(n, name))
        {
            values.add(v.asText());
        }
        return values;
    }
}
