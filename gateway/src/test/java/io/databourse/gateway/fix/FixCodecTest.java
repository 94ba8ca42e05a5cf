package io.databourse.gateway.fix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

class FixCodecTest
{
    @Test
    void parsesFieldsWithoutCopying()
    {
        final String raw = TestFix.message("35=D|34=2|49=TW|56=ISLD|11=abc|38=100|");
        final FixMessage m = new FixMessage(64);
        assertEquals(FixMessage.OK, m.parse(TestFix.buffer(raw), 0, raw.length()));
        assertEquals(9, m.fieldCount());
        assertEquals('D', m.msgTypeKey());
        assertEquals("abc", m.stringValue(FixTags.CL_ORD_ID));
        assertEquals(100, m.longValue(FixTags.ORDER_QTY));
        assertEquals(Long.MIN_VALUE, m.longValue(FixTags.PRICE));
    }

    @Test
    void nonNumericTagIsGarbledButNegativeTagParses()
    {
        final FixMessage m = new FixMessage(64);
        final String garbled = TestFix.message("35=0|4garbled9=TW|");
        assertEquals(FixMessage.GARBLED, m.parse(TestFix.buffer(garbled), 0, garbled.length()));
        final String negative = TestFix.message("35=0|-1=HI|");
        assertEquals(FixMessage.OK, m.parse(TestFix.buffer(negative), 0, negative.length()));
        assertEquals(-1, m.tagAt(3));
    }

    @Test
    void tooManyFieldsIsBounded()
    {
        final FixMessage m = new FixMessage(4);
        final String raw = TestFix.message("35=0|34=1|49=A|56=B|");
        assertEquals(FixMessage.TOO_MANY_FIELDS, m.parse(TestFix.buffer(raw), 0, raw.length()));
    }

    @Test
    void framerFindsFramesAcrossGarbageAndPartialInput()
    {
        final String one = TestFix.message("35=0|34=2|");
        final String two = TestFix.message("35=0|34=3|");
        final String stream = "xx" + one + two;
        final UnsafeBuffer buffer = TestFix.buffer(stream);
        final FixFramer framer = new FixFramer(1024);
        assertEquals(FixFramer.GARBLED, framer.scan(buffer, 0, stream.length()));
        assertEquals(2, framer.consumedTo());
        assertEquals(FixFramer.FRAME, framer.scan(buffer, 2, stream.length()));
        assertEquals(one.length(), framer.frameLength());
        final int next = framer.consumedTo();
        assertEquals(FixFramer.NEED_MORE, framer.scan(buffer, next, stream.length() - 3));
        assertEquals(FixFramer.FRAME, framer.scan(buffer, next, stream.length()));
        assertEquals(stream.length(), framer.consumedTo());
    }

    @Test
    void framerDropsBadChecksumAndRecoversFromWrongBodyLength()
    {
        final String good = TestFix.message("35=0|34=2|");
        final String badChecksum = good.substring(0, good.length() - 4) + "999\u0001";
        final FixFramer framer = new FixFramer(1024);
        assertEquals(FixFramer.BAD_CHECKSUM, framer.scan(TestFix.buffer(badChecksum), 0, badChecksum.length()));
        assertEquals(badChecksum.length(), framer.consumedTo());

        final String tooShort = "8=FIX.4.4\u00019=5\u000135=0\u000134=2\u000110=000\u0001";
        assertEquals(FixFramer.GARBLED, framer.scan(TestFix.buffer(tooShort), 0, tooShort.length()));
        assertTrue(framer.consumedTo() > 0);
    }

    @Test
    void framerRefusesOversizeBodyLength()
    {
        final String huge = "8=FIX.4.4\u00019=999999\u000135=0\u0001";
        final FixFramer framer = new FixFramer(4096);
        assertEquals(FixFramer.OVERSIZE, framer.scan(TestFix.buffer(huge), 0, huge.length()));
        assertEquals(999999, framer.bodyLength());
    }

    @Test
    void encoderWritesLengthAndChecksumThatTheFramerAccepts()
    {
        final FixEncoder e = new FixEncoder(512);
        e.begin("8").string(FixTags.CL_ORD_ID, "o1").decimal(FixTags.PRICE, 1234, 2).decimal(FixTags.LAST_PX, -5, 2)
            .longValue(FixTags.ORDER_QTY, 7).timestampMs(FixTags.TRANSACT_TIME, 0).finish();
        assertEquals("8=FIX.4.4|9=59|35=8|11=o1|44=12.34|31=-0.05|38=7|60=19700101-00:00:00.000|10=", e.toString()
            .substring(0, e.toString().length() - 4));
        final FixFramer framer = new FixFramer(512);
        assertEquals(FixFramer.FRAME, framer.scan(e.buffer(), e.offset(), e.offset() + e.length()));
    }

    @Test
    void appendWritesCharactersNotTheirCodes()
    {
        final FixEncoder e = new FixEncoder(128);
        e.begin("0").tag(FixTags.EXEC_ID).append(12L).append('-').append(3L).append("-B").endField().finish();
        assertTrue(e.toString().contains("|17=12-3-B|"), e.toString());
    }

    @Test
    void utcTimestampsRoundTrip()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[32]);
        final long ms = 1_764_100_000_123L;
        UtcTime.putTimestampMs(buffer, 0, ms);
        assertEquals("20251125-19:46:40.123", buffer.getStringWithoutLengthAscii(0, 21));
        assertEquals(ms, UtcTime.parseTimestamp(buffer, 0, 21));
        assertEquals(ms - 123, UtcTime.parseTimestamp(buffer, 0, 17));
        final UnsafeBuffer bad = TestFix.buffer("20040415");
        assertEquals(UtcTime.INVALID, UtcTime.parseTimestamp(bad, 0, 8));
        final UnsafeBuffer leap = TestFix.buffer("20000229-23:59:59.999999");
        assertEquals(UtcTime.daysFromCivil(2000, 2, 29) * 86_400_000L + 86_399_999L, UtcTime.parseTimestamp(leap, 0, 24));
    }

    @Test
    void fixedPointParsing()
    {
        assertEquals(1234, FixMessage.parseFixedPoint(TestFix.buffer("12.34"), 0, 5, 2));
        assertEquals(1200, FixMessage.parseFixedPoint(TestFix.buffer("12"), 0, 2, 2));
        assertEquals(1230, FixMessage.parseFixedPoint(TestFix.buffer("12.3000"), 0, 7, 2));
        assertEquals(FixMessage.TOO_PRECISE, FixMessage.parseFixedPoint(TestFix.buffer("12.345"), 0, 6, 2));
        assertEquals(FixMessage.TOO_PRECISE, FixMessage.parseFixedPoint(TestFix.buffer("12.005"), 0, 6, 2));
        assertEquals(1200, FixMessage.parseFixedPoint(TestFix.buffer("12.000"), 0, 6, 2));
        assertEquals(Long.MIN_VALUE, FixMessage.parseFixedPoint(TestFix.buffer("12.005x"), 0, 7, 2));
        assertEquals(Long.MIN_VALUE, FixMessage.parseFixedPoint(TestFix.buffer("+1"), 0, 2, 2));
        assertEquals(Long.MIN_VALUE, FixMessage.parseFixedPoint(TestFix.buffer("99999999999999999"), 0, 17, 2));
    }
}
