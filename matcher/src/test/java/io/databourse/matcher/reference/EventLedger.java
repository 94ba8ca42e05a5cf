package io.databourse.matcher.reference;

import io.databourse.journal.schema.MessageType;

import java.util.List;
import java.util.TreeMap;

/**
 * Conservation checks computed from events alone (so they apply to the matcher's output as much as
 * to the model's): per participant, cash held (available + reserved) must equal deposits minus
 * withdrawals minus what it paid for buys (value + fee) plus what it got for sells (value - fee),
 * and every cash event must report exactly that; per participant and product, units (inventory,
 * node-hours) move from seller to buyer and no seller sells more than it had; trade ids are
 * sequential; every fill's leaves + cum equals the order quantity.
 */
public final class EventLedger
{
    private final TreeMap<Integer, Long> cashHeldFen = new TreeMap<>();
    private final TreeMap<Long, Long> units = new TreeMap<>();
    private long depositsFen;
    private long withdrawalsFen;
    private long feesFen;
    private long lastTradeId;
    private long tradeCount;

    public long tradeCount()
    {
        return tradeCount;
    }

    /** Applies one command's events; returns null, or what is violated. */
    public String apply(final List<Ev> events)
    {
        for (final Ev ev : events)
        {
            final String violation = applyOne(ev);
            if (null != violation)
            {
                return violation + " at " + ev;
            }
        }
        long held = 0;
        for (final long h : cashHeldFen.values())
        {
            held += h;
        }
        if (held + feesFen != depositsFen - withdrawalsFen)
        {
            return "cash held " + held + " + fees " + feesFen + " != deposits " + depositsFen + " - withdrawals " +
                withdrawalsFen;
        }
        return null;
    }

    private String applyOne(final Ev ev)
    {
        if (ev instanceof Ev.Cash c)
        {
            final long delta = c.type() == MessageType.CASH_DEPOSITED ? c.amountFen() : -c.amountFen();
            if (c.type() == MessageType.CASH_DEPOSITED)
            {
                depositsFen += c.amountFen();
            }
            else
            {
                withdrawalsFen += c.amountFen();
            }
            final long held = cashHeldFen.merge(c.participant(), delta, Long::sum);
            if (c.availableFen() + c.reservedFen() != held)
            {
                return "participant " + c.participant() + " available + reserved = " +
                    (c.availableFen() + c.reservedFen()) + " but deposits - withdrawals - bought + sold = " + held;
            }
            if (c.reservedFen() < 0)
            {
                return "negative reservation";
            }
        }
        else if (ev instanceof Ev.Inventory i)
        {
            units.merge(key(i.participant(), i.product()), i.qty(), Long::sum);
        }
        else if (ev instanceof Ev.RefData r && r.type() == MessageType.CAPACITY_REGISTERED)
        {
            units.merge(key(r.participant(), r.product()), r.qty(), Long::sum);
        }
        else if (ev instanceof Ev.Order o)
        {
            if ((o.type() == MessageType.ORDER_ACCEPTED || o.type() == MessageType.ORDER_REPLACED) &&
                o.leavesQty() + o.cumQty() != o.orderQty())
            {
                return "leaves + cum != orderQty";
            }
        }
        else if (ev instanceof Ev.Trade t)
        {
            return applyTrade(t);
        }
        return null;
    }

    private String applyTrade(final Ev.Trade t)
    {
        tradeCount++;
        if (t.tradeId() != lastTradeId + 1)
        {
            return "trade id " + t.tradeId() + " after " + lastTradeId;
        }
        lastTradeId = t.tradeId();
        if (t.qty() <= 0 || t.priceFen() <= 0 || t.buyFeeFen() < 0 || t.sellFeeFen() < 0)
        {
            return "trade with non-positive qty/price or negative fee";
        }
        if (t.buyLeavesQty() + t.buyCumQty() != t.buyOrderQty() || t.sellLeavesQty() + t.sellCumQty() != t.sellOrderQty())
        {
            return "trade leaves + cum != orderQty";
        }
        final long value = t.priceFen() * t.qty();
        cashHeldFen.merge(t.buyer(), -(value + t.buyFeeFen()), Long::sum);
        cashHeldFen.merge(t.seller(), value - t.sellFeeFen(), Long::sum);
        feesFen += t.buyFeeFen() + t.sellFeeFen();
        final long sellerUnits = units.merge(key(t.seller(), t.product()), -t.qty(), Long::sum);
        units.merge(key(t.buyer(), t.product()), t.qty(), Long::sum);
        if (sellerUnits < 0)
        {
            return "seller " + t.seller() + " sold more units of product " + t.product() + " than it had";
        }
        return null;
    }

    private static long key(final int participant, final int product)
    {
        return (long)participant * 1024 + product;
    }
}
