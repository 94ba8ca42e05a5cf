package io.databourse.perfartio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Artio peer end to end over loopback TCP, with a FIX client written here from bytes: what the
 * round-trip bench relies on (a logon with username and password, one ExecutionReport (new) per
 * NewOrderSingle, carrying its ClOrdID) and what it must refuse.
 */
class ArtioPeerTest
{
    private static final DateTimeFormatter SENDING_TIME =
        DateTimeFormatter.ofPattern("yyyyMMdd-HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    private static ArtioPeer peer;

    @BeforeAll
    static void start() throws IOException
    {
        final ArtioPeer.Options options = ArtioPeer.Options.parse(new String[] {"--idle", "backoff"});
        options.aeronDir = "/dev/shm/databourse-artio-peer-test-" + ProcessHandle.current().pid();
        peer = new ArtioPeer(options);
    }

    @AfterAll
    static void stop()
    {
        peer.close();
    }

    @Test
    void answersEachNewOrderSingleAsAnExchangeWithNothingToMatch() throws IOException
    {
        try (Socket socket = new Socket("127.0.0.1", peer.port()))
        {
            socket.setSoTimeout(10_000);
            final OutputStream out = socket.getOutputStream();
            final InputStream in = socket.getInputStream();
            out.write(message("A", 1, "98=0\u0001108=30\u0001141=Y\u0001553=P1\u0001554=p1-demo\u0001"));
            assertEquals("A", read(in).get("35"), "logon answered with a logon");
            for (int i = 1; i <= 3; i++)
            {
                out.write(newOrder(1 + i, 100 + i, '3'));
                final Map<String, String> report = read(in);
                assertEquals("8", report.get("35"));
                assertEquals(Integer.toString(100 + i), report.get("11"));
                assertEquals("0", report.get("150"), "ExecType new");
                assertEquals("0", report.get("39"), "OrdStatus new");
                assertEquals("DATA.TRAFFIC.API", report.get("55"));
                assertEquals("P1", report.get("1"), "the account is the session's participant");
                assertEquals("12.5", report.get("44"), "the price, in fen and back (Artio drops trailing zeros)");
                assertEquals("7", report.get("151"), "everything open");
                assertEquals(Long.toString(i), report.get("37"), "order ids are the executor's sequence");
                // an IOC finds nothing to match: cancelled at once, as DataBourse's matcher does
                final Map<String, String> cancel = read(in);
                assertEquals(Integer.toString(100 + i), cancel.get("11"));
                assertEquals("4", cancel.get("150"), "ExecType canceled");
                assertEquals("0", cancel.get("151"));
                assertEquals("ioc_remainder", cancel.get("58"));
            }
            // a day order rests: accepted only, so the next report is the next order's
            out.write(newOrder(5, 200, '0'));
            assertEquals("200", read(in).get("11"));
            out.write(newOrder(6, 201, '3'));
            final Map<String, String> next = read(in);
            assertEquals("201", next.get("11"));
            assertEquals("0", next.get("150"));
        }
        assertEquals(5, peer.executor().answered());
        assertEquals(0, peer.orderEntry().ordersRefused());
    }

    private static byte[] newOrder(final int seqNum, final int clOrdId, final char tif)
    {
        return message("D", seqNum, "11=" + clOrdId + "\u000155=DATA.TRAFFIC.API\u000154=1\u000138=7\u0001" +
            "40=2\u000144=12.5\u000159=" + tif + "\u000160=" + SENDING_TIME.format(Instant.now()) + "\u0001");
    }

    @Test
    void refusesALogonWithTheWrongPassword() throws IOException
    {
        try (Socket socket = new Socket("127.0.0.1", peer.port()))
        {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(message("A", 1, "98=0\u0001108=30\u0001141=Y\u0001553=P1\u0001554=wrong\u0001"));
            final InputStream in = socket.getInputStream();
            // Artio logs the session out, or closes the connection without a word: either way no logon.
            final Map<String, String> answer = readOrEnd(in);
            assertTrue(null == answer || "5".equals(answer.get("35")), "no logon for a wrong password: " + answer);
        }
    }

    private static byte[] message(final String type, final int seqNum, final String body)
    {
        final String header = "35=" + type + "\u000134=" + seqNum + "\u000149=P1\u000152=" +
            SENDING_TIME.format(Instant.now()) + "\u000156=DATABOURSE\u0001";
        final String withLength = "8=FIX.4.4\u00019=" + (header.length() + body.length()) + "\u0001" + header + body;
        int sum = 0;
        for (final byte b : withLength.getBytes(StandardCharsets.US_ASCII))
        {
            sum += b & 0xFF;
        }
        return (withLength + String.format("10=%03d\u0001", sum % 256)).getBytes(StandardCharsets.US_ASCII);
    }

    private static Map<String, String> read(final InputStream in) throws IOException
    {
        final Map<String, String> fields = readOrEnd(in);
        if (null == fields)
        {
            throw new IOException("the peer closed the connection");
        }
        return fields;
    }

    /** One message's fields by tag, read up to its checksum; null when the stream ends first. */
    private static Map<String, String> readOrEnd(final InputStream in) throws IOException
    {
        final Map<String, String> fields = new LinkedHashMap<>();
        final StringBuilder field = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0)
        {
            if (b != 1)
            {
                field.append((char)b);
                continue;
            }
            final int eq = field.indexOf("=");
            fields.put(field.substring(0, eq), field.substring(eq + 1));
            if (field.toString().startsWith("10="))
            {
                return fields;
            }
            field.setLength(0);
        }
        return null;
    }
}
