#!/usr/bin/env node
'use strict';
// export-rules-language-server --stdio  (Neovim, Emacs, Helix, Zed ...; VS Code uses IPC)
if (!process.argv.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--pipe'))) {
  process.argv.push('--stdio');
}
require('../dist/server/server.js').main();
