package io.databourse.console.alerts;

import java.util.List;
import java.util.function.LongConsumer;

/**
 * The surveillance alerts the regulator's page shows: a read of the persisted alerts, one alert's
 * evidence as a timeline of its journal events, and a live hook. The console takes it from the
 * launcher ({@code ConsoleContext.alertFeed}) so that it depends on the surveillance stage only
 * through this seam; {@link #NONE} while no surveillance stage runs.
 */
public interface AlertFeed
{
    /** One alert as the page lists it. */
    record Alert(String id, long seq, long timeNs, String type, String severity, List<String> participants,
        List<String> products, String text)
    {
    }

    /** One journal event of an alert's evidence, in journal order, described in plain words. */
    record Evidence(long seq, long timeNs, String event, String text)
    {
    }

    /** The newest alerts first, at most {@code limit}; {@code type} and {@code participant} filter when not null. */
    List<Alert> latest(String type, String participant, int limit);

    /** An alert by id, or null. */
    Alert byId(String id);

    /** An alert's evidence as a timeline (empty for an unknown id). */
    List<Evidence> timeline(String id);

    /** Calls {@code onAlert} with the journal seq of each new alert, on the surveillance stage's thread. */
    void listen(LongConsumer onAlert);

    /** Whether alerts are raised at all (false: no surveillance stage in this process). */
    boolean available();

    /** No surveillance: no alerts. */
    AlertFeed NONE = new AlertFeed()
    {
        @Override
        public List<Alert> latest(final String type, final String participant, final int limit)
        {
            return List.of();
        }

        @Override
        public Alert byId(final String id)
        {
            return null;
        }

        @Override
        public List<Evidence> timeline(final String id)
        {
            return List.of();
        }

        @Override
        public void listen(final LongConsumer onAlert)
        {
        }

        @Override
        public boolean available()
        {
            return false;
        }
    };
}
