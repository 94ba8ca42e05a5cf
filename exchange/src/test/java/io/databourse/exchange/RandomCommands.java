package io.databourse.exchange;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A seeded stream of JSON command lines: reference data, then random orders, cancels, replaces
 * and mass cancels around a mid price, so that books fill, cross and empty. Invalid values slip
 * in now and then to exercise reject paths.
 */
final class RandomCommands
{
    static final String[] PARTICIPANTS = {"A", "B", "C", "D", "E"};

    private RandomCommands()
    {
    }

    static List<String> generate(final long seed, final int orders)
    {
        final Random random = new Random(seed);
        final List<String> lines = new ArrayList<>();
        for (final String p : PARTICIPANTS)
        {
            lines.add("{\"type\":\"participant\",\"id\":\"" + p + "\",\"roles\":[\"buyer\",\"data_supplier\"]}");
            lines.add("{\"type\":\"deposit\",\"participant\":\"" + p + "\",\"amount\":\"50000.00\"}");
        }
        lines.add("{\"type\":\"participant\",\"id\":\"COMP\",\"roles\":[\"compliance_officer\"]}");
        lines.add("{\"type\":\"participant\",\"id\":\"SPON\",\"roles\":[\"data_sponsor\"]}");
        lines.add("{\"type\":\"fee_schedule\",\"kind\":\"data\",\"makerBps\":3,\"takerBps\":7}");
        final String[] products = {"X", "Y"};
        for (int k = 0; k < products.length; k++)
        {
            // X is A's, Y is B's: only the owner is issued units, the others buy 400 each from it
            final String product = products[k];
            final String owner = PARTICIPANTS[k];
            lines.add("{\"type\":\"product\",\"id\":\"" + product + "\",\"kind\":\"data\",\"tick\":\"0.01\",\"lot\":1," +
                "\"band\":\"0.30\",\"referencePrice\":\"10.00\",\"rights\":[\"process_use\",\"operate\"]," +
                "\"owner\":\"" + owner + "\",\"sponsor\":\"SPON\",\"reviewedBy\":\"COMP\",\"status\":\"listed\"}");
            lines.add("{\"type\":\"inventory\",\"participant\":\"" + owner + "\",\"product\":\"" + product +
                "\",\"qty\":" + 400 * PARTICIPANTS.length + "}");
            for (final String p : PARTICIPANTS)
            {
                if (!p.equals(owner))
                {
                    lines.add("{\"type\":\"new\",\"participant\":\"" + owner + "\",\"clOrdId\":\"d" + p + product +
                        "\",\"product\":\"" + product + "\",\"side\":\"sell\",\"tif\":\"gtc\",\"price\":\"10.00\",\"qty\":400}");
                    lines.add("{\"type\":\"new\",\"participant\":\"" + p + "\",\"clOrdId\":\"d" + p + product +
                        "\",\"product\":\"" + product + "\",\"side\":\"buy\",\"tif\":\"ioc\",\"price\":\"10.00\",\"qty\":400}");
                }
            }
        }
        final String[] tifs = {"day", "gtc", "gtc", "gtc", "ioc", "fok"};
        final String[] stps = {"cancel_newest", "cancel_oldest", "cancel_both"};
        int next = 0;
        for (int i = 0; i < orders; i++)
        {
            final String p = PARTICIPANTS[random.nextInt(PARTICIPANTS.length)];
            final String product = random.nextBoolean() ? "X" : "Y";
            final int action = random.nextInt(100);
            if (action < 65 || next == 0)
            {
                final boolean buy = random.nextBoolean();
                final boolean market = random.nextInt(20) == 0;
                final int ticks = 1000 + (buy ? -1 : 1) * (random.nextInt(12) - 4);
                lines.add("{\"type\":\"new\",\"participant\":\"" + p + "\",\"clOrdId\":\"o" + next++ +
                    "\",\"product\":\"" + product + "\",\"side\":\"" + (buy ? "buy" : "sell") + "\"" +
                    (market ? ",\"ordType\":\"market\"" : ",\"price\":\"" + (ticks / 100) + "." +
                    String.format("%02d", ticks % 100) + "\"") +
                    ",\"tif\":\"" + tifs[random.nextInt(tifs.length)] + "\",\"stp\":\"" + stps[random.nextInt(3)] +
                    "\",\"qty\":" + (1 + random.nextInt(random.nextInt(50) == 0 ? 500 : 20)) + "}");
            }
            else if (action < 80)
            {
                lines.add("{\"type\":\"cancel\",\"participant\":\"" + p + "\",\"clOrdId\":\"c" + i +
                    "\",\"origClOrdId\":\"o" + random.nextInt(next) + "\"}");
            }
            else if (action < 97)
            {
                final int ticks = 990 + random.nextInt(20);
                lines.add("{\"type\":\"replace\",\"participant\":\"" + p + "\",\"clOrdId\":\"o" + next++ +
                    "\",\"origClOrdId\":\"o" + random.nextInt(next - 1) + "\",\"price\":\"" + (ticks / 100) + "." +
                    String.format("%02d", ticks % 100) + "\",\"qty\":" + (1 + random.nextInt(25)) + "}");
            }
            else if (action < 99)
            {
                lines.add("{\"type\":\"mass_cancel\",\"participant\":\"" + p + "\",\"clOrdId\":\"m" + i + "\"}");
            }
            else
            {
                lines.add("{\"type\":\"end_of_day\"}");
            }
        }
        return lines;
    }
}
