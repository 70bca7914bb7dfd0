// Extension activation time outside VS Code: loads dist/client/extension.js with a stub
// `vscode` module (every property is a callable, constructible stub) and times require +
// activate(). The language client's start is not awaited by activate, as in VS Code.
// Prints one JSON line. Run: node test/bench/activation.js
/* eslint-disable @typescript-eslint/no-require-imports -- a plain CommonJS script, as VS Code loads the bundle */
/* global performance */
'use strict';
const Module = require('node:module');
const path = require('node:path');

function stub(name) {
  const fn = function () {};
  const own = new Map(); // what the extension assigned (statusBar.text = ...)
  return new Proxy(fn, {
    set(_t, prop, value) {
      own.set(prop, value);
      return true;
    },
    get(_t, prop) {
      if (own.has(prop)) return own.get(prop);
      if (prop === 'then') return undefined; // not a promise
      if (prop === Symbol.toPrimitive) return () => name;
      if (prop === Symbol.iterator) return function* () {};
      if (prop === 'prototype') return fn.prototype;
      return stub(`${name}.${String(prop)}`);
    },
    apply() {
      return stub(`${name}()`);
    },
    construct() {
      return stub(`new ${name}`);
    },
  });
}

// The module's top-level names, from its type declarations (esbuild copies own properties
// of a CommonJS module into the namespace, so a bare Proxy would look empty).
const fs = require('node:fs');
const dts = fs.readFileSync(require.resolve('@types/vscode/index.d.ts'), 'utf8');
const vscode = {};
for (const m of dts.matchAll(/^\s*export (?:class|enum|namespace|const|function|let) ([A-Za-z_]+)/gm)) vscode[m[1]] = stub(`vscode.${m[1]}`);
vscode.version = '1.100.0';
const load = Module._load;
Module._load = function (request, parent, isMain) {
  return request === 'vscode' ? vscode : load.call(this, request, parent, isMain);
};

const errors = [];
process.on('unhandledRejection', (e) => errors.push(String(e && e.message ? e.message : e)));
const file = path.resolve(__dirname, '../../dist/client/extension.js');
const context = { subscriptions: [], extensionPath: path.resolve(__dirname, '../..'), asAbsolutePath: (p) => path.resolve(__dirname, '../..', p), extensionUri: stub('uri'), globalState: stub('state'), workspaceState: stub('state'), environmentVariableCollection: stub('env'), storageUri: undefined, globalStorageUri: stub('uri'), logUri: stub('uri'), extensionMode: 1 };
const t0 = performance.now();
const ext = require(file);
const t1 = performance.now();
let activateError;
try {
  ext.activate(context);
} catch (e) {
  activateError = String(e && e.stack ? e.stack : e);
}
const t2 = performance.now();
setTimeout(() => {
  process.stdout.write(`${JSON.stringify({ requireMs: t1 - t0, activateMs: t2 - t1, totalMs: t2 - t0, activateError, asyncErrors: errors.slice(0, 3) })}\n`);
  process.exit(0);
}, 200);
