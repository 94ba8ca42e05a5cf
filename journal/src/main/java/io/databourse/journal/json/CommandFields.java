package io.databourse.journal.json;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The fields each JSON command may carry (docs/simulate.md). A field outside its command's list is
 * an error naming it, with the known field it most resembles: a misspelt option ({@code post_only},
 * {@code chanel}) silently ignored would run a different command from the one its author meant.
 */
final class CommandFields
{
    /** Fields every command may carry. */
    private static final List<String> COMMON = List.of("type", "time", "session");
    private static final Map<String, List<String>> BY_TYPE = new LinkedHashMap<>();
    /** Fields of earlier versions, with what replaced them. */
    private static final Map<String, String> RETIRED = Map.of(
        "resale", "replaced by the operate right: \"rights\": [\"process_use\", \"operate\"] lets buyers sell what they bought");

    static
    {
        BY_TYPE.put("participant",
            List.of("id", "roles", "qualification", "jurisdiction", "localTaxpayer", "status", "by", "note", "group"));
        BY_TYPE.put("product", List.of("id", "kind", "grade", "tick", "lot", "band", "referencePrice", "rights",
            "delivery", "crossBorder", "personalInfo", "usagePerLot", "termDays", "sponsor", "status", "by",
            "hardware", "region", "windowStart", "windowEnd", "owner", "reviewedBy", "recordsPerLot", "purposes",
            "seats", "runsPerSeat", "version", "deployment", "openingAuction"));
        BY_TYPE.put("product_status", List.of("product", "status", "by", "note"));
        BY_TYPE.put("deposit", List.of("participant", "amount", "id"));
        BY_TYPE.put("withdraw", List.of("participant", "amount", "id"));
        BY_TYPE.put("inventory", List.of("participant", "product", "qty", "by"));
        BY_TYPE.put("capacity", List.of("participant", "product", "nodes"));
        BY_TYPE.put("fee_schedule", List.of("kind", "makerBps", "takerBps", "by"));
        BY_TYPE.put("new", List.of("participant", "clOrdId", "product", "side", "ordType", "tif", "price", "qty",
            "postOnly", "stp", "purpose"));
        BY_TYPE.put("cancel", List.of("participant", "clOrdId", "origClOrdId", "orderId"));
        BY_TYPE.put("replace", List.of("participant", "clOrdId", "origClOrdId", "orderId", "price", "qty"));
        BY_TYPE.put("mass_cancel", List.of("participant", "clOrdId", "product", "side"));
        BY_TYPE.put("end_of_day", List.of("by"));
        BY_TYPE.put("usage", List.of("id", "reporter", "participant", "product", "units", "channel", "purpose"));
        BY_TYPE.put("pledge", List.of("id", "lender", "participant", "product", "qty", "haircut"));
        BY_TYPE.put("release", List.of("id", "by"));
        BY_TYPE.put("product_list_request", List.of());
        BY_TYPE.put("review", List.of("id", "product", "by", "decision", "grade", "personalInfo", "note"));
        BY_TYPE.put("sponsor", List.of("id", "product", "by", "note"));
        BY_TYPE.put("cross_border_filing", List.of("id", "participant", "by", "note"));
        BY_TYPE.put("cross_border_approval", List.of("id", "product", "by", "note"));
        BY_TYPE.put("auction", List.of("product", "action", "endsAt", "by"));
    }

    private CommandFields()
    {
    }

    /** The fields a command type may carry besides {@link #COMMON}, or null for an unknown type. */
    static List<String> of(final String type)
    {
        return BY_TYPE.get(type);
    }

    /** Every command type with a field list. */
    static Iterable<String> types()
    {
        return BY_TYPE.keySet();
    }

    /**
     * Refuses a command carrying a field its type does not know. An unknown type passes (the parser
     * names it).
     */
    static void checkKnown(final String type, final JsonNode command) throws CommandFormatException
    {
        final List<String> known = BY_TYPE.get(type);
        if (null == known)
        {
            return;
        }
        final List<String> unknown = new ArrayList<>();
        for (final Iterator<String> names = command.fieldNames(); names.hasNext(); )
        {
            final String name = names.next();
            if (!known.contains(name) && !COMMON.contains(name))
            {
                unknown.add(name);
            }
        }
        if (unknown.isEmpty())
        {
            return;
        }
        final StringBuilder message = new StringBuilder();
        message.append(unknown.size() == 1 ? "unknown field " : "unknown fields ");
        for (int i = 0; i < unknown.size(); i++)
        {
            final String name = unknown.get(i);
            message.append(i == 0 ? "" : ", ").append('"').append(name).append('"');
            final String like = closest(name, known);
            if (RETIRED.containsKey(name))
            {
                message.append(" (").append(RETIRED.get(name)).append(')');
            }
            else if (null != like)
            {
                message.append(" (did you mean \"").append(like).append("\"?)");
            }
        }
        message.append(" for \"").append(type).append("\"; its fields are ");
        final List<String> all = new ArrayList<>(known);
        all.addAll(COMMON);
        message.append(String.join(", ", all));
        throw new CommandFormatException(message.toString());
    }

    /** The known field a misspelling most likely meant: equal ignoring case and '_', or within two edits. */
    static String closest(final String name, final List<String> known)
    {
        final String folded = fold(name);
        String best = null;
        int bestDistance = 3;
        for (final String candidate : known)
        {
            if (fold(candidate).equals(folded))
            {
                return candidate;
            }
            final int d = distance(folded, fold(candidate));
            if (d < bestDistance)
            {
                bestDistance = d;
                best = candidate;
            }
        }
        return best;
    }

    private static String fold(final String s)
    {
        return s.replace("_", "").replace("-", "").toLowerCase(java.util.Locale.ROOT);
    }

    /** Levenshtein distance (both strings are short field names). */
    private static int distance(final String a, final String b)
    {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++)
        {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++)
            {
                final int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            final int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
