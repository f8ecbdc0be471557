package org.organ3d.opencl;

import java.util.Optional;
import org.organ3d.testkit.DeviceProbe;

/** Test probe: OpenCL is usable when JOCL lists at least one device. */
public final class OpenClProbe implements DeviceProbe {
    @Override
    public Optional<String> unavailableReason() {
        try {
            OpenClPlatforms.list();
            return Optional.empty();
        } catch (OpenClUnavailableException e) {
            return Optional.of(e.getMessage());
        }
    }
}
