package io.databourse.gateway.fix;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A seeded, structure-aware mutator of FIX messages, for fuzzing the gateway layer by layer: it
 * starts from well-formed messages of every type the gateway handles and changes them the way
 * broken or hostile counterparties do (a field dropped, repeated, moved or given a boundary value,
 * a tag renumbered, a group count that lies, bytes flipped, SOH inserted, BodyLength or CheckSum
 * wrong), then, most of the time, makes BodyLength and CheckSum right again, so that the mutation
 * reaches past the framer into the session layer and the application. Same seed, same inputs.
 */
public final class FixMutator
{
    /** A message as (tag, value) pairs after the header's 8, 9, 35: the mutator edits these. */
    private static final class Field
    {
        final String tag;
        final String value;

        Field(final String tag, final String value)
        {
            this.tag = tag;
            this.value = value;
        }
    }

    private static final String[] BOUNDARY_VALUES = {
        "", "0", "-1", "-0", "1", "00000000000000000001", "9223372036854775807", "-9223372036854775808",
        "9223372036854775808", "99999999999999999999999", "2147483648", "1e9", "1.", ".5", "-.5", "12.005", "0.001",
        "NaN", "Infinity", "Y", "N", "YES", "20261206-99:99:99.999", "20261206-12:00:00", "19700101-00:00:00.000",
        "\u0000", "\u0001", "=", "==", "|", "\u00ff\u00fe", "A".repeat(300), "9".repeat(40), "COD", "NONE",
        "DATA.TRAFFIC.API", "COMPUTE.H100.GY1.2027-01-01T00", "P1", "P2", "CB1", "TW", "DATABOURSE",
        "1", "2", "3", "4", "5", "6", "7", "8", "A", "D", "F", "G", "H", "V", "q", "x", "9", "Z"};
    private static final String[] TAGS = {
        "1", "11", "14", "17", "18", "34", "35", "37", "38", "39", "40", "41", "43", "44", "49", "52", "54", "55",
        "56", "58", "59", "60", "97", "98", "108", "112", "122", "123", "141", "146", "167", "262", "263", "264",
        "267", "268", "269", "320", "371", "372", "373", "529", "530", "553", "554", "559", "789", "0", "-1", "00",
        "4294967297", "99999", "10", "9", "8"};

    private final Random random;
    private final List<List<Field>> corpus = new ArrayList<>();

    public FixMutator(final long seed, final List<String> seeds)
    {
        this.random = new Random(seed);
        for (final String body : seeds)
        {
            corpus.add(fields(body));
        }
    }

    /** Bodies ("35=D|...|") of each kind of message a trading session sends, without MsgSeqNum and CompIDs. */
    public static List<String> tradingSeeds(final String symbol)
    {
        final String t = "60=20261206-12:00:00.000|";
        return List.of(
            "35=D|11=f1|55=" + symbol + "|54=1|38=3|40=2|44=12.00|59=1|" + t,
            "35=D|11=f2|55=" + symbol + "|54=2|38=1|40=1|59=3|18=6|1=P3|" + t,
            "35=F|11=c1|41=f1|37=1|55=" + symbol + "|54=1|" + t,
            "35=G|11=r1|41=f1|55=" + symbol + "|54=1|38=4|40=2|44=11.99|" + t,
            "35=H|11=f1|37=1|55=" + symbol + "|54=1|",
            "35=q|11=m1|530=7|" + t,
            "35=q|11=m2|530=1|55=" + symbol + "|54=2|" + t,
            "35=x|320=s1|559=4|",
            "35=x|320=s2|559=0|55=" + symbol + "|",
            "35=V|262=md1|263=1|264=0|267=3|269=0|269=1|269=2|146=1|55=" + symbol + "|",
            "35=V|262=md1|263=2|264=0|267=1|269=0|146=1|55=" + symbol + "|",
            "35=1|112=TEST|",
            "35=0|",
            "35=2|7=1|16=0|",
            "35=4|123=Y|36=5|",
            "35=3|45=1|371=55|372=D|373=1|",
            "35=j|45=1|372=D|380=3|",
            "35=R|131=q1|146=1|55=" + symbol + "|");
    }

    /** The next mutated body (pipes for SOH), header fields the caller adds excluded. */
    public String nextBody()
    {
        final List<Field> message = new ArrayList<>(corpus.get(random.nextInt(corpus.size())));
        final int mutations = 1 + random.nextInt(3);
        for (int i = 0; i < mutations; i++)
        {
            mutate(message);
        }
        final StringBuilder sb = new StringBuilder();
        for (final Field f : message)
        {
            sb.append(f.tag).append('=').append(f.value).append('|');
        }
        return sb.toString();
    }

    private void mutate(final List<Field> message)
    {
        if (message.isEmpty())
        {
            message.add(new Field("35", "D"));
            return;
        }
        final int at = random.nextInt(message.size());
        switch (random.nextInt(9))
        {
            case 0: // drop a field (35 only rarely: the message type is what reaches deepest)
                if (!"35".equals(message.get(at).tag) || random.nextInt(10) == 0)
                {
                    message.remove(at);
                }
                break;
            case 1: // repeat a field
                message.add(random.nextInt(message.size() + 1), message.get(at));
                break;
            case 2: // a boundary value
                message.set(at, new Field(message.get(at).tag, BOUNDARY_VALUES[random.nextInt(BOUNDARY_VALUES.length)]));
                break;
            case 3: // a field of another message, or a tag it should not have
                message.add(random.nextInt(message.size() + 1),
                    new Field(TAGS[random.nextInt(TAGS.length)], BOUNDARY_VALUES[random.nextInt(BOUNDARY_VALUES.length)]));
                break;
            case 4: // move a field
                message.add(random.nextInt(message.size()), message.remove(at));
                break;
            case 5: // renumber a tag
                message.set(at, new Field(TAGS[random.nextInt(TAGS.length)], message.get(at).value));
                break;
            case 6: // flip characters of a value
            {
                final char[] value = message.get(at).value.toCharArray();
                for (int i = 0; i < value.length && i < 3; i++)
                {
                    value[random.nextInt(value.length)] = (char)random.nextInt(256);
                }
                message.set(at, new Field(message.get(at).tag, new String(value)));
                break;
            }
            case 7: // a group count that lies
                message.add(random.nextInt(message.size() + 1),
                    new Field(random.nextBoolean() ? "146" : "267", Integer.toString(random.nextInt(5) - 1)));
                break;
            default: // a very long value
                message.set(at, new Field(message.get(at).tag, "7".repeat(1 + random.nextInt(20_000))));
                break;
        }
    }

    /**
     * A whole message from a header and a mutated body: usually with the right BodyLength and
     * CheckSum, sometimes with either wrong, or bytes flipped after framing.
     */
    public byte[] frame(final String header, final String body)
    {
        // The header's fields go after MsgType, which must stay the third field when it leads the body.
        final int firstEnd = body.indexOf('|');
        final String joined = body.startsWith("35=") && firstEnd > 0 ?
            body.substring(0, firstEnd + 1) + header + body.substring(firstEnd + 1) : header + body;
        final String b = joined.replace('|', '\u0001');
        final int choice = random.nextInt(20);
        final int bodyLength = choice == 0 ? b.length() + random.nextInt(9) - 4 : b.length();
        final String head = "8=FIX.4.4\u00019=" + bodyLength + "\u0001" + b;
        int sum = 0;
        for (final byte x : head.getBytes(StandardCharsets.ISO_8859_1))
        {
            sum += x & 0xFF;
        }
        final byte[] bytes = (head + String.format("10=%03d\u0001", (choice == 1 ? sum + 1 : sum) % 256))
            .getBytes(StandardCharsets.ISO_8859_1);
        if (choice == 2)
        {
            bytes[random.nextInt(bytes.length)] = (byte)random.nextInt(256);
        }
        return bytes;
    }

    /** Raw bytes, for the framer: a framed mutation cut, doubled or followed by garbage. */
    public byte[] nextRaw()
    {
        final byte[] framed = frame("34=2|49=A|52=20261206-12:00:00.000|56=B|", nextBody());
        switch (random.nextInt(4))
        {
            case 0:
                return java.util.Arrays.copyOf(framed, random.nextInt(framed.length + 1));
            case 1:
            {
                final byte[] twice = java.util.Arrays.copyOf(framed, framed.length * 2);
                System.arraycopy(framed, 0, twice, framed.length, framed.length);
                return twice;
            }
            case 2:
            {
                final byte[] garbage = new byte[random.nextInt(64)];
                random.nextBytes(garbage);
                final byte[] both = java.util.Arrays.copyOf(framed, framed.length + garbage.length);
                System.arraycopy(garbage, 0, both, framed.length, garbage.length);
                return both;
            }
            default:
                return framed;
        }
    }

    private static List<Field> fields(final String body)
    {
        final List<Field> fields = new ArrayList<>();
        for (final String pair : body.split("\\|"))
        {
            final int eq = pair.indexOf('=');
            fields.add(new Field(pair.substring(0, eq), pair.substring(eq + 1)));
        }
        return fields;
    }
}
