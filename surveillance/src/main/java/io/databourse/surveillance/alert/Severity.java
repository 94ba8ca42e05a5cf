package io.databourse.surveillance.alert;

/** How urgently a regulator should look. */
public enum Severity
{
    LOW("low"),
    MEDIUM("medium"),
    HIGH("high");

    private static final Severity[] VALUES = values();

    private final String wireName;

    Severity(final String wireName)
    {
        this.wireName = wireName;
    }

    public String wireName()
    {
        return wireName;
    }

    public static Severity ofWireName(final String name)
    {
        for (final Severity s : VALUES)
        {
            if (s.wireName.equals(name))
            {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown severity: " + name);
    }
}
