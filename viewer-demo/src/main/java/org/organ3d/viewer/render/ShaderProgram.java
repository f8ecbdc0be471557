package org.organ3d.viewer.render;

import static org.lwjgl.opengl.GL20C.*;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A linked GLSL program built from two resources under {@code org/organ3d/viewer/shaders/}.
 * Compile and link are checked: a failure throws {@link IllegalStateException} with the driver's log
 * and the resource name. Owns one GL program object: call {@link #delete()} on the GL thread.
 */
public final class ShaderProgram {

    private static final String ROOT = "/org/organ3d/viewer/shaders/";
    private final int program;

    public ShaderProgram(String vertexResource, String fragmentResource) {
        int vs = compile(GL_VERTEX_SHADER, vertexResource);
        int fs;
        try {
            fs = compile(GL_FRAGMENT_SHADER, fragmentResource);
        } catch (RuntimeException e) {
            glDeleteShader(vs);
            throw e;
        }
        int p = glCreateProgram();
        glAttachShader(p, vs);
        glAttachShader(p, fs);
        glLinkProgram(p);
        glDetachShader(p, vs);
        glDetachShader(p, fs);
        glDeleteShader(vs);
        glDeleteShader(fs);
        if (glGetProgrami(p, GL_LINK_STATUS) == GL_FALSE) {
            String log = glGetProgramInfoLog(p);
            glDeleteProgram(p);
            throw new IllegalStateException("linking " + vertexResource + " + " + fragmentResource + " failed: " + log);
        }
        program = p;
    }

    private static int compile(int type, String resource) {
        String src = load(resource);
        int s = glCreateShader(type);
        glShaderSource(s, src);
        glCompileShader(s);
        if (glGetShaderi(s, GL_COMPILE_STATUS) == GL_FALSE) {
            String log = glGetShaderInfoLog(s);
            glDeleteShader(s);
            throw new IllegalStateException("compiling shader " + resource + " failed: " + log);
        }
        return s;
    }

    private static String load(String resource) {
        try (InputStream in = ShaderProgram.class.getResourceAsStream(ROOT + resource)) {
            if (in == null) {
                throw new IllegalStateException("shader resource missing: " + ROOT + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("reading shader " + resource, e);
        }
    }

    /** Location of a uniform (-1 when the driver optimised it away); look up once, at init. */
    public int uniform(String name) {
        return glGetUniformLocation(program, name);
    }

    public void use() {
        glUseProgram(program);
    }

    public int id() {
        return program;
    }

    public void delete() {
        glDeleteProgram(program);
    }
}
