package io.databourse.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** The demo reference data of bin/databourse run, read from the exchange module's sources. */
public final class ReferenceData
{
    private ReferenceData()
    {
    }

    public static List<String> demoLines()
    {
        try
        {
            return Files.readAllLines(Path.of("../exchange/src/main/resources/demo/reference-data.jsonl")).stream()
                .map(String::trim)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .collect(Collectors.toList());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** Orders the demo data itself places (a product's owner stocks a buyer; a buyer buys for a purpose). */
    public static long demoOrders()
    {
        return demoLines().stream().filter(line -> line.contains("\"type\":\"new\"")).count();
    }

    /** Trades the demo data makes: each of its buys fills against the owner's offer placed just before. */
    public static long demoTrades()
    {
        return demoLines().stream().filter(line -> line.contains("\"type\":\"new\"") && line.contains("\"side\":\"buy\""))
            .count();
    }

    /** A buy of P1 and a sell of TW on DATA.TRAFFIC.API that cross, numbered {@code n}. */
    public static List<String> crossingPair(final int n)
    {
        return List.of(
            "{\"type\":\"new\",\"participant\":\"TW\",\"clOrdId\":\"s" + n + "\",\"product\":\"DATA.TRAFFIC.API\"," +
                "\"side\":\"sell\",\"ordType\":\"limit\",\"tif\":\"gtc\",\"price\":\"12.00\",\"qty\":1}",
            "{\"type\":\"new\",\"participant\":\"P1\",\"clOrdId\":\"b" + n + "\",\"product\":\"DATA.TRAFFIC.API\"," +
                "\"side\":\"buy\",\"ordType\":\"limit\",\"tif\":\"gtc\",\"price\":\"12.00\",\"qty\":1}");
    }
}
