package io.databourse.journal.queue;

import io.databourse.journal.schema.Codecs;
import org.agrona.UnsafeApi;

import java.nio.ByteOrder;

/**
 * The journal's excerpt format: the records of an excerpt, packed word by word. Records are
 * sequences of 8-byte fields (little-endian ids, prices, quantities, flags) whose high-order bytes
 * are mostly zero, and ASCII ids padded with zero words, so each word is stored as only its
 * significant low-order bytes (0 to 8), with that count in a 4-bit length. On the exchange-core mix
 * (short ids) an excerpt shrinks from 267 to about 90 bytes a command; long ids fill more of their words.
 * <p>Fewer bytes is what the journal is paid in: appending into the memory-mapped file costs far
 * more per byte than packing does (each fresh page is a fault and a zeroed page; sampling the
 * matcher-plus-journal thread found two thirds of its time in Chronicle's copy into the mapping).
 * Packing is branch-free per word (a leading-zero count, an unconditional 8-byte store): 45 ns for
 * a 248-byte record, 57 ns to unpack it (JMH {@code ExcerptCodecBenchmark}).
 * <pre>
 *   0  format      u8   {@link #FORMAT_PACKED}
 *   1  length      u32  little-endian: the records' length unpacked
 *   5  lengths     ceil(words / 2) bytes: word 2k's byte count in the low nibble of byte k, 2k+1's in the high
 *   .. bytes       each word's significant bytes, low-order first, back to back
 * </pre>
 * where {@code words = ceil(length / 8)}; a last partial word is read as if zero-padded, and written
 * back only up to {@code length}. The encoding of given records is unique, so replaying a journal
 * reproduces its excerpts byte for byte.
 */
public final class ExcerptCodec
{
    /**
     * Byte 0 of every excerpt: the version of the message schema its records were written with
     * ({@code databourse-messages.xml}; the packing has not changed since format 2). Another value is
     * a journal this version cannot read (or corruption). 2 was the packing of the layouts before the
     * market rules of issue 15 (owners, reviews, rights bit sets, purposes, groups, cross-border
     * quotas), 3 the layouts before order and trade events carried the matcher's buy reservations
     * (issue 21), 4 the first declared as a schema, before the matcher journaled the entitlements a
     * usage report or a resale draws (entitlement_drawn), 5 before trade events carried the calendar
     * year of their cross-border records, 6 is theirs. Old journals are refused, never converted.
     */
    public static final byte FORMAT_PACKED = (byte)Codecs.SCHEMA_VERSION;
    /** The format before this one: its trade events lack the cross-border year settlement posts. */
    public static final byte FORMAT_PACKED_BEFORE_CROSS_BORDER_YEAR = 5;
    /** The format before that: its usage reports and resales lack the draws settlement posts. */
    public static final byte FORMAT_PACKED_BEFORE_DRAWS = 4;
    /** The format before those: its order and trade events lack the reservations settlement posts. */
    public static final byte FORMAT_PACKED_BEFORE_RESERVATIONS = 3;
    /** The format before those: its records have the layouts before the market rules. */
    public static final byte FORMAT_PACKED_BEFORE_MARKET_RULES = 2;
    /** The format byte and the unpacked length. */
    public static final int HEADER_LENGTH = 5;

    private static final boolean NATIVE_LE = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
    private static final long ARRAY_BASE = UnsafeApi.arrayBaseOffset(byte[].class);
    /** Low {@code n} bytes of a word, for n = 0..8. */
    private static final long[] MASKS = new long[9];

    static
    {
        for (int n = 1; n <= 8; n++)
        {
            MASKS[n] = n == 8 ? -1L : (1L << (8 * n)) - 1;
        }
    }

    private ExcerptCodec()
    {
    }

    /** Room {@link #pack} needs for {@code length} bytes of records (it stores whole words past its end). */
    public static int maxPackedLength(final int length)
    {
        final int words = wordsOf(length);
        return HEADER_LENGTH + ((words + 1) >>> 1) + words * 8 + 8;
    }

    private static int wordsOf(final int length)
    {
        return (int)(((long)length + 7) >>> 3);
    }

    /**
     * Packs {@code src[srcOffset, srcOffset + length)} into {@code dst} from {@code dstOffset}, which
     * must have {@link #maxPackedLength} bytes of room; returns the packed length.
     */
    public static int pack(final byte[] src, final int srcOffset, final int length, final byte[] dst, final int dstOffset)
    {
        if (srcOffset < 0 || length < 0 || srcOffset > src.length - length)
        {
            throw new IndexOutOfBoundsException("records [" + srcOffset + ", +" + length + ") outside " + src.length);
        }
        if (dstOffset < 0 || dstOffset > dst.length - maxPackedLength(length))
        {
            throw new IndexOutOfBoundsException("no room for " + maxPackedLength(length) + " packed bytes at " + dstOffset);
        }
        final int words = wordsOf(length);
        final int fullWords = length >>> 3;
        dst[dstOffset] = FORMAT_PACKED;
        putLongLE(dst, dstOffset + 1, length); // 8 bytes written, the 3 after the length are overwritten below
        final int lengthsAt = dstOffset + HEADER_LENGTH;
        int out = lengthsAt + ((words + 1) >>> 1);
        final long srcBase = ARRAY_BASE + srcOffset;
        int w = 0;
        for (; w + 1 < fullWords; w += 2)
        {
            final long x0 = getLongLE(src, srcBase + ((long)w << 3));
            final long x1 = getLongLE(src, srcBase + ((long)(w + 1) << 3));
            final int n0 = significantBytes(x0);
            final int n1 = significantBytes(x1);
            putLongLE(dst, out, x0);
            out += n0;
            putLongLE(dst, out, x1);
            out += n1;
            dst[lengthsAt + (w >>> 1)] = (byte)(n0 | (n1 << 4));
        }
        for (; w < words; w++)
        {
            final long x = w < fullWords ? getLongLE(src, srcBase + ((long)w << 3)) : tailWord(src, srcOffset, length);
            final int n = significantBytes(x);
            putLongLE(dst, out, x);
            out += n;
            final int at = lengthsAt + (w >>> 1);
            dst[at] = (w & 1) == 0 ? (byte)n : (byte)((dst[at] & 0x0F) | (n << 4));
        }
        return out - dstOffset;
    }

    /** The last, partial word of the records, zero-padded. */
    private static long tailWord(final byte[] src, final int srcOffset, final int length)
    {
        long x = 0;
        for (int i = length & ~7; i < length; i++)
        {
            x |= (src[srcOffset + i] & 0xFFL) << (8 * (i & 7));
        }
        return x;
    }

    /** Bytes needed for a word's value: 0 for zero, 8 when the top byte is set. */
    private static int significantBytes(final long x)
    {
        return (71 - Long.numberOfLeadingZeros(x)) >>> 3;
    }

    /** Why an excerpt of {@code format} cannot be read, in words, for a refusal. */
    static String whyNot(final byte format)
    {
        return format == FORMAT_PACKED_BEFORE_MARKET_RULES ?
            " (a journal written before the market rules of issue 15: its commands lack owners, reviews," +
            " rights and purposes, so it cannot be replayed by this version)" :
            format == FORMAT_PACKED_BEFORE_RESERVATIONS ?
            " (a journal written before order and trade events carried the matcher's buy reservations," +
            " issue 21: settlement could not post them, so it cannot be read by this version)" :
            format == FORMAT_PACKED_BEFORE_DRAWS ?
            " (a journal written before the matcher journaled the entitlements each usage report and resale" +
            " draws, issue 21: settlement could not post them, so it cannot be read by this version)" :
            format == FORMAT_PACKED_BEFORE_CROSS_BORDER_YEAR ?
            " (a journal written before trade events carried the calendar year of their cross-border records," +
            " issue 21: settlement could not post it, so it cannot be read by this version)" :
            " (a journal written with another message schema, or a corrupt one)";
    }

    /** The unpacked length an excerpt declares (checked against the excerpt's size by {@link #unpack}). */
    public static int unpackedLength(final Object base, final long address, final int packedLength)
    {
        if (packedLength < HEADER_LENGTH)
        {
            throw new IllegalStateException("journal excerpt of " + packedLength + " bytes is shorter than its header");
        }
        final byte format = UnsafeApi.getByte(base, address);
        if (format != FORMAT_PACKED)
        {
            throw new IllegalStateException("journal excerpt has format " + format + ", this version reads format " +
                FORMAT_PACKED + whyNot(format));
        }
        int length = 0;
        for (int i = 0; i < 4; i++)
        {
            length |= (UnsafeApi.getByte(base, address + 1 + i) & 0xFF) << (8 * i);
        }
        if (length < 0)
        {
            throw new IllegalStateException("journal excerpt declares " + Integer.toUnsignedString(length) + " bytes");
        }
        // checked here, before a reader sizes its buffer by the declared length
        final int words = wordsOf(length);
        if (HEADER_LENGTH + ((words + 1L) >>> 1) > packedLength)
        {
            throw new IllegalStateException("journal excerpt of " + packedLength + " bytes cannot hold " + words +
                " word lengths");
        }
        return length;
    }

    /**
     * Unpacks the excerpt of {@code packedLength} bytes at {@code base}/{@code address} (a heap array
     * and its offset, or null and a native address) into {@code dst} from 0, which must hold
     * {@link #unpackedLength} + 8 bytes (whole words are written); returns the unpacked length.
     *
     * @throws IllegalStateException when the excerpt is not a well-formed packed excerpt
     */
    public static int unpack(final Object base, final long address, final int packedLength, final byte[] dst)
    {
        final int length = unpackedLength(base, address, packedLength);
        if (dst.length < (long)length + 8)
        {
            throw new IndexOutOfBoundsException("unpacking " + length + " bytes needs " + (length + 8L) +
                " bytes of room, not " + dst.length);
        }
        final int words = wordsOf(length);
        final long lengthsAt = address + HEADER_LENGTH;
        final long end = address + packedLength;
        long in = lengthsAt + ((words + 1) >>> 1);
        for (int w = 0; w < words; w++)
        {
            final int n = (UnsafeApi.getByte(base, lengthsAt + (w >>> 1)) >>> ((w & 1) << 2)) & 0x0F;
            if (n > 8 || in + n > end)
            {
                throw new IllegalStateException("corrupt packed journal excerpt: word " + w + " of " + words +
                    (n > 8 ? " has length " + n : " runs past the excerpt's " + packedLength + " bytes"));
            }
            final long x;
            if (in + 8 <= end)
            {
                x = getLongLE(base, in) & MASKS[n];
            }
            else
            {
                long v = 0; // the last bytes of the excerpt: never read past it
                for (int i = 0; i < n; i++)
                {
                    v |= (UnsafeApi.getByte(base, in + i) & 0xFFL) << (8 * i);
                }
                x = v;
            }
            putLongLE(dst, (long)w << 3, x);
            in += n;
        }
        if (in != end)
        {
            throw new IllegalStateException("corrupt packed journal excerpt: " + (end - in) + " bytes after its " +
                words + " words");
        }
        return length;
    }

    private static long getLongLE(final Object base, final long address)
    {
        final long v = UnsafeApi.getLong(base, address);
        return NATIVE_LE ? v : Long.reverseBytes(v);
    }

    private static void putLongLE(final byte[] dst, final long offset, final long value)
    {
        UnsafeApi.putLong(dst, ARRAY_BASE + offset, NATIVE_LE ? value : Long.reverseBytes(value));
    }
}
