package io.databourse.console.http;

import io.databourse.console.ConsoleContext;
import io.databourse.console.auth.LoginThrottle;
import io.databourse.console.auth.SessionStore;
import io.databourse.console.command.ClOrdIds;
import io.databourse.console.command.CommandPublisher;
import io.databourse.console.live.LiveUpdates;
import io.databourse.console.metrics.MetricsSource;
import io.databourse.console.view.ConsoleView;
import io.databourse.settlement.http.ClientRateLimiter;
import io.databourse.settlement.http.HttpAuthenticator;

/**
 * What every connection's handler shares, all confined to the one HTTP event loop except the view
 * (read under its lock) and the settlement pipeline (immutable published views).
 */
public record ConsoleServices(
    ConsoleContext ctx,
    ConsoleView view,
    SessionStore sessions,
    LoginThrottle loginThrottle,
    ClientRateLimiter rateLimiter,
    CommandPublisher publisher,
    ClOrdIds clOrdIds,
    LiveUpdates live,
    StaticResources resources,
    MetricsSource metrics,
    HttpAuthenticator authenticator)
{
}
