package io.databourse.matcher;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.databourse.journal.schema.CapacityCommand;
import io.databourse.journal.schema.CashCommand;
import io.databourse.journal.schema.CashEvent;
import io.databourse.journal.schema.Codes;
import io.databourse.journal.schema.Codes.CancelReason;
import io.databourse.journal.schema.Codes.ProductKind;
import io.databourse.journal.schema.Codes.ProductStatus;
import io.databourse.journal.schema.Codes.Role;
import io.databourse.journal.schema.FeeScheduleCommand;
import io.databourse.journal.schema.FeeScheduleEvent;
import io.databourse.journal.schema.Flyweight;
import io.databourse.journal.schema.InventoryCommand;
import io.databourse.journal.schema.InventoryEvent;
import io.databourse.journal.schema.MessageType;
import io.databourse.journal.schema.ParticipantCommand;
import io.databourse.journal.schema.ProductCommand;
import io.databourse.journal.schema.ProductStatusCommand;
import io.databourse.journal.schema.ProductStatusEvent;
import io.databourse.journal.schema.ReferenceDataEvent;
import io.databourse.journal.schema.RejectReason;
import io.databourse.matcher.ref.Participants;
import io.databourse.matcher.ref.Product;
import io.databourse.matcher.risk.Positions;
import io.databourse.matcher.snapshot.SnapshotReader;
import io.databourse.matcher.snapshot.SnapshotWriter;
import org.agrona.DirectBuffer;

/**
 * Reference data, cash, inventory, capacity and fee commands: the control plane of the matcher.
 * These are rare next to orders, so plain objects and collections are fine here; nothing iterates
 * a hash map into output.
 */
final class ReferenceDataHandler
{
    static final int ACTOR_OPERATOR = -1;
    static final int ACTOR_UNKNOWN = -2;
    private static final long HOUR_NS = 3_600_000_000_000L;
    private static final long AMOUNT_MAX_FEN = 1L << 60;
    private static final int ALL_ROLES = (1 << Codes.Role.NAMES.length) - 1;

    private final Matcher m;
    private final Participants participants;
    private final ParticipantCommand participantCommand = new ParticipantCommand();
    private final ProductCommand productCommand = new ProductCommand();
    private final ProductStatusCommand productStatusCommand = new ProductStatusCommand();
    private final CashCommand cashCommand = new CashCommand();
    private final InventoryCommand inventoryCommand = new InventoryCommand();
    private final CapacityCommand capacityCommand = new CapacityCommand();
    private final FeeScheduleCommand feeScheduleCommand = new FeeScheduleCommand();
    private final ReferenceDataEvent referenceDataEvent = new ReferenceDataEvent();
    private final ProductStatusEvent productStatusEvent = new ProductStatusEvent();
    private final CashEvent cashEvent = new CashEvent();
    private final InventoryEvent inventoryEvent = new InventoryEvent();
    private final FeeScheduleEvent feeScheduleEvent = new FeeScheduleEvent();
    /** Windows each (provider, node) is registered for, as [start, end) pairs: no node-hour sold twice. */
    private final Map<String, List<long[]>> nodeWindows = new HashMap<>();
    private final org.agrona.concurrent.UnsafeBuffer definitionView = new org.agrona.concurrent.UnsafeBuffer(new byte[0]);

    ReferenceDataHandler(final Matcher matcher)
    {
        this.m = matcher;
        this.participants = matcher.participants;
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
            case MessageType.PARTICIPANT:
                if (fits(type, length, ParticipantCommand.BLOCK_LENGTH))
                {
                    onParticipant((ParticipantCommand)participantCommand.wrap(buffer, offset));
                }
                break;
            case MessageType.PRODUCT:
                if (fits(type, length, ProductCommand.BLOCK_LENGTH))
                {
                    onProduct((ProductCommand)productCommand.wrap(buffer, offset));
                }
                break;
            case MessageType.PRODUCT_STATUS:
                if (fits(type, length, ProductStatusCommand.BLOCK_LENGTH))
                {
                    onProductStatus((ProductStatusCommand)productStatusCommand.wrap(buffer, offset));
                }
                break;
            case MessageType.DEPOSIT:
            case MessageType.WITHDRAW:
                if (fits(type, length, CashCommand.BLOCK_LENGTH))
                {
                    onCash(type, (CashCommand)cashCommand.wrap(buffer, offset));
                }
                break;
            case MessageType.INVENTORY:
                if (fits(type, length, InventoryCommand.BLOCK_LENGTH))
                {
                    onInventory((InventoryCommand)inventoryCommand.wrap(buffer, offset));
                }
                break;
            case MessageType.CAPACITY:
                if (fits(type, length, CapacityCommand.BLOCK_LENGTH))
                {
                    onCapacity((CapacityCommand)capacityCommand.wrap(buffer, offset));
                }
                break;
            case MessageType.PRODUCT_LIST_REQUEST:
                onProductListRequest();
                break;
            case MessageType.FEE_SCHEDULE:
                if (fits(type, length, FeeScheduleCommand.BLOCK_LENGTH))
                {
                    onFeeSchedule((FeeScheduleCommand)feeScheduleCommand.wrap(buffer, offset));
                }
                break;
            default:
                reject(type, RejectReason.UNKNOWN_COMMAND, -1);
                break;
        }
    }

    private boolean fits(final int type, final int length, final int blockLength)
    {
        if (length < blockLength)
        {
            reject(type, RejectReason.MALFORMED_COMMAND, -1);
            return false;
        }
        return true;
    }

    private void reject(final int type, final RejectReason reason, final int participant)
    {
        m.events.reject(m.sessionId, type, reason, participant, null, 0, 0);
    }

    /** A refusal of a command about a product: the event names the product (registered or not). */
    private void reject(
        final int type, final RejectReason reason, final int participant, final DirectBuffer b, final int productOffset)
    {
        m.events.reject(m.sessionId, type, reason, participant, null, 0, 0, b, productOffset);
    }

    /** The acting participant: {@link #ACTOR_OPERATOR} when the field is empty, {@link #ACTOR_UNKNOWN} when unregistered. */
    int actor(final DirectBuffer buffer, final int offset)
    {
        if (buffer.getByte(offset) == 0)
        {
            return ACTOR_OPERATOR;
        }
        final int p = m.participantIndex.get(buffer, offset);
        return p < 0 ? ACTOR_UNKNOWN : p;
    }

    /** Operator, or an admitted participant holding one of {@code roles}. */
    private boolean isAuthorised(final int actor, final int roles)
    {
        return actor == ACTOR_OPERATOR ||
            (actor >= 0 && participants.isAdmitted(actor) && (participants.roles(actor) & roles) != 0);
    }

    // ---- participants ----

    private void onParticipant(final ParticipantCommand cmd)
    {
        final DirectBuffer b = cmd.buffer();
        final int actor = actor(b, cmd.actorOffset());
        final int existing = m.participantIndex.get(b, cmd.participantIdOffset());
        RejectReason reason = null;
        if (!isAuthorised(actor, Role.ADMIN))
        {
            reason = RejectReason.NOT_AUTHORIZED;
        }
        else if (!Flyweight.isValidId(b, cmd.participantIdOffset(), Flyweight.PARTICIPANT_ID_LENGTH) ||
            (cmd.roles() & ~ALL_ROLES) != 0 ||
            cmd.qualification() < Codes.Grade.GENERAL || cmd.qualification() > Codes.Grade.CORE ||
            cmd.jurisdiction() < 0 || cmd.jurisdiction() > Codes.Jurisdiction.CROSS_BORDER ||
            cmd.status() < 0 || cmd.status() > Codes.ParticipantStatus.SUSPENDED)
        {
            reason = RejectReason.INVALID_DEFINITION;
        }
        else if (existing < 0 && m.participantIndex.isFull())
        {
            reason = RejectReason.CAPACITY_LIMIT;
        }
        if (null != reason)
        {
            reject(MessageType.PARTICIPANT, reason, existing);
            return;
        }
        final int p = existing >= 0 ? existing : m.participantIndex.add(b, cmd.participantIdOffset());
        if (existing < 0)
        {
            participants.add(cmd.participantId());
        }
        final boolean wasAdmitted = existing >= 0 && participants.isAdmitted(p);
        participants.define(p, cmd.roles(), cmd.qualification(), cmd.jurisdiction(), cmd.localTaxpayer(), cmd.status());
        final ReferenceDataEvent e = referenceDataEvent.wrapForEncode(m.events.buffer(), m.events.end(),
            existing >= 0 ? MessageType.PARTICIPANT_UPDATED : MessageType.PARTICIPANT_REGISTERED, cmd);
        e.participant(p);
        m.events.commit(e);
        if (wasAdmitted && !participants.isAdmitted(p))
        {
            m.cancelAllOf(p, CancelReason.PARTICIPANT_SUSPENDED);
        }
    }

    // ---- products ----

    private void onProduct(final ProductCommand cmd)
    {
        final DirectBuffer b = cmd.buffer();
        final int actor = actor(b, cmd.actorOffset());
        final RejectReason reason = checkProduct(cmd, actor);
        if (null != reason)
        {
            reject(MessageType.PRODUCT, reason, actor >= 0 ? actor : -1, b, cmd.productIdOffset());
            return;
        }
        final int sponsor = b.getByte(cmd.sponsorOffset()) == 0 ? -1 : m.participantIndex.get(b, cmd.sponsorOffset());
        final int index = m.productIndex.add(b, cmd.productIdOffset());
        m.products[index] = Product.define(index, cmd, sponsor, m.ctx.bookLevelsInitial());
        if (m.products[index].isCompute())
        {
            m.trackDeliveryWindow(m.products[index]);
        }
        final ReferenceDataEvent e = referenceDataEvent.wrapForEncode(
            m.events.buffer(), m.events.end(), MessageType.PRODUCT_REGISTERED, cmd);
        e.product(index).participant(sponsor);
        m.events.commit(e);
    }

    /** Every product in index order, as it is now: for a gateway that joined late or restarted. */
    private void onProductListRequest()
    {
        final org.agrona.concurrent.UnsafeBuffer definition = definitionView;
        for (int i = 0; i < m.productIndex.size(); i++)
        {
            final Product product = m.products[i];
            definition.wrap(product.definition);
            productCommand.wrap(definition, 0);
            final ReferenceDataEvent e = referenceDataEvent.wrapForEncode(
                m.events.buffer(), m.events.end(), MessageType.PRODUCT_SNAPSHOT, productCommand);
            e.product(i).participant(product.sponsor).qty(product.referencePriceFen()).availableQty(product.status);
            m.events.commit(e);
        }
    }

    private RejectReason checkProduct(final ProductCommand cmd, final int actor)
    {
        final DirectBuffer b = cmd.buffer();
        if (!isAuthorised(actor, Role.ADMIN))
        {
            return RejectReason.NOT_AUTHORIZED;
        }
        if (!Flyweight.isValidId(b, cmd.productIdOffset(), Flyweight.PRODUCT_ID_LENGTH))
        {
            return RejectReason.INVALID_DEFINITION;
        }
        if (m.productIndex.get(b, cmd.productIdOffset()) >= 0)
        {
            return RejectReason.DUPLICATE_ID;
        }
        if (m.productIndex.isFull())
        {
            return RejectReason.CAPACITY_LIMIT;
        }
        final byte kind = cmd.kind();
        if (kind < ProductKind.DATA || kind > ProductKind.ALGORITHM ||
            cmd.grade() < Codes.Grade.GENERAL || cmd.grade() > Codes.Grade.CORE ||
            cmd.rights() < 0 || cmd.rights() >= Codes.RightsType.NAMES.length ||
            cmd.delivery() < 0 || cmd.delivery() >= Codes.DeliveryMode.NAMES.length ||
            cmd.status() < ProductStatus.REGISTERED || cmd.status() > ProductStatus.DELISTED ||
            cmd.tickFen() <= 0 || cmd.tickFen() > Matcher.PRICE_MAX_FEN ||
            cmd.lotQty() <= 0 || cmd.lotQty() > Matcher.QTY_MAX ||
            cmd.bandBps() < -1 || cmd.bandBps() > 10_000 ||
            cmd.referencePriceFen() < 0 || cmd.referencePriceFen() > Matcher.PRICE_MAX_FEN ||
            (cmd.bandBps() >= 0 && cmd.referencePriceFen() == 0) ||
            cmd.usagePerLot() < 0 || cmd.usagePerLot() > 1_000_000 || cmd.termDays() < 0 || cmd.termDays() > 36_500)
        {
            return RejectReason.INVALID_DEFINITION;
        }
        if (kind == ProductKind.COMPUTE)
        {
            if (b.getByte(cmd.hardwareOffset()) == 0 || b.getByte(cmd.regionOffset()) == 0)
            {
                return RejectReason.INVALID_DEFINITION;
            }
            final long start = cmd.windowStartNs();
            final long end = cmd.windowEndNs();
            if (start <= 0 || end <= start || start % HOUR_NS != 0 || end % HOUR_NS != 0)
            {
                return RejectReason.INVALID_WINDOW;
            }
        }
        if (b.getByte(cmd.sponsorOffset()) != 0)
        {
            final int sponsor = m.participantIndex.get(b, cmd.sponsorOffset());
            if (sponsor < 0 || !participants.hasRole(sponsor, Role.DATA_SPONSOR))
            {
                return RejectReason.SPONSOR_REQUIRED;
            }
        }
        if (cmd.grade() == Codes.Grade.CORE && cmd.status() == ProductStatus.LISTED)
        {
            return RejectReason.CORE_DATA_NOT_TRADABLE;
        }
        // A participant admin registers products for review; only the operator loads them already reviewed or listed.
        if (actor != ACTOR_OPERATOR && cmd.status() != ProductStatus.REGISTERED)
        {
            return RejectReason.INVALID_STATUS_TRANSITION;
        }
        return null;
    }

    private void onProductStatus(final ProductStatusCommand cmd)
    {
        final DirectBuffer b = cmd.buffer();
        final int actor = actor(b, cmd.actorOffset());
        final int index = m.productIndex.get(b, cmd.productIdOffset());
        final byte to = cmd.status();
        RejectReason reason = null;
        Product product = null;
        if (index < 0)
        {
            reason = RejectReason.UNKNOWN_PRODUCT;
        }
        else
        {
            product = m.products[index];
            final boolean halting = to == ProductStatus.SUSPENDED || to == ProductStatus.DELISTED;
            if (!isAuthorised(actor, halting ? Role.ADMIN | Role.REGULATOR : Role.ADMIN))
            {
                reason = RejectReason.NOT_AUTHORIZED;
            }
            else if (!isAllowedTransition(product.status, to))
            {
                reason = RejectReason.INVALID_STATUS_TRANSITION;
            }
            else if (to == ProductStatus.COMPLIANCE_REVIEWED && product.kind == ProductKind.DATA && product.sponsor < 0)
            {
                reason = RejectReason.SPONSOR_REQUIRED;
            }
            else if (to == ProductStatus.LISTED && product.grade == Codes.Grade.CORE)
            {
                reason = RejectReason.CORE_DATA_NOT_TRADABLE;
            }
        }
        if (null != reason)
        {
            reject(MessageType.PRODUCT_STATUS, reason, actor >= 0 ? actor : -1, b, cmd.productIdOffset());
            return;
        }
        final byte from = product.status;
        product.status = to;
        final ProductStatusEvent e = productStatusEvent;
        e.wrapForEncode(m.events.buffer(), m.events.end(), m.sessionId);
        e.product(index).fromStatus(from).toStatus(to).actor(actor >= 0 ? actor : -1);
        m.events.commit(e);
        if (to == ProductStatus.SUSPENDED || to == ProductStatus.DELISTED)
        {
            m.cancelAllOf(product, CancelReason.PRODUCT_HALTED);
        }
    }

    static boolean isAllowedTransition(final byte from, final byte to)
    {
        switch (from)
        {
            case ProductStatus.REGISTERED:
                return to == ProductStatus.COMPLIANCE_REVIEWED || to == ProductStatus.DELISTED;
            case ProductStatus.COMPLIANCE_REVIEWED:
                return to == ProductStatus.LISTED || to == ProductStatus.DELISTED;
            case ProductStatus.LISTED:
                return to == ProductStatus.SUSPENDED || to == ProductStatus.DELISTED;
            case ProductStatus.SUSPENDED:
                return to == ProductStatus.LISTED || to == ProductStatus.DELISTED;
            default:
                return false;
        }
    }

    // ---- cash ----

    private void onCash(final int type, final CashCommand cmd)
    {
        final DirectBuffer b = cmd.buffer();
        final int p = m.participantIndex.get(b, cmd.participantIdOffset());
        final long amount = cmd.amountFen();
        RejectReason reason = null;
        if (p < 0)
        {
            reason = RejectReason.UNKNOWN_PARTICIPANT;
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
            m.events.reject(m.sessionId, type, reason, p, b, cmd.requestIdOffset(), 0);
            return;
        }
        if (type == MessageType.DEPOSIT)
        {
            participants.credit(p, amount);
            m.depositsFen += amount;
        }
        else
        {
            participants.debit(p, amount);
            m.withdrawalsFen += amount;
        }
        final CashEvent e = cashEvent;
        e.wrapForEncode(m.events.buffer(), m.events.end(), m.sessionId,
            type == MessageType.DEPOSIT ? MessageType.CASH_DEPOSITED : MessageType.CASH_WITHDRAWN);
        e.participant(p).amountFen(amount)
            .availableFen(participants.cashAvailableFen(p)).reservedFen(participants.cashReservedFen(p));
        m.events.commit(e);
    }

    // ---- inventory and capacity ----

    private void onInventory(final InventoryCommand cmd)
    {
        final DirectBuffer b = cmd.buffer();
        final int p = m.participantIndex.get(b, cmd.participantIdOffset());
        final int q = m.productIndex.get(b, cmd.productIdOffset());
        final long qty = cmd.qty();
        RejectReason reason = null;
        if (p < 0)
        {
            reason = RejectReason.UNKNOWN_PARTICIPANT;
        }
        else if (q < 0)
        {
            reason = RejectReason.UNKNOWN_PRODUCT;
        }
        else if (m.products[q].isCompute())
        {
            reason = RejectReason.WRONG_PRODUCT_KIND;
        }
        else if (!participants.hasRole(p, Role.DATA_SUPPLIER | Role.DATA_BROKER))
        {
            reason = RejectReason.ROLE_NOT_PERMITTED;
        }
        else if (qty <= 0 || qty > Matcher.QTY_MAX ||
            m.positions.owned(m.positions.find(p, q)) > Matcher.QTY_MAX - qty)
        {
            reason = RejectReason.INVALID_QUANTITY;
        }
        if (null != reason)
        {
            reject(MessageType.INVENTORY, reason, p, b, cmd.productIdOffset());
            return;
        }
        final Positions positions = m.positions;
        final int slot = positions.findOrCreate(p, q);
        positions.addOwned(slot, qty);
        final InventoryEvent e = inventoryEvent;
        e.wrapForEncode(m.events.buffer(), m.events.end(), m.sessionId);
        e.participant(p).product(q).qty(qty).availableQty(positions.sellable(slot));
        m.events.commit(e);
    }

    private void onCapacity(final CapacityCommand cmd)
    {
        final DirectBuffer b = cmd.buffer();
        final int p = m.participantIndex.get(b, cmd.participantIdOffset());
        final int q = m.productIndex.get(b, cmd.productIdOffset());
        RejectReason reason = null;
        if (!cmd.isWellFormed())
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
        else if (!m.products[q].isCompute())
        {
            reason = RejectReason.WRONG_PRODUCT_KIND;
        }
        else if (!participants.hasRole(p, Role.COMPUTE_PROVIDER))
        {
            reason = RejectReason.ROLE_NOT_PERMITTED;
        }
        else if (m.products[q].status == ProductStatus.DELISTED)
        {
            reason = RejectReason.PRODUCT_NOT_LISTED;
        }
        else
        {
            reason = checkNodes(cmd, p, m.products[q]);
        }
        if (null != reason)
        {
            reject(MessageType.CAPACITY, reason, p, b, cmd.productIdOffset());
            return;
        }
        final Product product = m.products[q];
        final String provider = participants.id(p);
        for (int i = 0; i < cmd.nodeCount(); i++)
        {
            nodeWindows.computeIfAbsent(provider + '/' + cmd.node(i), k -> new ArrayList<>())
                .add(new long[]{product.windowStartNs, product.windowEndNs});
        }
        final long nodeHours = cmd.nodeCount() * product.windowHours();
        final int slot = m.positions.findOrCreate(p, q);
        m.positions.addOwned(slot, nodeHours);
        final ReferenceDataEvent e = referenceDataEvent.wrapForEncode(
            m.events.buffer(), m.events.end(), MessageType.CAPACITY_REGISTERED, cmd);
        e.participant(p).product(q).qty(nodeHours).availableQty(m.positions.sellable(slot));
        m.events.commit(e);
    }

    private RejectReason checkNodes(final CapacityCommand cmd, final int p, final Product product)
    {
        final String provider = participants.id(p);
        final int n = cmd.nodeCount();
        for (int i = 0; i < n; i++)
        {
            final String node = cmd.node(i);
            if (node.isEmpty())
            {
                return RejectReason.MALFORMED_COMMAND;
            }
            for (int j = 0; j < i; j++)
            {
                if (node.equals(cmd.node(j)))
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

    // ---- fees ----

    private void onFeeSchedule(final FeeScheduleCommand cmd)
    {
        final int actor = actor(cmd.buffer(), cmd.actorOffset());
        RejectReason reason = null;
        if (!isAuthorised(actor, Role.ADMIN))
        {
            reason = RejectReason.NOT_AUTHORIZED;
        }
        else if (cmd.kind() < ProductKind.DATA || cmd.kind() > ProductKind.ALGORITHM ||
            cmd.makerBps() < 0 || cmd.makerBps() > 10_000 || cmd.takerBps() < 0 || cmd.takerBps() > 10_000)
        {
            reason = RejectReason.INVALID_FEE;
        }
        if (null != reason)
        {
            reject(MessageType.FEE_SCHEDULE, reason, actor >= 0 ? actor : -1);
            return;
        }
        m.makerFeeBps[cmd.kind()] = cmd.makerBps();
        m.takerFeeBps[cmd.kind()] = cmd.takerBps();
        final FeeScheduleEvent e = feeScheduleEvent;
        e.wrapForEncode(m.events.buffer(), m.events.end(), m.sessionId);
        e.kind(cmd.kind()).makerBps(cmd.makerBps()).takerBps(cmd.takerBps());
        m.events.commit(e);
    }
}
