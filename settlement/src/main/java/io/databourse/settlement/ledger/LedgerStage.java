package io.databourse.settlement.ledger;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import io.databourse.journal.sbe.TradeEventDecoder;
import io.databourse.journal.schema.JournalRecord;
import io.databourse.journal.schema.MessageType;
import io.databourse.settlement.AppendLog;
import io.databourse.settlement.SettlementContext;
import io.databourse.settlement.SettlementStage;
import io.databourse.settlement.ref.ReferenceData;
import org.agrona.DirectBuffer;

/**
 * The settling stage: applies every record to the {@link Ledger} and appends each participant cash
 * movement to {@code movements.csv} (the source of the statements). The file's committed length
 * travels in the checkpoint, so after a restart no movement is written twice.
 */
public final class LedgerStage implements SettlementStage, Ledger.MovementListener
{
    public static final String NAME = "ledger";
    public static final String MOVEMENTS_FILE = "movements.csv";
    public static final String MOVEMENTS_HEADER =
        "seq,timeNs,participant,type,tradeId,product,side,qty,priceFen,cashChangeFen,feeFen,availableFen,reservedFen\n";

    private final SettlementContext ctx;
    private final ReferenceData ref;
    private final Ledger ledger;
    private final StringBuilder line = new StringBuilder(256);
    private final JournalRecord.EventHandler eventHandler = this::onEvent;
    private AppendLog movements;
    private long movementsLength;
    private long seq;
    private long timeNs;

    public LedgerStage(final SettlementContext ctx)
    {
        this.ctx = ctx;
        this.ref = new ReferenceData(ctx.participantsMax(), ctx.productsMax());
        this.ledger = new Ledger(ref, this);
    }

    @Override
    public String name()
    {
        return NAME;
    }

    public Ledger ledger()
    {
        return ledger;
    }

    public ReferenceData ref()
    {
        return ref;
    }

    public Path movementsFile()
    {
        return ctx.stateDir().resolve(MOVEMENTS_FILE);
    }

    @Override
    public void open(final Path stateDir, final boolean restored) throws IOException
    {
        movements = new AppendLog(stateDir.resolve(MOVEMENTS_FILE), restored ? movementsLength : 0, 1 << 16, ctx.fsync());
        if (0 == movements.length())
        {
            movements.append(MOVEMENTS_HEADER);
        }
    }

    @Override
    public void onRecord(final JournalRecord record)
    {
        seq = record.seq();
        timeNs = record.timeNs();
        record.forEachEvent(eventHandler);
    }

    private void onEvent(final int type, final DirectBuffer buffer, final int offset, final int length)
    {
        ref.onEvent(type, buffer, offset);
        ledger.onEvent(seq, timeNs, type, buffer, offset);
    }

    @Override
    public void onCash(
        final long seq, final long timeNs, final int participant, final int type, final long amountFen,
        final long availableFen, final long reservedFen)
    {
        line.setLength(0);
        line.append(seq).append(',').append(timeNs).append(',').append(ref.participantId(participant)).append(',')
            .append(MessageType.CASH_DEPOSITED == type ? Movement.DEPOSIT : Movement.WITHDRAWAL).append(",,,,,,")
            .append(MessageType.CASH_DEPOSITED == type ? amountFen : -amountFen).append(",0,")
            .append(availableFen).append(',').append(reservedFen).append('\n');
        write(line);
    }

    @Override
    public void onFill(
        final long seq, final long timeNs, final int participant, final byte side, final TradeEventDecoder trade,
        final long cashChangeFen, final long feeFen, final long availableFen, final long reservedFen)
    {
        line.setLength(0);
        line.append(seq).append(',').append(timeNs).append(',').append(ref.participantId(participant)).append(',')
            .append(Movement.FILL).append(',').append(trade.tradeId()).append(',')
            .append(ref.productId(trade.product())).append(',').append(0 == side ? "buy" : "sell").append(',')
            .append(trade.qty()).append(',').append(trade.priceFen()).append(',').append(cashChangeFen).append(',')
            .append(feeFen).append(',').append(availableFen).append(',').append(reservedFen).append('\n');
        write(line);
    }

    private void write(final CharSequence text)
    {
        try
        {
            movements.append(text);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void flush() throws IOException
    {
        movements.flush();
    }

    @Override
    public void checkInvariants()
    {
        ledger.checkInvariants();
    }

    @Override
    public void writeSnapshot(final DataOutput out) throws IOException
    {
        out.writeLong(movements.length());
        ref.writeSnapshot(out);
        ledger.writeSnapshot(out);
    }

    @Override
    public void readSnapshot(final DataInput in) throws IOException
    {
        movementsLength = in.readLong();
        ref.readSnapshot(in);
        ledger.readSnapshot(in);
    }

    @Override
    public void close()
    {
        try
        {
            if (null != movements)
            {
                movements.close();
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
