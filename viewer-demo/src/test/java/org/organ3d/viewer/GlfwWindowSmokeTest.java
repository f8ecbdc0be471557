package org.organ3d.viewer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.lwjgl.glfw.GLFW.*;
import static org.lwjgl.opengl.GL11C.*;
import static org.lwjgl.system.MemoryUtil.NULL;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.lwjgl.BufferUtils;
import org.lwjgl.opengl.GL;
import org.organ3d.testkit.RequiresDevice;

@Tag("gl")
@RequiresDevice(value = "gl", probe = GlProbe.class)
class GlfwWindowSmokeTest {

    @Test
    void opensWindowClearsAndReadsBackTheColour() {
        if (!glfwInit()) {
            throw new IllegalStateException("glfwInit failed");
        }
        try {
            glfwDefaultWindowHints();
            glfwWindowHint(GLFW_VISIBLE, GLFW_FALSE);
            glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
            glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
            glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
            glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
            long window = glfwCreateWindow(64, 48, "organ3d smoke", NULL, NULL);
            assertNotEquals(NULL, window);
            try {
                glfwMakeContextCurrent(window);
                GL.createCapabilities();
                System.out.println("OpenGL: " + glGetString(GL_VERSION) + " / " + glGetString(GL_RENDERER));
                glViewport(0, 0, 64, 48);
                glClearColor(0.2f, 0.4f, 0.6f, 1f);
                glClear(GL_COLOR_BUFFER_BIT);
                glFinish();
                ByteBuffer px = BufferUtils.createByteBuffer(4);
                glReadPixels(10, 10, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, px);
                int[] rgba = {px.get(0) & 0xFF, px.get(1) & 0xFF, px.get(2) & 0xFF, px.get(3) & 0xFF};
                assertArrayEquals(new int[] {51, 102, 153, 255}, rgba);
                GL.setCapabilities(null);
            } finally {
                glfwDestroyWindow(window);
            }
        } finally {
            glfwTerminate();
        }
    }
}
