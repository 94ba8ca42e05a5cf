package io.databourse.perfartio;

/**
 * The binary messages between the Artio peer's order entry (on the library thread) and its echo
 * executor, over Aeron IPC. They have the sizes of DataBourse's own (journal schema
 * {@code NewOrderCommand}, and a {@code JournalRecord} holding that command and one
 * {@code OrderEvent}), so that both sides of the comparison move the same bytes:
 * <pre>
 *  command (104 bytes)                          answer (256 bytes, 376 with a cancel)
 *     0 length i16, 2 type i16, 4 session i32      0 seq i64          8 timeNs i64
 *     8 participant ascii[16]                     16 commandLength    20 eventLength
 *    24 symbol ascii[32]                          24 eventCount i32  28 reserved
 *    56 clOrdId ascii[24]                         32 command, copied as it came (104 bytes)
 *    80 side, 81 ordType, 82 tif (FIX chars)     136 event: header 8, orderId i64 at +8,
 *    88 priceFen i64                                 orderQty +16, leavesQty +24, cumQty +32,
 *    96 qty i64                                      cumNotionalFen +40, padding to 120 bytes
 *                                                256 a second event, the cancel, for an order that may
 *                                                    not rest (IOC, FOK, market): same layout
 * </pre>
 * Ascii fields are left-aligned and zero-padded. All values are native byte order, as Agrona's
 * buffers write them; both ends are in one process.
 */
final class PeerProtocol
{
    static final int LENGTH_OFFSET = 0;
    static final int TYPE_OFFSET = 2;
    static final int SESSION_OFFSET = 4;
    static final int HEADER_LENGTH = 8;

    static final short NEW_ORDER_TYPE = 1;
    static final short ORDER_ACCEPTED_TYPE = 101;
    static final short ORDER_CANCELLED_TYPE = 102;

    static final int PARTICIPANT_OFFSET = 8;
    static final int PARTICIPANT_LENGTH = 16;
    static final int SYMBOL_OFFSET = 24;
    static final int SYMBOL_LENGTH = 32;
    static final int CL_ORD_ID_OFFSET = 56;
    static final int CL_ORD_ID_LENGTH = 24;
    static final int SIDE_OFFSET = 80;
    static final int ORD_TYPE_OFFSET = 81;
    static final int TIF_OFFSET = 82;
    static final int PRICE_FEN_OFFSET = 88;
    static final int QTY_OFFSET = 96;
    static final int COMMAND_LENGTH = 104;

    static final int RECORD_SEQ_OFFSET = 0;
    static final int RECORD_TIME_NS_OFFSET = 8;
    static final int RECORD_COMMAND_LENGTH_OFFSET = 16;
    static final int RECORD_EVENT_LENGTH_OFFSET = 20;
    static final int RECORD_EVENT_COUNT_OFFSET = 24;
    static final int RECORD_HEADER_LENGTH = 32;
    static final int RECORD_COMMAND_OFFSET = RECORD_HEADER_LENGTH;
    static final int RECORD_EVENT_OFFSET = RECORD_COMMAND_OFFSET + COMMAND_LENGTH;

    static final int EVENT_ORDER_ID_OFFSET = 8;
    static final int EVENT_ORDER_QTY_OFFSET = 16;
    static final int EVENT_LEAVES_QTY_OFFSET = 24;
    static final int EVENT_CUM_QTY_OFFSET = 32;
    static final int EVENT_CUM_NOTIONAL_FEN_OFFSET = 40;
    static final int EVENT_LENGTH = 120;

    static final int RESTING_ANSWER_LENGTH = RECORD_EVENT_OFFSET + EVENT_LENGTH;
    static final int CANCELLED_ANSWER_LENGTH = RESTING_ANSWER_LENGTH + EVENT_LENGTH;

    /** Whether an order of this FIX TimeInForce and OrdType may rest, or what is left of it is cancelled at once. */
    static boolean rests(final byte fixTif, final byte fixOrdType)
    {
        return fixOrdType != '1' && fixTif != '3' && fixTif != '4';
    }

    private PeerProtocol()
    {
    }
}
