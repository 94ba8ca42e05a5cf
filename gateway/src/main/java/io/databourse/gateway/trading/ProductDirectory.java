package io.databourse.gateway.trading;

import java.util.Arrays;

import io.databourse.journal.sbe.ProductCommandDecoder;
import io.databourse.journal.schema.Codecs;
import io.databourse.journal.schema.Codes;
import org.agrona.DirectBuffer;

/**
 * The products the matcher has registered, by product index, rebuilt from PRODUCT_REGISTERED and
 * PRODUCT_STATUS_CHANGED events on the egress stream, and from the PRODUCT_SNAPSHOT events that
 * answer the gateway's product list request: a gateway that joins after the products were
 * registered (the launcher loads reference data before it starts the gateway) or whose matcher
 * restarted learns them that way. Written by the event thread only, read by session threads
 * (SecurityList, symbols of ExecutionReports): the array of immutable entries is replaced on each
 * (rare) change, so readers need no lock.
 */
public final class ProductDirectory
{
    /** What a SecurityList shows of one product. */
    public static final class Product
    {
        public final int index;
        public final String productId;
        public final byte kind;
        public final byte grade;
        public final long tickFen;
        public final long lotQty;
        public final long windowStartNs;
        public final long windowEndNs;
        public final byte status;
        /** The reference price the matcher reported in a snapshot (its last trade, else the listing price); 0 if none. */
        public final long referencePriceFen;

        Product(final int index, final String productId, final byte kind, final byte grade, final long tickFen,
            final long lotQty, final long windowStartNs, final long windowEndNs, final byte status,
            final long referencePriceFen)
        {
            this.index = index;
            this.productId = productId;
            this.kind = kind;
            this.grade = grade;
            this.tickFen = tickFen;
            this.lotQty = lotQty;
            this.windowStartNs = windowStartNs;
            this.windowEndNs = windowEndNs;
            this.status = status;
            this.referencePriceFen = referencePriceFen;
        }

        Product withStatus(final byte newStatus)
        {
            return new Product(index, productId, kind, grade, tickFen, lotQty, windowStartNs, windowEndNs, newStatus,
                referencePriceFen);
        }
    }

    private final int productsMax;
    private final java.util.concurrent.atomic.AtomicLongArray lastTrades;
    /** Per product: in a call auction (1/0), its indicative price (fen, 0: none) and volume. */
    private final java.util.concurrent.atomic.AtomicLongArray auctions;
    private final ProductCommandDecoder productCommand = new ProductCommandDecoder();
    private volatile Product[] products = new Product[0];

    public ProductDirectory(final int productsMax)
    {
        this.productsMax = productsMax;
        this.lastTrades = new java.util.concurrent.atomic.AtomicLongArray(productsMax * 2);
        this.auctions = new java.util.concurrent.atomic.AtomicLongArray(productsMax * 3);
    }

    /** A call auction's step, as the matcher's events carry it (event thread). */
    public void onAuction(final int index, final boolean inAuction, final long indicativePriceFen, final long volume)
    {
        if (index >= 0 && index < productsMax)
        {
            auctions.set(index * 3 + 1, indicativePriceFen);
            auctions.set(index * 3 + 2, volume);
            auctions.set(index * 3, inAuction ? 1 : 0);
        }
    }

    /** Whether the product is in a call auction (it collects orders, nothing trades). */
    public boolean inAuction(final int index)
    {
        return index >= 0 && index < productsMax && auctions.get(index * 3) == 1;
    }

    /** The auction's indicative uncrossing price in fen, 0 when none. */
    public long indicativePriceFen(final int index)
    {
        return index >= 0 && index < productsMax ? auctions.get(index * 3 + 1) : 0;
    }

    public long indicativeVolume(final int index)
    {
        return index >= 0 && index < productsMax ? auctions.get(index * 3 + 2) : 0;
    }

    /** Records the last trade of a product (event thread). */
    public void onTrade(final int index, final long priceFen, final long qty)
    {
        if (index >= 0 && index < productsMax)
        {
            lastTrades.set(index * 2 + 1, qty);
            lastTrades.set(index * 2, priceFen);
        }
    }

    /** Last trade price in fen, 0 when none. */
    public long lastTradePriceFen(final int index)
    {
        return index >= 0 && index < productsMax ? lastTrades.get(index * 2) : 0;
    }

    public long lastTradeQty(final int index)
    {
        return index >= 0 && index < productsMax ? lastTrades.get(index * 2 + 1) : 0;
    }

    /** From a PRODUCT_REGISTERED event: index and the embedded defining command (its status is the initial one). */
    public void onRegistered(final int index, final DirectBuffer buffer, final int commandOffset)
    {
        if (index < 0 || index >= productsMax)
        {
            return;
        }
        Codecs.wrap(productCommand, buffer, commandOffset);
        put(index, productCommand.status(), productCommand.referencePriceFen());
    }

    /**
     * From a PRODUCT_SNAPSHOT event: the embedded command still holds the initial status, so the
     * current one comes from the event (availableQty), as does the current reference price (qty).
     * The snapshot is a sequenced record, so it is at least as new as every event before it and
     * replaces what the directory held.
     */
    public void onSnapshot(
        final int index, final DirectBuffer buffer, final int commandOffset, final long status, final long referencePriceFen)
    {
        if (index < 0 || index >= productsMax || status < 0 || status > Byte.MAX_VALUE)
        {
            return;
        }
        Codecs.wrap(productCommand, buffer, commandOffset);
        put(index, (byte)status, referencePriceFen);
    }

    private void put(final int index, final byte status, final long referencePriceFen)
    {
        put(new Product(index, productCommand.productId(), productCommand.kind(), productCommand.grade(),
            productCommand.tickFen(), productCommand.lotQty(), productCommand.windowStartNs(),
            productCommand.windowEndNs(), status, referencePriceFen));
    }

    public void onStatusChanged(final int index, final byte status)
    {
        final Product existing = byIndex(index);
        if (null != existing)
        {
            put(existing.withStatus(status));
        }
    }

    private void put(final Product product)
    {
        final Product[] current = products;
        final Product[] next = Arrays.copyOf(current, Math.max(current.length, product.index + 1));
        next[product.index] = product;
        products = next;
    }

    public Product byIndex(final int index)
    {
        final Product[] current = products;
        return index >= 0 && index < current.length ? current[index] : null;
    }

    /** All products (entries may be null for indexes not seen). */
    public Product[] snapshot()
    {
        return products;
    }

    public Product byId(final CharSequence productId)
    {
        for (final Product p : products)
        {
            if (null != p && p.productId.contentEquals(productId))
            {
                return p;
            }
        }
        return null;
    }

    public static String kindName(final byte kind)
    {
        return Codes.nameOf(Codes.ProductKind.NAMES, kind);
    }
}
