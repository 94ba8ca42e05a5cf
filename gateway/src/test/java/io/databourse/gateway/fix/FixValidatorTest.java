package io.databourse.gateway.fix;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FixValidatorTest
{
    private static FixDictionary dictionary;

    @BeforeAll
    static void load()
    {
        dictionary = FixDictionary.fix44();
    }

    private static final String HEADER = "49=TW|56=ISLD|34=2|52=20250101-00:00:00|";

    private int validate(final String body, final int expectedRefTag)
    {
        final String raw = TestFix.message(body);
        final FixMessage m = new FixMessage(256);
        assertEquals(FixMessage.OK, m.parse(TestFix.buffer(raw), 0, raw.length()));
        final FixValidator v = new FixValidator(dictionary, 256);
        final int result = v.validate(m);
        if (expectedRefTag != Integer.MIN_VALUE)
        {
            assertEquals(expectedRefTag, v.refTagId());
        }
        return result;
    }

    @Test
    void validNewOrderSingle()
    {
        assertEquals(SessionRejectReason.NONE, validate(
            "35=D|" + HEADER + "11=a|54=1|55=X|38=10|40=2|44=1.5|60=20250101-00:00:00|", Integer.MIN_VALUE));
    }

    @Test
    void eachRejectReason()
    {
        assertEquals(SessionRejectReason.INVALID_TAG_NUMBER, validate("35=0|" + HEADER + "999=HI|", 999));
        assertEquals(SessionRejectReason.REQUIRED_TAG_MISSING, validate("35=D|" + HEADER + "11=a|54=1|40=1|60=20250101-00:00:00|", 55));
        assertEquals(SessionRejectReason.TAG_NOT_DEFINED_FOR_MESSAGE_TYPE, validate("35=0|" + HEADER + "55=X|", 55));
        assertEquals(SessionRejectReason.TAG_SPECIFIED_WITHOUT_A_VALUE, validate("35=0|" + HEADER + "112=|", 112));
        assertEquals(SessionRejectReason.VALUE_IS_INCORRECT, validate("35=D|" + HEADER + "11=a|21=4|54=1|55=X|40=1|60=20250101-00:00:00|", 21));
        assertEquals(SessionRejectReason.INCORRECT_DATA_FORMAT_FOR_VALUE, validate("35=D|" + HEADER + "11=a|38=+1|54=1|55=X|40=1|60=20250101-00:00:00|", 38));
        assertEquals(SessionRejectReason.INVALID_MSGTYPE, validate("35=*|" + HEADER, 35));
        assertEquals(SessionRejectReason.TAG_APPEARS_MORE_THAN_ONCE, validate("35=D|" + HEADER + "11=a|40=1|40=2|54=1|55=X|60=20250101-00:00:00|", 40));
        assertEquals(SessionRejectReason.TAG_SPECIFIED_OUT_OF_REQUIRED_ORDER, validate("35=0|112=x|" + HEADER, 49));
        assertEquals(SessionRejectReason.INCORRECT_NUMINGROUP_COUNT_FOR_REPEATING_GROUP, validate(
            "35=D|" + HEADER + "11=a|54=1|55=X|40=1|386=3|336=A|336=B|60=20250101-00:00:00|", 386));
        assertEquals(SessionRejectReason.REPEATING_GROUP_FIELDS_OUT_OF_ORDER, validate(
            "35=D|" + HEADER + "11=a|54=1|55=X|40=1|78=1|79=x|80=5|661=1|60=20250101-00:00:00|", 661));
    }

    @Test
    void garbledWhenMsgTypeIsNotThird()
    {
        assertEquals(FixValidator.GARBLED, validate("34=2|35=0|49=TW|56=ISLD|52=20250101-00:00:00|", Integer.MIN_VALUE));
    }
}
