package io.databourse.gateway.fix;

import org.agrona.DirectBuffer;

/**
 * Checks a parsed message against the {@link FixDictionary} in the order QuickFIX/J does, so that
 * counterparties certified against it see the same Reject (35=3): first the structure (header
 * before body, no repeated tag, repeating groups with the right count, delimiter and member
 * order), then each field (has a value, known tag, format, enum value, allowed for the message
 * type), then required fields. The first problem found is kept in {@link #reason()} and
 * {@link #refTagId()}. One instance per thread; allocates nothing.
 */
public final class FixValidator
{
    /** Structure problems QuickFIX/J treats as garbled: the message is ignored, not rejected. */
    public static final int GARBLED = -2;

    private final FixDictionary dictionary;
    private final boolean[] inGroup;
    private final int[] seenStamp = new int[FixDictionary.TAG_LIMIT];
    private int stamp;
    private int reason;
    private int refTagId;
    private int groupCounterTag;
    private int groupDelimiterTag;
    private int bodyStart;
    private int trailerStart;

    public FixValidator(final FixDictionary dictionary, final int fieldsMax)
    {
        this.dictionary = dictionary;
        this.inGroup = new boolean[fieldsMax];
    }

    public int reason()
    {
        return reason;
    }

    public int refTagId()
    {
        return refTagId;
    }

    /** The NumInGroup tag when the reason is a missing group delimiter, else 0. */
    public int groupCounterTag()
    {
        return groupCounterTag;
    }

    public int groupDelimiterTag()
    {
        return groupDelimiterTag;
    }

    /** Index of the first body field (after the header), valid after a successful {@link #validate}. */
    public int bodyStart()
    {
        return bodyStart;
    }

    /** Index of the first trailer field (CheckSum or Signature). */
    public int trailerStart()
    {
        return trailerStart;
    }

    /** True when the field at index was consumed by a repeating group. */
    public boolean inGroup(final int index)
    {
        return inGroup[index];
    }

    /** {@link SessionRejectReason#NONE} when valid, {@link #GARBLED}, or a SessionRejectReason. */
    public int validate(final FixMessage message)
    {
        reason = SessionRejectReason.NONE;
        refTagId = 0;
        groupCounterTag = 0;
        groupDelimiterTag = 0;
        final int count = message.fieldCount();
        if (count < 4 || message.tagAt(0) != FixTags.BEGIN_STRING || message.tagAt(1) != FixTags.BODY_LENGTH ||
            message.tagAt(2) != FixTags.MSG_TYPE || message.tagAt(count - 1) != FixTags.CHECK_SUM)
        {
            return reason = GARBLED;
        }
        for (int i = 0; i < count; i++)
        {
            inGroup[i] = false;
        }
        if (++stamp == Integer.MAX_VALUE)
        {
            java.util.Arrays.fill(seenStamp, 0);
            stamp = 1;
        }

        final int msgTypeIndex = 2;
        final FixDictionary.MessageDef def = dictionary.message(
            FixMessage.msgTypeKey(message.buffer(), message.valueOffsetAt(msgTypeIndex), message.valueLengthAt(msgTypeIndex)));
        final FixDictionary.MessageDef header = dictionary.header();
        final FixDictionary.MessageDef trailer = dictionary.trailer();

        // Structure: header, then body, then trailer; repeated tags; groups.
        int i = 3;
        while (i < count && header.hasField(message.tagAt(i)))
        {
            if (repeated(message.tagAt(i)))
            {
                return fail(SessionRejectReason.TAG_APPEARS_MORE_THAN_ONCE, message.tagAt(i));
            }
            final FixDictionary.GroupDef group = header.group(message.tagAt(i));
            i = null == group ? i + 1 : parseGroup(message, group, i);
            if (i < 0)
            {
                return reason;
            }
        }
        bodyStart = i;
        trailerStart = count - 1;
        while (i < count - 1)
        {
            final int tag = message.tagAt(i);
            if (header.hasField(tag))
            {
                return fail(SessionRejectReason.TAG_SPECIFIED_OUT_OF_REQUIRED_ORDER, tag);
            }
            if (trailer.hasField(tag))
            {
                if (trailerStart == count - 1)
                {
                    trailerStart = i;
                }
                i++;
                continue;
            }
            if (trailerStart != count - 1)
            {
                return fail(SessionRejectReason.TAG_SPECIFIED_OUT_OF_REQUIRED_ORDER, tag);
            }
            if (repeated(tag))
            {
                return fail(SessionRejectReason.TAG_APPEARS_MORE_THAN_ONCE, tag);
            }
            final FixDictionary.GroupDef group = null == def ? null : def.group(tag);
            i = null == group ? i + 1 : parseGroup(message, group, i);
            if (i < 0)
            {
                return reason;
            }
        }

        if (null == def)
        {
            return fail(SessionRejectReason.INVALID_MSGTYPE, FixTags.MSG_TYPE);
        }

        // Fields: header, trailer, then body.
        for (int f = 3; f < count - 1; f++)
        {
            final int tag = message.tagAt(f);
            final int result = checkField(message, f, tag);
            if (SessionRejectReason.NONE != result)
            {
                return fail(result, tag);
            }
            if (f >= bodyStart && f < trailerStart && !inGroup[f] && !def.hasField(tag))
            {
                return fail(SessionRejectReason.TAG_NOT_DEFINED_FOR_MESSAGE_TYPE, tag);
            }
        }

        for (final int tag : header.required())
        {
            if (tag != FixTags.BEGIN_STRING && tag != FixTags.BODY_LENGTH && tag != FixTags.MSG_TYPE && !message.has(tag))
            {
                return fail(SessionRejectReason.REQUIRED_TAG_MISSING, tag);
            }
        }
        for (final int tag : def.required())
        {
            if (!has(message, tag, bodyStart, trailerStart))
            {
                return fail(SessionRejectReason.REQUIRED_TAG_MISSING, tag);
            }
        }
        return reason;
    }

    private static boolean has(final FixMessage message, final int tag, final int from, final int to)
    {
        for (int i = from; i < to; i++)
        {
            if (message.tagAt(i) == tag)
            {
                return true;
            }
        }
        return false;
    }

    private boolean repeated(final int tag)
    {
        if (tag <= 0 || tag >= FixDictionary.TAG_LIMIT)
        {
            return false;
        }
        if (seenStamp[tag] == stamp)
        {
            return true;
        }
        seenStamp[tag] = stamp;
        return false;
    }

    /** Parses the group whose NumInGroup is at counterIndex; returns the index after it, or -1 on error. */
    private int parseGroup(final FixMessage message, final FixDictionary.GroupDef group, final int counterIndex)
    {
        final long count = message.longValueAt(counterIndex);
        if (count < 0)
        {
            fail(message.valueLengthAt(counterIndex) == 0 ?
                SessionRejectReason.TAG_SPECIFIED_WITHOUT_A_VALUE : SessionRejectReason.INCORRECT_DATA_FORMAT_FOR_VALUE,
                group.counterTag());
            return -1;
        }
        final int end = message.fieldCount() - 1;
        int i = counterIndex + 1;
        int instances = 0;
        int lastPosition = -1;
        while (i < end)
        {
            final int tag = message.tagAt(i);
            final int position = group.positionOf(tag);
            if (tag == group.delimiter())
            {
                instances++;
                lastPosition = 0;
                inGroup[i] = true;
                i++;
                continue;
            }
            if (position < 0)
            {
                break;
            }
            if (instances == 0)
            {
                groupCounterTag = group.counterTag();
                groupDelimiterTag = group.delimiter();
                fail(SessionRejectReason.REPEATING_GROUP_FIELDS_OUT_OF_ORDER, tag);
                return -1;
            }
            if (position <= lastPosition)
            {
                fail(SessionRejectReason.REPEATING_GROUP_FIELDS_OUT_OF_ORDER, tag);
                return -1;
            }
            lastPosition = position;
            inGroup[i] = true;
            final FixDictionary.GroupDef nested = group.nested(tag);
            i = null == nested ? i + 1 : parseGroup(message, nested, i);
            if (i < 0)
            {
                return -1;
            }
        }
        if (instances != count)
        {
            fail(SessionRejectReason.INCORRECT_NUMINGROUP_COUNT_FOR_REPEATING_GROUP, group.counterTag());
            return -1;
        }
        return i;
    }

    private int fail(final int reason, final int tag)
    {
        this.reason = reason;
        this.refTagId = tag;
        return reason;
    }

    private int checkField(final FixMessage message, final int index, final int tag)
    {
        final int length = message.valueLengthAt(index);
        if (length == 0)
        {
            return SessionRejectReason.TAG_SPECIFIED_WITHOUT_A_VALUE;
        }
        final byte type = dictionary.typeOf(tag);
        if (FixDictionary.TYPE_UNDEFINED == type)
        {
            return SessionRejectReason.INVALID_TAG_NUMBER;
        }
        final DirectBuffer buffer = message.buffer();
        final int offset = message.valueOffsetAt(index);
        if (!validFormat(type, buffer, offset, length))
        {
            return SessionRejectReason.INCORRECT_DATA_FORMAT_FOR_VALUE;
        }
        final byte[][] allowed = dictionary.enumsOf(tag);
        if (null != allowed)
        {
            if (FixDictionary.TYPE_MULTIPLE_VALUE_STRING == type)
            {
                int start = offset;
                final int end = offset + length;
                for (int at = offset; at <= end; at++)
                {
                    if (at == end || buffer.getByte(at) == ' ')
                    {
                        if (at > start && !isOneOf(allowed, buffer, start, at - start))
                        {
                            return SessionRejectReason.VALUE_IS_INCORRECT;
                        }
                        start = at + 1;
                    }
                }
            }
            else if (!isOneOf(allowed, buffer, offset, length))
            {
                return SessionRejectReason.VALUE_IS_INCORRECT;
            }
        }
        return SessionRejectReason.NONE;
    }

    private static boolean isOneOf(final byte[][] allowed, final DirectBuffer buffer, final int offset, final int length)
    {
        for (final byte[] value : allowed)
        {
            if (value.length == length)
            {
                boolean equal = true;
                for (int i = 0; i < length; i++)
                {
                    if (value[i] != buffer.getByte(offset + i))
                    {
                        equal = false;
                        break;
                    }
                }
                if (equal)
                {
                    return true;
                }
            }
        }
        return false;
    }

    static boolean validFormat(final byte type, final DirectBuffer buffer, final int offset, final int length)
    {
        switch (type)
        {
            case FixDictionary.TYPE_INT:
            case FixDictionary.TYPE_NUM_IN_GROUP:
                return FixMessage.parseLong(buffer, offset, length) != Long.MIN_VALUE;
            case FixDictionary.TYPE_DECIMAL:
                return isDecimal(buffer, offset, length);
            case FixDictionary.TYPE_CHAR:
                return length == 1;
            case FixDictionary.TYPE_BOOLEAN:
                return length == 1 && (buffer.getByte(offset) == 'Y' || buffer.getByte(offset) == 'N');
            case FixDictionary.TYPE_UTC_TIMESTAMP:
                return UtcTime.parseTimestamp(buffer, offset, length) != UtcTime.INVALID;
            case FixDictionary.TYPE_UTC_TIME_ONLY:
                return UtcTime.parseTime(buffer, offset, length) != UtcTime.INVALID;
            case FixDictionary.TYPE_DATE:
                return length == 8 && UtcTime.parseDate(buffer, offset) != UtcTime.INVALID;
            case FixDictionary.TYPE_MONTH_YEAR:
                return length >= 6 && FixMessage.parseLong(buffer, offset, 6) > 0;
            default:
                return true;
        }
    }

    private static boolean isDecimal(final DirectBuffer buffer, final int offset, final int length)
    {
        int i = buffer.getByte(offset) == '-' ? 1 : 0;
        int digits = 0;
        boolean dot = false;
        for (; i < length; i++)
        {
            final byte b = buffer.getByte(offset + i);
            if (b == '.')
            {
                if (dot)
                {
                    return false;
                }
                dot = true;
            }
            else if (b < '0' || b > '9')
            {
                return false;
            }
            else
            {
                digits++;
            }
        }
        return digits > 0;
    }
}
