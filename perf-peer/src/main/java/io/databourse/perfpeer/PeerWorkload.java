package io.databourse.perfpeer;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Reader of the DataBourse workload CSV (docs/perf.md), kept apart from perf's own reader because
 * this JVM must not load any DataBourse module (exchange-core needs its own disruptor and agrona).
 */
final class PeerWorkload
{
    static final byte OP_NEW = 0;
    static final byte OP_CANCEL = 1;
    static final byte OP_MOVE = 2;
    static final byte OP_REDUCE = 3;
    static final byte SIDE_BUY = 0;
    static final byte TIF_IOC = 2;

    final Map<String, String> meta = new HashMap<>();
    String name;
    int accounts;
    int products;
    int fillCommands;
    long expectTradesTimed;
    long priceMaxTicks;
    int count;
    byte[] op;
    long[] orderId;
    int[] account;
    int[] product;
    byte[] side;
    byte[] tif;
    long[] priceTicks;
    long[] qtyLots;

    static PeerWorkload read(final Path path) throws IOException
    {
        final PeerWorkload w = new PeerWorkload();
        final int capacity = (int)Math.max(1024, Files.size(path) / 28);
        w.op = new byte[capacity];
        w.orderId = new long[capacity];
        w.account = new int[capacity];
        w.product = new int[capacity];
        w.side = new byte[capacity];
        w.tif = new byte[capacity];
        w.priceTicks = new long[capacity];
        w.qtyLots = new long[capacity];
        try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.US_ASCII))
        {
            final String[] f = new String[9];
            String line;
            while (null != (line = in.readLine()))
            {
                if (line.isEmpty() || line.startsWith("op,"))
                {
                    continue;
                }
                if (line.charAt(0) == '#')
                {
                    for (final String kv : line.substring(1).trim().split("\\s+"))
                    {
                        final int eq = kv.indexOf('=');
                        if (eq > 0)
                        {
                            w.meta.put(kv.substring(0, eq), kv.substring(eq + 1));
                        }
                    }
                    continue;
                }
                split(line, f);
                if (w.count == w.op.length)
                {
                    w.grow(w.count * 2);
                }
                final int i = w.count++;
                w.op[i] = switch (f[0])
                {
                    case "NEW" -> OP_NEW;
                    case "CANCEL" -> OP_CANCEL;
                    case "MOVE" -> OP_MOVE;
                    case "REDUCE" -> OP_REDUCE;
                    default -> throw new IOException("unknown op " + f[0]);
                };
                w.orderId[i] = Long.parseLong(f[1]);
                w.account[i] = Integer.parseInt(f[2]);
                w.product[i] = Integer.parseInt(f[3]);
                w.side[i] = "BUY".equals(f[4]) ? SIDE_BUY : 1;
                w.tif[i] = "IOC".equals(f[6]) ? TIF_IOC : 1;
                w.priceTicks[i] = f[7].isEmpty() ? 0 : Long.parseLong(f[7]);
                w.qtyLots[i] = f[8].isEmpty() ? 0 : Long.parseLong(f[8]);
            }
        }
        if (!"databourse-workload-1".equals(w.meta.get("format")))
        {
            throw new IOException(path + " is not a databourse-workload-1 CSV");
        }
        w.name = w.meta.get("name");
        w.accounts = Integer.parseInt(w.meta.get("accounts"));
        w.products = Integer.parseInt(w.meta.get("products"));
        w.fillCommands = Integer.parseInt(w.meta.get("fill_commands"));
        w.expectTradesTimed = Long.parseLong(w.meta.get("expect_trades_timed"));
        w.priceMaxTicks = Long.parseLong(w.meta.get("price_max_ticks"));
        return w;
    }

    private void grow(final int capacity)
    {
        op = java.util.Arrays.copyOf(op, capacity);
        orderId = java.util.Arrays.copyOf(orderId, capacity);
        account = java.util.Arrays.copyOf(account, capacity);
        product = java.util.Arrays.copyOf(product, capacity);
        side = java.util.Arrays.copyOf(side, capacity);
        tif = java.util.Arrays.copyOf(tif, capacity);
        priceTicks = java.util.Arrays.copyOf(priceTicks, capacity);
        qtyLots = java.util.Arrays.copyOf(qtyLots, capacity);
    }

    private static void split(final String line, final String[] fields)
    {
        int from = 0;
        for (int k = 0; k < fields.length; k++)
        {
            final int comma = line.indexOf(',', from);
            final int to = comma < 0 ? line.length() : comma;
            fields[k] = line.substring(from, to);
            from = to + 1;
        }
    }
}
