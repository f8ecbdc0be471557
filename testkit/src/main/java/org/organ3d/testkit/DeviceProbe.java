package org.organ3d.testkit;

import java.util.Optional;

/**
 * Tells whether a device (an OpenCL platform, an OpenGL display ...) can be used by tests here.
 * Implementations need a public no-argument constructor and should cache their answer.
 */
public interface DeviceProbe {

    /** Why the device cannot be used, or empty when it can. */
    Optional<String> unavailableReason();
}
