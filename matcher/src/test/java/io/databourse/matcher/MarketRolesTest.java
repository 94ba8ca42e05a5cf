package io.databourse.matcher;

import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static io.databourse.matcher.Scenario.buy;
import static io.databourse.matcher.Scenario.sell;
import static io.databourse.matcher.Scenario.types;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Roles and status on every command, ownership of primary units, and the compliance path of a
 * product (register, review, sponsor, list): docs/matching-rules.md, "Who may act" and "Products".
 */
class MarketRolesTest
{
    private static final String SUSPEND_P2 =
        "{\"type\":\"participant\",\"id\":\"P2\",\"roles\":[\"data_supplier\",\"buyer\"],\"status\":\"suspended\"," +
        "\"by\":\"ADMIN\",\"note\":\"alert A-17\"}";
    private static final String OFFICER_SUPPLIER =
        "{\"type\":\"participant\",\"id\":\"CS\",\"roles\":[\"compliance_officer\",\"data_supplier\"]}";
    private static final String NEW_BY_P2 = "{\"type\":\"product\",\"id\":\"NEW\",\"kind\":\"data\",\"sponsor\":\"SPON\",\"by\":\"P2\"}";
    private static final String APPROVE_NEW = "{\"type\":\"review\",\"product\":\"NEW\",\"by\":\"COMP\",\"decision\":\"approve\"}";
    private static final String LIST_NEW = "{\"type\":\"product_status\",\"product\":\"NEW\",\"status\":\"listed\",\"by\":\"ADMIN\"}";

    static Stream<Arguments> refusals()
    {
        return Stream.of(
            // an unregistered actor is refused by name, never taken for the operator
            Arguments.of("UNKNOWN_PARTICIPANT", new String[0],
                "{\"type\":\"participant\",\"id\":\"NEW\",\"roles\":[\"buyer\"],\"by\":\"GHOST\"}"),
            Arguments.of("UNKNOWN_PARTICIPANT", new String[0], "{\"type\":\"product\",\"id\":\"N\",\"kind\":\"data\",\"by\":\"GHOST\"}"),
            Arguments.of("UNKNOWN_PARTICIPANT", new String[0],
                "{\"type\":\"product_status\",\"product\":\"DATA.A\",\"status\":\"suspended\",\"by\":\"GHOST\"}"),
            Arguments.of("UNKNOWN_PARTICIPANT", new String[0],
                "{\"type\":\"fee_schedule\",\"kind\":\"data\",\"makerBps\":1,\"takerBps\":1,\"by\":\"GHOST\"}"),
            Arguments.of("UNKNOWN_PARTICIPANT", new String[0], "{\"type\":\"end_of_day\",\"by\":\"GHOST\"}"),
            Arguments.of("UNKNOWN_PARTICIPANT", new String[0],
                "{\"type\":\"inventory\",\"participant\":\"P2\",\"product\":\"DATA.A\",\"qty\":1,\"by\":\"GHOST\"}"),
            Arguments.of("UNKNOWN_PARTICIPANT", new String[0],
                "{\"type\":\"review\",\"product\":\"DATA.A\",\"by\":\"GHOST\",\"decision\":\"approve\"}"),
            Arguments.of("UNKNOWN_PARTICIPANT", new String[0], "{\"type\":\"sponsor\",\"product\":\"DATA.A\",\"by\":\"GHOST\"}"),
            // a suspended participant may only withdraw and cancel
            Arguments.of("PARTICIPANT_SUSPENDED", new String[]{SUSPEND_P2},
                "{\"type\":\"inventory\",\"participant\":\"P2\",\"product\":\"DATA.A\",\"qty\":1}"),
            Arguments.of("PARTICIPANT_SUSPENDED", new String[]{SUSPEND_P2},
                "{\"type\":\"deposit\",\"participant\":\"P2\",\"amount\":\"1.00\"}"),
            Arguments.of("PARTICIPANT_SUSPENDED", new String[]{SUSPEND_P2}, sell("P2", "s", "12.00", 1)),
            Arguments.of("PARTICIPANT_SUSPENDED", new String[]{SUSPEND_P2,
                "{\"type\":\"participant\",\"id\":\"BANK\",\"roles\":[\"lender\"]}"},
                "{\"type\":\"pledge\",\"id\":\"p\",\"lender\":\"BANK\",\"participant\":\"P2\",\"product\":\"DATA.A\",\"qty\":1}"),
            Arguments.of("PARTICIPANT_SUSPENDED", new String[]{SUSPEND_P2},
                "{\"type\":\"product\",\"id\":\"N\",\"kind\":\"data\",\"by\":\"P2\"}"),
            Arguments.of("PARTICIPANT_SUSPENDED", new String[]{
                "{\"type\":\"participant\",\"id\":\"CUST\",\"roles\":[\"data_custodian\"]}", SUSPEND_P2},
                "{\"type\":\"usage\",\"id\":\"u\",\"reporter\":\"CUST\",\"participant\":\"P2\",\"product\":\"DATA.A\",\"units\":1}"),
            Arguments.of("PARTICIPANT_SUSPENDED", new String[]{
                "{\"type\":\"participant\",\"id\":\"COMP\",\"roles\":[\"compliance_officer\"],\"status\":\"suspended\"}",
                NEW_BY_P2}, APPROVE_NEW),
            Arguments.of("PARTICIPANT_SUSPENDED", new String[]{
                "{\"type\":\"participant\",\"id\":\"ADMIN\",\"roles\":[\"admin\"],\"status\":\"suspended\"}"},
                "{\"type\":\"end_of_day\",\"by\":\"ADMIN\"}"),
            // roles
            Arguments.of("ROLE_NOT_PERMITTED", new String[]{"{\"type\":\"participant\",\"id\":\"BANK\",\"roles\":[\"buyer\"]}"},
                "{\"type\":\"pledge\",\"id\":\"p\",\"lender\":\"BANK\",\"participant\":\"P2\",\"product\":\"DATA.A\",\"qty\":1}"),
            Arguments.of("NOT_AUTHORIZED", new String[0],
                "{\"type\":\"participant\",\"id\":\"ADMIN\",\"roles\":[\"admin\",\"regulator\"],\"by\":\"ADMIN\"}"),
            Arguments.of("ROLE_NOT_PERMITTED", new String[]{NEW_BY_P2},
                "{\"type\":\"review\",\"product\":\"NEW\",\"by\":\"P1\",\"decision\":\"approve\"}"),
            Arguments.of("NOT_AUTHORIZED", new String[0],
                "{\"type\":\"product\",\"id\":\"C2\",\"kind\":\"compute\",\"hardware\":\"A\",\"region\":\"R\"," +
                    "\"windowStart\":\"2027-01-01T00:00:00Z\",\"windowEnd\":\"2027-01-01T01:00:00Z\",\"by\":\"P2\"}"),
            // ownership
            Arguments.of("NOT_OWNER", new String[0],
                "{\"type\":\"inventory\",\"participant\":\"P1\",\"product\":\"DATA.A\",\"qty\":1}"),
            Arguments.of("NOT_OWNER", new String[0],
                "{\"type\":\"inventory\",\"participant\":\"P2\",\"product\":\"DATA.A\",\"qty\":1,\"by\":\"ADMIN\"}"),
            Arguments.of("NOT_OWNER", new String[0],
                "{\"type\":\"product\",\"id\":\"N\",\"kind\":\"data\",\"owner\":\"P1\",\"by\":\"P2\"}"),
            Arguments.of("OWNER_REQUIRED", new String[0], "{\"type\":\"product\",\"id\":\"N\",\"kind\":\"data\"}"),
            Arguments.of("OWNER_REQUIRED", new String[0], "{\"type\":\"product\",\"id\":\"N\",\"kind\":\"algorithm\",\"by\":\"ADMIN\"}"),
            Arguments.of("UNKNOWN_PARTICIPANT", new String[0], "{\"type\":\"product\",\"id\":\"N\",\"kind\":\"data\",\"owner\":\"GHOST\"}"),
            Arguments.of("ROLE_NOT_PERMITTED", new String[0], "{\"type\":\"product\",\"id\":\"N\",\"kind\":\"data\",\"owner\":\"XB\"}"),
            // compliance: the operator's loads past review name a reviewer who is not the owner
            Arguments.of("COMPLIANCE_REVIEW_REQUIRED", new String[0],
                "{\"type\":\"product\",\"id\":\"N\",\"kind\":\"algorithm\",\"owner\":\"P2\",\"status\":\"listed\"}"),
            Arguments.of("ROLE_NOT_PERMITTED", new String[0],
                "{\"type\":\"product\",\"id\":\"N\",\"kind\":\"algorithm\",\"owner\":\"P2\",\"reviewedBy\":\"P1\",\"status\":\"listed\"}"),
            Arguments.of("UNKNOWN_PARTICIPANT", new String[0],
                "{\"type\":\"product\",\"id\":\"N\",\"kind\":\"algorithm\",\"owner\":\"P2\",\"reviewedBy\":\"NOBODY\",\"status\":\"listed\"}"),
            Arguments.of("CONFLICT_OF_INTEREST", new String[]{OFFICER_SUPPLIER},
                "{\"type\":\"product\",\"id\":\"N\",\"kind\":\"algorithm\",\"owner\":\"CS\",\"reviewedBy\":\"CS\",\"status\":\"listed\"}"),
            Arguments.of("SPONSOR_REQUIRED", new String[0],
                "{\"type\":\"product\",\"id\":\"N\",\"kind\":\"data\",\"owner\":\"P2\",\"reviewedBy\":\"COMP\",\"status\":\"listed\"}"),
            Arguments.of("INVALID_DEFINITION", new String[0],
                "{\"type\":\"product\",\"id\":\"N\",\"kind\":\"data\",\"reviewedBy\":\"COMP\",\"by\":\"P2\"}"),
            Arguments.of("INVALID_STATUS_TRANSITION", new String[0],
                "{\"type\":\"product\",\"id\":\"N\",\"kind\":\"data\",\"owner\":\"P2\",\"status\":\"rejected\"}"),
            // compliance: the path register -> review -> sponsor -> list
            Arguments.of("CONFLICT_OF_INTEREST", new String[]{OFFICER_SUPPLIER,
                "{\"type\":\"product\",\"id\":\"MINE\",\"kind\":\"algorithm\",\"by\":\"CS\"}"},
                "{\"type\":\"review\",\"product\":\"MINE\",\"by\":\"CS\",\"decision\":\"approve\"}"),
            Arguments.of("COMPLIANCE_REVIEW_REQUIRED", new String[]{NEW_BY_P2}, LIST_NEW),
            Arguments.of("COMPLIANCE_REVIEW_REQUIRED", new String[]{NEW_BY_P2},
                "{\"type\":\"product_status\",\"product\":\"NEW\",\"status\":\"compliance_reviewed\",\"by\":\"ADMIN\"}"),
            Arguments.of("SPONSOR_REQUIRED", new String[]{NEW_BY_P2, APPROVE_NEW}, LIST_NEW),
            Arguments.of("NOT_AUTHORIZED", new String[]{NEW_BY_P2}, "{\"type\":\"sponsor\",\"product\":\"NEW\",\"by\":\"P1\"}"),
            Arguments.of("ALREADY_RECORDED", new String[]{NEW_BY_P2, "{\"type\":\"sponsor\",\"product\":\"NEW\",\"by\":\"SPON\"}"},
                "{\"type\":\"sponsor\",\"product\":\"NEW\",\"by\":\"SPON\"}"),
            Arguments.of("INVALID_STATUS_TRANSITION", new String[]{NEW_BY_P2,
                "{\"type\":\"review\",\"product\":\"NEW\",\"by\":\"COMP\",\"decision\":\"reject\"}"}, APPROVE_NEW),
            Arguments.of("INVALID_DEFINITION", new String[]{NEW_BY_P2},
                "{\"type\":\"review\",\"product\":\"NEW\",\"by\":\"COMP\",\"decision\":\"approve\",\"personalInfo\":true}"));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("refusals")
    void refusesWithReasonAndChangesNothing(final String reason, final String[] setup, final String command)
    {
        final Scenario s = Scenario.standard();
        s.run(setup);
        final long p2Cash = s.matcher.cashAvailableFen("P2");
        final long p2Units = s.matcher.sellableQty("P2", "DATA.A");
        final int products = s.matcher.productsRegistered();
        final int participants = s.matcher.participantsRegistered();
        assertEquals(reason, s.rejectReason(command));
        assertEquals(p2Cash, s.matcher.cashAvailableFen("P2"));
        assertEquals(p2Units, s.matcher.sellableQty("P2", "DATA.A"));
        assertEquals(products, s.matcher.productsRegistered());
        assertEquals(participants, s.matcher.participantsRegistered());
    }

    @Test
    void aSuspendedParticipantMayStillWithdrawAndCancel()
    {
        final Scenario s = Scenario.standard();
        s.run(buy("P1", "b", "11.00", 1));
        final List<JsonNode> suspended = s.run("{\"type\":\"participant\",\"id\":\"P1\",\"roles\":[\"buyer\"," +
            "\"data_supplier\"],\"qualification\":\"important\",\"status\":\"suspended\",\"by\":\"ADMIN\"," +
            "\"note\":\"alert A-17\"}");
        assertEquals(List.of("participant_updated", "cancelled"), types(suspended));
        assertEquals("alert A-17", suspended.get(0).get("note").asText());
        assertEquals("ADMIN", suspended.get(0).get("by").asText());
        assertEquals("withdrawn", s.run("{\"type\":\"withdraw\",\"participant\":\"P1\",\"amount\":\"10.00\"}")
            .get(0).get("type").asText());
        // its orders went with the suspension; a cancel is answered, not refused as suspended
        assertEquals("UNKNOWN_ORDER", s.rejectReason(
            "{\"type\":\"cancel\",\"participant\":\"P1\",\"clOrdId\":\"c\",\"origClOrdId\":\"b\"}"));
    }

    @Test
    void participantsOfOneGroupNeverTradeWithEachOther()
    {
        final Scenario s = Scenario.standard();
        final List<JsonNode> joined = s.run(
            "{\"type\":\"participant\",\"id\":\"B9\",\"roles\":[\"buyer\"],\"group\":\"HOLDCO\"}",
            "{\"type\":\"participant\",\"id\":\"P2\",\"roles\":[\"data_supplier\",\"buyer\"],\"group\":\"HOLDCO\"," +
                "\"by\":\"ADMIN\"}",
            "{\"type\":\"deposit\",\"participant\":\"B9\",\"amount\":\"1000.00\"}");
        assertEquals("HOLDCO", joined.get(0).get("group").asText());
        s.run(sell("P2", "s1", "12.00", 5));
        // B9 and P2 share a beneficial owner: the default cancel_newest stops B9's buy, P2's ask stays
        final List<JsonNode> blocked = s.run(buy("B9", "b1", "12.00", 5));
        assertEquals(List.of("accepted", "cancelled"), types(blocked), Scenario.describe(blocked));
        assertEquals("self_trade_prevented", blocked.get(1).get("reason").asText());
        // cancel_oldest takes the group's resting order off instead, and matching goes on
        final List<JsonNode> oldest = s.run(buy("B9", "b2", "12.00", 5).replace("}", ",\"stp\":\"cancel_oldest\"}"));
        assertEquals(List.of("accepted", "cancelled"), types(oldest), Scenario.describe(oldest));
        assertEquals("s1", oldest.get(1).get("origClOrdId").asText());
        // b2 now rests: the group's own ask is stopped by it, anyone outside the group trades with it
        assertEquals(List.of("accepted", "cancelled"), types(s.run(sell("P2", "s2", "12.00", 5))));
        assertEquals(1, Scenario.ofType(s.run(sell("P1", "s3", "12.00", 5)), "trade").size());
        // leaving the group, B9 trades with P2 again
        s.run("{\"type\":\"participant\",\"id\":\"B9\",\"roles\":[\"buyer\"]}", sell("P2", "s4", "12.00", 1));
        assertEquals(1, Scenario.ofType(s.run(buy("B9", "b4", "12.00", 1)), "trade").size());
    }

    @Test
    void aRegulatorMaySuspendAndReinstateAParticipantButChangeNothingElse()
    {
        final Scenario s = Scenario.standard();
        assertEquals("NOT_AUTHORIZED", s.rejectReason("{\"type\":\"participant\",\"id\":\"P2\",\"roles\":[\"data_supplier\"," +
            "\"buyer\"],\"qualification\":\"important\",\"status\":\"suspended\",\"by\":\"REG\"}"));
        final JsonNode suspended = s.run(SUSPEND_P2.replace("ADMIN", "REG")).get(0);
        assertEquals("participant_updated", suspended.get("type").asText(), suspended.toString());
        assertEquals("suspended", suspended.get("status").asText());
        assertEquals("alert A-17", suspended.get("note").asText());
        // reinstating, with the alert closed in the note; anything else changed with it is an admin's
        assertEquals("NOT_AUTHORIZED", s.rejectReason("{\"type\":\"participant\",\"id\":\"P2\",\"roles\":[\"buyer\"]," +
            "\"by\":\"REG\"}"));
        final JsonNode reinstated = s.run("{\"type\":\"participant\",\"id\":\"P2\",\"roles\":[\"data_supplier\"," +
            "\"buyer\"],\"by\":\"REG\",\"note\":\"A-17 closed\"}").get(0);
        assertEquals("admitted", reinstated.get("status").asText(), reinstated.toString());
        assertEquals("REG", reinstated.get("by").asText());
        assertEquals("A-17 closed", reinstated.get("note").asText());
        assertEquals("accepted", s.run(Scenario.order("P2", "again", "DATA.A", "sell", "12.00", 1, "")).get(0).get("type").asText());
    }

    @Test
    void aRegulatorHaltsAndResumesAProductWithTheAlertInTheNote()
    {
        final Scenario s = Scenario.standard();
        final JsonNode halted = s.run("{\"type\":\"product_status\",\"product\":\"DATA.A\",\"status\":\"suspended\"," +
            "\"by\":\"REG\",\"note\":\"alert A-42\"}").get(0);
        assertEquals("suspended", halted.get("to").asText(), halted.toString());
        assertEquals("alert A-42", halted.get("note").asText());
        final JsonNode resumed = s.run("{\"type\":\"product_status\",\"product\":\"DATA.A\",\"status\":\"listed\"," +
            "\"by\":\"REG\",\"note\":\"A-42 cleared\"}").get(0);
        assertEquals("product_status_changed", resumed.get("type").asText(), resumed.toString());
        assertEquals("listed", resumed.get("to").asText());
        assertEquals("REG", resumed.get("by").asText());
        assertEquals("A-42 cleared", resumed.get("note").asText());
        // listing what was never listed stays an admin's
        s.run("{\"type\":\"product\",\"id\":\"NEW\",\"kind\":\"data\",\"sponsor\":\"SPON\",\"by\":\"P2\"}",
            "{\"type\":\"review\",\"product\":\"NEW\",\"by\":\"COMP\",\"decision\":\"approve\"}",
            "{\"type\":\"sponsor\",\"product\":\"NEW\",\"by\":\"SPON\"}");
        assertEquals("NOT_AUTHORIZED", s.rejectReason("{\"type\":\"product_status\",\"product\":\"NEW\"," +
            "\"status\":\"listed\",\"by\":\"REG\"}"));
    }

    @Test
    void aSupplierOwnsWhatItRegistersAndIssuesItsOwnUnits()
    {
        final Scenario s = Scenario.standard();
        final JsonNode registered = s.run("{\"type\":\"product\",\"id\":\"ALG\",\"kind\":\"algorithm\",\"by\":\"P1\"}").get(0);
        assertEquals("product_registered", registered.get("type").asText());
        assertEquals("P1", registered.get("owner").asText());
        assertEquals("inventory_added", s.run(
            "{\"type\":\"inventory\",\"participant\":\"P1\",\"product\":\"ALG\",\"qty\":5,\"by\":\"P1\"}").get(0).get("type").asText());
        assertEquals("inventory_added", s.run(
            "{\"type\":\"inventory\",\"participant\":\"P1\",\"product\":\"ALG\",\"qty\":5}").get(0).get("type").asText());
        assertEquals(10, s.matcher.sellableQty("P1", "ALG"));
    }

    @Test
    void aProductsWholePathIsInTheJournal()
    {
        final Scenario s = Scenario.standard();
        final List<JsonNode> path = s.run(
            "{\"type\":\"product\",\"id\":\"NEW\",\"kind\":\"data\",\"grade\":\"general\",\"sponsor\":\"SPON\",\"by\":\"P2\"}",
            "{\"type\":\"review\",\"id\":\"r1\",\"product\":\"NEW\",\"by\":\"COMP\",\"decision\":\"approve\"," +
                "\"grade\":\"important\",\"note\":\"ticket C-9\"}",
            "{\"type\":\"sponsor\",\"id\":\"sp1\",\"product\":\"NEW\",\"by\":\"SPON\"}",
            "{\"type\":\"product_status\",\"product\":\"NEW\",\"status\":\"listed\",\"by\":\"ADMIN\"}",
            "{\"type\":\"product_status\",\"product\":\"NEW\",\"status\":\"suspended\",\"by\":\"REG\",\"note\":\"alert A-42\"}");
        assertEquals(List.of("product_registered", "product_reviewed", "product_status_changed", "product_sponsored",
            "product_status_changed", "auction_started", "product_status_changed", "auction_uncrossed"), types(path),
            Scenario.describe(path));
        final JsonNode review = path.get(1);
        assertEquals("r1", review.get("id").asText());
        assertEquals("COMP", review.get("by").asText());
        assertEquals("approve", review.get("decision").asText());
        assertEquals("important", review.get("grade").asText(), "the reviewed grade, not the declared one");
        assertEquals("compliance_reviewed", review.get("to").asText());
        assertEquals("ticket C-9", review.get("note").asText());
        assertEquals("SPON", path.get(3).get("by").asText());
        assertEquals("alert A-42", path.get(6).get("note").asText());
        // the reviewed grade gates buyers: P2 is qualified for general data only
        s.run("{\"type\":\"product_status\",\"product\":\"NEW\",\"status\":\"listed\",\"by\":\"ADMIN\"}");
        assertEquals("QUALIFICATION_TOO_LOW", s.rejectReason(Scenario.order("P2", "b", "NEW", "buy", "1.00", 1, "")));
    }

    @Test
    void aRejectionIsFinalAndHaltsTheProduct()
    {
        final Scenario s = Scenario.standard();
        s.run(buy("P1", "b", "11.00", 1));
        final List<JsonNode> events = s.run(
            "{\"type\":\"review\",\"product\":\"DATA.A\",\"by\":\"COMP\",\"decision\":\"reject\",\"note\":\"consent missing\"}");
        assertEquals(List.of("product_reviewed", "product_status_changed", "cancelled"), types(events),
            Scenario.describe(events));
        assertEquals("rejected", events.get(1).get("to").asText());
        assertEquals("product_halted", events.get(2).get("reason").asText());
        assertEquals("INVALID_STATUS_TRANSITION", s.rejectReason(
            "{\"type\":\"product_status\",\"product\":\"DATA.A\",\"status\":\"listed\",\"by\":\"ADMIN\"}"));
        assertEquals("PRODUCT_NOT_LISTED", s.rejectReason(buy("P1", "b2", "11.00", 1)));
        assertTrue(s.matcher.isCashConserved());
    }
}
