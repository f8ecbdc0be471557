package org.organ3d.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.joml.Vector3f;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.organ3d.mesh.MeshPrimitives;
import org.organ3d.mesh.io.NamedMesh;
import org.organ3d.viewer.Camera;
import org.organ3d.viewer.OffscreenRenderer;
import org.organ3d.viewer.Scene;
import org.organ3d.viewer.StereoMode;
import org.organ3d.viewer.ViewPreset;
import org.organ3d.viewer.pick.Hit;

/**
 * Viewer frame time on a 2-million-triangle scene: 25 icospheres of 81,920 triangles (2,048,000 in
 * all) on a 5×5 grid, four of them semi-transparent (sorted, two passes each), rendered offscreen at
 * 1280×800 and finished with glFinish; plus one BVH pick through the middle ball's centre. Needs a display
 * (Xvfb + Mesa llvmpipe in CI); GL runs on the benchmark thread, so threads = 1.
 * Run: {@code DISPLAY=:99 java -jar benchmarks/target/benchmarks.jar ViewerFrameBench -f 1 -wi 2 -i 5}; on a GPU
 * server without X add {@code -jvmArgsAppend -Dorgan3d.gl.headless=egl}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
public class ViewerFrameBench {

    @Param({"off", "anaglyph"})
    public String stereo;

    private OffscreenRenderer renderer;
    private Scene scene;
    private Camera camera;
    private StereoMode mode;
    private final Vector3f target = new Vector3f();
    private final Vector3f origin = new Vector3f();
    private final Vector3f dir = new Vector3f();

    @Setup
    public void setUp() {
        List<NamedMesh> meshes = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            int rgba = i % 6 == 0 ? 0xdd825080 : 0xc0c0c0ff;
            meshes.add(new NamedMesh(i + 1, "ball" + i, rgba,
                    MeshPrimitives.icosphere(60.0 * (i % 5), 0, 60.0 * (i / 5), 28, 6)));
        }
        scene = Scene.ofMeshes(meshes).withPicking();
        renderer = new OffscreenRenderer();
        System.out.println("OpenGL: " + OffscreenRenderer.glDescription());
        camera = OffscreenRenderer.frame(scene, ViewPreset.ANTERIOR);
        camera.arcball(640, 400, 700, 360, 1280, 800);
        mode = StereoMode.parse(stereo);
        camera.project(new Vector3f(120, 0, 120), 0, 1280, 800, target);   // the middle ball's centre
        if (pick() == null) {
            throw new IllegalStateException("the benchmark ray must hit the middle ball");
        }
        renderer.draw(scene, camera, mode, 1280, 800, null);   // upload outside the measurement
    }

    @Benchmark
    public void frame() {
        renderer.draw(scene, camera, mode, 1280, 800, null);
    }

    @Benchmark
    public Hit pick() {
        camera.ray(target.x, target.y, 1280, 800, origin, dir);
        return scene.pick(origin, dir, null);
    }

    @TearDown
    public void tearDown() {
        scene.deleteGpu();
        renderer.close();
    }
}
