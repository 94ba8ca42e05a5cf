package io.databourse.settlement.entitlement;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import io.databourse.journal.sbe.EntitlementDrawnEventDecoder;
import io.databourse.journal.sbe.EntitlementEventDecoder;
import io.databourse.journal.sbe.RejectedEventDecoder;
import io.databourse.journal.sbe.UsageCommandDecoder;
import io.databourse.journal.sbe.UsageEventDecoder;
import io.databourse.journal.schema.Codecs;
import io.databourse.journal.schema.JournalRecord;
import io.databourse.journal.schema.MessageType;
import io.databourse.journal.schema.RejectReason;
import io.databourse.settlement.ref.ReferenceData;
import org.agrona.DirectBuffer;
import org.agrona.collections.IntArrayList;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * Entitlements the matcher granted, drawn down as the matcher drew them: a pure state machine posting
 * what the journal's events say, never choosing. Each {@code entitlement_granted} event is one
 * entitlement, with the units, expiry, rights, purpose and seats the matcher decided. Each
 * {@code entitlement_drawn} event takes its units off the holder's entitlements of exactly its
 * expiry and purpose (which of several such entitlements gives them is bookkeeping, not a rule:
 * earliest granted first). The draws of a record are closed by the event they make up, and the book
 * asserts that they do: a usage report ({@code usage_recorded}) is the units drawn, and leaves the
 * remaining units the matcher says; a resale's {@code entitlement_granted} hands on exactly what was
 * just drawn from the reseller, of its expiry. A disagreement fails the stage
 * ({@link EntitlementException}). Refused usage reports are recorded with their reason. Capacity is
 * fixed at construction ({@code entitlementsMax}); exceeding it fails loudly.
 */
public final class EntitlementBook
{
    /** Expiry of an entitlement without a term. */
    public static final long NEVER_NS = Long.MAX_VALUE;
    /** Marks this book's snapshot format: a checkpoint of an earlier format is refused by name. */
    static final int SNAPSHOT_FORMAT = 0x454E5433; // "ENT3": draws posted from the matcher's events
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
    private long resoldUnits;
    private long lastTimeNs;
    /** The draws posted since the last event they made up: whose, of which trade, how many, of which expiry. */
    private final Draws draws = new Draws();

    private final EntitlementEventDecoder entitlementEvent = new EntitlementEventDecoder();
    private final UsageEventDecoder usageEvent = new UsageEventDecoder();
    private final EntitlementDrawnEventDecoder drawnEvent = new EntitlementDrawnEventDecoder();
    private final RejectedEventDecoder rejected = new RejectedEventDecoder();
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
        if (draws.units > 0 && draws.seq != record.seq())
        {
            throw new EntitlementException("record " + draws.seq + " drew " + draws.units +
                " entitlement units that no usage report or resale in it made up");
        }
        switch (type)
        {
            case MessageType.ENTITLEMENT_DRAWN:
                Codecs.wrap(drawnEvent, buffer, offset);
                drawn(drawnEvent, record.seq(), timeNs);
                break;
            case MessageType.ENTITLEMENT_GRANTED:
                Codecs.wrap(entitlementEvent, buffer, offset);
                grant(entitlementEvent, record.seq(), timeNs);
                break;
            case MessageType.USAGE_RECORDED:
                Codecs.wrap(usageEvent, buffer, offset);
                usage(usageEvent, record.seq(), timeNs);
                break;
            case MessageType.REJECTED:
                Codecs.wrap(rejected, buffer, offset);
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

    private void grant(final EntitlementEventDecoder event, final long seq, final long timeNs)
    {
        if (count == entitlementsMax)
        {
            throw new IllegalStateException("entitlement capacity " + entitlementsMax + " reached");
        }
        final int buyer = ref.checkParticipant(event.participant());
        final int productIndex = ref.checkProduct(event.product());
        if (event.fromParticipant() >= 0)
        {
            // a resale hands on what was just drawn from the reseller, of this expiry: no more, no less
            final int seller = ref.checkParticipant(event.fromParticipant());
            if (!draws.made(seller, productIndex, event.tradeId(), event.units(), event.expiryNs()))
            {
                throw new EntitlementException("record " + seq + ": trade " + event.tradeId() + " hands on " +
                    event.units() + " units of " + ref.productId(productIndex) + " expiring " + event.expiryNs() +
                    " from " + ref.participantId(seller) + ", but drew " + draws);
            }
            resoldUnits += event.units();
        }
        else if (draws.units > 0)
        {
            throw new EntitlementException("record " + seq + ": a fresh grant after draws no event made up: " + draws);
        }
        draws.clear();
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

    /**
     * Posts a draw: its units leave the holder's unexpired entitlements of the product with exactly its
     * expiry and purpose (earliest granted first, where several have them). The holder must have them.
     */
    private void drawn(final EntitlementDrawnEventDecoder event, final long seq, final long timeNs)
    {
        final int p = ref.checkParticipant(event.participant());
        final int i = ref.checkProduct(event.product());
        final long wanted = event.units();
        if (wanted <= 0 || event.expiryNs() <= timeNs)
        {
            throw new EntitlementException("record " + seq + ": a draw of " + wanted + " units expiring " +
                event.expiryNs() + " at " + timeNs);
        }
        if (!draws.add(p, i, event.tradeId(), wanted, event.expiryNs(), seq))
        {
            throw new EntitlementException("record " + seq + ": a draw from " + ref.participantId(p) + " of " +
                ref.productId(i) + " for trade " + event.tradeId() + " among draws " + draws);
        }
        final IntArrayList list = byHolder.get(key(p, i));
        long left = wanted;
        for (int k = 0; null != list && k < list.size() && left > 0; k++)
        {
            final int e = list.getInt(k);
            if (expiresNs[e] == event.expiryNs() && purpose[e] == event.purpose())
            {
                final long taken = Math.min(left, remaining[e]);
                remaining[e] -= taken;
                left -= taken;
            }
        }
        if (left != 0)
        {
            throw new EntitlementException("record " + seq + ": " + ref.participantId(p) + " holds " + (wanted - left) +
                " units of " + ref.productId(i) + " expiring " + event.expiryNs() + " for purpose " + event.purpose() +
                ", the matcher drew " + wanted);
        }
    }

    /** A usage report: the units just drawn, leaving what the matcher says is left for its purpose. */
    private void usage(final UsageEventDecoder event, final long seq, final long timeNs)
    {
        final int p = ref.checkParticipant(event.participant());
        final int i = ref.checkProduct(event.product());
        if (!draws.made(p, i, 0, event.units(), Draws.ANY_EXPIRY))
        {
            throw new EntitlementException("record " + seq + ": usage " + event.usageId() + " reports " + event.units() +
                " units of " + ref.productId(i) + " by " + ref.participantId(p) + ", but drew " + draws);
        }
        draws.clear();
        final long left = remainingUnits(p, i, timeNs, event.purpose());
        if (left != event.remainingUnits())
        {
            throw new EntitlementException("record " + seq + ": usage " + event.usageId() + " leaves " +
                event.remainingUnits() + " units by the matcher, " + left + " by the book");
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
        if (draws.units > 0)
        {
            throw new IllegalStateException("draws no event made up: " + draws);
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
        out.writeLong(resoldUnits);
        out.writeLong(lastTimeNs);
    }

    public void readSnapshot(final DataInput in) throws IOException
    {
        final int format = in.readInt();
        if (SNAPSHOT_FORMAT != format)
        {
            throw new IOException("entitlement checkpoint of another format (" + Integer.toHexString(format) +
                "), written before the book posted the matcher's draws: settle the journal again into a fresh state directory");
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
        resoldUnits = in.readLong();
        lastTimeNs = in.readLong();
    }

    /**
     * The draws of one record not yet made up by the event they belong to: all from one holder, of one
     * product, for one trade (0: a usage report); their units, and their expiry when they share one.
     * Empty between records (a checkpoint is taken between records, so it holds none).
     */
    private static final class Draws
    {
        static final long ANY_EXPIRY = -1;
        private static final long MIXED = -2;
        int participant;
        int product;
        long tradeId;
        long units;
        long expiryNs;
        long seq;

        /** Counts a draw in; false when it belongs to another holder, product or trade than those before it. */
        boolean add(final int p, final int i, final long trade, final long drawUnits, final long expiry, final long atSeq)
        {
            if (units == 0)
            {
                participant = p;
                product = i;
                tradeId = trade;
                expiryNs = expiry;
                seq = atSeq;
            }
            else if (participant != p || product != i || tradeId != trade || seq != atSeq)
            {
                return false;
            }
            else if (expiryNs != expiry)
            {
                expiryNs = MIXED;
            }
            units = Math.addExact(units, drawUnits);
            return true;
        }

        /** Whether the draws are exactly {@code total} units from this holder, product and trade (and expiry, unless any). */
        boolean made(final int p, final int i, final long trade, final long total, final long expiry)
        {
            return units == total && participant == p && product == i && tradeId == trade &&
                (expiry == ANY_EXPIRY || expiryNs == expiry);
        }

        void clear()
        {
            units = 0;
        }

        @Override
        public String toString()
        {
            return units == 0 ? "nothing" : units + " units (participant " + participant + ", product " + product +
                ", trade " + tradeId + ", expiry " + (expiryNs == MIXED ? "several" : Long.toString(expiryNs)) + ")";
        }
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
