package io.databourse.settlement.ledger;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

import io.databourse.journal.sbe.CashEventDecoder;
import io.databourse.journal.sbe.InventoryEventDecoder;
import io.databourse.journal.sbe.OrderEventDecoder;
import io.databourse.journal.sbe.ReferenceDataEventDecoder;
import io.databourse.journal.sbe.TradeEventDecoder;
import io.databourse.journal.schema.Codecs;
import io.databourse.journal.schema.Codes;
import io.databourse.journal.schema.MessageType;
import io.databourse.settlement.ref.ReferenceData;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2LongHashMap;

/**
 * Double-entry ledger in fen, plus the unit holdings that trades deliver. Pure state machine over
 * journal events (no I/O): the same class settles in {@link LedgerStage} and values positions in
 * the Positions stage.
 * <p>Accounts are liabilities of the exchange, indexed densely:
 * <pre>
 *   0 EXTERNAL  the world outside: deposits come from it, withdrawals go to it (the only account
 *               allowed below zero; its balance is -(deposits - withdrawals))
 *   1 FEES      exchange fee income
 *   2 ESCROW    transit account of a delivery-versus-payment posting set; zero between sets
 *   3 + 2p      participant p cash available
 *   4 + 2p      participant p cash reserved (for resting buy orders)
 * </pre>
 * Every movement is a transfer (debit one account, credit another, same amount), grouped in
 * posting sets that apply atomically: all legs or none. The ledger posts the amounts the matcher
 * decided, as its events carry them, and derives none of its rules: a buy's reservation (on
 * accept, replace, cancel and expiry: {@link OrderEventDecoder#reservedFen}; after each fill:
 * {@link TradeEventDecoder#buyReservedFen}), each fill's fees, and the units it delivers (its quantity).
 * A trade settles in one set: buyer reserved (and available, if the release falls short) to escrow
 * for value + buyer fee, escrow to seller for value - seller fee, escrow to fees for both fees, the
 * unused part of the released reservation back to available, and in the same step the units move
 * seller to buyer.
 * <p>Paired with the matcher's arithmetic, not a copy of it (TigerBeetle's pairing of assertions):
 * the ledger keeps what each open buy holds as the sum of what its events posted, and fails the
 * stage when an event disagrees with it: a cancel or expiry that releases another amount than the
 * order holds, a fill that would leave the order holding more than before, a finished order still
 * holding cash. Invariants (checked at every checkpoint): every account but EXTERNAL is &gt;= 0,
 * ESCROW is 0, all accounts sum to 0, so participant and exchange accounts sum to deposits -
 * withdrawals; reserved cash equals the sum of the open buy orders' reservations; units of each
 * product sum to the units issued (inventory and capacity registered), none negative.
 */
public final class Ledger
{
    public static final int EXTERNAL = 0;
    public static final int FEES = 1;
    public static final int ESCROW = 2;
    private static final int PARTICIPANT_BASE = 3;
    private static final int LEGS_MAX = 8;
    private static final long NO_VALUE = Long.MIN_VALUE;

    private final ReferenceData ref;
    private final MovementListener listener;
    private final long[] balancesFen;
    private final long[] issuedQty;
    /** (participant << 32 | product) -> units held. */
    private final Long2LongHashMap holdingsQty = new Long2LongHashMap(NO_VALUE);
    /** Open buy order id -> cash reserved for it: the sum of what its events posted. */
    private final Long2LongHashMap orderReservedFen = new Long2LongHashMap(NO_VALUE);

    private final int[] legDebit = new int[LEGS_MAX];
    private final int[] legCredit = new int[LEGS_MAX];
    private final long[] legAmountFen = new long[LEGS_MAX];
    private int legCount;

    private long depositsFen;
    private long withdrawalsFen;
    private long postingSetCount;
    /** Legs committed by this object (not checkpointed: a throughput figure for this run only). */
    private long legsPostedThisRun;
    private long tradeCount;
    private long tradeValueFen;
    /** Times the matcher's reported balances differed from ours (reconciliation, not fatal). */
    private long reconciliationMismatches;

    private final CashEventDecoder cashEvent = new CashEventDecoder();
    private final OrderEventDecoder orderEvent = new OrderEventDecoder();
    private final TradeEventDecoder tradeEvent = new TradeEventDecoder();
    private final InventoryEventDecoder inventoryEvent = new InventoryEventDecoder();
    private final ReferenceDataEventDecoder refEvent = new ReferenceDataEventDecoder();

    public Ledger(final ReferenceData ref, final MovementListener listener)
    {
        this.ref = ref;
        this.listener = null == listener ? MovementListener.NONE : listener;
        this.balancesFen = new long[PARTICIPANT_BASE + 2 * ref.participantsMax()];
        this.issuedQty = new long[ref.productsMax()];
    }

    public static int availableAccount(final int participant)
    {
        return PARTICIPANT_BASE + 2 * participant;
    }

    public static int reservedAccount(final int participant)
    {
        return PARTICIPANT_BASE + 2 * participant + 1;
    }

    /** Applies one event of a record (call {@link ReferenceData#onEvent} first). */
    public void onEvent(final long seq, final long timeNs, final int type, final DirectBuffer buffer, final int offset)
    {
        switch (type)
        {
            case MessageType.CASH_DEPOSITED:
            case MessageType.CASH_WITHDRAWN:
                onCash(seq, timeNs, type, buffer, offset);
                break;
            case MessageType.ORDER_ACCEPTED:
            case MessageType.ORDER_REPLACED:
                Codecs.wrap(orderEvent, buffer, offset);
                if (Codes.Side.BUY == orderEvent.side())
                {
                    onBuyReservation(seq, type, orderEvent);
                }
                else if (0 != orderEvent.reservedFen())
                {
                    throw new LedgerException("sell order " + orderEvent.orderId() + " reserves cash at seq " + seq);
                }
                break;
            case MessageType.ORDER_CANCELLED:
            case MessageType.ORDER_EXPIRED:
                Codecs.wrap(orderEvent, buffer, offset);
                if (Codes.Side.BUY == orderEvent.side())
                {
                    onBuyEnded(seq, orderEvent);
                }
                break;
            case MessageType.TRADE:
                Codecs.wrap(tradeEvent, buffer, offset);
                onTrade(seq, timeNs, tradeEvent);
                break;
            case MessageType.INVENTORY_ADDED:
                Codecs.wrap(inventoryEvent, buffer, offset);
                issue(inventoryEvent.participant(), inventoryEvent.product(), inventoryEvent.qty());
                break;
            case MessageType.CAPACITY_REGISTERED:
                Codecs.wrap(refEvent, buffer, offset);
                issue(refEvent.participant(), refEvent.product(), refEvent.qty());
                break;
            default:
                break;
        }
    }

    private void onCash(final long seq, final long timeNs, final int type, final DirectBuffer buffer, final int offset)
    {
        Codecs.wrap(cashEvent, buffer, offset);
        final int p = ref.checkParticipant(cashEvent.participant());
        final long amountFen = cashEvent.amountFen();
        if (amountFen <= 0)
        {
            throw new LedgerException("cash amount must be positive at seq " + seq + ": " + amountFen);
        }
        begin();
        if (MessageType.CASH_DEPOSITED == type)
        {
            leg(EXTERNAL, availableAccount(p), amountFen);
            commit();
            depositsFen = Math.addExact(depositsFen, amountFen);
        }
        else
        {
            leg(availableAccount(p), EXTERNAL, amountFen);
            commit();
            withdrawalsFen = Math.addExact(withdrawalsFen, amountFen);
        }
        reconcile(p, cashEvent.availableFen(), cashEvent.reservedFen());
        listener.onCash(seq, timeNs, p, type, amountFen, available(p), reserved(p));
    }

    private void reconcile(final int p, final long matcherAvailableFen, final long matcherReservedFen)
    {
        if (matcherAvailableFen != available(p) || matcherReservedFen != reserved(p))
        {
            reconciliationMismatches++;
        }
    }

    /**
     * Accepted or replaced buy: moves cash between available and reserved until the order holds what
     * the event says the matcher reserved for it.
     */
    private void onBuyReservation(final long seq, final int type, final OrderEventDecoder order)
    {
        final long orderId = order.orderId();
        final int p = ref.checkParticipant(order.participant());
        final long targetFen = order.reservedFen();
        final long heldFen = orderReservedFen.get(orderId);
        if (targetFen < 0)
        {
            throw new LedgerException("buy order " + orderId + " reserves " + targetFen + " fen at seq " + seq);
        }
        if ((MessageType.ORDER_ACCEPTED == type) != (NO_VALUE == heldFen))
        {
            throw new LedgerException((NO_VALUE == heldFen ? "replace of unknown buy order " : "second accept of buy order ") +
                orderId + " at seq " + seq);
        }
        final long previousFen = NO_VALUE == heldFen ? 0 : heldFen;
        begin();
        if (targetFen > previousFen)
        {
            leg(availableAccount(p), reservedAccount(p), targetFen - previousFen);
        }
        else
        {
            leg(reservedAccount(p), availableAccount(p), previousFen - targetFen);
        }
        commit();
        // a replace down to the filled quantity is a cancel: an accepted or replaced buy is open
        assert order.leavesQty() > 0 : "open buy " + orderId + " with no quantity at seq " + seq;
        orderReservedFen.put(orderId, targetFen);
        assert reserved(p) >= targetFen : "participant reserves less than its order";
    }

    /** Cancelled or expired buy: releases what the event says, which must be what the order holds. */
    private void onBuyEnded(final long seq, final OrderEventDecoder order)
    {
        final long orderId = order.orderId();
        final int p = ref.checkParticipant(order.participant());
        final long releasedFen = order.reservedFen();
        final long heldFen = orderReservedFen.remove(orderId);
        if ((NO_VALUE == heldFen ? 0 : heldFen) != releasedFen)
        {
            throw new LedgerException("buy order " + orderId + " ends at seq " + seq + " releasing " + releasedFen +
                " fen; the ledger holds " + (NO_VALUE == heldFen ? "nothing" : heldFen + " fen") + " for it");
        }
        begin();
        leg(reservedAccount(p), availableAccount(p), releasedFen);
        commit();
    }

    private void onTrade(final long seq, final long timeNs, final TradeEventDecoder trade)
    {
        final int buyer = ref.checkParticipant(trade.buyer());
        final int seller = ref.checkParticipant(trade.seller());
        final int product = ref.checkProduct(trade.product());
        final long qty = trade.qty();
        final long priceFen = trade.priceFen();
        final long buyFeeFen = trade.buyFeeFen();
        final long sellFeeFen = trade.sellFeeFen();
        if (qty <= 0 || priceFen <= 0 || buyFeeFen < 0 || sellFeeFen < 0)
        {
            throw new LedgerException("malformed trade " + trade.tradeId() + " at seq " + seq);
        }
        final long valueFen = Math.multiplyExact(priceFen, qty);
        if (sellFeeFen > valueFen)
        {
            throw new LedgerException("seller fee exceeds trade value on trade " + trade.tradeId());
        }
        final long payFen = Math.addExact(valueFen, buyFeeFen);

        // The fill releases the reservation of the filled quantity: what the order held before, less
        // what the matcher says it holds after.
        final long buyOrderId = trade.buyOrderId();
        final long heldFen = orderReservedFen.get(buyOrderId);
        final long stillReservedFen = trade.buyReservedFen();
        if (NO_VALUE == heldFen)
        {
            throw new LedgerException("trade " + trade.tradeId() + " fills buy order " + buyOrderId +
                ", which the ledger holds no reservation for, at seq " + seq);
        }
        if (stillReservedFen < 0 || stillReservedFen > heldFen || (trade.buyLeavesQty() == 0 && stillReservedFen != 0))
        {
            throw new LedgerException("trade " + trade.tradeId() + " leaves buy order " + buyOrderId + " holding " +
                stillReservedFen + " fen of the " + heldFen + " it held" +
                (trade.buyLeavesQty() == 0 ? " with nothing left to buy" : "") + ", at seq " + seq);
        }
        final long releasedFen = heldFen - stillReservedFen;
        final long fromReservedFen = Math.min(payFen, releasedFen);
        final long fromAvailableFen = payFen - fromReservedFen;

        // Units first: validated before any cash moves, so the whole set is all-or-nothing.
        final long sellerKey = holdingKey(seller, product);
        final long sellerQty = holding(sellerKey);
        if (sellerQty < qty)
        {
            throw new LedgerException("seller " + ref.participantId(seller) + " holds " + sellerQty + " units of " +
                ref.productId(product) + ", trade " + trade.tradeId() + " delivers " + qty);
        }

        final long buyerCashBeforeFen = available(buyer) + reserved(buyer);
        final long sellerCashBeforeFen = available(seller) + reserved(seller);
        final long feesBeforeFen = balancesFen[FEES];
        begin();
        leg(reservedAccount(buyer), ESCROW, fromReservedFen);
        leg(availableAccount(buyer), ESCROW, fromAvailableFen);
        leg(reservedAccount(buyer), availableAccount(buyer), releasedFen - fromReservedFen);
        leg(ESCROW, availableAccount(seller), valueFen - sellFeeFen);
        leg(ESCROW, FEES, Math.addExact(buyFeeFen, sellFeeFen));
        commit();
        // what moved is what the event says, and the trade created or destroyed no cash
        assert available(buyer) + reserved(buyer) == buyerCashBeforeFen - payFen : "buyer paid other than the trade's amount";
        assert available(seller) + reserved(seller) == sellerCashBeforeFen + valueFen - sellFeeFen :
            "seller received other than the trade's amount";
        assert balancesFen[FEES] == feesBeforeFen + buyFeeFen + sellFeeFen : "fees other than the trade's";
        assert reserved(buyer) >= stillReservedFen : "buyer reserves less than its order still holds";

        final long buyerKey = holdingKey(buyer, product);
        holdingsQty.put(sellerKey, sellerQty - qty);
        holdingsQty.put(buyerKey, Math.addExact(holding(buyerKey), qty));

        if (trade.buyLeavesQty() > 0)
        {
            orderReservedFen.put(buyOrderId, stillReservedFen);
        }
        else
        {
            orderReservedFen.remove(buyOrderId); // done, holding nothing (checked above)
        }
        tradeCount++;
        tradeValueFen = Math.addExact(tradeValueFen, valueFen);
        listener.onFill(seq, timeNs, buyer, Codes.Side.BUY, trade, -payFen, buyFeeFen, available(buyer), reserved(buyer));
        listener.onFill(
            seq, timeNs, seller, Codes.Side.SELL, trade, valueFen - sellFeeFen, sellFeeFen, available(seller),
            reserved(seller));
    }

    private void issue(final int participant, final int product, final long qty)
    {
        ref.checkParticipant(participant);
        ref.checkProduct(product);
        if (qty < 0)
        {
            throw new LedgerException("negative units issued: " + qty);
        }
        final long key = holdingKey(participant, product);
        holdingsQty.put(key, Math.addExact(holding(key), qty));
        issuedQty[product] = Math.addExact(issuedQty[product], qty);
    }

    // ---- posting sets ----

    private void begin()
    {
        legCount = 0;
    }

    private void leg(final int debitAccount, final int creditAccount, final long amountFen)
    {
        if (amountFen < 0)
        {
            throw new LedgerException("negative leg amount " + amountFen);
        }
        if (0 == amountFen)
        {
            return;
        }
        assert legCount < LEGS_MAX : "more than " + LEGS_MAX + " legs in a posting set";
        assert debitAccount != creditAccount : "a leg from account " + debitAccount + " to itself";
        legDebit[legCount] = debitAccount;
        legCredit[legCount] = creditAccount;
        legAmountFen[legCount] = amountFen;
        legCount++;
    }

    /** Applies all legs or none: a leg that would leave an account below zero rolls the set back. */
    private void commit()
    {
        int applied = 0;
        try
        {
            for (; applied < legCount; applied++)
            {
                final int debit = legDebit[applied];
                final int credit = legCredit[applied];
                final long amountFen = legAmountFen[applied];
                final long debitAfter = Math.subtractExact(balancesFen[debit], amountFen);
                final long creditAfter = Math.addExact(balancesFen[credit], amountFen);
                if (debitAfter < 0 && EXTERNAL != debit)
                {
                    throw new LedgerException("posting would overdraw account " + accountName(debit) + " by " +
                        (-debitAfter) + " fen");
                }
                balancesFen[debit] = debitAfter;
                balancesFen[credit] = creditAfter;
            }
        }
        catch (final ArithmeticException | LedgerException ex)
        {
            for (int i = applied - 1; i >= 0; i--)
            {
                balancesFen[legDebit[i]] += legAmountFen[i];
                balancesFen[legCredit[i]] -= legAmountFen[i];
            }
            throw ex instanceof LedgerException ? (LedgerException)ex : new LedgerException(ex.toString());
        }
        if (0 != balancesFen[ESCROW])
        {
            throw new LedgerException("escrow not zero after a posting set: " + balancesFen[ESCROW]);
        }
        postingSetCount++;
        legsPostedThisRun += legCount;
    }

    // ---- queries ----

    public String accountName(final int account)
    {
        switch (account)
        {
            case EXTERNAL: return "exchange.external";
            case FEES: return "exchange.fees";
            case ESCROW: return "exchange.escrow";
            default:
                final int p = (account - PARTICIPANT_BASE) / 2;
                return ref.participantId(p) + ((account - PARTICIPANT_BASE) % 2 == 0 ? ".available" : ".reserved");
        }
    }

    public long balanceFen(final int account)
    {
        return balancesFen[account];
    }

    public long available(final int participant)
    {
        return balancesFen[availableAccount(participant)];
    }

    public long reserved(final int participant)
    {
        return balancesFen[reservedAccount(participant)];
    }

    public long holding(final int participant, final int product)
    {
        return holding(holdingKey(participant, product));
    }

    private long holding(final long key)
    {
        final long qty = holdingsQty.get(key);
        return NO_VALUE == qty ? 0 : qty;
    }

    private static long holdingKey(final int participant, final int product)
    {
        return ((long)participant << 32) | (product & 0xFFFF_FFFFL);
    }

    public long issuedQty(final int product)
    {
        return issuedQty[product];
    }

    public long depositsFen()
    {
        return depositsFen;
    }

    public long withdrawalsFen()
    {
        return withdrawalsFen;
    }

    public long postingSetCount()
    {
        return postingSetCount;
    }

    /**
     * Legs (single debit/credit postings) committed since this ledger was created or restored: not
     * part of the checkpoint, so it counts this process's work only (benchmarks).
     */
    public long legsPostedThisRun()
    {
        return legsPostedThisRun;
    }

    public long tradeCount()
    {
        return tradeCount;
    }

    public long tradeValueFen()
    {
        return tradeValueFen;
    }

    public long reconciliationMismatches()
    {
        return reconciliationMismatches;
    }

    public int openBuyOrderCount()
    {
        return orderReservedFen.size();
    }

    /** Visits every (participant, product, qty) holding with a non-zero quantity. */
    public void forEachHolding(final HoldingVisitor visitor)
    {
        holdingsQty.forEachLong((key, qty) ->
        {
            if (0 != qty)
            {
                visitor.onHolding((int)(key >>> 32), (int)key, qty);
            }
        });
    }

    /** Throws {@link LedgerException} when an invariant is broken. */
    public void checkInvariants()
    {
        long sumFen = 0;
        long sumReservedFen = 0;
        for (int a = 0; a < balancesFen.length; a++)
        {
            if (a != EXTERNAL && balancesFen[a] < 0)
            {
                throw new LedgerException("negative balance on " + accountName(a) + ": " + balancesFen[a]);
            }
            sumFen = Math.addExact(sumFen, balancesFen[a]);
            if (a >= PARTICIPANT_BASE && (a - PARTICIPANT_BASE) % 2 == 1)
            {
                sumReservedFen += balancesFen[a];
            }
        }
        if (0 != sumFen)
        {
            throw new LedgerException("accounts do not sum to zero: " + sumFen);
        }
        if (0 != balancesFen[ESCROW])
        {
            throw new LedgerException("escrow not zero: " + balancesFen[ESCROW]);
        }
        if (-balancesFen[EXTERNAL] != depositsFen - withdrawalsFen)
        {
            throw new LedgerException("balances " + (-balancesFen[EXTERNAL]) + " != deposits - withdrawals " +
                (depositsFen - withdrawalsFen));
        }
        final long[] openReservedFen = {0};
        orderReservedFen.forEachLong((orderId, fen) -> openReservedFen[0] += fen);
        if (openReservedFen[0] != sumReservedFen)
        {
            throw new LedgerException("reserved cash " + sumReservedFen + " != open buy reservations " +
                openReservedFen[0]);
        }
        final long[] heldQty = new long[issuedQty.length];
        holdingsQty.forEachLong((key, qty) ->
        {
            if (qty < 0)
            {
                throw new LedgerException("negative holding " + qty);
            }
            heldQty[(int)key] += qty;
        });
        for (int i = 0; i < issuedQty.length; i++)
        {
            if (heldQty[i] != issuedQty[i])
            {
                throw new LedgerException("units of product " + i + " held " + heldQty[i] + " != issued " + issuedQty[i]);
            }
        }
    }

    public void writeSnapshot(final DataOutput out) throws IOException
    {
        final int accounts = PARTICIPANT_BASE + 2 * ref.participantCount();
        out.writeInt(accounts);
        for (int a = 0; a < accounts; a++)
        {
            out.writeLong(balancesFen[a]);
        }
        final int products = ref.productCount();
        out.writeInt(products);
        for (int i = 0; i < products; i++)
        {
            out.writeLong(issuedQty[i]);
        }
        writeMap(out, holdingsQty);
        writeMap(out, orderReservedFen);
        out.writeLong(depositsFen);
        out.writeLong(withdrawalsFen);
        out.writeLong(postingSetCount);
        out.writeLong(tradeCount);
        out.writeLong(tradeValueFen);
        out.writeLong(reconciliationMismatches);
    }

    public void readSnapshot(final DataInput in) throws IOException
    {
        final int accounts = in.readInt();
        if (accounts < PARTICIPANT_BASE || accounts > balancesFen.length)
        {
            throw new IOException("snapshot holds " + accounts + " accounts, limit " + balancesFen.length);
        }
        java.util.Arrays.fill(balancesFen, 0);
        for (int a = 0; a < accounts; a++)
        {
            balancesFen[a] = in.readLong();
        }
        final int products = in.readInt();
        if (products < 0 || products > issuedQty.length)
        {
            throw new IOException("snapshot holds " + products + " products, limit " + issuedQty.length);
        }
        java.util.Arrays.fill(issuedQty, 0);
        for (int i = 0; i < products; i++)
        {
            issuedQty[i] = in.readLong();
        }
        readMap(in, holdingsQty);
        readMap(in, orderReservedFen);
        depositsFen = in.readLong();
        withdrawalsFen = in.readLong();
        postingSetCount = in.readLong();
        tradeCount = in.readLong();
        tradeValueFen = in.readLong();
        reconciliationMismatches = in.readLong();
    }

    static void writeMap(final DataOutput out, final Long2LongHashMap map) throws IOException
    {
        out.writeInt(map.size());
        final Long2LongHashMap.EntryIterator it = map.entrySet().iterator();
        while (it.hasNext())
        {
            it.next();
            out.writeLong(it.getLongKey());
            out.writeLong(it.getLongValue());
        }
    }

    static void readMap(final DataInput in, final Long2LongHashMap map) throws IOException
    {
        map.clear();
        final int n = in.readInt();
        if (n < 0)
        {
            throw new IOException("negative map size");
        }
        for (int i = 0; i < n; i++)
        {
            final long key = in.readLong();
            map.put(key, in.readLong());
        }
    }

    /** Receives each participant cash movement (statements). */
    public interface MovementListener
    {
        MovementListener NONE = new MovementListener()
        {
        };

        default void onCash(
            final long seq, final long timeNs, final int participant, final int type, final long amountFen,
            final long availableFen, final long reservedFen)
        {
        }

        /** {@code cashChangeFen}: signed change of the participant's total cash, fee included. */
        default void onFill(
            final long seq, final long timeNs, final int participant, final byte side, final TradeEventDecoder trade,
            final long cashChangeFen, final long feeFen, final long availableFen, final long reservedFen)
        {
        }
    }

    /** Receives holdings. */
    @FunctionalInterface
    public interface HoldingVisitor
    {
        void onHolding(int participant, int product, long qty);
    }
}
