package io.databourse.settlement.entitlement;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import io.databourse.journal.sbe.UsageCommandDecoder;
import io.databourse.journal.sbe.UsageEventDecoder;
import io.databourse.journal.schema.Codecs;
import io.databourse.journal.schema.EntitlementEvent;
import io.databourse.journal.schema.JournalRecord;
import io.databourse.journal.schema.MessageType;
import io.databourse.journal.schema.RejectReason;
import io.databourse.journal.schema.RejectedEvent;
import io.databourse.settlement.ref.ReferenceData;
import org.agrona.DirectBuffer;
import org.agrona.collections.IntArrayList;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * Entitlements the matcher granted, drawn down by recorded usage: a pure state machine posting
 * what the journal's events say, never re-deriving it. Each {@code entitlement_granted} event is
 * one entitlement, with the units, expiry, rights, purpose and seats the matcher decided; when it
 * hands on a reseller's units ({@code fromParticipant}), the same units leave the reseller's
 * entitlements of that expiry (earliest granted first), so a right is never used twice. Usage
 * ({@code usage_recorded}) draws the participant's unexpired entitlements of the product for the
 * report's purpose, earliest-expiring first (ties: earliest granted), as the matcher does; a
 * difference between the matcher's remaining units and ours is counted, not fatal. Refused usage
 * reports are recorded with their reason. Capacity is fixed at construction ({@code entitlementsMax});
 * exceeding it fails loudly.
 */
public final class EntitlementBook
{
    /** Expiry of an entitlement without a term. */
    public static final long NEVER_NS = Long.MAX_VALUE;
    /** Marks this book's snapshot format: a checkpoint of an earlier format is refused by name. */
    static final int SNAPSHOT_FORMAT = 0x454E5432; // "ENT2"
    private static final int ANY_PURPOSE = -1;

    private final ReferenceData ref;
    private final int entitlementsMax;
    private final int[] participant;
    private final int[] product;
    private final long[] tradeId;
    private final long[] units;
    private final long[] remaining;
    private final long[] grantedNs;
    private final long[] expiresNs;
    private final byte[] rights;
    private final byte[] purpose;
    private final int[] from;
    private final long[] seats;
    private int count;
    /** (participant << 32 | product) -> indexes of its entitlements, in grant order. */
    private final Long2ObjectHashMap<IntArrayList> byHolder = new Long2ObjectHashMap<>();
    private final List<UsageRecord> usage = new ArrayList<>();
    private long usageMismatches;
    private long resoldUnits;
    private long lastTimeNs;

    private final EntitlementEvent entitlementEvent = new EntitlementEvent();
    private final UsageEventDecoder usageEvent = new UsageEventDecoder();
    private final RejectedEvent rejected = new RejectedEvent();
    private final UsageCommandDecoder usageCommand = new UsageCommandDecoder();

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
        rights = new byte[entitlementsMax];
        purpose = new byte[entitlementsMax];
        from = new int[entitlementsMax];
        seats = new long[entitlementsMax];
    }

    public void onEvent(
        final JournalRecord record, final int type, final DirectBuffer buffer, final int offset)
    {
        final long timeNs = record.timeNs();
        lastTimeNs = Math.max(lastTimeNs, timeNs);
        switch (type)
        {
            case MessageType.ENTITLEMENT_GRANTED:
                entitlementEvent.wrap(buffer, offset);
                grant(entitlementEvent, timeNs);
                break;
            case MessageType.USAGE_RECORDED:
                Codecs.wrap(usageEvent, buffer, offset);
                draw(usageEvent, timeNs);
                break;
            case MessageType.REJECTED:
                rejected.wrap(buffer, offset);
                if (MessageType.USAGE == rejected.commandType() && MessageType.USAGE == record.commandType())
                {
                    Codecs.wrap(usageCommand, record.buffer(), record.commandOffset());
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

    private void grant(final EntitlementEvent event, final long timeNs)
    {
        if (count == entitlementsMax)
        {
            throw new IllegalStateException("entitlement capacity " + entitlementsMax + " reached");
        }
        final int buyer = ref.checkParticipant(event.participant());
        final int productIndex = ref.checkProduct(event.product());
        if (event.fromParticipant() >= 0)
        {
            // a resale hands on the reseller's units of this expiry: they leave its entitlements
            final int seller = ref.checkParticipant(event.fromParticipant());
            final long taken = drawExpiringAt(seller, productIndex, event.units(), event.expiryNs(), timeNs);
            resoldUnits += taken;
            if (taken != event.units())
            {
                usageMismatches++;
            }
        }
        final int e = count++;
        participant[e] = buyer;
        product[e] = productIndex;
        tradeId[e] = event.tradeId();
        units[e] = event.units();
        remaining[e] = event.units();
        grantedNs[e] = timeNs;
        expiresNs[e] = event.expiryNs();
        rights[e] = event.rights();
        purpose[e] = event.purpose();
        from[e] = event.fromParticipant();
        seats[e] = event.seats();
        byHolder.computeIfAbsent(key(buyer, productIndex), k -> new IntArrayList()).addInt(e);
    }

    /** Takes up to {@code units} from the participant's entitlements of the product expiring at {@code expiry}. */
    private long drawExpiringAt(final int p, final int i, final long wanted, final long expiry, final long timeNs)
    {
        final IntArrayList list = byHolder.get(key(p, i));
        long left = wanted;
        for (int k = 0; null != list && k < list.size() && left > 0; k++)
        {
            final int e = list.getInt(k);
            if (expiresNs[e] == expiry && expiry > timeNs)
            {
                final long taken = Math.min(left, remaining[e]);
                remaining[e] -= taken;
                left -= taken;
            }
        }
        return wanted - left;
    }

    /**
     * Takes up to {@code units} from the participant's unexpired entitlements of the product,
     * earliest-expiring first (ties: earliest granted); returns the units taken.
     */
    private long drawEarliestExpiring(final int p, final int i, final long units, final long timeNs, final int forPurpose)
    {
        long toDraw = units;
        final IntArrayList list = byHolder.get(key(p, i));
        while (toDraw > 0 && null != list)
        {
            int best = -1;
            for (int k = 0; k < list.size(); k++)
            {
                final int e = list.getInt(k);
                if (remaining[e] > 0 && expiresNs[e] > timeNs && (forPurpose < 0 || purpose[e] == forPurpose) &&
                    (best < 0 || expiresNs[e] < expiresNs[best]))
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

    private void draw(final UsageEventDecoder event, final long timeNs)
    {
        final int p = ref.checkParticipant(event.participant());
        final int i = ref.checkProduct(event.product());
        final long drawn = drawEarliestExpiring(p, i, event.units(), timeNs, event.purpose());
        final long left = remainingUnits(p, i, timeNs, event.purpose());
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
        return remainingUnits(p, i, timeNs, ANY_PURPOSE);
    }

    /** Units left on the participant's entitlements of the product bought for a purpose (-1: any), unexpired at {@code timeNs}. */
    public long remainingUnits(final int p, final int i, final long timeNs, final int forPurpose)
    {
        final IntArrayList list = byHolder.get(key(p, i));
        long sum = 0;
        if (null != list)
        {
            for (int k = 0; k < list.size(); k++)
            {
                final int e = list.getInt(k);
                if (expiresNs[e] > timeNs && (forPurpose < 0 || purpose[e] == forPurpose))
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

    public byte rights(final int e)
    {
        return rights[e];
    }

    public byte purpose(final int e)
    {
        return purpose[e];
    }

    /** The reseller whose units this entitlement was, or -1 for a primary sale. */
    public int from(final int e)
    {
        return from[e];
    }

    public long seats(final int e)
    {
        return seats[e];
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
        out.writeInt(SNAPSHOT_FORMAT);
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
            out.writeByte(rights[e]);
            out.writeByte(purpose[e]);
            out.writeInt(from[e]);
            out.writeLong(seats[e]);
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
        final int format = in.readInt();
        if (SNAPSHOT_FORMAT != format)
        {
            throw new IOException("entitlement checkpoint of another format (" + Integer.toHexString(format) +
                "), written before entitlements carried rights and purposes: settle the journal again into a fresh state directory");
        }
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
            rights[e] = in.readByte();
            purpose[e] = in.readByte();
            from[e] = in.readInt();
            seats[e] = in.readLong();
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
