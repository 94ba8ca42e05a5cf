package io.databourse.surveillance.ref;

/**
 * Who stands behind a participant. Participants of one group (one beneficial owner) are one
 * economic interest: a trade between them transfers nothing. Fed from the journal's participant
 * events, so it is what the exchange knew when each trade happened.
 */
public interface BeneficialOwners
{
    /** The participant belongs to no group (it is its own owner). */
    int NO_GROUP = -1;

    /** Dense group number of a participant, {@link #NO_GROUP} when it has none. */
    int groupOf(int participant);

    /** The group's name as the participant events give it. */
    String groupName(int group);

    /** How many participants share this participant's owner: its group's size, or 1 when it has none. */
    int ownerSize(int participant);

    /** The i-th participant of this participant's owner (group members in the order they joined; itself when none). */
    int ownerMember(int participant, int i);
}
