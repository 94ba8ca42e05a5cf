package io.databourse.settlement.compute;

/**
 * A capacity or compute-fill event the schedule refuses to post: it disagrees with the node-hours the
 * schedule holds (a node registered twice at once, a quantity other than window hours x nodes, a
 * seller selling hours it does not own). Settling past it would allocate a node-hour twice, or not at
 * all.
 */
public final class ComputeScheduleException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public ComputeScheduleException(final String message)
    {
        super(message);
    }
}
