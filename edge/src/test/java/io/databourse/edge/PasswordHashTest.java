package io.databourse.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordHashTest
{
    @Test
    void aHashMatchesItsPasswordOnlyAndIsSalted()
    {
        final String stored = PasswordHash.hash("p1-demo", PasswordHash.ITERATIONS_MIN);
        assertTrue(stored.startsWith("pbkdf2-sha256$100000$"), stored);
        assertFalse(stored.contains("p1-demo"));
        final PasswordHash hash = PasswordHash.parse(stored);
        assertTrue(hash.matches("p1-demo"));
        assertFalse(hash.matches("p1-demO"));
        assertFalse(hash.matches(""));
        assertFalse(hash.matches(null));
        assertEquals(stored, hash.toString());
        // The same password twice: two salts, two hashes.
        assertNotEquals(stored, PasswordHash.hash("p1-demo", PasswordHash.ITERATIONS_MIN));
    }

    @Test
    void storedValuesThatAreNotStrongSaltedHashesAreRefusedByName()
    {
        final IllegalArgumentException sha = assertThrows(IllegalArgumentException.class, () ->
            PasswordHash.parse("49d5eacdf6b7d0c7463343a1ebeffda498f62cb048ee579a4f0972303082790b"));
        assertTrue(sha.getMessage().contains("unsalted SHA-256"), sha.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PasswordHash.parse("p1-demo"))
            .getMessage().startsWith("expected pbkdf2-sha256$"));
        final String weak = PasswordHash.hash("x", 1_000);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PasswordHash.parse(weak))
            .getMessage().startsWith("iterations must be 100000.."));
        assertTrue(PasswordHash.parseForTests(weak).matches("x"));
        assertThrows(IllegalArgumentException.class, () -> PasswordHash.parse("pbkdf2-sha256$100000$!!$AAAA"));
        assertThrows(IllegalArgumentException.class, () -> PasswordHash.parse("pbkdf2-sha256$100000$AAAAAAAAAAA$AAAA"));
    }

    @Test
    void anOverlongPasswordIsRefusedBeforeHashing()
    {
        final PasswordHash hash = PasswordHash.parseForTests(PasswordHash.hash("x", 1));
        assertFalse(hash.matches("y".repeat(PasswordHash.PASSWORD_LENGTH_MAX + 1)));
    }
}
