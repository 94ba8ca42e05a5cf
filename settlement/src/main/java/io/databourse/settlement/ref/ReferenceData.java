package io.databourse.settlement.ref;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

import io.databourse.journal.sbe.ParticipantCommandDecoder;
import io.databourse.journal.sbe.ProductCommandDecoder;
import io.databourse.journal.sbe.ReferenceDataEventDecoder;
import io.databourse.journal.schema.Codecs;
import io.databourse.journal.schema.MessageType;
import io.databourse.journal.schema.ReferenceDataTail;
import org.agrona.DirectBuffer;

/**
 * What a settlement stage knows about participants and products, learned from the journal alone
 * (reference-data events embed the defining command). No fee rate, price band or last price: the
 * amounts they decide are the matcher's, carried on its events (fees, reservations), and settlement
 * posts them rather than deriving them again. Each stage owns one, on its
 * own thread: copying a few arrays is cheaper and simpler than sharing mutable state across stages.
 * Indexes are the ones the matcher assigned; arrays are sized at start ({@code *Max}) and an index
 * beyond them fails loudly rather than growing.
 */
public final class ReferenceData
{
    private final int participantsMax;
    private final int productsMax;

    private int participantCount;
    private final String[] participantIds;
    private final int[] roles;
    private final boolean[] localTaxpayer;
    /** Each participant's group (beneficial owner) as its latest participant event says; null for none. */
    private final String[] group;

    private int productCount;
    private final String[] productIds;
    private final byte[] kind;
    private final byte[] delivery;
    private final long[] windowStartNs;
    private final long[] windowEndNs;
    /** Participant index of each product's owner (the matcher's, from product_registered), -1 for none. */
    private final int[] owner;
    /** Marks this snapshot's format: reference data of an earlier format is refused by name. */
    static final int SNAPSHOT_FORMAT = 0x52454634; // "REF4"
    /** The format before the product fields no stage read (lot, usage per lot, term, rights) left. */
    static final int SNAPSHOT_FORMAT_WITH_LOTS = 0x52454633; // "REF3"
    /** The format before fee rates, bands and last prices left (issue 21). */
    static final int SNAPSHOT_FORMAT_WITH_PRICES = 0x52454632; // "REF2"

    private final ReferenceDataEventDecoder refEvent = new ReferenceDataEventDecoder();
    private final ParticipantCommandDecoder participantCommand = new ParticipantCommandDecoder();
    private final ProductCommandDecoder productCommand = new ProductCommandDecoder();

    public ReferenceData(final int participantsMax, final int productsMax)
    {
        this.participantsMax = participantsMax;
        this.productsMax = productsMax;
        participantIds = new String[participantsMax];
        roles = new int[participantsMax];
        localTaxpayer = new boolean[participantsMax];
        group = new String[participantsMax];
        productIds = new String[productsMax];
        kind = new byte[productsMax];
        delivery = new byte[productsMax];
        windowStartNs = new long[productsMax];
        windowEndNs = new long[productsMax];
        owner = new int[productsMax];
    }

    /** Applies an event if it is reference data. */
    public void onEvent(final int type, final DirectBuffer buffer, final int offset)
    {
        switch (type)
        {
            case MessageType.PARTICIPANT_REGISTERED:
            case MessageType.PARTICIPANT_UPDATED:
                onParticipant(buffer, offset);
                break;
            case MessageType.PRODUCT_REGISTERED:
                onProduct(buffer, offset);
                break;
            default:
                break;
        }
    }

    private void onParticipant(final DirectBuffer buffer, final int offset)
    {
        Codecs.wrap(refEvent, buffer, offset);
        final int p = refEvent.participant();
        if (p < 0 || p >= participantsMax)
        {
            throw new IllegalStateException("participant index " + p + " outside 0.." + (participantsMax - 1));
        }
        Codecs.wrap(participantCommand, buffer, ReferenceDataTail.commandOffset(refEvent));
        participantIds[p] = participantCommand.participantId();
        roles[p] = participantCommand.roles();
        localTaxpayer[p] = participantCommand.localTaxpayerRaw() != 0;
        group[p] = participantCommand.group().isEmpty() ? null : participantCommand.group();
        participantCount = Math.max(participantCount, p + 1);
    }

    private void onProduct(final DirectBuffer buffer, final int offset)
    {
        Codecs.wrap(refEvent, buffer, offset);
        final int i = refEvent.product();
        if (i < 0 || i >= productsMax)
        {
            throw new IllegalStateException("product index " + i + " outside 0.." + (productsMax - 1));
        }
        Codecs.wrap(productCommand, buffer, ReferenceDataTail.commandOffset(refEvent));
        productIds[i] = productCommand.productId();
        kind[i] = productCommand.kind();
        delivery[i] = productCommand.delivery();
        windowStartNs[i] = productCommand.windowStartNs();
        windowEndNs[i] = productCommand.windowEndNs();
        owner[i] = refEvent.owner();
        productCount = Math.max(productCount, i + 1);
    }

    public int checkParticipant(final int p)
    {
        if (p < 0 || p >= participantCount || null == participantIds[p])
        {
            throw new IllegalStateException("unknown participant index " + p);
        }
        return p;
    }

    public int checkProduct(final int i)
    {
        if (i < 0 || i >= productCount || null == productIds[i])
        {
            throw new IllegalStateException("unknown product index " + i);
        }
        return i;
    }

    public int participantsMax()
    {
        return participantsMax;
    }

    public int productsMax()
    {
        return productsMax;
    }

    public int participantCount()
    {
        return participantCount;
    }

    public String participantId(final int p)
    {
        return p >= 0 && p < participantCount && null != participantIds[p] ? participantIds[p] : "#" + p;
    }

    /** Index of a participant id, -1 when unknown (linear: control plane only). */
    public int participantIndex(final String id)
    {
        for (int p = 0; p < participantCount; p++)
        {
            if (id.equals(participantIds[p]))
            {
                return p;
            }
        }
        return -1;
    }

    public int roles(final int p)
    {
        return roles[p];
    }

    public boolean localTaxpayer(final int p)
    {
        return localTaxpayer[p];
    }

    public int productCount()
    {
        return productCount;
    }

    public String productId(final int i)
    {
        return i >= 0 && i < productCount && null != productIds[i] ? productIds[i] : "#" + i;
    }

    public byte kind(final int i)
    {
        return kind[i];
    }

    /** The participant's group (beneficial owner), null for none. */
    public String group(final int p)
    {
        return group[p];
    }

    /** The product's owner (data, algorithm), -1 for none (compute). */
    public int owner(final int i)
    {
        return owner[i];
    }

    public byte delivery(final int i)
    {
        return delivery[i];
    }

    public long windowStartNs(final int i)
    {
        return windowStartNs[i];
    }

    public long windowEndNs(final int i)
    {
        return windowEndNs[i];
    }

    public void writeSnapshot(final DataOutput out) throws IOException
    {
        out.writeInt(SNAPSHOT_FORMAT);
        out.writeInt(participantCount);
        for (int p = 0; p < participantCount; p++)
        {
            out.writeBoolean(null != participantIds[p]);
            if (null != participantIds[p])
            {
                out.writeUTF(participantIds[p]);
                out.writeInt(roles[p]);
                out.writeBoolean(localTaxpayer[p]);
                out.writeUTF(null == group[p] ? "" : group[p]);
            }
        }
        out.writeInt(productCount);
        for (int i = 0; i < productCount; i++)
        {
            out.writeBoolean(null != productIds[i]);
            if (null != productIds[i])
            {
                out.writeUTF(productIds[i]);
                out.writeByte(kind[i]);
                out.writeByte(delivery[i]);
                out.writeLong(windowStartNs[i]);
                out.writeLong(windowEndNs[i]);
                out.writeInt(owner[i]);
            }
        }
    }

    private static String writtenBefore(final int format)
    {
        switch (format)
        {
            case SNAPSHOT_FORMAT_WITH_LOTS:
                return "before the product fields no stage reads (lot, usage per lot, term, rights) left";
            case SNAPSHOT_FORMAT_WITH_PRICES:
                return "before settlement posted the matcher's amounts";
            default:
                return "before the market rules";
        }
    }

    public void readSnapshot(final DataInput in) throws IOException
    {
        final int format = in.readInt();
        if (SNAPSHOT_FORMAT != format)
        {
            throw new IOException("reference-data checkpoint of another format (" + Integer.toHexString(format) +
                "), written " + writtenBefore(format) + ": settle the journal again into a fresh state directory");
        }
        participantCount = in.readInt();
        if (participantCount < 0 || participantCount > participantsMax)
        {
            throw new IOException("snapshot holds " + participantCount + " participants, limit " + participantsMax);
        }
        Arrays.fill(participantIds, null);
        for (int p = 0; p < participantCount; p++)
        {
            if (in.readBoolean())
            {
                participantIds[p] = in.readUTF();
                roles[p] = in.readInt();
                localTaxpayer[p] = in.readBoolean();
                final String g = in.readUTF();
                group[p] = g.isEmpty() ? null : g;
            }
        }
        productCount = in.readInt();
        if (productCount < 0 || productCount > productsMax)
        {
            throw new IOException("snapshot holds " + productCount + " products, limit " + productsMax);
        }
        Arrays.fill(productIds, null);
        for (int i = 0; i < productCount; i++)
        {
            if (in.readBoolean())
            {
                productIds[i] = in.readUTF();
                kind[i] = in.readByte();
                delivery[i] = in.readByte();
                windowStartNs[i] = in.readLong();
                windowEndNs[i] = in.readLong();
                owner[i] = in.readInt();
            }
        }
    }
}
