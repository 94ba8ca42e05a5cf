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
 * posting sets that apply atomically: all legs or none ({@link LedgerAccounts}). The ledger posts the amounts the matcher
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
 * holding cash, a cash event reporting other balances than the ledger's after its posting. Invariants (checked at every checkpoint): every account but EXTERNAL is &gt;= 0,
 * ESCROW is 0, all accounts sum to 0, so participant and exchange accounts sum to deposits -
 * withdrawals; reserved cash equals the sum of the open buy orders' reservations; units of each
 * product sum to the units issued (inventory and capacity registered), none negative.
 * <p>This class routes each event to the part that posts its rule: {@link CashMovements},
 * {@link BuyReservations}, {@link TradeSettlement} and {@link UnitHoldings}; {@link LedgerCheckpoint}
 * writes and reads their state.
 */
public final class Ledger
{
    public static final int EXTERNAL = LedgerAccounts.EXTERNAL;
    public static final int FEES = LedgerAccounts.FEES;
    public static final int ESCROW = LedgerAccounts.ESCROW;

    private final LedgerAccounts accounts;
    private final UnitHoldings holdings;
    private final BuyReservations reservations;
    private final CashMovements cash;
    private final TradeSettlement trades;

    private final CashEventDecoder cashEvent = new CashEventDecoder();
    private final OrderEventDecoder orderEvent = new OrderEventDecoder();
    private final TradeEventDecoder tradeEvent = new TradeEventDecoder();
    private final InventoryEventDecoder inventoryEvent = new InventoryEventDecoder();
    private final ReferenceDataEventDecoder refEvent = new ReferenceDataEventDecoder();

    public Ledger(final ReferenceData ref, final MovementListener listener)
    {
        final MovementListener movements = null == listener ? MovementListener.NONE : listener;
        this.accounts = new LedgerAccounts(ref);
        this.holdings = new UnitHoldings(ref);
        this.reservations = new BuyReservations(ref, accounts);
        this.cash = new CashMovements(ref, accounts, movements);
        this.trades = new TradeSettlement(ref, accounts, holdings, reservations, movements);
    }

    public static int availableAccount(final int participant)
    {
        return LedgerAccounts.availableAccount(participant);
    }

    public static int reservedAccount(final int participant)
    {
        return LedgerAccounts.reservedAccount(participant);
    }

    /** Applies one event of a record (call {@link ReferenceData#onEvent} first). */
    public void onEvent(final long seq, final long timeNs, final int type, final DirectBuffer buffer, final int offset)
    {
        switch (type)
        {
            case MessageType.CASH_DEPOSITED:
            case MessageType.CASH_WITHDRAWN:
                Codecs.wrap(cashEvent, buffer, offset);
                cash.onCash(seq, timeNs, type, cashEvent);
                break;
            case MessageType.ORDER_ACCEPTED:
            case MessageType.ORDER_REPLACED:
                Codecs.wrap(orderEvent, buffer, offset);
                if (Codes.Side.BUY == orderEvent.side())
                {
                    reservations.onAcceptedOrReplaced(seq, type, orderEvent);
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
                    reservations.onEnded(seq, orderEvent);
                }
                break;
            case MessageType.TRADE:
                Codecs.wrap(tradeEvent, buffer, offset);
                trades.onTrade(seq, timeNs, tradeEvent);
                break;
            case MessageType.INVENTORY_ADDED:
                Codecs.wrap(inventoryEvent, buffer, offset);
                holdings.issue(inventoryEvent.participant(), inventoryEvent.product(), inventoryEvent.qty());
                break;
            case MessageType.CAPACITY_REGISTERED:
                Codecs.wrap(refEvent, buffer, offset);
                holdings.issue(refEvent.participant(), refEvent.product(), refEvent.qty());
                break;
            default:
                break;
        }
    }

    // ---- queries ----

    public String accountName(final int account)
    {
        return accounts.accountName(account);
    }

    public long balanceFen(final int account)
    {
        return accounts.balanceFen(account);
    }

    public long available(final int participant)
    {
        return accounts.available(participant);
    }

    public long reserved(final int participant)
    {
        return accounts.reserved(participant);
    }

    public long holding(final int participant, final int product)
    {
        return holdings.holding(participant, product);
    }

    public long issuedQty(final int product)
    {
        return holdings.issuedQty(product);
    }

    public long depositsFen()
    {
        return cash.depositsFen();
    }

    public long withdrawalsFen()
    {
        return cash.withdrawalsFen();
    }

    public long postingSetCount()
    {
        return accounts.postingSetCount();
    }

    /**
     * Legs (single debit/credit postings) committed since this ledger was created or restored: not
     * part of the checkpoint, so it counts this process's work only (benchmarks).
     */
    public long legsPostedThisRun()
    {
        return accounts.legsPostedThisRun();
    }

    public long tradeCount()
    {
        return trades.tradeCount();
    }

    public long tradeValueFen()
    {
        return trades.tradeValueFen();
    }

    public int openBuyOrderCount()
    {
        return reservations.openBuyOrderCount();
    }

    /** Visits every (participant, product, qty) holding with a non-zero quantity. */
    public void forEachHolding(final HoldingVisitor visitor)
    {
        holdings.forEachHolding(visitor);
    }

    /** Throws {@link LedgerException} when an invariant is broken. */
    public void checkInvariants()
    {
        final long sumReservedFen = accounts.checkBalances(cash.depositsFen() - cash.withdrawalsFen());
        reservations.checkInvariants(sumReservedFen);
        holdings.checkInvariants();
    }

    public void writeSnapshot(final DataOutput out) throws IOException
    {
        LedgerCheckpoint.write(out, accounts, holdings, reservations, cash, trades);
    }

    public void readSnapshot(final DataInput in) throws IOException
    {
        LedgerCheckpoint.read(in, accounts, holdings, reservations, cash, trades);
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
