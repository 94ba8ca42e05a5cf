package io.databourse.settlement.ledger;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;

import io.databourse.journal.sbe.TradeEventDecoder;
import io.databourse.journal.schema.Codecs;
import io.databourse.journal.schema.JournalRecord;
import io.databourse.journal.schema.MessageType;
import io.databourse.settlement.AppendLog;
import io.databourse.settlement.SettlementContext;
import io.databourse.settlement.SettlementStage;
import io.databourse.settlement.ref.Format;
import io.databourse.settlement.ref.ReferenceData;
import org.agrona.DirectBuffer;

/**
 * Issues one transaction certificate per fill, hash-chained, into {@code certificates.jsonl}. Runs
 * after the ledger on the ring (a certificate certifies a settled fill). The chain head (last hash)
 * and the file's committed length travel in the checkpoint, so a restart continues the same chain.
 * Whenever the file is flushed with new certificates, the head is signed with the exchange's key
 * into {@value CertificateChainHead#FILE} next to it, so certificates cut off the end of the chain
 * (or appended to it) are detected. A crash between that write and the checkpoint leaves the head
 * ahead of the file cut back on restart, until the stage has re-issued the same certificates.
 */
public final class CertificateStage implements SettlementStage
{
    public static final String NAME = "certificates";
    public static final String CERTIFICATES_FILE = "certificates.jsonl";
    /** The signing key's public half, published next to the certificates. */
    public static final String PUBLIC_KEY_FILE = "certificates.pub";
    /** Marks this stage's snapshot format: a checkpoint of an earlier format is refused by name. */
    static final int SNAPSHOT_FORMAT = 0x43455232; // "CER2"

    private final SettlementContext ctx;
    private final ReferenceData ref;
    private final TradeEventDecoder trade = new TradeEventDecoder();
    private final MessageDigest digest = Certificates.sha256();
    private final StringBuilder canonical = new StringBuilder(256);
    private final StringBuilder line = new StringBuilder(512);
    private final JournalRecord.EventHandler eventHandler = this::onEvent;
    private AppendLog out;
    private long committedLength;
    private final StringBuilder prevHash = new StringBuilder(Certificates.GENESIS_HASH);
    private final StringBuilder hash = new StringBuilder(64);
    private final byte[] digestScratch = new byte[32];
    private long certificateCount;
    private long lastCertificateSeq;
    private long lastTradeId;
    private long seq;
    private long timeNs;
    private CertificateSigningKey signingKey;
    /** Certificates the head on disk covers; -1: not written since open. */
    private long headCertificates = -1;

    public CertificateStage(final SettlementContext ctx)
    {
        this.ctx = ctx;
        this.ref = new ReferenceData(ctx.participantsMax(), ctx.productsMax());
    }

    @Override
    public String name()
    {
        return NAME;
    }

    public Path certificatesFile()
    {
        return ctx.stateDir().resolve(CERTIFICATES_FILE);
    }

    public long certificateCount()
    {
        return certificateCount;
    }

    public String lastHash()
    {
        return prevHash.toString();
    }

    public Path headFile()
    {
        return ctx.stateDir().resolve(CertificateChainHead.FILE);
    }

    /** The exchange's signing key (loaded at open). */
    public CertificateSigningKey signingKey()
    {
        return signingKey;
    }

    /** Id of the last certificate issued, "" before the first. */
    public String lastCertificateId()
    {
        return 0 == certificateCount ? "" : Certificates.appendCertificateId(new StringBuilder(), lastTradeId).toString();
    }

    /**
     * Publishes the chain into {@code outDir}, owner-only: {@code certificates.jsonl}, its signed head
     * and the public key to check it with ({@value #PUBLIC_KEY_FILE}). Called once the stage has
     * stopped (the batch run's outputs).
     */
    public void publish(final Path outDir) throws IOException
    {
        if (headCertificates != certificateCount || !Files.exists(headFile()))
        {
            flush(); // e.g. an empty journal: the head of an empty chain is signed too
        }
        final Path certificates = outDir.resolve(CERTIFICATES_FILE);
        Files.copy(certificatesFile(), certificates, StandardCopyOption.REPLACE_EXISTING);
        OwnerOnlyFiles.restrict(certificates);
        OwnerOnlyFiles.write(outDir.resolve(CertificateChainHead.FILE), Files.readAllBytes(headFile()), false);
        OwnerOnlyFiles.write(outDir.resolve(PUBLIC_KEY_FILE),
            CertificateSigningKey.publicKeyPem(signingKey.publicKey()).getBytes(StandardCharsets.US_ASCII), false);
    }

    @Override
    public void open(final Path stateDir, final boolean restored) throws IOException
    {
        out = new AppendLog(stateDir.resolve(CERTIFICATES_FILE), restored ? committedLength : 0, 1 << 16, ctx.fsync());
        signingKey = CertificateSigningKey.loadOrCreate(ctx.signingKeyDir());
        headCertificates = -1;
    }

    @Override
    public void onRecord(final JournalRecord record)
    {
        seq = record.seq();
        timeNs = record.timeNs();
        record.forEachEvent(eventHandler);
    }

    private void onEvent(final int type, final DirectBuffer buffer, final int offset, final int length)
    {
        ref.onEvent(type, buffer, offset);
        if (MessageType.TRADE == type)
        {
            Codecs.wrap(trade, buffer, offset);
            issue(trade);
        }
    }

    /** Builds, hashes and appends one certificate; allocation-free (reused builders and digest). */
    private void issue(final TradeEventDecoder trade)
    {
        final long valueFen = Math.multiplyExact(trade.priceFen(), trade.qty());
        final String product = ref.productId(trade.product());
        final String buyer = ref.participantId(trade.buyer());
        final String seller = ref.participantId(trade.seller());

        final long index = certificateCount + 1;
        canonical.setLength(0);
        canonical.append(index).append('|');
        final int idStart = canonical.length();
        Certificates.appendCertificateId(canonical, trade.tradeId()).append('|');
        final int idEnd = canonical.length() - 1;
        canonical.append(trade.tradeId()).append('|').append(seq).append('|').append(timeNs).append('|')
            .append(product).append('|').append(buyer).append('|').append(seller).append('|');
        Format.appendYuan(canonical, trade.priceFen()).append('|').append(trade.qty()).append('|');
        Format.appendYuan(canonical, valueFen).append('|');
        Format.appendYuan(canonical, trade.buyFeeFen()).append('|');
        Format.appendYuan(canonical, trade.sellFeeFen()).append('|').append(prevHash);
        hash.setLength(0);
        Certificates.appendHash(digest, canonical, digestScratch, hash);

        line.setLength(0);
        line.append("{\"index\":").append(index).append(",\"tradeId\":").append(trade.tradeId())
            .append(",\"certificateId\":\"").append(canonical, idStart, idEnd).append("\",\"hash\":\"").append(hash)
            .append("\",\"prevHash\":\"").append(prevHash).append("\",\"seq\":").append(seq)
            .append(",\"timeNs\":").append(timeNs).append(",\"time\":\"");
        Format.appendTime(line, timeNs).append("\",\"product\":");
        Certificates.appendJsonString(line, product).append(",\"buyer\":");
        Certificates.appendJsonString(line, buyer).append(",\"seller\":");
        Certificates.appendJsonString(line, seller).append(",\"price\":\"");
        Format.appendYuan(line, trade.priceFen()).append("\",\"qty\":").append(trade.qty()).append(",\"value\":\"");
        Format.appendYuan(line, valueFen).append("\",\"buyerFee\":\"");
        Format.appendYuan(line, trade.buyFeeFen()).append("\",\"sellerFee\":\"");
        Format.appendYuan(line, trade.sellFeeFen()).append("\"}\n");
        try
        {
            out.append(line);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        prevHash.setLength(0);
        prevHash.append(hash);
        certificateCount = index;
        lastCertificateSeq = seq;
        lastTradeId = trade.tradeId();
    }

    /**
     * The batch's certificates reach the file at once, not at the next checkpoint, which a quiet
     * market may not bring for a long time: the web console shows each fill's certificate from this
     * file. Unforced, so it costs one write a batch; a crash before the checkpoint cuts them off and
     * the records are certified again, identically.
     */
    @Override
    public void onBatchApplied()
    {
        try
        {
            out.writeOut();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void flush() throws IOException
    {
        out.flush();
        if (headCertificates != certificateCount)
        {
            // Signed at checkpoints only (at most every checkpoint interval), never per fill.
            CertificateChainHead.sign(certificateCount, lastCertificateId(), lastHash(), lastCertificateSeq, signingKey)
                .write(headFile(), ctx.fsync());
            headCertificates = certificateCount;
        }
    }

    @Override
    public void checkInvariants()
    {
        if (prevHash.length() != 64)
        {
            throw new IllegalStateException("chain head is not a SHA-256 hex digest");
        }
        if (certificateCount < 0 || (0 == certificateCount) != Certificates.GENESIS_HASH.contentEquals(prevHash))
        {
            throw new IllegalStateException(certificateCount + " certificates with chain head " + prevHash);
        }
    }

    @Override
    public void writeSnapshot(final DataOutput dataOut) throws IOException
    {
        dataOut.writeInt(SNAPSHOT_FORMAT);
        dataOut.writeLong(out.length());
        dataOut.writeUTF(prevHash.toString());
        dataOut.writeLong(certificateCount);
        dataOut.writeLong(lastCertificateSeq);
        dataOut.writeLong(lastTradeId);
        ref.writeSnapshot(dataOut);
    }

    @Override
    public void readSnapshot(final DataInput in) throws IOException
    {
        final int format = in.readInt();
        if (SNAPSHOT_FORMAT != format)
        {
            throw new IOException("certificate checkpoint of another format (" + Integer.toHexString(format) +
                "): delete the settlement state directory and settle the journal again");
        }
        committedLength = in.readLong();
        prevHash.setLength(0);
        prevHash.append(in.readUTF());
        certificateCount = in.readLong();
        lastCertificateSeq = in.readLong();
        lastTradeId = in.readLong();
        ref.readSnapshot(in);
    }

    @Override
    public void close()
    {
        try
        {
            if (null != out)
            {
                out.close();
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
