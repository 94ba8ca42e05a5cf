package io.databourse.matcher;

import java.util.HashMap;
import java.util.Map;

import io.databourse.journal.sbe.PledgeCommandDecoder;
import io.databourse.journal.sbe.PledgeEventEncoder;
import io.databourse.journal.sbe.UsageCommandDecoder;
import io.databourse.journal.sbe.UsageEventEncoder;
import io.databourse.journal.schema.AsciiFields;
import io.databourse.journal.schema.Codecs;
import io.databourse.journal.schema.Codes.Role;
import io.databourse.journal.schema.Codes;
import io.databourse.journal.schema.MessageType;
import io.databourse.journal.schema.RejectReason;
import io.databourse.matcher.ref.Participants;
import io.databourse.matcher.snapshot.SnapshotReader;
import io.databourse.matcher.snapshot.SnapshotWriter;
import org.agrona.DirectBuffer;

/**
 * Commands about what participants hold after trading: usage reported against entitlements (the
 * "controllable and measurable" use of data), and pledges that lock units as collateral so they
 * cannot be sold. Decided here, in sequence with trading, so that a sell order and a pledge of the
 * same units can never both succeed.
 */
final class PostTradeHandler
{
    /** The matcher's state. */
    private final MatcherState state;
    private final Participants participants;
    private final UsageCommandDecoder usageCommand = new UsageCommandDecoder();
    private final PledgeCommandDecoder pledgeCommand = new PledgeCommandDecoder();
    private final UsageEventEncoder usageEvent = new UsageEventEncoder();
    private final PledgeEventEncoder pledgeEvent = new PledgeEventEncoder();
    /** Active pledges by id: looked up, never iterated into output. */
    private final Map<String, long[]> pledges = new HashMap<>();

    // pledge record fields, as a long[] (reference data rate: objects are fine here)
    private static final int LENDER = 0;
    private static final int PARTICIPANT = 1;
    private static final int PRODUCT = 2;
    private static final int QTY = 3;
    private static final int HAIRCUT_BPS = 4;

    PostTradeHandler(final MatcherState state)
    {
        this.state = state;
        this.participants = state.participants;
    }

    /** Active pledges by id, sorted, as {lender, participant, product, qty, haircutBps} (tools; a copy). */
    java.util.SortedMap<String, long[]> pledgesView()
    {
        final java.util.TreeMap<String, long[]> view = new java.util.TreeMap<>();
        pledges.forEach((id, fields) -> view.put(id, fields.clone()));
        return view;
    }

    /** Active pledges by id in sorted order (snapshots, the state hash). */
    void writeSnapshot(final SnapshotWriter out)
    {
        final java.util.List<String> ids = new java.util.ArrayList<>(pledges.keySet());
        java.util.Collections.sort(ids);
        out.putVarLong(ids.size());
        for (final String id : ids)
        {
            final long[] pledge = pledges.get(id);
            out.putAscii(id).putVarLong(pledge.length);
            for (final long field : pledge)
            {
                out.putSignedVarLong(field);
            }
        }
    }

    void readSnapshot(final SnapshotReader in)
    {
        final int n = in.getCount("pledges", Integer.MAX_VALUE);
        for (int i = 0; i < n; i++)
        {
            final String id = in.getAscii("pledge id", AsciiFields.CLORDID_LENGTH);
            final long[] pledge = new long[in.getCount("pledge fields", 64)];
            for (int f = 0; f < pledge.length; f++)
            {
                pledge[f] = in.getSignedVarLong();
            }
            pledges.put(id, pledge);
        }
    }

    void apply(final int type, final DirectBuffer buffer, final int offset, final int length)
    {
        if (type == MessageType.USAGE)
        {
            if (length < UsageCommandDecoder.BLOCK_LENGTH)
            {
                state.events.reject(state.sessionId, type, RejectReason.MALFORMED_COMMAND, -1, null, 0, 0);
                return;
            }
            onUsage(Codecs.wrap(usageCommand, buffer, offset));
        }
        else
        {
            if (length < PledgeCommandDecoder.BLOCK_LENGTH)
            {
                state.events.reject(state.sessionId, type, RejectReason.MALFORMED_COMMAND, -1, null, 0, 0);
                return;
            }
            final PledgeCommandDecoder cmd = Codecs.wrap(pledgeCommand, buffer, offset);
            if (type == MessageType.PLEDGE)
            {
                onPledge(cmd);
            }
            else
            {
                onRelease(cmd);
            }
        }
    }

    private void onUsage(final UsageCommandDecoder cmd)
    {
        final DirectBuffer b = cmd.buffer();
        final int reporter = state.participantIndex.get(b, cmd.offset() + UsageCommandDecoder.reporterEncodingOffset());
        final int p = state.participantIndex.get(b, cmd.offset() + UsageCommandDecoder.participantIdEncodingOffset());
        final int q = state.productIndex.get(b, cmd.offset() + UsageCommandDecoder.productIdEncodingOffset());
        final long units = cmd.units();
        final int position = p >= 0 && q >= 0 ? state.positions.find(p, q) : -1;
        RejectReason reason = null;
        if (!OrderGates.isValidClOrdId(b, cmd.offset() + UsageCommandDecoder.usageIdEncodingOffset()))
        {
            reason = RejectReason.INVALID_CLORDID;
        }
        else if (reporter < 0 || p < 0)
        {
            reason = RejectReason.UNKNOWN_PARTICIPANT;
        }
        else if (!participants.isAdmitted(reporter) || !participants.isAdmitted(p))
        {
            reason = RejectReason.PARTICIPANT_SUSPENDED;
        }
        else if (!participants.hasRole(reporter, Role.DATA_CUSTODIAN))
        {
            reason = RejectReason.NOT_AUTHORIZED;
        }
        else if (q < 0)
        {
            reason = RejectReason.UNKNOWN_PRODUCT;
        }
        else if (state.products[q].isCompute())
        {
            reason = RejectReason.WRONG_PRODUCT_KIND;
        }
        else if (units <= 0 || units > Matcher.QTY_MAX)
        {
            reason = RejectReason.INVALID_QUANTITY;
        }
        else if ((state.products[q].delivery == Codes.DeliveryMode.SANDBOX_ONLY) !=
            (cmd.channel() == Codes.DeliveryMode.SANDBOX_ONLY))
        {
            // sandbox-only data never leaves the sandbox; the sandbox serves nothing else
            reason = RejectReason.SANDBOX_ONLY;
        }
        else if (!state.products[q].grants(cmd.channel() == Codes.DeliveryMode.DOWNLOAD ? Codes.Rights.HOLD :
            Codes.Rights.PROCESS_USE))
        {
            // a download delivers a copy to keep (hold); anything else processes the data (process_use)
            reason = RejectReason.RIGHTS_NOT_GRANTED;
        }
        else if (!state.entitlements.wasGranted(position))
        {
            reason = RejectReason.NO_ENTITLEMENT;
        }
        else if (state.entitlements.allExpired(position, state.timeNs))
        {
            reason = RejectReason.ENTITLEMENT_EXPIRED;
        }
        else if (state.entitlements.available(position, state.timeNs, cmd.purpose()) == 0 &&
            state.entitlements.available(position, state.timeNs) > 0)
        {
            reason = RejectReason.PURPOSE_MISMATCH; // units are left, but none bought for this use
        }
        else if (state.entitlements.available(position, state.timeNs, cmd.purpose()) < units)
        {
            reason = RejectReason.USAGE_EXCEEDS_QUOTA;
        }
        if (null != reason)
        {
            state.events.reject(state.sessionId, MessageType.USAGE, reason, p, b, cmd.offset() + UsageCommandDecoder.usageIdEncodingOffset(), 0,
                b, cmd.offset() + UsageCommandDecoder.productIdEncodingOffset());
            return;
        }
        final long drawn = state.entitlements.draw(position, units, state.timeNs, cmd.purpose());
        assert drawn == units : "usage drew " + drawn + " of " + units;
        // the pieces the draw took (earliest expiry first), then the report they make up
        for (int i = 0; i < state.entitlements.pieceCount(); i++)
        {
            assert state.entitlements.piecePurpose(i) == cmd.purpose() : "a piece of another purpose";
            state.events.entitlementDrawn(state.sessionId, p, q, 0, state.entitlements.pieceUnits(i),
                state.entitlements.pieceExpiryNs(i), state.entitlements.piecePurpose(i));
        }
        final UsageEventEncoder e = usageEvent;
        Codecs.encode(e, state.events.buffer(), state.events.end(), state.sessionId);
        e.participant(p).product(q).reporter(reporter).units(units).purpose(cmd.purpose())
            .remainingUnits(state.entitlements.available(position, state.timeNs, cmd.purpose()));
        state.events.buffer().putBytes(e.offset() + UsageEventEncoder.usageIdEncodingOffset(), b, cmd.offset() + UsageCommandDecoder.usageIdEncodingOffset(), AsciiFields.CLORDID_LENGTH);
        state.events.commit(e);
    }

    private void onPledge(final PledgeCommandDecoder cmd)
    {
        final DirectBuffer b = cmd.buffer();
        final int lender = state.participantIndex.get(b, cmd.offset() + PledgeCommandDecoder.lenderEncodingOffset());
        final int p = state.participantIndex.get(b, cmd.offset() + PledgeCommandDecoder.participantIdEncodingOffset());
        final int q = state.productIndex.get(b, cmd.offset() + PledgeCommandDecoder.productIdEncodingOffset());
        final long qty = cmd.qty();
        final String id = cmd.pledgeId();
        RejectReason reason = null;
        if (!OrderGates.isValidClOrdId(b, cmd.offset() + PledgeCommandDecoder.pledgeIdEncodingOffset()))
        {
            reason = RejectReason.INVALID_CLORDID;
        }
        else if (lender < 0 || p < 0)
        {
            reason = RejectReason.UNKNOWN_PARTICIPANT;
        }
        else if (!participants.isAdmitted(lender) || !participants.isAdmitted(p))
        {
            reason = RejectReason.PARTICIPANT_SUSPENDED;
        }
        else if (!participants.hasRole(lender, Role.LENDER))
        {
            reason = RejectReason.ROLE_NOT_PERMITTED; // banks and other financial institutions lend
        }
        else if (lender == p)
        {
            reason = RejectReason.NOT_AUTHORIZED;
        }
        else if (q < 0)
        {
            reason = RejectReason.UNKNOWN_PRODUCT;
        }
        else if (pledges.containsKey(id))
        {
            reason = RejectReason.DUPLICATE_ID;
        }
        else if (qty <= 0 || qty > Matcher.QTY_MAX)
        {
            reason = RejectReason.INVALID_QUANTITY;
        }
        else if (cmd.haircutBps() < 0 || cmd.haircutBps() > 10_000)
        {
            reason = RejectReason.INVALID_DEFINITION;
        }
        else if (state.positions.sellable(state.positions.find(p, q)) < qty)
        {
            reason = RejectReason.PLEDGE_EXCEEDS_HOLDINGS;
        }
        if (null != reason)
        {
            state.events.reject(state.sessionId, MessageType.PLEDGE, reason, p, b, cmd.offset() + PledgeCommandDecoder.pledgeIdEncodingOffset(), 0,
                b, cmd.offset() + PledgeCommandDecoder.productIdEncodingOffset());
            return;
        }
        final int position = state.positions.find(p, q);
        state.positions.addPledged(position, qty);
        pledges.put(id, new long[]{lender, p, q, qty, cmd.haircutBps()});
        emit(MessageType.PLEDGE_REGISTERED, b, cmd.offset() + PledgeCommandDecoder.pledgeIdEncodingOffset(), lender, p, q, qty, cmd.haircutBps(), position);
    }

    private void onRelease(final PledgeCommandDecoder cmd)
    {
        final DirectBuffer b = cmd.buffer();
        final long[] pledge = OrderGates.isValidClOrdId(b, cmd.offset() + PledgeCommandDecoder.pledgeIdEncodingOffset()) ? pledges.get(cmd.pledgeId()) : null;
        // an unregistered name is refused, never taken for the operator (whose field is empty)
        final int actor = state.actors.resolve(b, cmd.offset() + PledgeCommandDecoder.lenderEncodingOffset());
        RejectReason reason = state.actors.mayAct(actor, 0);
        if (null == reason && null == pledge)
        {
            reason = RejectReason.UNKNOWN_PLEDGE;
        }
        else if (null == reason && actor != Actors.OPERATOR && actor != pledge[LENDER] &&
            !participants.hasRole(actor, Role.ADMIN))
        {
            reason = RejectReason.NOT_AUTHORIZED;
        }
        if (null != reason)
        {
            state.events.reject(state.sessionId, MessageType.RELEASE, reason, Actors.indexOf(actor), b,
                cmd.offset() + PledgeCommandDecoder.pledgeIdEncodingOffset(), 0);
            return;
        }
        pledges.remove(cmd.pledgeId());
        final int p = (int)pledge[PARTICIPANT];
        final int q = (int)pledge[PRODUCT];
        final int position = state.positions.find(p, q);
        state.positions.addPledged(position, -pledge[QTY]);
        emit(MessageType.PLEDGE_RELEASED, b, cmd.offset() + PledgeCommandDecoder.pledgeIdEncodingOffset(), (int)pledge[LENDER], p, q, pledge[QTY],
            (int)pledge[HAIRCUT_BPS], position);
    }

    private void emit(
        final int type, final DirectBuffer idBuffer, final int idOffset, final int lender, final int p, final int q,
        final long qty, final int haircutBps, final int position)
    {
        final PledgeEventEncoder e = pledgeEvent;
        Codecs.encode(e, state.events.buffer(), state.events.end(), state.sessionId, type);
        e.lender(lender).participant(p).product(q).qty(qty).haircutBps(haircutBps)
            .pledgedQty(state.positions.pledged(position));
        state.events.buffer().putBytes(e.offset() + PledgeEventEncoder.pledgeIdEncodingOffset(), idBuffer, idOffset, AsciiFields.CLORDID_LENGTH);
        state.events.commit(e);
    }
}
