package io.databourse.exchange.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.databourse.settlement.ledger.CertificateChainHead;
import io.databourse.settlement.ledger.CertificateStage;
import io.databourse.settlement.ledger.CertificateVerifier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code databourse certificates ...}: the transaction certificates settlement issues (docs/settlement.md). */
@Command(name = "certificates", mixinStandardHelpOptions = true,
    description = "Transaction certificates: one per fill, hash-chained, the chain's head signed with the exchange's " +
        "Ed25519 key (docs/settlement.md).",
    subcommands = {CertificatesCommand.Verify.class, CommandLine.HelpCommand.class})
public final class CertificatesCommand implements Runnable
{
    @Spec
    private CommandSpec spec;

    @Override
    public void run()
    {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required (verify)");
    }

    /** {@code databourse certificates verify DIR [--public-key FILE]}. */
    @Command(name = "verify", mixinStandardHelpOptions = true,
        description = {
            "Checks every certificate of DIR/" + CertificateStage.CERTIFICATES_FILE + " (its hash, its index and its " +
                "link to the previous one) and the chain against the signed head DIR/" + CertificateChainHead.FILE + ".",
            "Reports altered, removed, appended and out-of-order certificates by index, and a missing, altered or " +
                "forged head.",
            "Exit status 0 when valid, 1 when not, 2 when DIR holds no certificates."})
    public static final class Verify implements Callable<Integer>
    {
        @Spec
        private CommandSpec spec;

        @Parameters(paramLabel = "DIR",
            description = "a settlement output directory (simulate --settle --out DIR), or its certificates.jsonl")
        private Path location;

        @Option(names = "--public-key", paramLabel = "FILE",
            description = "the exchange's public key (PEM) to check the head with; default DIR/" +
                CertificateStage.PUBLIC_KEY_FILE + ", which only shows that head and chain agree: pin the " +
                "exchange's own key to rule out a re-signed forgery")
        private Path publicKey;

        @Override
        public Integer call() throws IOException
        {
            if (null != publicKey && !Files.isReadable(publicKey))
            {
                throw new CommandLine.ParameterException(spec.commandLine(), "cannot read " + publicKey);
            }
            final Path certificates = Files.isDirectory(location) ?
                location.resolve(CertificateStage.CERTIFICATES_FILE) : location;
            if (!Files.isRegularFile(certificates))
            {
                throw new CommandLine.ParameterException(spec.commandLine(), "no certificates at " + certificates);
            }
            final CertificateVerifier.Report report = CertificateVerifier.verify(location, publicKey);
            final PrintWriter out = spec.commandLine().getOut();
            out.print(report);
            out.flush();
            return report.valid() ? 0 : 1;
        }
    }
}
