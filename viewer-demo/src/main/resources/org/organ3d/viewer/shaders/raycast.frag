#version 330 core
// Emission-absorption ray casting, front to back, from the camera through this pixel: from where
// the ray enters the volume's box to where it leaves it, stops at the opaque surfaces already drawn
// (their depth, copied to uDepth) and keeps to the kept side of the clipping plane. Each step of
// uStep mm samples the image (trilinear), maps it through the transfer function (colour, extinction
// per mm) and adds opacity 1 - exp(-extinction * step); shaded presets light the sample by the LPS
// gradient (central differences) with a head light. Output is premultiplied colour and opacity,
// blended over the surfaces with (ONE, ONE_MINUS_SRC_ALPHA).
in vec3 vLps;
uniform vec3 uEye;            // camera position, LPS mm
uniform mat4 uLpsToTex;
uniform mat4 uInvViewProj;
uniform sampler3D uImage;
uniform vec2 uValue;          // real value = texel * x + y
uniform sampler2D uTf;        // transfer function: rgb, extinction per mm
uniform vec2 uTfRange;        // (lowest value, 1 / value span)
uniform sampler2D uDepth;     // depth of the opaque surfaces (window pixels)
uniform vec4 uViewport;       // x, y, w, h of the eye's viewport in uDepth's pixels
uniform float uStep;          // mm
uniform vec4 uClip;           // keep dot(n, p) + d >= 0; (0,0,0,1) when off
uniform bool uShaded;
out vec4 fragColor;

float valueAt(vec3 t) {
    return texture(uImage, t).r * uValue.x + uValue.y;
}

void main() {
    vec3 dir = normalize(vLps - uEye);
    vec3 o = (uLpsToTex * vec4(uEye, 1.0)).xyz;
    vec3 d = mat3(uLpsToTex) * dir;             // texture units per mm along the ray
    vec3 inv = 1.0 / d;
    vec3 t0 = -o * inv;
    vec3 t1 = (vec3(1.0) - o) * inv;
    vec3 lo = min(t0, t1);
    vec3 hi = max(t0, t1);
    float tEnter = max(max(max(lo.x, lo.y), lo.z), 0.0);
    float tExit = min(min(hi.x, hi.y), hi.z);
    float z = texelFetch(uDepth, ivec2(gl_FragCoord.xy), 0).r;
    if (z < 1.0) {
        vec2 ndc = (gl_FragCoord.xy - uViewport.xy) / uViewport.zw * 2.0 - 1.0;
        vec4 p = uInvViewProj * vec4(ndc, z * 2.0 - 1.0, 1.0);
        tExit = min(tExit, dot(p.xyz / p.w - uEye, dir));
    }
    float dn = dot(uClip.xyz, dir);
    float s0 = dot(uClip.xyz, uEye) + uClip.w;
    if (abs(dn) > 1e-9) {
        float tc = -s0 / dn;
        if (dn > 0.0) {
            tEnter = max(tEnter, tc);
        } else {
            tExit = min(tExit, tc);
        }
    } else if (s0 < 0.0) {
        discard;
    }
    if (tExit <= tEnter) {
        discard;
    }
    mat3 perMm = mat3(uLpsToTex);
    // NB: a per-pixel start offset turns the slab pattern of a fixed step into fine noise
    float jitter = fract(sin(dot(gl_FragCoord.xy, vec2(12.9898, 78.233))) * 43758.5453);
    vec4 acc = vec4(0.0);
    float t = tEnter + jitter * uStep;
    for (int i = 0; i < 4096 && t < tExit; i++) {
        vec3 tc = o + d * t;
        float v = valueAt(tc);
        vec4 tf = texture(uTf, vec2((v - uTfRange.x) * uTfRange.y, 0.5));
        float a = 1.0 - exp(-tf.a * uStep);
        if (a > 0.002) {
            vec3 col = tf.rgb;
            if (uShaded) {
                float h = uStep;
                vec3 g = vec3(valueAt(tc + perMm[0] * h) - valueAt(tc - perMm[0] * h),
                              valueAt(tc + perMm[1] * h) - valueAt(tc - perMm[1] * h),
                              valueAt(tc + perMm[2] * h) - valueAt(tc - perMm[2] * h));
                float gl = length(g);
                float lambert = gl > 1e-6 ? abs(dot(g / gl, dir)) : 1.0;
                col *= 0.3 + 0.7 * lambert;
            }
            acc.rgb += (1.0 - acc.a) * a * col;
            acc.a += (1.0 - acc.a) * a;
            if (acc.a > 0.98) {
                break;
            }
        }
        t += uStep;
    }
    fragColor = acc;
}
