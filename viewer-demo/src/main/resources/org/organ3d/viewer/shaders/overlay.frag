#version 330 core
// Solid quads have uv.x < 0; glyph quads sample the font atlas coverage (red channel).
in vec2 vUv;
in vec4 vColor;
uniform sampler2D uFont;
out vec4 fragColor;
void main() {
    float a = vUv.x < 0.0 ? 1.0 : texture(uFont, vUv).r;
    fragColor = vec4(vColor.rgb, vColor.a * a);
}
