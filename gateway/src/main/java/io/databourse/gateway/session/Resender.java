package io.databourse.gateway.session;

/**
 * Answers a ResendRequest from the session's store: each application message still in the resend
 * window goes again as a PossDup copy under its own number; every run of numbers with nothing to
 * resend (admin messages, messages older than the window) becomes one SequenceReset-GapFill.
 * Resending consumes no number. QuickFIX/J's rules: a BeginSeqNo beyond the last number sent is
 * ignored; an EndSeqNo of 0 or beyond the last sent means "through the last sent".
 */
final class Resender
{
    private Resender()
    {
    }

    static void answer(final SessionStore store, final SessionSender sender, final long requestedBegin, final long requestedEnd)
    {
        final int lastSent = store.nextSenderSeqNum() - 1;
        if (requestedBegin < 1 || requestedBegin > lastSent)
        {
            return;
        }
        final int begin = (int)requestedBegin;
        final int end = requestedEnd <= 0 || requestedEnd > lastSent ? lastSent : (int)requestedEnd;
        assert begin <= end : begin + " > " + end;
        // Nothing older than the store's window can be resent: one gap fill covers it.
        final int firstRetained = Math.max(begin, lastSent - store.resendWindow() + 1);
        int gapStart = firstRetained > begin ? begin : -1;
        for (int seq = firstRetained; seq <= end; seq++)
        {
            final int length = store.load(seq);
            if (length == 0)
            {
                if (gapStart < 0)
                {
                    gapStart = seq;
                }
                continue;
            }
            if (gapStart >= 0)
            {
                sender.gapFill(gapStart, seq);
                gapStart = -1;
            }
            sender.possDupCopy(seq, store.resendBuffer(), length);
        }
        if (gapStart >= 0)
        {
            sender.gapFill(gapStart, end + 1);
        }
        assert store.nextSenderSeqNum() == lastSent + 1 : "a resend consumed a number";
    }
}
