package io.databourse.index;

/**
 * Told of every value an {@link IndexBook} publishes, on the thread that applies the records, while
 * the book holds exactly the state the value comes from (read it through the book's accessors; no
 * value object is made). Within one record: the closed day's bars, then the data-category closes
 * (both when the record is the first of a new trading day), then compute indexes, then product marks,
 * each in ascending index or product order.
 */
public interface IndexListener
{
    /** Index {@code index} has a new value or status. */
    default void onIndex(final IndexBook book, final int index)
    {
    }

    /** Product {@code product} has a new mark or mark basis. */
    default void onMark(final IndexBook book, final int product)
    {
    }

    /** The trading day {@link IndexBook#barDay()} closed with trades in {@code product} (its day accessors). */
    default void onDailyBar(final IndexBook book, final int product)
    {
    }
}
