#version 330 core
// A slice quad: four LPS corners (uniforms, no vertex buffer), drawn as a triangle strip in the
// order top-left, top-right, bottom-left, bottom-right. uMvp is the pane's LPS -> NDC map (slice
// panes) or projection * view (the slice planes in the 3D view). The LPS position is interpolated
// for the fragment shader; it is affine on the quad, so every pixel centre gets its exact LPS point.
uniform mat4 uMvp;
uniform vec3 uCorner[4];
uniform vec4 uClip;   // 3D view: the clipping plane (keep dot >= 0); (0,0,0,1) when off
out vec3 vLps;
void main() {
    vLps = uCorner[gl_VertexID];
    gl_ClipDistance[0] = dot(uClip, vec4(vLps, 1.0));
    gl_Position = uMvp * vec4(vLps, 1.0);
}
