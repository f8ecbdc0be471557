package org.organ3d.cli;

import java.util.Optional;
import org.lwjgl.glfw.GLFW;
import org.organ3d.testkit.DeviceProbe;

/** Test probe: a display where GLFW initialises (the viewer's offscreen renderer needs one). */
public final class DisplayProbe implements DeviceProbe {
    @Override
    public Optional<String> unavailableReason() {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        String display = System.getenv("DISPLAY");
        if (os.contains("linux") && (display == null || display.isBlank())) {
            return Optional.of("no DISPLAY (start Xvfb :99 and export DISPLAY=:99)");
        }
        try {
            if (!GLFW.glfwInit()) {
                return Optional.of("glfwInit failed");
            }
            GLFW.glfwTerminate();
            return Optional.empty();
        } catch (LinkageError | RuntimeException e) {
            return Optional.of("GLFW could not be used: " + e);
        }
    }
}
