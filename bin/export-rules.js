#!/usr/bin/env node
'use strict';
require('../dist/server/cli.js').main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => { process.stderr.write(`export-rules: ${err && err.message ? err.message : String(err)}\n`); process.exitCode = 2; },
);
