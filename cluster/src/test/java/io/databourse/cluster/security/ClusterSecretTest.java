package io.databourse.cluster.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterSecretTest
{
    @TempDir
    Path dir;

    @Test
    void aCreatedSecretIsOwnerOnlyAndReadBackTheSame() throws Exception
    {
        final Path file = dir.resolve("sub").resolve("cluster-secret");
        final byte[] secret = ClusterSecret.createIfAbsent(file);
        assertEquals(32, secret.length);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertArrayEquals(secret, ClusterSecret.createIfAbsent(file), "an existing secret is kept");
        assertArrayEquals(secret, ClusterSecret.load(file));
    }

    @Test
    void aSecretOthersCanReadOrTooShortOrNotHexIsRefusedByName() throws Exception
    {
        final Path file = dir.resolve("s");
        Files.writeString(file, "00112233445566778899aabbccddeeff");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ClusterSecret.load(file)).getMessage()
            .contains("readable by others"));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertEquals(16, ClusterSecret.load(file).length);
        Files.writeString(file, "0011");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ClusterSecret.load(file)).getMessage()
            .contains("at least 16"));
        Files.writeString(file, "not hex at all, not hex at all!!");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ClusterSecret.load(file)).getMessage()
            .contains("not hex"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ClusterSecret.load(dir.resolve("none"))).getMessage()
            .contains("no cluster secret file"));
    }
}
