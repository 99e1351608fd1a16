// SPDX-License-Identifier: GPL-3.0-or-later
// Validates each HAR file named on the command line against the HAR 1.2 schema with
// har-validator (Debian: node-har-validator). Prints "ok FILE" or the schema's errors, and
// exits 1 when any file is invalid, 77 (skip) when har-validator is not installed.
'use strict';
const fs = require('fs');
let validator;
try {
  validator = require('har-validator');
} catch (e) {
  console.log('har-validator is not installed: ' + e.message);
  process.exit(77);
}
(async () => {
  let failed = false;
  for (const file of process.argv.slice(2)) {
    const har = JSON.parse(fs.readFileSync(file, 'utf8'));
    try {
      await validator.har(har);
      console.log('ok ' + file);
    } catch (e) {
      failed = true;
      console.log('invalid ' + file + ': ' + JSON.stringify(e.errors || e.message));
    }
  }
  process.exit(failed ? 1 : 0);
})();
