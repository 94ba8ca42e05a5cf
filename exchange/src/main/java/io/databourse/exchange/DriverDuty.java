package io.databourse.exchange;

import org.agrona.CloseHelper;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentInvoker;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

/**
 * The embedded media driver (Aeron's {@code ThreadingMode.INVOKER}) and this process's Aeron client
 * conductor ({@code useConductorAgentInvoker}) as one duty of another agent's duty cycle — the
 * matcher's — instead of two threads of their own that wake up to a thousand times a second each.
 * <p>Over IPC the driver is not on the path of a message: publications and subscriptions share log
 * buffers, and the driver only moves publication limits forward, keeps clients alive and creates
 * and frees resources. A duty that runs when the matcher has run does all of that in time.
 * <p>Three rules keep it live:
 * <ul>
 *   <li>Someone must invoke the duty from the moment the driver starts: while the launcher sets up
 *       (adds publications, recovers a long journal) a stand-in thread runs it
 *       ({@link #startStandIn()}), until the thread that runs this agent next starts it;</li>
 *   <li>one thread at a time: the stand-in is stopped (joined) by the thread that takes over, in
 *       this agent's {@link #onStart()}, before that thread's first invocation; and no Aeron client
 *       of this process is given the driver's invoker (it would invoke it from the thread awaiting
 *       a response);</li>
 *   <li>a thread that waits for a publication to accept must keep invoking the duty, since the
 *       limit it waits for is moved by the driver: {@link #invokingWhileIdle(IdleStrategy)}.</li>
 * </ul>
 */
public final class DriverDuty implements Agent, AutoCloseable
{
    /** {@code shared}: the driver on a thread of its own (Aeron's SHARED mode); {@code invoker}: this duty. */
    public static final String MODE_PROP = "databourse.driver.mode";
    public static final String SHARED = "shared";
    public static final String INVOKER = "invoker";

    private final AgentInvoker driver;
    private final AgentInvoker client;
    private volatile AgentRunner standIn;

    /**
     * @param driver the media driver's shared invoker (started by {@code MediaDriver.launch})
     * @param client the Aeron client's conductor invoker (started by {@code Aeron.connect})
     */
    public DriverDuty(final AgentInvoker driver, final AgentInvoker client)
    {
        if (null == driver || null == client)
        {
            throw new IllegalArgumentException("both the driver and the client must run in invoker mode");
        }
        this.driver = driver;
        this.client = client;
    }

    /** The driver's mode for this JVM: {@value #MODE_PROP}, default {@value #SHARED}. */
    public static String configuredMode()
    {
        final String mode = System.getProperty(MODE_PROP, SHARED);
        if (!SHARED.equals(mode) && !INVOKER.equals(mode))
        {
            throw new IllegalArgumentException(MODE_PROP + " must be " + SHARED + " or " + INVOKER + ", not " + mode);
        }
        return mode;
    }

    /** On the thread taking over (its first duty cycle): stops the stand-in, which runs until then. */
    @Override
    public void onStart()
    {
        final AgentRunner runner = standIn;
        if (null != runner)
        {
            // AgentRunner.close joins the thread: its last invocation happens before this thread's first
            runner.close();
            standIn = null;
        }
    }

    @Override
    public int doWork() throws Exception
    {
        return driver.invoke() + client.invoke();
    }

    @Override
    public String roleName()
    {
        return "media-driver";
    }

    /** Runs the duty on a thread of its own until the agent that takes over starts ({@link #onStart()}); returns this. */
    public DriverDuty startStandIn()
    {
        if (null != standIn)
        {
            throw new IllegalStateException("the stand-in already runs");
        }
        // parks up to 1 ms, as the shared driver thread it stands in for
        // its own agent: this one's onStart is the hand-over, which the stand-in must not run on itself
        final Agent duty = new Agent()
        {
            @Override
            public int doWork() throws Exception
            {
                return DriverDuty.this.doWork();
            }

            @Override
            public String roleName()
            {
                return "media-driver-stand-in";
            }
        };
        standIn = new AgentRunner(new BackoffIdleStrategy(100, 10, 1_000, 1_000_000), Throwable::printStackTrace,
            null, duty);
        AgentRunner.startOnThread(standIn);
        return this;
    }

    /**
     * An idle strategy that invokes this duty before each idle: for a thread that runs the duty and
     * waits for a publication's limit, which only the duty moves.
     */
    public IdleStrategy invokingWhileIdle(final IdleStrategy delegate)
    {
        return new IdleStrategy()
        {
            @Override
            public void idle(final int workCount)
            {
                if (invoke() <= 0)
                {
                    delegate.idle(workCount);
                }
            }

            @Override
            public void idle()
            {
                if (invoke() <= 0)
                {
                    delegate.idle();
                }
            }

            @Override
            public void reset()
            {
                delegate.reset();
            }
        };
    }

    private int invoke()
    {
        return driver.invoke() + client.invoke();
    }

    @Override
    public void close()
    {
        CloseHelper.close(standIn);
        standIn = null;
    }
}
