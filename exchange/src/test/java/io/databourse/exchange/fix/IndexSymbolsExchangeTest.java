package io.databourse.exchange.fix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Set;

import io.databourse.exchange.EmbeddedExchange;
import io.databourse.testsupport.QuickFixJClient;
import org.agrona.CloseHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quickfix.Message;
import quickfix.field.MDEntryType;
import quickfix.field.MDReqID;
import quickfix.field.MarketDepth;
import quickfix.field.MsgType;
import quickfix.field.SubscriptionRequestType;
import quickfix.field.Symbol;
import quickfix.fix44.MarketDataRequest;

/**
 * The launcher wires the settlement index stage's values into the gateway's index symbols
 * (docs/indexes.md, docs/fix.md): in the embedded exchange with the demo reference data, the indexes
 * of its products are FIX symbols as soon as settlement has opened, with no value before one is
 * published; any other {@code IDX.*} symbol is unknown.
 */
class IndexSymbolsExchangeTest
{
    @TempDir
    Path dataDir;

    private EmbeddedExchange exchange;
    private QuickFixJClient p1;

    @AfterEach
    void stop()
    {
        CloseHelper.closeAll(p1, exchange);
    }

    @Test
    void theDemoProductsIndexesAreFixSymbols() throws Exception
    {
        exchange = QuickFixJExchangeTest.launchDemoWithHttp(dataDir, "idxtest");
        final long deadline = System.currentTimeMillis() + QuickFixJClient.WAIT_MS;
        while (exchange.gateway().indexes().symbols().size() < 4 && System.currentTimeMillis() < deadline)
        {
            Thread.sleep(1); // settlement catches up with the reference data on its own thread
        }
        assertEquals(Set.of("IDX.DATA.GENERAL", "IDX.DATA.IMPORTANT", "IDX.ALGORITHM.GENERAL", "IDX.H100.GY1"),
            Set.copyOf(exchange.gateway().indexes().symbols()));

        p1 = new QuickFixJClient(exchange.gateway().port(), "P1", "p1-demo").start();
        assertTrue(p1.awaitLogon(), "P1 logon");
        p1.send(request("ix1", "IDX.H100.GY1"));
        final Message snapshot = p1.next(MsgType.MARKET_DATA_SNAPSHOT_FULL_REFRESH);
        assertEquals("ix1", snapshot.getString(MDReqID.FIELD), snapshot.toString());
        assertEquals("IDX.H100.GY1", snapshot.getString(Symbol.FIELD), snapshot.toString());
        assertEquals(0, snapshot.getInt(268), "no trades yet: no value: " + snapshot);

        p1.send(request("ix2", "IDX.NOPE.X"));
        final Message refused = p1.next(MsgType.MARKET_DATA_REQUEST_REJECT);
        assertEquals("0", refused.getString(281), refused.toString());
    }

    private static MarketDataRequest request(final String id, final String symbol)
    {
        final MarketDataRequest r = new MarketDataRequest(new MDReqID(id),
            new SubscriptionRequestType(SubscriptionRequestType.SNAPSHOT), new MarketDepth(0));
        final MarketDataRequest.NoMDEntryTypes types = new MarketDataRequest.NoMDEntryTypes();
        types.set(new MDEntryType('3'));
        r.addGroup(types);
        final MarketDataRequest.NoRelatedSym sym = new MarketDataRequest.NoRelatedSym();
        sym.set(new Symbol(symbol));
        r.addGroup(sym);
        return r;
    }
}
