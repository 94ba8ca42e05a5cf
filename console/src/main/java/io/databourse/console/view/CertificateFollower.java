package io.databourse.console.view;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Follows the settlement certificate stage's output, {@code certificates.jsonl} (one hash-chained
 * certificate a fill, docs/settlement.md), and hands each certificate's id, chain index and hash
 * to the {@link ConsoleView}: the console shows what the stage issued and derives nothing. It
 * reads complete lines only (the stage appends and flushes at its checkpoints) and never a
 * certificate of a record the view has not applied yet, so every certificate finds its fill.
 * Runs on the journal follower's thread, inside a view batch.
 */
public final class CertificateFollower implements AutoCloseable
{
    /** A certificate line is about 600 bytes: a line that does not fit is not a certificate. */
    static final int LINE_MAX = 8192;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path file;
    private final ByteBuffer buffer = ByteBuffer.allocate(4 * LINE_MAX);
    private FileChannel channel;
    /** Bytes of the file consumed: complete lines handed to the view. */
    private long consumed;
    private long certificates;

    public CertificateFollower(final Path file)
    {
        this.file = file;
    }

    /** Hands the view the certificates written since the last call, up to its applied seq; returns how many. */
    int poll(final ConsoleView view)
    {
        try
        {
            if (null == channel)
            {
                if (!Files.exists(file))
                {
                    return 0;
                }
                channel = FileChannel.open(file, StandardOpenOption.READ);
            }
            final long size = channel.size();
            if (size < consumed)
            {
                // the stage cut its file back to its checkpoint (a restart): it re-issues the same chain
                throw new IllegalStateException(file + " shrank from " + consumed + " to " + size + " bytes");
            }
            int handed = 0;
            while (consumed < size)
            {
                buffer.clear();
                final int read = channel.read(buffer, consumed);
                if (read <= 0)
                {
                    break;
                }
                final long before = consumed;
                handed += handLines(view, read);
                if (consumed - before < read)
                {
                    break; // a certificate ahead of the view, or a line not yet complete
                }
            }
            return handed;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("reading " + file, ex);
        }
    }

    /**
     * Hands the view the complete lines among the buffer's first {@code length} bytes, stopping at
     * a certificate of a record the view has not applied yet; advances {@link #consumed}.
     */
    private int handLines(final ConsoleView view, final int length) throws IOException
    {
        final byte[] bytes = buffer.array();
        int start = 0;
        int lines = 0;
        boolean lineEnd = false;
        for (int i = 0; i < length; i++)
        {
            if ('\n' != bytes[i])
            {
                continue;
            }
            lineEnd = true;
            final JsonNode line = MAPPER.readTree(new String(bytes, start, i - start, StandardCharsets.UTF_8));
            if (line.path("seq").asLong(Long.MAX_VALUE) > view.lastSeq())
            {
                break;
            }
            final long index = line.path("index").asLong();
            if (index != certificates + 1)
            {
                throw new IllegalStateException(file + ": certificate " + index + " after " + certificates);
            }
            view.onCertificate(line.path("tradeId").asLong(), new TradeTape.Certificate(index,
                line.path("certificateId").asText(), line.path("hash").asText()));
            certificates = index;
            consumed += i + 1 - start;
            start = i + 1;
            lines++;
        }
        if (!lineEnd && length == buffer.capacity())
        {
            throw new IllegalStateException(file + ": a line longer than " + buffer.capacity() + " bytes at " + consumed);
        }
        return lines;
    }

    /** Certificates handed to the view so far. */
    public long certificates()
    {
        return certificates;
    }

    @Override
    public void close()
    {
        try
        {
            if (null != channel)
            {
                channel.close();
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        channel = null;
    }
}
