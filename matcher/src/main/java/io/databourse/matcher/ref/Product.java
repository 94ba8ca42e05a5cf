package io.databourse.matcher.ref;

import io.databourse.journal.schema.Codes;
import io.databourse.journal.schema.ProductCommand;
import io.databourse.matcher.book.BookSide;
import io.databourse.matcher.snapshot.CorruptSnapshotException;
import io.databourse.matcher.snapshot.SnapshotReader;
import io.databourse.matcher.snapshot.SnapshotWriter;
import org.agrona.concurrent.UnsafeBuffer;

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

    /**
     * The product a registration command defines, with its book, and the command kept verbatim as
     * its {@link #definition}: the one place a command becomes a product, for registration and for
     * a snapshot's restore alike.
     */
    public static Product define(final int index, final ProductCommand cmd, final int sponsor, final int bookLevelsInitial)
    {
        final Product product = new Product(
            index, cmd.productId(), cmd.kind(), cmd.grade(), cmd.rights(), cmd.delivery(), cmd.crossBorder(),
            cmd.personalInfo(), cmd.resale(), cmd.tickFen(), cmd.lotQty(), cmd.bandBps(), cmd.referencePriceFen(),
            cmd.usagePerLot(), cmd.termDays(), sponsor, cmd.windowStartNs(), cmd.windowEndNs(), cmd.hardware(),
            cmd.region(), cmd.status(), bookLevelsInitial);
        final byte[] definition = new byte[cmd.length()];
        cmd.buffer().getBytes(cmd.offset(), definition);
        product.definition = definition;
        return product;
    }

    /**
     * The product as a snapshot holds it: its defining command and sponsor (every final field follows
     * from them through {@link #define}), then what changed since. Its book is written by whoever
     * holds the orders. A new field is written here, and read back in {@link #readSnapshot}.
     */
    public void writeSnapshot(final SnapshotWriter out)
    {
        out.putBytes(definition)
            .putVarInt(sponsor)
            .putByte(status)
            .putSignedVarLong(referencePriceFen);
    }

    /** The product {@link #writeSnapshot} wrote, with an empty book. */
    public static Product readSnapshot(final SnapshotReader in, final int index, final int bookLevelsInitial)
    {
        final byte[] definition = in.getBytes("product definition", 1 << 16);
        final ProductCommand cmd = new ProductCommand();
        if (definition.length < ProductCommand.BLOCK_LENGTH)
        {
            throw new CorruptSnapshotException("product " + index + "'s definition is " + definition.length + " bytes");
        }
        cmd.wrap(new UnsafeBuffer(definition), 0);
        final int sponsor = in.getVarInt("sponsor", -1, Integer.MAX_VALUE);
        final Product product = define(index, cmd, sponsor, bookLevelsInitial);
        product.status = in.getByte();
        product.referencePrice(in.getSignedVarLong("reference price", 0, Long.MAX_VALUE));
        return product;
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
