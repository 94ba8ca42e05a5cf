package io.databourse.gateway.app;

import java.util.HashSet;
import java.util.Set;

import io.databourse.gateway.fix.FixDictionary;
import io.databourse.gateway.fix.FixEncoder;
import io.databourse.gateway.fix.FixMessage;
import io.databourse.gateway.fix.FixTags;
import io.databourse.gateway.session.SessionHandle;

/**
 * The counterparty-certification application: echoes NewOrderSingle (D) and SecurityDefinition (d)
 * back, drops a PossResend NewOrderSingle whose ClOrdID it has already seen, and answers any other
 * business message with BusinessMessageReject "Unsupported Message Type". No matcher behind it:
 * certification tests the counterparty's FIX engine, not trading. One instance per session.
 */
public final class CertificationEchoApplication implements Application
{
    private static final int NEW_ORDER_SINGLE = 'D';
    private static final int SECURITY_DEFINITION = 'd';
    private static final int BUSINESS_REJECT_UNSUPPORTED_MESSAGE_TYPE = 3;

    private final FixDictionary dictionary;
    private final int clOrdIdsMax;
    private final Set<String> clOrdIdsSeen = new HashSet<>();

    public CertificationEchoApplication(final FixDictionary dictionary, final int clOrdIdsMax)
    {
        this.dictionary = dictionary;
        this.clOrdIdsMax = clOrdIdsMax;
    }

    @Override
    public void onLogon(final SessionHandle session)
    {
        clOrdIdsSeen.clear();
    }

    @Override
    public void onMessage(
        final SessionHandle session,
        final FixMessage message,
        final int msgTypeKey,
        final int bodyStart,
        final int trailerStart)
    {
        if (NEW_ORDER_SINGLE == msgTypeKey)
        {
            final String clOrdId = message.stringValue(FixTags.CL_ORD_ID);
            if (message.isChar(FixTags.POSS_RESEND, 'Y') && clOrdIdsSeen.contains(clOrdId))
            {
                return;
            }
            if (clOrdIdsSeen.size() >= clOrdIdsMax)
            {
                clOrdIdsSeen.clear();
            }
            clOrdIdsSeen.add(clOrdId);
            echo(session, message, trailerStart);
        }
        else if (SECURITY_DEFINITION == msgTypeKey)
        {
            echo(session, message, trailerStart);
        }
        else
        {
            session.sendBusinessReject(message, BUSINESS_REJECT_UNSUPPORTED_MESSAGE_TYPE, "Unsupported Message Type");
        }
    }

    @Override
    public void onDisconnect(final SessionHandle session)
    {
    }

    private void echo(final SessionHandle session, final FixMessage message, final int trailerStart)
    {
        final int typeIndex = 2;
        final FixEncoder e = session.begin(message.buffer(), message.valueOffsetAt(typeIndex), message.valueLengthAt(typeIndex));
        for (int i = 3; i < trailerStart; i++)
        {
            final int tag = message.tagAt(i);
            switch (tag)
            {
                case FixTags.MSG_SEQ_NUM:
                case FixTags.SENDER_COMP_ID:
                case FixTags.TARGET_COMP_ID:
                case FixTags.SENDING_TIME:
                case FixTags.POSS_DUP_FLAG:
                case FixTags.ORIG_SENDING_TIME:
                    break;
                default:
                    // An empty repeating group is not written back (QuickFIX/J drops it when parsing).
                    if (dictionary.typeOf(tag) == FixDictionary.TYPE_NUM_IN_GROUP && message.longValueAt(i) == 0)
                    {
                        break;
                    }
                    e.field(message, i);
                    break;
            }
        }
        session.send();
    }
}
