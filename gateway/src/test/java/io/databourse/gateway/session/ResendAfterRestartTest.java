package io.databourse.gateway.session;

import static io.databourse.gateway.TestFixClient.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.File;
import java.nio.file.Path;
import java.util.List;

import io.databourse.gateway.FixGateway;
import io.databourse.gateway.GatewayContext;
import io.databourse.gateway.TestFixClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The session store through the gateway: application messages sent before a restart are resent
 * as PossDup copies after it, and nothing sent before a sequence reset is ever resent.
 */
class ResendAfterRestartTest
{
    @TempDir
    Path tempDir;

    private GatewayContext context()
    {
        return new GatewayContext()
            .port(0)
            .sessions(List.of(new SessionConfig().sessionId(1).senderCompId("ISLD").targetCompId("TW")
                .profile("certification").conclude()))
            .sequenceStoreDir(new File(tempDir.toFile(), "seqnums"));
    }

    private static String order(final String clOrdId)
    {
        return "11=" + clOrdId + "|21=1|55=X|54=1|40=1|60=" + TestFixClient.now() + "|";
    }

    @Test
    void applicationMessagesAreResentAsPossDupAfterARestart() throws Exception
    {
        final String echo1;
        final String echo2;
        try (FixGateway gateway = FixGateway.launch(context());
            TestFixClient client = new TestFixClient(gateway.port(), "TW", "ISLD"))
        {
            client.logon("");
            assertEquals("1", field(client.expect("A"), 34));
            client.send("D", order("o1"));
            echo1 = client.expect("D");
            assertEquals("2", field(echo1, 34));
            client.send("D", order("o2"));
            echo2 = client.expect("D");
            assertEquals("3", field(echo2, 34));
            client.send("5", "");
            assertEquals("4", field(client.expect("5"), 34));
        }
        try (FixGateway gateway = FixGateway.launch(context());
            TestFixClient client = new TestFixClient(gateway.port(), "TW", "ISLD"))
        {
            client.nextSeqNum(5).logon("");
            assertEquals("5", field(client.expect("A"), 34));
            client.send("2", "7=1|16=0|");
            final String head = client.receive(10_000);
            assertEquals("4", field(head, 35), head);
            assertEquals("1", field(head, 34));
            assertEquals("2", field(head, 36));
            assertEquals("Y", field(head, 123));
            final String resent1 = client.receive(10_000);
            assertEquals("D", field(resent1, 35), resent1);
            assertEquals("2", field(resent1, 34));
            assertEquals("Y", field(resent1, 43));
            assertEquals(field(echo1, 52), field(resent1, 122));
            assertEquals("o1", field(resent1, 11));
            final String resent2 = client.receive(10_000);
            assertEquals("D", field(resent2, 35), resent2);
            assertEquals("3", field(resent2, 34));
            assertEquals("Y", field(resent2, 43));
            assertEquals(field(echo2, 52), field(resent2, 122));
            assertEquals("o2", field(resent2, 11));
            final String tail = client.receive(10_000);
            assertEquals("4", field(tail, 35), tail);
            assertEquals("4", field(tail, 34));
            assertEquals("6", field(tail, 36));
        }
    }

    @Test
    void messagesSentBeforeAResetAreNeverResent() throws Exception
    {
        try (FixGateway gateway = FixGateway.launch(context());
            TestFixClient client = new TestFixClient(gateway.port(), "TW", "ISLD"))
        {
            client.logon("");
            client.expect("A");                                                     // 1
            client.send("D", order("before"));
            assertEquals("2", field(client.expect("D"), 34));                       // 2
            client.nextSeqNum(1).logon("141=Y|");
            final String logon = client.expect("A");                                // 1 after the reset
            assertEquals("1", field(logon, 34));
            assertEquals("Y", field(logon, 141));
            assertOnlyGapFill(client, 2);
            client.send("5", "");
            client.expect("5");
        }
        try (FixGateway gateway = FixGateway.launch(context());
            TestFixClient client = new TestFixClient(gateway.port(), "TW", "ISLD"))
        {
            client.nextSeqNum(5).logon("");
            assertEquals("4", field(client.expect("A"), 34));
            assertOnlyGapFill(client, 5);
        }
    }

    /** A ResendRequest from 1 answered by gap fills only, then the TestRequest's heartbeat: no D in between. */
    private static void assertOnlyGapFill(final TestFixClient client, final int nextSeqNum) throws Exception
    {
        client.send("2", "7=1|16=0|");
        client.send("1", "112=after|");
        int newSeqNo = 0;
        while (true)
        {
            final String message = client.receive(10_000);
            assertNotNull(message, "no heartbeat answering the TestRequest");
            final String type = field(message, 35);
            if ("0".equals(type))
            {
                assertEquals("after", field(message, 112), message);
                break;
            }
            assertEquals("4", type, "only gap fills may answer, got " + message);
            assertEquals("Y", field(message, 123));
            assertNull(field(message, 11));
            newSeqNo = Integer.parseInt(field(message, 36));
        }
        assertEquals(nextSeqNum, newSeqNo);
    }
}
