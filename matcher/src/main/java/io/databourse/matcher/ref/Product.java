package io.databourse.matcher.ref;

import io.databourse.journal.sbe.ProductCommandDecoder;
import io.databourse.journal.schema.Codecs;
import io.databourse.journal.schema.Codes;
import io.databourse.matcher.auction.AuctionState;
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
    /** Classification grade: as declared, then as a compliance review found it. */
    public byte grade;
    /** {@link Codes.Rights} bit set granted to buyers. */
    public final byte rights;
    public final byte delivery;
    public final boolean crossBorderAllowed;
    /** Contains personal information: as declared, then as a compliance review found it. */
    public boolean personalInfo;
    public final long tickFen;
    public final long lotQty;
    /** Band half-width in bps, or -1 for no band. */
    public final int bandBps;
    public final long usagePerLot;
    public final int termDays;
    /** Participant index of the data sponsor it names, or -1. */
    public final int sponsor;
    /** Participant index of its owner (data, algorithm), or -1 (compute). */
    public final int owner;
    /** {@link Codes.Purpose} bit set a buyer's declared purpose must be in; 0: none declared. */
    public final int purposes;
    public final long recordsPerLot;
    public final long seatsPerLot;
    public final long runsPerSeat;
    public final long windowStartNs;
    public final long windowEndNs;
    public final String hardware;
    public final String region;
    /** {@link Codes.OpeningAuction}: whether listing and resuming open a call auction. */
    public final byte openingAuction;

    public byte status;
    /** Participant index of the compliance officer an operator load named as its reviewer, or -1. */
    public int reviewer = -1;
    /** A regulator approved its cross-border export beyond the filing thresholds (and, important data, at all). */
    public boolean crossBorderApproved;
    /** The named data sponsor confirmed the product (or an operator load brought it in already listed). */
    public boolean sponsorConfirmed;
    /** The product's reference price, then its last trade price; 0 when none. */
    private long referencePriceFen;
    // band edges follow the reference price; cached because every order checks them
    private long bandUpperFen;
    private long bandLowerFen;
    public final BookSide bids;
    public final BookSide asks;
    /** In its call auction's phase: orders are collected, nothing trades (docs/matching-rules.md). */
    public boolean inAuction;
    /** The call auction's end time, indicative price and market orders (meaningful while {@link #inAuction}). */
    public final AuctionState auction = new AuctionState();
    /** The defining command, verbatim, to describe the product to late joiners. */
    public byte[] definition;

    /**
     * A product as its (checked) defining command declares it.
     *
     * @param owner   participant index of the owner, -1 for none
     * @param sponsor participant index of the named sponsor, -1 for none
     */
    public Product(
        final int index, final ProductCommandDecoder cmd, final int owner, final int sponsor, final int bookLevelsInitial)
    {
        this.index = index;
        this.id = cmd.productId();
        this.kind = cmd.kind();
        this.grade = cmd.grade();
        this.rights = cmd.rights();
        this.delivery = cmd.delivery();
        this.crossBorderAllowed = cmd.crossBorderRaw() != 0;
        this.personalInfo = cmd.personalInfoRaw() != 0;
        this.tickFen = cmd.tickFen();
        this.lotQty = cmd.lotQty();
        this.bandBps = cmd.bandBps();
        referencePrice(cmd.referencePriceFen());
        this.usagePerLot = cmd.usagePerLot();
        this.termDays = cmd.termDays();
        this.sponsor = sponsor;
        this.owner = owner;
        this.purposes = cmd.purposes();
        this.recordsPerLot = cmd.recordsPerLot();
        this.seatsPerLot = cmd.seatsPerLot();
        this.runsPerSeat = cmd.runsPerSeat();
        this.windowStartNs = cmd.windowStartNs();
        this.windowEndNs = cmd.windowEndNs();
        this.hardware = cmd.hardware();
        this.region = cmd.region();
        this.openingAuction = cmd.openingAuction();
        this.status = cmd.status();
        this.bids = new BookSide(true, bookLevelsInitial);
        this.asks = new BookSide(false, bookLevelsInitial);
    }

    /**
     * The product a registration command defines, with its book, and the command kept verbatim as
     * its {@link #definition}: the one place a command becomes a product, for registration and for
     * a snapshot's restore alike.
     *
     * @param owner   participant index of the owner, -1 for none
     * @param sponsor participant index of the named sponsor, -1 for none
     */
    public static Product define(
        final int index, final ProductCommandDecoder cmd, final int owner, final int sponsor, final int bookLevelsInitial)
    {
        final Product product = new Product(index, cmd, owner, sponsor, bookLevelsInitial);
        final byte[] definition = new byte[cmd.header().length()];
        cmd.buffer().getBytes(cmd.offset(), definition);
        product.definition = definition;
        return product;
    }

    /**
     * The product as a snapshot holds it: its defining command, owner and sponsor (every final field
     * follows from them through {@link #define}), then what changed since: status, the reviewed grade
     * and personal-information flag, reviewer, sponsor confirmation, cross-border approval, reference
     * price, and its call auction's phase (end time, indicative price published). Its book, and an
     * auction's market orders, are written by whoever holds the orders. A new field is written here, and read
     * back in {@link #readSnapshot}.
     */
    public void writeSnapshot(final SnapshotWriter out)
    {
        out.putBytes(definition)
            .putVarInt(owner)
            .putVarInt(sponsor)
            .putByte(status)
            .putByte(grade)
            .putBoolean(personalInfo)
            .putVarInt(reviewer)
            .putBoolean(sponsorConfirmed)
            .putBoolean(crossBorderApproved)
            .putSignedVarLong(referencePriceFen)
            .putBoolean(inAuction);
        if (inAuction)
        {
            out.putSignedVarLong(auction.endsAtNs)
                .putSignedVarLong(auction.indicativePriceFen)
                .putSignedVarLong(auction.indicativeVolume)
                .putSignedVarLong(auction.indicativeSurplus);
        }
    }

    /** The product {@link #writeSnapshot} wrote, with an empty book. */
    public static Product readSnapshot(final SnapshotReader in, final int index, final int bookLevelsInitial)
    {
        final byte[] definition = in.getBytes("product definition", 1 << 16);
        if (definition.length < ProductCommandDecoder.BLOCK_LENGTH)
        {
            throw new CorruptSnapshotException("product " + index + "'s definition is " + definition.length + " bytes");
        }
        final ProductCommandDecoder cmd = Codecs.wrap(new ProductCommandDecoder(), new UnsafeBuffer(definition), 0);
        final int owner = in.getVarInt("owner", -1, Integer.MAX_VALUE);
        final int sponsor = in.getVarInt("sponsor", -1, Integer.MAX_VALUE);
        final Product product = define(index, cmd, owner, sponsor, bookLevelsInitial);
        product.status = in.getByte();
        product.grade = in.getByte();
        product.personalInfo = in.getBoolean();
        product.reviewer = in.getVarInt("reviewer", -1, Integer.MAX_VALUE);
        product.sponsorConfirmed = in.getBoolean();
        product.crossBorderApproved = in.getBoolean();
        product.referencePrice(in.getSignedVarLong("reference price", 0, Long.MAX_VALUE));
        product.inAuction = in.getBoolean();
        if (product.inAuction)
        {
            product.auction.endsAtNs = in.getSignedVarLong("auction end", 0, Long.MAX_VALUE);
            product.auction.indicativePriceFen = in.getSignedVarLong("indicative price", 0, Long.MAX_VALUE);
            product.auction.indicativeVolume = in.getSignedVarLong("indicative volume", 0, Long.MAX_VALUE);
            product.auction.indicativeSurplus = in.getSignedVarLong();
        }
        return product;
    }

    /** Whether the product grants its buyers a right ({@link Codes.Rights}). */
    public boolean grants(final byte right)
    {
        return (rights & right) != 0;
    }

    /**
     * Usage units one lot carries: {@code usagePerLot} for data, seats x runs for an algorithm licensed
     * by the seat; 0 for an unmetered product (and compute).
     */
    public long meteredUnitsPerLot()
    {
        return seatsPerLot > 0 ? seatsPerLot * runsPerSeat : usagePerLot;
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
