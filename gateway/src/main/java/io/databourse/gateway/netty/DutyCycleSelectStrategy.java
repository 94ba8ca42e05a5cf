package io.databourse.gateway.netty;

import java.util.function.LongSupplier;

import io.netty.channel.SelectStrategy;
import io.netty.channel.SelectStrategyFactory;
import io.netty.util.IntSupplier;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.Agent;

/**
 * Turns a Netty I/O thread into a duty cycle in the manner of Artio's framer: each turn of the event
 * loop first runs an extra duty (the gateway's poll of matcher events), then polls the sockets, and
 * when nothing happened it lingers (spins, then yields) for a while before it blocks in epoll_wait
 * like Netty's default strategy.
 * <p>Why: on two vCPUs every hand-over between threads costs a wake-up, and a thread blocked in
 * epoll_wait or parked takes tens to hundreds of microseconds to run again on this VM. With the
 * event poll on the I/O thread, an execution report is encoded and written by the thread that
 * polled its event (no task hand-over, no eventfd write), and one lingering thread stands in for
 * two. A yield gives the CPU to any thread that wants it, so lingering does not starve the matcher.
 * <p>Blocking is bounded by the caller: the event loop that runs the duty must have a periodic task
 * (the acceptor schedules one every {@link FixAcceptor#DUTY_TICK_US} µs), since matcher events do
 * not wake epoll. Lingering starts again on real work only — the duty did something, a socket was
 * ready, or {@code activity} moved (a command went to the matcher, so its events are on their way)
 * — not on that tick, so an idle gateway costs one short wake-up per tick.
 * <p>One instance per event loop (Netty asks the factory once per I/O handler), used only by its
 * thread.
 */
public final class DutyCycleSelectStrategy implements SelectStrategy
{
    /** Polls spent spinning before a lingering loop starts to yield. */
    static final int SPIN_POLLS = 20;
    /** {@code lingerPolls} that never runs out: the loop never blocks ("yield" and "busy"; it still yields). */
    public static final int LINGER_FOREVER = Integer.MAX_VALUE;

    private final Agent duty;
    private final LongSupplier activity;
    private final int lingerPolls;
    private final ErrorHandler errorHandler;
    private long lastActivity;
    private int idlePolls;
    private boolean dutyStarted;

    DutyCycleSelectStrategy(final Agent duty, final LongSupplier activity, final int lingerPolls, final ErrorHandler errorHandler)
    {
        if (lingerPolls < 0)
        {
            throw new IllegalArgumentException("lingerPolls must be >= 0: " + lingerPolls);
        }
        this.duty = duty;
        this.activity = activity;
        this.lingerPolls = lingerPolls;
        this.errorHandler = errorHandler;
        this.lastActivity = activity.getAsLong();
        this.idlePolls = lingerPolls;
    }

    /**
     * Strategies for a group's event loops: the first one created runs {@code duty} (it is not
     * thread-safe, so exactly one loop may), the others only linger.
     */
    static SelectStrategyFactory factory(
        final Agent duty, final LongSupplier activity, final int lingerPolls, final ErrorHandler errorHandler)
    {
        return new SelectStrategyFactory()
        {
            private boolean dutyTaken;

            @Override
            public synchronized SelectStrategy newSelectStrategy()
            {
                final Agent mine = dutyTaken ? null : duty;
                dutyTaken = true;
                return new DutyCycleSelectStrategy(mine, activity, lingerPolls, errorHandler);
            }
        };
    }

    @Override
    public int calculateStrategy(final IntSupplier selectNow, final boolean hasTasks) throws Exception
    {
        int work = runDuty();
        final long now = activity.getAsLong();
        if (now != lastActivity)
        {
            lastActivity = now;
            work++;
        }
        final int ready = selectNow.get();
        if (work > 0 || ready > 0)
        {
            idlePolls = 0;
            return ready;
        }
        if (hasTasks)
        {
            return ready;
        }
        if (idlePolls >= lingerPolls)
        {
            return SelectStrategy.SELECT;
        }
        if (lingerPolls != LINGER_FOREVER || idlePolls <= SPIN_POLLS)
        {
            idlePolls++;
        }
        if (idlePolls > SPIN_POLLS)
        {
            Thread.yield();
        }
        return SelectStrategy.CONTINUE;
    }

    private int runDuty()
    {
        if (null == duty)
        {
            return 0;
        }
        try
        {
            if (!dutyStarted)
            {
                // as an AgentRunner would, on the thread that runs it (the matcher agent takes the
                // journal's ownership here when the launcher puts it on this thread)
                dutyStarted = true;
                duty.onStart();
            }
            return duty.doWork();
        }
        catch (final Exception ex)
        {
            // As an AgentRunner would: report and carry on, the event loop must not die with it.
            errorHandler.onError(ex);
            return 0;
        }
    }

    /** Whether the next idle turn blocks (tests). */
    boolean isBlocking()
    {
        return idlePolls >= lingerPolls;
    }
}
