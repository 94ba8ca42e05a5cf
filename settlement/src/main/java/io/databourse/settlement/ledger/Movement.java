package io.databourse.settlement.ledger;

/**
 * One line of {@value LedgerStage#MOVEMENTS_FILE}: a participant's cash movement (a deposit, a
 * withdrawal, or its side of a fill) with its balances after. A cash line leaves the fill's columns
 * empty: here trade id, quantity and price 0, product and side "" ({@link #isFill()} says which).
 */
public record Movement(
    long seq, long timeNs, String participant, String type, long tradeId, String product, String side, long qty,
    long priceFen, long cashChangeFen, long feeFen, long availableFen, long reservedFen)
{
    public static final String FILL = "trade";
    public static final String DEPOSIT = "deposit";
    public static final String WITHDRAWAL = "withdraw";
    private static final int COLUMNS = 13;

    /** Parses a line as {@link LedgerStage} writes it (no header, no newline). */
    public static Movement parse(final String line)
    {
        final String[] f = line.split(",", -1);
        if (COLUMNS != f.length)
        {
            throw new IllegalArgumentException("movement of " + f.length + " columns, not " + COLUMNS + ": " + line);
        }
        final Movement m = new Movement(Long.parseLong(f[0]), Long.parseLong(f[1]), f[2], f[3], orZero(f[4]), f[5], f[6],
            orZero(f[7]), orZero(f[8]), Long.parseLong(f[9]), Long.parseLong(f[10]), Long.parseLong(f[11]),
            Long.parseLong(f[12]));
        assert m.isFill() ? m.tradeId > 0 && m.qty > 0 : f[4].isEmpty() && f[8].isEmpty() : line;
        return m;
    }

    private static long orZero(final String column)
    {
        return column.isEmpty() ? 0 : Long.parseLong(column);
    }

    public boolean isFill()
    {
        return FILL.equals(type);
    }

    public boolean isBuy()
    {
        return "buy".equals(side);
    }

    /** price x qty of a fill (0 for a cash line). */
    public long valueFen()
    {
        return Math.multiplyExact(qty, priceFen);
    }
}
