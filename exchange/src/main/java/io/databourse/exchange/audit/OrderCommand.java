package io.databourse.exchange.audit;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import io.databourse.journal.sbe.CancelCommandDecoder;
import io.databourse.journal.sbe.OrderEventDecoder;
import io.databourse.journal.sbe.RejectedEventDecoder;
import io.databourse.journal.sbe.ReplaceCommandDecoder;
import io.databourse.journal.sbe.TradeEventDecoder;
import io.databourse.journal.schema.Codecs;
import io.databourse.journal.schema.Codes;
import io.databourse.journal.schema.JournalRecord;
import io.databourse.journal.schema.MessageType;
import io.databourse.journal.schema.RecordHeader;
import io.databourse.settlement.ledger.Certificates;
import org.agrona.DirectBuffer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code databourse audit order DIR --participant P --clOrdId X | --orderId N}: one order's whole life.
 * A clOrdId names a live order only: once an order is done its clOrdId may name another, so every
 * order of the participant that carried the clOrdId (at entry or after a replace) is shown, each
 * from its entry to its end.
 */
@Command(name = "order", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"One order's whole life, in order, as JSON Lines: its entry, each fill (the order's side, " +
        "liquidity maker or taker, the counterparty's order, participant and clOrdId, the fill's certificate id), each replace, its cancel or expiry, and the cancels " +
        "and replaces of it that were refused; each step with its seq, time and session.",
        "Exit status 0; 1 when the participant has no such order."})
final class OrderCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "a data directory (DIR/journal) or a journal directory")
    private Path dir;

    @Option(names = "--participant", required = true, paramLabel = "P", description = "the participant that owns the order")
    private String participant;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Which which;

    @Mixin
    private AuditOptions.Out output;

    static final class Which
    {
        @Option(names = {"--clOrdId", "--clordid"}, paramLabel = "X", description = "the order's client order id")
        String clOrdId;

        @Option(names = {"--orderId", "--orderid"}, paramLabel = "N", description = "the exchange's order id")
        Long orderId;
    }

    private final EventFacts facts = new EventFacts();
    private final CancelCommandDecoder cancel = new CancelCommandDecoder();
    private final ReplaceCommandDecoder replace = new ReplaceCommandDecoder();

    @Override
    public Integer call() throws IOException
    {
        final AuditDir source = AuditDir.resolve(spec, dir);
        final PrintWriter err = spec.commandLine().getErr();
        final Set<Long> orders = new LinkedHashSet<>();
        final int[] owner = {-1};
        try (EventScan scan = new EventScan(source, err, "order"))
        {
            // first pass: which orders of the participant are meant (a clOrdId may have named several over time)
            scan.run(record ->
            {
                if (owner[0] < 0)
                {
                    owner[0] = scan.participant(participant);
                }
                record.forEachEvent((type, buffer, offset, length) ->
                {
                    if (type == MessageType.ORDER_ACCEPTED || type == MessageType.ORDER_REPLACED)
                    {
                        final OrderEventDecoder e = facts.order(buffer, offset);
                        if (e.participant() == owner[0] && owner[0] >= 0 && (null != which.orderId ?
                            e.orderId() == which.orderId : which.clOrdId.equals(e.clOrdId())))
                        {
                            orders.add(e.orderId());
                        }
                    }
                });
                return true;
            });
            if (orders.isEmpty())
            {
                err.println("databourse audit order: " + participant + " has no order " +
                    (null != which.orderId ? "with orderId " + which.orderId : "with clOrdId " + which.clOrdId) +
                    " in the journal");
                return 1;
            }
            try (Writer out = output.open(spec))
            {
                final Map<Long, String> live = new TreeMap<>(); // order id -> its clOrdId now
                scan.run(record ->
                {
                    record.forEachEvent((type, buffer, offset, length) ->
                        step(scan, out, record, type, buffer, offset, orders, owner[0], live));
                    return true;
                });
            }
        }
        return 0;
    }

    private void step(
        final EventScan scan, final Writer out, final JournalRecord record, final int type, final DirectBuffer buffer,
        final int offset, final Set<Long> orders, final int owner, final Map<Long, String> live)
    {
        final StringBuilder line;
        switch (type)
        {
            case MessageType.ORDER_ACCEPTED:
            case MessageType.ORDER_REPLACED:
            case MessageType.ORDER_CANCELLED:
            case MessageType.ORDER_EXPIRED:
            {
                final OrderEventDecoder e = facts.order(buffer, offset);
                if (!orders.contains(e.orderId()))
                {
                    return;
                }
                if (type == MessageType.ORDER_ACCEPTED || type == MessageType.ORDER_REPLACED)
                {
                    live.put(e.orderId(), e.clOrdId());
                }
                else
                {
                    live.remove(e.orderId());
                }
                line = scan.json(record.seq(), record.timeNs(), type, buffer, offset);
                break;
            }
            case MessageType.TRADE:
            {
                final TradeEventDecoder t = facts.trade(buffer, offset);
                final boolean buys = orders.contains(t.buyOrderId());
                if (!buys && !orders.contains(t.sellOrderId()))
                {
                    return;
                }
                if ((buys ? t.buyLeavesQty() : t.sellLeavesQty()) == 0)
                {
                    live.remove(buys ? t.buyOrderId() : t.sellOrderId());
                }
                line = scan.json(record.seq(), record.timeNs(), type, buffer, offset);
                line.setLength(line.length() - 1);
                line.append(",\"orderSide\":\"").append(buys ? "buy" : "sell").append('"')
                    .append(",\"liquidity\":\"")
                    .append(t.aggressorSide() == (buys ? Codes.Side.BUY : Codes.Side.SELL) ? "taker" :
                        t.aggressorSide() == Codes.Side.NONE ? "auction" : "maker").append('"')
                    .append(",\"counterpartyOrderId\":").append(buys ? t.sellOrderId() : t.buyOrderId())
                    .append(",\"counterparty\":\"").append(scan.names().participant(buys ? t.seller() : t.buyer()))
                    .append("\",\"counterpartyClOrdId\":\"").append(buys ? t.sellClOrdId() : t.buyClOrdId())
                    .append("\",\"certificateId\":\"");
                Certificates.appendCertificateId(line, t.tradeId()).append("\"}");
                break;
            }
            case MessageType.REJECTED:
            {
                final RejectedEventDecoder e = facts.rejected(buffer, offset);
                if (e.participant() != owner || !targetsOurs(record, e, orders, live))
                {
                    return;
                }
                line = scan.json(record.seq(), record.timeNs(), type, buffer, offset);
                break;
            }
            default:
                return;
        }
        line.setLength(line.length() - 1);
        line.append(",\"session\":").append(session(type, buffer, offset, orders)).append('}');
        Lines.write(out, line);
    }

    /** The order's session: for a fill, the one of its own side (the event goes to the aggressor's). */
    private int session(final int type, final DirectBuffer buffer, final int offset, final Set<Long> orders)
    {
        if (type == MessageType.TRADE)
        {
            final TradeEventDecoder t = facts.trade(buffer, offset);
            return orders.contains(t.buyOrderId()) ? t.buySessionId() : t.sellSessionId();
        }
        return buffer.getInt(offset + RecordHeader.SESSION_ID_OFFSET);
    }

    /** A refused cancel or replace that named one of the orders: by exchange id, or by its clOrdId while live. */
    private boolean targetsOurs(
        final JournalRecord record, final RejectedEventDecoder e, final Set<Long> orders, final Map<Long, String> live)
    {
        if (orders.contains(e.orderId()))
        {
            return true;
        }
        final int command = record.commandType();
        final String orig;
        if (command == MessageType.CANCEL && record.commandLength() >= CancelCommandDecoder.BLOCK_LENGTH)
        {
            orig = Codecs.wrap(cancel, record.buffer(), record.commandOffset()).origClOrdId();
        }
        else if (command == MessageType.REPLACE && record.commandLength() >= ReplaceCommandDecoder.BLOCK_LENGTH)
        {
            orig = Codecs.wrap(replace, record.buffer(), record.commandOffset()).origClOrdId();
        }
        else
        {
            return false;
        }
        return !orig.isEmpty() && live.containsValue(orig);
    }
}
