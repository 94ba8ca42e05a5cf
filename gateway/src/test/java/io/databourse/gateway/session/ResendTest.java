package io.databourse.gateway.session;

import static io.databourse.gateway.TestFixClient.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.File;
import java.nio.file.Path;
import java.util.List;

import io.databourse.gateway.FixGateway;
import io.databourse.gateway.GatewayContext;
import io.databourse.gateway.TestFixClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ResendRequest: application messages come back as PossDup copies, admin ones as one gap fill. */
class ResendTest
{
    @TempDir
    Path tempDir;

    @Test
    void resendsApplicationMessagesAndGapFillsAdminOnes() throws Exception
    {
        try (FixGateway gateway = FixGateway.launch(new GatewayContext()
                .port(0)
                .sessions(List.of(new SessionConfig().sessionId(1).senderCompId("ISLD").targetCompId("TW")
                    .profile("certification").resetOnDisconnect(true).conclude()))
                .sequenceStoreDir(new File(tempDir.toFile(), "seqnums")));
            TestFixClient client = new TestFixClient(gateway.port(), "TW", "ISLD"))
        {
            client.logon("");
            client.expect("A");                                                  // 1 admin
            client.send("1", "112=a|");
            client.expect("0");                                                  // 2 admin
            client.send("D", "11=o1|21=1|55=X|54=1|40=1|60=" + TestFixClient.now() + "|");
            final String echo = client.expect("D");                             // 3 application
            client.send("1", "112=b|");
            client.expect("0");                                                  // 4 admin
            client.send("2", "7=1|16=0|");
            final String gapFill = client.expect("4");
            assertEquals("1", field(gapFill, 34));
            assertEquals("3", field(gapFill, 36));
            assertEquals("Y", field(gapFill, 123));
            assertEquals("Y", field(gapFill, 43));
            final String resent = client.expect("D");
            assertEquals("3", field(resent, 34));
            assertEquals("Y", field(resent, 43));
            assertEquals(field(echo, 52), field(resent, 122));
            assertEquals("o1", field(resent, 11));
            final String tail = client.expect("4");
            assertEquals("4", field(tail, 34));
            assertEquals("5", field(tail, 36));
            // Resends do not consume sequence numbers.
            client.send("1", "112=c|");
            final String heartbeat = client.expect("0");
            assertEquals("5", field(heartbeat, 34));
            assertNull(field(heartbeat, 43));
        }
    }
}
