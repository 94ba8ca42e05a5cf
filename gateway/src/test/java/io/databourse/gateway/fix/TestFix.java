package io.databourse.gateway.fix;

import java.nio.charset.StandardCharsets;

import org.agrona.concurrent.UnsafeBuffer;

/** Builds FIX test messages from "35=0|34=2|..." (body only), adding 8, 9 and 10. */
public final class TestFix
{
    private TestFix()
    {
    }

    public static String message(final String body)
    {
        final String b = body.replace('|', '\u0001');
        final String head = "8=FIX.4.4\u00019=" + b.length() + "\u0001" + b;
        int sum = 0;
        for (final byte x : head.getBytes(StandardCharsets.ISO_8859_1))
        {
            sum += x & 0xFF;
        }
        return head + String.format("10=%03d\u0001", sum % 256);
    }

    public static UnsafeBuffer buffer(final String raw)
    {
        return new UnsafeBuffer(raw.getBytes(StandardCharsets.ISO_8859_1));
    }

    public static String pipes(final String raw)
    {
        return raw.replace('\u0001', '|');
    }
}
