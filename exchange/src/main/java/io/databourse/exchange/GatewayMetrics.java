package io.databourse.exchange;

import io.databourse.console.metrics.MetricsSource;
import io.databourse.console.metrics.PrometheusText;
import io.databourse.gateway.FixGateway;
import io.databourse.gateway.GatewayCounters;
import io.databourse.gateway.session.FixSession;

/**
 * The FIX gateway's figures on the console's {@code /metrics}: wired here because only the
 * launcher knows that a gateway runs in this process (the console depends on no gateway code).
 * Reads counters and session owners only, from the HTTP thread.
 */
final class GatewayMetrics implements MetricsSource
{
    private final FixGateway gateway;

    GatewayMetrics(final FixGateway gateway)
    {
        this.gateway = gateway;
    }

    @Override
    public void writeTo(final PrometheusText out)
    {
        final GatewayCounters c = gateway.counters();
        long loggedOn = 0;
        long configured = 0;
        for (final FixSession session : gateway.registry().sessions())
        {
            configured++;
            if (session.isLoggedOn())
            {
                loggedOn++;
            }
        }
        out.describe("databourse_gateway_sessions", "gauge", "FIX sessions configured and logged on")
            .sample("databourse_gateway_sessions", configured, "state", "configured")
            .sample("databourse_gateway_sessions", loggedOn, "state", "logged_on");
        out.describe("databourse_gateway_connections", "gauge", "Open FIX TCP connections")
            .sample("databourse_gateway_connections", gateway.connectionCount());
        counter(out, "databourse_gateway_messages_in_total", "Well-formed FIX messages received", c.messagesIn.get());
        counter(out, "databourse_gateway_messages_out_total", "FIX messages sent", c.messagesOut.get());
        counter(out, "databourse_gateway_resend_requests_total", "ResendRequests received", c.resendRequests.get());
        counter(out, "databourse_gateway_logons_total", "Logons accepted", c.logonsAccepted.get());
        counter(out, "databourse_gateway_logons_refused_total", "Logons refused", c.logonsRefused.get());
        counter(out, "databourse_gateway_session_rejects_total", "Session-level Rejects sent", c.sessionRejects.get());
        counter(out, "databourse_gateway_garbled_messages_total", "Bytes that were not a FIX message", c.garbledMessages.get());
        counter(out, "databourse_gateway_commands_sent_total", "Commands sent to the matcher", c.commandsSent.get());
        counter(out, "databourse_gateway_commands_back_pressured_total", "Commands Aeron would not take",
            c.commandsBackPressured.get());
    }

    private static void counter(final PrometheusText out, final String name, final String help, final long value)
    {
        out.describe(name, "counter", help).sample(name, value);
    }
}
