package io.databourse.gateway.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class SessionsFileTest
{
    @Test
    void loadsTheShippedFiles()
    {
        final List<SessionConfig> demo = SessionsFile.load(Path.of("demo-sessions.ini"));
        assertEquals(3, demo.size());
        assertTrue(demo.get(0).isCertification());
        assertFalse(demo.get(0).hasPassword());
        assertTrue(demo.get(1).passwordHash().matches("demo1-password"));
        assertFalse(demo.get(1).passwordHash().matches("demo2-password"));
        assertEquals("demo-buyer", demo.get(1).participant());
        assertEquals(1, SessionsFile.load(Path.of("certification-sessions.ini")).size());
    }

    @Test
    void errorsNameTheLine()
    {
        final IllegalArgumentException unknownKey = assertThrows(IllegalArgumentException.class, () -> SessionsFile.parse(
            List.of("[session]", "sessionId = 1", "pasword = x"), "f"));
        assertTrue(unknownKey.getMessage().startsWith("f:3: unknown key pasword"), unknownKey.getMessage());

        final IllegalArgumentException noPassword = assertThrows(IllegalArgumentException.class, () -> SessionsFile.parse(
            List.of("[session]", "sessionId = 1", "senderCompId = A", "targetCompId = B", "participant = p"), "f"));
        assertTrue(noPassword.getMessage().contains("needs a passwordHash"), noPassword.getMessage());

        // An unsalted hash of an earlier version, or a weak one, is refused with the way out.
        final IllegalArgumentException sha = assertThrows(IllegalArgumentException.class, () -> SessionsFile.parse(
            List.of("[session]", "sessionId = 1", "senderCompId = A", "targetCompId = B", "participant = p",
                "passwordSha256 = 49d5eacdf6b7d0c7463343a1ebeffda498f62cb048ee579a4f0972303082790b"), "f"));
        assertTrue(sha.getMessage().startsWith("f:6: passwordSha256 is no longer accepted"), sha.getMessage());
        assertTrue(sha.getMessage().contains("bin/databourse passwd"), sha.getMessage());
        final IllegalArgumentException weak = assertThrows(IllegalArgumentException.class, () -> SessionsFile.parse(
            List.of("[session]", "sessionId = 1", "senderCompId = A", "targetCompId = B", "participant = p",
                "passwordHash = " + io.databourse.edge.PasswordHash.hash("x", 10)), "f"));
        assertTrue(weak.getMessage().startsWith("f:6: iterations must be"), weak.getMessage());

        final IllegalArgumentException duplicate = assertThrows(IllegalArgumentException.class, () -> SessionsFile.parse(List.of(
            "[session]", "sessionId = 1", "senderCompId = A", "targetCompId = B", "profile = certification",
            "[session]", "sessionId = 2", "senderCompId = A", "targetCompId = B", "profile = certification"), "f"));
        assertTrue(duplicate.getMessage().contains("duplicate CompID pair"), duplicate.getMessage());
    }
}
