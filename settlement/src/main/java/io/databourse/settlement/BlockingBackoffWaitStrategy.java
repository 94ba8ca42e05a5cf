package io.databourse.settlement;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.WaitStrategy;

/**
 * The default wait strategy on a 2-core machine. Like Disruptor's {@code BlockingWaitStrategy} it
 * blocks on a monitor while the ring has nothing new, so idle stages cost no CPU. Unlike it, a stage
 * waiting on another stage (Certificates behind Ledger) does not busy-spin: it spins briefly, yields,
 * then parks with a short sleep, because a spinning thread on 2 cores steals the very CPU the stage
 * it waits for needs.
 */
public final class BlockingBackoffWaitStrategy implements WaitStrategy
{
    private static final int SPIN_TRIES = 100;
    private static final int YIELD_TRIES = 100;
    private static final long PARK_NS = TimeUnit.MICROSECONDS.toNanos(50);

    private final Object mutex = new Object();

    @Override
    public long waitFor(
        final long sequence, final Sequence cursor, final Sequence dependentSequence, final SequenceBarrier barrier)
        throws AlertException, InterruptedException
    {
        if (cursor.get() < sequence)
        {
            synchronized (mutex)
            {
                while (cursor.get() < sequence)
                {
                    barrier.checkAlert();
                    mutex.wait();
                }
            }
        }

        long availableSequence;
        int tries = 0;
        while ((availableSequence = dependentSequence.get()) < sequence)
        {
            barrier.checkAlert();
            if (tries < SPIN_TRIES)
            {
                Thread.onSpinWait();
            }
            else if (tries < SPIN_TRIES + YIELD_TRIES)
            {
                Thread.yield();
            }
            else
            {
                LockSupport.parkNanos(PARK_NS);
            }
            tries++;
        }
        return availableSequence;
    }

    @Override
    public void signalAllWhenBlocking()
    {
        synchronized (mutex)
        {
            mutex.notifyAll();
        }
    }

    @Override
    public String toString()
    {
        return "BlockingBackoffWaitStrategy";
    }
}
