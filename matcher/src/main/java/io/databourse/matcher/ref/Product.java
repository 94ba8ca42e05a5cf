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
    public long referencePriceFen;
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
        this.referencePriceFen = referencePriceFen;
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

    /** Highest price inside the band, rounded down to the tick. */
    public long bandUpperFen()
    {
        final long raw = referencePriceFen + referencePriceFen * bandBps / 10_000;
        return raw - raw % tickFen;
    }

    /** Lowest price inside the band, rounded up to the tick; at least one tick. */
    public long bandLowerFen()
    {
        final long cut = (referencePriceFen * bandBps + 9_999) / 10_000;
        final long raw = referencePriceFen - cut;
        final long up = raw % tickFen == 0 ? raw : raw + (tickFen - raw % tickFen);
        return Math.max(up, tickFen);
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
