#version 330 core
// Organ surfaces: positions and normals in LPS mm; lighting is done in eye space.
layout(location = 0) in vec3 aPos;
layout(location = 1) in vec3 aNormal;
uniform mat4 uView;
uniform mat4 uProj;
uniform vec4 uClip;   // clipping plane in LPS: keep dot(uClip, (p,1)) >= 0
out vec3 vPosEye;
out vec3 vNormalEye;
void main() {
    vec4 pe = uView * vec4(aPos, 1.0);
    vPosEye = pe.xyz;
    vNormalEye = mat3(uView) * aNormal;   // the view matrix is rigid
    gl_ClipDistance[0] = dot(uClip, vec4(aPos, 1.0));
    gl_Position = uProj * pe;
}
