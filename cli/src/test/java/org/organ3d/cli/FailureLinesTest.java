package org.organ3d.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.organ3d.io.ImageFormats;
import org.organ3d.testkit.Processes;
import org.organ3d.volume.Dimensions;
import org.organ3d.volume.Geometry;
import org.organ3d.volume.Volume;
import org.organ3d.volume.VoxelType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/**
 * Whatever goes wrong, the command prints one error line naming the input and exits 1: typed
 * errors, defects (unchecked exceptions), an OutOfMemoryError (in process, and for real in a child
 * JVM with a small heap) and other errors; the stack goes only to ORGAN3D_DEBUG_LOG.
 */
class FailureLinesTest {

    @TempDir
    Path tmp;

    /** A command that throws what it is told to. */
    @Command(name = "boom")
    static final class Boom implements Callable<Integer> {
        @Parameters(index = "0")
        String input;

        static Throwable toThrow;

        @Override
        public Integer call() throws Exception {
            if (toThrow instanceof Exception e) {
                throw e;
            }
            throw (Error) toThrow;
        }
    }

    private static CliRun boom(Throwable t, String input) {
        Boom.toThrow = t;
        CommandLine cl = new CommandLine(new Boom());
        FailureHandler h = new FailureHandler();
        cl.setExecutionExceptionHandler(h);
        cl.setExecutionStrategy(h);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(input);
        return new CliRun(code, out.toString(), err.toString());
    }

    private static void oneLine(CliRun r, String... words) {
        assertEquals(ExitCodes.FAILURE, r.code(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
        for (String w : words) {
            assertTrue(r.err().contains(w), "'" + w + "' missing in: " + r.err());
        }
    }

    @Test
    void defectsNameTheInputAndSayWhatHappened() {
        oneLine(boom(new IllegalArgumentException("frame 1 of 1"), "scan.dcm"),
                "organ3d boom: error: scan.dcm: internal error: IllegalArgumentException: frame 1 of 1", "defect");
        oneLine(boom(new ArrayIndexOutOfBoundsException("Index 2048 out of bounds for length 2048"), "ct/"),
                "error: ct/: internal error: ArrayIndexOutOfBoundsException");
        oneLine(boom(new NegativeArraySizeException("-1"), "m.ply"), "error: m.ply: internal error: NegativeArraySizeException: -1");
    }

    @Test
    void errorsAreOneLineToo() {
        oneLine(boom(new OutOfMemoryError("Java heap space"), "big.nii.gz"),
                "error: big.nii.gz: out of memory", "ORGAN3D_JAVA_OPTS=-Xmx");
        oneLine(boom(new StackOverflowError(), "deep.dcm"), "error: deep.dcm: internal error: stack overflow");
    }

    @Test
    void typedErrorsThatNameTheFileAreKeptAndOthersGetTheInput() {
        oneLine(boom(new java.io.IOException("/data/a.nrrd: at byte 12: bad sizes"), "/data/a.nrrd"),
                "error: /data/a.nrrd: at byte 12: bad sizes");
        CliRun r = boom(new java.io.EOFException(), "/data/b.nii");
        oneLine(r, "error: /data/b.nii: EOFException");
    }

    @Test
    void outOfMemoryInAChildJvmIsOneLineNamingTheInput() throws Exception {
        // NB: 96^3 voxels of 0/1 noise (0.9 MB) whose isosurface has about 1.5 M triangles: more than a 24 MiB heap holds
        Volume.Builder b = Volume.builder(new Dimensions(96, 96, 96), VoxelType.UINT8, Geometry.unit());
        java.util.Random rnd = new java.util.Random(21);
        for (int k = 0; k < 96; k++) {
            ByteBuffer sl = b.bytesForWriting(k);
            for (int i = 0; i < sl.capacity(); i++) {
                sl.put(i, (byte) ((byte) rnd.nextInt(2)));
            }
        }
        Path f = tmp.resolve("noise.nii.gz");
        ImageFormats.write(f, b.build(), Map.of());
        Path log = tmp.resolve("debug.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Processes.Run run = Processes.run(List.of(java, "-Xmx24m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                "org.organ3d.cli.Main", "mesh", f.toString(), "--iso", "0.5", "--backend", "java", "--out",
                tmp.resolve("noise.stl").toString()), tmp, Map.of(FailureHandler.DEBUG_LOG, log.toString()),
                Duration.ofSeconds(120));
        assertEquals(1, run.exit(), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().startsWith("organ3d mesh: error: " + f + ": out of memory"), run.err());
        assertTrue(run.err().contains("(stack in " + log + ")"), run.err());
        assertTrue(Files.readString(log).contains("java.lang.OutOfMemoryError"), Files.readString(log));
        assertFalse(Files.exists(tmp.resolve("noise.stl")));
    }
}
