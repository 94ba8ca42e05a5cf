package io.databourse.matcher;

import io.databourse.journal.schema.RejectReason;
import io.databourse.matcher.ref.AsciiKeyIndex;
import io.databourse.matcher.ref.Participants;
import org.agrona.DirectBuffer;

/**
 * Who a command says acts, and whether they may. Written once for every command: an empty actor
 * field is the exchange operator; a name that is not registered is refused
 * {@code UNKNOWN_PARTICIPANT} and never taken for the operator; a suspended participant may only
 * withdraw cash and cancel, so anything else it does is refused {@code PARTICIPANT_SUSPENDED}.
 */
final class Actors
{
    /** An empty actor field: the exchange operator. */
    static final int OPERATOR = -1;
    /** An actor field naming no registered participant. */
    static final int UNKNOWN = -2;

    private final AsciiKeyIndex participantIndex;
    private final Participants participants;

    Actors(final AsciiKeyIndex participantIndex, final Participants participants)
    {
        this.participantIndex = participantIndex;
        this.participants = participants;
    }

    /** The actor named at {@code offset}: {@link #OPERATOR} when the field is empty, {@link #UNKNOWN} when unregistered. */
    int resolve(final DirectBuffer buffer, final int offset)
    {
        if (buffer.getByte(offset) == 0)
        {
            return OPERATOR;
        }
        final int p = participantIndex.get(buffer, offset);
        return p < 0 ? UNKNOWN : p;
    }

    /**
     * Why an actor may not act with one of {@code roles} (0: any participant may): null when it may.
     * The operator always may.
     */
    RejectReason mayAct(final int actor, final int roles)
    {
        if (actor == OPERATOR)
        {
            return null;
        }
        final RejectReason admitted = admitted(actor);
        if (null != admitted)
        {
            return admitted;
        }
        return roles == 0 || (participants.roles(actor) & roles) != 0 ? null : RejectReason.NOT_AUTHORIZED;
    }

    /** Why a named participant (index, or negative when unregistered) may not take part: null when it may. */
    RejectReason admitted(final int p)
    {
        if (p < 0)
        {
            return RejectReason.UNKNOWN_PARTICIPANT;
        }
        return participants.isAdmitted(p) ? null : RejectReason.PARTICIPANT_SUSPENDED;
    }

    /** The participant index an event or reject names for an actor: -1 for the operator or an unknown name. */
    static int indexOf(final int actor)
    {
        return actor >= 0 ? actor : -1;
    }
}
