package org.organ3d.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.organ3d.testkit.RequiresDevice;

@Tag("opencl")
@RequiresDevice(value = "opencl", probe = OpenClProbe.class)
class OpenClPlatformsTest {

    @Test
    void listsAtLeastOneDevice() {
        List<OpenClPlatforms.DeviceDescription> devices = OpenClPlatforms.list();
        devices.forEach(d -> System.out.println("OpenCL device: " + d));
        assertFalse(devices.isEmpty());
    }

    @Test
    void autoPriorityFollowsTheDeviceKindAndTheSwitches() {
        try (OpenClBackend b = new OpenClBackend()) {
            boolean cpu = b.device().isCpu();
            assertEquals(cpu ? -1 : 100, b.autoPriority(), b.device().toString());
            String flip = cpu ? OpenClBackend.AUTO_ON_CPU_PROPERTY : OpenClBackend.AUTO_ON_GPU_PROPERTY;
            System.setProperty(flip, cpu ? "true" : "false");
            try {
                assertEquals(cpu ? 100 : -1, b.autoPriority(), flip);
            } finally {
                System.clearProperty(flip);
            }
        }
    }
}
