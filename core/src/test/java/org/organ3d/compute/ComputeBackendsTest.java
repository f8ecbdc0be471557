package org.organ3d.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ComputeBackendsTest {

    @Test
    void javaIsAlwaysThereAndChosenByNameOrAuto() {
        assertTrue(ComputeBackends.discover().stream().anyMatch(b -> b.name().equals("java")));
        assertEquals("java", ComputeBackends.select("java").name());
        // core alone has no other backend, so auto gives java.
        assertEquals("java", ComputeBackends.select("auto").name());
        assertEquals("java", ComputeBackends.select(null).name());
    }

    @Test
    void unknownNameFailsWithTheKnownNames() {
        var e = assertThrows(BackendUnavailableException.class, () -> ComputeBackends.select("cuda"));
        assertTrue(e.getMessage().contains("cuda") && e.getMessage().contains("java"), e.getMessage());
    }
}
