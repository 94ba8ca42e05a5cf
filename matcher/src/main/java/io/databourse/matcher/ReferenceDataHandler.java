package io.databourse.matcher;

import io.databourse.journal.sbe.FeeScheduleCommandDecoder;
import io.databourse.journal.sbe.FeeScheduleEventEncoder;
import io.databourse.journal.sbe.ParticipantCommandDecoder;
import io.databourse.journal.sbe.ProductCommandDecoder;
import io.databourse.journal.sbe.ProductStatusCommandDecoder;
import io.databourse.journal.sbe.ReferenceDataEventEncoder;
import io.databourse.journal.schema.Codecs;
import io.databourse.journal.schema.Codes.ProductKind;
import io.databourse.journal.schema.Codes.Role;
import io.databourse.journal.schema.MessageType;
import io.databourse.journal.schema.ReferenceDataTail;
import io.databourse.journal.schema.RejectReason;
import io.databourse.matcher.ref.Product;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Reference data: routes each command to the rule it is for, participants to
 * {@link ParticipantRegistration}, products to {@link ProductRegistration}, status moves to
 * {@link ProductStatusChanges}, and itself answers the two small ones: the fee schedule, and the
 * product list for a gateway joining late. The control plane of the matcher: rare next to orders,
 * so plain objects are fine here; nothing iterates a hash map into output. Cash and holdings are
 * {@link AccountsHandler}'s, reviews and confirmations {@link ComplianceHandler}'s.
 */
final class ReferenceDataHandler
{
    /** The matcher's state. */
    private final MatcherState state;
    private final Actors actors;
    private final ParticipantRegistration participantRegistration;
    private final ProductRegistration productRegistration;
    private final ProductStatusChanges productStatusChanges;
    private final ParticipantCommandDecoder participantCommand = new ParticipantCommandDecoder();
    private final ProductCommandDecoder productCommand = new ProductCommandDecoder();
    private final ProductStatusCommandDecoder productStatusCommand = new ProductStatusCommandDecoder();
    private final FeeScheduleCommandDecoder feeScheduleCommand = new FeeScheduleCommandDecoder();
    private final ReferenceDataEventEncoder referenceDataEvent = new ReferenceDataEventEncoder();
    private final FeeScheduleEventEncoder feeScheduleEvent = new FeeScheduleEventEncoder();
    private final UnsafeBuffer definitionView = new UnsafeBuffer(new byte[0]);

    ReferenceDataHandler(
        final MatcherState state, final CallAuction auction, final Requalification requalification,
        final TradingDay tradingDay)
    {
        this.state = state;
        this.actors = state.actors;
        this.participantRegistration = new ParticipantRegistration(state, requalification);
        this.productRegistration = new ProductRegistration(state, auction, tradingDay);
        this.productStatusChanges = new ProductStatusChanges(state, auction, requalification);
    }

    /** The status moves, which a compliance review makes too. */
    ProductStatusChanges productStatusChanges()
    {
        return productStatusChanges;
    }

    void apply(final int type, final DirectBuffer buffer, final int offset, final int length)
    {
        switch (type)
        {
            case MessageType.PARTICIPANT:
                if (fits(type, length, ParticipantCommandDecoder.BLOCK_LENGTH))
                {
                    participantRegistration.apply(Codecs.wrap(participantCommand, buffer, offset));
                }
                break;
            case MessageType.PRODUCT:
                if (fits(type, length, ProductCommandDecoder.BLOCK_LENGTH))
                {
                    productRegistration.apply(Codecs.wrap(productCommand, buffer, offset));
                }
                break;
            case MessageType.PRODUCT_STATUS:
                if (fits(type, length, ProductStatusCommandDecoder.BLOCK_LENGTH))
                {
                    productStatusChanges.apply(Codecs.wrap(productStatusCommand, buffer, offset));
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
        state.events.reject(state.sessionId, type, reason, participant, null, 0, 0);
    }

    /** Every product in index order, as it is now: for a gateway that joined late or restarted. */
    private void onProductListRequest()
    {
        final UnsafeBuffer definition = definitionView;
        for (int i = 0; i < state.productIndex.size(); i++)
        {
            final Product product = state.products[i];
            definition.wrap(product.definition);
            Codecs.wrap(productCommand, definition, 0);
            final ReferenceDataEventEncoder e = ReferenceDataTail.encode(referenceDataEvent, state.events.buffer(),
                state.events.end(), MessageType.PRODUCT_SNAPSHOT, productCommand.buffer(), productCommand.offset());
            e.product(i).participant(product.sponsor).owner(product.owner).reviewer(product.reviewer)
                .qty(product.referencePriceFen()).availableQty(product.status);
            state.events.commit(e);
        }
    }

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
        state.makerFeeBps[cmd.kind()] = cmd.makerBps();
        state.takerFeeBps[cmd.kind()] = cmd.takerBps();
        state.events.commit(Codecs.encode(feeScheduleEvent, state.events.buffer(), state.events.end(), state.sessionId)
            .kind(cmd.kind()).makerBps(cmd.makerBps()).takerBps(cmd.takerBps()));
    }
}
