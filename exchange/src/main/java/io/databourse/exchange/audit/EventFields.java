package io.databourse.exchange.audit;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.databourse.journal.sbe.CashEventDecoder;
import io.databourse.journal.sbe.ComplianceEventDecoder;
import io.databourse.journal.sbe.DayEndedEventDecoder;
import io.databourse.journal.sbe.EntitlementDrawnEventDecoder;
import io.databourse.journal.sbe.EntitlementEventDecoder;
import io.databourse.journal.sbe.FeeScheduleEventDecoder;
import io.databourse.journal.sbe.InventoryEventDecoder;
import io.databourse.journal.sbe.MassCancelledEventDecoder;
import io.databourse.journal.sbe.OrderEventDecoder;
import io.databourse.journal.sbe.PledgeEventDecoder;
import io.databourse.journal.sbe.ProductStatusEventDecoder;
import io.databourse.journal.sbe.RecordHeaderDecoder;
import io.databourse.journal.sbe.ReferenceDataEventDecoder;
import io.databourse.journal.sbe.RejectedEventDecoder;
import io.databourse.journal.sbe.TradeEventDecoder;
import io.databourse.journal.sbe.UsageEventDecoder;
import io.databourse.journal.schema.MessageType;
import org.agrona.DirectBuffer;

/**
 * Names the field of an event at a byte offset, from the codecs generated from the message schema
 * (each field's {@code *EncodingOffset()} and {@code *EncodingLength()}), and reads its value: what
 * {@code audit verify} says when a replayed event differs from the journaled one ("trade field
 * priceFen: journal 1200, replay 1201").
 */
final class EventFields
{
    private static final Map<Integer, Class<?>> LAYOUTS = Map.ofEntries(
        Map.entry(MessageType.ORDER_ACCEPTED, OrderEventDecoder.class),
        Map.entry(MessageType.ORDER_CANCELLED, OrderEventDecoder.class),
        Map.entry(MessageType.ORDER_REPLACED, OrderEventDecoder.class),
        Map.entry(MessageType.ORDER_EXPIRED, OrderEventDecoder.class),
        Map.entry(MessageType.REJECTED, RejectedEventDecoder.class),
        Map.entry(MessageType.TRADE, TradeEventDecoder.class),
        Map.entry(MessageType.PARTICIPANT_REGISTERED, ReferenceDataEventDecoder.class),
        Map.entry(MessageType.PARTICIPANT_UPDATED, ReferenceDataEventDecoder.class),
        Map.entry(MessageType.PRODUCT_REGISTERED, ReferenceDataEventDecoder.class),
        Map.entry(MessageType.CAPACITY_REGISTERED, ReferenceDataEventDecoder.class),
        Map.entry(MessageType.PRODUCT_SNAPSHOT, ReferenceDataEventDecoder.class),
        Map.entry(MessageType.PRODUCT_STATUS_CHANGED, ProductStatusEventDecoder.class),
        Map.entry(MessageType.CASH_DEPOSITED, CashEventDecoder.class),
        Map.entry(MessageType.CASH_WITHDRAWN, CashEventDecoder.class),
        Map.entry(MessageType.INVENTORY_ADDED, InventoryEventDecoder.class),
        Map.entry(MessageType.MASS_CANCELLED, MassCancelledEventDecoder.class),
        Map.entry(MessageType.DAY_ENDED, DayEndedEventDecoder.class),
        Map.entry(MessageType.FEES_SET, FeeScheduleEventDecoder.class),
        Map.entry(MessageType.USAGE_RECORDED, UsageEventDecoder.class),
        Map.entry(MessageType.PLEDGE_REGISTERED, PledgeEventDecoder.class),
        Map.entry(MessageType.PLEDGE_RELEASED, PledgeEventDecoder.class),
        Map.entry(MessageType.PRODUCT_REVIEWED, ComplianceEventDecoder.class),
        Map.entry(MessageType.PRODUCT_SPONSORED, ComplianceEventDecoder.class),
        Map.entry(MessageType.CROSS_BORDER_FILED, ComplianceEventDecoder.class),
        Map.entry(MessageType.CROSS_BORDER_APPROVED, ComplianceEventDecoder.class),
        Map.entry(MessageType.ENTITLEMENT_GRANTED, EntitlementEventDecoder.class),
        Map.entry(MessageType.ENTITLEMENT_DRAWN, EntitlementDrawnEventDecoder.class));

    private EventFields()
    {
    }

    /** A field of a layout: its name, offset and width in bytes. */
    record Slot(String name, int offset, int width)
    {
    }

    /** The field of a {@code type} event holding byte {@code offset} (from the event's start). */
    static Slot at(final int type, final int offset)
    {
        final List<Slot> slots = slots(LAYOUTS.get(type));
        Slot found = null;
        for (final Slot slot : slots)
        {
            if (slot.offset() <= offset && offset < slot.offset() + slot.width())
            {
                found = slot;
            }
        }
        return null != found ? found : new Slot("byte " + offset, offset, 1);
    }

    /** The value of {@code slot} in an event at {@code eventOffset}, as text. */
    static String value(final DirectBuffer buffer, final int eventOffset, final Slot slot)
    {
        final int at = eventOffset + slot.offset();
        switch (slot.width())
        {
            case 1:
                return Byte.toString(buffer.getByte(at));
            case 2:
                return Integer.toString(buffer.getShort(at) & 0xFFFF);
            case 4:
                return Integer.toString(buffer.getInt(at));
            case 8:
                return Long.toString(buffer.getLong(at));
            default:
                final StringBuilder sb = new StringBuilder("\"");
                for (int i = 0; i < slot.width(); i++)
                {
                    final byte b = buffer.getByte(at + i);
                    if (b == 0)
                    {
                        break;
                    }
                    sb.append(b >= 0x20 && b < 0x7F ? (char)b : '?');
                }
                return sb.append('"').toString();
        }
    }

    private static List<Slot> slots(final Class<?> layout)
    {
        final List<Slot> slots = new ArrayList<>(fields(RecordHeaderDecoder.class));
        if (null != layout)
        {
            for (final Slot slot : fields(layout))
            {
                if (!slot.name().equals("header"))
                {
                    slots.add(slot);
                }
            }
        }
        slots.sort(Comparator.comparingInt(Slot::offset));
        return slots;
    }

    /** Every field a generated codec declares, by its static {@code <name>EncodingOffset()} and {@code <name>EncodingLength()}. */
    private static List<Slot> fields(final Class<?> codec)
    {
        final List<Slot> slots = new ArrayList<>();
        for (final Method m : codec.getMethods())
        {
            final String method = m.getName();
            if (Modifier.isStatic(m.getModifiers()) && m.getParameterCount() == 0 && method.endsWith("EncodingOffset"))
            {
                final String name = method.substring(0, method.length() - "EncodingOffset".length());
                slots.add(new Slot(name, invoke(m), invoke(codec, name + "EncodingLength")));
            }
        }
        return slots;
    }

    private static int invoke(final Class<?> codec, final String method)
    {
        try
        {
            return invoke(codec.getMethod(method));
        }
        catch (final NoSuchMethodException ex)
        {
            throw new IllegalStateException(codec.getSimpleName() + " has no " + method, ex);
        }
    }

    private static int invoke(final Method m)
    {
        try
        {
            return (Integer)m.invoke(null);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
