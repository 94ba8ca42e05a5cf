package io.databourse.gateway.trading;

import io.databourse.gateway.fix.FixCodes;
import io.databourse.gateway.fix.FixEncoder;
import io.databourse.gateway.fix.FixMessage;
import io.databourse.gateway.fix.FixTags;
import io.databourse.gateway.session.SessionHandle;
import io.databourse.journal.schema.Codes;

/**
 * SecurityListRequest (35=x) answered from the products the views know (35=y): one symbol, or
 * every product in fragments of {@link #FRAGMENT} (TotNoRelatedSym, LastFragment), so that each
 * message stays far below the size limit. Session thread; a cold path.
 */
final class SecurityList
{
    static final int FRAGMENT = 40;

    private final ProductDirectory products;
    private final LocalExecIds localExecIds;

    SecurityList(final ProductDirectory products, final LocalExecIds localExecIds)
    {
        this.products = products;
        this.localExecIds = localExecIds;
    }

    void request(final SessionHandle session, final FixMessage m)
    {
        final String symbol = m.charValue(FixTags.SECURITY_LIST_REQUEST_TYPE) == FixCodes.SecurityList.BY_SYMBOL ?
            m.stringValue(FixTags.SYMBOL) : null;
        final ProductDirectory.Product[] all = products.snapshot();
        int count = 0;
        for (final ProductDirectory.Product p : all)
        {
            if (null != p && (null == symbol || p.productId.equals(symbol)))
            {
                count++;
            }
        }
        final long responseId = localExecIds.next();
        int at = 0;
        int sent = 0;
        do
        {
            final int inThis = Math.min(FRAGMENT, count - sent);
            final FixEncoder e = session.begin(FixCodes.MsgType.SECURITY_LIST);
            ReportFields.copy(e, m, FixTags.SECURITY_REQ_ID);
            e.tag(FixTags.SECURITY_RESPONSE_ID).append("SL-").append(responseId).endField();
            e.charValue(FixTags.SECURITY_REQUEST_RESULT,
                count > 0 ? FixCodes.SecurityList.VALID_REQUEST : FixCodes.SecurityList.NO_INSTRUMENTS_FOUND);
            e.longValue(FixTags.TOT_NO_RELATED_SYM, count);
            e.charValue(FixTags.LAST_FRAGMENT, sent + inThis >= count ? 'Y' : 'N');
            e.longValue(FixTags.NO_RELATED_SYM, inThis);
            int written = 0;
            for (; at < all.length && written < inThis; at++)
            {
                final ProductDirectory.Product p = all[at];
                if (null == p || (null != symbol && !p.productId.equals(symbol)))
                {
                    continue;
                }
                writeProduct(e, p);
                written++;
            }
            sent += written;
            session.send();
            if (written == 0)
            {
                break;
            }
        }
        while (sent < count);
    }

    private static void writeProduct(final FixEncoder e, final ProductDirectory.Product p)
    {
        e.string(FixTags.SYMBOL, p.productId);
        e.string(FixTags.SECURITY_SUB_TYPE, ProductDirectory.kindName(p.kind));
        e.tag(FixTags.SECURITY_DESC).append("kind=").append(ProductDirectory.kindName(p.kind))
            .append(" grade=").append(Codes.nameOf(Codes.Grade.NAMES, p.grade))
            .append(" tick=").append(p.tickFen / 100).append('.').append(twoDigits(p.tickFen % 100))
            .append(" lot=").append(p.lotQty)
            .append(" status=").append(Codes.nameOf(Codes.ProductStatus.NAMES, p.status));
        if (p.windowEndNs > 0)
        {
            e.append(" windowStartMs=").append(p.windowStartNs / 1_000_000).append(" windowEndMs=")
                .append(p.windowEndNs / 1_000_000);
        }
        e.endField();
        e.longValue(FixTags.ROUND_LOT, p.lotQty);
        e.string(FixTags.TEXT, Codes.nameOf(Codes.ProductStatus.NAMES, p.status));
    }

    private static String twoDigits(final long v)
    {
        return v < 10 ? "0" + v : Long.toString(v);
    }
}
