package org.organ3d.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModelCardsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The card of docs/inference.md's nnU-Net example. */
    static final String NNUNET = """
            {
              "name": "Dataset017 liver (nnU-Net 3d_fullres)",
              "inputSpacingMm": [0.77, 0.77, 1.0],
              "patchSize": [192, 160, 128],
              "tensorAxes": "zyx",
              "channels": 1,
              "normalization": {"type": "ct", "clip": [-17.0, 201.0], "mean": 99.4, "std": 39.4},
              "output": "logits",
              "labels": {"1": "liver", "2": {"name": "liver tumour", "color": "#E6503C"}},
              "overlap": 0.5,
              "mirrorAxes": ["x", "y", "z"],
              "modality": "CT"
            }
            """;

    @Test
    void readsEveryField(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("card.json");
        Files.writeString(f, NNUNET);
        ModelCard c = ModelCards.read(f);
        assertEquals("Dataset017 liver (nnU-Net 3d_fullres)", c.name());
        assertArrayEquals(new double[] {0.77, 0.77, 1.0}, c.inputSpacingMm());
        assertArrayEquals(new int[] {192, 160, 128}, c.patchSize());
        assertEquals(ModelCard.TensorAxes.ZYX, c.tensorAxes());
        assertEquals(new Normalization.Ct(-17, 201, 99.4, 39.4), c.normalization().get(0));
        assertEquals(ModelCard.OutputKind.LOGITS, c.output());
        assertEquals(2, c.labels().size());
        assertEquals(new ModelLabel(2, 2, "liver tumour", 0xE6503CFF), c.labels().get(1));
        assertEquals(3, c.outputChannels());
        assertArrayEquals(new int[] {0, 1, 2}, c.labelValueByChannel(3));
        assertEquals(List.of(0, 1, 2), c.mirrorAxes());
        assertEquals("CT", c.modality());
        assertTrue(c.warnings().isEmpty(), c.warnings().toString());
        assertNull(c.orientation());
    }

    @Test
    void defaultsAndOptionalForms() throws Exception {
        ModelCard c = ModelCards.parse("""
                {"name": "m", "inputSpacingMm": null, "patchSize": [8, 8, 8], "tensorAxes": "XYZ",
                 "normalization": [{"type": "zscore"}, {"type": "ct", "clipPercentiles": [0.5, 99.5], "mean": 0, "std": 1}],
                 "channels": 2, "output": "sigmoid", "labels": {"0": {"name": "a", "value": 4}, "1": "b"},
                 "orientation": "ras", "mirrorAxes": ["z"], "unknownThing": 1}
                """, null);
        assertNull(c.inputSpacingMm());
        assertEquals(0.5, c.overlap());
        assertEquals(1, c.batchSize());
        assertEquals(ModelCard.Blending.GAUSSIAN, c.blending());
        assertEquals(0.125, c.sigmaScale());
        assertEquals(new Normalization.ZScore(), c.normalization().get(0));
        assertEquals(new Normalization.CtPercentiles(0.5, 99.5, 0, 1), c.normalization().get(1));
        assertArrayEquals(new int[] {4, 1}, c.labelValueByChannel(2));
        assertEquals(List.of(2), c.mirrorAxes());
        assertEquals(List.of("card field 'unknownThing' is not used by organ3d"), c.warnings());
    }

    @ParameterizedTest
    @ValueSource(strings = {"name", "inputSpacingMm", "patchSize", "tensorAxes", "normalization", "output", "labels"})
    void missingRequiredFieldNamesFileAndField(String field, @TempDir Path tmp) throws Exception {
        ObjectNode card = (ObjectNode) JSON.readTree(NNUNET);
        card.remove(field);
        Path f = tmp.resolve("card.json");
        Files.writeString(f, card.toString());
        ModelCardException e = assertThrows(ModelCardException.class, () -> ModelCards.read(f));
        assertTrue(e.getMessage().startsWith(f + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("missing field '" + field + "'"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"patchSize\": [192, 160]}|patchSize",
        "{\"patchSize\": [192, 160, 0]}|patchSize",
        "{\"tensorAxes\": \"xxy\"}|tensorAxes",
        "{\"output\": \"probabilities\"}|output",
        "{\"normalization\": {\"type\": \"ct\", \"mean\": 1, \"std\": 2}}|clip",
        "{\"normalization\": {\"type\": \"ct\", \"clip\": [0, 1], \"mean\": 1, \"std\": 0}}|std",
        "{\"normalization\": {\"type\": \"minmax\"}}|normalization.type",
        "{\"labels\": {\"0\": \"background\"}}|channel 0",
        "{\"labels\": {\"x\": \"liver\"}}|not an output channel",
        "{\"labels\": {\"1\": {\"name\": \"a\", \"value\": 2}, \"2\": \"b\"}}|given to two channels",
        "{\"labels\": {\"1\": {\"value\": 2}}}|labels.1.name",
        "{\"overlap\": 1.0}|overlap",
        "{\"orientation\": \"RAR\"}|orientation",
        "{\"inputSpacingMm\": [1, -1, 1]}|inputSpacingMm",
        "{\"channels\": 2, \"normalization\": [{\"type\": \"none\"}]}|1 entries for 2 channels",
        "{\"outputCrop\": [96, 0, 0]}|outputCrop",
        "{\"mirrorAxes\": [\"w\"]}|mirrorAxes"})
    void badValuesNameTheField(String spec) throws Exception {
        String[] p = spec.split("\\|");
        ObjectNode card = (ObjectNode) JSON.readTree(NNUNET);
        card.setAll((ObjectNode) JSON.readTree(p[0]));
        ModelCardException e = assertThrows(ModelCardException.class, () -> ModelCards.parse(card.toString(), null));
        assertTrue(e.getMessage().contains(p[1]), e.getMessage());
    }

    @Test
    void notJsonOrNotACard(@TempDir Path tmp) throws Exception {
        ModelCardException e = assertThrows(ModelCardException.class, () -> ModelCards.parse("{\"name\": ", null));
        assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
        e = assertThrows(ModelCardException.class, () -> ModelCards.parse("[1, 2]", null));
        assertTrue(e.getMessage().contains("JSON object"), e.getMessage());
        e = assertThrows(ModelCardException.class, () -> ModelCards.parse("{\"name\": \"a\", \"name\": \"b\"}", null));
        assertTrue(e.getMessage().contains("Duplicate"), e.getMessage());
        e = assertThrows(ModelCardException.class, () -> ModelCards.read(tmp.resolve("nope.json")));
        assertTrue(e.getMessage().endsWith("no such file"), e.getMessage());
    }
}
