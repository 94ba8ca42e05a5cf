package io.databourse.gateway.netty;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.channel.SelectStrategy;
import io.netty.channel.SelectStrategyFactory;
import org.agrona.concurrent.Agent;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DutyCycleSelectStrategyTest
{
    private static final int LINGER = 5;

    /** A duty that does as much work as it is told to on its next call, and counts its calls. */
    private static final class ScriptedDuty implements Agent
    {
        int nextWork;
        int calls;
        RuntimeException failure;

        @Override
        public int doWork()
        {
            calls++;
            if (null != failure)
            {
                final RuntimeException ex = failure;
                failure = null;
                throw ex;
            }
            final int work = nextWork;
            nextWork = 0;
            return work;
        }

        @Override
        public String roleName()
        {
            return "scripted";
        }
    }

    private final ScriptedDuty duty = new ScriptedDuty();
    private final AtomicLong activity = new AtomicLong();
    private final List<Throwable> errors = new ArrayList<>();
    private int readySockets;
    private int selectNowCalls;

    private DutyCycleSelectStrategy strategy(final int lingerPolls)
    {
        return (DutyCycleSelectStrategy)DutyCycleSelectStrategy.factory(duty, activity::get, lingerPolls, errors::add)
            .newSelectStrategy();
    }

    private int turn(final DutyCycleSelectStrategy strategy, final boolean hasTasks) throws Exception
    {
        return strategy.calculateStrategy(() ->
        {
            selectNowCalls++;
            return readySockets;
        }, hasTasks);
    }

    @Test
    void anIdleLoopBlocksUntilItHasWorkedThenLingersForItsPollsBeforeBlockingAgain() throws Exception
    {
        final DutyCycleSelectStrategy strategy = strategy(LINGER);
        assertEquals(SelectStrategy.SELECT, turn(strategy, false), "no work since it started: block");
        assertEquals(1, duty.calls, "the duty runs on every turn, blocking ones too");

        duty.nextWork = 3;
        assertEquals(0, turn(strategy, false), "work done: no socket ready, no blocking");
        for (int i = 0; i < LINGER; i++)
        {
            assertEquals(SelectStrategy.CONTINUE, turn(strategy, false), "lingering turn " + i);
        }
        assertTrue(strategy.isBlocking());
        assertEquals(SelectStrategy.SELECT, turn(strategy, false));
        assertEquals(LINGER + 3, selectNowCalls, "every turn polls the sockets without blocking first, blocking ones too");
    }

    @Test
    void aReadySocketIsReturnedForNettyToProcessAndRestartsTheLinger() throws Exception
    {
        final DutyCycleSelectStrategy strategy = strategy(LINGER);
        readySockets = 2;
        assertEquals(2, turn(strategy, false));
        readySockets = 0;
        assertEquals(SelectStrategy.CONTINUE, turn(strategy, false));
        assertFalse(strategy.isBlocking());
    }

    @Test
    void aCommandSentToTheMatcherRestartsTheLingerSoItsEventsAreNotWaitedForInEpoll() throws Exception
    {
        final DutyCycleSelectStrategy strategy = strategy(LINGER);
        assertEquals(SelectStrategy.SELECT, turn(strategy, false));
        activity.incrementAndGet(); // the I/O thread read an order and offered it to the matcher
        assertEquals(0, turn(strategy, false));
        assertEquals(SelectStrategy.CONTINUE, turn(strategy, false));
    }

    @Test
    void pendingTasksKeepTheLoopFromBlockingButDoNotRestartTheLinger() throws Exception
    {
        // The periodic tick is a task: if it restarted the linger, an idle gateway would never block.
        final DutyCycleSelectStrategy strategy = strategy(LINGER);
        for (int i = 0; i < 3; i++)
        {
            assertEquals(0, turn(strategy, true), "tasks pending: poll, do not block");
            assertTrue(strategy.isBlocking());
        }
        assertEquals(SelectStrategy.SELECT, turn(strategy, false));
    }

    @Test
    void withoutLingerAnIdleTurnBlocksAtOnce() throws Exception
    {
        final DutyCycleSelectStrategy strategy = strategy(0);
        duty.nextWork = 1;
        assertEquals(0, turn(strategy, false));
        assertEquals(SelectStrategy.SELECT, turn(strategy, false));
    }

    @Test
    void lingeringForeverNeverBlocks() throws Exception
    {
        final DutyCycleSelectStrategy strategy = strategy(DutyCycleSelectStrategy.LINGER_FOREVER);
        duty.nextWork = 1;
        assertEquals(0, turn(strategy, false));
        for (int i = 0; i < 100_000; i++)
        {
            assertEquals(SelectStrategy.CONTINUE, turn(strategy, false));
        }
        assertFalse(strategy.isBlocking());
    }

    @Test
    void aFailingDutyIsReportedAndTheLoopCarriesOn() throws Exception
    {
        final DutyCycleSelectStrategy strategy = strategy(LINGER);
        final IllegalStateException failure = new IllegalStateException("malformed event");
        duty.failure = failure;
        assertEquals(SelectStrategy.SELECT, turn(strategy, false));
        assertEquals(1, errors.size());
        assertSame(failure, errors.get(0));
        duty.nextWork = 1;
        assertEquals(0, turn(strategy, false));
        assertEquals(2, duty.calls);
    }

    @Test
    void onlyTheFirstEventLoopRunsTheDutyWhichIsNotThreadSafe() throws Exception
    {
        final SelectStrategyFactory factory = DutyCycleSelectStrategy.factory(duty, activity::get, LINGER, errors::add);
        final SelectStrategy first = factory.newSelectStrategy();
        final SelectStrategy second = factory.newSelectStrategy();
        second.calculateStrategy(() -> 0, false);
        assertEquals(0, duty.calls);
        first.calculateStrategy(() -> 0, false);
        assertEquals(1, duty.calls);
    }
}
