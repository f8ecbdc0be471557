package org.organ3d.opencl;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.organ3d.testdata.junit.RequiresDevice;

@Tag("opencl")
@RequiresDevice(value = "opencl", probe = OpenClProbe.class)
class OpenClPlatformsTest {

    @Test
    void listsAtLeastOneDevice() {
        List<OpenClPlatforms.DeviceDescription> devices = OpenClPlatforms.list();
        devices.forEach(d -> System.out.println("OpenCL device: " + d));
        assertFalse(devices.isEmpty());
    }
}
