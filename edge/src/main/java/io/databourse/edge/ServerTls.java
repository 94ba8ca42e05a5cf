package io.databourse.edge;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLException;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;

/**
 * The server side of TLS for the exchange's listeners (FIX and HTTP), as a Netty {@link SslContext}
 * whose handler goes first in each connection's pipeline. The certificate is either the
 * operator's (PEM certificate chain and PKCS#8 key, or a PKCS#12 keystore) or, for the demo, a
 * self-signed one made at first start with the JDK's keytool in a directory of the exchange's
 * data: {@code demo-tls.p12} (owner-only, its password beside it in {@code demo-tls.password}) and
 * {@code demo-tls.crt}, the certificate in PEM for clients to trust ({@code curl --cacert}, a
 * QuickFIX/J truststore). docs/reliability.md says how to replace it.
 */
public final class ServerTls
{
    public static final String DEMO_KEYSTORE = "demo-tls.p12";
    public static final String DEMO_PASSWORD = "demo-tls.password";
    public static final String DEMO_CERTIFICATE = "demo-tls.crt";
    private static final String ALIAS = "databourse";
    private static final long KEYTOOL_TIMEOUT_S = 60;

    private ServerTls()
    {
    }

    /** From a PEM certificate chain and a PKCS#8 private key (unencrypted). */
    public static SslContext fromPem(final File certificateChain, final File privateKey)
    {
        try
        {
            return SslContextBuilder.forServer(certificateChain, privateKey).build();
        }
        catch (final SSLException | IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("cannot use TLS certificate " + certificateChain + " and key " + privateKey +
                ": " + ex.getMessage(), ex);
        }
    }

    /** From a PKCS#12 keystore holding one key entry. */
    public static SslContext fromPkcs12(final Path keystore, final char[] password)
    {
        try (InputStream in = Files.newInputStream(keystore))
        {
            final KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            final KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(store, password);
            return SslContextBuilder.forServer(keyManagers).build();
        }
        catch (final IOException | GeneralSecurityException ex)
        {
            throw new IllegalArgumentException("cannot use TLS keystore " + keystore + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * The demo's self-signed certificate in {@code directory}, made there with keytool the first
     * time (CN=localhost, subject alternative names localhost and 127.0.0.1, EC P-256, 825 days).
     */
    public static SslContext demo(final Path directory)
    {
        final Path keystore = directory.resolve(DEMO_KEYSTORE);
        final Path passwordFile = directory.resolve(DEMO_PASSWORD);
        try
        {
            if (!Files.exists(keystore) || !Files.exists(passwordFile))
            {
                makeDemo(directory, keystore, passwordFile);
            }
            return fromPkcs12(keystore, Files.readString(passwordFile, StandardCharsets.US_ASCII).strip().toCharArray());
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot make the demo TLS certificate in " + directory + ": " + ex.getMessage(), ex);
        }
    }

    private static void makeDemo(final Path directory, final Path keystore, final Path passwordFile) throws IOException
    {
        Files.createDirectories(directory);
        Files.deleteIfExists(keystore);
        final byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        final String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        writeOwnerOnly(passwordFile, password);
        final String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(List.of(keytool, "-genkeypair", "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1",
            "-sigalg", "SHA256withECDSA", "-dname", "CN=localhost, O=DataBourse demo", "-ext",
            "SAN=dns:localhost,ip:127.0.0.1", "-validity", "825", "-keystore", keystore.toString(), "-storetype", "PKCS12",
            "-storepass", password, "-keypass", password));
        setOwnerOnly(keystore);
        run(List.of(keytool, "-exportcert", "-rfc", "-alias", ALIAS, "-keystore", keystore.toString(), "-storetype",
            "PKCS12", "-storepass", password, "-file", directory.resolve(DEMO_CERTIFICATE).toString()));
    }

    private static void run(final List<String> command) throws IOException
    {
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try
        {
            final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(KEYTOOL_TIMEOUT_S, TimeUnit.SECONDS) || process.exitValue() != 0)
            {
                throw new IOException("keytool failed: " + output.strip());
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while keytool ran", ex);
        }
        finally
        {
            process.destroyForcibly();
        }
    }

    private static void writeOwnerOnly(final Path file, final String content) throws IOException
    {
        Files.deleteIfExists(file);
        Files.createFile(file);
        setOwnerOnly(file);
        Files.writeString(file, content + "\n", StandardCharsets.US_ASCII);
    }

    private static void setOwnerOnly(final Path file) throws IOException
    {
        try
        {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
        catch (final UnsupportedOperationException ex)
        {
            // not a POSIX file system: the directory's own protection applies
        }
    }
}
