package io.databourse.console.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.databourse.console.view.ConsoleView;
import io.databourse.journal.schema.MessageType;
import io.databourse.journal.schema.RejectReason;
import io.databourse.settlement.SettlementPipeline;
import io.databourse.settlement.StageRunner;

/**
 * The figures the console reads itself: the matcher's commands and refusals (counted from the
 * journal, where every command and its outcome are written), the journal's seq and size, and each
 * settlement stage's lag behind the journal (records between the journal's last seq and the
 * stage's last applied one).
 */
public final class ExchangeMetrics implements MetricsSource
{
    private final ConsoleView view;
    private final Path journalDir;
    private final SettlementPipeline pipeline;
    private final Supplier<Throwable> followerFailure;

    public ExchangeMetrics(final ConsoleView view, final Path journalDir, final SettlementPipeline pipeline,
        final Supplier<Throwable> followerFailure)
    {
        this.view = view;
        this.journalDir = journalDir;
        this.pipeline = pipeline;
        this.followerFailure = followerFailure;
    }

    @Override
    public void writeTo(final PrometheusText out)
    {
        final long journalSeq = view.lastSeq();
        out.describe("databourse_matcher_commands_total", "counter", "Commands journaled by the matcher, by type");
        for (int type = MessageType.PARTICIPANT; type <= MessageType.PRODUCT_LIST_REQUEST; type++)
        {
            out.sample("databourse_matcher_commands_total", view.commands(type), "type", MessageType.nameOf(type));
        }
        out.describe("databourse_matcher_rejects_total", "counter", "Commands the matcher refused, by RejectReason");
        for (final RejectReason reason : RejectReason.values())
        {
            out.sample("databourse_matcher_rejects_total", view.refusals(reason), "reason", reason.name());
        }
        out.describe("databourse_journal_seq", "gauge", "Seq of the last journal record the console has read");
        out.sample("databourse_journal_seq", journalSeq);
        out.describe("databourse_journal_record_bytes_total", "counter",
            "Bytes of the journal records read since the console started (unpacked)");
        out.sample("databourse_journal_record_bytes_total", view.bytes());
        out.describe("databourse_journal_file_bytes", "gauge", "Bytes of the journal's files on disk");
        out.sample("databourse_journal_file_bytes", journalFileBytes());
        out.describe("databourse_settlement_stage_applied_seq", "gauge", "Seq of the last record a settlement stage applied");
        out.describe("databourse_settlement_stage_lag_records", "gauge",
            "Journal records a settlement stage has still to apply (journal seq - applied seq)");
        for (final StageRunner runner : pipeline.runners())
        {
            final String stage = runner.stage().name();
            final long applied = runner.appliedSeq();
            out.sample("databourse_settlement_stage_applied_seq", applied, "stage", stage);
            out.sample("databourse_settlement_stage_lag_records", Math.max(0, journalSeq - applied), "stage", stage);
        }
        out.describe("databourse_settlement_failed", "gauge", "1 once a settlement stage has failed");
        out.sample("databourse_settlement_failed", null == pipeline.failure() ? 0 : 1);
        out.describe("databourse_console_follower_failed", "gauge",
            "1 once the console's journal follower met a record it could not apply (its views stopped)");
        out.sample("databourse_console_follower_failed", null == followerFailure.get() ? 0 : 1);
    }

    private long journalFileBytes()
    {
        if (!Files.isDirectory(journalDir))
        {
            return 0;
        }
        try (Stream<Path> files = Files.list(journalDir))
        {
            return files.filter(Files::isRegularFile).mapToLong(f ->
            {
                try
                {
                    return Files.size(f);
                }
                catch (final IOException ex)
                {
                    return 0;
                }
            }).sum();
        }
        catch (final IOException ex)
        {
            return 0;
        }
    }
}
