package io.databourse.settlement.compute;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.databourse.journal.sbe.CapacityCommandDecoder;
import io.databourse.journal.sbe.ReferenceDataEventDecoder;
import io.databourse.journal.sbe.TradeEventDecoder;
import io.databourse.journal.schema.CapacityNodes;
import io.databourse.journal.schema.Codecs;
import io.databourse.journal.schema.Codes;
import io.databourse.journal.schema.MessageType;
import io.databourse.journal.schema.ReferenceDataTail;
import io.databourse.settlement.ref.ReferenceData;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2LongHashMap;

/**
 * Turns compute fills into concrete node-hours. Each compute product's window is cut into hours;
 * each node a provider registers contributes one slot per hour, owned first by that provider. A
 * fill moves {@code qty} slots owned by the seller to the buyer, node by node (a buyer gets whole
 * runs of one node's hours where it can, which is what an orchestrator wants). A slot has exactly
 * one owner, so no node-hour is ever allocated twice. A node is named by its provider: two providers
 * may both call a machine {@code gy1-n01} (they are different machines), exactly as the matcher keys
 * nodes per (provider, node). The schedule posts what the matcher registered and asserts that it
 * agrees: a registration whose node-hours are not window hours x nodes, one provider's node
 * registered for two products with overlapping windows (the matcher refuses it,
 * {@code NODE_ALREADY_REGISTERED}), or a fill of hours the seller does not own fails the stage
 * ({@link ComputeScheduleException}, naming the record) before anything changes. Conservation: per
 * product, slots = node-hours registered, and the slots a participant owns move only by fills.
 */
public final class ComputeSchedule
{
    public static final long HOUR_NS = 3_600_000_000_000L;
    static final int NO_OWNER = -1;
    /** Marks this schedule's snapshot format: a checkpoint of an earlier format is refused by name. */
    static final int SNAPSHOT_FORMAT = 0x434D5032; // "CMP2": disagreements fail the stage, none are counted
    private static final int NO_PRODUCT = -1;

    private final ReferenceData ref;
    private final int nodeHoursMax;
    private int nodeHoursUsed;
    private final Window[] windows;
    /** (provider, node name) -> products it is registered for (overlap check across products). */
    private final Map<NodeKey, List<Integer>> productsByNode = new HashMap<>();

    private final ReferenceDataEventDecoder refEvent = new ReferenceDataEventDecoder();
    private final CapacityCommandDecoder capacityCommand = new CapacityCommandDecoder();
    private final TradeEventDecoder trade = new TradeEventDecoder();

    public ComputeSchedule(final ReferenceData ref, final int nodeHoursMax)
    {
        this.ref = ref;
        this.nodeHoursMax = nodeHoursMax;
        this.windows = new Window[ref.productsMax()];
    }

    /** Posts one event of the record at {@code seq}; throws {@link ComputeScheduleException} on a disagreement. */
    public void onEvent(final long seq, final int type, final DirectBuffer buffer, final int offset)
    {
        if (MessageType.CAPACITY_REGISTERED == type)
        {
            Codecs.wrap(refEvent, buffer, offset);
            Codecs.wrap(capacityCommand, buffer, ReferenceDataTail.commandOffset(refEvent));
            register(seq, ref.checkParticipant(refEvent.participant()), ref.checkProduct(refEvent.product()),
                refEvent.qty());
        }
        else if (MessageType.TRADE == type)
        {
            Codecs.wrap(trade, buffer, offset);
            final int i = ref.checkProduct(trade.product());
            if (Codes.ProductKind.COMPUTE == ref.kind(i))
            {
                transfer(seq, i, ref.checkParticipant(trade.seller()), ref.checkParticipant(trade.buyer()), trade.qty(),
                    trade.tradeId());
            }
        }
    }

    private void register(final long seq, final int provider, final int product, final long nodeHoursRegistered)
    {
        final long startNs = ref.windowStartNs(product);
        final long endNs = ref.windowEndNs(product);
        if (endNs <= startNs || (endNs - startNs) % HOUR_NS != 0)
        {
            throw new ComputeScheduleException("record " + seq + ": compute product " + ref.productId(product) +
                " has no hour window");
        }
        final int hours = (int)((endNs - startNs) / HOUR_NS);
        final int nodeCount = capacityCommand.nodeCount();
        // Everything is checked before anything changes: a refused registration leaves the schedule as it was.
        if ((long)nodeCount * hours != nodeHoursRegistered)
        {
            throw new ComputeScheduleException("record " + seq + ": " + ref.participantId(provider) + " registers " +
                nodeHoursRegistered + " node-hours of " + ref.productId(product) + " by the matcher, " + nodeCount +
                " nodes x " + hours + " hours by the schedule");
        }
        final NodeKey[] nodes = new NodeKey[nodeCount];
        for (int n = 0; n < nodeCount; n++)
        {
            nodes[n] = new NodeKey(provider, CapacityNodes.node(capacityCommand, n));
            for (int k = 0; k < n; k++)
            {
                if (nodes[k].equals(nodes[n]))
                {
                    throw new ComputeScheduleException("record " + seq + ": " + ref.participantId(provider) +
                        " registers node " + nodes[n].name() + " twice for " + ref.productId(product));
                }
            }
            final int other = overlapping(nodes[n], startNs, endNs);
            if (NO_PRODUCT != other)
            {
                throw new ComputeScheduleException("record " + seq + ": " + ref.participantId(provider) + "'s node " +
                    nodes[n].name() + " registered for " + ref.productId(product) + " is already registered for " +
                    ref.productId(other) + ", whose window overlaps");
            }
        }
        if (nodeHoursUsed + nodeHoursRegistered > nodeHoursMax)
        {
            throw new ComputeScheduleException("record " + seq + ": node-hour capacity " + nodeHoursMax + " reached");
        }
        Window w = windows[product];
        if (null == w)
        {
            w = new Window(startNs, hours);
            windows[product] = w;
        }
        assert w.startNs == startNs && w.hours == hours : "window of " + ref.productId(product) + " moved";
        for (final NodeKey node : nodes)
        {
            productsByNode.computeIfAbsent(node, k -> new ArrayList<>()).add(product);
            w.addNode(node.name(), provider);
        }
        nodeHoursUsed += (int)nodeHoursRegistered;
    }

    /** A product the node is registered for whose window overlaps {@code [startNs, endNs)}, else {@link #NO_PRODUCT}. */
    private int overlapping(final NodeKey node, final long startNs, final long endNs)
    {
        final List<Integer> products = productsByNode.get(node);
        if (null != products)
        {
            for (final int other : products)
            {
                if (ref.windowStartNs(other) < endNs && startNs < ref.windowEndNs(other))
                {
                    return other;
                }
            }
        }
        return NO_PRODUCT;
    }

    private void transfer(
        final long seq, final int product, final int seller, final int buyer, final long qty, final long tradeId)
    {
        final Window w = windows[product];
        if (null == w || w.ownedBy(seller) < qty)
        {
            throw new ComputeScheduleException("record " + seq + ": trade " + tradeId + " sells " + qty +
                " node-hours of " + ref.productId(product) + " but the seller owns " + (null == w ? 0 : w.ownedBy(seller)));
        }
        long left = qty;
        for (int s = 0; s < w.slotCount() && left > 0; s++)
        {
            if (w.owner[s] == seller)
            {
                w.owner[s] = buyer;
                w.tradeId[s] = tradeId;
                left--;
            }
        }
        assert 0 == left : "trade " + tradeId + " left " + left + " node-hours unmoved";
        w.addOwned(seller, -qty);
        w.addOwned(buyer, qty);
    }

    public Window window(final int product)
    {
        return windows[product];
    }

    public void checkInvariants()
    {
        int used = 0;
        for (final Window w : windows)
        {
            if (null != w)
            {
                used += w.slotCount();
                w.checkOwnedCounts();
            }
        }
        if (used != nodeHoursUsed)
        {
            throw new IllegalStateException("node-hours " + used + " != registered " + nodeHoursUsed);
        }
    }

    public void writeSnapshot(final DataOutput out) throws IOException
    {
        out.writeInt(SNAPSHOT_FORMAT);
        int n = 0;
        for (final Window w : windows)
        {
            n += null == w ? 0 : 1;
        }
        out.writeInt(n);
        for (int i = 0; i < windows.length; i++)
        {
            final Window w = windows[i];
            if (null != w)
            {
                out.writeInt(i);
                out.writeLong(w.startNs);
                out.writeInt(w.hours);
                out.writeInt(w.nodeCount);
                for (int k = 0; k < w.nodeCount; k++)
                {
                    out.writeUTF(w.nodes[k]);
                    out.writeInt(w.providers[k]);
                }
                for (int s = 0; s < w.slotCount(); s++)
                {
                    out.writeInt(w.owner[s]);
                    out.writeLong(w.tradeId[s]);
                }
            }
        }
    }

    public void readSnapshot(final DataInput in) throws IOException
    {
        final int format = in.readInt();
        if (SNAPSHOT_FORMAT != format)
        {
            // The format before this one had no marker: it began with two counters of disagreements.
            throw new IOException("compute checkpoint of another format (0x" + Integer.toHexString(format) +
                "), written before a disagreement with the matcher failed the stage: " +
                "settle the journal again into a fresh state directory");
        }
        Arrays.fill(windows, null);
        productsByNode.clear();
        nodeHoursUsed = 0;
        final int n = in.readInt();
        for (int j = 0; j < n; j++)
        {
            final int i = in.readInt();
            final Window w = new Window(in.readLong(), in.readInt());
            final int nodeCount = in.readInt();
            for (int k = 0; k < nodeCount; k++)
            {
                final String node = in.readUTF();
                final int provider = in.readInt();
                w.addNode(node, provider);
                productsByNode.computeIfAbsent(new NodeKey(provider, node), key -> new ArrayList<>()).add(i);
            }
            w.ownedCount.clear();
            for (int s = 0; s < w.slotCount(); s++)
            {
                w.owner[s] = in.readInt();
                w.tradeId[s] = in.readLong();
                w.addOwned(w.owner[s], 1);
            }
            nodeHoursUsed += w.slotCount();
            windows[i] = w;
        }
    }

    /** A machine as the matcher knows it: a node name is only unique within its provider. */
    private record NodeKey(int provider, String name)
    {
    }

    /** One product's window: nodes x hours slots; slot = node * hours + hour. */
    public static final class Window
    {
        final long startNs;
        final int hours;
        int nodeCount;
        String[] nodes = new String[4];
        int[] providers = new int[4];
        int[] owner = new int[0];
        long[] tradeId = new long[0];
        final Long2LongHashMap ownedCount = new Long2LongHashMap(0);

        Window(final long startNs, final int hours)
        {
            this.startNs = startNs;
            this.hours = hours;
        }

        void addNode(final String node, final int provider)
        {
            if (nodeCount == nodes.length)
            {
                nodes = Arrays.copyOf(nodes, nodeCount * 2);
                providers = Arrays.copyOf(providers, nodeCount * 2);
            }
            nodes[nodeCount] = node;
            providers[nodeCount] = provider;
            nodeCount++;
            final int slots = nodeCount * hours;
            owner = Arrays.copyOf(owner, slots);
            tradeId = Arrays.copyOf(tradeId, slots);
            Arrays.fill(owner, slots - hours, slots, provider);
            addOwned(provider, hours);
        }

        public long startNs()
        {
            return startNs;
        }

        public int hours()
        {
            return hours;
        }

        public int nodeCount()
        {
            return nodeCount;
        }

        public int slotCount()
        {
            return nodeCount * hours;
        }

        public String node(final int k)
        {
            return nodes[k];
        }

        public int provider(final int k)
        {
            return providers[k];
        }

        /** Owner of node k's hour h. */
        public int owner(final int k, final int h)
        {
            return owner[k * hours + h];
        }

        public long tradeId(final int k, final int h)
        {
            return tradeId[k * hours + h];
        }

        /** Node-hours the participant holds in this window (kept as slots change hands). */
        public long ownedBy(final int participant)
        {
            return ownedCount.get(participant);
        }

        void addOwned(final int participant, final long delta)
        {
            final long n = ownedCount.get(participant) + delta;
            if (n < 0)
            {
                throw new IllegalStateException("participant " + participant + " would hold " + n + " node-hours");
            }
            if (0 == n)
            {
                ownedCount.remove(participant);
            }
            else
            {
                ownedCount.put(participant, n);
            }
        }

        /** Recounts holders from the slots: the conservation check behind {@link #ownedBy}. */
        void checkOwnedCounts()
        {
            final Set<NodeKey> distinct = new HashSet<>();
            for (int k = 0; k < nodeCount; k++)
            {
                if (!distinct.add(new NodeKey(providers[k], nodes[k])))
                {
                    throw new IllegalStateException("node " + nodes[k] + " of provider " + providers[k] + " twice in a window");
                }
            }
            final Long2LongHashMap counted = new Long2LongHashMap(0);
            for (int s = 0; s < slotCount(); s++)
            {
                if (owner[s] < 0)
                {
                    throw new IllegalStateException("node-hour without owner");
                }
                counted.put(owner[s], counted.get(owner[s]) + 1);
            }
            if (!counted.equals(ownedCount))
            {
                throw new IllegalStateException("node-hours held " + ownedCount + " != counted " + counted);
            }
        }
    }
}
