package io.databourse.exchange.audit;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.databourse.journal.schema.MessageType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code databourse audit product DIR ID}: a product's path through the exchange, and its trades. */
@Command(name = "product", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"A product's path, in order, as JSON Lines: its registration (with its sponsor), each status change " +
        "(review, listing, suspension and other halts, delisting, with who made it), capacity and inventory " +
        "registered for it, and its trades.",
        "Exit status 0; 1 when the product is not in the journal."})
final class ProductCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "a data directory (DIR/journal) or a journal directory")
    private Path dir;

    @Parameters(index = "1", paramLabel = "ID", description = "the product's id")
    private String product;

    @Option(names = "--all", description = "every event about the product: its orders, usage and pledges too")
    private boolean all;

    @Option(names = "--no-trades", description = "the path only, without the trades")
    private boolean noTrades;

    @Mixin
    private AuditOptions.Out output;

    @Override
    public Integer call() throws IOException
    {
        final AuditDir source = AuditDir.resolve(spec, dir);
        final PrintWriter err = spec.commandLine().getErr();
        final EventFacts facts = new EventFacts();
        final int index;
        try (Writer out = output.open(spec); EventScan scan = new EventScan(source, err, "product " + product))
        {
            index = scan.writeAbout(out, s -> s.product(product),
                (type, buffer, offset, q) -> isShown(type) && facts.product(type, buffer, offset) == q,
                Long.MIN_VALUE, Long.MAX_VALUE);
        }
        if (index < 0)
        {
            err.println("databourse audit product: no product " + product + " in the journal");
            return 1;
        }
        return 0;
    }

    private boolean isShown(final int type)
    {
        if (all)
        {
            return type != MessageType.PRODUCT_SNAPSHOT; // answers to gateways asking for the list, not events of it
        }
        return type == MessageType.PRODUCT_REGISTERED || type == MessageType.PRODUCT_STATUS_CHANGED ||
            type == MessageType.CAPACITY_REGISTERED || type == MessageType.INVENTORY_ADDED ||
            (type == MessageType.TRADE && !noTrades);
    }
}
