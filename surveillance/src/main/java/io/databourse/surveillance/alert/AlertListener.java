package io.databourse.surveillance.alert;

/**
 * Told of each alert as it is raised, on the surveillance stage's thread, after the alert is in
 * the stage's queue; never for an alert replayed after a restart (it was told then). Must be cheap
 * and never block: hand the alert to your own thread. A listener that throws is counted
 * ({@code listenerErrors}) and ignored; it never stops the stage.
 */
@FunctionalInterface
public interface AlertListener
{
    void onAlert(Alert alert);
}
