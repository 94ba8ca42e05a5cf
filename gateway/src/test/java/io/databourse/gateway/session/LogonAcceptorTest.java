package io.databourse.gateway.session;

import static io.databourse.gateway.session.CapturingConnection.timestamp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;

import io.databourse.gateway.fix.FixDictionary;
import io.databourse.gateway.fix.FixMessage;
import io.databourse.gateway.fix.FixValidator;
import io.databourse.gateway.fix.TestFix;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The logon phase's decisions without a socket: which first messages are closed on, refused with a
 * Logout (the session left unclaimed), logged out (the session claimed, the Logon bad) or accepted.
 */
class LogonAcceptorTest
{
    private static final long NOW_MS = 1_780_000_000_000L;

    @TempDir
    Path tempDir;

    private final FixDictionary dictionary = FixDictionary.fix44();
    private final FixMessage logon = new FixMessage(256);
    private final FixValidator validator = new FixValidator(dictionary, 256);
    private final Object owner = new Object();
    private SessionRegistry registry;
    private FixSession session;
    private LogonAcceptor acceptor;

    @BeforeEach
    void setUp()
    {
        registry = new SessionRegistry();
        final SessionConfig config = new SessionConfig().sessionId(1).senderCompId("ISLD").targetCompId("TW")
            .username("trader").heartbeatIntervalMaxS(60).profile("certification").conclude();
        session = new FixSession(config, SessionStore.open(new File(tempDir.toFile(), "seq"), "ISLD", "TW", 16), null);
        registry.add(session);
        final SessionLayerContext ctx = new SessionLayerContext().registry(registry).dictionary(dictionary)
            .epochClock(() -> NOW_MS);
        final CapturingConnection connection = new CapturingConnection();
        final LogonCredentials credentials = new LogonCredentials(ctx, connection, () -> NOW_MS, verdict -> { });
        acceptor = new LogonAcceptor(ctx, () -> NOW_MS, credentials, owner);
    }

    @AfterEach
    void tearDown()
    {
        registry.close();
    }

    private int accept(final String body)
    {
        final String raw = TestFix.message(body);
        final UnsafeBuffer buffer = TestFix.buffer(raw);
        assertEquals(FixMessage.OK, logon.parse(buffer, 0, raw.length()));
        final int validation = validator.validate(logon);
        return acceptor.accept(logon, logon.msgTypeKey(), validation, validator.refTagId(), buffer, 0, raw.length());
    }

    private static String logon(final int seq, final String extra)
    {
        return "35=A|34=" + seq + "|49=TW|52=" + timestamp(NOW_MS) + "|56=ISLD|98=0|108=30|553=trader|" + extra;
    }

    @Test
    void aGoodLogonClaimsItsSession()
    {
        assertEquals(LogonAcceptor.ACCEPTED, accept(logon(1, "")));
        assertSame(session, acceptor.session());
        assertTrue(session.isOwnedBy(owner));
        assertFalse(acceptor.resetRequested());
    }

    @Test
    void closedOnWithoutAnAnswer()
    {
        assertEquals(LogonAcceptor.CLOSE, accept("35=0|34=1|49=TW|52=" + timestamp(NOW_MS) + "|56=ISLD|"));
        assertEquals("first message is not a Logon", acceptor.refusal());
        assertEquals(LogonAcceptor.CLOSE, accept(logon(1, "").replace("49=TW", "49=XX")));
        assertTrue(acceptor.refusal().startsWith("no session for SenderCompID XX"), acceptor.refusal());

        assertTrue(session.tryAcquire("another connection"));
        assertEquals(LogonAcceptor.CLOSE, accept(logon(1, "")));
        assertTrue(acceptor.refusal().startsWith("already logged on"), acceptor.refusal());
        assertFalse(session.isOwnedBy(owner));
    }

    @Test
    void badCredentialsAreRefusedLeavingTheSessionUnclaimedThenBackedOff()
    {
        assertEquals(LogonAcceptor.REFUSE, accept(logon(1, "").replace("553=trader", "553=guess")));
        assertEquals("Invalid username or password", acceptor.refusalText());
        assertSame(session, acceptor.candidate());
        assertFalse(session.isLoggedOn());
        int refused = 1;
        while (!String.valueOf(acceptor.refusalText()).startsWith("Too many failed logons") && refused < 20)
        {
            assertEquals(LogonAcceptor.REFUSE, accept(logon(1, "").replace("553=trader", "553=guess")));
            refused++;
        }
        assertTrue(refused < 20, "failed logons back off");
        assertEquals(LogonAcceptor.REFUSE, accept(logon(1, "")), "even the right username waits out the backoff");
        assertFalse(session.isLoggedOn());
    }

    @Test
    void aBadLogonForAClaimedSessionIsLoggedOut()
    {
        assertEquals(LogonAcceptor.LOGOUT, accept(logon(1, "").replace("108=30", "108=-1")));
        assertEquals("HeartBtInt must not be negative", acceptor.refusal());
        assertTrue(session.isOwnedBy(owner), "claimed: the Logout is numbered from it");
        session.release(owner);

        assertEquals(LogonAcceptor.LOGOUT, accept(logon(1, "").replace("108=30", "108=61")));
        assertEquals("HeartBtInt must not exceed 60", acceptor.refusal());
        session.release(owner);

        assertEquals(LogonAcceptor.LOGOUT, accept(logon(1, "").replace(timestamp(NOW_MS), timestamp(NOW_MS - 600_000))));
        assertEquals("Invalid Logon message: SendingTime accuracy problem, field=52", acceptor.refusal());
        session.release(owner);

        session.store().nextTargetSeqNum(5);
        assertEquals(LogonAcceptor.LOGOUT, accept(logon(3, "")));
        assertEquals("MsgSeqNum too low, expecting 5 but received 3", acceptor.refusal());
        session.release(owner);
        assertEquals(5, session.store().nextTargetSeqNum(), "a refused Logon consumes nothing");
    }

    @Test
    void aResetRequestStartsTheNumbersAgainBeforeTheyAreChecked()
    {
        session.store().nextTargetSeqNum(5);
        assertEquals(LogonAcceptor.ACCEPTED, accept(logon(1, "141=Y|")));
        assertTrue(acceptor.resetRequested());
        assertEquals(1, session.store().nextTargetSeqNum());
        assertNull(acceptor.refusal());
    }
}
