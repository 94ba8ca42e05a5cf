package io.databourse.matcher;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.databourse.journal.sbe.CapacityCommandDecoder;
import io.databourse.journal.sbe.CashCommandDecoder;
import io.databourse.journal.sbe.CashEventEncoder;
import io.databourse.journal.sbe.InventoryCommandDecoder;
import io.databourse.journal.sbe.InventoryEventEncoder;
import io.databourse.journal.sbe.ReferenceDataEventEncoder;
import io.databourse.journal.schema.CapacityNodes;
import io.databourse.journal.schema.Codecs;
import io.databourse.journal.schema.Codes.ProductStatus;
import io.databourse.journal.schema.Codes.Role;
import io.databourse.journal.schema.MessageType;
import io.databourse.journal.schema.ReferenceDataTail;
import io.databourse.journal.schema.RejectReason;
import io.databourse.matcher.ref.Participants;
import io.databourse.matcher.ref.Product;
import io.databourse.matcher.risk.Positions;
import io.databourse.matcher.snapshot.SnapshotReader;
import io.databourse.matcher.snapshot.SnapshotWriter;
import org.agrona.DirectBuffer;

/**
 * What participants bring to the exchange: cash (deposits, withdrawals), a data supplier's primary
 * units of its own products (inventory) and a compute provider's node-hours (capacity). Rare next
 * to orders; plain collections are fine, and none is iterated into output.
 */
final class AccountsHandler
{
    private static final long AMOUNT_MAX_FEN = 1L << 60;

    /** The matcher's state. */
    private final MatcherState state;
    private final Participants participants;
    private final Actors actors;
    private final CashCommandDecoder cashCommand = new CashCommandDecoder();
    private final InventoryCommandDecoder inventoryCommand = new InventoryCommandDecoder();
    private final CapacityCommandDecoder capacityCommand = new CapacityCommandDecoder();
    private final ReferenceDataEventEncoder referenceDataEvent = new ReferenceDataEventEncoder();
    private final CashEventEncoder cashEvent = new CashEventEncoder();
    private final InventoryEventEncoder inventoryEvent = new InventoryEventEncoder();
    /** Windows each (provider, node) is registered for, as [start, end) pairs: no node-hour sold twice. */
    private final Map<String, List<long[]>> nodeWindows = new HashMap<>();

    AccountsHandler(final MatcherState state)
    {
        this.state = state;
        this.participants = state.participants;
        this.actors = state.actors;
    }

    /** This handler's own state (snapshots, the state hash): the nodes' windows, by provider/node in sorted order. */
    void writeSnapshot(final SnapshotWriter out)
    {
        final List<String> keys = new ArrayList<>(nodeWindows.keySet());
        java.util.Collections.sort(keys);
        out.putVarLong(keys.size());
        for (final String key : keys)
        {
            final List<long[]> windows = nodeWindows.get(key);
            out.putAscii(key).putVarLong(windows.size());
            for (final long[] w : windows)
            {
                out.putSignedVarLong(w[0]).putSignedVarLong(w[1]);
            }
        }
    }

    void readSnapshot(final SnapshotReader in)
    {
        final int n = in.getCount("nodes", Integer.MAX_VALUE);
        for (int i = 0; i < n; i++)
        {
            final String key = in.getAscii("node", 1024);
            final int count = in.getCount("node windows", Integer.MAX_VALUE);
            final List<long[]> windows = new ArrayList<>(count);
            for (int j = 0; j < count; j++)
            {
                windows.add(new long[]{in.getSignedVarLong(), in.getSignedVarLong()});
            }
            nodeWindows.put(key, windows);
        }
    }

    void apply(final int type, final DirectBuffer buffer, final int offset, final int length)
    {
        switch (type)
        {
            case MessageType.DEPOSIT:
            case MessageType.WITHDRAW:
                if (fits(type, length, CashCommandDecoder.BLOCK_LENGTH))
                {
                    onCash(type, Codecs.wrap(cashCommand, buffer, offset));
                }
                break;
            case MessageType.INVENTORY:
                if (fits(type, length, InventoryCommandDecoder.BLOCK_LENGTH))
                {
                    onInventory(Codecs.wrap(inventoryCommand, buffer, offset));
                }
                break;
            default:
                if (fits(type, length, CapacityCommandDecoder.BLOCK_LENGTH))
                {
                    onCapacity(Codecs.wrap(capacityCommand, buffer, offset));
                }
                break;
        }
    }

    private boolean fits(final int type, final int length, final int blockLength)
    {
        if (length < blockLength)
        {
            state.events.reject(state.sessionId, type, RejectReason.MALFORMED_COMMAND, -1, null, 0, 0);
            return false;
        }
        return true;
    }

    private void reject(
        final int type, final RejectReason reason, final int participant, final DirectBuffer b, final int productOffset)
    {
        state.events.reject(state.sessionId, type, reason, participant, null, 0, 0, b, productOffset);
    }

    // ---- cash ----

    private void onCash(final int type, final CashCommandDecoder cmd)
    {
        final DirectBuffer b = cmd.buffer();
        final int p = state.participantIndex.get(b, cmd.offset() + CashCommandDecoder.participantIdEncodingOffset());
        final long amount = cmd.amountFen();
        RejectReason reason = null;
        if (p < 0)
        {
            reason = RejectReason.UNKNOWN_PARTICIPANT;
        }
        else if (type == MessageType.DEPOSIT && !participants.isAdmitted(p))
        {
            reason = RejectReason.PARTICIPANT_SUSPENDED; // a suspended participant may only withdraw and cancel
        }
        else if (amount <= 0 || amount > AMOUNT_MAX_FEN)
        {
            reason = RejectReason.INVALID_AMOUNT;
        }
        else if (type == MessageType.DEPOSIT && participants.cashAvailableFen(p) > AMOUNT_MAX_FEN - amount)
        {
            reason = RejectReason.OVERFLOW;
        }
        else if (type == MessageType.WITHDRAW && participants.cashAvailableFen(p) < amount)
        {
            reason = RejectReason.INSUFFICIENT_FUNDS;
        }
        if (null != reason)
        {
            state.events.reject(state.sessionId, type, reason, p, b, cmd.offset() + CashCommandDecoder.requestIdEncodingOffset(), 0);
            return;
        }
        if (type == MessageType.DEPOSIT)
        {
            participants.credit(p, amount);
            state.depositsFen += amount;
        }
        else
        {
            participants.debit(p, amount);
            state.withdrawalsFen += amount;
        }
        final CashEventEncoder e = cashEvent;
        Codecs.encode(e, state.events.buffer(), state.events.end(), state.sessionId,
            type == MessageType.DEPOSIT ? MessageType.CASH_DEPOSITED : MessageType.CASH_WITHDRAWN);
        e.participant(p).amountFen(amount)
            .availableFen(participants.cashAvailableFen(p)).reservedFen(participants.cashReservedFen(p));
        state.events.commit(e);
    }

    // ---- inventory and capacity ----

    /**
     * Primary units of a data or algorithm product: issued only to its owner, by the owner or the
     * operator. Anyone else holds units only by buying them.
     */
    private void onInventory(final InventoryCommandDecoder cmd)
    {
        final DirectBuffer b = cmd.buffer();
        final int p = state.participantIndex.get(b, cmd.offset() + InventoryCommandDecoder.participantIdEncodingOffset());
        final int q = state.productIndex.get(b, cmd.offset() + InventoryCommandDecoder.productIdEncodingOffset());
        final int actor = actors.resolve(b, cmd.offset() + InventoryCommandDecoder.actorEncodingOffset());
        final long qty = cmd.qty();
        RejectReason reason = null;
        if (p < 0 || actor == Actors.UNKNOWN)
        {
            reason = RejectReason.UNKNOWN_PARTICIPANT;
        }
        else if (q < 0)
        {
            reason = RejectReason.UNKNOWN_PRODUCT;
        }
        else if (state.products[q].isCompute())
        {
            reason = RejectReason.WRONG_PRODUCT_KIND;
        }
        else if (null != actors.admitted(p) || (actor >= 0 && null != actors.admitted(actor)))
        {
            reason = RejectReason.PARTICIPANT_SUSPENDED;
        }
        else if (p != state.products[q].owner || (actor != Actors.OPERATOR && actor != p))
        {
            reason = RejectReason.NOT_OWNER;
        }
        else if (!participants.hasRole(p, Role.DATA_SUPPLIER))
        {
            reason = RejectReason.ROLE_NOT_PERMITTED;
        }
        else if (qty <= 0 || qty > Matcher.QTY_MAX ||
            state.positions.owned(state.positions.find(p, q)) > Matcher.QTY_MAX - qty)
        {
            reason = RejectReason.INVALID_QUANTITY;
        }
        if (null != reason)
        {
            reject(MessageType.INVENTORY, reason, p >= 0 ? p : Actors.indexOf(actor), b, cmd.offset() + InventoryCommandDecoder.productIdEncodingOffset());
            return;
        }
        final Positions positions = state.positions;
        final int slot = positions.findOrCreate(p, q);
        positions.addOwned(slot, qty);
        final InventoryEventEncoder e = inventoryEvent;
        Codecs.encode(e, state.events.buffer(), state.events.end(), state.sessionId);
        e.participant(p).product(q).qty(qty).availableQty(positions.sellable(slot));
        state.events.commit(e);
    }

    private void onCapacity(final CapacityCommandDecoder cmd)
    {
        final DirectBuffer b = cmd.buffer();
        final int p = state.participantIndex.get(b, cmd.offset() + CapacityCommandDecoder.participantIdEncodingOffset());
        final int q = state.productIndex.get(b, cmd.offset() + CapacityCommandDecoder.productIdEncodingOffset());
        RejectReason reason = null;
        if (!CapacityNodes.isWellFormed(cmd))
        {
            reason = RejectReason.MALFORMED_COMMAND;
        }
        else if (p < 0)
        {
            reason = RejectReason.UNKNOWN_PARTICIPANT;
        }
        else if (q < 0)
        {
            reason = RejectReason.UNKNOWN_PRODUCT;
        }
        else if (!state.products[q].isCompute())
        {
            reason = RejectReason.WRONG_PRODUCT_KIND;
        }
        else if (!participants.isAdmitted(p))
        {
            reason = RejectReason.PARTICIPANT_SUSPENDED;
        }
        else if (!participants.hasRole(p, Role.COMPUTE_PROVIDER))
        {
            reason = RejectReason.ROLE_NOT_PERMITTED;
        }
        else if (state.products[q].status == ProductStatus.DELISTED)
        {
            reason = RejectReason.PRODUCT_NOT_LISTED;
        }
        else
        {
            reason = checkNodes(cmd, p, state.products[q]);
        }
        if (null != reason)
        {
            reject(MessageType.CAPACITY, reason, p, b, cmd.offset() + CapacityCommandDecoder.productIdEncodingOffset());
            return;
        }
        final Product product = state.products[q];
        final String provider = participants.id(p);
        for (int i = 0; i < cmd.nodeCount(); i++)
        {
            nodeWindows.computeIfAbsent(provider + '/' + CapacityNodes.node(cmd, i), k -> new ArrayList<>())
                .add(new long[]{product.windowStartNs, product.windowEndNs});
        }
        final long nodeHours = cmd.nodeCount() * product.windowHours();
        final int slot = state.positions.findOrCreate(p, q);
        state.positions.addOwned(slot, nodeHours);
        final ReferenceDataEventEncoder e = ReferenceDataTail.encode(referenceDataEvent, state.events.buffer(), state.events.end(),
            MessageType.CAPACITY_REGISTERED, cmd.buffer(), cmd.offset());
        e.participant(p).product(q).qty(nodeHours).availableQty(state.positions.sellable(slot));
        state.events.commit(e);
    }

    private RejectReason checkNodes(final CapacityCommandDecoder cmd, final int p, final Product product)
    {
        final String provider = participants.id(p);
        final int n = cmd.nodeCount();
        for (int i = 0; i < n; i++)
        {
            final String node = CapacityNodes.node(cmd, i);
            if (node.isEmpty())
            {
                return RejectReason.MALFORMED_COMMAND;
            }
            for (int j = 0; j < i; j++)
            {
                if (node.equals(CapacityNodes.node(cmd, j)))
                {
                    return RejectReason.NODE_ALREADY_REGISTERED;
                }
            }
            final List<long[]> windows = nodeWindows.get(provider + '/' + node);
            if (null != windows)
            {
                for (final long[] w : windows)
                {
                    if (w[0] < product.windowEndNs && product.windowStartNs < w[1])
                    {
                        return RejectReason.NODE_ALREADY_REGISTERED;
                    }
                }
            }
        }
        return null;
    }
}
