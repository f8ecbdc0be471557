package org.organ3d.inference;

/**
 * One output channel of a model as a label in the label map.
 *
 * @param channel output channel index (≥ 1 for softmax/logits models, where 0 is background)
 * @param value   label value written (1..65535; by default the channel number)
 * @param name    name, e.g. "liver"
 * @param rgba    display colour 0xRRGGBBAA
 */
public record ModelLabel(int channel, int value, String name, int rgba) {
    public ModelLabel {
        if (channel < 0 || channel > 65535) {
            throw new IllegalArgumentException("output channel must be 0..65535: " + channel);
        }
        if (value < 1 || value > 65535) {
            throw new IllegalArgumentException("label value must be 1..65535: " + value);
        }
        name = name == null ? "" : name;
    }
}
