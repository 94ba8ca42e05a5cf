package io.databourse.settlement;

import static io.databourse.settlement.SettlementTestSupport.fen;
import static io.databourse.settlement.SettlementTestSupport.json;
import static io.databourse.settlement.SettlementTestSupport.run;
import static io.databourse.settlement.SettlementTestSupport.settle;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import io.databourse.journal.schema.Codes;
import io.databourse.settlement.ledger.Ledger;
import io.databourse.settlement.ledger.LedgerException;
import io.databourse.settlement.ref.ReferenceData;
import io.databourse.testsupport.JournalFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class LedgerTest
{
    @TempDir
    Path dir;

    @Test
    void depositAndWithdrawMoveCashFromAndToTheOutside()
    {
        final Path journal = dir.resolve("journal");
        try (JournalFixture f = new JournalFixture(journal))
        {
            final int a = f.participant("A");
            f.deposit(a, 10_000, 10_000, 0);
            f.withdraw(a, 2_500, 7_500, 0);
        }
        final Ledger ledger = settle(journal, dir.resolve("state")).ledger().ledger();
        assertEquals(7_500, ledger.available(0));
        assertEquals(10_000, ledger.depositsFen());
        assertEquals(2_500, ledger.withdrawalsFen());
        assertEquals(-7_500, ledger.balanceFen(Ledger.EXTERNAL));
        ledger.checkInvariants();
    }

    @Test
    void tradeSettlesDeliveryVersusPaymentWithFees()
    {
        final Path journal = dir.resolve("journal");
        try (JournalFixture f = new JournalFixture(journal))
        {
            final int seller = f.participant("S");
            final int buyer = f.participant("B");
            final int product = f.product("DATA1", Codes.ProductKind.DATA, 1, 10, 30, Codes.DeliveryMode.API);
            f.fees(Codes.ProductKind.DATA, 10, 30); // maker 0.10 %, taker 0.30 %
            f.inventory(seller, product, 100);
            f.deposit(buyer, 1_000_000, 1_000_000, 0);
            f.cross(seller, buyer, product, 1_234, 7); // value 8638, buyer taker fee floor(25.914)=25, seller maker floor(8.638)=8
        }
        final Ledger ledger = settle(journal, dir.resolve("state")).ledger().ledger();
        assertEquals(1_000_000 - 8_638 - 25, ledger.available(1));
        assertEquals(0, ledger.reserved(1));
        assertEquals(8_638 - 8, ledger.available(0));
        assertEquals(25 + 8, ledger.balanceFen(Ledger.FEES));
        assertEquals(0, ledger.balanceFen(Ledger.ESCROW));
        assertEquals(93, ledger.holding(0, 0));
        assertEquals(7, ledger.holding(1, 0));
        ledger.checkInvariants();
    }

    @Test
    void restingBuyReservesAtMaxFeeAndFillsAndCancelReleaseIt()
    {
        final Path journal = dir.resolve("journal");
        try (JournalFixture f = new JournalFixture(journal))
        {
            final int seller = f.participant("S");
            final int buyer = f.participant("B");
            final int product = f.product("DATA1", Codes.ProductKind.DATA, 1, 1, 0, Codes.DeliveryMode.API);
            f.fees(Codes.ProductKind.DATA, 10, 50);
            f.inventory(seller, product, 100);
            f.deposit(buyer, 100_000, 100_000, 0);
            final long order = f.restingBuy(buyer, product, 1_000, 10); // reserves 10000 + 50
            f.sellInto(seller, buyer, order, product, 1_000, 4, 6); // buyer maker: 4000 + 4
            f.cancelBuy(order, buyer, product, 1_000, 6);
        }
        final SettlementPipeline p = settle(journal, dir.resolve("state"));
        final Ledger ledger = p.ledger().ledger();
        assertEquals(100_000 - 4_000 - 4, ledger.available(1));
        assertEquals(0, ledger.reserved(1));
        assertEquals(0, ledger.openBuyOrderCount());
        assertEquals(4_000 - 20, ledger.available(0)); // seller taker 0.5 %
        ledger.checkInvariants();
    }

    @Test
    void reservationHeldWhileBuyRests()
    {
        final Path journal = dir.resolve("journal");
        try (JournalFixture f = new JournalFixture(journal))
        {
            final int seller = f.participant("S");
            final int buyer = f.participant("B");
            final int product = f.product("DATA1", Codes.ProductKind.DATA, 1, 1, 0, Codes.DeliveryMode.API);
            f.fees(Codes.ProductKind.DATA, 10, 50);
            f.inventory(seller, product, 100);
            f.deposit(buyer, 100_000, 100_000, 0);
            final long order = f.restingBuy(buyer, product, 1_000, 10);
            f.sellInto(seller, buyer, order, product, 1_000, 4, 6);
        }
        final Ledger ledger = settle(journal, dir.resolve("state")).ledger().ledger();
        // 10 at 1000 + 0.5 % reserved = 10050; 4 filled release 4020, pay 4004 -> 16 back to available.
        assertEquals(6_030, ledger.reserved(1));
        assertEquals(100_000 - 10_050 + 16, ledger.available(1));
        ledger.checkInvariants();
    }

    @Test
    void replaceMovesTheReservationAtTheRateFixedAtAcceptance()
    {
        final Path journal = dir.resolve("journal");
        try (JournalFixture f = new JournalFixture(journal))
        {
            final int buyer = f.participant("B");
            final int product = f.product("DATA1", Codes.ProductKind.DATA, 1, 1, 0, Codes.DeliveryMode.API);
            f.fees(Codes.ProductKind.DATA, 10, 50);
            f.deposit(buyer, 100_000, 100_000, 0);
            final long order = f.restingBuy(buyer, product, 1_000, 10); // 10000 + 50
            f.fees(Codes.ProductKind.DATA, 10, 100); // later rate changes do not touch the open order
            f.replaceBuy(order, buyer, product, 1_200, 5); // 6000 + 30
        }
        final Ledger ledger = settle(journal, dir.resolve("state")).ledger().ledger();
        assertEquals(6_030, ledger.reserved(0));
        assertEquals(100_000 - 6_030, ledger.available(0));
        ledger.checkInvariants();
    }

    @Test
    void marketBuyReservesAtTheBandUpperEdgeAndReleasesTheRemainder() throws Exception
    {
        final Path journal = dir.resolve("journal");
        try (JournalFixture f = new JournalFixture(journal))
        {
            final int seller = f.participant("S");
            final int buyer = f.participant("B");
            final int product = f.bandedProduct("DATA1", 1_000, 1_000, 7); // ±10 % of 10.00, tick 0.07
            f.inventory(seller, product, 100);
            f.deposit(buyer, 100_000, 100_000, 0);
            // the matcher reserves at the upper edge floor(1000 x 1.1) = 1100, down to the tick: 1099;
            // 10 x 1099 = 10990, on the accepted event
            f.marketBuy(buyer, seller, product, 1_050, 4, 10, 1_099);
        }
        final SettlementPipeline p = settle(journal, dir.resolve("state"));
        final Ledger ledger = p.ledger().ledger();
        assertEquals(0, ledger.reserved(1));
        assertEquals(100_000 - 4_200, ledger.available(1));
        // Mid-record, right after the fill, the order still held 10990 - 4 x 1099 = 6594 (movements log).
        final String buyerFill = java.nio.file.Files.readAllLines(p.ledger().movementsFile()).stream()
            .filter(l -> l.contains(",B,trade,")).findFirst().orElseThrow();
        assertEquals(true, buyerFill.endsWith(",6594"), buyerFill);
        ledger.checkInvariants();
    }

    @Test
    void expiredBuyReleasesItsReservation()
    {
        final Path journal = dir.resolve("journal");
        try (JournalFixture f = new JournalFixture(journal))
        {
            final int buyer = f.participant("B");
            final int product = f.product("DATA1", Codes.ProductKind.DATA, 1, 1, 0, Codes.DeliveryMode.API);
            f.fees(Codes.ProductKind.DATA, 33, 10);
            f.deposit(buyer, 50_000, 50_000, 0);
            final long order = f.restingBuy(buyer, product, 777, 13); // 10101 + floor(33.33) = 10134
            f.deposit(buyer, 1, 50_001 - 10_134, 10_134); // the matcher's balances agree mid-way
            f.expireBuy(order, buyer, product, 777, 13);
        }
        final Ledger ledger = settle(journal, dir.resolve("state")).ledger().ledger();
        assertEquals(50_001, ledger.available(0));
        assertEquals(0, ledger.reserved(0));
        ledger.checkInvariants();
    }

    @Test
    void sellerWithoutTheUnitsFailsTheStage()
    {
        final Path journal = dir.resolve("journal");
        try (JournalFixture f = new JournalFixture(journal))
        {
            final int seller = f.participant("S");
            final int buyer = f.participant("B");
            final int product = f.product("DATA1", Codes.ProductKind.DATA, 1, 1, 0, Codes.DeliveryMode.API);
            f.inventory(seller, product, 2);
            f.deposit(buyer, 100_000, 100_000, 0);
            f.cross(seller, buyer, product, 10, 3);
        }
        final SettlementPipeline pipeline = new SettlementPipeline(
            SettlementTestSupport.ctx(journal, dir.resolve("state")).conclude());
        final IllegalStateException ex = assertThrows(
            IllegalStateException.class, () -> SettlementPipeline.runBatch(pipeline));
        assertEquals(true, String.valueOf(ex.getCause().getCause().getMessage()).contains("holds 2 units"),
            String.valueOf(ex.getCause().getCause()));
        // The buy's reservation (an earlier set of the same record) stands; nothing of the trade's set moved.
        assertEquals(100_000 - 30, pipeline.ledger().ledger().available(1));
        assertEquals(30, pipeline.ledger().ledger().reserved(1));
        assertEquals(2, pipeline.ledger().ledger().holding(0, 0));
        assertEquals(0, pipeline.ledger().ledger().balanceFen(Ledger.ESCROW));
        assertEquals(true, pipeline.runners().get(0).checkpointedSeq() < 7, "the failing record is never checkpointed");
    }

    @Test
    @Timeout(120)
    void overdrawingTradeFailsTheStageInsteadOfSettling()
    {
        final Path journal = dir.resolve("journal");
        try (JournalFixture f = new JournalFixture(journal))
        {
            final int seller = f.participant("S");
            final int buyer = f.participant("B");
            final int product = f.product("DATA1", Codes.ProductKind.DATA, 1, 1, 0, Codes.DeliveryMode.API);
            f.inventory(seller, product, 100);
            f.deposit(buyer, 100, 100, 0);
            f.cross(seller, buyer, product, 1_000, 1);
            for (int i = 0; i < 200; i++)
            {
                f.deposit(seller, 1, 1 + i, 0); // more records than ring slots behind the failure
            }
        }
        final SettlementPipeline pipeline = new SettlementPipeline(
            SettlementTestSupport.ctx(journal, dir.resolve("state")).ringSize(8).conclude());
        final IllegalStateException ex = assertThrows(
            IllegalStateException.class, () -> SettlementPipeline.runBatch(pipeline));
        final Throwable cause = rootCause(ex);
        assertInstanceOf(LedgerException.class, cause);
        // Certificates run after the ledger: the fill it could not settle is never certified.
        assertEquals(0, pipeline.certificates().certificateCount());
        // Nothing of the failing record was checkpointed: the ledger's checkpoint stops before it.
        assertEquals(true, pipeline.runners().get(0).checkpointedSeq() < 7);
    }

    @Test
    void invariantHoldsAfterThousandsOfRandomTradesAndBalancesMatchAModel() throws Exception
    {
        final long seed = System.nanoTime();
        final Random random = new Random(seed);
        final int n = 8;
        final long[] cash = new long[n];
        final long[][] units = new long[n][2];
        long deposits = 0;
        long withdrawals = 0;
        long fees = 0;
        final Path journal = dir.resolve("journal");
        try (JournalFixture f = new JournalFixture(journal))
        {
            for (int i = 0; i < n; i++)
            {
                f.participant("P" + i);
            }
            f.product("D0", Codes.ProductKind.DATA, 1, 1, 0, Codes.DeliveryMode.API);
            f.product("A1", Codes.ProductKind.ALGORITHM, 1, 1, 0, Codes.DeliveryMode.API);
            f.fees(Codes.ProductKind.DATA, 7, 23);
            f.fees(Codes.ProductKind.ALGORITHM, 0, 101);
            for (int i = 0; i < n; i++)
            {
                final long amount = 1_000_000 + random.nextInt(5_000_000);
                cash[i] += amount;
                deposits += amount;
                f.deposit(i, amount, cash[i], 0);
                f.inventory(i, 0, 1_000);
                f.inventory(i, 1, 1_000);
                units[i][0] += 1_000;
                units[i][1] += 1_000;
            }
            for (int t = 0; t < 3_000; t++)
            {
                final int buyer = random.nextInt(n);
                final int seller = (buyer + 1 + random.nextInt(n - 1)) % n;
                final int product = random.nextInt(2);
                final byte kind = product == 0 ? Codes.ProductKind.DATA : Codes.ProductKind.ALGORITHM;
                final long price = 1 + random.nextInt(5_000);
                final long qty = 1 + random.nextInt(20);
                final long value = price * qty;
                final long buyFee = f.fee(kind, value, true);
                final long sellFee = f.fee(kind, value, false);
                if (units[seller][product] < qty || cash[buyer] < value + buyFee)
                {
                    continue;
                }
                f.cross(seller, buyer, product, price, qty);
                cash[buyer] -= value + buyFee;
                cash[seller] += value - sellFee;
                fees += buyFee + sellFee;
                units[seller][product] -= qty;
                units[buyer][product] += qty;
                if (random.nextInt(50) == 0 && cash[buyer] > 10)
                {
                    final long amount = cash[buyer] / 3;
                    cash[buyer] -= amount;
                    withdrawals += amount;
                    f.withdraw(buyer, amount, cash[buyer], 0);
                }
            }
        }
        final Path out = dir.resolve("out");
        run(journal, out);
        final SettlementPipeline p = settle(journal, out.resolve("state")); // resumes: nothing left to apply
        final Ledger ledger = p.ledger().ledger();
        ledger.checkInvariants();
        for (int i = 0; i < n; i++)
        {
            assertEquals(cash[i], ledger.available(i), "cash of P" + i + " seed " + seed);
            assertEquals(units[i][0], ledger.holding(i, 0), "seed " + seed);
            assertEquals(units[i][1], ledger.holding(i, 1), "seed " + seed);
        }
        assertEquals(fees, ledger.balanceFen(Ledger.FEES), "seed " + seed);

        long sum = 0;
        final JsonNode balances = json(out.resolve("balances.json"));
        for (final JsonNode b : balances)
        {
            assertNotNull(b.get("account"));
            assertNotNull(b.get("reserved"));
            sum += fen(b.get("cash").asText());
        }
        assertEquals(n + 2, balances.size());
        assertEquals(deposits - withdrawals, sum, "seed " + seed);
    }

    @Test
    void theLedgerPostsTheReservationsTheEventsCarryNotOnesOfItsOwn()
    {
        final Path journal = dir.resolve("journal");
        final long reserved;
        final long stillReserved;
        try (JournalFixture f = new JournalFixture(journal))
        {
            final int seller = f.participant("S");
            final int buyer = f.participant("B");
            final int product = f.product("DATA1", Codes.ProductKind.DATA, 1, 1, 0, Codes.DeliveryMode.API);
            f.fees(Codes.ProductKind.DATA, 10, 50);
            f.inventory(seller, product, 100);
            f.deposit(buyer, 100_000, 100_000, 0);
            // the rule would give 10 x 1000 + 0.5 % = 10050; the event says 12345, and the ledger posts that
            final long order = f.restingBuyReserving(buyer, product, 1_000, 10, 12_345);
            reserved = f.reservedFen(order);
            f.deposit(buyer, 1, 100_000 - 12_345 + 1, 12_345); // the matcher's balances say so too
            f.sellInto(seller, buyer, order, product, 1_000, 4, 6);
            stillReserved = f.reservedFen(order);
            f.cancelBuy(order, buyer, product, 1_000, 6);
        }
        assertEquals(12_345, reserved);
        assertEquals(JournalFixture.reservationFen(1_000, 6, 50), stillReserved);
        final SettlementPipeline p = settle(journal, dir.resolve("state"));
        final Ledger ledger = p.ledger().ledger();
        // after the fill the order held what the trade event says, and the movements log shows it
        final String buyerFill = assertDoesNotThrow(() -> java.nio.file.Files.readAllLines(p.ledger().movementsFile()))
            .stream().filter(l -> l.contains(",B,trade,")).findFirst().orElseThrow();
        assertEquals(true, buyerFill.endsWith("," + stillReserved), buyerFill);
        // right after the accept the ledger held the event's 12345 (a rule of its own would hold 10050, and
        // the deposit reporting 12345 reserved would have failed the stage)
        final String deposit = assertDoesNotThrow(() -> java.nio.file.Files.readAllLines(p.ledger().movementsFile()))
            .stream().filter(l -> l.contains(",B,deposit")).reduce((first, second) -> second).orElseThrow();
        assertEquals(true, deposit.endsWith("," + (100_000 - 12_345 + 1) + ",12345"), deposit);
        assertEquals(100_000 + 1 - 4_000 - 4, ledger.available(1));
        assertEquals(0, ledger.reserved(1));
        assertEquals(0, ledger.openBuyOrderCount());
        ledger.checkInvariants();
    }

    @Test
    void theLedgerPostsTheFeesAndUnitsTheTradeCarriesNotOnesOfItsOwn()
    {
        final Path journal = dir.resolve("journal");
        try (JournalFixture f = new JournalFixture(journal))
        {
            final int seller = f.participant("S");
            final int buyer = f.participant("B");
            final int product = f.product("DATA1", Codes.ProductKind.DATA, 1, 1, 0, Codes.DeliveryMode.API);
            f.fees(Codes.ProductKind.DATA, 10, 30); // the rule: buyer taker floor(25.914) = 25, seller maker 8
            f.inventory(seller, product, 100);
            f.deposit(buyer, 1_000_000, 1_000_000, 0);
            f.nextTradeSays(t -> t.buyFeeFen(31).sellFeeFen(2)); // the matcher decided otherwise
            f.cross(seller, buyer, product, 1_234, 7); // value 8638
        }
        final Ledger ledger = settle(journal, dir.resolve("state")).ledger().ledger();
        assertEquals(1_000_000 - 8_638 - 31, ledger.available(1));
        assertEquals(8_638 - 2, ledger.available(0));
        assertEquals(31 + 2, ledger.balanceFen(Ledger.FEES));
        assertEquals(7, ledger.holding(1, 0), "the units the trade delivers: its quantity");
        assertEquals(93, ledger.holding(0, 0));
        ledger.checkInvariants();
    }

    @Test
    void aCancelReleasingOtherThanTheOrderHoldsFailsTheStage()
    {
        final Path journal = dir.resolve("journal");
        try (JournalFixture f = new JournalFixture(journal))
        {
            final int buyer = f.participant("B");
            final int product = f.product("DATA1", Codes.ProductKind.DATA, 1, 1, 0, Codes.DeliveryMode.API);
            f.deposit(buyer, 100_000, 100_000, 0);
            final long order = f.restingBuy(buyer, product, 1_000, 10); // holds 10000
            f.cancelBuyReleasing(order, buyer, product, 1_000, 10, 9_999);
        }
        final SettlementPipeline pipeline = pipeline(journal);
        final LedgerException cause = ledgerRefusal(pipeline);
        assertEquals(true, cause.getMessage().contains("releasing 9999 fen; the ledger holds 10000 fen"), cause.getMessage());
        // the order's reservation stands: nothing of the refused release moved
        assertEquals(10_000, pipeline.ledger().ledger().reserved(0));
    }

    @Test
    void aDepositWhoseReportedBalanceDisagreesFailsTheStageAndPostsNothing() throws Exception
    {
        final Path journal = dir.resolve("journal");
        final long disagreeing;
        try (JournalFixture f = new JournalFixture(journal))
        {
            final int a = f.participant("A");
            f.deposit(a, 10_000, 10_000, 0);
            f.deposit(a, 500, 10_400, 0); // the ledger would hold 10500
            disagreeing = f.seq();
            f.deposit(a, 1, 10_501, 0);
        }
        final SettlementPipeline pipeline = pipeline(journal);
        final LedgerException cause = ledgerRefusal(pipeline);
        assertEquals("cash deposit of 500 fen for A at seq " + disagreeing + ": the matcher reports available " +
            "10400 fen, reserved 0 fen; the ledger's posting would leave available 10500 fen, reserved 0 fen",
            cause.getMessage());
        // the refused deposit posted nothing and wrote no movement; the ledger stands as after the first
        final Ledger ledger = pipeline.ledger().ledger();
        assertEquals(10_000, ledger.available(0));
        assertEquals(0, ledger.reserved(0));
        assertEquals(10_000, ledger.depositsFen());
        assertEquals(1, ledger.postingSetCount());
        assertEquals(-10_000, ledger.balanceFen(Ledger.EXTERNAL));
        ledger.checkInvariants();
        assertEquals(2, java.nio.file.Files.readAllLines(pipeline.ledger().movementsFile()).size(),
            "the header and the first deposit only");
        assertEquals(true, pipeline.runners().get(0).checkpointedSeq() < disagreeing,
            "the failing record is never checkpointed");
    }

    @Test
    void aWithdrawalWhoseReportedReservationDisagreesFailsTheStageAndPostsNothing()
    {
        final Path journal = dir.resolve("journal");
        final long disagreeing;
        try (JournalFixture f = new JournalFixture(journal))
        {
            final int buyer = f.participant("B");
            final int product = f.product("DATA1", Codes.ProductKind.DATA, 1, 1, 0, Codes.DeliveryMode.API);
            f.deposit(buyer, 100_000, 100_000, 0);
            f.restingBuy(buyer, product, 1_000, 10); // reserves 10000
            f.withdraw(buyer, 2_000, 88_000, 9_000); // available agrees; the ledger reserves 10000
            disagreeing = f.seq();
        }
        final SettlementPipeline pipeline = pipeline(journal);
        final LedgerException cause = ledgerRefusal(pipeline);
        assertEquals("cash withdrawal of 2000 fen for B at seq " + disagreeing + ": the matcher reports available " +
            "88000 fen, reserved 9000 fen; the ledger's posting would leave available 88000 fen, reserved 10000 fen",
            cause.getMessage());
        final Ledger ledger = pipeline.ledger().ledger();
        assertEquals(90_000, ledger.available(0));
        assertEquals(10_000, ledger.reserved(0));
        assertEquals(0, ledger.withdrawalsFen());
        assertEquals(-100_000, ledger.balanceFen(Ledger.EXTERNAL));
        ledger.checkInvariants();
    }

    @Test
    void aLedgerCheckpointOfTheFormatThatCountedDisagreementsIsRefused() throws Exception
    {
        final Ledger ledger = new Ledger(new ReferenceData(4, 4), null);
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ledger.writeSnapshot(new DataOutputStream(bytes));
        ledger.readSnapshot(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        final ByteArrayOutputStream old = new ByteArrayOutputStream();
        final DataOutputStream out = new DataOutputStream(old);
        out.writeInt(3); // the earlier format began with the account balances: their count, then each
        for (int i = 0; i < 3; i++)
        {
            out.writeLong(0);
        }
        final IOException ex = assertThrows(IOException.class,
            () -> ledger.readSnapshot(new DataInputStream(new ByteArrayInputStream(old.toByteArray()))));
        assertTrue(ex.getMessage().startsWith("ledger checkpoint of another format (0x3)"), ex.getMessage());
    }

    private SettlementPipeline pipeline(final Path journal)
    {
        return new SettlementPipeline(SettlementTestSupport.ctx(journal, dir.resolve("state")).conclude());
    }

    /** Runs the batch, which must fail on the ledger's refusal; returns it. */
    private static LedgerException ledgerRefusal(final SettlementPipeline pipeline)
    {
        return assertInstanceOf(LedgerException.class,
            rootCause(assertThrows(IllegalStateException.class, () -> SettlementPipeline.runBatch(pipeline))));
    }

    private static Throwable rootCause(final Throwable failure)
    {
        Throwable cause = failure;
        while (null != cause.getCause())
        {
            cause = cause.getCause();
        }
        return cause;
    }
}
