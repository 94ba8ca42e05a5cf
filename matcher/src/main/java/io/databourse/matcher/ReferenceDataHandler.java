package io.databourse.matcher;

import io.databourse.journal.sbe.FeeScheduleCommandDecoder;
import io.databourse.journal.sbe.FeeScheduleEventEncoder;
import io.databourse.journal.sbe.ParticipantCommandDecoder;
import io.databourse.journal.sbe.ProductCommandDecoder;
import io.databourse.journal.sbe.ProductStatusCommandDecoder;
import io.databourse.journal.sbe.ProductStatusEventEncoder;
import io.databourse.journal.sbe.ReferenceDataEventEncoder;
import io.databourse.journal.schema.AsciiFields;
import io.databourse.journal.schema.Codecs;
import io.databourse.journal.schema.Codes.CancelReason;
import io.databourse.journal.schema.Codes.ProductKind;
import io.databourse.journal.schema.Codes.ProductStatus;
import io.databourse.journal.schema.Codes.Role;
import io.databourse.journal.schema.Codes;
import io.databourse.journal.schema.MessageType;
import io.databourse.journal.schema.ReferenceDataTail;
import io.databourse.journal.schema.RejectReason;
import io.databourse.matcher.ref.Participants;
import io.databourse.matcher.ref.Product;
import org.agrona.DirectBuffer;

/**
 * Reference data: participants, products and their lifecycle, fees, and the product list for a
 * gateway joining late. The control plane of the matcher: rare next to orders, so plain objects
 * are fine here; nothing iterates a hash map into output. Cash and holdings are
 * {@link AccountsHandler}'s, reviews and confirmations {@link ComplianceHandler}'s.
 */
final class ReferenceDataHandler
{
    private static final long HOUR_NS = 3_600_000_000_000L;
    private static final int ALL_ROLES = (1 << Codes.Role.NAMES.length) - 1;
    private static final int ALL_PURPOSES = (1 << (Codes.Purpose.NAMES.length - 1)) - 1;
    /** Upper bounds of a product's per-lot figures: far above any real product, far below overflow. */
    static final long PER_LOT_MAX = 1_000_000_000L;

    /** The matcher's state. */
    private final MatcherState m;
    private final CallAuction auction;
    private final Requalification requalification;
    private final TradingDay tradingDay;
    private final Participants participants;
    private final Actors actors;
    private final ParticipantCommandDecoder participantCommand = new ParticipantCommandDecoder();
    private final ProductCommandDecoder productCommand = new ProductCommandDecoder();
    private final ProductStatusCommandDecoder productStatusCommand = new ProductStatusCommandDecoder();
    private final FeeScheduleCommandDecoder feeScheduleCommand = new FeeScheduleCommandDecoder();
    private final ReferenceDataEventEncoder referenceDataEvent = new ReferenceDataEventEncoder();
    private final ProductStatusEventEncoder productStatusEvent = new ProductStatusEventEncoder();
    private final FeeScheduleEventEncoder feeScheduleEvent = new FeeScheduleEventEncoder();
    private final org.agrona.concurrent.UnsafeBuffer definitionView = new org.agrona.concurrent.UnsafeBuffer(new byte[0]);
    // what checkProduct resolved, so that registering does not look it up again
    private int checkedOwner;
    private int checkedReviewer;

    ReferenceDataHandler(
        final MatcherState state, final CallAuction auction, final Requalification requalification,
        final TradingDay tradingDay)
    {
        this.m = state;
        this.auction = auction;
        this.requalification = requalification;
        this.tradingDay = tradingDay;
        this.participants = state.participants;
        this.actors = state.actors;
    }

    void apply(final int type, final DirectBuffer buffer, final int offset, final int length)
    {
        switch (type)
        {
            case MessageType.PARTICIPANT:
                if (fits(type, length, ParticipantCommandDecoder.BLOCK_LENGTH))
                {
                    onParticipant(Codecs.wrap(participantCommand, buffer, offset));
                }
                break;
            case MessageType.PRODUCT:
                if (fits(type, length, ProductCommandDecoder.BLOCK_LENGTH))
                {
                    onProduct(Codecs.wrap(productCommand, buffer, offset));
                }
                break;
            case MessageType.PRODUCT_STATUS:
                if (fits(type, length, ProductStatusCommandDecoder.BLOCK_LENGTH))
                {
                    onProductStatus(Codecs.wrap(productStatusCommand, buffer, offset));
                }
                break;
            case MessageType.PRODUCT_LIST_REQUEST:
                onProductListRequest();
                break;
            case MessageType.FEE_SCHEDULE:
                if (fits(type, length, FeeScheduleCommandDecoder.BLOCK_LENGTH))
                {
                    onFeeSchedule(Codecs.wrap(feeScheduleCommand, buffer, offset));
                }
                break;
            default:
                reject(type, RejectReason.UNKNOWN_COMMAND, -1);
                break;
        }
    }

    private boolean fits(final int type, final int length, final int blockLength)
    {
        if (length < blockLength)
        {
            reject(type, RejectReason.MALFORMED_COMMAND, -1);
            return false;
        }
        return true;
    }

    private void reject(final int type, final RejectReason reason, final int participant)
    {
        m.events.reject(m.sessionId, type, reason, participant, null, 0, 0);
    }

    /** A refusal of a command about a product: the event names the product (registered or not). */
    private void reject(
        final int type, final RejectReason reason, final int participant, final DirectBuffer b, final int productOffset)
    {
        m.events.reject(m.sessionId, type, reason, participant, null, 0, 0, b, productOffset);
    }

    // ---- participants ----

    private void onParticipant(final ParticipantCommandDecoder cmd)
    {
        final DirectBuffer b = cmd.buffer();
        final int actor = actors.resolve(b, cmd.offset() + ParticipantCommandDecoder.actorEncodingOffset());
        final int existing = m.participantIndex.get(b, cmd.offset() + ParticipantCommandDecoder.participantIdEncodingOffset());
        // a regulator may suspend or reinstate a participant (its other fields as they are); anything else
        // is an admin's
        RejectReason reason = actors.mayAct(actor, isStatusChangeOnly(cmd, existing) ? Role.ADMIN | Role.REGULATOR :
            Role.ADMIN);
        if (null != reason)
        {
            reject(MessageType.PARTICIPANT, reason, existing);
            return;
        }
        if (!AsciiFields.isValidId(b, cmd.offset() + ParticipantCommandDecoder.participantIdEncodingOffset(), AsciiFields.PARTICIPANT_ID_LENGTH) ||
            (cmd.roles() & ~ALL_ROLES) != 0 ||
            cmd.qualification() < Codes.Grade.GENERAL || cmd.qualification() > Codes.Grade.CORE ||
            cmd.jurisdiction() < 0 || cmd.jurisdiction() > Codes.Jurisdiction.CROSS_BORDER ||
            cmd.status() < 0 || cmd.status() > Codes.ParticipantStatus.SUSPENDED ||
            !AsciiFields.isEmptyOrValidId(b, cmd.offset() + ParticipantCommandDecoder.groupEncodingOffset(), AsciiFields.PARTICIPANT_ID_LENGTH) ||
            !AsciiFields.isValidText(b, cmd.offset() + ParticipantCommandDecoder.noteEncodingOffset(), AsciiFields.NOTE_LENGTH))
        {
            reason = RejectReason.INVALID_DEFINITION;
        }
        else if (existing >= 0 && existing == actor && cmd.roles() != participants.roles(existing))
        {
            reason = RejectReason.NOT_AUTHORIZED; // an admin never changes its own roles
        }
        else if ((existing < 0 && m.participantIndex.isFull()) || (b.getByte(cmd.offset() + ParticipantCommandDecoder.groupEncodingOffset()) != 0 &&
            m.groupIndex.get(b, cmd.offset() + ParticipantCommandDecoder.groupEncodingOffset()) < 0 && m.groupIndex.isFull()))
        {
            reason = RejectReason.CAPACITY_LIMIT;
        }
        if (null != reason)
        {
            reject(MessageType.PARTICIPANT, reason, existing);
            return;
        }
        final int p = existing >= 0 ? existing : m.participantIndex.add(b, cmd.offset() + ParticipantCommandDecoder.participantIdEncodingOffset());
        if (existing < 0)
        {
            participants.add(cmd.participantId());
        }
        final boolean wasAdmitted = existing >= 0 && participants.isAdmitted(p);
        final boolean requalified = existing >= 0 && (cmd.roles() != participants.roles(p) ||
            cmd.qualification() != participants.qualification(p) ||
            cmd.jurisdiction() != participants.jurisdiction(p));
        final boolean grouped = b.getByte(cmd.offset() + ParticipantCommandDecoder.groupEncodingOffset()) != 0;
        int group = grouped ? m.groupIndex.get(b, cmd.offset() + ParticipantCommandDecoder.groupEncodingOffset()) : -1;
        if (grouped && group < 0)
        {
            group = m.groupIndex.add(b, cmd.offset() + ParticipantCommandDecoder.groupEncodingOffset()); // room checked above
        }
        participants.define(p, cmd.roles(), cmd.qualification(), cmd.jurisdiction(), (cmd.localTaxpayerRaw() != 0), cmd.status(),
            grouped ? cmd.group() : null, group);
        final ReferenceDataEventEncoder e = ReferenceDataTail.encode(referenceDataEvent, m.events.buffer(), m.events.end(),
            existing >= 0 ? MessageType.PARTICIPANT_UPDATED : MessageType.PARTICIPANT_REGISTERED, cmd.buffer(), cmd.offset());
        e.participant(p);
        m.events.commit(e);
        if (wasAdmitted && !participants.isAdmitted(p))
        {
            requalification.cancelAllOf(p, CancelReason.PARTICIPANT_SUSPENDED);
        }
        else if (requalified)
        {
            requalification.requalifyParticipant(p);
        }
    }

    /** An update that suspends an admitted participant, or reinstates a suspended one, and changes nothing else. */
    private boolean isStatusChangeOnly(final ParticipantCommandDecoder cmd, final int existing)
    {
        if (existing < 0 || cmd.status() == participants.status(existing))
        {
            return false;
        }
        final String group = participants.group(existing);
        final DirectBuffer b = cmd.buffer();
        return cmd.roles() == participants.roles(existing) && cmd.qualification() == participants.qualification(existing) &&
            cmd.jurisdiction() == participants.jurisdiction(existing) &&
            (cmd.localTaxpayerRaw() != 0) == participants.localTaxpayer(existing) &&
            (null == group ? b.getByte(cmd.offset() + ParticipantCommandDecoder.groupEncodingOffset()) == 0 : group.equals(cmd.group()));
    }

    // ---- products ----

    private void onProduct(final ProductCommandDecoder cmd)
    {
        final DirectBuffer b = cmd.buffer();
        final int actor = actors.resolve(b, cmd.offset() + ProductCommandDecoder.actorEncodingOffset());
        final RejectReason reason = checkProduct(cmd, actor);
        if (null != reason)
        {
            reject(MessageType.PRODUCT, reason, Actors.indexOf(actor), b, cmd.offset() + ProductCommandDecoder.productIdEncodingOffset());
            return;
        }
        final int sponsor = b.getByte(cmd.offset() + ProductCommandDecoder.sponsorEncodingOffset()) == 0 ? -1 : m.participantIndex.get(b, cmd.offset() + ProductCommandDecoder.sponsorEncodingOffset());
        final int index = m.productIndex.add(b, cmd.offset() + ProductCommandDecoder.productIdEncodingOffset());
        final Product product = Product.define(index, cmd, checkedOwner, sponsor, m.ctx.bookLevelsInitial());
        // an operator load past listing brings the sponsor's confirmation with it
        product.sponsorConfirmed = cmd.status() == ProductStatus.LISTED || cmd.status() == ProductStatus.SUSPENDED;
        m.products[index] = product;
        product.reviewer = checkedReviewer;
        if (product.isCompute())
        {
            tradingDay.trackDeliveryWindow(product);
        }
        final ReferenceDataEventEncoder e = ReferenceDataTail.encode(referenceDataEvent, m.events.buffer(), m.events.end(),
            MessageType.PRODUCT_REGISTERED, cmd.buffer(), cmd.offset());
        e.product(index).participant(sponsor).owner(checkedOwner).reviewer(checkedReviewer);
        m.events.commit(e);
        if (product.status == ProductStatus.LISTED && CallAuction.opensWithAuction(product, true))
        {
            auction.start(product, Codes.AuctionCause.LISTING, Actors.indexOf(actor), 0);
        }
    }

    /** Every product in index order, as it is now: for a gateway that joined late or restarted. */
    private void onProductListRequest()
    {
        final org.agrona.concurrent.UnsafeBuffer definition = definitionView;
        for (int i = 0; i < m.productIndex.size(); i++)
        {
            final Product product = m.products[i];
            definition.wrap(product.definition);
            Codecs.wrap(productCommand, definition, 0);
            final ReferenceDataEventEncoder e = ReferenceDataTail.encode(referenceDataEvent, m.events.buffer(), m.events.end(),
            MessageType.PRODUCT_SNAPSHOT, productCommand.buffer(), productCommand.offset());
            e.product(i).participant(product.sponsor).owner(product.owner).reviewer(product.reviewer)
                .qty(product.referencePriceFen()).availableQty(product.status);
            m.events.commit(e);
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
        if (!AsciiFields.isValidId(b, cmd.offset() + ProductCommandDecoder.productIdEncodingOffset(), AsciiFields.PRODUCT_ID_LENGTH))
        {
            return RejectReason.INVALID_DEFINITION;
        }
        if (m.productIndex.get(b, cmd.offset() + ProductCommandDecoder.productIdEncodingOffset()) >= 0)
        {
            return RejectReason.DUPLICATE_ID;
        }
        if (m.productIndex.isFull())
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
        if (b.getByte(cmd.offset() + ProductCommandDecoder.sponsorEncodingOffset()) != 0)
        {
            final int sponsor = m.participantIndex.get(b, cmd.offset() + ProductCommandDecoder.sponsorEncodingOffset());
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
            b.getByte(cmd.offset() + ProductCommandDecoder.sponsorEncodingOffset()) == 0)
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
            !AsciiFields.isEmptyOrValidId(b, cmd.offset() + ProductCommandDecoder.ownerEncodingOffset(), AsciiFields.PARTICIPANT_ID_LENGTH) ||
            !AsciiFields.isEmptyOrValidId(b, cmd.offset() + ProductCommandDecoder.reviewedByEncodingOffset(), AsciiFields.PARTICIPANT_ID_LENGTH) ||
            !AsciiFields.isEmptyOrValidId(b, cmd.offset() + ProductCommandDecoder.versionEncodingOffset(), AsciiFields.NAME_LENGTH))
        {
            return false;
        }
        if (kind == ProductKind.COMPUTE)
        {
            return b.getByte(cmd.offset() + ProductCommandDecoder.hardwareEncodingOffset()) != 0 && b.getByte(cmd.offset() + ProductCommandDecoder.regionEncodingOffset()) != 0 &&
                cmd.purposes() == 0 && cmd.recordsPerLot() == 0 && !isAlgorithmLicence(cmd) &&
                b.getByte(cmd.offset() + ProductCommandDecoder.ownerEncodingOffset()) == 0;
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
            cmd.buffer().getByte(cmd.offset() + ProductCommandDecoder.versionEncodingOffset()) != 0;
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
        if (b.getByte(cmd.offset() + ProductCommandDecoder.ownerEncodingOffset()) == 0)
        {
            if (actsForExchange)
            {
                return RejectReason.OWNER_REQUIRED;
            }
            checkedOwner = actor;
            return null;
        }
        final int owner = m.participantIndex.get(b, cmd.offset() + ProductCommandDecoder.ownerEncodingOffset());
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
        final boolean named = b.getByte(cmd.offset() + ProductCommandDecoder.reviewedByEncodingOffset()) != 0;
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
        final int reviewer = m.participantIndex.get(b, cmd.offset() + ProductCommandDecoder.reviewedByEncodingOffset());
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

    private void onProductStatus(final ProductStatusCommandDecoder cmd)
    {
        final DirectBuffer b = cmd.buffer();
        final int actor = actors.resolve(b, cmd.offset() + ProductStatusCommandDecoder.actorEncodingOffset());
        final int index = m.productIndex.get(b, cmd.offset() + ProductStatusCommandDecoder.productIdEncodingOffset());
        final byte to = cmd.status();
        RejectReason reason = null;
        Product product = null;
        if (index < 0)
        {
            reason = RejectReason.UNKNOWN_PRODUCT;
        }
        else
        {
            product = m.products[index];
            // a regulator may halt trading (suspend, delist) and resume a suspended one; the rest is an admin's
            final boolean regulatory = to == ProductStatus.SUSPENDED || to == ProductStatus.DELISTED ||
                (to == ProductStatus.LISTED && product.status == ProductStatus.SUSPENDED);
            final RejectReason actorReason = actors.mayAct(actor, regulatory ? Role.ADMIN | Role.REGULATOR : Role.ADMIN);
            if (null != actorReason)
            {
                reason = actorReason;
            }
            else if (!AsciiFields.isValidText(b, cmd.offset() + ProductStatusCommandDecoder.noteEncodingOffset(), AsciiFields.NOTE_LENGTH))
            {
                reason = RejectReason.INVALID_DEFINITION;
            }
            else if (to == ProductStatus.COMPLIANCE_REVIEWED ||
                (to == ProductStatus.LISTED && product.status == ProductStatus.REGISTERED))
            {
                reason = RejectReason.COMPLIANCE_REVIEW_REQUIRED; // only a compliance officer's review gets it there
            }
            else if (!isAllowedTransition(product.status, to))
            {
                reason = RejectReason.INVALID_STATUS_TRANSITION;
            }
            else if (to == ProductStatus.LISTED && product.kind == ProductKind.DATA && !product.sponsorConfirmed)
            {
                reason = RejectReason.SPONSOR_REQUIRED;
            }
            else if (to == ProductStatus.LISTED && product.grade == Codes.Grade.CORE)
            {
                reason = RejectReason.CORE_DATA_NOT_TRADABLE;
            }
        }
        if (null != reason)
        {
            reject(MessageType.PRODUCT_STATUS, reason, Actors.indexOf(actor), b, cmd.offset() + ProductStatusCommandDecoder.productIdEncodingOffset());
            return;
        }
        changeStatus(product, to, actor, b, cmd.offset() + ProductStatusCommandDecoder.noteEncodingOffset());
    }

    /** Moves a product to a status: the event, then the cancels a halt causes. */
    void changeStatus(final Product product, final byte to, final int actor, final DirectBuffer noteBuffer,
        final int noteOffset)
    {
        final byte from = product.status;
        product.status = to;
        final ProductStatusEventEncoder e = productStatusEvent;
        Codecs.encode(e, m.events.buffer(), m.events.end(), m.sessionId);
        e.product(product.index).fromStatus(from).toStatus(to).actor(Actors.indexOf(actor));
        m.events.buffer().putBytes(e.offset() + ProductStatusEventEncoder.noteEncodingOffset(), noteBuffer, noteOffset, AsciiFields.NOTE_LENGTH);
        m.events.commit(e);
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

    // ---- fees ----

    private void onFeeSchedule(final FeeScheduleCommandDecoder cmd)
    {
        final int actor = actors.resolve(cmd.buffer(), cmd.offset() + FeeScheduleCommandDecoder.actorEncodingOffset());
        RejectReason reason = actors.mayAct(actor, Role.ADMIN);
        if (null == reason && (cmd.kind() < ProductKind.DATA || cmd.kind() > ProductKind.ALGORITHM ||
            cmd.makerBps() < 0 || cmd.makerBps() > 10_000 || cmd.takerBps() < 0 || cmd.takerBps() > 10_000))
        {
            reason = RejectReason.INVALID_FEE;
        }
        if (null != reason)
        {
            reject(MessageType.FEE_SCHEDULE, reason, Actors.indexOf(actor));
            return;
        }
        m.makerFeeBps[cmd.kind()] = cmd.makerBps();
        m.takerFeeBps[cmd.kind()] = cmd.takerBps();
        m.events.commit(Codecs.encode(feeScheduleEvent, m.events.buffer(), m.events.end(), m.sessionId)
            .kind(cmd.kind()).makerBps(cmd.makerBps()).takerBps(cmd.takerBps()));
    }
}
