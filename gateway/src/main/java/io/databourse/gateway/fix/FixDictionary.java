package io.databourse.gateway.fix;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.agrona.collections.Int2IntHashMap;
import org.agrona.collections.Int2ObjectHashMap;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The FIX 4.4 data dictionary (QuickFIX's FIX44.xml, bundled with its licence) flattened at startup
 * into arrays indexed by tag, so that validating a message allocates nothing: field types and enum
 * values per tag, header and trailer membership, and per message type the fields it may carry, the
 * fields it must carry and the shape of its repeating groups.
 */
public final class FixDictionary
{
    public static final int TAG_LIMIT = 1024;

    public static final byte TYPE_UNDEFINED = 0;
    public static final byte TYPE_STRING = 1;
    public static final byte TYPE_INT = 2;
    public static final byte TYPE_DECIMAL = 3;
    public static final byte TYPE_CHAR = 4;
    public static final byte TYPE_BOOLEAN = 5;
    public static final byte TYPE_UTC_TIMESTAMP = 6;
    public static final byte TYPE_UTC_TIME_ONLY = 7;
    public static final byte TYPE_DATE = 8;
    public static final byte TYPE_MONTH_YEAR = 9;
    public static final byte TYPE_MULTIPLE_VALUE_STRING = 10;
    public static final byte TYPE_NUM_IN_GROUP = 11;
    public static final byte TYPE_DATA = 12;

    private final byte[] types = new byte[TAG_LIMIT];
    private final byte[][][] enums = new byte[TAG_LIMIT][][];
    private final MessageDef header;
    private final MessageDef trailer;
    private final Int2ObjectHashMap<MessageDef> messages = new Int2ObjectHashMap<>();

    /** A message type (or the header/trailer): its fields, required fields and groups. */
    public static final class MessageDef
    {
        final String msgType;
        final boolean admin;
        final boolean[] fields = new boolean[TAG_LIMIT];
        int[] required = new int[0];
        final Int2ObjectHashMap<GroupDef> groups = new Int2ObjectHashMap<>();

        MessageDef(final String msgType, final boolean admin)
        {
            this.msgType = msgType;
            this.admin = admin;
        }

        public boolean isAdmin()
        {
            return admin;
        }

        public String msgType()
        {
            return msgType;
        }

        public boolean hasField(final int tag)
        {
            return tag > 0 && tag < TAG_LIMIT && fields[tag];
        }

        public GroupDef group(final int counterTag)
        {
            return groups.get(counterTag);
        }

        public int[] required()
        {
            return required;
        }
    }

    /** A repeating group: its NumInGroup tag, its delimiter (first field) and its members in order. */
    public static final class GroupDef
    {
        final int counterTag;
        int delimiter;
        final Int2IntHashMap order = new Int2IntHashMap(-1);
        final Int2ObjectHashMap<GroupDef> nested = new Int2ObjectHashMap<>();
        int size;

        GroupDef(final int counterTag)
        {
            this.counterTag = counterTag;
        }

        public int counterTag()
        {
            return counterTag;
        }

        public int delimiter()
        {
            return delimiter;
        }

        /** Position of a member in the group's field order, or -1 when not a member. */
        public int positionOf(final int tag)
        {
            return order.get(tag);
        }

        public GroupDef nested(final int counterTag)
        {
            return nested.get(counterTag);
        }
    }

    private FixDictionary(final Document document)
    {
        final Element root = document.getDocumentElement();
        final Map<String, Integer> tagsByName = new HashMap<>();
        for (final Element field : children(child(root, "fields"), "field"))
        {
            final int tag = Integer.parseInt(field.getAttribute("number"));
            tagsByName.put(field.getAttribute("name"), tag);
            if (tag >= TAG_LIMIT)
            {
                continue;
            }
            types[tag] = typeOf(field.getAttribute("type"));
            final List<Element> values = children(field, "value");
            if (!values.isEmpty())
            {
                final byte[][] allowed = new byte[values.size()][];
                for (int i = 0; i < allowed.length; i++)
                {
                    allowed[i] = values.get(i).getAttribute("enum").getBytes(StandardCharsets.US_ASCII);
                }
                enums[tag] = allowed;
            }
        }
        final Map<String, Element> components = new HashMap<>();
        final Element componentsElement = child(root, "components");
        if (null != componentsElement)
        {
            for (final Element component : children(componentsElement, "component"))
            {
                components.put(component.getAttribute("name"), component);
            }
        }
        final Builder builder = new Builder(tagsByName, components);
        header = builder.message(child(root, "header"), "header", true);
        trailer = builder.message(child(root, "trailer"), "trailer", true);
        for (final Element message : children(child(root, "messages"), "message"))
        {
            final String msgType = message.getAttribute("msgtype");
            final MessageDef def = builder.message(message, msgType, "admin".equals(message.getAttribute("msgcat")));
            messages.put(FixMessage.msgTypeKey(msgType), def);
        }
    }

    /** Loads the bundled FIX 4.4 dictionary. */
    public static FixDictionary fix44()
    {
        try (InputStream in = FixDictionary.class.getResourceAsStream("FIX44.xml"))
        {
            if (null == in)
            {
                throw new IllegalStateException("FIX44.xml missing from the classpath");
            }
            final DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return new FixDictionary(factory.newDocumentBuilder().parse(in));
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException("cannot load the FIX 4.4 dictionary", ex);
        }
    }

    public byte typeOf(final int tag)
    {
        return tag > 0 && tag < TAG_LIMIT ? types[tag] : TYPE_UNDEFINED;
    }

    public byte[][] enumsOf(final int tag)
    {
        return tag > 0 && tag < TAG_LIMIT ? enums[tag] : null;
    }

    public MessageDef header()
    {
        return header;
    }

    public MessageDef trailer()
    {
        return trailer;
    }

    /** The definition of a message type by its {@link FixMessage#msgTypeKey}, or null. */
    public MessageDef message(final int msgTypeKey)
    {
        return messages.get(msgTypeKey);
    }

    private static final class Builder
    {
        private final Map<String, Integer> tagsByName;
        private final Map<String, Element> components;

        Builder(final Map<String, Integer> tagsByName, final Map<String, Element> components)
        {
            this.tagsByName = tagsByName;
            this.components = components;
        }

        MessageDef message(final Element element, final String msgType, final boolean admin)
        {
            final MessageDef def = new MessageDef(msgType, admin);
            final List<Integer> required = new ArrayList<>();
            addMembers(element, def, null, required, true);
            def.required = required.stream().mapToInt(Integer::intValue).toArray();
            return def;
        }

        /** Adds fields, groups and (recursively) components of element to a message or a group. */
        private void addMembers(
            final Element element,
            final MessageDef message,
            final GroupDef group,
            final List<Integer> required,
            final boolean parentRequired)
        {
            for (Node n = element.getFirstChild(); null != n; n = n.getNextSibling())
            {
                if (!(n instanceof Element))
                {
                    continue;
                }
                final Element e = (Element)n;
                final boolean isRequired = parentRequired && "Y".equals(e.getAttribute("required"));
                switch (e.getTagName())
                {
                    case "field":
                    {
                        final int tag = tagOf(e);
                        addField(message, group, tag);
                        if (isRequired && null == group)
                        {
                            required.add(tag);
                        }
                        break;
                    }
                    case "group":
                    {
                        final int tag = tagOf(e);
                        addField(message, group, tag);
                        if (isRequired && null == group)
                        {
                            required.add(tag);
                        }
                        final GroupDef nested = new GroupDef(tag);
                        addMembers(e, null, nested, new ArrayList<>(), false);
                        if (null == group)
                        {
                            message.groups.put(tag, nested);
                        }
                        else
                        {
                            group.nested.put(tag, nested);
                        }
                        break;
                    }
                    case "component":
                    {
                        final Element component = components.get(e.getAttribute("name"));
                        if (null == component)
                        {
                            throw new IllegalStateException("unknown component " + e.getAttribute("name"));
                        }
                        addMembers(component, message, group, required, isRequired);
                        break;
                    }
                    default:
                        break;
                }
            }
        }

        private static void addField(final MessageDef message, final GroupDef group, final int tag)
        {
            if (tag >= TAG_LIMIT)
            {
                return;
            }
            if (null == group)
            {
                message.fields[tag] = true;
            }
            else
            {
                if (group.size == 0)
                {
                    group.delimiter = tag;
                }
                if (group.order.get(tag) < 0)
                {
                    group.order.put(tag, group.size++);
                }
            }
        }

        private int tagOf(final Element e)
        {
            final Integer tag = tagsByName.get(e.getAttribute("name"));
            if (null == tag)
            {
                throw new IllegalStateException("unknown field " + e.getAttribute("name"));
            }
            return tag;
        }
    }

    private static byte typeOf(final String type)
    {
        switch (type)
        {
            case "INT":
            case "LENGTH":
            case "SEQNUM":
            case "TAGNUM":
            case "DAYOFMONTH":
                return TYPE_INT;
            case "NUMINGROUP":
                return TYPE_NUM_IN_GROUP;
            case "FLOAT":
            case "QTY":
            case "PRICE":
            case "PRICEOFFSET":
            case "AMT":
            case "PERCENTAGE":
                return TYPE_DECIMAL;
            case "CHAR":
                return TYPE_CHAR;
            case "BOOLEAN":
                return TYPE_BOOLEAN;
            case "UTCTIMESTAMP":
                return TYPE_UTC_TIMESTAMP;
            case "UTCTIMEONLY":
                return TYPE_UTC_TIME_ONLY;
            case "UTCDATEONLY":
            case "LOCALMKTDATE":
            case "UTCDATE":
                return TYPE_DATE;
            case "MONTHYEAR":
                return TYPE_MONTH_YEAR;
            case "MULTIPLEVALUESTRING":
                return TYPE_MULTIPLE_VALUE_STRING;
            case "DATA":
                return TYPE_DATA;
            default:
                return TYPE_STRING;
        }
    }

    private static Element child(final Element parent, final String name)
    {
        for (Node n = parent.getFirstChild(); null != n; n = n.getNextSibling())
        {
            if (n instanceof Element && ((Element)n).getTagName().equals(name))
            {
                return (Element)n;
            }
        }
        return null;
    }

    private static List<Element> children(final Element parent, final String name)
    {
        final List<Element> result = new ArrayList<>();
        for (Node n = parent.getFirstChild(); null != n; n = n.getNextSibling())
        {
            if (n instanceof Element && ((Element)n).getTagName().equals(name))
            {
                result.add((Element)n);
            }
        }
        return result;
    }
}
