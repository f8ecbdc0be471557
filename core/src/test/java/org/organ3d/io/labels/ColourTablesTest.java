package org.organ3d.io.labels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.organ3d.io.ImageFormatException;
import org.organ3d.volume.LabelInfo;

/** The three colour-table formats, written as each tool writes them (lines copied in their layout). */
class ColourTablesTest {

    @TempDir
    Path dir;

    @Test
    void slicerColourTableWithOpacityAndUnderscoredNames() throws IOException {
        Path f = dir.resolve("abdomen.ctbl");
        Files.writeString(f, "# Color table file abdomen.ctbl\n# 3 values\n0 Background 0 0 0 0\n"
                + "1 liver 221 130 101 255\n7 liver_lesion 245 224 80 128\n");
        Map<Integer, LabelInfo> t = ColourTables.read(f);
        assertEquals(2, t.size(), "background skipped");
        assertEquals(new LabelInfo(1, "liver", 0xdd8265ff), t.get(1));
        assertEquals(new LabelInfo(7, "liver lesion", 0xf5e05080), t.get(7));
    }

    @Test
    void itkSnapLabelDescriptionsWithQuotedNamesAndFractionalAlpha() throws IOException {
        Path f = dir.resolve("labels.txt");
        Files.writeString(f, "################################################\n# ITK-SnAP Label Description File\n"
                + "# Columns = IDX -R- -G- -B- -A-- VIS MSH  LABEL\n"
                + "    0     0    0    0        0  0  0    \"Clear Label\"\n"
                + "    1   255    0    0        1  1  1    \"Right kidney\"\n"
                + "   12     0  128  255      0.5  1  1    \"Portal vein, main\"\n");
        Map<Integer, LabelInfo> t = ColourTables.read(f);
        assertEquals(Map.of(1, new LabelInfo(1, "Right kidney", 0xff0000ff), 12,
                new LabelInfo(12, "Portal vein, main", 0x0080ff80)), t);
    }

    @Test
    void freeSurferLookUpTableWhoseAlphaIsTransparency() throws IOException {
        Path f = dir.resolve("FreeSurferColorLUT.txt");
        Files.writeString(f, "#$Id: FreeSurferColorLUT.txt\n\n#No. Label Name:                            R   G   B   A\n\n"
                + "0   Unknown                                 0   0   0   0\n"
                + "2   Left-Cerebral-White-Matter              245 245 245 0\n"
                + "17  Left-Hippocampus                        220 216 20  0\n"
                + "1000    ctx-lh-unknown                      25  5   25  0\n");
        Map<Integer, LabelInfo> t = ColourTables.read(f);
        assertEquals(new LabelInfo(2, "Left-Cerebral-White-Matter", 0xf5f5f5ff), t.get(2), "A = 0 is opaque");
        assertEquals(new LabelInfo(17, "Left-Hippocampus", 0xdcd814ff), t.get(17));
        assertEquals(3, t.size());
        assertEquals(0x190519ff, t.get(1000).rgba());
    }

    @Test
    void badLinesNameTheFileAndTheLine() throws IOException {
        Path f = dir.resolve("bad.ctbl");
        Files.writeString(f, "# header\n1 liver 221 130 101 255\n2 spleen 300 0 0 255\n");
        ImageFormatException e = assertThrows(ImageFormatException.class, () -> ColourTables.read(f));
        assertTrue(e.getMessage().startsWith(f + ": line 3: red must be 0..255: 300"), e.getMessage());
        Files.writeString(f, "1 liver\n");
        assertTrue(assertThrows(ImageFormatException.class, () -> ColourTables.read(f)).getMessage()
                .contains("line 1: expected 'index name r g b a'"));
        Files.writeString(f, "# nothing\n");
        assertTrue(assertThrows(ImageFormatException.class, () -> ColourTables.read(f)).getMessage().contains("no labels"));
        Path snap = dir.resolve("snap.txt");
        Files.writeString(snap, "1 255 0 0 2 1 1 \"x\"\n");
        assertTrue(assertThrows(ImageFormatException.class, () -> ColourTables.read(snap)).getMessage()
                .contains("alpha must be 0..1"));
    }
}
