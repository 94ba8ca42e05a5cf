package io.databourse.exchange.cluster;

import java.io.IOException;
import java.nio.file.Path;

import io.databourse.journal.files.OwnerOnly;
import io.databourse.settlement.SettlementContext;
import io.databourse.settlement.SettlementPipeline;
import io.databourse.settlement.http.Credentials;
import io.databourse.settlement.http.PositionsHttpContext;
import io.databourse.settlement.http.PositionsHttpServer;
import org.agrona.CloseHelper;
import org.agrona.LangUtil;

/**
 * Settlement beside a cluster member: the pipeline tails the member's own journal (every member's
 * is the same, record for record), keeps its state in the member's directory and serves positions,
 * as {@code run} does beside its matcher. It never writes back.
 */
public final class MemberSettlement implements AutoCloseable
{
    private final SettlementPipeline settlement;
    private final PositionsHttpServer positionsHttp;

    private MemberSettlement(final Path nodeDir, final int positionsPort, final String credentials)
    {
        SettlementPipeline pipeline = null;
        PositionsHttpServer http = null;
        try
        {
            OwnerOnly.createDirectories(nodeDir.resolve("journal"));
            pipeline = new SettlementPipeline(new SettlementContext()
                .journalDir(nodeDir.resolve("journal"))
                .stateDir(nodeDir.resolve("settlement"))
                .batch(false)
                .conclude()).start();
            http = PositionsHttpServer.launch(new PositionsHttpContext()
                .pipeline(pipeline)
                .credentials(Credentials.load(credentials))
                .port(positionsPort));
        }
        catch (final IOException ex)
        {
            CloseHelper.quietCloseAll(http, pipeline);
            throw new IllegalStateException("cannot start settlement beside " + nodeDir + ": " + ex.getMessage(), ex);
        }
        catch (final Throwable ex) // Netty's bind failure is a checked exception thrown undeclared
        {
            CloseHelper.quietCloseAll(http, pipeline);
            LangUtil.rethrowUnchecked(ex);
        }
        this.settlement = pipeline;
        this.positionsHttp = http;
    }

    public static MemberSettlement launch(final Path nodeDir, final int positionsPort, final String credentials)
    {
        return new MemberSettlement(nodeDir, positionsPort, credentials);
    }

    public int positionsPort()
    {
        return positionsHttp.port();
    }

    @Override
    public void close()
    {
        CloseHelper.closeAll(positionsHttp, settlement);
    }
}
