package io.databourse.settlement.index;

/**
 * Told of every index value the index stage publishes, of every index when it appears (with status
 * {@code none} before its first value) and, when the stage opens, of every index as it stands, on
 * the stage's thread: how the launcher hands them to whoever publishes them further (the
 * gateway's index symbols). Must be quick and never block.
 */
@FunctionalInterface
public interface IndexValueListener
{
    /**
     * @param value  fen per node-hour (compute) or hundredths of a point (data category)
     * @param status {@code none} (no value yet: the index exists), {@code live} or {@code stale}
     * @param qty    the volume behind it (docs/indexes.md)
     */
    void onIndexValue(String indexId, long value, String status, long qty);
}
