package io.databourse.matcher;

import io.databourse.journal.sbe.ParticipantCommandDecoder;
import io.databourse.journal.sbe.ReferenceDataEventEncoder;
import io.databourse.journal.schema.AsciiFields;
import io.databourse.journal.schema.Codes;
import io.databourse.journal.schema.Codes.CancelReason;
import io.databourse.journal.schema.Codes.Role;
import io.databourse.journal.schema.MessageType;
import io.databourse.journal.schema.ReferenceDataTail;
import io.databourse.journal.schema.RejectReason;
import io.databourse.matcher.ref.Participants;
import org.agrona.DirectBuffer;

/**
 * Registers a participant, or updates one (docs/matching-rules.md, Reference data; Who may act): an
 * admin defines any participant but never changes its own roles, and a regulator may only suspend
 * or reinstate one, its other fields as they are. A suspension cancels the participant's orders; a
 * change of roles, grade or jurisdiction holds its resting orders to what it may now do.
 */
final class ParticipantRegistration
{
    private static final int ALL_ROLES = (1 << Codes.Role.NAMES.length) - 1;

    /** The matcher's state. */
    private final MatcherState state;
    private final Requalification requalification;
    private final Participants participants;
    private final Actors actors;
    private final ReferenceDataEventEncoder referenceDataEvent = new ReferenceDataEventEncoder();

    ParticipantRegistration(final MatcherState state, final Requalification requalification)
    {
        this.state = state;
        this.requalification = requalification;
        this.participants = state.participants;
        this.actors = state.actors;
    }

    void apply(final ParticipantCommandDecoder cmd)
    {
        final DirectBuffer b = cmd.buffer();
        final int idAt = cmd.offset() + ParticipantCommandDecoder.participantIdEncodingOffset();
        final int groupAt = cmd.offset() + ParticipantCommandDecoder.groupEncodingOffset();
        final int actor = actors.resolve(b, cmd.offset() + ParticipantCommandDecoder.actorEncodingOffset());
        final int existing = state.participantIndex.get(b, idAt);
        final RejectReason reason = check(cmd, actor, existing);
        if (null != reason)
        {
            reject(reason, existing);
            return;
        }
        final int p = existing >= 0 ? existing : state.participantIndex.add(b, idAt);
        assert p >= 0 : "room was checked";
        if (existing < 0)
        {
            participants.add(cmd.participantId());
        }
        final boolean wasAdmitted = existing >= 0 && participants.isAdmitted(p);
        final boolean requalified = existing >= 0 && (cmd.roles() != participants.roles(p) ||
            cmd.qualification() != participants.qualification(p) ||
            cmd.jurisdiction() != participants.jurisdiction(p));
        final boolean grouped = b.getByte(groupAt) != 0;
        int group = grouped ? state.groupIndex.get(b, groupAt) : -1;
        if (grouped && group < 0)
        {
            group = state.groupIndex.add(b, groupAt);
            assert group >= 0 : "room was checked";
        }
        participants.define(p, cmd.roles(), cmd.qualification(), cmd.jurisdiction(), cmd.localTaxpayerRaw() != 0,
            cmd.status(), grouped ? cmd.group() : null, group);
        final ReferenceDataEventEncoder e = ReferenceDataTail.encode(referenceDataEvent, state.events.buffer(),
            state.events.end(), existing >= 0 ? MessageType.PARTICIPANT_UPDATED : MessageType.PARTICIPANT_REGISTERED,
            cmd.buffer(), cmd.offset());
        e.participant(p);
        state.events.commit(e);
        if (wasAdmitted && !participants.isAdmitted(p))
        {
            requalification.cancelAllOf(p, CancelReason.PARTICIPANT_SUSPENDED);
        }
        else if (requalified)
        {
            requalification.requalifyParticipant(p);
        }
    }

    /** Why the command is refused, or null: who acts, the definition's ranges, an admin's own roles, room. */
    private RejectReason check(final ParticipantCommandDecoder cmd, final int actor, final int existing)
    {
        // a regulator may suspend or reinstate a participant (its other fields as they are); anything else
        // is an admin's
        final RejectReason actorReason = actors.mayAct(actor, isStatusChangeOnly(cmd, existing) ?
            Role.ADMIN | Role.REGULATOR : Role.ADMIN);
        if (null != actorReason)
        {
            return actorReason;
        }
        final DirectBuffer b = cmd.buffer();
        final int groupAt = cmd.offset() + ParticipantCommandDecoder.groupEncodingOffset();
        if (!AsciiFields.isValidId(b, cmd.offset() + ParticipantCommandDecoder.participantIdEncodingOffset(),
                AsciiFields.PARTICIPANT_ID_LENGTH) ||
            (cmd.roles() & ~ALL_ROLES) != 0 ||
            cmd.qualification() < Codes.Grade.GENERAL || cmd.qualification() > Codes.Grade.CORE ||
            cmd.jurisdiction() < 0 || cmd.jurisdiction() > Codes.Jurisdiction.CROSS_BORDER ||
            cmd.status() < 0 || cmd.status() > Codes.ParticipantStatus.SUSPENDED ||
            !AsciiFields.isEmptyOrValidId(b, groupAt, AsciiFields.PARTICIPANT_ID_LENGTH) ||
            !AsciiFields.isValidText(b, cmd.offset() + ParticipantCommandDecoder.noteEncodingOffset(),
                AsciiFields.NOTE_LENGTH))
        {
            return RejectReason.INVALID_DEFINITION;
        }
        if (existing >= 0 && existing == actor && cmd.roles() != participants.roles(existing))
        {
            return RejectReason.NOT_AUTHORIZED; // an admin never changes its own roles
        }
        if ((existing < 0 && state.participantIndex.isFull()) ||
            (b.getByte(groupAt) != 0 && state.groupIndex.get(b, groupAt) < 0 && state.groupIndex.isFull()))
        {
            return RejectReason.CAPACITY_LIMIT;
        }
        return null;
    }

    /** An update that suspends an admitted participant, or reinstates a suspended one, and changes nothing else. */
    private boolean isStatusChangeOnly(final ParticipantCommandDecoder cmd, final int existing)
    {
        if (existing < 0 || cmd.status() == participants.status(existing))
        {
            return false;
        }
        final String group = participants.group(existing);
        return cmd.roles() == participants.roles(existing) && cmd.qualification() == participants.qualification(existing) &&
            cmd.jurisdiction() == participants.jurisdiction(existing) &&
            (cmd.localTaxpayerRaw() != 0) == participants.localTaxpayer(existing) &&
            (null == group ? cmd.buffer().getByte(cmd.offset() + ParticipantCommandDecoder.groupEncodingOffset()) == 0 :
                group.equals(cmd.group()));
    }

    private void reject(final RejectReason reason, final int participant)
    {
        state.events.reject(state.sessionId, MessageType.PARTICIPANT, reason, participant, null, 0, 0);
    }
}
