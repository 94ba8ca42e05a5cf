package io.databourse.perf;

import org.HdrHistogram.Histogram;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.List;

/**
 * The classic HdrHistogram percentile chart: x in "nines" (0 = p0, 1 = p90, 2 = p99, 3 = p99.9 ...),
 * y the latency in microseconds on a log axis, one line per offered rate. Headless PNG.
 */
final class PercentilePlot
{
    private PercentilePlot()
    {
    }

    static void write(final Path png, final String title, final List<LatencyBench.Result> results) throws IOException
    {
        System.setProperty("java.awt.headless", "true");
        final XYSeriesCollection data = new XYSeriesCollection();
        for (final LatencyBench.Result r : results)
        {
            final Histogram h = r.histogram();
            // a rate measured twice in one run (--rates 1000000,1000000) gets a line of its own
            String label = r.label();
            for (int n = 2; data.getSeriesIndex(label) >= 0; n++)
            {
                label = r.label() + " (#" + n + ")";
            }
            final XYSeries series = new XYSeries(label);
            for (double nines = 0; nines <= 5.0001; nines += 0.05)
            {
                final double percentile = 100.0 * (1.0 - Math.pow(10, -nines));
                if (percentile > 100.0 * (1.0 - 1.0 / Math.max(1, h.getTotalCount())))
                {
                    break;
                }
                series.add(nines, Math.max(0.01, h.getValueAtPercentile(percentile) / 1000.0));
            }
            series.add(Math.min(5.5, Math.log10(Math.max(10, h.getTotalCount()))), Math.max(0.01, h.getMaxValue() / 1000.0));
            data.addSeries(series);
        }
        final NumberAxis x = new NumberAxis("percentile");
        x.setTickUnit(new NumberTickUnit(1, new NinesFormat()));
        x.setRange(0, 5.5);
        final LogAxis y = new LogAxis("latency (µs, log)");
        y.setSmallestValue(0.01);
        y.setTickUnit(new NumberTickUnit(1.0));
        y.setNumberFormatOverride(new java.text.DecimalFormat("#,##0.##"));
        final XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        final XYPlot plot = new XYPlot(data, x, y, renderer);
        final JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        Files.createDirectories(png.toAbsolutePath().getParent());
        ChartUtils.saveChartAsPNG(png.toFile(), chart, 1000, 600);
    }

    /** Labels 0,1,2,3 as 0%, 90%, 99%, 99.9%. */
    private static final class NinesFormat extends NumberFormat
    {
        private static final long serialVersionUID = 1L;

        @Override
        public StringBuffer format(final double number, final StringBuffer toAppendTo, final FieldPosition pos)
        {
            final int n = (int)Math.round(number);
            if (n <= 0)
            {
                return toAppendTo.append("0%");
            }
            if (n == 1)
            {
                return toAppendTo.append("90%");
            }
            return toAppendTo.append("99").append(n > 2 ? "." + "9".repeat(n - 2) : "").append('%');
        }

        @Override
        public StringBuffer format(final long number, final StringBuffer toAppendTo, final FieldPosition pos)
        {
            return format((double)number, toAppendTo, pos);
        }

        @Override
        public Number parse(final String source, final ParsePosition parsePosition)
        {
            return null;
        }
    }
}
