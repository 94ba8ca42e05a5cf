package io.databourse.exchange.audit;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.databourse.journal.schema.CashEvent;
import io.databourse.journal.schema.DayEndedEvent;
import io.databourse.journal.schema.FeeScheduleEvent;
import io.databourse.journal.schema.Flyweight;
import io.databourse.journal.schema.InventoryEvent;
import io.databourse.journal.schema.MassCancelledEvent;
import io.databourse.journal.schema.MessageType;
import io.databourse.journal.schema.OrderEvent;
import io.databourse.journal.schema.PledgeEvent;
import io.databourse.journal.schema.ProductStatusEvent;
import io.databourse.journal.schema.ReferenceDataEvent;
import io.databourse.journal.schema.RejectedEvent;
import io.databourse.journal.schema.TradeEvent;
import org.agrona.DirectBuffer;

/**
 * Names the field of an event at a byte offset, from the flyweights' own {@code *_OFFSET} constants
 * (the layout's one definition), and reads its value: what {@code audit verify} says when a replayed
 * event differs from the journaled one ("trade field priceFen: journal 1200, replay 1201").
 */
final class EventFields
{
    private static final Map<Integer, Class<? extends Flyweight>> LAYOUTS = Map.ofEntries(
        Map.entry(MessageType.ORDER_ACCEPTED, OrderEvent.class),
        Map.entry(MessageType.ORDER_CANCELLED, OrderEvent.class),
        Map.entry(MessageType.ORDER_REPLACED, OrderEvent.class),
        Map.entry(MessageType.ORDER_EXPIRED, OrderEvent.class),
        Map.entry(MessageType.REJECTED, RejectedEvent.class),
        Map.entry(MessageType.TRADE, TradeEvent.class),
        Map.entry(MessageType.PARTICIPANT_REGISTERED, ReferenceDataEvent.class),
        Map.entry(MessageType.PARTICIPANT_UPDATED, ReferenceDataEvent.class),
        Map.entry(MessageType.PRODUCT_REGISTERED, ReferenceDataEvent.class),
        Map.entry(MessageType.CAPACITY_REGISTERED, ReferenceDataEvent.class),
        Map.entry(MessageType.PRODUCT_SNAPSHOT, ReferenceDataEvent.class),
        Map.entry(MessageType.PRODUCT_STATUS_CHANGED, ProductStatusEvent.class),
        Map.entry(MessageType.CASH_DEPOSITED, CashEvent.class),
        Map.entry(MessageType.CASH_WITHDRAWN, CashEvent.class),
        Map.entry(MessageType.INVENTORY_ADDED, InventoryEvent.class),
        Map.entry(MessageType.MASS_CANCELLED, MassCancelledEvent.class),
        Map.entry(MessageType.DAY_ENDED, DayEndedEvent.class),
        Map.entry(MessageType.FEES_SET, FeeScheduleEvent.class),
        Map.entry(MessageType.USAGE_RECORDED, io.databourse.journal.schema.UsageEvent.class),
        Map.entry(MessageType.PLEDGE_REGISTERED, PledgeEvent.class),
        Map.entry(MessageType.PLEDGE_RELEASED, PledgeEvent.class));

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

    private static List<Slot> slots(final Class<? extends Flyweight> layout)
    {
        final List<Slot> slots = new ArrayList<>();
        final List<Field> offsets = new ArrayList<>();
        int blockLength = Flyweight.HEADER_LENGTH;
        for (Class<?> c = null == layout ? Flyweight.class : layout; null != c && c != Object.class; c = c.getSuperclass())
        {
            for (final Field f : c.getDeclaredFields())
            {
                if (!Modifier.isStatic(f.getModifiers()) || f.getType() != int.class)
                {
                    continue;
                }
                if (f.getName().endsWith("_OFFSET"))
                {
                    offsets.add(f);
                }
                else if (f.getName().equals("BLOCK_LENGTH") && c == layout)
                {
                    blockLength = constant(f);
                }
            }
        }
        offsets.sort(Comparator.comparingInt(EventFields::constant));
        for (int i = 0; i < offsets.size(); i++)
        {
            final int offset = constant(offsets.get(i));
            final int end = i + 1 < offsets.size() ? constant(offsets.get(i + 1)) : Math.max(blockLength, offset + 1);
            slots.add(new Slot(camel(offsets.get(i).getName()), offset, Math.max(1, end - offset)));
        }
        return slots;
    }

    private static int constant(final Field f)
    {
        try
        {
            return f.getInt(null);
        }
        catch (final IllegalAccessException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /** PRICE_FEN_OFFSET → priceFen. */
    private static String camel(final String constant)
    {
        final String[] words = constant.substring(0, constant.length() - "_OFFSET".length()).toLowerCase().split("_");
        final StringBuilder sb = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++)
        {
            sb.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
        }
        return sb.toString();
    }
}
