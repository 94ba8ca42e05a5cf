package io.databourse.settlement.entitlement;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import io.databourse.journal.schema.Codes;
import io.databourse.journal.schema.JournalRecord;
import io.databourse.journal.schema.MessageType;
import io.databourse.journal.schema.RejectReason;
import io.databourse.journal.schema.RejectedEvent;
import io.databourse.journal.schema.TradeEvent;
import io.databourse.journal.schema.UsageCommand;
import io.databourse.journal.schema.UsageEvent;
import io.databourse.settlement.ref.ReferenceData;
import org.agrona.DirectBuffer;
import org.agrona.collections.IntArrayList;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * Entitlements granted by buy fills of data and algorithm products, drawn down by recorded usage.
 * Pure state machine over journal events. A fill grants (qty / lot) x usagePerLot units expiring
 * termDays after the trade (termDays 0: never); usage draws the buyer's unexpired entitlements of
 * the product earliest-expiring first (ties: earliest granted), as the matcher does. Refused usage
 * reports (REJECTED for a usage command) are recorded with their reason. The matcher is the
 * authority on usage: a difference between its remaining units and ours is counted, not fatal.
 * When the seller of a fill holds entitlements to the product (a resale of bought units), the units
 * sold leave the seller's unexpired entitlements, earliest-expiring first, so a right is never used
 * twice. Capacity is fixed at construction ({@code entitlementsMax}); exceeding it fails loudly.
 */
public final class EntitlementBook
{
    /** Expiry of an entitlement without a term. */
    public static final long NEVER_NS = Long.MAX_VALUE;
    private static final long DAY_NS = 86_400_000_000_000L;

    private final ReferenceData ref;
    private final int entitlementsMax;
    private final int[] participant;
    private final int[] product;
    private final long[] tradeId;
    private final long[] units;
    private final long[] remaining;
    private final long[] grantedNs;
    private final long[] expiresNs;
    private int count;
    /** (participant << 32 | product) -> indexes of its entitlements, in grant order. */
    private final Long2ObjectHashMap<IntArrayList> byHolder = new Long2ObjectHashMap<>();
    private final List<UsageRecord> usage = new ArrayList<>();
    private long usageMismatches;
    private long resoldUnits;
    private long lastTimeNs;

    private final TradeEvent trade = new TradeEvent();
    private final UsageEvent usageEvent = new UsageEvent();
    private final RejectedEvent rejected = new RejectedEvent();
    private final UsageCommand usageCommand = new UsageCommand();

    public EntitlementBook(final ReferenceData ref, final int entitlementsMax)
    {
        this.ref = ref;
        this.entitlementsMax = entitlementsMax;
        participant = new int[entitlementsMax];
        product = new int[entitlementsMax];
        tradeId = new long[entitlementsMax];
        units = new long[entitlementsMax];
        remaining = new long[entitlementsMax];
        grantedNs = new long[entitlementsMax];
        expiresNs = new long[entitlementsMax];
    }

    public void onEvent(
        final JournalRecord record, final int type, final DirectBuffer buffer, final int offset)
    {
        final long timeNs = record.timeNs();
        lastTimeNs = Math.max(lastTimeNs, timeNs);
        switch (type)
        {
            case MessageType.TRADE:
                trade.wrap(buffer, offset);
                final int i = ref.checkProduct(trade.product());
                if (Codes.ProductKind.COMPUTE != ref.kind(i))
                {
                    // A resale hands bought rights on: the seller's unused units leave with the sale.
                    resoldUnits += drawEarliestExpiring(
                        ref.checkParticipant(trade.seller()), i, grantedUnits(trade.qty(), i), timeNs);
                    grant(trade, i, timeNs);
                }
                break;
            case MessageType.USAGE_RECORDED:
                usageEvent.wrap(buffer, offset);
                draw(usageEvent, timeNs);
                break;
            case MessageType.REJECTED:
                rejected.wrap(buffer, offset);
                if (MessageType.USAGE == rejected.commandType() && MessageType.USAGE == record.commandType())
                {
                    usageCommand.wrap(record.buffer(), record.commandOffset());
                    final RejectReason reason = RejectReason.ofCode(rejected.reason());
                    // The reject echoes the report's id; fall back to the command's own when it does not.
                    final String rejectedId = rejected.clOrdId();
                    addUsage(new UsageRecord(
                        rejectedId.isEmpty() ? usageCommand.usageId() : rejectedId, usageCommand.participantId(), usageCommand.productId(),
                        usageCommand.reporter(), usageCommand.units(), -1, timeNs,
                        null == reason ? "unknown(" + rejected.reason() + ")" : reason.name()));
                }
                break;
            default:
                break;
        }
    }

    private void grant(final TradeEvent trade, final int productIndex, final long timeNs)
    {
        if (count == entitlementsMax)
        {
            throw new IllegalStateException("entitlement capacity " + entitlementsMax + " reached");
        }
        final int buyer = ref.checkParticipant(trade.buyer());
        final long granted = grantedUnits(trade.qty(), productIndex);
        final int termDays = ref.termDays(productIndex);
        final int e = count++;
        participant[e] = buyer;
        product[e] = productIndex;
        tradeId[e] = trade.tradeId();
        units[e] = granted;
        remaining[e] = granted;
        grantedNs[e] = timeNs;
        expiresNs[e] = termDays <= 0 ? NEVER_NS : Math.addExact(timeNs, Math.multiplyExact(termDays, DAY_NS));
        byHolder.computeIfAbsent(key(buyer, productIndex), k -> new IntArrayList()).addInt(e);
    }

    /** (qty / lot) x usagePerLot: the usage units a quantity of the product carries. */
    private long grantedUnits(final long qty, final int productIndex)
    {
        final long lot = Math.max(1, ref.lotQty(productIndex));
        return Math.multiplyExact(qty / lot, ref.usagePerLot(productIndex));
    }

    /**
     * Takes up to {@code units} from the participant's unexpired entitlements of the product,
     * earliest-expiring first (ties: earliest granted); returns the units taken.
     */
    private long drawEarliestExpiring(final int p, final int i, final long units, final long timeNs)
    {
        long toDraw = units;
        final IntArrayList list = byHolder.get(key(p, i));
        while (toDraw > 0 && null != list)
        {
            int best = -1;
            for (int k = 0; k < list.size(); k++)
            {
                final int e = list.getInt(k);
                if (remaining[e] > 0 && expiresNs[e] > timeNs && (best < 0 || expiresNs[e] < expiresNs[best]))
                {
                    best = e;
                }
            }
            if (best < 0)
            {
                break;
            }
            final long taken = Math.min(toDraw, remaining[best]);
            remaining[best] -= taken;
            toDraw -= taken;
        }
        return units - toDraw;
    }

    private void draw(final UsageEvent event, final long timeNs)
    {
        final int p = ref.checkParticipant(event.participant());
        final int i = ref.checkProduct(event.product());
        final long drawn = drawEarliestExpiring(p, i, event.units(), timeNs);
        final long left = remainingUnits(p, i, timeNs);
        if (drawn != event.units() || left != event.remainingUnits())
        {
            usageMismatches++;
        }
        addUsage(new UsageRecord(
            event.usageId(), ref.participantId(p), ref.productId(i), ref.participantId(event.reporter()),
            event.units(), left, timeNs, null));
    }

    private void addUsage(final UsageRecord record)
    {
        if (usage.size() >= entitlementsMax)
        {
            throw new IllegalStateException("usage record capacity " + entitlementsMax + " reached");
        }
        usage.add(record);
    }

    /** Units left on the participant's entitlements of the product unexpired at {@code timeNs}. */
    public long remainingUnits(final int p, final int i, final long timeNs)
    {
        final IntArrayList list = byHolder.get(key(p, i));
        long sum = 0;
        if (null != list)
        {
            for (int k = 0; k < list.size(); k++)
            {
                final int e = list.getInt(k);
                if (expiresNs[e] > timeNs)
                {
                    sum += remaining[e];
                }
            }
        }
        return sum;
    }

    /**
     * The earliest expiry among the participant's entitlements of the product that are unexpired at
     * {@code timeNs} and have units left; {@link #NEVER_NS} when none expires (or none is left).
     */
    public long nextExpiryNs(final int p, final int i, final long timeNs)
    {
        final IntArrayList list = byHolder.get(key(p, i));
        long earliest = NEVER_NS;
        if (null != list)
        {
            for (int k = 0; k < list.size(); k++)
            {
                final int e = list.getInt(k);
                if (expiresNs[e] > timeNs && remaining[e] > 0)
                {
                    earliest = Math.min(earliest, expiresNs[e]);
                }
            }
        }
        return earliest;
    }

    private static long key(final int p, final int i)
    {
        return ((long)p << 32) | (i & 0xFFFF_FFFFL);
    }

    public int count()
    {
        return count;
    }

    public int participant(final int e)
    {
        return participant[e];
    }

    public int product(final int e)
    {
        return product[e];
    }

    public long tradeId(final int e)
    {
        return tradeId[e];
    }

    public long units(final int e)
    {
        return units[e];
    }

    public long remaining(final int e)
    {
        return remaining[e];
    }

    public long grantedNs(final int e)
    {
        return grantedNs[e];
    }

    public long expiresNs(final int e)
    {
        return expiresNs[e];
    }

    /** Time of the latest record seen: "expired" in outputs is relative to it. */
    public long lastTimeNs()
    {
        return lastTimeNs;
    }

    public List<UsageRecord> usage()
    {
        return usage;
    }

    public long usageMismatches()
    {
        return usageMismatches;
    }

    /** Usage units that left sellers' entitlements with resales. */
    public long resoldUnits()
    {
        return resoldUnits;
    }

    public void checkInvariants()
    {
        for (int e = 0; e < count; e++)
        {
            if (remaining[e] < 0 || remaining[e] > units[e])
            {
                throw new IllegalStateException("entitlement " + e + " remaining " + remaining[e] + " of " + units[e]);
            }
        }
    }

    public void writeSnapshot(final DataOutput out) throws IOException
    {
        out.writeInt(count);
        for (int e = 0; e < count; e++)
        {
            out.writeInt(participant[e]);
            out.writeInt(product[e]);
            out.writeLong(tradeId[e]);
            out.writeLong(units[e]);
            out.writeLong(remaining[e]);
            out.writeLong(grantedNs[e]);
            out.writeLong(expiresNs[e]);
        }
        out.writeInt(usage.size());
        for (final UsageRecord u : usage)
        {
            u.write(out);
        }
        out.writeLong(usageMismatches);
        out.writeLong(resoldUnits);
        out.writeLong(lastTimeNs);
    }

    public void readSnapshot(final DataInput in) throws IOException
    {
        count = in.readInt();
        if (count < 0 || count > entitlementsMax)
        {
            throw new IOException("snapshot holds " + count + " entitlements, limit " + entitlementsMax);
        }
        byHolder.clear();
        for (int e = 0; e < count; e++)
        {
            participant[e] = in.readInt();
            product[e] = in.readInt();
            tradeId[e] = in.readLong();
            units[e] = in.readLong();
            remaining[e] = in.readLong();
            grantedNs[e] = in.readLong();
            expiresNs[e] = in.readLong();
            byHolder.computeIfAbsent(key(participant[e], product[e]), k -> new IntArrayList()).addInt(e);
        }
        usage.clear();
        final int n = in.readInt();
        if (n < 0 || n > entitlementsMax)
        {
            throw new IOException("snapshot holds " + n + " usage records");
        }
        for (int k = 0; k < n; k++)
        {
            usage.add(UsageRecord.read(in));
        }
        usageMismatches = in.readLong();
        resoldUnits = in.readLong();
        lastTimeNs = in.readLong();
    }

    /** A usage report: recorded (refusal null, remaining after) or refused (remaining -1, refusal = reason). */
    public record UsageRecord(
        String usageId, String participant, String product, String reporter, long units, long remaining,
        long timeNs, String refusal)
    {
        void write(final DataOutput out) throws IOException
        {
            out.writeUTF(usageId);
            out.writeUTF(participant);
            out.writeUTF(product);
            out.writeUTF(reporter);
            out.writeLong(units);
            out.writeLong(remaining);
            out.writeLong(timeNs);
            out.writeUTF(null == refusal ? "" : refusal);
        }

        static UsageRecord read(final DataInput in) throws IOException
        {
            final String usageId = in.readUTF();
            final String participant = in.readUTF();
            final String product = in.readUTF();
            final String reporter = in.readUTF();
            final long units = in.readLong();
            final long remaining = in.readLong();
            final long timeNs = in.readLong();
            final String refusal = in.readUTF();
            return new UsageRecord(
                usageId, participant, product, reporter, units, remaining, timeNs, refusal.isEmpty() ? null : refusal);
        }
    }
}
