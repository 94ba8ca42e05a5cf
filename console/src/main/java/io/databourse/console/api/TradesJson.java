package io.databourse.console.api;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;
import io.databourse.console.view.ConsoleView;
import io.databourse.console.view.TradeTape;
import io.databourse.journal.schema.Codes;
import io.databourse.settlement.ref.Format;

/**
 * One participant's fills, each with its settlement certificate as the certificate stage issued
 * it (id, place in the hash chain, SHA-256 hash; read from the stage's {@code certificates.jsonl}),
 * {@code certified} false until the stage has written it (it runs after the ledger has settled the
 * fill). The counterparty is named only to those who see every participant.
 */
public final class TradesJson
{
    private TradesJson()
    {
    }

    /** Call under {@link ConsoleView#read}. */
    public static void write(final JsonGenerator g, final ConsoleView view, final int participant,
        final boolean namesCounterparty) throws IOException
    {
        g.writeStartObject();
        g.writeNumberField("seq", view.lastSeq());
        g.writeStringField("participant", view.reference().participantId(participant));
        g.writeArrayFieldStart("trades");
        for (final TradeTape.Trade t : view.trades().tradesOf(participant))
        {
            final boolean buyer = t.buyer() == participant;
            g.writeStartObject();
            g.writeNumberField("tradeId", t.tradeId());
            g.writeNumberField("seq", t.seq());
            g.writeStringField("time", Format.time(t.timeNs()));
            g.writeStringField("product", view.reference().productId(t.product()));
            g.writeStringField("side", buyer ? "buy" : "sell");
            g.writeStringField("price", Money.yuan(t.priceFen()));
            g.writeNumberField("qty", t.qty());
            g.writeStringField("value", Money.yuan(Math.multiplyExact(t.priceFen(), t.qty())));
            g.writeStringField("fee", Money.yuan(buyer ? t.buyFeeFen() : t.sellFeeFen()));
            g.writeStringField("clOrdId", buyer ? t.buyClOrdId() : t.sellClOrdId());
            // a call auction's uncross has no aggressor (Side.NONE): neither side took liquidity
            g.writeBooleanField("aggressor", t.aggressorSide() != Codes.Side.NONE && (t.aggressorSide() == Codes.Side.BUY) == buyer);
            if (namesCounterparty)
            {
                g.writeStringField("counterparty", view.reference().participantId(buyer ? t.seller() : t.buyer()));
            }
            final TradeTape.Certificate certificate = view.trades().certificate(t.tradeId());
            g.writeBooleanField("certified", null != certificate);
            if (null != certificate)
            {
                g.writeStringField("certificateId", certificate.id());
                g.writeNumberField("certificateIndex", certificate.index());
                g.writeStringField("certificateHash", certificate.hash());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }
}
