package io.databourse.settlement.ledger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Set;

/**
 * The exchange's Ed25519 key that signs the certificate chain head (JDK provider, no dependency).
 * It lives in one owner-only file ({@value #KEY_FILE}, mode 0600, in a 0700 directory) holding the
 * private key (PKCS#8) and its public key (X.509), both PEM, so OpenSSL reads them too. Created on
 * first use; a key file that others may read, or whose halves do not match, is refused by name.
 * Not thread-safe (one signer per stage thread).
 */
public final class CertificateSigningKey
{
    public static final String KEY_FILE = "certificate-signing-key.pem";
    public static final String ALGORITHM = "Ed25519";
    private static final String PRIVATE_BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String PRIVATE_END = "-----END PRIVATE KEY-----";
    private static final String PUBLIC_BEGIN = "-----BEGIN PUBLIC KEY-----";
    private static final String PUBLIC_END = "-----END PUBLIC KEY-----";

    private final Path file;
    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String keyId;
    private final Signature signer;

    private CertificateSigningKey(final Path file, final PrivateKey privateKey, final PublicKey publicKey)
        throws GeneralSecurityException
    {
        this.file = file;
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.keyId = keyId(publicKey);
        this.signer = Signature.getInstance(ALGORITHM);
    }

    /** Loads the key of {@code dir}, creating the directory (0700) and a new key (0600) on first use. */
    public static CertificateSigningKey loadOrCreate(final Path dir) throws IOException
    {
        final Path file = dir.resolve(KEY_FILE);
        if (!Files.exists(file))
        {
            create(dir, file);
        }
        return load(file);
    }

    /** Loads an existing key file; refuses one that group or others may access. */
    public static CertificateSigningKey load(final Path file) throws IOException
    {
        final PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (null != posix)
        {
            final Set<PosixFilePermission> permissions = posix.readAttributes().permissions();
            if (!OwnerOnlyFiles.FILE.containsAll(permissions))
            {
                throw new IOException("signing key " + file + " is accessible by others (" +
                    PosixFilePermissions.toString(permissions) + "): chmod 600 it, and replace the key if it leaked");
            }
        }
        final String pem = Files.readString(file, StandardCharsets.US_ASCII);
        try
        {
            final KeyFactory factory = KeyFactory.getInstance(ALGORITHM);
            final PrivateKey privateKey = factory.generatePrivate(
                new PKCS8EncodedKeySpec(pemBlock(pem, PRIVATE_BEGIN, PRIVATE_END, file)));
            final PublicKey publicKey = factory.generatePublic(
                new X509EncodedKeySpec(pemBlock(pem, PUBLIC_BEGIN, PUBLIC_END, file)));
            final CertificateSigningKey key = new CertificateSigningKey(file, privateKey, publicKey);
            final byte[] probe = "databourse signing key check".getBytes(StandardCharsets.US_ASCII);
            if (!verify(publicKey, probe, key.sign(probe)))
            {
                throw new IOException("signing key " + file + ": the public key is not the private key's");
            }
            return key;
        }
        catch (final GeneralSecurityException | IllegalArgumentException ex)
        {
            throw new IOException("signing key " + file + " is not an " + ALGORITHM + " key pair: " + ex.getMessage(), ex);
        }
    }

    private static void create(final Path dir, final Path file) throws IOException
    {
        OwnerOnlyFiles.createDirectories(dir);
        final KeyPair pair;
        try
        {
            pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("the JDK provides no " + ALGORITHM, ex);
        }
        final String pem = pem(PRIVATE_BEGIN, PRIVATE_END, pair.getPrivate().getEncoded()) +
            publicKeyPem(pair.getPublic());
        final Path temp = dir.resolve(KEY_FILE + ".tmp");
        OwnerOnlyFiles.writeNew(temp, pem.getBytes(StandardCharsets.US_ASCII), true);
        try
        {
            // No replace: when two processes race to create the key, the first one's stays.
            Files.move(temp, file);
        }
        catch (final FileAlreadyExistsException ex)
        {
            Files.deleteIfExists(temp);
        }
    }

    /** Signs a message (Ed25519 is deterministic: one key and message, one signature). */
    public byte[] sign(final byte[] message)
    {
        try
        {
            signer.initSign(privateKey);
            signer.update(message);
            return signer.sign();
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("signing with " + file + " failed", ex);
        }
    }

    public PublicKey publicKey()
    {
        return publicKey;
    }

    /** SHA-256 of the public key's X.509 encoding, hex: names the key in heads and reports. */
    public String keyId()
    {
        return keyId;
    }

    public Path file()
    {
        return file;
    }

    /** Whether {@code signature} is the key's Ed25519 signature of {@code message}. */
    public static boolean verify(final PublicKey key, final byte[] message, final byte[] signature)
    {
        try
        {
            final Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(key);
            verifier.update(message);
            return verifier.verify(signature);
        }
        catch (final GeneralSecurityException ex)
        {
            return false;
        }
    }

    public static String keyId(final PublicKey key)
    {
        return Certificates.hex(Certificates.sha256().digest(key.getEncoded()));
    }

    /** The public key as PEM ("-----BEGIN PUBLIC KEY-----"), what is published next to the outputs. */
    public static String publicKeyPem(final PublicKey key)
    {
        return pem(PUBLIC_BEGIN, PUBLIC_END, key.getEncoded());
    }

    /** Reads a published public key (PEM, as {@link #publicKeyPem} writes or OpenSSL's {@code -pubout}). */
    public static PublicKey readPublicKey(final Path file) throws IOException
    {
        final String pem = Files.readString(file, StandardCharsets.US_ASCII);
        try
        {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(
                new X509EncodedKeySpec(pemBlock(pem, PUBLIC_BEGIN, PUBLIC_END, file)));
        }
        catch (final GeneralSecurityException | IllegalArgumentException ex)
        {
            throw new IOException(file + " is not an " + ALGORITHM + " public key: " + ex.getMessage(), ex);
        }
    }

    private static String pem(final String begin, final String end, final byte[] der)
    {
        return begin + '\n' + Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(der) + '\n' + end + '\n';
    }

    private static byte[] pemBlock(final String pem, final String begin, final String end, final Path file)
        throws IOException
    {
        final int from = pem.indexOf(begin);
        final int to = from < 0 ? -1 : pem.indexOf(end, from);
        if (from < 0 || to < 0)
        {
            throw new IOException(file + " has no " + begin + " block");
        }
        return Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
    }
}
