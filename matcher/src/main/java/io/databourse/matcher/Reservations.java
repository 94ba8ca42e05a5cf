package io.databourse.matcher;

import static io.databourse.matcher.Matcher.RECORDS_ORDER_MAX;
import static io.databourse.matcher.Matcher.VALUE_MAX_FEN;

import io.databourse.journal.money.BasisPoints;
import io.databourse.matcher.ref.Product;

/**
 * What an order holds while it lives, as amounts: the cash a buy reserves (value plus the fee at the
 * rate it may pay, rounded down), the price a market buy reserves at, and the cross-border records a
 * buy of personal information counts. The gates check them, the steps reserve and release them, the
 * trade step releases them per fill: one definition each.
 */
final class Reservations
{
    private Reservations()
    {
    }

    /**
     * The price a market buy reserves its cash at: the band's upper edge, the highest price it can trade at.
     * In a call auction it may trade at any price the uncross finds; orders entered during the auction are
     * inside the band, so the band's edge or the highest price already on the book bounds that price.
     */
    static long marketBuyReserveFen(final Product product)
    {
        long reserve = product.bandUpperFen();
        if (product.inAuction)
        {
            if (!product.bids.isEmpty())
            {
                reserve = Math.max(reserve, product.bids.bestPrice());
            }
            if (!product.asks.isEmpty())
            {
                reserve = Math.max(reserve, product.asks.worstPrice());
            }
        }
        return reserve;
    }

    /** A cross-border buy of a data product whose lots count against its exporter's yearly records. */
    static boolean countsRecords(final Product product)
    {
        return product.personalInfo && product.recordsPerLot > 0;
    }

    /** Personal-information records {@code lots} of the product carry; -1 past the exchange's limit. */
    static long recordsOf(final Product product, final long lots)
    {
        final long records = lots * product.recordsPerLot;
        return Math.multiplyHigh(lots, product.recordsPerLot) != 0 || records < 0 || records > RECORDS_ORDER_MAX ?
            -1 : records;
    }

    /**
     * price x qty above {@link Matcher#VALUE_MAX_FEN}, for positive operands within the price and quantity
     * limits (each below 2^40, so the product fits in 80 bits): a multiply, not a division, per order.
     */
    static boolean exceedsValueMax(final long priceFen, final long qty)
    {
        return Math.multiplyHigh(priceFen, qty) != 0 || priceFen * qty > VALUE_MAX_FEN || priceFen * qty < 0;
    }

    /** Cash a buy reserves: value plus the fee at {@code feeBps}, rounded down (fees never round up). */
    static long reserveFen(final long priceFen, final long qty, final int feeBps)
    {
        final long value = priceFen * qty;
        return value + BasisPoints.floorShareFen(value, feeBps);
    }
}
