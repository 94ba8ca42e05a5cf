package io.databourse.console.view;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import io.databourse.journal.sbe.ParticipantCommandDecoder;
import io.databourse.journal.sbe.ProductStatusCommandDecoder;
import io.databourse.journal.schema.Codecs;
import io.databourse.journal.schema.Codes;
import io.databourse.journal.schema.JournalRecord;
import io.databourse.journal.schema.MessageType;
import io.databourse.journal.schema.RejectReason;

/**
 * The last {@code historyMax} status changes asked of the matcher by a participant acting as
 * admin or regulator (participant and product status commands with an actor), with what the
 * matcher did: applied, or refused with its named reason, and the command's note (e.g. the alert
 * a regulator's suspension answers). The regulator's page lists them, so an
 * action sent from the console shows its outcome even when the refusal names another participant.
 */
public final class AdminActions
{
    /** One action and its outcome. */
    public record Action(long seq, long timeNs, String actor, String action, String target, String note, String outcome,
        String text)
    {
    }

    private final int historyMax;
    private final ArrayDeque<Action> actions = new ArrayDeque<>();
    private final ParticipantCommandDecoder participant = new ParticipantCommandDecoder();
    private final ProductStatusCommandDecoder productStatus = new ProductStatusCommandDecoder();

    public AdminActions(final int historyMax)
    {
        this.historyMax = historyMax;
    }

    /**
     * Records the record's command if it is an acted status change; {@code refusal} is its REJECTED
     * reason or null. Returns whether it recorded one (the regulators' pages are told).
     */
    boolean onRecord(final JournalRecord record, final RejectReason refusal)
    {
        final String actor;
        final String action;
        final String target;
        final String note;
        switch (record.commandType())
        {
            case MessageType.PARTICIPANT:
                Codecs.wrap(participant, record.buffer(), record.commandOffset());
                actor = participant.actor();
                action = "participant " + Codes.nameOf(Codes.ParticipantStatus.NAMES, participant.status());
                target = participant.participantId();
                note = participant.note();
                break;
            case MessageType.PRODUCT_STATUS:
                Codecs.wrap(productStatus, record.buffer(), record.commandOffset());
                actor = productStatus.actor();
                action = "product " + Codes.nameOf(Codes.ProductStatus.NAMES, productStatus.status());
                target = productStatus.productId();
                note = productStatus.note();
                break;
            default:
                return false;
        }
        if (actor.isEmpty())
        {
            return false; // the exchange operator's own reference data (demo data, bootstrap)
        }
        if (actions.size() == historyMax)
        {
            actions.removeFirst();
        }
        actions.addLast(new Action(record.seq(), record.timeNs(), actor, action, target, note,
            null == refusal ? "applied" : refusal.name(), null == refusal ? "" : refusal.text()));
        return true;
    }

    /** Newest first. */
    public List<Action> latest()
    {
        final List<Action> list = new ArrayList<>(actions.size());
        actions.descendingIterator().forEachRemaining(list::add);
        return list;
    }
}
