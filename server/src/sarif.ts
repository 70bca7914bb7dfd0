// SARIF 2.1.0 output of `export-rules validate --format sarif`, for code-scanning uploads,
// typed by @types/sarif and checked against the SARIF schema (test/unit/sarif.test.ts). Paths
// under the current folder are relative URIs against `%SRCROOT%` (the folder), percent-encoded
// (`my rules#1/a b.ecr.yaml` -> `my%20rules%231/a%20b.ecr.yaml`); others are file URIs.
import * as path from 'node:path';
import type * as Sarif from 'sarif';
import type { FileProblem } from './cli';
import { DIAGNOSTIC_CODES } from './model/diagnosticCodes';
import type { Severity } from './model/types';
import { fileUri } from './workspace/files';
import { VERSION } from './version';

const LEVEL: Record<Severity, Sarif.ReportingConfiguration.level> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };
const SRCROOT = '%SRCROOT%';

/** A file as SARIF locates it: relative to %SRCROOT% when under it, else an absolute file URI. */
function artifactLocation(file: string): Sarif.ArtifactLocation {
  if (path.isAbsolute(file)) return { uri: fileUri(file) };
  return { uri: file.split(/[\\/]/).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

/** The log of the given problems; `root` is the folder their relative paths start from. */
export function toSarif(problems: readonly FileProblem[], root: string): Sarif.Log {
  const rules = [...new Set(problems.map((p) => p.code))].sort();
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'export-rules',
            version: VERSION,
            rules: rules.map((id) => ({
              id,
              shortDescription: { text: DIAGNOSTIC_CODES[id].summary },
              defaultConfiguration: { level: LEVEL[DIAGNOSTIC_CODES[id].severity] },
              help: { text: `${DIAGNOSTIC_CODES[id].summary} See docs/diagnostics.md#${id} for a wrong and a right example.` },
            })),
          },
        },
        // a folder's URI ends in "/", so relative URIs resolve inside it
        originalUriBaseIds: { [SRCROOT]: { uri: fileUri(root).replace(/\/?$/, '/') } },
        results: problems.map((p) => ({
          ruleId: p.code,
          ruleIndex: rules.indexOf(p.code),
          level: LEVEL[p.severity],
          message: { text: p.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: artifactLocation(p.file),
                region: { startLine: p.line, startColumn: p.column, endLine: p.endLine, endColumn: p.endColumn },
              },
            },
          ],
        })),
      },
    ],
  };
}
