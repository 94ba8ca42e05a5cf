package io.databourse.surveillance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/surveillance.md lists every setting with its default, so the doc stays true. */
class SettingsDocTest
{
    @Test
    void everySettingIsDocumentedWithItsDefault() throws IOException
    {
        final String doc = Files.readString(Path.of("../docs/surveillance.md"));
        for (final SurveillanceSetting s : SurveillanceSetting.values())
        {
            final String row = "| `" + s.propertyName() + "` | " + s.defaultValue() + " |";
            assertTrue(doc.contains(row), "docs/surveillance.md lacks the row starting " + row);
        }
        assertTrue(doc.contains("| `" + SurveillanceContext.REFUSAL_REASONS_PROP_NAME + "` |"));
    }
}
