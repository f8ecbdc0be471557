#version 330 core
// The volume's box: 36 vertices of the unit cube in texture space (from gl_VertexID, no buffer),
// placed in LPS by uTexToLps. Only back faces are drawn (front faces culled), so the box is
// rasterised once per pixel even with the camera inside it.
uniform mat4 uTexToLps;
uniform mat4 uViewProj;
out vec3 vLps;
const int FACES[36] = int[36](0,2,1, 1,2,3, 4,5,6, 5,7,6, 0,1,4, 1,5,4, 2,6,3, 3,6,7, 0,4,2, 2,4,6, 1,3,5, 3,7,5);
void main() {
    int c = FACES[gl_VertexID];
    vec3 t = vec3(float(c & 1), float((c >> 1) & 1), float((c >> 2) & 1));
    vec4 p = uTexToLps * vec4(t, 1.0);
    vLps = p.xyz / p.w;
    gl_Position = uViewProj * vec4(vLps, 1.0);
}
