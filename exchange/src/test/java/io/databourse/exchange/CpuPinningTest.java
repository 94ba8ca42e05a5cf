package io.databourse.exchange;

import net.openhft.affinity.Affinity;
import org.junit.jupiter.api.Test;

import java.util.BitSet;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class CpuPinningTest
{
    @Test
    void threadsFromTheFactoryRunOnlyOnTheirCpu() throws Exception
    {
        assumeTrue(Affinity.isJNAAvailable(), "thread affinity needs JNA on Linux");
        final int cpu = Runtime.getRuntime().availableProcessors() - 1;
        final AtomicReference<BitSet> seen = new AtomicReference<>();
        final Thread t = CpuPinning.threadsOn(cpu).newThread(() -> seen.set(Affinity.getAffinity()));
        t.start();
        t.join();
        final BitSet expected = new BitSet();
        expected.set(cpu);
        assertEquals(expected, seen.get());
    }

    @Test
    void aPinnedThreadGetsItsCpusBack() throws Exception
    {
        assumeTrue(Affinity.isJNAAvailable(), "thread affinity needs JNA on Linux");
        final AtomicReference<BitSet> after = new AtomicReference<>();
        final AtomicReference<BitSet> before = new AtomicReference<>();
        final Thread t = new Thread(() ->
        {
            before.set(CpuPinning.currentCpus());
            CpuPinning.pinCurrentThread(0);
            CpuPinning.restore(before.get());
            after.set(Affinity.getAffinity());
        });
        t.start();
        t.join();
        assertEquals(before.get(), after.get());
    }

    @Test
    void threadsStartedByAThreadKeptOffACpuStayOffIt() throws Exception
    {
        assumeTrue(Affinity.isJNAAvailable(), "thread affinity needs JNA on Linux");
        assumeTrue(CpuPinning.currentCpus().cardinality() >= 2, "needs two CPUs");
        final int matcherCpu = CpuPinning.currentCpus().length() - 1;
        final AtomicReference<BitSet> child = new AtomicReference<>();
        final Thread launcher = new Thread(() ->
        {
            final BitSet before = CpuPinning.currentCpus();
            CpuPinning.keepCurrentThreadOff(matcherCpu);
            final Thread started = new Thread(() -> child.set(Affinity.getAffinity()));
            started.start();
            try
            {
                started.join();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
            CpuPinning.restore(before);
        });
        launcher.start();
        launcher.join();
        assertEquals(false, child.get().get(matcherCpu));
        assertEquals(true, child.get().cardinality() >= 1);
    }

    @Test
    void aNegativeCpuOtherThanNoneIsRefused()
    {
        assertThrows(IllegalArgumentException.class, () -> new ExchangeConfig().matcherCpu(-2));
        assertEquals(-1, new ExchangeConfig().matcherCpu(-1).matcherCpu());
    }

    @Test
    void pinningToACpuTheMachineDoesNotHaveFailsWithoutHarm()
    {
        assumeTrue(Affinity.isJNAAvailable(), "thread affinity needs JNA on Linux");
        final BitSet before = Affinity.getAffinity();
        assertEquals(false, CpuPinning.pinCurrentThread(4096));
        assertEquals(before, Affinity.getAffinity());
    }
}
