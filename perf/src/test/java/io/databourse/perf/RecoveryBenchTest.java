package io.databourse.perf;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The recovery bench at a tiny size, as CI runs it: the journal it writes recovers from its start and
 * from its snapshot plus the tail to the live state (the bench checks both hashes), audit verify
 * passes it, and the resting book's snapshot loads back whole. No timing is asserted.
 */
class RecoveryBenchTest
{
    @Test
    void theBenchRunsSmallAndItsRecoveriesAgreeWithTheLiveState(@TempDir final Path dir) throws Exception
    {
        final RecoveryBench.Result r = RecoveryBench.run(dir, 5_000, 500, 2_000);
        assertEquals(5_000, r.commands());
        assertEquals(500, r.tail());
        assertTrue(r.events() >= r.commands(), "every command has at least one event: " + r.events());
        assertTrue(r.restingSnapshotBytes() > 2_000 * 8L, "a resting order is written, not skipped: " + r.restingSnapshotBytes());
        assertTrue(r.tailSnapshotBytes() > 0);
    }
}
