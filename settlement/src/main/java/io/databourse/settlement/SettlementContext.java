package io.databourse.settlement;

import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;
import io.databourse.index.IndexRules;
import io.databourse.settlement.index.IndexValueListener;
import io.databourse.settlement.subsidy.SubsidyRules;
import io.databourse.surveillance.SurveillanceContext;

/**
 * Configuration of the settlement consumers, Aeron style: fluent setters, defaults from system
 * properties, one {@link #conclude()} that fills and validates. Defaults suit a 2-core machine:
 * blocking wait strategy on the ring, sleeping tailer when the journal is idle.
 */
public final class SettlementContext
{
    public static final String WAIT_STRATEGY_PROP_NAME = "databourse.settlement.wait.strategy";
    public static final String WAIT_STRATEGY_DEFAULT = "blocking";
    public static final String RING_SIZE_PROP_NAME = "databourse.settlement.ring.size";
    public static final int RING_SIZE_DEFAULT = 1024;
    public static final String PARTICIPANTS_MAX_PROP_NAME = "databourse.settlement.participants.max";
    public static final int PARTICIPANTS_MAX_DEFAULT = 4096;
    public static final String PRODUCTS_MAX_PROP_NAME = "databourse.settlement.products.max";
    public static final int PRODUCTS_MAX_DEFAULT = 4096;
    public static final String FSYNC_PROP_NAME = "databourse.settlement.fsync";
    public static final String TAILER_IDLE_SLEEP_MS_PROP_NAME = "databourse.settlement.tailer.idle.sleep.ms";
    public static final long TAILER_IDLE_SLEEP_MS_DEFAULT = 1;
    public static final String CHECKPOINT_INTERVAL_MS_PROP_NAME = "databourse.settlement.checkpoint.interval.ms";
    public static final long CHECKPOINT_INTERVAL_MS_DEFAULT = 100;
    public static final String SUBSIDY_ZONE_PROP_NAME = "databourse.settlement.subsidy.zone";
    public static final String INDEX_VIEW_INTERVAL_MS_PROP_NAME = "databourse.settlement.index.view.interval.ms";
    public static final long INDEX_VIEW_INTERVAL_MS_DEFAULT = 100;
    public static final String SIGNING_KEY_DIR_PROP_NAME = "databourse.settlement.signing.key.dir";
    /** Where the certificate signing key lives by default, under the state directory. */
    public static final String SIGNING_KEY_DIR_DEFAULT = "keys";
    /** "dedicated": a thread per stage; "shared": every stage on one thread, in dependency order. */
    public static final String STAGE_THREADS_PROP_NAME = "databourse.settlement.stage.threads";
    public static final String STAGE_THREADS_DEFAULT = "dedicated";
    /** Live tailer: least pause after a poll that found records, so that the stages get them in batches. */
    public static final String TAILER_BATCH_US_PROP_NAME = "databourse.settlement.tailer.batch.us";
    public static final long TAILER_BATCH_US_DEFAULT = 0;
    /** Initial bytes of each ring slot; a slot grows for larger records (bounded by the journal limit). */
    public static final int SLOT_BYTES_DEFAULT = 4096;
    /** Entries one entitlement stage keeps; the exchange refuses nothing, so exceeding this fails loudly. */
    public static final int ENTITLEMENTS_MAX_DEFAULT = 1 << 20;
    /** Node-hour slots the compute scheduler holds across all products. */
    public static final int NODE_HOURS_MAX_DEFAULT = 1 << 22;

    private boolean concluded;
    private Path journalDir;
    private Path stateDir;
    private String waitStrategyName;
    private WaitStrategy waitStrategy;
    private int ringSize = -1;
    private int slotBytes = SLOT_BYTES_DEFAULT;
    private int participantsMax = -1;
    private int productsMax = -1;
    private int entitlementsMax = ENTITLEMENTS_MAX_DEFAULT;
    private int nodeHoursMax = NODE_HOURS_MAX_DEFAULT;
    private Boolean fsync;
    private long tailerIdleSleepMs = -1;
    private long checkpointIntervalMs = -1;
    private String stageThreads;
    private long tailerBatchUs = -1;
    private ZoneId subsidyZone;
    private SubsidyRules subsidyRules;
    private IndexRules indexRules;
    private IndexValueListener indexValueListener;
    private long indexViewIntervalMs = -1;
    private Path signingKeyDir;
    private boolean batch = true;
    private RecordAppliedListener appliedListener;
    private SurveillanceContext surveillance;

    public SettlementContext conclude()
    {
        if (concluded)
        {
            throw new IllegalStateException("context already concluded");
        }
        concluded = true;
        if (null == journalDir)
        {
            throw new IllegalStateException("journalDir is required");
        }
        if (null == stateDir)
        {
            throw new IllegalStateException("stateDir is required");
        }
        if (null == waitStrategy)
        {
            if (null == waitStrategyName)
            {
                waitStrategyName = System.getProperty(WAIT_STRATEGY_PROP_NAME, WAIT_STRATEGY_DEFAULT);
            }
            waitStrategy = waitStrategy(waitStrategyName);
        }
        if (ringSize < 0)
        {
            ringSize = Integer.getInteger(RING_SIZE_PROP_NAME, RING_SIZE_DEFAULT);
        }
        if (Integer.bitCount(ringSize) != 1 || ringSize < 2 || ringSize > 1 << 20)
        {
            throw new IllegalStateException("ringSize must be a power of two in 2..2^20: " + ringSize);
        }
        if (participantsMax < 0)
        {
            participantsMax = Integer.getInteger(PARTICIPANTS_MAX_PROP_NAME, PARTICIPANTS_MAX_DEFAULT);
        }
        if (productsMax < 0)
        {
            productsMax = Integer.getInteger(PRODUCTS_MAX_PROP_NAME, PRODUCTS_MAX_DEFAULT);
        }
        if (participantsMax < 1 || participantsMax > 1 << 20 || productsMax < 1 || productsMax > 1 << 20)
        {
            throw new IllegalStateException("participantsMax/productsMax out of range 1..2^20");
        }
        if (null == fsync)
        {
            // Page-cache writes survive a process crash; forcing them only guards against losing the
            // machine. Worth it when tailing live; a batch over a finished journal can simply re-run.
            fsync = Boolean.parseBoolean(System.getProperty(FSYNC_PROP_NAME, batch ? "false" : "true"));
        }
        if (tailerIdleSleepMs < 0)
        {
            tailerIdleSleepMs = Long.getLong(TAILER_IDLE_SLEEP_MS_PROP_NAME, TAILER_IDLE_SLEEP_MS_DEFAULT);
        }
        if (checkpointIntervalMs < 0)
        {
            checkpointIntervalMs = Long.getLong(CHECKPOINT_INTERVAL_MS_PROP_NAME, CHECKPOINT_INTERVAL_MS_DEFAULT);
        }
        if (null == surveillance)
        {
            surveillance = new SurveillanceContext();
        }
        if (!surveillance.isConcluded())
        {
            surveillance.conclude();
        }
        if (null == stageThreads)
        {
            stageThreads = System.getProperty(STAGE_THREADS_PROP_NAME, STAGE_THREADS_DEFAULT);
        }
        if (!"dedicated".equals(stageThreads) && !"shared".equals(stageThreads))
        {
            throw new IllegalStateException("stageThreads must be dedicated or shared: " + stageThreads);
        }
        if (tailerBatchUs < 0)
        {
            tailerBatchUs = Long.getLong(TAILER_BATCH_US_PROP_NAME, TAILER_BATCH_US_DEFAULT);
        }
        if (null == subsidyZone)
        {
            final String zone = System.getProperty(SUBSIDY_ZONE_PROP_NAME);
            subsidyZone = null == zone ? ZoneOffset.UTC : ZoneId.of(zone);
        }
        if (null == subsidyRules)
        {
            subsidyRules = SubsidyRules.fromSystemProperties();
        }
        if (null == indexRules)
        {
            indexRules = IndexRules.fromSystemProperties();
        }
        if (indexViewIntervalMs < 0)
        {
            indexViewIntervalMs = Long.getLong(INDEX_VIEW_INTERVAL_MS_PROP_NAME, INDEX_VIEW_INTERVAL_MS_DEFAULT);
        }
        if (null == signingKeyDir)
        {
            final String dir = System.getProperty(SIGNING_KEY_DIR_PROP_NAME);
            signingKeyDir = null == dir ? stateDir.resolve(SIGNING_KEY_DIR_DEFAULT) : Path.of(dir);
        }
        return this;
    }

    /**
     * "blocking" (default: {@link BlockingBackoffWaitStrategy}), "lmax-blocking" (Disruptor's, which
     * busy-spins on dependent stages), "sleeping", "yielding" or "busyspin" (only on dedicated cores).
     */
    public static WaitStrategy waitStrategy(final String name)
    {
        switch (name)
        {
            case "blocking": return new BlockingBackoffWaitStrategy();
            case "lmax-blocking": return new BlockingWaitStrategy();
            case "sleeping": return new SleepingWaitStrategy();
            case "yielding": return new YieldingWaitStrategy();
            case "busyspin": return new BusySpinWaitStrategy();
            default: throw new IllegalArgumentException("unknown wait strategy: " + name);
        }
    }

    public Path journalDir()
    {
        return journalDir;
    }

    public SettlementContext journalDir(final Path journalDir)
    {
        this.journalDir = journalDir;
        return this;
    }

    /** Directory of checkpoints and the stages' append logs. */
    public Path stateDir()
    {
        return stateDir;
    }

    public SettlementContext stateDir(final Path stateDir)
    {
        this.stateDir = stateDir;
        return this;
    }

    public WaitStrategy waitStrategy()
    {
        return waitStrategy;
    }

    public SettlementContext waitStrategy(final WaitStrategy waitStrategy)
    {
        this.waitStrategy = waitStrategy;
        return this;
    }

    public SettlementContext waitStrategyName(final String name)
    {
        this.waitStrategyName = name;
        return this;
    }

    public int ringSize()
    {
        return ringSize;
    }

    public SettlementContext ringSize(final int ringSize)
    {
        this.ringSize = ringSize;
        return this;
    }

    public int slotBytes()
    {
        return slotBytes;
    }

    public SettlementContext slotBytes(final int slotBytes)
    {
        this.slotBytes = slotBytes;
        return this;
    }

    public int participantsMax()
    {
        return participantsMax;
    }

    public SettlementContext participantsMax(final int participantsMax)
    {
        this.participantsMax = participantsMax;
        return this;
    }

    public int productsMax()
    {
        return productsMax;
    }

    public SettlementContext productsMax(final int productsMax)
    {
        this.productsMax = productsMax;
        return this;
    }

    public int entitlementsMax()
    {
        return entitlementsMax;
    }

    public SettlementContext entitlementsMax(final int entitlementsMax)
    {
        this.entitlementsMax = entitlementsMax;
        return this;
    }

    public int nodeHoursMax()
    {
        return nodeHoursMax;
    }

    public SettlementContext nodeHoursMax(final int nodeHoursMax)
    {
        this.nodeHoursMax = nodeHoursMax;
        return this;
    }

    /** Force checkpoints and logs to the device (default: true when tailing live, false in batch). */
    public boolean fsync()
    {
        return fsync;
    }

    public SettlementContext fsync(final boolean fsync)
    {
        this.fsync = fsync;
        return this;
    }

    public long tailerIdleSleepMs()
    {
        return tailerIdleSleepMs;
    }

    public SettlementContext tailerIdleSleepMs(final long tailerIdleSleepMs)
    {
        this.tailerIdleSleepMs = tailerIdleSleepMs;
        return this;
    }

    /** Whether every stage runs on one shared thread ("shared") or each on its own ("dedicated"). */
    public boolean sharedStageThread()
    {
        return "shared".equals(stageThreads);
    }

    /** "dedicated" (a thread per stage) or "shared" (one thread runs them all, in dependency order). */
    public SettlementContext stageThreads(final String stageThreads)
    {
        this.stageThreads = stageThreads;
        return this;
    }

    /**
     * Live tailer: after a poll that found records, it pauses at least this long before the next, so
     * that records reach the stages in batches (one wake-up of their threads a batch); 0: it polls
     * again at once.
     */
    public long tailerBatchUs()
    {
        return tailerBatchUs;
    }

    public SettlementContext tailerBatchUs(final long tailerBatchUs)
    {
        this.tailerBatchUs = tailerBatchUs;
        return this;
    }

    /** Least time between two checkpoints of a stage (0: at the end of every batch). */
    public long checkpointIntervalMs()
    {
        return checkpointIntervalMs;
    }

    public SettlementContext checkpointIntervalMs(final long checkpointIntervalMs)
    {
        this.checkpointIntervalMs = checkpointIntervalMs;
        return this;
    }

    /** Zone of the subsidy's calendar year (default UTC, the journal's clock). */
    public ZoneId subsidyZone()
    {
        return subsidyZone;
    }

    public SettlementContext subsidyZone(final ZoneId subsidyZone)
    {
        this.subsidyZone = subsidyZone;
        return this;
    }

    /** The purchase-subsidy policy (defaults: the seed's, overridable by system properties). */
    public SubsidyRules subsidyRules()
    {
        return subsidyRules;
    }

    public SettlementContext subsidyRules(final SubsidyRules subsidyRules)
    {
        this.subsidyRules = subsidyRules;
        return this;
    }

    /** The index methodology's settings (defaults, overridable by system properties databourse.index.*). */
    public IndexRules indexRules()
    {
        return indexRules;
    }

    public SettlementContext indexRules(final IndexRules indexRules)
    {
        this.indexRules = indexRules;
        return this;
    }

    /** Told of each index value the index stage publishes, on its thread (null, the default: nobody). */
    public IndexValueListener indexValueListener()
    {
        return indexValueListener;
    }

    public SettlementContext indexValueListener(final IndexValueListener listener)
    {
        this.indexValueListener = listener;
        return this;
    }

    /** Least time between two republications of the index state for other threads (the HTTP route). */
    public long indexViewIntervalMs()
    {
        return indexViewIntervalMs;
    }

    public SettlementContext indexViewIntervalMs(final long indexViewIntervalMs)
    {
        this.indexViewIntervalMs = indexViewIntervalMs;
        return this;
    }

    /**
     * Directory of the exchange's certificate signing key (created 0700 with a new key on first use;
     * default {@code stateDir/keys}). Share one directory between runs to sign every chain with one key.
     */
    public Path signingKeyDir()
    {
        return signingKeyDir;
    }

    public SettlementContext signingKeyDir(final Path signingKeyDir)
    {
        this.signingKeyDir = signingKeyDir;
        return this;
    }

    /** True (default): stop at the end of the journal. False: tail it until closed. */
    public boolean batch()
    {
        return batch;
    }

    public SettlementContext batch(final boolean batch)
    {
        this.batch = batch;
        return this;
    }

    /** Told after each record a stage applies (null, the default: nobody). */
    public RecordAppliedListener appliedListener()
    {
        return appliedListener;
    }

    public SettlementContext appliedListener(final RecordAppliedListener appliedListener)
    {
        this.appliedListener = appliedListener;
        return this;
    }

    /** Settings of the surveillance stage (default: from system properties, see docs/surveillance.md). */
    public SurveillanceContext surveillance()
    {
        return surveillance;
    }

    public SettlementContext surveillance(final SurveillanceContext surveillance)
    {
        this.surveillance = surveillance;
        return this;
    }
}
