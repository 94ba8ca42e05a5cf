package io.databourse.surveillance.ref;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.databourse.journal.sbe.InventoryEventDecoder;
import io.databourse.journal.sbe.ParticipantCommandDecoder;
import io.databourse.journal.sbe.ProductCommandDecoder;
import io.databourse.journal.sbe.ReferenceDataEventDecoder;
import io.databourse.journal.schema.Codecs;
import io.databourse.journal.schema.Codes;
import io.databourse.journal.schema.MessageType;
import io.databourse.journal.schema.ReferenceDataTail;
import org.agrona.collections.IntArrayList;
import org.agrona.collections.Object2IntHashMap;

/**
 * What surveillance knows of participants and products, learnt from the journal's reference-data
 * events (they embed the defining command), by the indexes the matcher gave them. Written by the
 * stage thread only; names may be read from other threads (evidence timelines): an id is stored
 * before the volatile count that publishes it, and never changes afterwards.
 */
public final class Directory implements BeneficialOwners
{
    private final int participantsMax;
    private final int productsMax;

    private final String[] participantIds;
    private final int[] groups;
    private volatile int participantCount;

    private final String[] productIds;
    private final byte[] kinds;
    private final long[] windowStartNs;
    private final long[] referencePriceFen;
    /** Units issued: inventory added (data, algorithms) or node-hours registered (compute). */
    private final long[] issuedUnits;
    private volatile int productCount;

    private final Object2IntHashMap<String> groupNumbers = new Object2IntHashMap<>(NO_GROUP);
    private final List<String> groupNames = new ArrayList<>();
    /** Members of each group, in the order they joined it. */
    private final List<IntArrayList> groupMembers = new ArrayList<>();
    private final Object2IntHashMap<String> productIndexes = new Object2IntHashMap<>(-1);

    private final ReferenceDataEventDecoder referenceDataEvent = new ReferenceDataEventDecoder();
    private final ParticipantCommandDecoder participantCommand = new ParticipantCommandDecoder();
    private final ProductCommandDecoder productCommand = new ProductCommandDecoder();
    private final InventoryEventDecoder inventoryEvent = new InventoryEventDecoder();

    public Directory(final int participantsMax, final int productsMax)
    {
        this.participantsMax = participantsMax;
        this.productsMax = productsMax;
        participantIds = new String[participantsMax];
        groups = new int[participantsMax];
        Arrays.fill(groups, NO_GROUP);
        productIds = new String[productsMax];
        kinds = new byte[productsMax];
        windowStartNs = new long[productsMax];
        referencePriceFen = new long[productsMax];
        issuedUnits = new long[productsMax];
    }

    /** Learns from a reference-data or issuing event; ignores the rest. */
    public void onEvent(final int type, final org.agrona.DirectBuffer buffer, final int offset)
    {
        switch (type)
        {
            case MessageType.PARTICIPANT_REGISTERED:
            case MessageType.PARTICIPANT_UPDATED:
            {
                Codecs.wrap(referenceDataEvent, buffer, offset);
                Codecs.wrap(participantCommand, buffer, ReferenceDataTail.commandOffset(referenceDataEvent));
                registerParticipant(referenceDataEvent.participant(), participantCommand.participantId());
                // the matcher's grouping (beneficial owner), as of this event: "" leaves the group
                assignGroup(referenceDataEvent.participant(), participantCommand.group());
                break;
            }
            case MessageType.PRODUCT_REGISTERED:
            {
                Codecs.wrap(referenceDataEvent, buffer, offset);
                Codecs.wrap(productCommand, buffer, ReferenceDataTail.commandOffset(referenceDataEvent));
                registerProduct(referenceDataEvent.product(), productCommand.productId(), productCommand.kind(),
                    productCommand.windowStartNs(), productCommand.referencePriceFen());
                break;
            }
            case MessageType.CAPACITY_REGISTERED:
            {
                Codecs.wrap(referenceDataEvent, buffer, offset);
                issue(referenceDataEvent.product(), referenceDataEvent.qty());
                break;
            }
            case MessageType.INVENTORY_ADDED:
            {
                Codecs.wrap(inventoryEvent, buffer, offset);
                issue(inventoryEvent.product(), inventoryEvent.qty());
                break;
            }
            default:
                break;
        }
    }

    public void registerParticipant(final int index, final String id)
    {
        if (index < 0 || index >= participantsMax)
        {
            throw new IllegalStateException("participant index " + index + " outside 0.." + (participantsMax - 1));
        }
        assert null == participantIds[index] || participantIds[index].equals(id) : "participant index reused";
        participantIds[index] = id;
        if (index >= participantCount)
        {
            participantCount = index + 1;
        }
    }

    public void registerProduct(
        final int index, final String id, final byte kind, final long windowStartNs, final long referencePriceFen)
    {
        if (index < 0 || index >= productsMax)
        {
            throw new IllegalStateException("product index " + index + " outside 0.." + (productsMax - 1));
        }
        productIds[index] = id;
        kinds[index] = kind;
        this.windowStartNs[index] = windowStartNs;
        this.referencePriceFen[index] = referencePriceFen;
        productIndexes.put(id, index);
        if (index >= productCount)
        {
            productCount = index + 1;
        }
    }

    private void issue(final int product, final long units)
    {
        checkProduct(product);
        issuedUnits[product] = Math.addExact(issuedUnits[product], units);
    }

    /**
     * Puts a participant in a group ({@code ""}: in none). Group numbers are dense, in order of
     * first appearance, so they are the same on every replay.
     */
    public void assignGroup(final int participant, final String group)
    {
        checkParticipant(participant);
        final int number = group.isEmpty() ? NO_GROUP : groupNumber(group);
        final int old = groups[participant];
        if (old == number)
        {
            return;
        }
        if (NO_GROUP != old)
        {
            groupMembers.get(old).removeInt(participant);
        }
        if (NO_GROUP != number)
        {
            groupMembers.get(number).addInt(participant);
        }
        groups[participant] = number;
    }

    private int groupNumber(final String group)
    {
        int number = groupNumbers.getValue(group);
        if (NO_GROUP == number)
        {
            number = groupNames.size();
            groupNumbers.put(group, number);
            groupNames.add(group);
            groupMembers.add(new IntArrayList());
        }
        return number;
    }

    @Override
    public int ownerSize(final int participant)
    {
        final int group = groupOf(participant);
        return NO_GROUP == group ? 1 : groupMembers.get(group).size();
    }

    @Override
    public int ownerMember(final int participant, final int i)
    {
        final int group = groupOf(participant);
        if (NO_GROUP == group)
        {
            assert 0 == i;
            return participant;
        }
        return groupMembers.get(group).getInt(i);
    }

    @Override
    public int groupOf(final int participant)
    {
        return participant >= 0 && participant < participantsMax ? groups[participant] : NO_GROUP;
    }

    @Override
    public String groupName(final int group)
    {
        return groupNames.get(group);
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

    /** A participant's id; "#index" for one not (yet) known. Safe from any thread. */
    public String participantId(final int p)
    {
        final int count = participantCount;
        final String id = p >= 0 && p < count ? participantIds[p] : null;
        return null != id ? id : "#" + p;
    }

    /** A product's id; "#index" for one not (yet) known. Safe from any thread. */
    public String productId(final int i)
    {
        final int count = productCount;
        final String id = i >= 0 && i < count ? productIds[i] : null;
        return null != id ? id : "#" + i;
    }

    /** Index of a product id, -1 when unknown (stage thread). */
    public int productIndex(final String id)
    {
        return productIndexes.getValue(id);
    }

    public int participantsMax()
    {
        return participantsMax;
    }

    public int productsMax()
    {
        return productsMax;
    }

    public boolean isCompute(final int product)
    {
        return Codes.ProductKind.COMPUTE == kinds[product];
    }

    public long windowStartNs(final int product)
    {
        return windowStartNs[product];
    }

    /** The product's reference price (its band's centre), 0 when it has none. */
    public long referencePriceFen(final int product)
    {
        return referencePriceFen[product];
    }

    public long issuedUnits(final int product)
    {
        return issuedUnits[product];
    }

    public void writeSnapshot(final DataOutput out) throws IOException
    {
        final int participants = participantCount;
        out.writeInt(participants);
        for (int p = 0; p < participants; p++)
        {
            out.writeBoolean(null != participantIds[p]);
            if (null != participantIds[p])
            {
                out.writeUTF(participantIds[p]);
                out.writeUTF(NO_GROUP == groups[p] ? "" : groupNames.get(groups[p]));
            }
        }
        final int products = productCount;
        out.writeInt(products);
        for (int i = 0; i < products; i++)
        {
            out.writeBoolean(null != productIds[i]);
            if (null != productIds[i])
            {
                out.writeUTF(productIds[i]);
                out.writeByte(kinds[i]);
                out.writeLong(windowStartNs[i]);
                out.writeLong(referencePriceFen[i]);
                out.writeLong(issuedUnits[i]);
            }
        }
        out.writeInt(groupNames.size());
        for (final String name : groupNames)
        {
            out.writeUTF(name);
        }
        for (final IntArrayList members : groupMembers)
        {
            out.writeInt(members.size());
            for (int k = 0; k < members.size(); k++)
            {
                out.writeInt(members.getInt(k));
            }
        }
    }

    public void readSnapshot(final DataInput in) throws IOException
    {
        final int participants = in.readInt();
        if (participants < 0 || participants > participantsMax)
        {
            throw new IOException("snapshot holds " + participants + " participants, limit " + participantsMax);
        }
        final String[] groupOfParticipant = new String[participants];
        for (int p = 0; p < participants; p++)
        {
            if (in.readBoolean())
            {
                registerParticipant(p, in.readUTF());
                groupOfParticipant[p] = in.readUTF();
            }
        }
        final int products = in.readInt();
        if (products < 0 || products > productsMax)
        {
            throw new IOException("snapshot holds " + products + " products, limit " + productsMax);
        }
        for (int i = 0; i < products; i++)
        {
            if (in.readBoolean())
            {
                registerProduct(i, in.readUTF(), in.readByte(), in.readLong(), in.readLong());
                issuedUnits[i] = in.readLong();
            }
        }
        // Groups are numbered in order of first appearance: restore that order before the members.
        final int groupCount = in.readInt();
        for (int g = 0; g < groupCount; g++)
        {
            groupNumber(in.readUTF());
        }
        // members in the order they joined: written below, group by group
        for (int g = 0; g < groupCount; g++)
        {
            final int members = in.readInt();
            for (int k = 0; k < members; k++)
            {
                final int p = in.readInt();
                if (p < 0 || p >= participants || null == groupOfParticipant[p])
                {
                    throw new IOException("group member " + p + " is not a participant");
                }
                assignGroup(p, groupNames.get(g));
            }
        }
    }
}
