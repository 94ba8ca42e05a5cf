package io.databourse.journal.schema;

import org.agrona.MutableDirectBuffer;

/**
 * A compute provider registers nodes (of the product's hardware class, in its region) for the
 * product's delivery window. Each node contributes one node-hour per hour of the window.
 * <pre>
 *     8 participantId ascii[16]
 *    24 productId     ascii[32]
 *    56 nodeCount     i32 (1..{@link #NODES_MAX})
 *    64 nodes         nodeCount x ascii[16]
 * </pre>
 */
public final class CapacityCommand extends Flyweight
{
    public static final int PARTICIPANT_ID_OFFSET = 8;
    public static final int PRODUCT_ID_OFFSET = 24;
    public static final int NODE_COUNT_OFFSET = 56;
    public static final int NODES_OFFSET = 64;
    public static final int BLOCK_LENGTH = NODES_OFFSET;
    /** Nodes one command may register; bounds the message at about 1 KiB. */
    public static final int NODES_MAX = 64;
    public static final int LENGTH_MAX = NODES_OFFSET + NODES_MAX * NAME_LENGTH;

    @Override
    protected int encodedType()
    {
        return MessageType.CAPACITY;
    }

    @Override
    public int fixedLength()
    {
        return BLOCK_LENGTH;
    }

    public String participantId()
    {
        return getAscii(PARTICIPANT_ID_OFFSET, PARTICIPANT_ID_LENGTH);
    }

    public boolean participantId(final CharSequence value)
    {
        return putAscii(PARTICIPANT_ID_OFFSET, PARTICIPANT_ID_LENGTH, value);
    }

    public int participantIdOffset()
    {
        return offset + PARTICIPANT_ID_OFFSET;
    }

    public String productId()
    {
        return getAscii(PRODUCT_ID_OFFSET, PRODUCT_ID_LENGTH);
    }

    public boolean productId(final CharSequence value)
    {
        return putAscii(PRODUCT_ID_OFFSET, PRODUCT_ID_LENGTH, value);
    }

    public int productIdOffset()
    {
        return offset + PRODUCT_ID_OFFSET;
    }

    public int nodeCount()
    {
        return getInt(NODE_COUNT_OFFSET);
    }

    /** True when the declared node count agrees with the message length and the limit. */
    public boolean isWellFormed()
    {
        final int n = nodeCount();
        return n >= 1 && n <= NODES_MAX && length() == NODES_OFFSET + n * NAME_LENGTH;
    }

    public String node(final int index)
    {
        return getAscii(NODES_OFFSET + index * NAME_LENGTH, NAME_LENGTH);
    }

    /** Appends a node name; false when full or the name is not 1..16 printable ASCII characters. */
    public boolean addNode(final CharSequence name)
    {
        final int n = nodeCount();
        if (n >= NODES_MAX || null == name || name.length() == 0)
        {
            return false;
        }
        final MutableDirectBuffer b = buffer;
        b.setMemory(offset + NODES_OFFSET + n * NAME_LENGTH, NAME_LENGTH, (byte)0);
        if (!putAscii(NODES_OFFSET + n * NAME_LENGTH, NAME_LENGTH, name))
        {
            return false;
        }
        b.putInt(offset + NODE_COUNT_OFFSET, n + 1);
        length(NODES_OFFSET + (n + 1) * NAME_LENGTH);
        return true;
    }
}
