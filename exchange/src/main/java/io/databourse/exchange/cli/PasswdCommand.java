package io.databourse.exchange.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;

import io.databourse.edge.PasswordHash;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code databourse passwd}: the salted hash of a password, for the FIX sessions file
 * ({@code passwordHash = ...}) and the HTTP credentials file. The password is read without echo
 * from the terminal, or one per line from standard input, never from the command line (which the
 * shell's history and the process list would show).
 */
@Command(name = "passwd", mixinStandardHelpOptions = true,
    description = {"Prints the salted PBKDF2 hash of a password, for passwordHash in a FIX sessions file and the " +
        "third column of an HTTP credentials file.",
        "Reads the password from the terminal without echo, or one password per line from standard input " +
        "(one hash per line out): echo is never needed, and the password never appears in a command line."})
public final class PasswdCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Option(names = "--iterations", paramLabel = "N",
        description = "PBKDF2 iterations, " + PasswordHash.ITERATIONS_MIN + ".." + PasswordHash.ITERATIONS_MAX +
        " (default: ${DEFAULT-VALUE}); each logon check costs as many HMACs")
    private int iterations = PasswordHash.ITERATIONS_DEFAULT;

    @Override
    public Integer call() throws IOException
    {
        if (iterations < PasswordHash.ITERATIONS_MIN || iterations > PasswordHash.ITERATIONS_MAX)
        {
            throw new ParameterException(spec.commandLine(), "--iterations must be " + PasswordHash.ITERATIONS_MIN + ".." +
                PasswordHash.ITERATIONS_MAX + ", not " + iterations);
        }
        final PrintWriter out = spec.commandLine().getOut();
        final Console console = System.console();
        if (null != console)
        {
            final char[] first = console.readPassword("password: ");
            final char[] again = console.readPassword("again: ");
            try
            {
                if (null == first || first.length == 0 || !Arrays.equals(first, again))
                {
                    spec.commandLine().getErr().println("databourse passwd: the two passwords differ, or are empty");
                    return 1;
                }
                out.println(PasswordHash.hash(new String(first), iterations));
            }
            finally
            {
                Arrays.fill(first, '\0');
                if (null != again)
                {
                    Arrays.fill(again, '\0');
                }
            }
            out.flush();
            return 0;
        }
        int hashed = 0;
        final BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while (null != (line = in.readLine()))
        {
            if (line.isEmpty())
            {
                continue;
            }
            if (line.length() > PasswordHash.PASSWORD_LENGTH_MAX)
            {
                spec.commandLine().getErr().println("databourse passwd: a password longer than " +
                    PasswordHash.PASSWORD_LENGTH_MAX + " characters");
                return 1;
            }
            out.println(PasswordHash.hash(line, iterations));
            hashed++;
        }
        out.flush();
        if (hashed == 0)
        {
            spec.commandLine().getErr().println("databourse passwd: no password on standard input");
            return 1;
        }
        return 0;
    }
}
