package io.databourse.settlement.ledger;

import io.databourse.journal.sbe.TradeEventDecoder;
import io.databourse.journal.schema.Codes;
import io.databourse.settlement.ref.ReferenceData;

import static io.databourse.settlement.ledger.LedgerAccounts.ESCROW;
import static io.databourse.settlement.ledger.LedgerAccounts.FEES;
import static io.databourse.settlement.ledger.LedgerAccounts.availableAccount;
import static io.databourse.settlement.ledger.LedgerAccounts.reservedAccount;

/**
 * Delivery versus payment of one fill, in one posting set: buyer reserved (and available, if the
 * released reservation falls short) to escrow for value + buyer fee, escrow to seller for value -
 * seller fee, escrow to fees for both fees, the unused part of the released reservation back to
 * available; and in the same step the units move seller to buyer. The amounts are the ones the trade
 * event carries; the seller's units are checked before any cash moves, so the set is all or nothing.
 */
final class TradeSettlement
{
    private final ReferenceData ref;
    private final LedgerAccounts accounts;
    private final UnitHoldings holdings;
    private final BuyReservations reservations;
    private final Ledger.MovementListener listener;

    private long tradeCount;
    private long tradeValueFen;

    TradeSettlement(
        final ReferenceData ref, final LedgerAccounts accounts, final UnitHoldings holdings,
        final BuyReservations reservations, final Ledger.MovementListener listener)
    {
        this.ref = ref;
        this.accounts = accounts;
        this.holdings = holdings;
        this.reservations = reservations;
        this.listener = listener;
    }

    void onTrade(final long seq, final long timeNs, final TradeEventDecoder trade)
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

        final long releasedFen = reservations.releasedByFill(seq, trade);
        final long stillReservedFen = trade.buyReservedFen();
        final long fromReservedFen = Math.min(payFen, releasedFen);
        final long fromAvailableFen = payFen - fromReservedFen;

        // Units first: validated before any cash moves, so the whole set is all-or-nothing.
        holdings.checkDeliverable(seller, product, qty, trade.tradeId());

        final long buyerCashBeforeFen = accounts.available(buyer) + accounts.reserved(buyer);
        final long sellerCashBeforeFen = accounts.available(seller) + accounts.reserved(seller);
        final long feesBeforeFen = accounts.balanceFen(FEES);
        accounts.begin();
        accounts.leg(reservedAccount(buyer), ESCROW, fromReservedFen);
        accounts.leg(availableAccount(buyer), ESCROW, fromAvailableFen);
        accounts.leg(reservedAccount(buyer), availableAccount(buyer), releasedFen - fromReservedFen);
        accounts.leg(ESCROW, availableAccount(seller), valueFen - sellFeeFen);
        accounts.leg(ESCROW, FEES, Math.addExact(buyFeeFen, sellFeeFen));
        accounts.commit();
        // what moved is what the event says, and the trade created or destroyed no cash
        assert accounts.available(buyer) + accounts.reserved(buyer) == buyerCashBeforeFen - payFen :
            "buyer paid other than the trade's amount";
        assert accounts.available(seller) + accounts.reserved(seller) == sellerCashBeforeFen + valueFen - sellFeeFen :
            "seller received other than the trade's amount";
        assert accounts.balanceFen(FEES) == feesBeforeFen + buyFeeFen + sellFeeFen : "fees other than the trade's";
        assert accounts.reserved(buyer) >= stillReservedFen : "buyer reserves less than its order still holds";

        holdings.deliver(seller, buyer, product, qty);
        reservations.onFilled(trade);
        tradeCount++;
        tradeValueFen = Math.addExact(tradeValueFen, valueFen);
        listener.onFill(
            seq, timeNs, buyer, Codes.Side.BUY, trade, -payFen, buyFeeFen, accounts.available(buyer),
            accounts.reserved(buyer));
        listener.onFill(
            seq, timeNs, seller, Codes.Side.SELL, trade, valueFen - sellFeeFen, sellFeeFen, accounts.available(seller),
            accounts.reserved(seller));
    }

    long tradeCount()
    {
        return tradeCount;
    }

    long tradeValueFen()
    {
        return tradeValueFen;
    }

    void restore(final long tradeCount, final long tradeValueFen)
    {
        this.tradeCount = tradeCount;
        this.tradeValueFen = tradeValueFen;
    }
}
