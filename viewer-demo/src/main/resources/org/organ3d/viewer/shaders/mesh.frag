#version 330 core
// Blinn-Phong with a head light, two-sided (back faces use the flipped normal, so clipped organs
// show their inside lit), colour in sRGB with alpha as opacity.
in vec3 vPosEye;
in vec3 vNormalEye;
uniform vec4 uColor;
uniform float uHighlight;  // 0..1: mix towards white for the selected organ
out vec4 fragColor;
void main() {
    vec3 n = normalize(vNormalEye);
    if (!gl_FrontFacing) {
        n = -n;
    }
    vec3 v = normalize(-vPosEye);
    vec3 l = normalize(vec3(0.3, 0.5, 1.0));
    vec3 h = normalize(l + v);
    float diff = max(dot(n, l), 0.0);
    float spec = pow(max(dot(n, h), 0.0), 48.0);
    vec3 base = mix(uColor.rgb, vec3(1.0), 0.35 * uHighlight);
    vec3 c = base * (0.22 + 0.78 * diff) + vec3(0.35) * spec;
    if (!gl_FrontFacing) {
        c *= 0.8;   // inside surfaces a little darker
    }
    fragColor = vec4(c, uColor.a);
}
