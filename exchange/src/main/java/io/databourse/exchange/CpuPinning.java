package io.databourse.exchange;

import net.openhft.affinity.Affinity;

import java.util.BitSet;
import java.util.concurrent.ThreadFactory;

/**
 * Threads pinned to one CPU, through OpenHFT's affinity library (already on the class path with
 * Chronicle). Pinning keeps a busy thread from migrating, and from sharing its CPU with another busy
 * thread while a second CPU idles, which on two cores is the difference between a good and a bad run.
 */
public final class CpuPinning
{
    private CpuPinning()
    {
    }

    /** Pins the calling thread; returns false where the platform cannot (no JNA, not Linux). */
    public static boolean pinCurrentThread(final int cpu)
    {
        if (!Affinity.isJNAAvailable())
        {
            return false;
        }
        try
        {
            Affinity.setAffinity(cpu);
        }
        catch (final RuntimeException ex)
        {
            return false; // e.g. no such CPU
        }
        final BitSet now = Affinity.getAffinity();
        return now.cardinality() == 1 && now.get(cpu);
    }

    /**
     * Lets the calling thread (and the threads it starts from now on) run anywhere it may now except
     * on {@code cpu}; returns false where the platform cannot, or when {@code cpu} is all it has.
     */
    public static boolean keepCurrentThreadOff(final int cpu)
    {
        if (!Affinity.isJNAAvailable())
        {
            return false;
        }
        final BitSet others = Affinity.getAffinity();
        others.clear(cpu);
        if (others.isEmpty())
        {
            return false;
        }
        Affinity.setAffinity(others);
        return true;
    }

    /** The CPUs the calling thread may run on now, to hand back to {@link #restore} after pinning it. */
    public static BitSet currentCpus()
    {
        return Affinity.isJNAAvailable() ? Affinity.getAffinity() : new BitSet();
    }

    /**
     * Lets the calling thread run on {@code cpus} again (what {@link #currentCpus} returned before it
     * was pinned). Threads and processes started later inherit a thread's CPUs, so a pinned thread
     * must be restored before it starts any.
     */
    public static void restore(final BitSet cpus)
    {
        if (Affinity.isJNAAvailable() && !cpus.isEmpty())
        {
            Affinity.setAffinity(cpus);
        }
    }

    /** A factory whose threads pin themselves to {@code cpu} before they run anything. */
    public static ThreadFactory threadsOn(final int cpu)
    {
        return task -> new Thread(() ->
        {
            if (!pinCurrentThread(cpu))
            {
                System.err.println("databourse: could not pin " + Thread.currentThread().getName() + " to CPU " + cpu +
                    "; it runs where the scheduler puts it");
            }
            task.run();
        });
    }
}
