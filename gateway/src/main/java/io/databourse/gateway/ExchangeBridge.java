package io.databourse.gateway;

import io.databourse.gateway.app.Application;
import io.databourse.gateway.session.SessionConfig;
import io.databourse.gateway.session.SessionRegistry;

/** Placeholder until the Aeron bridge lands. */
final class ExchangeBridge implements AutoCloseable
{
    ExchangeBridge(final GatewayContext ctx, final SessionRegistry registry)
    {
        throw new UnsupportedOperationException("exchange sessions not implemented yet");
    }

    Application newApplication(final SessionConfig config)
    {
        throw new UnsupportedOperationException();
    }

    void start()
    {
    }

    @Override
    public void close()
    {
    }
}
