package io.databourse.settlement.ledger;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

import io.databourse.journal.sbe.OrderEventDecoder;
import io.databourse.journal.sbe.TradeEventDecoder;
import io.databourse.journal.schema.MessageType;
import io.databourse.settlement.ref.ReferenceData;
import org.agrona.collections.Long2LongHashMap;

import static io.databourse.settlement.ledger.LedgerAccounts.availableAccount;
import static io.databourse.settlement.ledger.LedgerAccounts.reservedAccount;

/**
 * The cash each open buy order holds, as the sum of what its events posted: the matcher's
 * reservation ({@link OrderEventDecoder#reservedFen} on accept, replace, cancel and expiry;
 * {@link TradeEventDecoder#buyReservedFen} after each fill), moved between the buyer's available and
 * reserved accounts. Paired with the matcher's arithmetic, not a copy of it: an event that
 * disagrees with what the order holds (a cancel or expiry releasing another amount, a fill leaving
 * the order holding more than before, a finished order still holding cash) fails the stage.
 */
final class BuyReservations
{
    private static final long NO_VALUE = Long.MIN_VALUE;

    private final ReferenceData ref;
    private final LedgerAccounts accounts;
    /** Open buy order id -> cash reserved for it: the sum of what its events posted. */
    private final Long2LongHashMap orderReservedFen = new Long2LongHashMap(NO_VALUE);

    BuyReservations(final ReferenceData ref, final LedgerAccounts accounts)
    {
        this.ref = ref;
        this.accounts = accounts;
    }

    /**
     * Accepted or replaced buy: moves cash between available and reserved until the order holds what
     * the event says the matcher reserved for it.
     */
    void onAcceptedOrReplaced(final long seq, final int type, final OrderEventDecoder order)
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
        accounts.begin();
        if (targetFen > previousFen)
        {
            accounts.leg(availableAccount(p), reservedAccount(p), targetFen - previousFen);
        }
        else
        {
            accounts.leg(reservedAccount(p), availableAccount(p), previousFen - targetFen);
        }
        accounts.commit();
        // a replace down to the filled quantity is a cancel: an accepted or replaced buy is open
        assert order.leavesQty() > 0 : "open buy " + orderId + " with no quantity at seq " + seq;
        orderReservedFen.put(orderId, targetFen);
        assert accounts.reserved(p) >= targetFen : "participant reserves less than its order";
    }

    /** Cancelled or expired buy: releases what the event says, which must be what the order holds. */
    void onEnded(final long seq, final OrderEventDecoder order)
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
        accounts.begin();
        accounts.leg(reservedAccount(p), availableAccount(p), releasedFen);
        accounts.commit();
    }

    /**
     * What a fill releases of its buy order's reservation: what the order held before, less what the
     * matcher says it holds after. Checks only; {@link #onFilled} records it once the trade is posted.
     */
    long releasedByFill(final long seq, final TradeEventDecoder trade)
    {
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
        return heldFen - stillReservedFen;
    }

    /** A posted fill: the buy order holds what the trade says it still reserves, or is done. */
    void onFilled(final TradeEventDecoder trade)
    {
        if (trade.buyLeavesQty() > 0)
        {
            orderReservedFen.put(trade.buyOrderId(), trade.buyReservedFen());
        }
        else
        {
            orderReservedFen.remove(trade.buyOrderId()); // done, holding nothing (checked before posting)
        }
    }

    int openBuyOrderCount()
    {
        return orderReservedFen.size();
    }

    /** Throws {@link LedgerException} unless the participants' reserved cash is what the open buys hold. */
    void checkInvariants(final long sumReservedFen)
    {
        final long[] openReservedFen = {0};
        orderReservedFen.forEachLong((orderId, fen) -> openReservedFen[0] += fen);
        if (openReservedFen[0] != sumReservedFen)
        {
            throw new LedgerException("reserved cash " + sumReservedFen + " != open buy reservations " +
                openReservedFen[0]);
        }
    }

    void write(final DataOutput out) throws IOException
    {
        LedgerCheckpoint.writeMap(out, orderReservedFen);
    }

    void read(final DataInput in) throws IOException
    {
        LedgerCheckpoint.readMap(in, orderReservedFen);
    }
}
