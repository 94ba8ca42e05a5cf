package io.databourse.gateway.fix;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * FIX UTC timestamps ("yyyyMMdd-HH:mm:ss[.sss]") to and from epoch milliseconds without Strings or
 * java.time, so that SendingTime can be checked and written on every message without allocating.
 */
public final class UtcTime
{
    /** Returned by the parsers when the text is not a valid timestamp. */
    public static final long INVALID = Long.MIN_VALUE;
    /** Bytes written by {@link #putTimestampMs}. */
    public static final int TIMESTAMP_MS_LENGTH = 21;

    private static final long MS_PER_DAY = 86_400_000L;

    private UtcTime()
    {
    }

    /**
     * Parses "yyyyMMdd-HH:mm:ss", optionally followed by '.' and 1..9 fraction digits (FIX 4.4 allows
     * milliseconds; later engines send micro/nanoseconds). Returns epoch ms or {@link #INVALID}.
     */
    public static long parseTimestamp(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < 17)
        {
            return INVALID;
        }
        final long days = parseDate(buffer, offset);
        if (INVALID == days || buffer.getByte(offset + 8) != '-')
        {
            return INVALID;
        }
        final long timeMs = parseTime(buffer, offset + 9, length - 9);
        if (INVALID == timeMs)
        {
            return INVALID;
        }
        return days * MS_PER_DAY + timeMs;
    }

    /** Parses "HH:mm:ss[.fraction]" into ms of the day, or {@link #INVALID}. */
    public static long parseTime(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < 8 || buffer.getByte(offset + 2) != ':' || buffer.getByte(offset + 5) != ':')
        {
            return INVALID;
        }
        final int hh = twoDigits(buffer, offset);
        final int mm = twoDigits(buffer, offset + 3);
        final int ss = twoDigits(buffer, offset + 6);
        // 60 is a leap second, which FIX allows.
        if (hh < 0 || hh > 23 || mm < 0 || mm > 59 || ss < 0 || ss > 60)
        {
            return INVALID;
        }
        int ms = 0;
        if (length > 8)
        {
            final int fractionLength = length - 9;
            if (buffer.getByte(offset + 8) != '.' || fractionLength < 1 || fractionLength > 9)
            {
                return INVALID;
            }
            int scale = 100;
            for (int i = 0; i < fractionLength; i++)
            {
                final int d = buffer.getByte(offset + 9 + i) - '0';
                if (d < 0 || d > 9)
                {
                    return INVALID;
                }
                ms += d * scale;
                scale /= 10;
            }
        }
        return ((hh * 60L + mm) * 60L + ss) * 1000L + ms;
    }

    /** Parses "yyyyMMdd" into days since the epoch, or {@link #INVALID}. */
    public static long parseDate(final DirectBuffer buffer, final int offset)
    {
        final int yHigh = twoDigits(buffer, offset);
        final int yLow = twoDigits(buffer, offset + 2);
        final int month = twoDigits(buffer, offset + 4);
        final int day = twoDigits(buffer, offset + 6);
        if (yHigh < 0 || yLow < 0 || month < 1 || month > 12 || day < 1 || day > 31)
        {
            return INVALID;
        }
        return daysFromCivil(yHigh * 100 + yLow, month, day);
    }

    /** Writes "yyyyMMdd-HH:mm:ss.SSS" at offset; returns the bytes written. */
    public static int putTimestampMs(final MutableDirectBuffer buffer, final int offset, final long epochMs)
    {
        final long days = Math.floorDiv(epochMs, MS_PER_DAY);
        final long msOfDay = epochMs - days * MS_PER_DAY;
        // Civil date from days (H. Hinnant's algorithm).
        final long z = days + 719_468;
        final long era = (z >= 0 ? z : z - 146_096) / 146_097;
        final long doe = z - era * 146_097;
        final long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        final long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        final long mp = (5 * doy + 2) / 153;
        final int day = (int)(doy - (153 * mp + 2) / 5 + 1);
        final int month = (int)(mp < 10 ? mp + 3 : mp - 9);
        final int year = (int)(yoe + era * 400 + (month <= 2 ? 1 : 0));

        putDigits(buffer, offset, year, 4);
        putDigits(buffer, offset + 4, month, 2);
        putDigits(buffer, offset + 6, day, 2);
        buffer.putByte(offset + 8, (byte)'-');
        final int secondsOfDay = (int)(msOfDay / 1000);
        putDigits(buffer, offset + 9, secondsOfDay / 3600, 2);
        buffer.putByte(offset + 11, (byte)':');
        putDigits(buffer, offset + 12, (secondsOfDay / 60) % 60, 2);
        buffer.putByte(offset + 14, (byte)':');
        putDigits(buffer, offset + 15, secondsOfDay % 60, 2);
        buffer.putByte(offset + 17, (byte)'.');
        putDigits(buffer, offset + 18, (int)(msOfDay % 1000), 3);
        return TIMESTAMP_MS_LENGTH;
    }

    static long daysFromCivil(final int year, final int month, final int day)
    {
        final int y = month <= 2 ? year - 1 : year;
        final long era = (y >= 0 ? y : y - 399) / 400;
        final long yoe = y - era * 400;
        final long doy = (153L * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        final long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097 + doe - 719_468;
    }

    private static int twoDigits(final DirectBuffer buffer, final int offset)
    {
        final int a = buffer.getByte(offset) - '0';
        final int b = buffer.getByte(offset + 1) - '0';
        if (a < 0 || a > 9 || b < 0 || b > 9)
        {
            return -1;
        }
        return a * 10 + b;
    }

    private static void putDigits(final MutableDirectBuffer buffer, final int offset, final int value, final int width)
    {
        int v = value;
        for (int i = width - 1; i >= 0; i--)
        {
            buffer.putByte(offset + i, (byte)('0' + v % 10));
            v /= 10;
        }
    }
}
