package io.databourse.console.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;

import io.databourse.settlement.http.Credentials;
import org.junit.jupiter.api.Test;

/** Sessions end on idle, on lifetime and at logout; the store never grows past its bound; ids are unguessable and distinct. */
class SessionStoreTest
{
    private static final Credentials.Principal P1 = new Credentials.Principal("P1", Credentials.Role.PARTICIPANT);
    private final AtomicLong nowNs = new AtomicLong(1_000);

    @Test
    void aSessionEndsAfterItsIdleTimeoutOrItsLifetime()
    {
        final SessionStore store = new SessionStore(nowNs::get, 4, 100, 1_000);
        final ConsoleSession idle = store.create(P1);
        nowNs.addAndGet(99);
        assertNotNull(store.find(idle.id()), "touched just in time");
        nowNs.addAndGet(100);
        assertNull(store.find(idle.id()), "idle too long");

        final ConsoleSession busy = store.create(P1);
        for (int i = 0; i < 10; i++)
        {
            nowNs.addAndGet(99);
            assertNotNull(store.find(busy.id()));
        }
        nowNs.addAndGet(99);
        assertNull(store.find(busy.id()), "past its lifetime however busy");
        assertFalse(store.isLive(busy));
    }

    @Test
    void aFullStoreDropsExpiredSessionsFirstAndOtherwiseRefuses()
    {
        final SessionStore store = new SessionStore(nowNs::get, 2, 100, 10_000);
        final ConsoleSession first = store.create(P1);
        nowNs.addAndGet(50);
        final ConsoleSession second = store.create(P1);
        assertNull(store.create(P1), "full of live sessions: refused, never grown");
        nowNs.addAndGet(60);
        final ConsoleSession third = store.create(P1);
        assertNotNull(third, "the first had expired and made room");
        assertNull(store.find(first.id()));
        assertNotNull(store.find(second.id()));
        assertEquals(2, store.size());
        store.remove(third);
        assertNull(store.find(third.id()), "logged out");
    }

    @Test
    void idsAndCsrfTokensAreRandomAndCommandSessionIdsAreTheConsolesOwn()
    {
        final SessionStore store = new SessionStore(nowNs::get, 10, 100, 1_000);
        final ConsoleSession a = store.create(P1);
        final ConsoleSession b = store.create(P1);
        assertNotEquals(a.id(), b.id());
        assertNotEquals(a.csrfToken(), b.csrfToken());
        assertNotEquals(a.id(), a.csrfToken());
        assertEquals(43, a.id().length(), "256 bits, base64url");
        assertTrue(a.commandSessionId() >= SessionStore.COMMAND_SESSION_ID_BASE);
        assertNotEquals(a.commandSessionId(), b.commandSessionId());
        assertTrue(SessionStore.tokensEqual(a.csrfToken(), a.csrfToken()));
        assertFalse(SessionStore.tokensEqual(a.csrfToken(), b.csrfToken()));
        assertFalse(SessionStore.tokensEqual(a.csrfToken(), null));
    }
}
