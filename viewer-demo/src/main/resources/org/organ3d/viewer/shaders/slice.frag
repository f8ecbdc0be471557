#version 330 core
// Reslicing: the image value at this LPS point (nearest voxel) through window/level, then the label
// map at the same point as a fill and/or an outline (a pixel inside a label whose neighbour one step
// right/left/up/down belongs to another label). Points outside the image are black (slice panes) or
// discarded (uDiscardOutside: planes in the 3D view).
in vec3 vLps;
uniform bool uHasImage;
uniform sampler3D uImage;
uniform mat4 uImageTex;        // LPS -> image texture coordinates
uniform vec2 uValue;           // real value = texel * x + y
uniform vec2 uWindow;          // (lowest value, width)
uniform bool uHasLabels;
uniform usampler3D uLabels;
uniform mat4 uLabelTex;        // LPS -> label texture coordinates
uniform sampler2D uLut;        // label colours, label v at (v % 256, v / 256)
uniform float uFill;           // fill opacity (0 = none)
uniform float uOutline;        // outline opacity (0 = none)
uniform vec3 uStepRight;       // one pixel (or voxel) along the screen's right, LPS mm
uniform vec3 uStepDown;        // one pixel (or voxel) along the screen's down, LPS mm
uniform bool uDiscardOutside;
out vec4 fragColor;

bool inside(vec3 t) {
    return all(greaterThanEqual(t, vec3(0.0))) && all(lessThanEqual(t, vec3(1.0)));
}

uint labelAt(vec3 p) {
    vec3 t = (uLabelTex * vec4(p, 1.0)).xyz;
    return inside(t) ? texture(uLabels, t).r : 0u;
}

vec4 colourOf(uint l) {
    return texelFetch(uLut, ivec2(int(l & 255u), int(l >> 8u)), 0);
}

void main() {
    vec3 c = vec3(0.0);
    bool any = false;
    if (uHasImage) {
        vec3 t = (uImageTex * vec4(vLps, 1.0)).xyz;
        if (inside(t)) {
            float v = texture(uImage, t).r * uValue.x + uValue.y;
            c = vec3(clamp((v - uWindow.x) / uWindow.y, 0.0, 1.0));
            any = true;
        }
    }
    if (uHasLabels) {
        vec3 t = (uLabelTex * vec4(vLps, 1.0)).xyz;
        any = any || inside(t);
        uint l = labelAt(vLps);
        if (l != 0u) {
            vec4 col = colourOf(l);
            c = mix(c, col.rgb, uFill * col.a);
            if (uOutline > 0.0 && col.a > 0.0
                    && (labelAt(vLps + uStepRight) != l || labelAt(vLps - uStepRight) != l
                        || labelAt(vLps + uStepDown) != l || labelAt(vLps - uStepDown) != l)) {
                c = mix(c, col.rgb, uOutline);
            }
        }
    }
    if (!any && uDiscardOutside) {
        discard;
    }
    fragColor = vec4(c, 1.0);
}
