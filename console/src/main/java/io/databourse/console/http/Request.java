package io.databourse.console.http;

import io.databourse.console.auth.ConsoleRole;
import io.databourse.console.auth.ConsoleSession;
import io.databourse.console.view.ReferenceBook;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;

/**
 * An authenticated API request: the connection, the request, its path split on '/', the session
 * and the role it has now (credential role and journal roles agreeing, decided per request).
 */
record Request(ChannelHandlerContext ctx, FullHttpRequest http, String[] path, ConsoleSession session, ConsoleRole role)
{
    /** Whether the session may see a participant's own data: its own, or everyone's for a risk officer or regulator. */
    boolean maySee(final String participant)
    {
        return role.seesAll() || session.participant().equals(participant);
    }

    static ConsoleRole roleOf(final ConsoleSession session, final ReferenceBook.Participant registered)
    {
        return ConsoleRole.of(session.credentialRole(), null == registered ? -1 : registered.roles);
    }
}
