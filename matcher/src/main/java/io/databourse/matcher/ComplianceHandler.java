package io.databourse.matcher;

import io.databourse.journal.sbe.ApprovalCommandDecoder;
import io.databourse.journal.sbe.ComplianceEventEncoder;
import io.databourse.journal.sbe.CrossBorderFilingCommandDecoder;
import io.databourse.journal.sbe.ReviewCommandDecoder;
import io.databourse.journal.schema.AsciiFields;
import io.databourse.journal.schema.Codecs;
import io.databourse.journal.schema.Codes.Grade;
import io.databourse.journal.schema.Codes.ProductKind;
import io.databourse.journal.schema.Codes.ProductStatus;
import io.databourse.journal.schema.Codes.ReviewDecision;
import io.databourse.journal.schema.Codes.Role;
import io.databourse.journal.schema.MessageType;
import io.databourse.journal.schema.RejectReason;
import io.databourse.matcher.ref.Participants;
import io.databourse.matcher.ref.Product;
import org.agrona.DirectBuffer;

/**
 * The compliance path of a product before it may be listed (docs/matching-rules.md, "Products: owners and the compliance path"):
 * a compliance officer's review, then its data sponsor's confirmation. Each step is an event, so a
 * product's whole path (register, review, sponsor, list) is in the journal.
 */
final class ComplianceHandler
{
    /** The matcher's state. */
    private final MatcherState state;
    private final ProductStatusChanges productStatusChanges;
    private final Requalification requalification;
    private final Participants participants;
    private final Actors actors;
    private final ReviewCommandDecoder reviewCommand = new ReviewCommandDecoder();
    private final ApprovalCommandDecoder approvalCommand = new ApprovalCommandDecoder();
    private final CrossBorderFilingCommandDecoder filingCommand = new CrossBorderFilingCommandDecoder();
    private final ComplianceEventEncoder complianceEvent = new ComplianceEventEncoder();

    ComplianceHandler(
        final MatcherState state, final ReferenceDataHandler referenceData, final Requalification requalification)
    {
        this.state = state;
        this.productStatusChanges = referenceData.productStatusChanges();
        this.requalification = requalification;
        this.participants = state.participants;
        this.actors = state.actors;
    }

    void apply(final int type, final DirectBuffer buffer, final int offset, final int length)
    {
        if (type == MessageType.REVIEW)
        {
            if (fits(type, length, ReviewCommandDecoder.BLOCK_LENGTH))
            {
                onReview(Codecs.wrap(reviewCommand, buffer, offset));
            }
        }
        else if (type == MessageType.CROSS_BORDER_FILING)
        {
            if (fits(type, length, CrossBorderFilingCommandDecoder.BLOCK_LENGTH))
            {
                onFiling(Codecs.wrap(filingCommand, buffer, offset));
            }
        }
        else if (fits(type, length, ApprovalCommandDecoder.BLOCK_LENGTH))
        {
            final ApprovalCommandDecoder cmd = Codecs.wrap(approvalCommand, buffer, offset);
            if (type == MessageType.SPONSOR)
            {
                onSponsor(cmd);
            }
            else
            {
                onApproval(cmd);
            }
        }
    }

    private boolean fits(final int type, final int length, final int blockLength)
    {
        if (length < blockLength)
        {
            state.events.reject(state.sessionId, type, RejectReason.MALFORMED_COMMAND, -1, null, 0, 0);
            return false;
        }
        return true;
    }

    private void reject(
        final int type, final RejectReason reason, final int actor, final DirectBuffer b, final int requestIdOffset,
        final int productOffset)
    {
        state.events.reject(state.sessionId, type, reason, Actors.indexOf(actor), b, requestIdOffset, 0, b, productOffset);
    }

    // ---- review ----

    private void onReview(final ReviewCommandDecoder cmd)
    {
        final DirectBuffer b = cmd.buffer();
        final int actor = actors.resolve(b, cmd.offset() + ReviewCommandDecoder.actorEncodingOffset());
        final int q = state.productIndex.get(b, cmd.offset() + ReviewCommandDecoder.productIdEncodingOffset());
        final RejectReason reason = checkReview(cmd, actor, q);
        if (null != reason)
        {
            reject(MessageType.REVIEW, reason, actor, b, cmd.offset() + ReviewCommandDecoder.requestIdEncodingOffset(), cmd.offset() + ReviewCommandDecoder.productIdEncodingOffset());
            return;
        }
        final Product product = state.products[q];
        final boolean approve = cmd.decision() == ReviewDecision.APPROVE;
        final byte from = product.status;
        final byte to = approve ? (from == ProductStatus.REGISTERED ? ProductStatus.COMPLIANCE_REVIEWED : from) :
            ProductStatus.REJECTED;
        final byte oldGrade = product.grade;
        final boolean oldPersonalInfo = product.personalInfo;
        if (approve)
        {
            product.grade = reviewedGrade(cmd, product);
            product.personalInfo = reviewedPersonalInfo(cmd, product);
        }
        final ComplianceEventEncoder e = complianceEvent;
        Codecs.encode(e, state.events.buffer(), state.events.end(), state.sessionId, MessageType.PRODUCT_REVIEWED);
        e.product(q).participant(-1).actor(actor).decision(cmd.decision()).grade(product.grade)
            .personalInfo(Codecs.bool(product.personalInfo)).fromStatus(from).toStatus(to);
        state.events.buffer().putBytes(e.offset() + ComplianceEventEncoder.requestIdEncodingOffset(), b, cmd.offset() + ReviewCommandDecoder.requestIdEncodingOffset(), AsciiFields.CLORDID_LENGTH);
        state.events.buffer().putBytes(e.offset() + ComplianceEventEncoder.noteEncodingOffset(), b, cmd.offset() + ReviewCommandDecoder.noteEncodingOffset(), AsciiFields.NOTE_LENGTH);
        state.events.commit(e);
        if (to != from)
        {
            productStatusChanges.changeStatus(product, to, actor, b, cmd.offset() + ReviewCommandDecoder.noteEncodingOffset());
        }
        else if (product.grade > oldGrade || product.personalInfo != oldPersonalInfo)
        {
            requalification.requalifyProduct(product);
        }
    }

    private RejectReason checkReview(final ReviewCommandDecoder cmd, final int actor, final int q)
    {
        final DirectBuffer b = cmd.buffer();
        if (actor == Actors.OPERATOR)
        {
            return RejectReason.NOT_AUTHORIZED; // a review is a compliance officer's, by name
        }
        final RejectReason actorReason = actors.admitted(actor);
        if (null != actorReason)
        {
            return actorReason;
        }
        if (!participants.hasRole(actor, Role.COMPLIANCE_OFFICER))
        {
            return RejectReason.ROLE_NOT_PERMITTED;
        }
        if (!AsciiFields.isEmptyOrValidId(b, cmd.offset() + ReviewCommandDecoder.requestIdEncodingOffset(), AsciiFields.CLORDID_LENGTH) ||
            !AsciiFields.isValidText(b, cmd.offset() + ReviewCommandDecoder.noteEncodingOffset(), AsciiFields.NOTE_LENGTH) ||
            (cmd.decision() != ReviewDecision.APPROVE && cmd.decision() != ReviewDecision.REJECT) ||
            cmd.grade() < -1 || cmd.grade() > Grade.CORE || cmd.personalInfo() < -1 || cmd.personalInfo() > 1)
        {
            return RejectReason.INVALID_DEFINITION;
        }
        if (q < 0)
        {
            return RejectReason.UNKNOWN_PRODUCT;
        }
        final Product product = state.products[q];
        if (product.owner == actor)
        {
            return RejectReason.CONFLICT_OF_INTEREST;
        }
        if (product.status == ProductStatus.DELISTED || product.status == ProductStatus.REJECTED)
        {
            return RejectReason.INVALID_STATUS_TRANSITION;
        }
        // personal information is counted against cross-border quotas by the record: a product found to
        // hold it must declare how many records a lot carries
        if (cmd.decision() == ReviewDecision.APPROVE && product.kind == ProductKind.DATA &&
            reviewedPersonalInfo(cmd, product) && product.recordsPerLot == 0)
        {
            return RejectReason.INVALID_DEFINITION;
        }
        return null;
    }

    private static byte reviewedGrade(final ReviewCommandDecoder cmd, final Product product)
    {
        return cmd.grade() < 0 ? product.grade : cmd.grade();
    }

    private static boolean reviewedPersonalInfo(final ReviewCommandDecoder cmd, final Product product)
    {
        return cmd.personalInfo() < 0 ? product.personalInfo : cmd.personalInfo() == 1;
    }

    // ---- sponsor ----

    private void onSponsor(final ApprovalCommandDecoder cmd)
    {
        final DirectBuffer b = cmd.buffer();
        final int actor = actors.resolve(b, cmd.offset() + ApprovalCommandDecoder.actorEncodingOffset());
        final int q = state.productIndex.get(b, cmd.offset() + ApprovalCommandDecoder.productIdEncodingOffset());
        RejectReason reason = actor == Actors.OPERATOR ? RejectReason.NOT_AUTHORIZED : actors.admitted(actor);
        if (null == reason && (!AsciiFields.isEmptyOrValidId(b, cmd.offset() + ApprovalCommandDecoder.requestIdEncodingOffset(), AsciiFields.CLORDID_LENGTH) ||
            !AsciiFields.isValidText(b, cmd.offset() + ApprovalCommandDecoder.noteEncodingOffset(), AsciiFields.NOTE_LENGTH)))
        {
            reason = RejectReason.INVALID_DEFINITION;
        }
        else if (null == reason && q < 0)
        {
            reason = RejectReason.UNKNOWN_PRODUCT;
        }
        else if (null == reason)
        {
            final Product product = state.products[q];
            if (product.sponsor < 0)
            {
                reason = RejectReason.SPONSOR_REQUIRED; // the product names no sponsor to confirm it
            }
            else if (product.sponsor != actor)
            {
                reason = RejectReason.NOT_AUTHORIZED; // only the sponsor the product names
            }
            else if (product.sponsorConfirmed)
            {
                reason = RejectReason.ALREADY_RECORDED;
            }
            else if (product.status != ProductStatus.REGISTERED && product.status != ProductStatus.COMPLIANCE_REVIEWED)
            {
                reason = RejectReason.INVALID_STATUS_TRANSITION;
            }
        }
        if (null != reason)
        {
            reject(MessageType.SPONSOR, reason, actor, b, cmd.offset() + ApprovalCommandDecoder.requestIdEncodingOffset(), cmd.offset() + ApprovalCommandDecoder.productIdEncodingOffset());
            return;
        }
        final Product product = state.products[q];
        product.sponsorConfirmed = true;
        final ComplianceEventEncoder e = complianceEvent;
        Codecs.encode(e, state.events.buffer(), state.events.end(), state.sessionId, MessageType.PRODUCT_SPONSORED);
        e.product(q).participant(-1).actor(actor).grade(product.grade).personalInfo(Codecs.bool(product.personalInfo))
            .fromStatus(product.status).toStatus(product.status);
        state.events.buffer().putBytes(e.offset() + ComplianceEventEncoder.requestIdEncodingOffset(), b, cmd.offset() + ApprovalCommandDecoder.requestIdEncodingOffset(), AsciiFields.CLORDID_LENGTH);
        state.events.buffer().putBytes(e.offset() + ComplianceEventEncoder.noteEncodingOffset(), b, cmd.offset() + ApprovalCommandDecoder.noteEncodingOffset(), AsciiFields.NOTE_LENGTH);
        state.events.commit(e);
    }

    // ---- cross-border filing and approval ----

    /** A regulator (or the operator) records an exporter's filed standard contract. */
    private void onFiling(final CrossBorderFilingCommandDecoder cmd)
    {
        final DirectBuffer b = cmd.buffer();
        final int actor = actors.resolve(b, cmd.offset() + CrossBorderFilingCommandDecoder.actorEncodingOffset());
        final int exporter = state.participantIndex.get(b, cmd.offset() + CrossBorderFilingCommandDecoder.participantIdEncodingOffset());
        RejectReason reason = actors.mayAct(actor, Role.REGULATOR);
        if (null == reason && (!AsciiFields.isEmptyOrValidId(b, cmd.offset() + CrossBorderFilingCommandDecoder.requestIdEncodingOffset(), AsciiFields.CLORDID_LENGTH) ||
            !AsciiFields.isValidText(b, cmd.offset() + CrossBorderFilingCommandDecoder.noteEncodingOffset(), AsciiFields.NOTE_LENGTH)))
        {
            reason = RejectReason.INVALID_DEFINITION;
        }
        else if (null == reason && exporter < 0)
        {
            reason = RejectReason.UNKNOWN_PARTICIPANT;
        }
        else if (null == reason && !participants.hasRole(exporter, Role.DATA_SUPPLIER))
        {
            reason = RejectReason.ROLE_NOT_PERMITTED; // exporters are the suppliers owning the data
        }
        else if (null == reason && state.crossBorder.isFiled(exporter))
        {
            reason = RejectReason.ALREADY_RECORDED;
        }
        if (null != reason)
        {
            state.events.reject(state.sessionId, MessageType.CROSS_BORDER_FILING, reason, exporter >= 0 ? exporter :
                Actors.indexOf(actor), b, cmd.offset() + CrossBorderFilingCommandDecoder.requestIdEncodingOffset(), 0);
            return;
        }
        state.crossBorder.file(exporter);
        emit(MessageType.CROSS_BORDER_FILED, -1, exporter, actor, b, cmd.offset() + CrossBorderFilingCommandDecoder.requestIdEncodingOffset(), cmd.offset() + CrossBorderFilingCommandDecoder.noteEncodingOffset());
    }

    /** A regulator (or the operator) approves a data product's export beyond the filing thresholds. */
    private void onApproval(final ApprovalCommandDecoder cmd)
    {
        final DirectBuffer b = cmd.buffer();
        final int actor = actors.resolve(b, cmd.offset() + ApprovalCommandDecoder.actorEncodingOffset());
        final int q = state.productIndex.get(b, cmd.offset() + ApprovalCommandDecoder.productIdEncodingOffset());
        RejectReason reason = actors.mayAct(actor, Role.REGULATOR);
        if (null == reason && (!AsciiFields.isEmptyOrValidId(b, cmd.offset() + ApprovalCommandDecoder.requestIdEncodingOffset(), AsciiFields.CLORDID_LENGTH) ||
            !AsciiFields.isValidText(b, cmd.offset() + ApprovalCommandDecoder.noteEncodingOffset(), AsciiFields.NOTE_LENGTH)))
        {
            reason = RejectReason.INVALID_DEFINITION;
        }
        else if (null == reason && q < 0)
        {
            reason = RejectReason.UNKNOWN_PRODUCT;
        }
        else if (null == reason && state.products[q].kind != ProductKind.DATA)
        {
            reason = RejectReason.WRONG_PRODUCT_KIND;
        }
        else if (null == reason && state.products[q].crossBorderApproved)
        {
            reason = RejectReason.ALREADY_RECORDED;
        }
        if (null != reason)
        {
            reject(MessageType.CROSS_BORDER_APPROVAL, reason, actor, b, cmd.offset() + ApprovalCommandDecoder.requestIdEncodingOffset(), cmd.offset() + ApprovalCommandDecoder.productIdEncodingOffset());
            return;
        }
        state.products[q].crossBorderApproved = true;
        emit(MessageType.CROSS_BORDER_APPROVED, q, -1, actor, b, cmd.offset() + ApprovalCommandDecoder.requestIdEncodingOffset(), cmd.offset() + ApprovalCommandDecoder.noteEncodingOffset());
    }

    private void emit(
        final int type, final int product, final int participant, final int actor, final DirectBuffer b,
        final int requestIdOffset, final int noteOffset)
    {
        final ComplianceEventEncoder e = complianceEvent;
        Codecs.encode(e, state.events.buffer(), state.events.end(), state.sessionId, type);
        e.product(product).participant(participant).actor(Actors.indexOf(actor));
        state.events.buffer().putBytes(e.offset() + ComplianceEventEncoder.requestIdEncodingOffset(), b, requestIdOffset, AsciiFields.CLORDID_LENGTH);
        state.events.buffer().putBytes(e.offset() + ComplianceEventEncoder.noteEncodingOffset(), b, noteOffset, AsciiFields.NOTE_LENGTH);
        state.events.commit(e);
    }
}
