package io.databourse.settlement.position;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.databourse.index.IndexBook;
import io.databourse.journal.json.EventJsonWriter.Json;
import io.databourse.settlement.AppendLog;
import io.databourse.settlement.MarkUpdates;
import io.databourse.settlement.ref.Format;
import io.databourse.settlement.ref.ReferenceData;

/**
 * The positions stage's pledges, valued at the marks it posts (docs/indexes.md): collateral =
 * qty x mark x (1 - haircut), floored to the fen; the cover is the collateral value at the marks of
 * the record that registered the pledge; while qty x mark is below the cover the pledge is in margin
 * call, and each start and end of a call is a line of {@value #MARGIN_CALLS_FILE} (exactly once:
 * its committed length travels in the stage's checkpoint).
 */
final class PledgeBook
{
    static final String MARGIN_CALLS_FILE = "margin-calls.jsonl";

    private final ReferenceData ref;
    private final long[] markFen;
    private final byte[] markBasis;
    private final Map<String, Pledge> pledges = new LinkedHashMap<>();
    /** Active pledges per product: a mark change only walks the pledges when there are some. */
    private final int[] activePledges;
    private final StringBuilder line = new StringBuilder(512);
    private AppendLog marginCalls;
    private long committedLength;
    private long lines;
    private boolean registered;
    private long seq;
    private long timeNs;

    /** {@code markFen} and {@code markBasis}: the stage's posted marks, read (never written) here. */
    PledgeBook(final ReferenceData ref, final long[] markFen, final byte[] markBasis)
    {
        this.ref = ref;
        this.markFen = markFen;
        this.markBasis = markBasis;
        activePledges = new int[markFen.length];
    }

    void open(final Path stateDir, final boolean fsync) throws IOException
    {
        marginCalls = new AppendLog(stateDir.resolve(MARGIN_CALLS_FILE), committedLength, 1 << 12, fsync);
    }

    /** The record being applied (its events, then its marks, then {@link #review}). */
    void record(final long seq, final long timeNs)
    {
        this.seq = seq;
        this.timeNs = timeNs;
        registered = false;
    }

    /** Its cover waits for the record's marks ({@link #review}). */
    void onRegistered(final String id, final int lender, final int pledgor, final int product, final long qty,
        final int haircutBps)
    {
        pledges.put(id, new Pledge(id, lender, pledgor, product, qty, haircutBps, true, -1, false));
        activePledges[product]++;
        registered = true;
    }

    void onReleased(final String id)
    {
        final Pledge p = pledges.get(id);
        if (null != p && p.active)
        {
            p.active = false;
            activePledges[p.product]--;
            if (p.marginCall)
            {
                p.marginCall = false;
                marginCallLine(p, "margin_call_cleared", "released");
            }
        }
    }

    /** After the record's marks are posted: covers of new pledges, margin calls started or ended. */
    void review(final MarkUpdates marks)
    {
        if (!registered && 0 == marks.count())
        {
            return;
        }
        for (final Pledge pl : pledges.values())
        {
            if (!pl.active)
            {
                continue;
            }
            if (pl.coverFen < 0)
            {
                pl.coverFen = Collateral.valueFen(pl.qty, markFen[pl.product], pl.haircutBps);
            }
            else if (!changed(marks, pl.product))
            {
                continue;
            }
            final boolean call = Math.multiplyExact(pl.qty, markFen[pl.product]) < pl.coverFen;
            if (call != pl.marginCall)
            {
                pl.marginCall = call;
                marginCallLine(pl, call ? "margin_call" : "margin_call_cleared", call ? null : "mark_recovered");
            }
        }
    }

    private boolean changed(final MarkUpdates marks, final int product)
    {
        if (0 == activePledges[product])
        {
            return false;
        }
        for (int k = 0; k < marks.count(); k++)
        {
            if (marks.product(k) == product)
            {
                return true;
            }
        }
        return false;
    }

    private void marginCallLine(final Pledge pl, final String type, final String reason)
    {
        final long mark = markFen[pl.product];
        final long marketValueFen = Math.multiplyExact(pl.qty, mark);
        final Json j = new Json(line).begin().num("seq", seq).str("time", Format.time(timeNs)).str("type", type);
        if (null != reason)
        {
            j.str("reason", reason);
        }
        j.str("pledge", pl.id).str("lender", ref.participantId(pl.lender)).str("participant", ref.participantId(pl.pledgor))
            .str("product", ref.productId(pl.product)).num("qty", pl.qty).money("mark", mark)
            .str("basis", IndexBook.BASIS_NAMES[markBasis[pl.product]]).money("cover", pl.coverFen)
            .money("coverPrice", coverPriceFen(pl)).money("marketValue", marketValueFen)
            .money("shortfall", Math.max(0, pl.coverFen - marketValueFen)).end();
        line.append('\n');
        try
        {
            marginCalls.append(line);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        line.setLength(0);
        lines++;
    }

    /** The lowest mark at which qty x mark still covers the pledge: ceil(cover / qty). */
    private static long coverPriceFen(final Pledge pl)
    {
        return pl.coverFen <= 0 ? 0 : (pl.coverFen + pl.qty - 1) / pl.qty;
    }

    long lines()
    {
        return lines;
    }

    /** Participant {@code p}'s pledges (as pledgor or lender), in registration order. */
    List<PositionView.Pledge> viewsOf(final int p)
    {
        final List<PositionView.Pledge> views = new ArrayList<>();
        for (final Pledge pl : pledges.values())
        {
            if (pl.pledgor == p || pl.lender == p)
            {
                views.add(view(pl));
            }
        }
        return views;
    }

    /** The collateral value of the active pledges {@code p} gave. */
    long collateralOf(final int p)
    {
        long collateralFen = 0;
        for (final Pledge pl : pledges.values())
        {
            if (pl.active && pl.pledgor == p)
            {
                collateralFen = Math.addExact(collateralFen,
                    Collateral.valueFen(pl.qty, markFen[pl.product], pl.haircutBps));
            }
        }
        return collateralFen;
    }

    /** Every pledge, registration order. */
    List<PositionView.Pledge> views()
    {
        final List<PositionView.Pledge> all = new ArrayList<>();
        for (final Pledge pl : pledges.values())
        {
            all.add(view(pl));
        }
        return all;
    }

    private PositionView.Pledge view(final Pledge pl)
    {
        final long priceFen = markFen[pl.product];
        return new PositionView.Pledge(pl.id, ref.participantId(pl.lender), ref.participantId(pl.pledgor),
            ref.productId(pl.product), pl.qty, pl.haircutBps, priceFen, IndexBook.BASIS_NAMES[markBasis[pl.product]],
            Collateral.valueFen(pl.qty, priceFen, pl.haircutBps), Math.max(0, pl.coverFen), coverPriceFen(pl),
            Math.multiplyExact(pl.qty, priceFen), pl.marginCall, pl.active);
    }

    void flush() throws IOException
    {
        marginCalls.flush();
    }

    void close() throws IOException
    {
        if (null != marginCalls)
        {
            marginCalls.close();
        }
    }

    void writeSnapshot(final DataOutput out) throws IOException
    {
        out.writeLong(marginCalls.length());
        out.writeLong(lines);
        out.writeInt(pledges.size());
        for (final Pledge pl : pledges.values())
        {
            out.writeUTF(pl.id);
            out.writeInt(pl.lender);
            out.writeInt(pl.pledgor);
            out.writeInt(pl.product);
            out.writeLong(pl.qty);
            out.writeInt(pl.haircutBps);
            out.writeBoolean(pl.active);
            out.writeLong(pl.coverFen);
            out.writeBoolean(pl.marginCall);
        }
    }

    void readSnapshot(final DataInput in) throws IOException
    {
        committedLength = in.readLong();
        lines = in.readLong();
        pledges.clear();
        java.util.Arrays.fill(activePledges, 0);
        final int m = in.readInt();
        for (int k = 0; k < m; k++)
        {
            final Pledge pl = new Pledge(in.readUTF(), in.readInt(), in.readInt(), in.readInt(), in.readLong(),
                in.readInt(), in.readBoolean(), in.readLong(), in.readBoolean());
            pledges.put(pl.id, pl);
            if (pl.active)
            {
                activePledges[pl.product]++;
            }
        }
    }

    private static final class Pledge
    {
        final String id;
        final int lender;
        final int pledgor;
        final int product;
        final long qty;
        final int haircutBps;
        boolean active;
        /** Collateral value at registration, fen; -1 until the marks of its record are posted. */
        long coverFen;
        boolean marginCall;

        Pledge(final String id, final int lender, final int pledgor, final int product, final long qty,
            final int haircutBps, final boolean active, final long coverFen, final boolean marginCall)
        {
            this.id = id;
            this.lender = lender;
            this.pledgor = pledgor;
            this.product = product;
            this.qty = qty;
            this.haircutBps = haircutBps;
            this.active = active;
            this.coverFen = coverFen;
            this.marginCall = marginCall;
        }
    }
}
