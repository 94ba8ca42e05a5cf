package io.databourse.exchange.cli;

import java.net.BindException;

/**
 * One line for a command that failed: the outermost message that says what was being done, and the
 * root cause that says why. A stack trace is for developers; an operator gets a sentence.
 */
public final class StartFailure
{
    private StartFailure()
    {
    }

    public static String describe(final Throwable failure)
    {
        Throwable root = failure;
        while (null != root.getCause() && root.getCause() != root)
        {
            root = root.getCause();
        }
        final String what = null == failure.getMessage() ? failure.getClass().getSimpleName() : failure.getMessage();
        if (root == failure)
        {
            return what;
        }
        final String why = root instanceof BindException ? "address already in use" :
            null == root.getMessage() ? root.getClass().getSimpleName() : root.getMessage();
        return what.contains(why) ? what : what + " (" + why + ")";
    }
}
