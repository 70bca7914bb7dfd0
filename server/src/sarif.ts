// SARIF 2.1.0 output of `export-rules validate --format sarif`, for code-scanning uploads.
import type { FileProblem } from './cli';
import { VERSION } from './version';

const LEVEL: Record<FileProblem['severity'], string> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

export function toSarif(problems: FileProblem[]): object {
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
            rules: rules.map((id) => ({ id, shortDescription: { text: id.replace(/-/g, ' ') } })),
          },
        },
        results: problems.map((p) => ({
          ruleId: p.code,
          ruleIndex: rules.indexOf(p.code),
          level: LEVEL[p.severity],
          message: { text: p.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: p.file.split('\\').join('/') },
                region: { startLine: p.line, startColumn: p.column, endLine: p.endLine, endColumn: p.endColumn },
              },
            },
          ],
        })),
      },
    ],
  };
}
