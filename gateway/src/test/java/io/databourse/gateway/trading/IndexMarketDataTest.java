package io.databourse.gateway.trading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The index symbols known are those the index stage told; anything else is an unknown symbol. */
class IndexMarketDataTest
{
    @Test
    void anIndexIsKnownOnceItsFirstValueIsTold()
    {
        final IndexMarketData indexes = new IndexMarketData();
        assertTrue(indexes.request(null, "r", "IDX.H100.GY1", true).startsWith("0Unknown symbol"));
        for (int i = 0; i < 40; i++) // more than the first quote slots: they grow
        {
            indexes.onIndexValue("IDX.X" + i + ".R", 100 + i, "live", i);
        }
        indexes.onIndexValue("IDX.H100.GY1", 2_200, "live", 20);
        indexes.onIndexValue("IDX.H100.GY1", 2_200, "stale", 10);
        assertEquals(41, indexes.symbols().size());
        assertEquals("IDX.H100.GY1", indexes.symbols().get(40));
        assertTrue(indexes.request(null, "r", "IDX.NOPE", true).startsWith("0Unknown symbol"));
        assertEquals(List.of("none", "live", "stale"), List.of(IndexMarketData.STATUS_NAMES));
    }
}
