package io.databourse.journal.json;

import java.util.ArrayList;
import java.util.List;

import io.databourse.journal.sbe.ParticipantCommandDecoder;
import io.databourse.journal.sbe.ProductCommandDecoder;
import io.databourse.journal.sbe.ReferenceDataEventDecoder;
import io.databourse.journal.schema.Codecs;
import io.databourse.journal.schema.MessageType;
import io.databourse.journal.schema.ReferenceDataTail;
import org.agrona.DirectBuffer;

/**
 * Names of participants and products by the index the matcher gave them, learnt from the
 * journal's own reference-data events: any reader of a journal can name things from the journal
 * alone, with no side channel.
 */
public final class ReferenceNames
{
    private final List<String> participants = new ArrayList<>();
    private final List<String> products = new ArrayList<>();
    private final ReferenceDataEventDecoder referenceDataEvent = new ReferenceDataEventDecoder();
    private final ParticipantCommandDecoder participantCommand = new ParticipantCommandDecoder();
    private final ProductCommandDecoder productCommand = new ProductCommandDecoder();

    /** Learns from an event if it registers something; call for every event in journal order. */
    public void onEvent(final int type, final DirectBuffer buffer, final int offset)
    {
        if (type == MessageType.PARTICIPANT_REGISTERED)
        {
            Codecs.wrap(referenceDataEvent, buffer, offset);
            Codecs.wrap(participantCommand, buffer, ReferenceDataTail.commandOffset(referenceDataEvent));
            set(participants, referenceDataEvent.participant(), participantCommand.participantId());
        }
        else if (type == MessageType.PRODUCT_REGISTERED)
        {
            Codecs.wrap(referenceDataEvent, buffer, offset);
            Codecs.wrap(productCommand, buffer, ReferenceDataTail.commandOffset(referenceDataEvent));
            set(products, referenceDataEvent.product(), productCommand.productId());
        }
    }

    private static void set(final List<String> names, final int index, final String name)
    {
        while (names.size() <= index)
        {
            names.add(null);
        }
        names.set(index, name);
    }

    public String participant(final int index)
    {
        return index >= 0 && index < participants.size() ? participants.get(index) : null;
    }

    public String product(final int index)
    {
        return index >= 0 && index < products.size() ? products.get(index) : null;
    }

    public int participantCount()
    {
        return participants.size();
    }

    public int productCount()
    {
        return products.size();
    }
}
