// The custom requests are typed RequestTypes in server/src/protocol.ts, imported by the server
// and the client: no side spells a method name or an answer's shape on its own.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import * as protocol from '../../server/src/protocol';

const root = path.resolve(__dirname, '../..');

test('every custom request and notification is a typed RequestType or NotificationType', () => {
  const methods = Object.entries(protocol)
    .filter(([, v]) => v instanceof RequestType || v instanceof NotificationType)
    .map(([name, v]) => [name, (v as { method: string }).method]);
  assert.deepEqual(methods.sort(), [
    ['CheckItemRequest', 'exportRules/checkItem'],
    ['DecisionMatrixRequest', 'exportRules/decisionMatrix'],
    ['DocumentInfoRequest', 'exportRules/documentInfo'],
    ['ListItemsRequest', 'exportRules/listItems'],
    ['RulesChangedNotification', 'exportRules/rulesChanged'],
    ['RunTestsRequest', 'exportRules/runTests'],
    ['WhatChangedRequest', 'exportRules/whatChanged'],
  ]);
});

test('the client and the server name no custom method outside protocol.ts; the client defines no answer', () => {
  const files = ['client/src', 'server/src'].flatMap((d) => fs.readdirSync(path.join(root, d), { recursive: true, encoding: 'utf8' }).map((f) => path.join(d, f)));
  const offenders = files
    .filter((f) => f.endsWith('.ts') && !f.endsWith(path.join('server', 'src', 'protocol.ts')))
    .filter((f) => {
      const code = fs.readFileSync(path.join(root, f), 'utf8').replace(/\/\/.*$/gm, '').replace(/\/\*[\s\S]*?\*\//g, '');
      // the answers are defined beside the code that makes them and exported by protocol.ts
      return /['"`]exportRules\/\w+['"`]/.test(code) || (f.startsWith('client') && /^(export )?(interface|type) \w+Result\b/m.test(code));
    });
  assert.deepEqual(offenders, []);
});
