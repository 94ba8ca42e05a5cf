package io.databourse.exchange.fix;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.databourse.exchange.EmbeddedExchange;
import io.databourse.testsupport.QuickFixJClient;
import org.agrona.CloseHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quickfix.field.MsgType;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code /metrics} of the whole exchange (issue 18): what the launcher wires in beside the console's
 * own figures — the FIX gateway's sessions, messages and resend requests, every settlement stage's
 * lag behind the journal (the surveillance stage's among them) and alerts by type — after a FIX
 * session has logged on and traded.
 */
class ExchangeMetricsTest
{
    private static final String TOKEN = "demo-metrics-7d1f0c2a9b";

    @TempDir
    Path dataDir;

    private EmbeddedExchange exchange;
    private QuickFixJClient p1;

    @AfterEach
    void stop()
    {
        CloseHelper.closeAll(p1, exchange);
    }

    @Test
    void metricsCountTheGatewaysSessionsAndMessagesEachStagesLagAndAlertsByType() throws Exception
    {
        exchange = QuickFixJExchangeTest.launchDemoWithHttp(dataDir, "metrics");
        p1 = new QuickFixJClient(exchange.gateway().port(), "P1", "p1-demo").start();
        assertTrue(p1.awaitLogon(), "P1 logon");
        p1.send(QuickFixJExchangeTest.limit("m1", '1', "DATA.TRAFFIC.API", 1, 11.00));
        assertEquals("0", p1.next(MsgType.EXECUTION_REPORT).getString(150), "the order rests");

        String body = "";
        for (int i = 0; i < 1_000; i++) // 20 ms apart: under the console's 100 requests a second per address
        {
            body = metrics();
            if (value(body, "databourse_matcher_commands_total{type=\"new\"}") >= 1 &&
                value(body, "databourse_settlement_stage_lag_records{stage=\"surveillance\"}") == 0)
            {
                break;
            }
            Thread.sleep(20);
        }
        assertEquals(1, value(body, "databourse_gateway_sessions{state=\"logged_on\"}"), body);
        assertTrue(value(body, "databourse_gateway_sessions{state=\"configured\"}") >= 4, body);
        assertTrue(value(body, "databourse_gateway_messages_in_total") >= 2, "logon and the order: " + body);
        assertTrue(value(body, "databourse_gateway_messages_out_total") >= 2, "logon and the report: " + body);
        assertEquals(0, value(body, "databourse_gateway_resend_requests_total"), body);
        assertTrue(value(body, "databourse_gateway_commands_sent_total") >= 1, body);
        assertTrue(value(body, "databourse_matcher_commands_total{type=\"new\"}") >= 1, body);
        assertTrue(value(body, "databourse_journal_seq") > 0, body);
        assertEquals(0, value(body, "databourse_settlement_stage_lag_records{stage=\"surveillance\"}"),
            "the surveillance stage's lag behind the journal: " + body);
        assertTrue(body.contains("databourse_settlement_stage_lag_records{stage=\"ledger\"}"), body);
        assertEquals(0, value(body, "databourse_surveillance_alerts_total{type=\"wash_trade\"}"), body);
        assertEquals(0, value(body, "databourse_surveillance_alerts_total{type=\"refusals\"}"), body);
    }

    private String metrics() throws Exception
    {
        final HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + exchange.httpPort() + "/metrics"))
            .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(10)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    /** The sample's value, or -1 when the exposition has no such sample. */
    private static long value(final String body, final String sample)
    {
        final Matcher m = Pattern.compile("(?m)^" + Pattern.quote(sample) + " (\\d+)$").matcher(body);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }
}
