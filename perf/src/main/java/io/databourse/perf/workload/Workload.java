package io.databourse.perf.workload;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A generated order stream held column-wise (struct of arrays) so that millions of commands cost a
 * few hundred MB at most and no object per command, and its CSV form that any engine can be fed:
 * <pre>
 * # key=value ... (metadata: name, seed, accounts, products, fill_commands, expect_trades, ...)
 * op,order,account,product,side,type,tif,price,qty
 * NEW,1,17,1,BUY,LIMIT,GTC,99950,12
 * MOVE,1,17,1,BUY,,,99951,
 * REDUCE,1,17,1,BUY,,,,5
 * CANCEL,1,17,1,BUY,,,,
 * </pre>
 * The layout is documented in docs/perf.md; perf-peer has its own reader of the same text because
 * it must not share a classpath with us.
 */
public final class Workload
{
    public static final String FORMAT = "databourse-workload-1";
    public static final String HEADER = "op,order,account,product,side,type,tif,price,qty";

    public static final byte OP_NEW = 0;
    public static final byte OP_CANCEL = 1;
    public static final byte OP_MOVE = 2;
    public static final byte OP_REDUCE = 3;
    public static final String[] OP_NAMES = {"NEW", "CANCEL", "MOVE", "REDUCE"};

    /** Same wire values as Codes.Side / Codes.OrdType / Codes.TimeInForce of the journal schema. */
    public static final byte SIDE_BUY = 0;
    public static final byte SIDE_SELL = 1;
    public static final String[] SIDE_NAMES = {"BUY", "SELL"};
    public static final byte TYPE_LIMIT = 0;
    public static final String[] TYPE_NAMES = {"LIMIT", "MARKET"};
    public static final byte TIF_GTC = 1;
    public static final byte TIF_IOC = 2;
    public static final String[] TIF_NAMES = {"DAY", "GTC", "IOC", "FOK"};

    /** Metadata written as "# key=value" lines, in insertion order. */
    public final Map<String, String> meta = new LinkedHashMap<>();

    public byte[] op;
    public long[] orderId;
    public int[] account;
    public int[] product;
    public byte[] side;
    public byte[] ordType;
    public byte[] tif;
    public long[] priceTicks;
    public long[] qtyLots;
    private int count;

    public Workload(final int capacity)
    {
        op = new byte[capacity];
        orderId = new long[capacity];
        account = new int[capacity];
        product = new int[capacity];
        side = new byte[capacity];
        ordType = new byte[capacity];
        tif = new byte[capacity];
        priceTicks = new long[capacity];
        qtyLots = new long[capacity];
    }

    public int count()
    {
        return count;
    }

    public String name()
    {
        return meta.getOrDefault("name", "unnamed");
    }

    public int accounts()
    {
        return Integer.parseInt(meta.get("accounts"));
    }

    public int products()
    {
        return Integer.parseInt(meta.get("products"));
    }

    /** Leading rows that build the book before the timed part; engines apply them untimed. */
    public int fillCommands()
    {
        return Integer.parseInt(meta.getOrDefault("fill_commands", "0"));
    }

    public long metaLong(final String key, final long dflt)
    {
        final String v = meta.get(key);
        return null == v ? dflt : Long.parseLong(v);
    }

    public void add(
        final byte opCode,
        final long order,
        final int accountId,
        final int productId,
        final byte sideCode,
        final byte ordTypeCode,
        final byte tifCode,
        final long price,
        final long qty)
    {
        if (count == op.length)
        {
            grow(Math.max(16, count * 2));
        }
        final int i = count++;
        op[i] = opCode;
        orderId[i] = order;
        account[i] = accountId;
        product[i] = productId;
        side[i] = sideCode;
        ordType[i] = ordTypeCode;
        tif[i] = tifCode;
        priceTicks[i] = price;
        qtyLots[i] = qty;
    }

    private void grow(final int capacity)
    {
        op = Arrays.copyOf(op, capacity);
        orderId = Arrays.copyOf(orderId, capacity);
        account = Arrays.copyOf(account, capacity);
        product = Arrays.copyOf(product, capacity);
        side = Arrays.copyOf(side, capacity);
        ordType = Arrays.copyOf(ordType, capacity);
        tif = Arrays.copyOf(tif, capacity);
        priceTicks = Arrays.copyOf(priceTicks, capacity);
        qtyLots = Arrays.copyOf(qtyLots, capacity);
    }

    /** Counts of each op over rows [from, to). */
    public long[] opCounts(final int from, final int to)
    {
        final long[] counts = new long[OP_NAMES.length + 2];
        for (int i = from; i < to; i++)
        {
            counts[op[i]]++;
            if (op[i] == OP_NEW)
            {
                counts[tif[i] == TIF_IOC ? OP_NAMES.length + 1 : OP_NAMES.length]++;
            }
        }
        return counts;
    }

    // ---- CSV ----

    public void writeCsv(final Path path) throws IOException
    {
        Files.createDirectories(path.toAbsolutePath().getParent());
        final Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20))
        {
            final StringBuilder sb = new StringBuilder(256);
            sb.append("# format=").append(FORMAT);
            for (final Map.Entry<String, String> e : meta.entrySet())
            {
                if (!"format".equals(e.getKey()))
                {
                    sb.append(' ').append(e.getKey()).append('=').append(e.getValue());
                }
            }
            sb.append('\n').append(HEADER).append('\n');
            out.write(sb.toString().getBytes(StandardCharsets.US_ASCII));
            final byte[] row = new byte[256];
            for (int i = 0; i < count; i++)
            {
                sb.setLength(0);
                appendRow(sb, i);
                sb.append('\n');
                final int n = sb.length();
                for (int j = 0; j < n; j++)
                {
                    row[j] = (byte)sb.charAt(j);
                }
                out.write(row, 0, n);
            }
        }
        Files.move(tmp, path, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** One row: fields that do not apply to the op are left empty. */
    public void appendRow(final StringBuilder sb, final int i)
    {
        final byte o = op[i];
        sb.append(OP_NAMES[o]).append(',').append(orderId[i]).append(',').append(account[i]).append(',')
            .append(product[i]).append(',').append(SIDE_NAMES[side[i]]).append(',');
        if (o == OP_NEW)
        {
            sb.append(TYPE_NAMES[ordType[i]]).append(',').append(TIF_NAMES[tif[i]]).append(',')
                .append(priceTicks[i]).append(',').append(qtyLots[i]);
        }
        else if (o == OP_MOVE)
        {
            sb.append(",,").append(priceTicks[i]).append(',');
        }
        else if (o == OP_REDUCE)
        {
            sb.append(",,,").append(qtyLots[i]);
        }
        else
        {
            sb.append(",,,");
        }
    }

    public static Workload readCsv(final Path path) throws IOException
    {
        final long sizeBytes = Files.size(path);
        final Workload w = new Workload((int)Math.min(Integer.MAX_VALUE - 16, Math.max(1024, sizeBytes / 24)));
        try (InputStream in = Files.newInputStream(path))
        {
            final CsvScanner s = new CsvScanner(in);
            int lineNo = 0;
            while (s.nextLine())
            {
                lineNo++;
                if (s.peek() == '#')
                {
                    for (final String kv : s.restOfLine().substring(1).trim().split("\\s+"))
                    {
                        final int eq = kv.indexOf('=');
                        if (eq > 0)
                        {
                            w.meta.put(kv.substring(0, eq), kv.substring(eq + 1));
                        }
                    }
                    continue;
                }
                if (s.peek() == 'o')
                {
                    final String header = s.restOfLine();
                    if (!HEADER.equals(header))
                    {
                        throw new IOException(path + ":" + lineNo + ": unexpected header " + header);
                    }
                    continue;
                }
                final byte o = (byte)s.nextEnum(OP_NAMES, lineNo);
                final long order = s.nextLong();
                final int acc = (int)s.nextLong();
                final int prod = (int)s.nextLong();
                final byte sd = (byte)s.nextEnum(SIDE_NAMES, lineNo);
                final int ty = s.nextEnum(TYPE_NAMES, lineNo);
                final int tf = s.nextEnum(TIF_NAMES, lineNo);
                final long price = s.nextLong();
                final long qty = s.nextLong();
                w.add(o, order, acc, prod, sd, (byte)Math.max(0, ty), (byte)Math.max(0, tf), price, qty);
            }
        }
        if (!FORMAT.equals(w.meta.get("format")))
        {
            throw new IOException(path + ": not a " + FORMAT + " file (format=" + w.meta.get("format") + ")");
        }
        return w;
    }

    /** A byte-level reader: parsing 3M rows through String.split would dominate the set-up time. */
    private static final class CsvScanner
    {
        private final InputStream in;
        private final byte[] buf = new byte[1 << 16];
        private int pos;
        private int limit;

        CsvScanner(final InputStream in)
        {
            this.in = in;
        }

        private int read() throws IOException
        {
            if (pos == limit)
            {
                limit = in.read(buf, 0, buf.length);
                pos = 0;
                if (limit <= 0)
                {
                    limit = 0;
                    return -1;
                }
            }
            return buf[pos++];
        }

        private int peekByte() throws IOException
        {
            final int c = read();
            if (c >= 0)
            {
                pos--;
            }
            return c;
        }

        /** Skips blank lines; false at end of input. */
        boolean nextLine() throws IOException
        {
            int c;
            while ((c = peekByte()) == '\n' || c == '\r')
            {
                read();
            }
            return c >= 0;
        }

        int peek() throws IOException
        {
            return peekByte();
        }

        String restOfLine() throws IOException
        {
            final StringBuilder sb = new StringBuilder();
            int c;
            while ((c = read()) >= 0 && c != '\n')
            {
                if (c != '\r')
                {
                    sb.append((char)c);
                }
            }
            return sb.toString();
        }

        /** Reads a field up to ',' or end of line; empty fields read as 0. */
        long nextLong() throws IOException
        {
            long v = 0;
            boolean negative = false;
            int c;
            while ((c = read()) >= 0 && c != ',' && c != '\n')
            {
                if (c == '-')
                {
                    negative = true;
                }
                else if (c >= '0' && c <= '9')
                {
                    v = v * 10 + (c - '0');
                }
            }
            return negative ? -v : v;
        }

        /** Index of the field's text in names; -1 for an empty field. */
        int nextEnum(final String[] names, final int lineNo) throws IOException
        {
            final StringBuilder sb = new StringBuilder(8);
            int c;
            while ((c = read()) >= 0 && c != ',' && c != '\n')
            {
                if (c != '\r')
                {
                    sb.append((char)c);
                }
            }
            if (sb.length() == 0)
            {
                return -1;
            }
            for (int i = 0; i < names.length; i++)
            {
                if (names[i].contentEquals(sb))
                {
                    return i;
                }
            }
            throw new IllegalArgumentException("line " + lineNo + ": unknown value " + sb);
        }
    }
}
