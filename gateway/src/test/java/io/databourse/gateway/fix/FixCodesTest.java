package io.databourse.gateway.fix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.databourse.journal.schema.Codes;
import io.databourse.journal.schema.RejectReason;
import org.junit.jupiter.api.Test;

class FixCodesTest
{
    @Test
    void twoCharacterMessageTypesHaveTheSessionLayersKey()
    {
        assertEquals(FixMessage.msgTypeKey("AF"), FixCodes.MsgType.ORDER_MASS_STATUS_REQUEST);
        assertEquals(FixMessage.msgTypeKey("D"), FixCodes.MsgType.NEW_ORDER_SINGLE);
    }

    @Test
    void sessionMessageTypesAreTheSpecsCharactersAndTheParsersKeys()
    {
        assertEquals(FixMessage.msgTypeKey("0"), FixCodes.SessionMsgType.HEARTBEAT);
        assertEquals(FixMessage.msgTypeKey("1"), FixCodes.SessionMsgType.TEST_REQUEST);
        assertEquals(FixMessage.msgTypeKey("2"), FixCodes.SessionMsgType.RESEND_REQUEST);
        assertEquals(FixMessage.msgTypeKey("3"), FixCodes.SessionMsgType.REJECT);
        assertEquals(FixMessage.msgTypeKey("4"), FixCodes.SessionMsgType.SEQUENCE_RESET);
        assertEquals(FixMessage.msgTypeKey("5"), FixCodes.SessionMsgType.LOGOUT);
        assertEquals(FixMessage.msgTypeKey("A"), FixCodes.SessionMsgType.LOGON);
    }

    @Test
    void sidesOrderTypesAndTimesInForceRoundTrip()
    {
        for (final byte side : new byte[] {Codes.Side.BUY, Codes.Side.SELL})
        {
            assertEquals(side, FixCodes.side(FixCodes.fixSide(side)));
        }
        for (final byte type : new byte[] {Codes.OrdType.MARKET, Codes.OrdType.LIMIT})
        {
            assertEquals(type, FixCodes.ordType(FixCodes.fixOrdType(type)));
        }
        for (final byte tif : new byte[] {Codes.TimeInForce.DAY, Codes.TimeInForce.GTC, Codes.TimeInForce.IOC,
            Codes.TimeInForce.FOK})
        {
            assertEquals(tif, FixCodes.tif(FixCodes.fixTif(tif)));
        }
        assertEquals(-1, FixCodes.side('3'));
        assertEquals(-1, FixCodes.tif('2'));
        assertEquals(Codes.TimeInForce.DAY, FixCodes.tif((char)0), "absent: day");
    }

    @Test
    void theMatchersReasonsMapToTheirFixOrdRejReasons()
    {
        assertEquals(FixCodes.OrdRejReason.INVALID_PRICE_INCREMENT, FixCodes.ordRejReason(RejectReason.PRICE_NOT_ON_TICK));
        assertEquals(FixCodes.OrdRejReason.UNKNOWN_SYMBOL, FixCodes.ordRejReason(RejectReason.UNKNOWN_PRODUCT));
        assertEquals(FixCodes.OrdRejReason.ORDER_EXCEEDS_LIMIT, FixCodes.ordRejReason(RejectReason.INSUFFICIENT_FUNDS));
        assertEquals(FixCodes.OrdRejReason.OTHER, FixCodes.ordRejReason(null));
        assertEquals(FixCodes.CxlRej.UNKNOWN_ORDER, FixCodes.cxlRejReason(RejectReason.UNKNOWN_ORDER));
        for (final RejectReason reason : RejectReason.values())
        {
            final int code = FixCodes.ordRejReason(reason);
            assertNotEquals(0, code, reason + " has a FIX reason");
            assertEquals(reason.name() + ": " + reason.text(), FixCodes.reasonText(reason));
        }
    }
}
