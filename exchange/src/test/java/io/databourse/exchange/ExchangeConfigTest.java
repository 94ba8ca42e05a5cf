package io.databourse.exchange;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Settings that would misconfigure the exchange are refused when set, with the setting named. */
class ExchangeConfigTest
{
    @Test
    void journalPrefetchIsOffOrAtLeastOneMebibyte()
    {
        final ExchangeConfig config = new ExchangeConfig();
        assertEquals(16L << 20, config.journalPrefetchBytes(), "on by default, 16 MiB ahead");
        assertEquals(0, config.journalPrefetchBytes(0).journalPrefetchBytes());
        assertEquals(64L << 20, config.journalPrefetchBytes(64L << 20).journalPrefetchBytes());
        final IllegalArgumentException refused =
            assertThrows(IllegalArgumentException.class, () -> config.journalPrefetchBytes(512 << 10));
        assertEquals("journal prefetch of 524288 bytes: 0 (off) or at least 1 MiB", refused.getMessage());
        assertThrows(IllegalArgumentException.class, () -> config.journalPrefetchBytes(-1));
        assertEquals(64L << 20, config.journalPrefetchBytes(), "a refused value leaves the setting as it was");
    }

    @Test
    void matcherCpuIsACpuNumberOrNone()
    {
        final ExchangeConfig config = new ExchangeConfig();
        assertEquals(-1, config.matcherCpu());
        assertEquals(1, config.matcherCpu(1).matcherCpu());
        assertThrows(IllegalArgumentException.class, () -> config.matcherCpu(-2));
        assertEquals(1, config.matcherCpu());
    }
}
