#version 330 core
// Combines the left and right eye images.
// uMode 1: red-cyan anaglyph with Dubois' least-squares matrices (applied to linear RGB).
// uMode 2: row interlacing: rows with even window y (counted from uRowOrigin) show the left eye.
in vec2 vUv;
uniform sampler2D uLeft;
uniform sampler2D uRight;
uniform int uMode;
uniform int uRowOrigin;
out vec4 fragColor;

vec3 toLinear(vec3 c) { return pow(c, vec3(2.2)); }
vec3 toSrgb(vec3 c) { return pow(clamp(c, 0.0, 1.0), vec3(1.0 / 2.2)); }

// Columns are GLSL mat3 columns: these are the transposes of Dubois' row-major tables.
const mat3 DUBOIS_LEFT = mat3(
     0.437, -0.062, -0.048,
     0.449, -0.062, -0.050,
     0.164, -0.024, -0.017);
const mat3 DUBOIS_RIGHT = mat3(
    -0.011,  0.377, -0.026,
    -0.032,  0.761, -0.093,
    -0.007,  0.009,  1.234);

void main() {
    if (uMode == 1) {
        vec3 l = toLinear(texture(uLeft, vUv).rgb);
        vec3 r = toLinear(texture(uRight, vUv).rgb);
        fragColor = vec4(toSrgb(DUBOIS_LEFT * l + DUBOIS_RIGHT * r), 1.0);
    } else {
        int row = int(gl_FragCoord.y) - uRowOrigin;
        fragColor = vec4(((row & 1) == 0 ? texture(uLeft, vUv) : texture(uRight, vUv)).rgb, 1.0);
    }
}
