package io.databourse.matcher;

import io.databourse.journal.sbe.ProductStatusCommandDecoder;
import io.databourse.journal.sbe.ProductStatusEventEncoder;
import io.databourse.journal.schema.AsciiFields;
import io.databourse.journal.schema.Codecs;
import io.databourse.journal.schema.Codes;
import io.databourse.journal.schema.Codes.CancelReason;
import io.databourse.journal.schema.Codes.ProductKind;
import io.databourse.journal.schema.Codes.ProductStatus;
import io.databourse.journal.schema.Codes.Role;
import io.databourse.journal.schema.MessageType;
import io.databourse.journal.schema.RejectReason;
import io.databourse.matcher.ref.Product;
import org.agrona.DirectBuffer;

/**
 * A product's status after registration (docs/matching-rules.md, Products: owners and the
 * compliance path): the moves {@code product_status} may make and who may make them, and what
 * every move causes, whoever made it (a review too): a halt cancels the product's orders, a listing
 * or a resumption opens a call auction when the product's rules say so.
 */
final class ProductStatusChanges
{
    /** The matcher's state. */
    private final MatcherState state;
    private final CallAuction auction;
    private final Requalification requalification;
    private final Actors actors;
    private final ProductStatusEventEncoder productStatusEvent = new ProductStatusEventEncoder();

    ProductStatusChanges(final MatcherState state, final CallAuction auction, final Requalification requalification)
    {
        this.state = state;
        this.auction = auction;
        this.requalification = requalification;
        this.actors = state.actors;
    }

    void apply(final ProductStatusCommandDecoder cmd)
    {
        final DirectBuffer b = cmd.buffer();
        final int productAt = cmd.offset() + ProductStatusCommandDecoder.productIdEncodingOffset();
        final int noteAt = cmd.offset() + ProductStatusCommandDecoder.noteEncodingOffset();
        final int actor = actors.resolve(b, cmd.offset() + ProductStatusCommandDecoder.actorEncodingOffset());
        final int index = state.productIndex.get(b, productAt);
        final Product product = index < 0 ? null : state.products[index];
        final byte to = cmd.status();
        final RejectReason reason = null == product ? RejectReason.UNKNOWN_PRODUCT : check(product, to, actor, b, noteAt);
        if (null != reason)
        {
            // the event names the product, registered or not
            state.events.reject(state.sessionId, MessageType.PRODUCT_STATUS, reason, Actors.indexOf(actor), null, 0, 0,
                b, productAt);
            return;
        }
        changeStatus(product, to, actor, b, noteAt);
    }

    /** Why a product may not make the move a {@code product_status} asks for, or null. */
    private RejectReason check(
        final Product product, final byte to, final int actor, final DirectBuffer b, final int noteAt)
    {
        // a regulator may halt trading (suspend, delist) and resume a suspended one; the rest is an admin's
        final boolean regulatory = to == ProductStatus.SUSPENDED || to == ProductStatus.DELISTED ||
            (to == ProductStatus.LISTED && product.status == ProductStatus.SUSPENDED);
        final RejectReason actorReason = actors.mayAct(actor, regulatory ? Role.ADMIN | Role.REGULATOR : Role.ADMIN);
        if (null != actorReason)
        {
            return actorReason;
        }
        if (!AsciiFields.isValidText(b, noteAt, AsciiFields.NOTE_LENGTH))
        {
            return RejectReason.INVALID_DEFINITION;
        }
        if (to == ProductStatus.COMPLIANCE_REVIEWED || (to == ProductStatus.LISTED && product.status == ProductStatus.REGISTERED))
        {
            return RejectReason.COMPLIANCE_REVIEW_REQUIRED; // only a compliance officer's review gets it there
        }
        if (!isAllowedTransition(product.status, to))
        {
            return RejectReason.INVALID_STATUS_TRANSITION;
        }
        if (to == ProductStatus.LISTED && product.kind == ProductKind.DATA && !product.sponsorConfirmed)
        {
            return RejectReason.SPONSOR_REQUIRED;
        }
        if (to == ProductStatus.LISTED && product.grade == Codes.Grade.CORE)
        {
            return RejectReason.CORE_DATA_NOT_TRADABLE;
        }
        return null;
    }

    /** Moves a product to a status: the event, then the cancels a halt causes. */
    void changeStatus(final Product product, final byte to, final int actor, final DirectBuffer noteBuffer,
        final int noteOffset)
    {
        assert to >= ProductStatus.REGISTERED && to < ProductStatus.NAMES.length : to;
        final byte from = product.status;
        product.status = to;
        final ProductStatusEventEncoder e = productStatusEvent;
        Codecs.encode(e, state.events.buffer(), state.events.end(), state.sessionId);
        e.product(product.index).fromStatus(from).toStatus(to).actor(Actors.indexOf(actor));
        state.events.buffer().putBytes(e.offset() + ProductStatusEventEncoder.noteEncodingOffset(), noteBuffer, noteOffset,
            AsciiFields.NOTE_LENGTH);
        state.events.commit(e);
        if (to == ProductStatus.SUSPENDED || to == ProductStatus.DELISTED || to == ProductStatus.REJECTED)
        {
            requalification.cancelAllOf(product, CancelReason.PRODUCT_HALTED);
        }
        else if (to == ProductStatus.LISTED && CallAuction.opensWithAuction(product, false))
        {
            // listed after review, or resumed: the price is found again by a call auction
            auction.start(product, from == ProductStatus.SUSPENDED ? Codes.AuctionCause.RESUME :
                Codes.AuctionCause.LISTING, Actors.indexOf(actor), 0);
        }
    }

    /** Moves made by {@code product_status}; compliance_reviewed and rejected are reached by reviews only. */
    static boolean isAllowedTransition(final byte from, final byte to)
    {
        switch (from)
        {
            case ProductStatus.REGISTERED:
                return to == ProductStatus.DELISTED;
            case ProductStatus.COMPLIANCE_REVIEWED:
                return to == ProductStatus.LISTED || to == ProductStatus.DELISTED;
            case ProductStatus.LISTED:
                return to == ProductStatus.SUSPENDED || to == ProductStatus.DELISTED;
            case ProductStatus.SUSPENDED:
                return to == ProductStatus.LISTED || to == ProductStatus.DELISTED;
            default:
                return false;
        }
    }
}
