package io.databourse.matcher.ref;

import io.databourse.journal.schema.Codes;
import io.databourse.matcher.book.BookSide;

/**
 * A registered product and its book. Reference data changes rarely, so this is a plain object;
 * the hot path reads its fields directly.
 */
public final class Product
{
    public final int index;
    public final String id;
    public final byte kind;
    public final byte grade;
    public final byte rights;
    public final byte delivery;
    public final boolean crossBorderAllowed;
    public final boolean personalInfo;
    public final boolean resale;
    public final long tickFen;
    public final long lotQty;
    /** Band half-width in bps, or -1 for no band. */
    public final int bandBps;
    public final long usagePerLot;
    public final int termDays;
    public final int sponsor;
    public final long windowStartNs;
    public final long windowEndNs;
    public final String hardware;
    public final String region;

    public byte status;
    /** The product's reference price, then its last trade price; 0 when none. */
    private long referencePriceFen;
    // band edges follow the reference price; cached because every order checks them
    private long bandUpperFen;
    private long bandLowerFen;
    public final BookSide bids;
    public final BookSide asks;
    /** The defining command, verbatim, to describe the product to late joiners. */
    public byte[] definition;

    @SuppressWarnings("checkstyle:ParameterNumber")
    public Product(
        final int index,
        final String id,
        final byte kind,
        final byte grade,
        final byte rights,
        final byte delivery,
        final boolean crossBorderAllowed,
        final boolean personalInfo,
        final boolean resale,
        final long tickFen,
        final long lotQty,
        final int bandBps,
        final long referencePriceFen,
        final long usagePerLot,
        final int termDays,
        final int sponsor,
        final long windowStartNs,
        final long windowEndNs,
        final String hardware,
        final String region,
        final byte status,
        final int bookLevelsInitial)
    {
        this.index = index;
        this.id = id;
        this.kind = kind;
        this.grade = grade;
        this.rights = rights;
        this.delivery = delivery;
        this.crossBorderAllowed = crossBorderAllowed;
        this.personalInfo = personalInfo;
        this.resale = resale;
        this.tickFen = tickFen;
        this.lotQty = lotQty;
        this.bandBps = bandBps;
        referencePrice(referencePriceFen);
        this.usagePerLot = usagePerLot;
        this.termDays = termDays;
        this.sponsor = sponsor;
        this.windowStartNs = windowStartNs;
        this.windowEndNs = windowEndNs;
        this.hardware = hardware;
        this.region = region;
        this.status = status;
        this.bids = new BookSide(true, bookLevelsInitial);
        this.asks = new BookSide(false, bookLevelsInitial);
    }

    public boolean isCompute()
    {
        return kind == Codes.ProductKind.COMPUTE;
    }

    public boolean hasBand()
    {
        return bandBps >= 0 && referencePriceFen > 0;
    }

    public long referencePriceFen()
    {
        return referencePriceFen;
    }

    /** Sets the reference (last trade) price and moves the band with it. */
    public void referencePrice(final long priceFen)
    {
        if (priceFen == referencePriceFen && (bandUpperFen != 0 || priceFen == 0))
        {
            return;
        }
        referencePriceFen = priceFen;
        if (bandBps >= 0 && priceFen > 0)
        {
            final long raw = priceFen + priceFen * bandBps / 10_000;
            bandUpperFen = raw - raw % tickFen;
            // ceil(ref x (1 - band)): the lower edge is rounded up, like the upper edge is rounded down, so the band never widens
            final long low = (priceFen * (10_000 - bandBps) + 9_999) / 10_000;
            final long up = low % tickFen == 0 ? low : low + (tickFen - low % tickFen);
            bandLowerFen = Math.max(up, tickFen);
        }
    }

    /** Highest price inside the band, rounded down to the tick. */
    public long bandUpperFen()
    {
        return bandUpperFen;
    }

    /** Lowest price inside the band, rounded up to the tick; at least one tick. */
    public long bandLowerFen()
    {
        return bandLowerFen;
    }

    /** Hours in the delivery window (compute), 0 otherwise. */
    public long windowHours()
    {
        return isCompute() ? (windowEndNs - windowStartNs) / 3_600_000_000_000L : 0;
    }

    public BookSide side(final byte side)
    {
        return side == Codes.Side.BUY ? bids : asks;
    }

    public BookSide opposite(final byte side)
    {
        return side == Codes.Side.BUY ? asks : bids;
    }
}
