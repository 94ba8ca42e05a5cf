package io.databourse.perf.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The round-trip bench's servers of ours, in process, driven by the bench's own client at a low
 * rate: every order is answered, none refused. (Figures are the bench's business, not a test's.)
 */
class RoundTripServerTest
{
    @Test
    void theGatewayBeforeTheEchoExecutorAnswersEveryOrder() throws Exception
    {
        try (RoundTripServer server = new RoundTripServer("echo");
            RoundTripClient client = RoundTripClient.connect(server.port(), "P1", RoundTripServer.PASSWORD))
        {
            client.logon();
            final RoundTripClient.RunResult r = client.run(500, 0.5, Double.MAX_VALUE);
            assertNull(r.failure());
            assertEquals(r.orders(), r.answered(), "every order answered");
            assertEquals(0, r.rejects());
            assertNull(client.firstReject());
            assertTrue(r.reports() >= r.orders(), "an IOC order is accepted, then cancelled: two reports");
            // the product list request and one record per order
            assertEquals(r.orders() + 1, server.executor().answered());
            assertEquals(0, server.executor().ignored());
        }
    }

    @Test
    void theFullPathAnswersEveryOrder() throws Exception
    {
        try (RoundTripServer server = new RoundTripServer("full");
            RoundTripClient client = RoundTripClient.connect(server.port(), "P1", RoundTripServer.PASSWORD))
        {
            client.logon();
            final RoundTripClient.RunResult r = client.run(500, 0.5, Double.MAX_VALUE);
            assertNull(r.failure());
            assertEquals(r.orders(), r.answered(), "every order answered");
            assertEquals(0, r.rejects(), "an IOC that finds no offer is accepted, then cancelled: no reject");
            assertNull(server.executor());
        }
    }
}
