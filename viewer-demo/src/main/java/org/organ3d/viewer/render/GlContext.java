package org.organ3d.viewer.render;

import static org.lwjgl.glfw.GLFW.*;
import static org.lwjgl.opengl.GL11C.GL_STEREO;
import static org.lwjgl.opengl.GL11C.glGetBoolean;
import static org.lwjgl.system.MemoryUtil.NULL;

import org.lwjgl.glfw.Callbacks;
import org.lwjgl.glfw.GLFWErrorCallback;
import org.lwjgl.opengl.GL;
import org.lwjgl.opengl.GLUtil;
import org.lwjgl.system.Callback;

/**
 * A GLFW window with an OpenGL 3.3 core context made current on the calling thread. With
 * {@code -Dorgan3d.gl.debug=true} the context is a debug context and driver messages go to stderr.
 * A stereo (quad-buffered) framebuffer is requested with GLFW_STEREO before the window is created;
 * {@link #stereoGranted()} says whether the driver gave one. With {@code -Dorgan3d.gl.headless=egl}, and for
 * hidden contexts on Linux without a display server, GLFW's null platform and an EGL context are used
 * instead of a window system (servers without X: offscreen only). {@link #close()} destroys the window,
 * frees the callbacks and terminates GLFW (this class owns the GLFW lifetime: one at a time).
 */
public final class GlContext implements AutoCloseable {

    private final long window;
    private final boolean stereo;
    private final Callback debug;
    private final GLFWErrorCallback errors;
    private String lastError = "";

    /** Opens a window; throws IllegalStateException with the reason when GLFW or GL 3.3 core is missing. */
    public GlContext(int width, int height, String title, boolean visible, boolean requestStereo) {
        errors = GLFWErrorCallback.create((code, description) -> {
            lastError = GLFWErrorCallback.getDescription(description);
            System.err.println("organ3d viewer: GLFW error 0x" + Integer.toHexString(code) + ": " + lastError);
        });
        glfwSetErrorCallback(errors);
        // NB: -Dorgan3d.gl.headless=egl uses GLFW's null platform with an EGL context: offscreen rendering
        // on a GPU server without an X server (the window is never shown; only framebuffer objects work).
        // A hidden context on Linux without any display server takes that path by itself.
        boolean headless = "egl".equalsIgnoreCase(System.getProperty("organ3d.gl.headless", ""))
                || !visible && noDisplayServer();
        if (headless) {
            glfwInitHint(GLFW_PLATFORM, GLFW_PLATFORM_NULL);
        }
        boolean ok = glfwInit();
        // NB: a busy X server (Xvfb shared by many test JVMs) occasionally refuses a connection; retry briefly.
        boolean x11 = System.getenv("DISPLAY") != null && !headless;
        for (int attempt = 0; !ok && x11 && attempt < 3; attempt++) {
            try {
                Thread.sleep(250L << attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            ok = glfwInit();
        }
        if (!ok) {
            glfwSetErrorCallback(null);
            errors.free();
            throw new IllegalStateException("GLFW could not be initialised (no display? " + lastError + ")"
                    + (headless ? "" : "; without an X server, -Dorgan3d.gl.headless=egl renders offscreen through EGL"
                            + " (with ./organ3d: ORGAN3D_JAVA_OPTS=-Dorgan3d.gl.headless=egl)"));
        }
        boolean debugOn = Boolean.getBoolean("organ3d.gl.debug");
        long w = NULL;
        boolean triedStereo = requestStereo;
        while (true) {
            glfwDefaultWindowHints();
            glfwWindowHint(GLFW_VISIBLE, visible ? GLFW_TRUE : GLFW_FALSE);
            glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
            glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
            glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
            glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
            glfwWindowHint(GLFW_OPENGL_DEBUG_CONTEXT, debugOn ? GLFW_TRUE : GLFW_FALSE);
            glfwWindowHint(GLFW_STEREO, triedStereo ? GLFW_TRUE : GLFW_FALSE);
            if (headless) {
                glfwWindowHint(GLFW_CONTEXT_CREATION_API, GLFW_EGL_CONTEXT_API);
            }
            // NB: GLFW_STEREO is a hard constraint: without a stereo visual creation fails, so retry mono.
            w = glfwCreateWindow(width, height, title, NULL, NULL);
            if (w != NULL || !triedStereo) {
                break;
            }
            triedStereo = false;
        }
        if (w == NULL) {
            glfwTerminate();
            glfwSetErrorCallback(null);
            errors.free();
            throw new IllegalStateException("no OpenGL 3.3 core context could be created: " + lastError
                    + (headless ? " (offscreen through EGL: no display server; is libEGL.so.1 installed?)" : ""));
        }
        window = w;
        glfwMakeContextCurrent(window);
        GL.createCapabilities();
        debug = debugOn ? GLUtil.setupDebugMessageCallback(System.err) : null;
        stereo = triedStereo && glGetBoolean(GL_STEREO);
    }

    /** Linux with neither an X nor a Wayland display: only an EGL context can render there. */
    private static boolean noDisplayServer() {
        boolean linux = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux");
        String x = System.getenv("DISPLAY");
        return linux && (x == null || x.isBlank()) && System.getenv("WAYLAND_DISPLAY") == null;
    }

    public long window() {
        return window;
    }

    /** True when the window has a quad-buffered stereo framebuffer. */
    public boolean stereoGranted() {
        return stereo;
    }

    @Override
    public void close() {
        if (debug != null) {
            debug.free();
        }
        GL.setCapabilities(null);
        glfwMakeContextCurrent(NULL);
        Callbacks.glfwFreeCallbacks(window);
        glfwDestroyWindow(window);
        glfwTerminate();
        glfwSetErrorCallback(null);
        errors.free();
    }
}
