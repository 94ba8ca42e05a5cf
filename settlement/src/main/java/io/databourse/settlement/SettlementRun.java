package io.databourse.settlement;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.databourse.journal.schema.Codes;
import io.databourse.settlement.compute.ComputeSchedule;
import io.databourse.settlement.entitlement.CrossBorderBook;
import io.databourse.settlement.entitlement.EntitlementBook;
import io.databourse.settlement.index.IndexStage;
import io.databourse.settlement.ledger.Ledger;
import io.databourse.settlement.ledger.OwnerOnlyFiles;
import io.databourse.settlement.position.PositionView;
import io.databourse.settlement.position.PositionsStage;
import io.databourse.settlement.ref.Format;
import io.databourse.settlement.ref.ReferenceData;
import io.databourse.settlement.subsidy.SubsidyRow;
import io.databourse.settlement.subsidy.SubsidyRules;
import io.databourse.surveillance.alert.AlertStore;

/**
 * Batch front door of settlement: runs every stage over a finished journal and writes the outputs
 * {@code simulate --settle} promises (schemas in docs/settlement.md). Checkpoints live in
 * {@code outDir/state}: running again over a longer journal settles only the new records.
 */
public final class SettlementRun
{
    private static final JsonFactory JSON = new JsonFactory();

    private SettlementRun()
    {
    }

    /** Settles {@code journalDir} into {@code outDir} with default settings. */
    public static void run(final Path journalDir, final Path outDir) throws IOException
    {
        run(new SettlementContext().journalDir(journalDir).stateDir(outDir.resolve("state")), outDir);
    }

    /** Settles with a caller's context (journalDir and stateDir set, not yet concluded). */
    public static void run(final SettlementContext ctx, final Path outDir) throws IOException
    {
        ctx.batch(true).conclude();
        OwnerOnlyFiles.createDirectories(outDir);
        final SettlementPipeline pipeline = new SettlementPipeline(ctx);
        SettlementPipeline.runBatch(pipeline);
        writeOutputs(pipeline, outDir);
    }

    /** Writes every output from a stopped pipeline's stages. */
    public static void writeOutputs(final SettlementPipeline pipeline, final Path outDir) throws IOException
    {
        writeBalances(pipeline.ledger().ledger(), pipeline.ledger().ref(), outDir.resolve("balances.json"));
        pipeline.certificates().publish(outDir); // certificates.jsonl, certificates.head.json, certificates.pub
        writeEntitlements(pipeline.entitlements().book(), pipeline.entitlements().ref(), outDir);
        writeCrossBorder(pipeline.entitlements().crossBorder(), pipeline.entitlements().ref(),
            outDir.resolve("cross_border.json"));
        writeSchedule(pipeline.computeScheduler().schedule(), pipeline.computeScheduler().ref(), outDir);
        writeSubsidies(pipeline.subsidies().rows(), pipeline.subsidies().book().rules(), outDir.resolve("subsidies.json"));
        writePositions(pipeline, outDir);
        writeIndexes(pipeline, outDir);
        Statements.write(pipeline.ledger().movementsFile(), pipeline.ledger().ref(), outDir.resolve("statements"));
        writeSummary(pipeline, outDir.resolve("summary.json"));
        writeAlerts(pipeline, outDir.resolve("alerts.jsonl"));
    }

    /** The surveillance stage's alerts, one JSON line each (docs/surveillance.md), read from its queue; 0600. */
    static void writeAlerts(final SettlementPipeline pipeline, final Path file) throws IOException
    {
        try (AlertStore alerts = AlertStore.openReadOnly(pipeline.surveillance().alertsDirectory()))
        {
            alerts.exportJsonLines(OwnerOnlyFiles.newOutputStream(file));
        }
    }

    static JsonGenerator open(final Path file) throws IOException
    {
        final OutputStream out = OwnerOnlyFiles.newOutputStream(file);
        final JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8);
        g.useDefaultPrettyPrinter();
        return g;
    }

    static void writeBalances(final Ledger ledger, final ReferenceData ref, final Path file) throws IOException
    {
        try (JsonGenerator g = open(file))
        {
            g.writeStartArray();
            for (int p = 0; p < ref.participantCount(); p++)
            {
                final long availableFen = ledger.available(p);
                final long reservedFen = ledger.reserved(p);
                g.writeStartObject();
                g.writeStringField("account", ref.participantId(p));
                g.writeStringField("type", "participant");
                g.writeStringField("cash", Format.yuan(Math.addExact(availableFen, reservedFen)));
                g.writeStringField("available", Format.yuan(availableFen));
                g.writeStringField("reserved", Format.yuan(reservedFen));
                g.writeEndObject();
            }
            exchangeAccount(g, "exchange.fees", ledger.balanceFen(Ledger.FEES));
            exchangeAccount(g, "exchange.escrow", ledger.balanceFen(Ledger.ESCROW));
            g.writeEndArray();
        }
    }

    private static void exchangeAccount(final JsonGenerator g, final String name, final long fen) throws IOException
    {
        g.writeStartObject();
        g.writeStringField("account", name);
        g.writeStringField("type", "exchange");
        g.writeStringField("cash", Format.yuan(fen));
        g.writeStringField("available", Format.yuan(fen));
        g.writeStringField("reserved", Format.yuan(0));
        g.writeEndObject();
    }

    static void writeEntitlements(final EntitlementBook book, final ReferenceData ref, final Path outDir)
        throws IOException
    {
        final long nowNs = book.lastTimeNs();
        try (JsonGenerator g = open(outDir.resolve("entitlements.json")))
        {
            g.writeStartArray();
            for (int e = 0; e < book.count(); e++)
            {
                final int product = book.product(e);
                g.writeStartObject();
                g.writeStringField("entitlementId", "E-" + book.tradeId(e));
                g.writeStringField("participant", ref.participantId(book.participant(e)));
                g.writeStringField("product", ref.productId(product));
                g.writeNumberField("units", book.units(e));
                g.writeNumberField("remaining", book.remaining(e));
                g.writeStringField("expires",
                    EntitlementBook.NEVER_NS == book.expiresNs(e) ? null : Format.time(book.expiresNs(e)));
                g.writeBooleanField("expired", book.expiresNs(e) <= nowNs);
                g.writeStringField("granted", Format.time(book.grantedNs(e)));
                g.writeNumberField("tradeId", book.tradeId(e));
                writeRights(g, book.rights(e));
                if (Codes.Purpose.NONE != book.purpose(e))
                {
                    g.writeStringField("purpose", Codes.nameOf(Codes.Purpose.NAMES, book.purpose(e)));
                }
                if (book.seats(e) > 0)
                {
                    g.writeNumberField("seats", book.seats(e));
                }
                if (book.from(e) >= 0)
                {
                    g.writeStringField("resoldBy", ref.participantId(book.from(e)));
                }
                g.writeStringField("delivery", Codes.nameOf(Codes.DeliveryMode.NAMES, ref.delivery(product)));
                g.writeBooleanField("sandboxOnly", Codes.DeliveryMode.SANDBOX_ONLY == ref.delivery(product));
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        try (JsonGenerator g = open(outDir.resolve("usage.json")))
        {
            g.writeStartArray();
            for (final EntitlementBook.UsageRecord u : book.usage())
            {
                g.writeStartObject();
                g.writeStringField("id", u.usageId());
                g.writeStringField("participant", u.participant());
                g.writeStringField("product", u.product());
                g.writeStringField("reporter", u.reporter());
                g.writeNumberField("units", u.units());
                g.writeStringField("time", Format.time(u.timeNs()));
                g.writeStringField("status", null == u.refusal() ? "recorded" : "rejected");
                if (null == u.refusal())
                {
                    g.writeNumberField("remaining", u.remaining());
                }
                else
                {
                    g.writeStringField("reason", u.refusal());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
        }
    }

    /**
     * Personal-information records sent abroad per exporter and calendar year (UTC), with the products
     * they came from, the exporter's filing and the products' approvals.
     */
    static void writeCrossBorder(final CrossBorderBook book, final ReferenceData ref, final Path file)
        throws IOException
    {
        try (JsonGenerator g = open(file))
        {
            g.writeStartArray();
            for (final CrossBorderBook.Year y : book.years())
            {
                g.writeStartObject();
                g.writeStringField("exporter", ref.participantId(y.exporter()));
                g.writeNumberField("year", y.year());
                g.writeNumberField("records", y.records());
                final Long filed = book.filedNs(y.exporter());
                g.writeStringField("filed", null == filed ? null : Format.time(filed));
                g.writeArrayFieldStart("products");
                for (final Map.Entry<Integer, Long> p : y.byProduct().entrySet())
                {
                    g.writeStartObject();
                    g.writeStringField("product", ref.productId(p.getKey()));
                    g.writeNumberField("records", p.getValue());
                    final Long approved = book.approvedNs(p.getKey());
                    g.writeStringField("approved", null == approved ? null : Format.time(approved));
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
        }
    }

    /** A {@link Codes.Rights} bit set as an array of names. */
    static void writeRights(final JsonGenerator g, final int rights) throws IOException
    {
        g.writeArrayFieldStart("rights");
        for (int i = 0; i < Codes.Rights.NAMES.length; i++)
        {
            if ((rights & (1 << i)) != 0)
            {
                g.writeString(Codes.Rights.NAMES[i]);
            }
        }
        g.writeEndArray();
    }

    static void writeSchedule(final ComputeSchedule schedule, final ReferenceData ref, final Path outDir)
        throws IOException
    {
        final List<Handoff> handoffs = new ArrayList<>();
        try (JsonGenerator g = open(outDir.resolve("schedule.json")))
        {
            g.writeStartArray();
            for (int i = 0; i < ref.productCount(); i++)
            {
                final ComputeSchedule.Window w = schedule.window(i);
                if (null == w)
                {
                    continue;
                }
                for (int k = 0; k < w.nodeCount(); k++)
                {
                    int runOwner = w.provider(k);
                    int runStart = 0;
                    for (int h = 0; h <= w.hours(); h++)
                    {
                        final int owner = h < w.hours() ? w.owner(k, h) : w.provider(k);
                        if (h < w.hours() && owner != w.provider(k))
                        {
                            final long startNs = w.startNs() + h * ComputeSchedule.HOUR_NS;
                            g.writeStartObject();
                            g.writeStringField("product", ref.productId(i));
                            g.writeStringField("node", w.node(k));
                            g.writeStringField("buyer", ref.participantId(owner));
                            g.writeStringField("windowStart", Format.time(startNs));
                            g.writeStringField("windowEnd", Format.time(startNs + ComputeSchedule.HOUR_NS));
                            g.writeStringField("provider", ref.participantId(w.provider(k)));
                            g.writeNumberField("tradeId", w.tradeId(k, h));
                            g.writeEndObject();
                        }
                        if (owner != runOwner)
                        {
                            // A run of hours held by one buyer ends here and/or another begins.
                            if (runOwner != w.provider(k))
                            {
                                handoffs.add(new Handoff(w.startNs() + h * ComputeSchedule.HOUR_NS, Handoff.DEPROVISION,
                                    ref.productId(i), w.node(k), ref.participantId(runOwner),
                                    ref.participantId(w.provider(k))));
                            }
                            if (owner != w.provider(k))
                            {
                                handoffs.add(new Handoff(w.startNs() + h * ComputeSchedule.HOUR_NS, Handoff.PROVISION,
                                    ref.productId(i), w.node(k), ref.participantId(owner),
                                    ref.participantId(w.provider(k))));
                            }
                            runOwner = owner;
                            runStart = h;
                        }
                    }
                    assert runStart >= 0;
                }
            }
            g.writeEndArray();
        }
        handoffs.sort(Handoff.ORDER);
        try (JsonGenerator g = open(outDir.resolve("handoffs.json")))
        {
            g.writeStartArray();
            for (final Handoff h : handoffs)
            {
                g.writeStartObject();
                g.writeStringField("time", Format.time(h.timeNs()));
                g.writeStringField("action", h.action());
                g.writeStringField("product", h.product());
                g.writeStringField("node", h.node());
                g.writeStringField("buyer", h.buyer());
                g.writeStringField("provider", h.provider());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
    }

    /** A node changing hands at an hour's start: deprovisioned from one buyer, provisioned for another. */
    record Handoff(long timeNs, String action, String product, String node, String buyer, String provider)
    {
        static final String DEPROVISION = "deprovision";
        static final String PROVISION = "provision";
        /**
         * By time; at one instant deprovision before provision ("d" &lt; "p"): a node is handed over,
         * never shared. Then by node and provider (a node name is unique only within its provider).
         */
        static final java.util.Comparator<Handoff> ORDER = java.util.Comparator.comparingLong(Handoff::timeNs)
            .thenComparing(Handoff::action).thenComparing(Handoff::node).thenComparing(Handoff::provider);
    }

    static void writeSubsidies(final List<SubsidyRow> rows, final SubsidyRules rules, final Path file)
        throws IOException
    {
        try (JsonGenerator g = open(file))
        {
            g.writeStartArray();
            for (final SubsidyRow r : rows)
            {
                g.writeStartObject();
                g.writeStringField("participant", r.participant());
                g.writeNumberField("year", r.year());
                g.writeStringField("purchases", Format.yuan(r.qualifyingFen()));
                g.writeStringField("subsidy", Format.yuan(r.subsidyFen()));
                g.writeBooleanField("localTaxpayer", r.localTaxpayer());
                g.writeBooleanField("aboveThreshold", r.aboveThreshold());
                g.writeStringField("decision", r.decision().jsonName());
                g.writeStringField("reason", r.reason());
                g.writeStringField("bought", Format.yuan(r.boughtFen()));
                g.writeObjectFieldStart("excluded");
                g.writeStringField("selfTrades", Format.yuan(r.selfTradeFen()));
                g.writeStringField("linkedParticipants", Format.yuan(r.linkedFen()));
                g.writeStringField("productKinds", Format.yuan(r.kindNotCountedFen()));
                g.writeStringField("flaggedBySurveillance", Format.yuan(r.flaggedFen()));
                g.writeEndObject();
                if (r.periodFirstYear() < 0)
                {
                    g.writeNullField("period");
                }
                else
                {
                    g.writeObjectFieldStart("period");
                    g.writeNumberField("from", r.periodFirstYear());
                    g.writeNumberField("to", r.periodLastYear());
                    g.writeEndObject();
                }
                g.writeStringField("paidBefore", Format.yuan(r.paidBeforeFen()));
                g.writeObjectFieldStart("rule");
                g.writeStringField("threshold", Format.yuan(rules.thresholdFen()));
                g.writeStringField("rate", rules.rate());
                g.writeStringField("cap", Format.yuan(rules.capFen()));
                g.writeNumberField("years", rules.supportYears());
                g.writeArrayFieldStart("kinds");
                for (final String kind : rules.countedKindNames())
                {
                    g.writeString(kind);
                }
                g.writeEndArray();
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
        }
    }

    static void writePositions(final SettlementPipeline pipeline, final Path outDir) throws IOException
    {
        pipeline.positions().publishAll();
        try (JsonGenerator g = open(outDir.resolve("positions.json")))
        {
            g.writeStartArray();
            for (final PositionView v : pipeline.positions().views())
            {
                writePosition(g, v);
            }
            g.writeEndArray();
        }
        try (JsonGenerator g = open(outDir.resolve("pledges.json")))
        {
            g.writeStartArray();
            for (final PositionView.Pledge p : pipeline.positions().pledgeViews())
            {
                writePledge(g, p);
            }
            g.writeEndArray();
        }
    }

    /** One participant's position as JSON (also what an HTTP handler would serve). */
    public static void writePosition(final JsonGenerator g, final PositionView v) throws IOException
    {
        g.writeStartObject();
        g.writeStringField("participant", v.participant());
        g.writeNumberField("seq", v.seq());
        g.writeStringField("cash", Format.yuan(v.cashAvailableFen() + v.cashReservedFen()));
        g.writeStringField("available", Format.yuan(v.cashAvailableFen()));
        g.writeStringField("reserved", Format.yuan(v.cashReservedFen()));
        g.writeArrayFieldStart("holdings");
        for (final PositionView.Holding h : v.holdings())
        {
            g.writeStartObject();
            g.writeStringField("product", h.product());
            g.writeNumberField("qty", h.qty());
            g.writeStringField("markPrice", Format.yuan(h.markPriceFen()));
            g.writeStringField("value", Format.yuan(h.valueFen()));
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("entitlements");
        for (final PositionView.Entitlement e : v.entitlements())
        {
            g.writeStartObject();
            g.writeStringField("product", e.product());
            g.writeNumberField("remaining", e.remainingUnits());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeObjectFieldStart("openOrders");
        g.writeStringField("buyExposure", Format.yuan(v.openBuyExposureFen()));
        g.writeArrayFieldStart("sells");
        for (final PositionView.OpenSell s : v.openSells())
        {
            g.writeStartObject();
            g.writeStringField("product", s.product());
            g.writeNumberField("qty", s.qty());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeArrayFieldStart("pledges");
        for (final PositionView.Pledge p : v.pledges())
        {
            writePledge(g, p);
        }
        g.writeEndArray();
        g.writeStringField("pledgedCollateral", Format.yuan(v.pledgedCollateralFen()));
        g.writeStringField("markToMarket", Format.yuan(v.markToMarketFen()));
        g.writeEndObject();
    }

    private static void writePledge(final JsonGenerator g, final PositionView.Pledge p) throws IOException
    {
        g.writeStartObject();
        g.writeStringField("id", p.pledgeId());
        g.writeStringField("lender", p.lender());
        g.writeStringField("participant", p.pledgor());
        g.writeStringField("product", p.product());
        g.writeNumberField("qty", p.qty());
        g.writeStringField("haircut", Format.bpsFraction(p.haircutBps()));
        g.writeStringField("price", Format.yuan(p.priceFen()));
        g.writeStringField("markBasis", p.markBasis());
        g.writeStringField("collateralValue", Format.yuan(p.collateralFen()));
        g.writeStringField("cover", Format.yuan(p.coverFen()));
        g.writeStringField("coverPrice", Format.yuan(p.coverPriceFen()));
        g.writeStringField("marketValue", Format.yuan(p.marketValueFen()));
        g.writeBooleanField("marginCall", p.marginCall());
        g.writeStringField("status", p.active() ? "active" : "released");
        g.writeEndObject();
    }

    /**
     * {@code indexes.jsonl} (every value the index stage published, in journal order),
     * {@code indexes.json} (its state at the end) and {@code margin-calls.jsonl} (the positions
     * stage's margin calls), owner-only.
     */
    static void writeIndexes(final SettlementPipeline pipeline, final Path outDir) throws IOException
    {
        // the stages have stopped: their logs are flushed and closed
        copyOwnerOnly(pipeline.indexes().indexesFile(), outDir.resolve(IndexStage.INDEXES_FILE));
        copyOwnerOnly(pipeline.positions().marginCallsFile(), outDir.resolve(PositionsStage.MARGIN_CALLS_FILE));
        pipeline.indexes().publishView();
        OwnerOnlyFiles.write(outDir.resolve("indexes.json"),
            pipeline.indexes().stateJson().getBytes(StandardCharsets.UTF_8), false);
    }

    private static void copyOwnerOnly(final Path from, final Path to) throws IOException
    {
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        OwnerOnlyFiles.restrict(to);
    }

    static void writeSummary(final SettlementPipeline pipeline, final Path file) throws IOException
    {
        final Ledger ledger = pipeline.ledger().ledger();
        try (JsonGenerator g = open(file))
        {
            g.writeStartObject();
            g.writeNumberField("lastSeq", pipeline.runners().get(0).appliedSeq());
            g.writeNumberField("trades", ledger.tradeCount());
            g.writeStringField("tradeValue", Format.yuan(ledger.tradeValueFen()));
            g.writeStringField("deposits", Format.yuan(ledger.depositsFen()));
            g.writeStringField("withdrawals", Format.yuan(ledger.withdrawalsFen()));
            g.writeStringField("fees", Format.yuan(ledger.balanceFen(Ledger.FEES)));
            g.writeNumberField("postingSets", ledger.postingSetCount());
            g.writeNumberField("certificates", pipeline.certificates().certificateCount());
            g.writeStringField("certificateChainHead", pipeline.certificates().lastHash());
            g.writeNumberField("resoldEntitlementUnits", pipeline.entitlements().book().resoldUnits());
            g.writeNumberField("indexPublications", pipeline.indexes().publishedLines());
            g.writeNumberField("indexExcludedTrades", pipeline.indexes().excludedTrades());
            g.writeNumberField("marginCallLines", pipeline.positions().marginCallLines());
            g.writeObjectFieldStart("stages");
            for (final StageRunner r : pipeline.runners())
            {
                g.writeNumberField(r.stage().name(), r.checkpointedSeq());
            }
            g.writeEndObject();
            g.writeEndObject();
        }
    }

    /** {@code SettlementRun JOURNAL_DIR OUT_DIR}. */
    public static void main(final String[] args) throws IOException
    {
        if (args.length != 2)
        {
            System.err.println("usage: SettlementRun JOURNAL_DIR OUT_DIR");
            System.exit(2);
        }
        run(Path.of(args[0]), Path.of(args[1]));
        System.out.println("settled " + args[0] + " into " + args[1]);
    }
}
