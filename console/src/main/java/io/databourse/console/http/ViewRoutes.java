package io.databourse.console.http;

import java.util.List;

import io.databourse.console.alerts.AlertFeed;
import io.databourse.console.api.AlertsJson;
import io.databourse.console.api.CatalogueJson;
import io.databourse.console.api.MarketJson;
import io.databourse.console.api.OrdersJson;
import io.databourse.console.api.PositionJson;
import io.databourse.console.api.RegulatorJson;
import io.databourse.console.api.RiskJson;
import io.databourse.console.api.TradesJson;
import io.databourse.console.auth.ConsoleRole;
import io.databourse.console.view.ConsoleView;
import io.databourse.console.view.ReferenceBook;
import io.databourse.settlement.compute.ComputeSchedulerStage;
import io.databourse.settlement.position.PositionView;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;

/**
 * The API's reads, one route per view, each checking on the server what the session's role may
 * see:
 * <pre>
 *   GET /api/session                            who am I, my role, my CSRF token
 *   GET /api/catalogue                          every product and its market (any session)
 *   GET /api/market/{product}                   one product's depth and prints (any session)
 *   GET /api/participants/{id}/orders|trades|position
 *                                               403 unless {id} is the caller or the caller sees all
 *   GET /api/risk, /api/risk/positions.csv      risk officers and regulators
 *   GET /api/regulator                          regulators
 *   GET /api/regulator/alerts[?type=&participant=&limit=], /api/regulator/alerts/{id}
 *                                               regulators: the alerts feed, one alert's evidence
 * </pre>
 */
final class ViewRoutes
{
    static final int ALERTS_LIMIT_DEFAULT = 200;
    static final int ALERTS_LIMIT_MAX = 1000;

    private final ConsoleServices services;
    private final ConsoleView view;
    private final LoginRoutes login;

    ViewRoutes(final ConsoleServices services)
    {
        this.services = services;
        this.view = services.view();
        this.login = new LoginRoutes(services);
    }

    FullHttpResponse answer(final Request r)
    {
        final String[] path = r.path();
        switch (path[0])
        {
            case "session":
                return 1 == path.length ? login.describe(r.ctx(), r.session()) : notFound(r);
            case "catalogue":
                return 1 == path.length ? json(r, () -> body(g -> CatalogueJson.write(g, view), r)) : notFound(r);
            case "market":
                return 2 == path.length ? market(r, path[1]) : notFound(r);
            case "participants":
                return 3 == path.length ? participant(r, path[1], path[2]) : notFound(r);
            case "risk":
                return risk(r, path);
            case "regulator":
                if (ConsoleRole.REGULATOR != r.role())
                {
                    return forbidden(r);
                }
                if (1 == path.length)
                {
                    return json(r, () -> body(g -> RegulatorJson.write(g, view), r));
                }
                return "alerts".equals(path[1]) && path.length <= 3 ? alerts(r, path) : notFound(r);
            default:
                return notFound(r);
        }
    }

    /** {@code /api/regulator/alerts?type=&participant=&limit=} and {@code /api/regulator/alerts/{id}}. */
    private FullHttpResponse alerts(final Request r, final String[] path)
    {
        final AlertFeed feed = services.ctx().alertFeed();
        if (3 == path.length)
        {
            final AlertFeed.Alert alert = feed.byId(path[2]);
            if (null == alert)
            {
                return HttpResponses.error(r.ctx().alloc(), HttpResponseStatus.NOT_FOUND, "unknown alert");
            }
            final List<AlertFeed.Evidence> timeline = feed.timeline(alert.id());
            return body(g -> AlertsJson.writeEvidence(g, alert, timeline), r);
        }
        final java.util.Map<String, List<String>> query = new QueryStringDecoder(r.http().uri()).parameters();
        final String type = first(query, "type");
        final String participant = first(query, "participant");
        final String limitText = first(query, "limit");
        final int limit;
        if (null == limitText)
        {
            limit = ALERTS_LIMIT_DEFAULT;
        }
        else if (limitText.matches("[0-9]{1,4}") && Integer.parseInt(limitText) >= 1)
        {
            limit = Math.min(Integer.parseInt(limitText), ALERTS_LIMIT_MAX);
        }
        else
        {
            return HttpResponses.error(r.ctx().alloc(), HttpResponseStatus.BAD_REQUEST, "limit must be 1 to 9999");
        }
        final List<AlertFeed.Alert> alerts = feed.latest(type, participant, limit);
        return body(g -> AlertsJson.writeList(g, feed.available(), alerts), r);
    }

    private static String first(final java.util.Map<String, List<String>> query, final String name)
    {
        final List<String> values = query.get(name);
        return null == values || values.isEmpty() || values.get(0).isEmpty() ? null : values.get(0);
    }

    private FullHttpResponse market(final Request r, final String productId)
    {
        return view.read(() ->
        {
            final ReferenceBook.Product p = view.reference().product(productId);
            return null == p ? HttpResponses.error(r.ctx().alloc(), HttpResponseStatus.NOT_FOUND, "unknown product") :
                body(g -> MarketJson.write(g, view, p), r);
        });
    }

    private FullHttpResponse participant(final Request r, final String id, final String what)
    {
        if (!"orders".equals(what) && !"trades".equals(what) && !"position".equals(what))
        {
            return notFound(r);
        }
        if (!r.maySee(id))
        {
            // refused whether or not the participant exists: no oracle of who trades here
            return forbidden(r);
        }
        final PositionView position = "position".equals(what) ? services.ctx().pipeline().positions().view(id) : null;
        final List<ComputeSchedulerStage.Allocation> allocations = services.ctx().pipeline().computeScheduler()
            .allocationsOf(id);
        return view.read(() ->
        {
            final ReferenceBook.Participant p = view.reference().participant(id);
            if (null == p)
            {
                return HttpResponses.error(r.ctx().alloc(), HttpResponseStatus.NOT_FOUND, "unknown participant");
            }
            switch (what)
            {
                case "orders":
                    return body(g -> OrdersJson.write(g, view, p.index), r);
                case "trades":
                    return body(g -> TradesJson.write(g, view, p.index, r.role().seesAll()), r);
                default:
                    return body(g -> PositionJson.write(g, view, p.index, position, allocations), r);
            }
        });
    }

    private FullHttpResponse risk(final Request r, final String[] path)
    {
        if (!r.role().seesAll())
        {
            return forbidden(r);
        }
        final List<PositionView> positions = services.ctx().pipeline().positions().views();
        if (1 == path.length)
        {
            return json(r, () -> body(g -> RiskJson.write(g, view, positions), r));
        }
        if (2 == path.length && "positions.csv".equals(path[1]))
        {
            final String csv = view.read(() -> RiskJson.csv(view, positions));
            final FullHttpResponse response = HttpResponses.text(HttpResponseStatus.OK, csv, "text/csv; charset=utf-8");
            response.headers().set("Content-Disposition", "attachment; filename=\"positions.csv\"");
            return response;
        }
        return notFound(r);
    }

    private FullHttpResponse json(final Request r, final java.util.function.Supplier<FullHttpResponse> underLock)
    {
        return view.read(underLock);
    }

    private static FullHttpResponse body(final HttpResponses.JsonBody body, final Request r)
    {
        return HttpResponses.json(r.ctx().alloc(), HttpResponseStatus.OK, body);
    }

    static FullHttpResponse notFound(final Request r)
    {
        return HttpResponses.error(r.ctx().alloc(), HttpResponseStatus.NOT_FOUND, "not found");
    }

    static FullHttpResponse forbidden(final Request r)
    {
        return HttpResponses.error(r.ctx().alloc(), HttpResponseStatus.FORBIDDEN, "forbidden");
    }
}
