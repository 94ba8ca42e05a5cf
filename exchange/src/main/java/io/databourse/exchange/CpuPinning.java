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
