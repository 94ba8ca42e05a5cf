package io.databourse.console.view;

import java.nio.file.Files;
import java.nio.file.Path;

import io.databourse.journal.queue.Journal;
import io.databourse.journal.queue.JournalReader;
import org.agrona.CloseHelper;
import org.agrona.concurrent.Agent;

/**
 * Tails the journal (read-only) from its start into the {@link ConsoleView}, a batch of records at
 * a time, and tells the {@link ChangeListener} what each batch changed (the live push). Reading
 * from the start at every launch makes every view right after a restart: the console keeps no
 * state of its own. An agent: the console runs it on a thread of its own, tests call
 * {@link #doWork()}. The journal is opened on the agent's thread, when the matcher has created it.
 */
public final class JournalFollower implements Agent
{
    /** Told after each batch that changed something, on the follower's thread: must not block. */
    @FunctionalInterface
    public interface ChangeListener
    {
        void onChanges(ConsoleView.Changes changes);
    }

    private final Path journalDir;
    private final ConsoleView view;
    private final ChangeListener listener;
    private final int batchMax;
    private final JournalReader.RecordHandler handler;
    private final CertificateFollower certificates;
    private Journal journal;
    private JournalReader reader;
    private volatile Throwable failure;

    public JournalFollower(final Path journalDir, final ConsoleView view, final ChangeListener listener,
        final int batchMax)
    {
        this(journalDir, view, listener, batchMax, null);
    }

    /** @param certificates the certificate stage's output to follow too, after the journal (null: none) */
    public JournalFollower(final Path journalDir, final ConsoleView view, final ChangeListener listener,
        final int batchMax, final CertificateFollower certificates)
    {
        if (batchMax < 1)
        {
            throw new IllegalArgumentException("batchMax must be positive: " + batchMax);
        }
        this.journalDir = journalDir;
        this.view = view;
        this.listener = listener;
        this.batchMax = batchMax;
        this.handler = (index, record) -> view.apply(record);
        this.certificates = certificates;
    }

    @Override
    public int doWork()
    {
        if (null != failure)
        {
            return 0;
        }
        try
        {
            return follow();
        }
        catch (final RuntimeException ex)
        {
            // a record the view cannot apply leaves it half-applied: stop following, say so, never guess on
            failure = ex;
            throw ex;
        }
    }

    /** Why the follower stopped, or null while it follows (any thread; /metrics and /api/session show it). */
    public Throwable failure()
    {
        return failure;
    }

    private int follow()
    {
        if (null == reader)
        {
            if (!Files.isDirectory(journalDir))
            {
                return 0;
            }
            journal = Journal.openReadOnly(journalDir);
            reader = journal.reader();
        }
        final int records;
        final ConsoleView.Changes changes;
        view.beginBatch();
        try
        {
            records = reader.poll(handler, batchMax) + (null == certificates ? 0 : certificates.poll(view));
        }
        finally
        {
            changes = view.endBatch();
        }
        if (null != changes)
        {
            listener.onChanges(changes);
        }
        return records;
    }

    /** Applies everything journaled so far (tests, and a caller that wants the view current before it serves). */
    public void catchUp()
    {
        while (doWork() > 0)
        {
            // until the journal's current end
        }
    }

    @Override
    public void onClose()
    {
        CloseHelper.closeAll(reader, journal, certificates);
        reader = null;
        journal = null;
    }

    @Override
    public String roleName()
    {
        return "console-journal";
    }
}
