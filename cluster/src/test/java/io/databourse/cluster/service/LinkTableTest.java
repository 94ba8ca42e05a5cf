package io.databourse.cluster.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;

class LinkTableTest
{
    @Test
    void aCommandIsNewOnlyAboveTheLinksLastSequencedNumber()
    {
        final LinkTable links = new LinkTable(4);
        assertFalse(links.isNew(7, 0), "commands are numbered from 1");
        assertTrue(links.isNew(7, 1));
        links.onSequenced(7, 1, 100);
        links.onSequenced(7, 2, 101);
        assertFalse(links.isNew(7, 1));
        assertFalse(links.isNew(7, 2), "a copy of the last one");
        assertTrue(links.isNew(7, 3));
        assertTrue(links.isNew(8, 1), "another link numbers its own");
        assertEquals(2, links.lastCorrelation(7));
        assertEquals(LinkTable.NONE, links.lastCorrelation(8));
    }

    @Test
    void whenFullTheLinkHeardFromLeastRecentlyIsForgotten()
    {
        final LinkTable links = new LinkTable(3);
        links.onSequenced(1, 5, 10);
        links.onSequenced(2, 5, 11);
        links.onSequenced(3, 5, 12);
        links.onSequenced(1, 6, 13);
        links.onSequenced(4, 1, 14);
        assertEquals(LinkTable.NONE, links.lastCorrelation(2), "link 2 was heard from longest ago");
        assertEquals(6, links.lastCorrelation(1));
        assertEquals(5, links.lastCorrelation(3));
        assertEquals(1, links.lastCorrelation(4));
    }

    @Test
    void theTableComesBackFromItsSnapshotInTheSameSlotOrder()
    {
        final LinkTable links = new LinkTable(3);
        links.onSequenced(11, 1, 1);
        links.onSequenced(22, 9, 2);
        links.onSequenced(11, 2, 3);
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer();
        final int written = links.write(buffer, 4);
        assertEquals(links.encodedLength(), written);
        final LinkTable restored = new LinkTable(3);
        assertEquals(written, restored.read(buffer, 4));
        assertEquals(2, restored.lastCorrelation(11));
        assertEquals(9, restored.lastCorrelation(22));
        restored.onSequenced(33, 1, 4);
        links.onSequenced(33, 1, 4);
        restored.onSequenced(44, 1, 5);
        links.onSequenced(44, 1, 5);
        assertEquals(links.lastCorrelation(22), restored.lastCorrelation(22), "both forget the same link");
        assertEquals(LinkTable.NONE, restored.lastCorrelation(22));
        assertThrows(IllegalStateException.class, () -> new LinkTable(1).read(buffer, 4));
    }
}
