package io.databourse.exchange.fix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import io.databourse.exchange.DriverDuty;
import io.databourse.exchange.EmbeddedExchange;
import io.databourse.exchange.ExchangeConfig;
import io.databourse.testsupport.QuickFixJClient;
import org.agrona.CloseHelper;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import quickfix.Message;
import quickfix.field.MsgType;
import quickfix.field.Side;

/**
 * The thread budget's placements of the order path, each through the real thing (QuickFIX/J, the
 * gateway, the matcher, the journal): the matcher on a thread of its own or on the gateway's I/O
 * thread, the media driver on a thread of its own or on the matcher's duty cycle. Two sessions trade;
 * both get their reports; the threads that should be gone are gone.
 */
class ThreadPlacementTest
{
    @TempDir
    Path dataDir;

    @ParameterizedTest(name = "matcher on the gateway thread {0}, driver {1}")
    @CsvSource({"false,shared", "false,invoker", "true,shared", "true,invoker"})
    void twoSessionsTradeWhereverTheMatcherAndTheDriverRun(final boolean onGatewayThread, final String driverMode)
        throws Exception
    {
        EmbeddedExchange exchange = null;
        QuickFixJClient p1 = null;
        QuickFixJClient p2 = null;
        try
        {
            exchange = EmbeddedExchange.launch(new ExchangeConfig()
                .dataDir(dataDir)
                .aeronDir("/dev/shm/databourse-placement-" + ProcessHandle.current().pid())
                .fixEnabled(true)
                .fixPort(0)
                .driverMode(driverMode)
                .matcherOnGatewayThread(onGatewayThread));
            QuickFixJExchangeTest.awaitProducts(exchange.gateway(), 5);
            final List<String> threads = Thread.getAllStackTraces().keySet().stream().map(Thread::getName).toList();
            assertEquals(!onGatewayThread, threads.stream().anyMatch(n -> n.contains("databourse-matcher")),
                "a matcher thread of its own: " + threads);
            assertEquals(DriverDuty.SHARED.equals(driverMode), threads.stream().anyMatch(n -> n.contains("driver-conductor")),
                "a driver thread of its own: " + threads);

            p1 = new QuickFixJClient(exchange.gateway().port(), "P1", "p1-demo").start();
            p2 = new QuickFixJClient(exchange.gateway().port(), "P2", "p2-demo").start();
            assertTrue(p1.awaitLogon() && p2.awaitLogon(), "both logged on");

            p1.send(QuickFixJExchangeTest.limit("t1", Side.BUY, QuickFixJExchangeTest.TRAFFIC, 5, 12.00));
            assertEquals("0", p1.next(MsgType.EXECUTION_REPORT).getString(150), "P1's bid accepted");
            p2.send(QuickFixJExchangeTest.limit("t2", Side.SELL, QuickFixJExchangeTest.TRAFFIC, 5, 12.00));
            assertEquals("0", p2.next(MsgType.EXECUTION_REPORT).getString(150), "P2's offer accepted");
            final Message sold = p2.next(MsgType.EXECUTION_REPORT);
            assertEquals("F", sold.getString(150), sold.toString());
            assertEquals("2", sold.getString(39), "P2 filled");
            final Message bought = p1.next(MsgType.EXECUTION_REPORT);
            assertEquals("F", bought.getString(150), bought.toString());
            assertEquals("12.00", bought.getString(31), "at the resting price");
        }
        finally
        {
            CloseHelper.closeAll(p1, p2, exchange);
        }
    }
}
