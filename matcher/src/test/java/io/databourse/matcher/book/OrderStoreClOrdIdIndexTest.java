package io.databourse.matcher.book;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The clOrdId index against a plain map, over a long seeded mix of the operations the matcher
 * makes, in the orders it makes them and in others: find then allocate (a new order after its
 * duplicate check), find then free or change (cancel, replace), and each without the find first
 * or after an unrelated find, so that the index's memo of the last lookup is stale as often as not.
 */
class OrderStoreClOrdIdIndexTest
{
    private static final int CAPACITY = 512;
    private static final int PARTICIPANTS = 4;

    private final OrderStore store = new OrderStore(CAPACITY);
    private final Map<String, Integer> model = new HashMap<>();
    private final List<String> live = new ArrayList<>();
    private final UnsafeBuffer key = new UnsafeBuffer(new byte[OrderStore.CLORDID_LONGS * 8]);

    @Test
    void agreesWithAMapOverAMillionOperations()
    {
        final SplittableRandom random = new SplittableRandom(7);
        long nextId = 1;
        for (int step = 0; step < 1_000_000; step++)
        {
            final int op = random.nextInt(6);
            if (random.nextInt(3) == 0)
            {
                find(randomKey(random)); // an unrelated lookup: hit or miss, it moves the memo elsewhere
            }
            if (op <= 1 && live.size() < CAPACITY)
            {
                final String k = randomKey(random);
                if (op == 0 && find(k) != OrderStore.NULL)
                {
                    continue; // duplicate, as the matcher would refuse it
                }
                if (model.containsKey(k))
                {
                    continue;
                }
                put(k);
                final int slot = store.allocate(nextId++, participantOf(k), 0, 1, key, 0, 100, 1, 0, 0);
                model.put(k, slot);
                live.add(k);
            }
            else if (op == 2 && !live.isEmpty())
            {
                final String k = live.remove(random.nextInt(live.size()));
                final int slot = model.remove(k);
                if (random.nextBoolean())
                {
                    assertEquals(slot, find(k));
                }
                store.free(slot);
            }
            else if (op >= 3 && !live.isEmpty())
            {
                final int at = random.nextInt(live.size());
                final String old = live.get(at);
                final String renamed = participantOf(old) + ":" + random.nextInt(5_000);
                if (model.containsKey(renamed))
                {
                    continue;
                }
                final int slot = model.get(old);
                if (random.nextBoolean())
                {
                    assertEquals(slot, find(old));
                }
                if (random.nextBoolean())
                {
                    assertEquals(OrderStore.NULL, find(renamed)); // the duplicate check of a replace
                }
                put(renamed);
                store.changeClOrdId(slot, key, 0);
                model.remove(old);
                model.put(renamed, slot);
                live.set(at, renamed);
            }
            if (step % 1_000 == 0)
            {
                for (final Map.Entry<String, Integer> e : model.entrySet())
                {
                    assertEquals(e.getValue(), find(e.getKey()), e.getKey());
                }
                assertEquals(model.size(), store.liveCount());
            }
        }
    }

    private String randomKey(final SplittableRandom random)
    {
        return random.nextInt(PARTICIPANTS) + ":" + random.nextInt(5_000);
    }

    private static int participantOf(final String k)
    {
        return k.charAt(0) - '0';
    }

    private int find(final String k)
    {
        put(k);
        return store.findByClOrdId(participantOf(k), key, 0);
    }

    private void put(final String k)
    {
        key.setMemory(0, key.capacity(), (byte)0);
        final String clOrdId = k.substring(2);
        for (int i = 0; i < clOrdId.length(); i++)
        {
            key.putByte(i, (byte)clOrdId.charAt(i));
        }
    }
}
