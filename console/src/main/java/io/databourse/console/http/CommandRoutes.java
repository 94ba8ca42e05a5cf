package io.databourse.console.http;

import java.util.Set;

import io.databourse.console.api.RequestBody;
import io.databourse.console.auth.ConsoleRole;
import io.databourse.console.command.CommandPublisher;
import io.databourse.console.command.CommandSink;
import io.databourse.console.view.ReferenceBook;
import io.databourse.journal.schema.Codes;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The API's mutations (every one already CSRF- and origin-checked by the caller). Each becomes
 * one command to the matcher over Aeron, naming the logged-in participant; the answer is 202 with
 * the request's clOrdId once the command is on its way, and what the matcher decided (accepted,
 * refused with a named reason, traded) reaches the page through the journal like any other event.
 * <pre>
 *   POST /api/logout
 *   POST /api/orders          {product, side, ordType, tif, price, qty, purpose}
 *   POST /api/orders/cancel   {clOrdId}
 *   POST /api/orders/replace  {clOrdId, price, qty}
 *   POST /api/regulator/suspend {participant, alertId}   regulators
 *   POST /api/regulator/halt    {product, alertId}       regulators
 *   POST /api/regulator/reinstate {participant, alertId}  regulators: admitted again
 *   POST /api/regulator/resume  {product, alertId}       regulators: listed again (a call auction opens)
 * </pre>
 */
final class CommandRoutes
{
    private static final Set<String> ORDER_FIELDS = Set.of("product", "side", "ordType", "tif", "price", "qty", "purpose");
    private static final Set<String> CANCEL_FIELDS = Set.of("clOrdId");
    private static final Set<String> REPLACE_FIELDS = Set.of("clOrdId", "price", "qty");
    private static final Set<String> SUSPEND_FIELDS = Set.of("participant", "alertId");
    private static final Set<String> HALT_FIELDS = Set.of("product", "alertId");
    /** The note of an action answering an alert: this prefix and the alert's id. */
    static final String ALERT_NOTE_PREFIX = "alert ";
    static final int ALERT_ID_MAX = 32 - ALERT_NOTE_PREFIX.length();

    private final ConsoleServices services;
    private final CommandPublisher publisher;
    private final LoginRoutes login;

    CommandRoutes(final ConsoleServices services)
    {
        this.services = services;
        this.publisher = services.publisher();
        this.login = new LoginRoutes(services);
    }

    FullHttpResponse answer(final Request r)
    {
        final String[] path = r.path();
        final String route = String.join("/", path);
        if ("logout".equals(route))
        {
            return login.logout(r);
        }
        if (!LoginRoutes.isJson(r.http()))
        {
            return HttpResponses.error(r.ctx().alloc(), HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE,
                "Content-Type must be application/json");
        }
        final byte[] json = ByteBufUtil.getBytes(r.http().content());
        try
        {
            switch (route)
            {
                case "orders":
                    return newOrder(r, RequestBody.parse(json, ORDER_FIELDS));
                case "orders/cancel":
                    return cancel(r, RequestBody.parse(json, CANCEL_FIELDS));
                case "orders/replace":
                    return replace(r, RequestBody.parse(json, REPLACE_FIELDS));
                case "regulator/suspend":
                    return ConsoleRole.REGULATOR != r.role() ? ViewRoutes.forbidden(r) :
                        participantStatus(r, RequestBody.parse(json, SUSPEND_FIELDS), Codes.ParticipantStatus.SUSPENDED);
                case "regulator/halt":
                    return ConsoleRole.REGULATOR != r.role() ? ViewRoutes.forbidden(r) :
                        productStatus(r, RequestBody.parse(json, HALT_FIELDS), Codes.ProductStatus.SUSPENDED);
                case "regulator/resume":
                    return ConsoleRole.REGULATOR != r.role() ? ViewRoutes.forbidden(r) :
                        productStatus(r, RequestBody.parse(json, HALT_FIELDS), Codes.ProductStatus.LISTED);
                case "regulator/reinstate":
                    return ConsoleRole.REGULATOR != r.role() ? ViewRoutes.forbidden(r) :
                        participantStatus(r, RequestBody.parse(json, SUSPEND_FIELDS), Codes.ParticipantStatus.ADMITTED);
                default:
                    return ViewRoutes.notFound(r);
            }
        }
        catch (final RequestBody.BadRequestException | CommandPublisher.InvalidFieldException ex)
        {
            // nothing was sent: the matcher never sees a command the console could not encode
            return HttpResponses.error(r.ctx().alloc(), HttpResponseStatus.BAD_REQUEST, ex.getMessage());
        }
    }

    private FullHttpResponse newOrder(final Request r, final RequestBody body)
    {
        final String product = body.text("product");
        final byte side = body.code("side", Codes.Side.NAMES, null);
        final byte ordType = body.code("ordType", Codes.OrdType.NAMES, "limit");
        final byte tif = body.code("tif", Codes.TimeInForce.NAMES, "day");
        final long qty = body.quantity("qty");
        // which purposes a product allows, and that only a buy names one, is the matcher's rule
        final byte purpose = body.code("purpose", Codes.Purpose.NAMES, Codes.Purpose.NAMES[Codes.Purpose.NONE]);
        final long priceFen;
        if (Codes.OrdType.MARKET == ordType)
        {
            if (body.has("price"))
            {
                throw new RequestBody.BadRequestException("price must be empty for a market order");
            }
            priceFen = 0;
        }
        else
        {
            priceFen = body.priceFen("price");
        }
        final String clOrdId = services.clOrdIds().next();
        return sent(r, clOrdId, publisher.newOrder(r.session().commandSessionId(), r.session().participant(), product,
            clOrdId, side, ordType, tif, priceFen, qty, purpose));
    }

    private FullHttpResponse cancel(final Request r, final RequestBody body)
    {
        final String origClOrdId = body.text("clOrdId");
        final String clOrdId = services.clOrdIds().next();
        return sent(r, clOrdId, publisher.cancel(r.session().commandSessionId(), r.session().participant(), clOrdId,
            origClOrdId, 0));
    }

    private FullHttpResponse replace(final Request r, final RequestBody body)
    {
        final String origClOrdId = body.text("clOrdId");
        final long priceFen = body.priceFen("price");
        final long qty = body.quantity("qty");
        final String clOrdId = services.clOrdIds().next();
        return sent(r, clOrdId, publisher.replace(r.session().commandSessionId(), r.session().participant(), clOrdId,
            origClOrdId, 0, priceFen, qty));
    }

    private FullHttpResponse participantStatus(final Request r, final RequestBody body, final byte status)
    {
        final String target = body.text("participant");
        final String note = noteOf(body);
        final UnsafeBuffer command = services.view().read(() ->
        {
            final ReferenceBook.Participant p = services.view().reference().participant(target);
            return null == p ? null : p.commandCopy();
        });
        if (null == command)
        {
            return HttpResponses.error(r.ctx().alloc(), HttpResponseStatus.NOT_FOUND, "unknown participant");
        }
        return sent(r, "", publisher.participantStatus(r.session().commandSessionId(), r.session().participant(),
            command, command.capacity(), status, note));
    }

    private FullHttpResponse productStatus(final Request r, final RequestBody body, final byte status)
    {
        final String product = body.text("product");
        final String note = noteOf(body);
        return sent(r, "", publisher.productStatus(r.session().commandSessionId(), r.session().participant(), product,
            status, note));
    }

    /**
     * The command's note: "alert ID" when the action answers an alert (its id printable ASCII, at
     * most {@value #ALERT_ID_MAX} characters so that the note fits its 32 bytes), else empty.
     */
    private static String noteOf(final RequestBody body)
    {
        final String alertId = body.optionalText("alertId");
        if (null == alertId)
        {
            return "";
        }
        if (!alertId.matches("[\\x21-\\x7E]{1," + ALERT_ID_MAX + "}"))
        {
            throw new RequestBody.BadRequestException("alertId must be 1 to " + ALERT_ID_MAX + " printable ASCII characters");
        }
        return ALERT_NOTE_PREFIX + alertId;
    }

    private FullHttpResponse sent(final Request r, final String clOrdId, final CommandSink.Outcome outcome)
    {
        switch (outcome)
        {
            case SENT:
                return HttpResponses.json(r.ctx().alloc(), HttpResponseStatus.ACCEPTED, g ->
                {
                    g.writeStartObject();
                    g.writeStringField("status", "sent");
                    g.writeStringField("clOrdId", clOrdId);
                    g.writeEndObject();
                });
            case NOT_CONNECTED:
                return HttpResponses.error(r.ctx().alloc(), HttpResponseStatus.SERVICE_UNAVAILABLE,
                    "the matcher is not connected: nothing was sent");
            default:
                final FullHttpResponse response = HttpResponses.error(r.ctx().alloc(),
                    HttpResponseStatus.SERVICE_UNAVAILABLE, "the exchange is busy: nothing was sent, try again");
                response.headers().set(HttpHeaderNames.RETRY_AFTER, 1);
                return response;
        }
    }
}
