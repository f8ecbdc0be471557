package org.organ3d.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.joml.Vector3d;
import org.joml.Vector3f;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.organ3d.mesh.MeshPrimitives;
import org.organ3d.mesh.io.NamedMesh;
import org.organ3d.viewer.Camera;
import org.organ3d.viewer.LoadedScene;
import org.organ3d.viewer.OffscreenRenderer;
import org.organ3d.viewer.OrganInfo;
import org.organ3d.viewer.Scene;
import org.organ3d.viewer.SceneObject;
import org.organ3d.viewer.StereoMode;
import org.organ3d.viewer.ViewLayout;
import org.organ3d.viewer.ViewPreset;
import org.organ3d.viewer.ViewerOptions;
import org.organ3d.viewer.ViewerState;
import org.organ3d.viewer.measure.StudyReference;
import org.organ3d.viewer.pick.Hit;
import org.organ3d.viewer.slice.SliceSource;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.LabelInfo;
import org.organ3d.volume.LabelMap;
import org.organ3d.volume.Rescale;
import org.organ3d.volume.Spacing;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;

/**
 * Viewer frame times.
 * <ul>
 * <li>{@code frame}: a 2-million-triangle scene, 25 icospheres of 81,920 triangles (2,048,000 in all)
 * on a 5×5 grid, four of them semi-transparent (sorted, two passes each), rendered offscreen at
 * 1280×800 and finished with glFinish.</li>
 * <li>{@code pick}: one BVH pick through the middle ball's centre.</li>
 * <li>{@code firstFrame} (single shot): the same 2,048,000 triangles, meshes ready (vertex normals
 * made, as the loader does), uploaded and drawn once: what a user waits for between the end of loading
 * and the first picture. The picking BVH is not part of it (the viewer builds it in the background).</li>
 * <li>{@code sliceScroll}: the 2×2 layout (axial, 3D, sagittal, coronal) with a 512×512×200 CT and a
 * label map, stepping the axial slice by one voxel per frame, as a user scrolls; the 3D pane shows the
 * 2-million-triangle scene.</li>
 * </ul>
 * Needs a display (Xvfb + Mesa llvmpipe in CI); GL runs on the benchmark thread, so threads = 1.
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

    private static final int NZ = 200;
    private OffscreenRenderer renderer;
    private Scene scene;
    private Camera camera;
    private StereoMode mode;
    private ViewerState sliceState;
    private int k;
    private final Vector3f target = new Vector3f();
    private final Vector3f origin = new Vector3f();
    private final Vector3f dir = new Vector3f();

    @Setup
    public void setUp(BenchmarkParams params) {
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
        if (params.getBenchmark().endsWith("sliceScroll")) {
            makeSlices();
        }
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

    /** Meshes ready for the first frame of a fresh scene (normals made), rebuilt for every shot. */
    @State(Scope.Thread)
    public static class FreshScene {
        Scene scene;

        @Setup(Level.Invocation)
        public void make() {
            scene = new Scene();
            for (int i = 0; i < 25; i++) {
                NamedMesh m = new NamedMesh(i + 1, "ball" + i, 0xc0c0c0ff,
                        MeshPrimitives.icosphere(60.0 * (i % 5), 0, 60.0 * (i / 5), 28, 6));
                scene.add(new SceneObject(m, OrganInfo.ofSurface(m.name(), m.mesh())));
            }
        }

        @TearDown(Level.Invocation)
        public void free() {
            scene.deleteGpu();
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Warmup(iterations = 1)
    @Measurement(iterations = 5)
    public void firstFrame(FreshScene fresh) {
        renderer.draw(fresh.scene, camera, mode, 1280, 800, null);
    }

    @Benchmark
    public void sliceScroll() {
        k = (k + 1) % NZ;
        sliceState.cursor.z = -150 + 1.5 * k;
        renderer.drawWindow(sliceState, camera, 1280, 800);
    }

    /**
     * For {@code sliceScroll}: a CT of 512×512×200 int16 (a body ellipse of soft tissue with a bright
     * spine, noise σ 12 HU) and its label map in the 2×2 layout; textures uploaded before measuring.
     */
    private void makeSlices() {
        int nx = 512;
        int ny = 512;
        Geometry g = Geometry.axisAligned(new Spacing(0.7, 0.7, 1.5), new Vector3d(-179, -179, -150));
        Volume.Builder ct = Volume.builder(new Dimensions(nx, ny, NZ), VoxelType.INT16, g).rescale(new Rescale(1, -1024));
        Volume.Builder lab = LabelMap.builder(new Dimensions(nx, ny, NZ), VoxelType.UINT8, g);
        java.util.Random rnd = new java.util.Random(1);
        for (int kk = 0; kk < NZ; kk++) {
            short[] s = new short[nx * ny];
            byte[] l = new byte[nx * ny];
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    double x = (i - 256) / 240.0;
                    double y = (j - 256) / 170.0;
                    boolean spine = Math.hypot(i - 256, j - 360) < 30;
                    double hu = x * x + y * y < 1 ? (spine ? 700 : 50) : -1000;
                    s[j * nx + i] = (short) (hu + 1024 + 12 * rnd.nextGaussian());
                    l[j * nx + i] = (byte) (spine ? 6 : 0);
                }
            }
            ct.setSlice(kk, s);
            lab.setSlice(kk, l);
        }
        LabelMap labels = new LabelMap(lab.build(), Map.of(6, new LabelInfo(6, "vertebrae", 0xeee6ccff)));
        sliceState = new ViewerState(scene);
        sliceState.adopt(new LoadedScene(scene.objects(), new SliceSource(ct.build(), Map.of("modality", "CT"), labels),
                StudyReference.NONE, List.of(), "bench"), ViewerOptions.builder(List.of(Path.of("bench")))
                .layout(ViewLayout.FOUR_UP).build());
        sliceState.stereo = mode;
        renderer.drawWindow(sliceState, camera, 1280, 800);
    }

    @TearDown
    public void tearDown() {
        scene.deleteGpu();
        renderer.close();
    }
}
