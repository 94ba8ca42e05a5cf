package io.databourse.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line of a child JVM on this test's class path, with the launcher's flags (bin/jvm-flags). */
public final class ChildJvm
{
    private ChildJvm()
    {
    }

    public static List<String> command(final String heap, final String mainClass, final String... args) throws IOException
    {
        final List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of(Files.readString(Path.of("../bin/jvm-flags")).trim().split("\\s+")));
        if (Runtime.version().feature() >= 24)
        {
            cmd.add("--sun-misc-unsafe-memory-access=allow");
        }
        cmd.addAll(List.of("-Xmx" + heap, "-cp", System.getProperty("java.class.path"), mainClass));
        cmd.addAll(List.of(args));
        return cmd;
    }
}
