package io.databourse.settlement;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonGenerator;
import io.databourse.settlement.ledger.LedgerStage;
import io.databourse.settlement.ledger.Movement;
import io.databourse.settlement.ledger.OwnerOnlyFiles;
import io.databourse.settlement.ref.Format;
import io.databourse.settlement.ref.ReferenceData;

/**
 * The participants' statements, {@code statements/<participant>.csv} and {@code .json}, from the
 * ledger's movements (docs/settlement.md): every movement, and per UTC day the totals by kind and
 * the closing balances.
 */
final class Statements
{
    private Statements()
    {
    }

    /** One statement per registered participant (empty when it never moved cash), in index order. */
    static void write(final Path movementsFile, final ReferenceData ref, final Path dir) throws IOException
    {
        OwnerOnlyFiles.createDirectories(dir);
        final Map<String, List<Movement>> byParticipant = new LinkedHashMap<>();
        for (int p = 0; p < ref.participantCount(); p++)
        {
            byParticipant.put(ref.participantId(p), new ArrayList<>());
        }
        try (BufferedReader reader = Files.newBufferedReader(movementsFile, StandardCharsets.US_ASCII))
        {
            String line = reader.readLine();
            if (null == line || !(line + "\n").equals(LedgerStage.MOVEMENTS_HEADER))
            {
                throw new IOException("unexpected movements header in " + movementsFile);
            }
            while (null != (line = reader.readLine()))
            {
                final Movement m = Movement.parse(line);
                byParticipant.computeIfAbsent(m.participant(), k -> new ArrayList<>()).add(m);
            }
        }
        for (final Map.Entry<String, List<Movement>> e : byParticipant.entrySet())
        {
            write(e.getKey(), e.getValue(), dir);
        }
    }

    /** A day's totals by kind of movement, and the balances its last movement left. */
    private static final class Day
    {
        long depositsFen;
        long withdrawalsFen;
        long boughtFen;
        long soldFen;
        long feesFen;
        long closingAvailableFen;
        long closingReservedFen;

        void add(final Movement m)
        {
            switch (m.type())
            {
                case Movement.DEPOSIT -> depositsFen += m.cashChangeFen();
                case Movement.WITHDRAWAL -> withdrawalsFen -= m.cashChangeFen();
                default ->
                {
                    assert m.isFill() : m;
                    if (m.isBuy())
                    {
                        boughtFen += m.valueFen();
                    }
                    else
                    {
                        soldFen += m.valueFen();
                    }
                    feesFen += m.feeFen();
                }
            }
            closingAvailableFen = m.availableFen();
            closingReservedFen = m.reservedFen();
        }
    }

    private static void write(final String participant, final List<Movement> rows, final Path dir) throws IOException
    {
        final String base = participant.replaceAll("[^A-Za-z0-9._-]", "_");
        try (Writer csv = new OutputStreamWriter(
            new BufferedOutputStream(OwnerOnlyFiles.newOutputStream(dir.resolve(base + ".csv"))), StandardCharsets.UTF_8))
        {
            csv.write("seq,time,type,tradeId,product,side,qty,price,cashChange,fee,available,reserved\n");
            for (final Movement m : rows)
            {
                final boolean fill = m.isFill();
                csv.write(m.seq() + "," + Format.time(m.timeNs()) + ',' + m.type() + ',' +
                    (fill ? Long.toString(m.tradeId()) : "") + ',' + m.product() + ',' + m.side() + ',' +
                    (fill ? Long.toString(m.qty()) : "") + ',' + (fill ? Format.yuan(m.priceFen()) : "") + ',' +
                    Format.yuan(m.cashChangeFen()) + ',' + Format.yuan(m.feeFen()) + ',' +
                    Format.yuan(m.availableFen()) + ',' + Format.yuan(m.reservedFen()) + '\n');
            }
        }
        final TreeMap<String, Day> days = new TreeMap<>();
        for (final Movement m : rows)
        {
            final String date = Instant.ofEpochSecond(Math.floorDiv(m.timeNs(), 1_000_000_000L))
                .atOffset(ZoneOffset.UTC).toLocalDate().toString();
            days.computeIfAbsent(date, k -> new Day()).add(m);
        }
        try (JsonGenerator g = SettlementRun.open(dir.resolve(base + ".json")))
        {
            g.writeStartObject();
            g.writeStringField("participant", participant);
            g.writeArrayFieldStart("days");
            for (final Map.Entry<String, Day> e : days.entrySet())
            {
                final Day d = e.getValue();
                g.writeStartObject();
                g.writeStringField("date", e.getKey());
                g.writeStringField("deposits", Format.yuan(d.depositsFen));
                g.writeStringField("withdrawals", Format.yuan(d.withdrawalsFen));
                g.writeStringField("bought", Format.yuan(d.boughtFen));
                g.writeStringField("sold", Format.yuan(d.soldFen));
                g.writeStringField("fees", Format.yuan(d.feesFen));
                g.writeStringField("closingCash", Format.yuan(d.closingAvailableFen + d.closingReservedFen));
                g.writeStringField("closingAvailable", Format.yuan(d.closingAvailableFen));
                g.writeStringField("closingReserved", Format.yuan(d.closingReservedFen));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("lines");
            for (final Movement m : rows)
            {
                g.writeStartObject();
                g.writeNumberField("seq", m.seq());
                g.writeStringField("time", Format.time(m.timeNs()));
                g.writeStringField("type", m.type());
                if (m.isFill())
                {
                    g.writeNumberField("tradeId", m.tradeId());
                    g.writeStringField("product", m.product());
                    g.writeStringField("side", m.side());
                    g.writeNumberField("qty", m.qty());
                    g.writeStringField("price", Format.yuan(m.priceFen()));
                }
                g.writeStringField("cashChange", Format.yuan(m.cashChangeFen()));
                g.writeStringField("fee", Format.yuan(m.feeFen()));
                g.writeStringField("available", Format.yuan(m.availableFen()));
                g.writeStringField("reserved", Format.yuan(m.reservedFen()));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }
}
