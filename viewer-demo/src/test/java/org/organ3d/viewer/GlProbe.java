package org.organ3d.viewer;

import static org.lwjgl.glfw.GLFW.GLFW_CONTEXT_VERSION_MAJOR;
import static org.lwjgl.glfw.GLFW.GLFW_CONTEXT_VERSION_MINOR;
import static org.lwjgl.glfw.GLFW.GLFW_FALSE;
import static org.lwjgl.glfw.GLFW.GLFW_OPENGL_CORE_PROFILE;
import static org.lwjgl.glfw.GLFW.GLFW_OPENGL_FORWARD_COMPAT;
import static org.lwjgl.glfw.GLFW.GLFW_OPENGL_PROFILE;
import static org.lwjgl.glfw.GLFW.GLFW_TRUE;
import static org.lwjgl.glfw.GLFW.GLFW_VISIBLE;
import static org.lwjgl.glfw.GLFW.glfwCreateWindow;
import static org.lwjgl.glfw.GLFW.glfwDefaultWindowHints;
import static org.lwjgl.glfw.GLFW.glfwDestroyWindow;
import static org.lwjgl.glfw.GLFW.glfwInit;
import static org.lwjgl.glfw.GLFW.glfwTerminate;
import static org.lwjgl.glfw.GLFW.glfwWindowHint;
import static org.lwjgl.system.MemoryUtil.NULL;

import java.util.Optional;
import org.organ3d.testkit.DeviceProbe;

/** Test probe: OpenGL is usable when GLFW initialises and opens a hidden 3.3 core window. */
public final class GlProbe implements DeviceProbe {
    @Override
    public Optional<String> unavailableReason() {
        String display = System.getenv("DISPLAY");
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        if (os.contains("linux") && (display == null || display.isBlank())) {
            return Optional.of("no DISPLAY (start Xvfb :99 and export DISPLAY=:99)");
        }
        try {
            if (!glfwInit()) {
                return Optional.of("glfwInit failed");
            }
            try {
                glfwDefaultWindowHints();
                glfwWindowHint(GLFW_VISIBLE, GLFW_FALSE);
                glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
                glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
                glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
                glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
                long w = glfwCreateWindow(16, 16, "probe", NULL, NULL);
                if (w == NULL) {
                    return Optional.of("no OpenGL 3.3 core context could be created");
                }
                glfwDestroyWindow(w);
                return Optional.empty();
            } finally {
                glfwTerminate();
            }
        } catch (LinkageError | RuntimeException e) {
            return Optional.of("GLFW could not be used: " + e);
        }
    }
}
