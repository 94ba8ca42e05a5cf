package io.databourse.matcher;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Methods the matcher's speed counts on HotSpot inlining stay under its limit for hot call sites
 * ({@code -XX:FreqInlineSize}, 325 bytecode bytes on x86-64 and AArch64). Past it C2 compiles the
 * method on its own and every caller pays a call: {@link OrderEventWriter#encode} at 351 bytes cost
 * about 2 % of the exchange-core mix (docs/perf.md). A size, not a timing: it fails the build, not
 * a benchmark, when an edit pushes one over.
 */
class HotPathInliningTest
{
    private static final int FREQ_INLINE_SIZE = 325;

    @Test
    void theOrderEventWriterIsInlinedWhereItIsCalled()
    {
        assertFitsHotInlining(OrderEventWriter.class, "encode");
        assertFitsHotInlining(OrderEventWriter.class, "flagsWord");
    }

    @Test
    void bytecodeSizeIsReadFromTheClassFile()
    {
        // the measure itself: a method of a known shape reads as its size
        assertEquals(2, bytecodeLength(HotPathInliningTest.class, "one"));
    }

    @SuppressWarnings("unused")
    private static int one()
    {
        return 1; // iconst_1, ireturn
    }

    private static void assertFitsHotInlining(final Class<?> type, final String method)
    {
        final int length = bytecodeLength(type, method);
        assertTrue(length <= FREQ_INLINE_SIZE, type.getSimpleName() + "." + method + " is " + length +
            " bytecode bytes, over HotSpot's hot-inlining limit of " + FREQ_INLINE_SIZE);
    }

    /** The length of the only method named {@code method} in {@code type}'s class file, by javap. */
    private static int bytecodeLength(final Class<?> type, final String method)
    {
        final ToolProvider javap = ToolProvider.findFirst("javap")
            .orElseThrow(() -> new AssertionError("javap is not in this JDK (module jdk.jdeps)"));
        final StringWriter out = new StringWriter();
        final String classes = type.getProtectionDomain().getCodeSource().getLocation().getPath();
        final int rc = javap.run(new PrintWriter(out), new PrintWriter(out), "-c", "-p", "-cp", classes, type.getName());
        assertEquals(0, rc, out::toString);
        final Pattern header = Pattern.compile("^  \\S.*[ .]" + Pattern.quote(method) + "\\(.*\\);$");
        final Pattern instruction = Pattern.compile("^ +(\\d+): ([a-z_0-9]+)");
        int methods = 0;
        int last = -1;
        String lastOp = "";
        boolean inside = false;
        for (final String line : out.toString().split("\n"))
        {
            if (line.startsWith("  ") && !line.startsWith("   "))
            {
                inside = header.matcher(line).matches();
                methods += inside ? 1 : 0;
                continue;
            }
            final Matcher m = instruction.matcher(line);
            if (inside && m.find())
            {
                last = Integer.parseInt(m.group(1));
                lastOp = m.group(2);
            }
        }
        assertEquals(1, methods, "methods named " + method + " in " + type.getName());
        assertTrue(lastOp.endsWith("return") || lastOp.equals("athrow"), "last instruction " + lastOp);
        return last + 1; // a return or athrow is one byte
    }
}
