package io.databourse.exchange.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.databourse.journal.json.ReferenceNames;
import io.databourse.journal.sbe.TradeEventDecoder;
import io.databourse.settlement.ledger.Certificates;

/**
 * Each certificate against the trade of the journal it certifies, as the replay meets the trades:
 * certificate i is the journal's i-th trade, with its trade id, seq, time, product, parties, price,
 * quantity and fees. The file is read alongside the replay, one line at a time. The hash chain and
 * the signed head are the settlement verifier's business ({@code CertificateVerifier}); this says
 * that what was certified is what the matcher decided.
 */
final class CertificateCheck implements AutoCloseable
{
    private static final int FINDINGS_MAX = 20;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final BufferedReader reader;
    private final ReferenceNames names;
    private final List<String> findings = new ArrayList<>();
    private long certificates;
    private long tradesWithout;
    private long firstSeqWithout;
    private boolean ended;

    CertificateCheck(final Path file, final ReferenceNames names)
    {
        try
        {
            this.reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read " + file, ex);
        }
        this.names = names;
    }

    void onTrade(final long seq, final long timeNs, final TradeEventDecoder trade)
    {
        final JsonNode certificate = ended ? null : next();
        if (null == certificate)
        {
            if (tradesWithout++ == 0)
            {
                firstSeqWithout = seq;
            }
            return;
        }
        certificates++;
        final StringBuilder id = Certificates.appendCertificateId(new StringBuilder(), trade.tradeId());
        final String[][] expected = {
            {"certificateId", id.toString()},
            {"tradeId", Long.toString(trade.tradeId())},
            {"seq", Long.toString(seq)},
            {"timeNs", Long.toString(timeNs)},
            {"product", names.product(trade.product())},
            {"buyer", names.participant(trade.buyer())},
            {"seller", names.participant(trade.seller())},
            {"price", StateJson.money(trade.priceFen())},
            {"qty", Long.toString(trade.qty())},
            {"buyerFee", StateJson.money(trade.buyFeeFen())},
            {"sellerFee", StateJson.money(trade.sellFeeFen())}};
        for (final String[] field : expected)
        {
            final String actual = Csv.text(certificate.get(field[0]));
            if (!actual.equals(field[1]))
            {
                add("certificate " + certificates + " (" + Csv.text(certificate.get("certificateId")) +
                    ") does not certify the journal's trade " + trade.tradeId() + " at seq " + seq + ": " + field[0] +
                    " " + actual + ", the journal says " + field[1]);
                return;
            }
        }
    }

    private JsonNode next()
    {
        try
        {
            final String line = reader.readLine();
            if (null == line)
            {
                ended = true;
                return null;
            }
            return MAPPER.readTree(line);
        }
        catch (final IOException ex)
        {
            add("certificate " + (certificates + 1) + " is unreadable: " + ex.getMessage());
            return MAPPER.createObjectNode();
        }
    }

    private void add(final String finding)
    {
        if (findings.size() < FINDINGS_MAX)
        {
            findings.add(finding);
        }
    }

    /**
     * After the replay: certificates left over name trades the journal does not have, when it was
     * replayed to its end; else they were not compared.
     */
    List<String> finish(final boolean journalComplete, final long lastSeq)
    {
        long extra = 0;
        while (!ended && null != next())
        {
            extra++;
        }
        if (extra > 0)
        {
            add(journalComplete ?
                extra + " certificate(s) after certificate " + certificates + " name trades the journal does not have" :
                "certificates " + (certificates + 1) + ".." + (certificates + extra) + " not compared: the journal's " +
                "replay stopped at seq " + lastSeq);
        }
        return findings;
    }

    long certificates()
    {
        return certificates;
    }

    /** Trades the certificates file does not reach (settlement behind the journal, or certificates cut off). */
    long tradesWithout()
    {
        return tradesWithout;
    }

    long firstSeqWithout()
    {
        return firstSeqWithout;
    }

    @Override
    public void close()
    {
        try
        {
            reader.close();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
