package io.databourse.journal.schema;

import io.databourse.journal.sbe.CapacityCommandDecoder;
import io.databourse.journal.sbe.CapacityCommandEncoder;
import org.agrona.MutableDirectBuffer;

/**
 * The node names a capacity command carries after the schema's {@code CapacityCommand} block:
 * {@code nodeCount} names of {@link #NODE_LENGTH} bytes each (zero-padded ASCII), so that the
 * header's length is the block plus {@code nodeCount x 16}.
 */
public final class CapacityNodes
{
    /** Width of one node name (the schema's Name). */
    public static final int NODE_LENGTH = AsciiFields.NAME_LENGTH;
    /** Nodes one command may register; bounds the message at about 1 KiB. */
    public static final int NODES_MAX = 64;
    /** The longest capacity command. */
    public static final int LENGTH_MAX = CapacityCommandDecoder.BLOCK_LENGTH + NODES_MAX * NODE_LENGTH;

    private CapacityNodes()
    {
    }

    /** True when the declared node count agrees with the message length and the limit. */
    public static boolean isWellFormed(final CapacityCommandDecoder command)
    {
        final int n = command.nodeCount();
        return n >= 1 && n <= NODES_MAX && command.header().length() == CapacityCommandDecoder.BLOCK_LENGTH + n * NODE_LENGTH;
    }

    /** Offset in the command's buffer of node {@code index}'s name (of a well-formed command). */
    public static int nodeOffset(final CapacityCommandDecoder command, final int index)
    {
        return command.offset() + CapacityCommandDecoder.BLOCK_LENGTH + index * NODE_LENGTH;
    }

    /** Node {@code index}'s name (of a well-formed command). */
    public static String node(final CapacityCommandDecoder command, final int index)
    {
        return AsciiFields.get(command.buffer(), nodeOffset(command, index), NODE_LENGTH);
    }

    /**
     * Appends a node name to a command encoded by {@link Codecs#encode} (count and header length
     * follow); false, and nothing added, when full or the name is not 1..16 printable ASCII characters.
     */
    public static boolean addNode(final CapacityCommandEncoder command, final CharSequence name)
    {
        final MutableDirectBuffer buffer = command.buffer();
        final int countAt = command.offset() + CapacityCommandEncoder.nodeCountEncodingOffset();
        final int n = buffer.getInt(countAt, CapacityCommandEncoder.BYTE_ORDER);
        if (n >= NODES_MAX || null == name || name.length() == 0)
        {
            return false;
        }
        final int at = command.offset() + CapacityCommandEncoder.BLOCK_LENGTH + n * NODE_LENGTH;
        buffer.checkLimit(at + NODE_LENGTH); // an expandable buffer grows; others throw
        if (!AsciiFields.putId(buffer, at, NODE_LENGTH, name))
        {
            return false;
        }
        final int length = CapacityCommandEncoder.BLOCK_LENGTH + (n + 1) * NODE_LENGTH;
        command.nodeCount(n + 1);
        command.header().length(length);
        command.limit(command.offset() + length);
        return true;
    }

}
