// Validates glTF/GLB files with the Khronos glTF-Validator (npm package "gltf-validator").
// Install once: npm install --prefix tools/gltf-validator gltf-validator
// Usage: node scripts/validate_glb.js FILE.glb [...]
// Prints one summary line per file (errors, warnings, infos, hints, then the first messages) and
// exits 1 if any file has an error, 3 if the validator is not installed, 0 otherwise.
'use strict';
const fs = require('fs');
const path = require('path');

let validator = null;
for (const candidate of ['gltf-validator',
    path.join(__dirname, '..', 'tools', 'gltf-validator', 'node_modules', 'gltf-validator')]) {
  try {
    validator = require(candidate);
    break;
  } catch (e) {
    // try the next location
  }
}
if (validator === null) {
  console.error('gltf-validator not installed: npm install --prefix tools/gltf-validator gltf-validator');
  process.exit(3);
}

async function main(files) {
  let failed = false;
  for (const file of files) {
    const bytes = new Uint8Array(fs.readFileSync(file));
    const report = await validator.validateBytes(bytes, {uri: path.basename(file), maxIssues: 200});
    const i = report.issues;
    console.log(`${file}: errors=${i.numErrors} warnings=${i.numWarnings} infos=${i.numInfos} hints=${i.numHints}`
        + ` validator=${report.validatorVersion}`);
    for (const m of i.messages.slice(0, 20)) {
      console.log(`  [${m.severity}] ${m.code} ${m.pointer || ''} ${m.message}`);
    }
    if (i.numErrors > 0) {
      failed = true;
    }
  }
  process.exit(failed ? 1 : 0);
}

if (process.argv.length < 3) {
  console.error('usage: node scripts/validate_glb.js FILE.glb [...]');
  process.exit(2);
}
main(process.argv.slice(2)).catch((e) => {
  console.error(String(e));
  process.exit(1);
});
