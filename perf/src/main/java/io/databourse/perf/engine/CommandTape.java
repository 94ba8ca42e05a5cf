package io.databourse.perf.engine;

import java.nio.ByteBuffer;
import java.util.Arrays;

import io.databourse.journal.sbe.CancelCommandEncoder;
import io.databourse.journal.sbe.CapacityCommandEncoder;
import io.databourse.journal.sbe.CashCommandEncoder;
import io.databourse.journal.sbe.InventoryCommandEncoder;
import io.databourse.journal.sbe.NewOrderCommandEncoder;
import io.databourse.journal.sbe.ParticipantCommandEncoder;
import io.databourse.journal.sbe.ProductCommandEncoder;
import io.databourse.journal.sbe.ReplaceCommandEncoder;
import io.databourse.journal.schema.AsciiFields;
import io.databourse.journal.schema.CapacityNodes;
import io.databourse.journal.schema.Codecs;
import io.databourse.journal.schema.Codes;
import io.databourse.journal.schema.MessageType;
import io.databourse.perf.workload.Workload;
import io.databourse.perf.workload.WorkloadSpec;
import org.agrona.BitUtil;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A workload encoded, before any timing, into journal-schema command messages laid back to back in
 * one off-heap buffer: set-up (participants, deposits, products, inventory/capacity), then the
 * untimed fill, then the timed commands. The timed loop only reads offsets and calls the engine.
 * <p>
 * The market's rules shape the set-up: the operator loads each product listed, reviewed by the
 * compliance officer {@link #COMPLIANCE_OFFICER} (data products also sponsored by {@link #SPONSOR});
 * a data or algorithm product's primary units are issued only to its owner, the first account that
 * sells it, and every other account that sells it buys its stock from the owner at 1 fen a unit
 * (products grant {@code operate}, so bought units may be sold again). Those distribution orders
 * and trades are set-up, before the fill.
 * <p>
 * Mapping from the CSV: account n is participant "A{n}", product n is "P{n}" of kind
 * {@link WorkloadSpec#KINDS}[(n-1) % 3]; price ticks are fen with tick 1, lots are units with lot 1.
 * NEW gets clOrdId "{order}", and each MOVE/REDUCE, being a FIX replace, gives the order the next
 * clOrdId "{order}.{k}"; MOVE keeps the order's total quantity, REDUCE lowers it by the row's qty
 * (a replace carries the new total, filled part included, so no fill knowledge is needed).
 */
public final class CommandTape
{
    /** Operator session: reference data and funding. */
    public static final int OPERATOR_SESSION = 0;
    public static final long CASH_PER_ACCOUNT_FEN = 1_000_000_000_000_000L;
    public static final long INVENTORY_PER_SELLER = 1_000_000_000L;
    private static final long HOUR_NS = 3_600_000_000_000L;
    /**
     * Compute windows start after any command's time: the tape's own times are sequence numbers,
     * but the journaled pipeline stamps wall-clock time, so 2100-01-01T00:00Z (hour-aligned).
     */
    public static final long COMPUTE_WINDOW_START_NS = 4_102_444_800L * 1_000_000_000L;
    private static final long COMPUTE_WINDOW_HOURS = 100_000;
    private static final int NODES_PER_CAPACITY = 64;
    /** Reviews every product the tape lists (not an account: it never trades). */
    public static final String COMPLIANCE_OFFICER = "COMPLIANCE";
    /** Sponsors every data product the tape lists. */
    public static final String SPONSOR = "SPONSOR";
    /** Price of the set-up sales that stock every seller but a product's owner. */
    private static final long DISTRIBUTION_PRICE_FEN = 1;

    private final UnsafeBuffer buffer;
    private final int[] offsets;
    private final int[] lengths;
    private final int setupCount;
    private final int fillEnd;
    private final int count;
    private final Workload workload;
    private final int setupTrades;

    private CommandTape(
        final UnsafeBuffer buffer, final int[] offsets, final int[] lengths, final int setupCount, final int fillEnd,
        final int count, final Workload workload, final int setupTrades)
    {
        this.setupTrades = setupTrades;
        this.buffer = buffer;
        this.offsets = offsets;
        this.lengths = lengths;
        this.setupCount = setupCount;
        this.fillEnd = fillEnd;
        this.count = count;
        this.workload = workload;
    }

    public UnsafeBuffer buffer()
    {
        return buffer;
    }

    public int offset(final int i)
    {
        return offsets[i];
    }

    public int length(final int i)
    {
        return lengths[i];
    }

    /** Commands [0, setupCount) are reference data and funding. */
    public int setupCount()
    {
        return setupCount;
    }

    /** Commands [setupCount, fillEnd) build the book, untimed. */
    public int fillEnd()
    {
        return fillEnd;
    }

    /** Commands [fillEnd, count) are timed. */
    public int count()
    {
        return count;
    }

    public int timedCount()
    {
        return count - fillEnd;
    }

    /** Trades the set-up makes (owners selling every other seller its stock), before the workload's own. */
    public int setupTrades()
    {
        return setupTrades;
    }

    public Workload workload()
    {
        return workload;
    }

    public long expectTradesTimed()
    {
        return workload.metaLong("expect_trades_timed", -1);
    }

    public static String participantId(final int account)
    {
        return "A" + account;
    }

    public static String productId(final int product)
    {
        return "P" + product;
    }

    public static byte kindOf(final int product)
    {
        return (byte)Codes.codeOf(Codes.ProductKind.NAMES, WorkloadSpec.KINDS[(product - 1) % WorkloadSpec.KINDS.length]);
    }

    public static CommandTape encode(final Workload w)
    {
        final int accounts = w.accounts();
        final int products = w.products();
        final boolean[] sells = sellerPairs(w, accounts, products);
        int pairs = 0;
        for (final boolean b : sells)
        {
            pairs += b ? 1 : 0;
        }
        final int setup = 2 * accounts + 2 + products + 2 * pairs;
        final int total = setup + w.count();
        final long bytesEstimate = (long)setup * 1088 + (long)w.count() * NewOrderCommandEncoder.BLOCK_LENGTH;
        if (bytesEstimate > Integer.MAX_VALUE - 64)
        {
            throw new IllegalArgumentException("workload too large for one tape: " + bytesEstimate + " bytes");
        }
        final UnsafeBuffer buffer = new UnsafeBuffer(
            ByteBuffer.allocateDirect(BitUtil.align((int)bytesEstimate, 64)));
        final int[] offsets = new int[total];
        final int[] lengths = new int[total];
        final Encoder e = new Encoder(buffer, offsets, lengths);

        for (int a = 1; a <= accounts; a++)
        {
            e.participant(a);
        }
        e.officials();
        for (int a = 1; a <= accounts; a++)
        {
            e.deposit(a);
        }
        final int[] owners = new int[products + 1];
        for (int p = 1; p <= products; p++)
        {
            owners[p] = 1;
            for (int a = accounts; a >= 1; a--)
            {
                owners[p] = sells[(p - 1) * accounts + (a - 1)] ? a : owners[p];
            }
            e.product(p, owners[p]);
        }
        for (int p = 1; p <= products; p++)
        {
            int sellers = 0;
            for (int a = 1; a <= accounts; a++)
            {
                sellers += sells[(p - 1) * accounts + (a - 1)] ? 1 : 0;
            }
            if (kindOf(p) == Codes.ProductKind.COMPUTE)
            {
                for (int a = 1; a <= accounts; a++)
                {
                    if (sells[(p - 1) * accounts + (a - 1)])
                    {
                        e.capacity(a, p);
                    }
                }
            }
            else if (sellers > 0)
            {
                e.inventory(owners[p], p, INVENTORY_PER_SELLER * sellers);
                for (int a = 1; a <= accounts; a++)
                {
                    if (a != owners[p] && sells[(p - 1) * accounts + (a - 1)])
                    {
                        e.distribute(owners[p], a, p);
                    }
                }
            }
        }
        final int setupCount = e.index;
        final int fill = w.fillCommands();
        long maxOrderId = 0;
        for (int i = 0; i < w.count(); i++)
        {
            maxOrderId = Math.max(maxOrderId, w.orderId[i]);
        }
        final long[] totalQty = new long[(int)maxOrderId + 1];
        final int[] version = new int[(int)maxOrderId + 1];
        final long[] price = new long[(int)maxOrderId + 1];
        for (int i = 0; i < w.count(); i++)
        {
            e.order(w, i, totalQty, version, price);
        }
        return new CommandTape(buffer, offsets, lengths, setupCount, setupCount + fill, e.index, w, e.distributions);
    }

    /** (product, account) pairs that sell somewhere in the stream: each gets inventory or capacity. */
    private static boolean[] sellerPairs(final Workload w, final int accounts, final int products)
    {
        final boolean[] sells = new boolean[accounts * products];
        for (int i = 0; i < w.count(); i++)
        {
            if (w.op[i] == Workload.OP_NEW && w.side[i] == Workload.SIDE_SELL)
            {
                sells[(w.product[i] - 1) * accounts + (w.account[i] - 1)] = true;
            }
        }
        return sells;
    }

    private static final class Encoder
    {
        private final UnsafeBuffer buffer;
        private final int[] offsets;
        private final int[] lengths;
        private final ParticipantCommandEncoder participant = new ParticipantCommandEncoder();
        private final CashCommandEncoder cash = new CashCommandEncoder();
        private final ProductCommandEncoder product = new ProductCommandEncoder();
        private final InventoryCommandEncoder inventory = new InventoryCommandEncoder();
        private final CapacityCommandEncoder capacity = new CapacityCommandEncoder();
        private final NewOrderCommandEncoder newOrder = new NewOrderCommandEncoder();
        private final CancelCommandEncoder cancel = new CancelCommandEncoder();
        private final ReplaceCommandEncoder replace = new ReplaceCommandEncoder();
        private final StringBuilder id = new StringBuilder(24);
        private final StringBuilder origId = new StringBuilder(24);
        int index;
        int position;
        int distributions;

        Encoder(final UnsafeBuffer buffer, final int[] offsets, final int[] lengths)
        {
            this.buffer = buffer;
            this.offsets = offsets;
            this.lengths = lengths;
        }

        private void commit(final int length)
        {
            offsets[index] = position;
            lengths[index] = length;
            index++;
            position += BitUtil.align(length, 8);
        }

        void participant(final int account)
        {
            Codecs.encode(participant, buffer, position, OPERATOR_SESSION);
            participant.participantId(participantId(account));
            participant.roles(Codes.Role.BUYER | Codes.Role.DATA_SUPPLIER | Codes.Role.COMPUTE_PROVIDER)
                .qualification(Codes.Grade.GENERAL)
                .jurisdiction(Codes.Jurisdiction.DOMESTIC)
                .status(Codes.ParticipantStatus.ADMITTED);
            commit(participant.encodedLength());
        }

        /** The compliance officer and the data sponsor every listed product names. */
        void officials()
        {
            Codecs.encode(participant, buffer, position, OPERATOR_SESSION);
            participant.participantId(COMPLIANCE_OFFICER);
            participant.roles(Codes.Role.COMPLIANCE_OFFICER).status(Codes.ParticipantStatus.ADMITTED);
            commit(participant.encodedLength());
            Codecs.encode(participant, buffer, position, OPERATOR_SESSION);
            participant.participantId(SPONSOR);
            participant.roles(Codes.Role.DATA_SPONSOR).status(Codes.ParticipantStatus.ADMITTED);
            commit(participant.encodedLength());
        }

        void deposit(final int account)
        {
            Codecs.encode(cash, buffer, position, OPERATOR_SESSION, MessageType.DEPOSIT);
            cash.participantId(participantId(account)); // a generated setter throws when a value does not fit
            cash.amountFen(CASH_PER_ACCOUNT_FEN);
            cash.requestId("fund-" + account);
            commit(cash.encodedLength());
        }

        void product(final int p, final int owner)
        {
            final byte kind = kindOf(p);
            Codecs.encode(product, buffer, position, OPERATOR_SESSION);
            product.productId(productId(p));
            product.reviewedBy(COMPLIANCE_OFFICER);
            if (kind != Codes.ProductKind.COMPUTE)
            {
                product.owner(participantId(owner));
            }
            if (kind == Codes.ProductKind.DATA)
            {
                product.sponsor(SPONSOR);
            }
            product.kind(kind)
                .grade(Codes.Grade.GENERAL)
                .rights((byte)(Codes.Rights.PROCESS_USE | Codes.Rights.OPERATE))
                .delivery(kind == Codes.ProductKind.COMPUTE ? Codes.DeliveryMode.SANDBOX_ONLY : Codes.DeliveryMode.API)
                .crossBorder(Codecs.bool(true))
                .status(Codes.ProductStatus.LISTED)
                .tickFen(1)
                .lotQty(1)
                .bandBps(-1);
            if (kind == Codes.ProductKind.COMPUTE)
            {
                product.hardware("gpu-a100");
                product.region("cn-north");
                product.windowStartNs(COMPUTE_WINDOW_START_NS)
                    .windowEndNs(COMPUTE_WINDOW_START_NS + COMPUTE_WINDOW_HOURS * HOUR_NS);
            }
            commit(product.encodedLength());
        }

        void capacity(final int account, final int p)
        {
            Codecs.encode(capacity, buffer, position, OPERATOR_SESSION);
            check(AsciiFields.putId(buffer, position + CapacityCommandEncoder.participantIdEncodingOffset(),
                CapacityCommandEncoder.participantIdLength(), participantId(account)));
            check(AsciiFields.putId(buffer, position + CapacityCommandEncoder.productIdEncodingOffset(),
                CapacityCommandEncoder.productIdLength(), productId(p)));
            for (int n = 0; n < NODES_PER_CAPACITY; n++)
            {
                // Node names are unique per product so that windows never collide.
                check(CapacityNodes.addNode(capacity, "p" + p + "n" + n));
            }
            commit(capacity.encodedLength());
        }

        void inventory(final int owner, final int p, final long qty)
        {
            Codecs.encode(inventory, buffer, position, OPERATOR_SESSION);
            inventory.participantId(participantId(owner));
            inventory.productId(productId(p));
            inventory.qty(qty);
            commit(inventory.encodedLength());
        }

        /** The owner sells a seller its stock: a resting sell, then the seller's IOC buy that takes it all. */
        void distribute(final int owner, final int seller, final int p)
        {
            final String clOrdId = "stock-" + seller + "-" + p;
            distributions++;
            Codecs.encode(newOrder, buffer, position, owner);
            newOrder.participantId(participantId(owner));
            newOrder.productId(productId(p));
            newOrder.clOrdId(clOrdId);
            newOrder.side(Codes.Side.SELL).ordType(Codes.OrdType.LIMIT).tif(Codes.TimeInForce.GTC)
                .stp(Codes.SelfTradePrevention.CANCEL_NEWEST).priceFen(DISTRIBUTION_PRICE_FEN).qty(INVENTORY_PER_SELLER);
            commit(newOrder.encodedLength());
            Codecs.encode(newOrder, buffer, position, seller);
            newOrder.participantId(participantId(seller));
            newOrder.productId(productId(p));
            newOrder.clOrdId(clOrdId);
            newOrder.side(Codes.Side.BUY).ordType(Codes.OrdType.LIMIT).tif(Codes.TimeInForce.IOC)
                .stp(Codes.SelfTradePrevention.CANCEL_NEWEST).priceFen(DISTRIBUTION_PRICE_FEN).qty(INVENTORY_PER_SELLER);
            commit(newOrder.encodedLength());
        }

        void order(final Workload w, final int i, final long[] totalQty, final int[] version, final long[] price)
        {
            final int order = (int)w.orderId[i];
            final int session = w.account[i];
            switch (w.op[i])
            {
                case Workload.OP_NEW ->
                {
                    Codecs.encode(newOrder, buffer, position, session);
                    newOrder.participantId(participantId(w.account[i]));
                    newOrder.productId(productId(w.product[i]));
                    newOrder.clOrdId(clOrdId(id, order, 0));
                    newOrder.side(w.side[i]).ordType(Codes.OrdType.LIMIT)
                        .tif(w.tif[i] == Workload.TIF_IOC ? Codes.TimeInForce.IOC : Codes.TimeInForce.GTC)
                        .stp(Codes.SelfTradePrevention.CANCEL_NEWEST)
                        .priceFen(w.priceTicks[i]).qty(w.qtyLots[i]);
                    totalQty[order] = w.qtyLots[i];
                    version[order] = 0;
                    price[order] = w.priceTicks[i];
                    commit(newOrder.encodedLength());
                }
                case Workload.OP_CANCEL ->
                {
                    Codecs.encode(cancel, buffer, position, session);
                    cancel.participantId(participantId(w.account[i]));
                    cancel.clOrdId(clOrdId(id, order, version[order]).append('c'));
                    cancel.origClOrdId(clOrdId(origId, order, version[order]));
                    commit(cancel.encodedLength());
                }
                case Workload.OP_MOVE, Workload.OP_REDUCE ->
                {
                    final boolean move = w.op[i] == Workload.OP_MOVE;
                    Codecs.encode(replace, buffer, position, session);
                    replace.participantId(participantId(w.account[i]));
                    replace.origClOrdId(clOrdId(origId, order, version[order]));
                    version[order]++;
                    replace.clOrdId(clOrdId(id, order, version[order]));
                    if (!move)
                    {
                        totalQty[order] -= w.qtyLots[i];
                    }
                    if (move)
                    {
                        price[order] = w.priceTicks[i];
                    }
                    replace.priceFen(price[order]).qty(totalQty[order]);
                    commit(replace.encodedLength());
                }
                default -> throw new IllegalStateException("op " + w.op[i]);
            }
        }

        private static StringBuilder clOrdId(final StringBuilder sb, final int order, final int v)
        {
            sb.setLength(0);
            sb.append(order);
            if (v > 0)
            {
                sb.append('.').append(v);
            }
            return sb;
        }

        private static void check(final boolean ok)
        {
            if (!ok)
            {
                throw new IllegalStateException("field did not fit its flyweight");
            }
        }
    }

    @Override
    public String toString()
    {
        return "CommandTape{" + workload.name() + ", setup=" + setupCount + ", fill=" + (fillEnd - setupCount)
            + ", timed=" + timedCount() + ", bytes=" + Arrays.stream(lengths).asLongStream().sum() + "}";
    }
}
