package io.databourse.matcher;

import io.databourse.journal.sbe.ProductCommandDecoder;
import io.databourse.journal.sbe.ReferenceDataEventEncoder;
import io.databourse.journal.schema.AsciiFields;
import io.databourse.journal.schema.Codes;
import io.databourse.journal.schema.Codes.ProductKind;
import io.databourse.journal.schema.Codes.ProductStatus;
import io.databourse.journal.schema.Codes.Role;
import io.databourse.journal.schema.MessageType;
import io.databourse.journal.schema.ReferenceDataTail;
import io.databourse.journal.schema.RejectReason;
import io.databourse.matcher.ref.Participants;
import io.databourse.matcher.ref.Product;
import org.agrona.DirectBuffer;

import static io.databourse.journal.sbe.ProductCommandDecoder.actorEncodingOffset;
import static io.databourse.journal.sbe.ProductCommandDecoder.hardwareEncodingOffset;
import static io.databourse.journal.sbe.ProductCommandDecoder.ownerEncodingOffset;
import static io.databourse.journal.sbe.ProductCommandDecoder.productIdEncodingOffset;
import static io.databourse.journal.sbe.ProductCommandDecoder.regionEncodingOffset;
import static io.databourse.journal.sbe.ProductCommandDecoder.reviewedByEncodingOffset;
import static io.databourse.journal.sbe.ProductCommandDecoder.sponsorEncodingOffset;
import static io.databourse.journal.sbe.ProductCommandDecoder.versionEncodingOffset;

/**
 * Registers a product (docs/matching-rules.md, Products: owners and the compliance path): who may
 * register which kind, a definition in range with only the fields its kind carries, a compute
 * window on whole hours, its owner, sponsor and (operator loads past review) reviewer. A
 * participant registers for review; only the operator loads a product already reviewed or listed,
 * and one loaded listed opens with a call auction when its rules say so.
 */
final class ProductRegistration
{
    private static final long HOUR_NS = 3_600_000_000_000L;
    private static final int ALL_PURPOSES = (1 << (Codes.Purpose.NAMES.length - 1)) - 1;
    /** Upper bounds of a product's per-lot figures: far above any real product, far below overflow. */
    static final long PER_LOT_MAX = 1_000_000_000L;

    /** The matcher's state. */
    private final MatcherState state;
    private final CallAuction auction;
    private final TradingDay tradingDay;
    private final Participants participants;
    private final Actors actors;
    private final ReferenceDataEventEncoder referenceDataEvent = new ReferenceDataEventEncoder();
    // what checkProduct resolved, so that registering does not look it up again
    private int checkedOwner;
    private int checkedReviewer;

    ProductRegistration(final MatcherState state, final CallAuction auction, final TradingDay tradingDay)
    {
        this.state = state;
        this.auction = auction;
        this.tradingDay = tradingDay;
        this.participants = state.participants;
        this.actors = state.actors;
    }

    void apply(final ProductCommandDecoder cmd)
    {
        final DirectBuffer b = cmd.buffer();
        final int actor = actors.resolve(b, at(cmd, actorEncodingOffset()));
        final RejectReason reason = checkProduct(cmd, actor);
        if (null != reason)
        {
            state.events.reject(state.sessionId, MessageType.PRODUCT, reason, Actors.indexOf(actor), null, 0, 0, b,
                at(cmd, productIdEncodingOffset())); // the event names the product, registered or not
            return;
        }
        final int sponsor = named(cmd, sponsorEncodingOffset()) ?
            state.participantIndex.get(b, at(cmd, sponsorEncodingOffset())) : -1;
        final int index = state.productIndex.add(b, at(cmd, productIdEncodingOffset()));
        assert index >= 0 && null == state.products[index] : "room was checked, and the id is new";
        assert (cmd.kind() == ProductKind.COMPUTE) == (checkedOwner < 0) : "data and algorithms have an owner, compute none";
        final Product product = Product.define(index, cmd, checkedOwner, sponsor, state.ctx.bookLevelsInitial());
        // an operator load past listing brings the sponsor's confirmation with it
        product.sponsorConfirmed = cmd.status() == ProductStatus.LISTED || cmd.status() == ProductStatus.SUSPENDED;
        state.products[index] = product;
        product.reviewer = checkedReviewer;
        if (product.isCompute())
        {
            tradingDay.trackDeliveryWindow(product);
        }
        final ReferenceDataEventEncoder e = ReferenceDataTail.encode(referenceDataEvent, state.events.buffer(),
            state.events.end(), MessageType.PRODUCT_REGISTERED, cmd.buffer(), cmd.offset());
        e.product(index).participant(sponsor).owner(checkedOwner).reviewer(checkedReviewer);
        state.events.commit(e);
        if (product.status == ProductStatus.LISTED && CallAuction.opensWithAuction(product, true))
        {
            auction.start(product, Codes.AuctionCause.LISTING, Actors.indexOf(actor), 0);
        }
    }

    private RejectReason checkProduct(final ProductCommandDecoder cmd, final int actor)
    {
        final DirectBuffer b = cmd.buffer();
        final byte kind = cmd.kind();
        // a data supplier registers its own data and algorithm products; an admin or the operator any product
        final RejectReason actorReason = actors.mayAct(actor, kind == ProductKind.COMPUTE ? Role.ADMIN :
            Role.ADMIN | Role.DATA_SUPPLIER);
        if (null != actorReason)
        {
            return actorReason;
        }
        if (!AsciiFields.isValidId(b, at(cmd, productIdEncodingOffset()), AsciiFields.PRODUCT_ID_LENGTH))
        {
            return RejectReason.INVALID_DEFINITION;
        }
        if (state.productIndex.get(b, at(cmd, productIdEncodingOffset())) >= 0)
        {
            return RejectReason.DUPLICATE_ID;
        }
        if (state.productIndex.isFull())
        {
            return RejectReason.CAPACITY_LIMIT;
        }
        if (!isValidDefinition(cmd))
        {
            return RejectReason.INVALID_DEFINITION;
        }
        if (kind == ProductKind.COMPUTE)
        {
            final long start = cmd.windowStartNs();
            final long end = cmd.windowEndNs();
            if (start <= 0 || end <= start || start % HOUR_NS != 0 || end % HOUR_NS != 0)
            {
                return RejectReason.INVALID_WINDOW;
            }
        }
        if (named(cmd, sponsorEncodingOffset()))
        {
            final int sponsor = state.participantIndex.get(b, at(cmd, sponsorEncodingOffset()));
            if (sponsor < 0 || !participants.hasRole(sponsor, Role.DATA_SPONSOR))
            {
                return RejectReason.SPONSOR_REQUIRED;
            }
        }
        final RejectReason ownerReason = checkOwner(cmd, actor);
        if (null != ownerReason)
        {
            return ownerReason;
        }
        final byte status = cmd.status();
        if (cmd.grade() == Codes.Grade.CORE && status == ProductStatus.LISTED)
        {
            return RejectReason.CORE_DATA_NOT_TRADABLE;
        }
        // A participant registers products for review; only the operator loads them already reviewed or listed.
        if ((actor != Actors.OPERATOR && status != ProductStatus.REGISTERED) || status == ProductStatus.REJECTED)
        {
            return RejectReason.INVALID_STATUS_TRANSITION;
        }
        final RejectReason reviewerReason = checkReviewer(cmd, actor);
        if (null != reviewerReason)
        {
            return reviewerReason;
        }
        if (kind == ProductKind.DATA && (status == ProductStatus.LISTED || status == ProductStatus.SUSPENDED) &&
            !named(cmd, sponsorEncodingOffset()))
        {
            return RejectReason.SPONSOR_REQUIRED; // a listed data product has had its sponsor's confirmation
        }
        return null;
    }

    /** Field ranges, and the fields only some kinds of product carry. */
    private static boolean isValidDefinition(final ProductCommandDecoder cmd)
    {
        final DirectBuffer b = cmd.buffer();
        final byte kind = cmd.kind();
        if (kind < ProductKind.DATA || kind > ProductKind.ALGORITHM ||
            cmd.grade() < Codes.Grade.GENERAL || cmd.grade() > Codes.Grade.CORE ||
            (cmd.rights() & ~Codes.Rights.ALL) != 0 ||
            cmd.delivery() < 0 || cmd.delivery() >= Codes.DeliveryMode.NAMES.length ||
            cmd.status() < ProductStatus.REGISTERED || cmd.status() >= ProductStatus.NAMES.length ||
            cmd.tickFen() <= 0 || cmd.tickFen() > Matcher.PRICE_MAX_FEN ||
            cmd.lotQty() <= 0 || cmd.lotQty() > Matcher.QTY_MAX ||
            cmd.bandBps() < -1 || cmd.bandBps() > 10_000 ||
            cmd.referencePriceFen() < 0 || cmd.referencePriceFen() > Matcher.PRICE_MAX_FEN ||
            (cmd.bandBps() >= 0 && cmd.referencePriceFen() == 0) ||
            cmd.usagePerLot() < 0 || cmd.usagePerLot() > 1_000_000 || cmd.termDays() < 0 || cmd.termDays() > 36_500 ||
            (cmd.purposes() & ~ALL_PURPOSES) != 0 ||
            cmd.recordsPerLot() < 0 || cmd.recordsPerLot() > PER_LOT_MAX ||
            cmd.seatsPerLot() < 0 || cmd.seatsPerLot() > PER_LOT_MAX ||
            cmd.runsPerSeat() < 0 || cmd.runsPerSeat() > PER_LOT_MAX ||
            cmd.deployment() < 0 || cmd.deployment() >= Codes.Deployment.NAMES.length ||
            !AsciiFields.isEmptyOrValidId(b, at(cmd, ownerEncodingOffset()), AsciiFields.PARTICIPANT_ID_LENGTH) ||
            !AsciiFields.isEmptyOrValidId(b, at(cmd, reviewedByEncodingOffset()), AsciiFields.PARTICIPANT_ID_LENGTH) ||
            !AsciiFields.isEmptyOrValidId(b, at(cmd, versionEncodingOffset()), AsciiFields.NAME_LENGTH))
        {
            return false;
        }
        if (kind == ProductKind.COMPUTE)
        {
            return named(cmd, hardwareEncodingOffset()) && named(cmd, regionEncodingOffset()) &&
                cmd.purposes() == 0 && cmd.recordsPerLot() == 0 && !isAlgorithmLicence(cmd) &&
                !named(cmd, ownerEncodingOffset());
        }
        if (kind == ProductKind.DATA)
        {
            // personal information is counted against cross-border quotas by the record
            return !isAlgorithmLicence(cmd) && ((cmd.personalInfoRaw() != 0) == (cmd.recordsPerLot() > 0));
        }
        // an algorithm's quota is its seats x runs: a seat needs runs, and the quota is not also usagePerLot
        return cmd.recordsPerLot() == 0 && (cmd.seatsPerLot() > 0) == (cmd.runsPerSeat() > 0) &&
            (cmd.seatsPerLot() == 0 || cmd.usagePerLot() == 0);
    }

    private static boolean isAlgorithmLicence(final ProductCommandDecoder cmd)
    {
        return cmd.seatsPerLot() != 0 || cmd.runsPerSeat() != 0 || cmd.deployment() != 0 ||
            named(cmd, versionEncodingOffset());
    }

    /**
     * A data or algorithm product's owner: the data supplier registering it, or the supplier an
     * admin or the operator names. Sets {@link #checkedOwner}.
     */
    private RejectReason checkOwner(final ProductCommandDecoder cmd, final int actor)
    {
        checkedOwner = -1;
        if (cmd.kind() == ProductKind.COMPUTE)
        {
            return null; // providers register capacity; a compute window has no owner
        }
        final DirectBuffer b = cmd.buffer();
        final boolean actsForExchange = actor == Actors.OPERATOR || participants.hasRole(actor, Role.ADMIN);
        if (!named(cmd, ownerEncodingOffset()))
        {
            if (actsForExchange)
            {
                return RejectReason.OWNER_REQUIRED;
            }
            checkedOwner = actor;
            return null;
        }
        final int owner = state.participantIndex.get(b, at(cmd, ownerEncodingOffset()));
        final RejectReason admitted = actors.admitted(owner);
        if (null != admitted)
        {
            return admitted;
        }
        if (!actsForExchange && owner != actor)
        {
            return RejectReason.NOT_OWNER; // a supplier registers only its own products
        }
        if (!participants.hasRole(owner, Role.DATA_SUPPLIER))
        {
            return RejectReason.ROLE_NOT_PERMITTED;
        }
        checkedOwner = owner;
        return null;
    }

    /**
     * An operator load of a product past review names the compliance officer who reviewed it: a
     * registered one, not its owner. Sets {@link #checkedReviewer}.
     */
    private RejectReason checkReviewer(final ProductCommandDecoder cmd, final int actor)
    {
        checkedReviewer = -1;
        final DirectBuffer b = cmd.buffer();
        final byte status = cmd.status();
        final boolean named = named(cmd, reviewedByEncodingOffset());
        final boolean reviewed = status == ProductStatus.COMPLIANCE_REVIEWED || status == ProductStatus.LISTED ||
            status == ProductStatus.SUSPENDED;
        if (!named)
        {
            return reviewed ? RejectReason.COMPLIANCE_REVIEW_REQUIRED : null;
        }
        if (actor != Actors.OPERATOR || status == ProductStatus.REGISTERED)
        {
            return RejectReason.INVALID_DEFINITION; // only an operator load of a reviewed product names a past review
        }
        final int reviewer = state.participantIndex.get(b, at(cmd, reviewedByEncodingOffset()));
        if (reviewer < 0)
        {
            return RejectReason.UNKNOWN_PARTICIPANT;
        }
        if (!participants.hasRole(reviewer, Role.COMPLIANCE_OFFICER))
        {
            return RejectReason.ROLE_NOT_PERMITTED;
        }
        if (reviewer == checkedOwner)
        {
            return RejectReason.CONFLICT_OF_INTEREST;
        }
        checkedReviewer = reviewer;
        return null;
    }

    /** Where a field of the command is in its buffer. */
    private static int at(final ProductCommandDecoder cmd, final int fieldOffset)
    {
        return cmd.offset() + fieldOffset;
    }

    /** Whether an optional id field names someone: its first byte is not padding. */
    private static boolean named(final ProductCommandDecoder cmd, final int fieldOffset)
    {
        return cmd.buffer().getByte(cmd.offset() + fieldOffset) != 0;
    }
}
