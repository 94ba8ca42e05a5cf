package io.databourse.exchange;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StaleAeronDirsTest
{
    @Test
    void removesOnlyTheDirectoriesOfProcessesThatAreGone(@TempDir final Path shm) throws Exception
    {
        final Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        final long deadPid = gone.pid();
        final long livePid = ProcessHandle.current().pid();

        final Path dead = Files.createDirectories(shm.resolve("databourse-" + deadPid));
        Files.write(dead.resolve("some-log-buffer"), new byte[4096]);
        final Path deadNamed = Files.createDirectories(shm.resolve("databourse-fixtest-" + deadPid));
        final Path live = Files.createDirectories(shm.resolve("databourse-" + livePid));
        final Path notOurs = Files.createDirectories(shm.resolve("aeron-" + deadPid));
        final Path noPid = Files.createDirectories(shm.resolve("databourse-shared"));

        final List<String> removed = StaleAeronDirs.clean(shm);

        assertEquals(2, removed.size(), removed.toString());
        assertFalse(Files.exists(dead));
        assertFalse(Files.exists(deadNamed));
        assertTrue(Files.exists(live));
        assertTrue(Files.exists(notOurs));
        assertTrue(Files.exists(noPid));
        assertTrue(removed.get(0).contains("no longer running"));
    }

    @Test
    void namesAPid()
    {
        assertEquals(123, StaleAeronDirs.pidOf(Path.of("databourse-123")));
        assertEquals(77, StaleAeronDirs.pidOf(Path.of("databourse-recovery-77")));
        assertEquals(-1, StaleAeronDirs.pidOf(Path.of("databourse-x")));
        assertEquals(-1, StaleAeronDirs.pidOf(Path.of("databourse-99999999999999999999")));
    }
}
