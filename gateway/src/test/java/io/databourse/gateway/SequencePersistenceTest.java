package io.databourse.gateway;

import static io.databourse.gateway.TestFixClient.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.List;

import io.databourse.gateway.session.SessionConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sequence numbers survive a gateway restart; resets are per configuration. */
class SequencePersistenceTest
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

    @Test
    void sequenceNumbersContinueAfterRestart() throws Exception
    {
        try (FixGateway gateway = FixGateway.launch(context());
            TestFixClient client = new TestFixClient(gateway.port(), "TW", "ISLD"))
        {
            client.logon("");
            assertEquals("1", field(client.expect("A"), 34));
            client.send("1", "112=one|");
            assertEquals("2", field(client.expect("0"), 34));
            client.send("5", "");
            assertEquals("3", field(client.expect("5"), 34));
        }
        try (FixGateway gateway = FixGateway.launch(context()))
        {
            try (TestFixClient stale = new TestFixClient(gateway.port(), "TW", "ISLD"))
            {
                stale.logon("");
                final String logout = stale.expect("5");
                assertEquals("MsgSeqNum too low, expecting 4 but received 1", field(logout, 58));
                assertTrue(stale.awaitClose(10_000));
            }
            try (TestFixClient client = new TestFixClient(gateway.port(), "TW", "ISLD"))
            {
                client.sendRaw(io.databourse.gateway.fix.TestFix.message(
                    "35=A|34=4|49=TW|52=" + TestFixClient.now() + "|56=ISLD|98=0|108=30|"));
                final String logon = client.expect("A");
                assertEquals("5", field(logon, 34), logon);
            }
        }
    }
}
