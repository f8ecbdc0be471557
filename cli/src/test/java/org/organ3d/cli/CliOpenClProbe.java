package org.organ3d.cli;

import java.util.Optional;
import org.organ3d.opencl.OpenClPlatforms;
import org.organ3d.opencl.OpenClUnavailableException;
import org.organ3d.testkit.DeviceProbe;

/** Test probe: OpenCL is usable when the OpenCL backend lists at least one device. */
public final class CliOpenClProbe implements DeviceProbe {
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
