#!/usr/bin/env bash
# Validates GLB files with the Khronos glTF validator (npm package gltf-validator).
# Install it once, locally (tools/ is git-ignored):
#   npm install --prefix tools/gltf-validator gltf-validator
# Usage: scripts/validate_glb.sh out.glb [...]   (exit 1 on validation errors, 3 if not installed)
set -euo pipefail
exec node "$(dirname "$0")/validate_glb.js" "$@"
