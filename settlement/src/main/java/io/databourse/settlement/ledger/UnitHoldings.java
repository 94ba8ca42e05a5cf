package io.databourse.settlement.ledger;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

import io.databourse.settlement.ref.ReferenceData;
import org.agrona.collections.Long2LongHashMap;

/**
 * The units each participant holds of each product: issued by inventory and capacity events,
 * delivered seller to buyer by trades. Units of a product always sum to the units issued, none
 * negative.
 */
final class UnitHoldings
{
    private static final long NO_VALUE = Long.MIN_VALUE;

    private final ReferenceData ref;
    private final long[] issuedQty;
    /** (participant << 32 | product) -> units held. */
    private final Long2LongHashMap holdingsQty = new Long2LongHashMap(NO_VALUE);

    UnitHoldings(final ReferenceData ref)
    {
        this.ref = ref;
        this.issuedQty = new long[ref.productsMax()];
    }

    /** Inventory added or capacity registered: new units, held by their issuer. */
    void issue(final int participant, final int product, final long qty)
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

    /** Whether the seller holds the units a trade delivers: checked before any cash of the trade moves. */
    void checkDeliverable(final int seller, final int product, final long qty, final long tradeId)
    {
        final long sellerQty = holding(seller, product);
        if (sellerQty < qty)
        {
            throw new LedgerException("seller " + ref.participantId(seller) + " holds " + sellerQty + " units of " +
                ref.productId(product) + ", trade " + tradeId + " delivers " + qty);
        }
    }

    /** Moves a trade's units seller to buyer (after {@link #checkDeliverable}). */
    void deliver(final int seller, final int buyer, final int product, final long qty)
    {
        final long sellerKey = holdingKey(seller, product);
        final long sellerQty = holding(sellerKey);
        assert sellerQty >= qty : "delivery of units the seller does not hold";
        holdingsQty.put(sellerKey, sellerQty - qty);
        final long buyerKey = holdingKey(buyer, product);
        holdingsQty.put(buyerKey, Math.addExact(holding(buyerKey), qty));
    }

    long holding(final int participant, final int product)
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

    long issuedQty(final int product)
    {
        return issuedQty[product];
    }

    /** Visits every (participant, product, qty) holding with a non-zero quantity. */
    void forEachHolding(final Ledger.HoldingVisitor visitor)
    {
        holdingsQty.forEachLong((key, qty) ->
        {
            if (0 != qty)
            {
                visitor.onHolding((int)(key >>> 32), (int)key, qty);
            }
        });
    }

    /** Throws {@link LedgerException} when a holding is negative or a product's units do not sum to those issued. */
    void checkInvariants()
    {
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

    // ---- checkpoint: issued units of the products registered so far, then the holdings ----

    void write(final DataOutput out) throws IOException
    {
        final int products = ref.productCount();
        out.writeInt(products);
        for (int i = 0; i < products; i++)
        {
            out.writeLong(issuedQty[i]);
        }
        LedgerCheckpoint.writeMap(out, holdingsQty);
    }

    void read(final DataInput in) throws IOException
    {
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
        LedgerCheckpoint.readMap(in, holdingsQty);
    }
}
