package io.databourse.surveillance.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

import io.databourse.surveillance.SurveillanceSetting;
import io.databourse.surveillance.alert.AlertType;
import io.databourse.surveillance.alert.Severity;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.LongHashSet;

/**
 * Concentration: a participant's net bought units of a product (bought minus sold, never below
 * zero: a supplier's own inventory is not a position it took) exceed {@code concentration.percent}
 * of the units issued (inventory added; node-hours registered for a compute window), for a
 * product with at least {@code concentration.units.min} issued. One alert when the share crosses
 * the threshold; it re-arms once the share is back at or under it.
 */
final class ConcentrationDetector
{
    private final Detection d;
    private final long percent;
    private final long unitsMin;
    private final Long2LongHashMap netBought = new Long2LongHashMap(0);
    private final LongHashSet above = new LongHashSet();

    ConcentrationDetector(final Detection d)
    {
        this.d = d;
        this.percent = d.ctx.get(SurveillanceSetting.CONCENTRATION_PERCENT);
        this.unitsMin = d.ctx.get(SurveillanceSetting.CONCENTRATION_UNITS_MIN);
    }

    void onTrade(final long n)
    {
        final int product = d.trades.product(n);
        final int buyer = d.trades.buyer(n);
        final int seller = d.trades.seller(n);
        final long qty = d.trades.qty(n);
        if (buyer == seller)
        {
            return;
        }
        final long issued = d.directory.issuedUnits(product);
        final long sellerKey = RecentTrades.sideKey(product, seller);
        final long sellerNet = Math.max(0, netBought.get(sellerKey) - qty);
        if (0 == sellerNet)
        {
            netBought.remove(sellerKey);
        }
        else
        {
            netBought.put(sellerKey, sellerNet);
        }
        if (!exceeds(sellerNet, issued))
        {
            above.remove(sellerKey);
        }
        final long buyerKey = RecentTrades.sideKey(product, buyer);
        final long buyerNet = Math.addExact(netBought.get(buyerKey), qty);
        netBought.put(buyerKey, buyerNet);
        if (issued >= unitsMin && exceeds(buyerNet, issued) && above.add(buyerKey))
        {
            final long shareBps = Texts.bps(buyerNet, issued);
            d.raiser.begin(AlertType.CONCENTRATION, shareBps >= 2 * percent * 100 ? Severity.HIGH : Severity.MEDIUM)
                .participant(buyer).trade(n)
                .raise(d.directory.participantId(buyer) + " now holds " + Texts.percent(shareBps) + " of " +
                    d.directory.productId(product) + " (" + buyerNet + " of " + issued + " " +
                    (d.directory.isCompute(product) ? "node-hours" : "units") + " issued) after buying " + qty +
                    " from " + d.directory.participantId(seller) + " at " + Texts.yuan(d.trades.priceFen(n)) +
                    "; the threshold is " + percent + " %.");
        }
    }

    private boolean exceeds(final long units, final long issued)
    {
        return issued > 0 && Math.multiplyExact(units, 100L) > Math.multiplyExact(percent, issued);
    }

    void writeSnapshot(final DataOutput out) throws IOException
    {
        final long[] keys = sortedKeys();
        out.writeInt(keys.length);
        for (final long k : keys)
        {
            out.writeLong(k);
            out.writeLong(netBought.get(k));
            out.writeBoolean(above.contains(k));
        }
    }

    private long[] sortedKeys()
    {
        final long[] keys = new long[netBought.size()];
        final int[] at = {0};
        netBought.forEachLong((k, v) -> keys[at[0]++] = k);
        java.util.Arrays.sort(keys);
        return keys;
    }

    void readSnapshot(final DataInput in) throws IOException
    {
        final int n = in.readInt();
        if (n < 0)
        {
            throw new IOException("snapshot holds " + n + " positions");
        }
        for (int i = 0; i < n; i++)
        {
            final long k = in.readLong();
            netBought.put(k, in.readLong());
            if (in.readBoolean())
            {
                above.add(k);
            }
        }
    }
}
