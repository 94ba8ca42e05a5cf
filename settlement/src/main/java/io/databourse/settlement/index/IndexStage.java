package io.databourse.settlement.index;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.databourse.index.IndexBook;
import io.databourse.index.IndexJson;
import io.databourse.index.IndexListener;
import io.databourse.index.IndexRules;
import io.databourse.journal.schema.JournalRecord;
import io.databourse.settlement.AppendLog;
import io.databourse.settlement.MarkUpdates;
import io.databourse.settlement.RecordEvent;
import io.databourse.settlement.SettlementContext;
import io.databourse.settlement.SettlementStage;
import io.databourse.settlement.surveillance.AlertFollower;
import io.databourse.surveillance.alert.Alert;
import io.databourse.surveillance.alert.AlertStore;

/**
 * The index stage (docs/indexes.md): runs the {@link IndexBook} over the journal and publishes what
 * it decides. It runs after the surveillance stage on the ring: the trades the alerts raised up to
 * a record flag leave the indexes, marks and bars before the record's values are published. Every
 * published value is one line of {@value #INDEXES_FILE}; every product mark also goes into the
 * record's ring slot, where the positions stage (after this one on the ring) posts it, and into a
 * binary mark log, from which the marks of records applied before a restart are written into their
 * slots again (positions may have checkpointed before them). The book's state as JSON is
 * republished for readers on other threads (the HTTP route) at the end of a batch that changed it, at
 * most every {@code indexViewIntervalMs}; each index value is also told to the context's
 * {@link IndexValueListener} (the gateway's index symbols in {@code run}).
 */
public final class IndexStage implements SettlementStage, IndexListener
{
    public static final String NAME = "indexes";
    public static final String INDEXES_FILE = "indexes.jsonl";
    static final String MARKS_FILE = "index-marks.bin";
    private static final int SNAPSHOT_FORMAT = 0x49445332; // "IDS2"

    private final SettlementContext ctx;
    private final IndexBook book;
    private final StringBuilder line = new StringBuilder(256);
    private final long viewIntervalNs;
    private AppendLog out;
    private MarkLog marks;
    private long committedLength;
    private long committedMarksLength;
    private long lines;
    private MarkUpdates slotMarks;
    private boolean replaying;
    private boolean changed;
    private long lastViewNs;
    private volatile String stateJson;
    private AlertFollower alerts;
    private long alertsAppliedRead;
    private long excludedTrades;
    private final Consumer<Alert> excluder = this::exclude;
    private final IndexValueListener valueListener;
    /** Indexes the value listener knows of (an index is told when it appears, value or not). */
    private int told;

    public IndexStage(final SettlementContext ctx)
    {
        this.ctx = ctx;
        book = new IndexBook(ctx.indexRules(), ctx.productsMax()).listener(this);
        valueListener = ctx.indexValueListener();
        viewIntervalNs = TimeUnit.MILLISECONDS.toNanos(ctx.indexViewIntervalMs());
    }

    @Override
    public String name()
    {
        return NAME;
    }

    public IndexBook book()
    {
        return book;
    }

    public IndexRules rules()
    {
        return book.rules();
    }

    /**
     * Where flags come from: surveillance's alert queue, open once that stage is. The pipeline sets
     * it and runs this stage after that one.
     */
    public IndexStage flagsFrom(final Supplier<AlertStore> alertStore)
    {
        alerts = new AlertFollower(alertStore, NAME);
        alerts.applied(alertsAppliedRead);
        return this;
    }

    /** Trades surveillance flagged that were still counted in a value when flagged (this stage's history). */
    public long excludedTrades()
    {
        return excludedTrades;
    }

    public Path indexesFile()
    {
        return ctx.stateDir().resolve(INDEXES_FILE);
    }

    /** Lines published so far (this stage's whole history, not only this run). */
    public long publishedLines()
    {
        return lines;
    }

    @Override
    public void open(final Path stateDir, final boolean restored) throws IOException
    {
        out = new AppendLog(stateDir.resolve(INDEXES_FILE), committedLength, 1 << 16, ctx.fsync());
        marks = new MarkLog(stateDir.resolve(MARKS_FILE), committedMarksLength, ctx.fsync());
        stateJson = IndexJson.state(book);
        if (null != valueListener)
        {
            // whoever publishes them further (the gateway's index symbols) starts from every current value
            told = book.indexCount();
            for (int i = 0; i < told; i++)
            {
                tell(i);
            }
        }
    }

    /** Without a ring slot (no marks to hand over, no alert queue): the book alone. */
    @Override
    public void onRecord(final JournalRecord record)
    {
        book.apply(record);
    }

    @Override
    public void onRecordEvent(final RecordEvent event)
    {
        if (replaying)
        {
            replaying = false;
            marks.endReplay();
        }
        slotMarks = event.marks();
        book.applyEvents(event.record());
        if (null != alerts)
        {
            alerts.applyUpTo(event.seq(), excluder);
        }
        book.publish();
        slotMarks = null;
        while (null != valueListener && told < book.indexCount())
        {
            tell(told++); // a new index (its first product registered): known before it has a value
        }
    }

    /** An alert that flags trades: each leaves every value it is still counted in. */
    private void exclude(final Alert alert)
    {
        excludedTrades += FlaggedTrades.excludeFrom(book, alert);
    }

    @Override
    public void onRecordSkipped(final RecordEvent event)
    {
        replaying = true;
        try
        {
            marks.replay(event.seq(), event.marks());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("replaying marks of seq " + event.seq(), ex);
        }
    }

    @Override
    public void onIndex(final IndexBook book, final int index)
    {
        write(IndexJson.appendIndex(line, book, index));
        tell(index);
    }

    private void tell(final int index)
    {
        if (null != valueListener && index < told)
        {
            valueListener.onIndexValue(book.indexId(index), book.value(index),
                IndexBook.STATUS_NAMES[book.status(index)], book.indexQty(index));
        }
    }

    @Override
    public void onMark(final IndexBook book, final int product)
    {
        write(IndexJson.appendMark(line, book, product));
        if (null != slotMarks)
        {
            slotMarks.add(product, book.markFen(product), book.markBasis(product));
        }
        try
        {
            marks.append(book.seq(), product, book.markBasis(product), book.markFen(product));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void onDailyBar(final IndexBook book, final int product)
    {
        write(IndexJson.appendDailyBar(line, book, product));
    }

    private void write(final StringBuilder json)
    {
        json.append('\n');
        try
        {
            out.append(json);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        json.setLength(0);
        lines++;
        changed = true;
    }

    @Override
    public void onBatchApplied()
    {
        if (changed)
        {
            final long nowNs = System.nanoTime();
            if (nowNs - lastViewNs >= viewIntervalNs)
            {
                publishView();
                lastViewNs = nowNs;
            }
        }
    }

    /** Republishes the state for other threads (also when the stage has stopped: the batch run's outputs). */
    public void publishView()
    {
        stateJson = IndexJson.state(book);
        changed = false;
    }

    /** The latest published state as JSON (docs/indexes.md): safe from any thread. */
    public String stateJson()
    {
        return stateJson;
    }

    @Override
    public void flush() throws IOException
    {
        out.flush();
        marks.flush();
    }

    @Override
    public void checkInvariants()
    {
        for (int p = 0; p < book.productCount(); p++)
        {
            if (book.markFen(p) < 0 || book.windowQty(p) < 0 || book.windowTrades(p) < 0)
            {
                throw new IllegalStateException("index book of " + book.productId(p) + " went negative");
            }
        }
    }

    @Override
    public void writeSnapshot(final DataOutput snapshot) throws IOException
    {
        snapshot.writeInt(SNAPSHOT_FORMAT);
        snapshot.writeLong(out.length());
        snapshot.writeLong(marks.length());
        snapshot.writeLong(lines);
        snapshot.writeLong(null == alerts ? alertsAppliedRead : alerts.applied());
        snapshot.writeLong(excludedTrades);
        book.writeSnapshot(snapshot);
    }

    @Override
    public void readSnapshot(final DataInput snapshot) throws IOException
    {
        final int format = snapshot.readInt();
        if (SNAPSHOT_FORMAT != format)
        {
            throw new IOException("index stage checkpoint of another format: 0x" + Integer.toHexString(format));
        }
        committedLength = snapshot.readLong();
        committedMarksLength = snapshot.readLong();
        lines = snapshot.readLong();
        alertsAppliedRead = snapshot.readLong();
        if (null != alerts)
        {
            alerts.applied(alertsAppliedRead);
        }
        excludedTrades = snapshot.readLong();
        book.readSnapshot(snapshot);
    }

    @Override
    public void close()
    {
        try
        {
            if (null != out)
            {
                out.close();
            }
            if (null != marks)
            {
                marks.close();
            }
            if (null != alerts)
            {
                alerts.close();
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
