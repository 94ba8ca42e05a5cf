package io.databourse.settlement;

import com.lmax.disruptor.EventHandler;

/**
 * Every settlement stage on one Disruptor thread: each record goes through the stages in the
 * order given, so a stage that must follow another (Certificates after Ledger) is listed after it.
 * On two cores this is one thread to wake per batch of records instead of one per stage, none of
 * them urgent beside the order path.
 * <p>A failed stage is skipped from then on, and so is any stage that follows it: a stage never
 * sees a record the stage it depends on did not settle. The others go on, as each would on a
 * thread of its own; the runner has reported the failure, which stops the pipeline.
 */
final class SharedStageHandler implements EventHandler<RecordEvent>
{
    private final StageRunner[] runners;
    private final int[] after;
    private final boolean[] failed;

    /**
     * @param runners the stages, each after the one it depends on
     * @param after   for each runner, the index of the runner it must follow, or -1
     */
    SharedStageHandler(final StageRunner[] runners, final int[] after)
    {
        if (runners.length != after.length)
        {
            throw new IllegalArgumentException(runners.length + " runners but " + after.length + " dependencies");
        }
        for (int i = 0; i < after.length; i++)
        {
            if (after[i] >= i)
            {
                throw new IllegalArgumentException("runner " + i + " must come after the runner it follows (" + after[i] + ")");
            }
        }
        this.runners = runners.clone();
        this.after = after.clone();
        this.failed = new boolean[runners.length];
    }

    @Override
    public void onEvent(final RecordEvent event, final long sequence, final boolean endOfBatch)
    {
        for (int i = 0; i < runners.length; i++)
        {
            final int followed = after[i];
            if (failed[i] || (followed >= 0 && failed[followed]))
            {
                failed[i] = true;
                continue;
            }
            try
            {
                runners[i].onEvent(event, sequence, endOfBatch);
            }
            catch (final StageRunner.StageFailedException ex)
            {
                // reported by the runner (it stops the pipeline); the stages that do not follow it go on
                failed[i] = true;
            }
        }
    }

    /** Whether the runner at this index has stopped, failed or behind a failed one. */
    boolean stopped(final int index)
    {
        return failed[index];
    }
}
