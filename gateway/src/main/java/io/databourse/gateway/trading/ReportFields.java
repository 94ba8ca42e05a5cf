package io.databourse.gateway.trading;

import io.databourse.gateway.fix.FixEncoder;
import io.databourse.gateway.fix.FixMessage;
import io.databourse.gateway.fix.FixTags;

/** How the exchange application writes the fields its reports share: codes mapped to FIX, ids never empty. */
final class ReportFields
{
    private ReportFields()
    {
    }

    /** AvgPx (6) with four decimals: fen / unit with two more digits, rounded down. */
    static void avgPx(final FixEncoder e, final long cumNotionalFen, final long cumQty)
    {
        e.decimal(FixTags.AVG_PX, cumQty == 0 ? 0 : cumNotionalFen * 100 / cumQty, 4);
    }

    /** FIX forbids empty values: an order id the exchange did not give is sent as NONE. */
    static void putOrderId(final FixEncoder e, final long orderId)
    {
        if (orderId > 0)
        {
            e.longValue(FixTags.ORDER_ID, orderId);
        }
        else
        {
            e.string(FixTags.ORDER_ID, "NONE");
        }
    }

    /** An id too long to keep, or absent, is sent as NONE. */
    static void putOrNone(final FixEncoder e, final int tag, final AsciiId id)
    {
        if (id.isEmpty())
        {
            e.string(tag, "NONE");
        }
        else
        {
            id.put(e, tag);
        }
    }

    /** The product's id, else the request's symbol, else #index. */
    static void putSymbol(final FixEncoder e, final ProductDirectory products, final int productIndex, final AsciiId fallback)
    {
        final ProductDirectory.Product p = products.byIndex(productIndex);
        if (null != p)
        {
            e.string(FixTags.SYMBOL, p.productId);
        }
        else if (null != fallback && !fallback.isEmpty())
        {
            fallback.put(e, FixTags.SYMBOL);
        }
        else
        {
            e.tag(FixTags.SYMBOL).append("#").append(productIndex).endField();
        }
    }

    /** Copies a field of the request, when it has it. */
    static void copy(final FixEncoder e, final FixMessage m, final int tag)
    {
        final int i = m.indexOf(tag);
        if (i >= 0)
        {
            e.field(m, i);
        }
    }
}
