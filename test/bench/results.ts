// The benchmark's results as the repository keeps them: test/bench/results.json holds the
// figures of the last run of each part (language servers, engine, CLI, package), each with
// when and under what load it was measured; test/bench/RESULTS.md and the README's
// Performance section are rendered from it and from nothing else, so the README shows only
// figures the benchmark printed. A run of some parts (`--only=lsp`) replaces those parts.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from './lspBench';
import { brokenFeatures, lspRows, lspTable, table, TARGET_SIZE, type LspRow, type Row, type SizeSummary } from './report';

export interface Measured {
  /** ISO time the part started. */
  date: string;
  node: string;
  cores: number;
  cpu: string;
  /** 1, 5 and 15 minute load averages at the start of the run and at the end of the part. */
  loadAvgAtStart: number[];
  loadAvgAtEnd: number[];
  options: Record<string, unknown>;
}

interface LspPart {
  measured: Measured;
  peer: { name: string; version: string; validationDelayMs: number | undefined };
  /** The bundled starter pack the folder+pack scenario layered. */
  starterPack?: { files: number; rules: number };
  sizes: SizeSummary[];
}

interface RowsPart {
  measured: Measured;
  rows: Row[];
  raw: unknown;
}

export interface Results {
  parts: { lsp?: LspPart; engine?: RowsPart; cli?: RowsPart; package?: RowsPart; screening?: RowsPart };
}

export const RESULTS_JSON = path.join(repoRoot, 'test/bench/results.json');
export const RESULTS_MD = path.join(repoRoot, 'test/bench/RESULTS.md');
export const README = path.join(repoRoot, 'README.md');

const n = (x: number) => x.toLocaleString('en-US');
const when = (m: Measured) =>
  `${m.date.slice(0, 10)}, ${m.cores} cores (${m.cpu.trim()}), Node ${m.node}, load average ${m.loadAvgAtStart.join(' / ')} at the start and ${m.loadAvgAtEnd.join(' / ')} at the end (1, 5, 15 min; ${m.cores} would mean every core busy)`;

function lspSection(p: LspPart): string {
  const o = p.measured.options as { sizes: number[]; runs: number; runsLarge: number; scenarios: string[] };
  const delay = p.peer.validationDelayMs;
  const pack = p.starterPack ? ` (${n(p.starterPack.files)} files, ${n(p.starterPack.rules)} rules)` : '';
  const rows: LspRow[] = [];
  for (const s of p.sizes) {
    rows.push(...lspRows(s));
    const works: LspRow = { metric: 'features working', size: s.size, unit: '', ours: {}, peer: 0, ratio: {} };
    for (const [sc, side] of Object.entries(s.ours)) works.ours[sc] = featureCell(side.works, side.errors);
    works.peer = featureCell(s.peer.works, s.peer.errors);
    rows.push(works);
  }
  const scenarios = o.scenarios;
  const described: Record<string, string> = {
    folder: '**folder**: the folder holds the rule file, default settings (the starter pack is not used, the folder having rule files of its own)',
    'folder+pack': `**folder+pack**: the same with \`exportRules.starterPack: always\`, the bundled starter pack${pack} layered under the folder's rules`,
    'no-folder': '**no-folder**: the file opened alone, no workspace folder (not what VS Code users have; for comparison)',
  };
  const sizes = o.sizes.map(n).join(', ');
  const runs = o.sizes.some((x) => x >= 20_000) ? `${o.runs} cold sessions (${o.runsLarge} at 20,000 rules)` : `${o.runs} cold sessions`;
  const delayText =
    delay === undefined
      ? 'after its validation delay'
      : `a fixed ${delay} ms after each open or change (\`validationDelayMs\` in its \`out/src/yamlSettings.js\`, not a setting)`;
  return `### Language servers

${wrap(`Measured on ${when(p.measured)}.`)}

${wrap(
    `As in VS Code: the client opens a workspace folder (\`rootUri\` and \`workspaceFolders\` set) that holds the generated rule file on disk, so this server indexes the folder while the file is opened in the editor. This server runs in ${scenarios.length === 1 ? 'one scenario' : `${scenarios.length} scenarios`}: ${scenarios.map((s) => described[s] ?? s).join('; ')}. ${p.peer.name} ${p.peer.version}, given our JSON schema, indexes no folder and has no pack: one set of its runs serves every scenario. Rule files of ${sizes} rules (about 8 lines each, real ECCNs and countries) hold 3 planted schema errors and one destination naming a regime no file defines, which only the domain checks find. Each figure is the median over ${runs}, the servers taking turns; a p95 is taken within each session first. Ratios are this server / ${p.peer.name}; targets apply at ${n(TARGET_SIZE)} rules.`,
  )}

${bullet(`*first diagnostics*: didOpen to the first publish that shows the planted schema errors; ours is the quick publish (syntax and schema). *Full diagnostics*: to the first publish that also shows the undefined regime (every domain check). In these runs both are mostly the folder index's: it reads the file from disk while the large didOpen message is still arriving, and the opened buffer, the same text, takes that analysis as it is (the file is analysed once). ${p.peer.name} publishes once, with everything it checks, ${delayText}: its figures include that delay, and both our rows are compared with that one publish.`)}
${bullet('*edit*: an edit that misspells a decision (the schema finds it), or that names an undefined regime (only the full check finds it), to the publish showing it; each is undone before the next, and each writes a value not written before, so no finding remembered from an earlier text answers it.')}
${bullet(`*documentSymbol*: ${p.peer.name}'s outline stops at \`yaml.maxItemsComputed\` symbols (default 5,000); the benchmark sets it to the number of symbols this server returns for the file, so both compute as many (*outline symbols returned*).`)}
${bullet('*peak memory*: VmHWM of the server process at the end of the session.')}

${lspTable(rows, scenarios)}
`;
}

/** A paragraph wrapped at `width` columns (Markdown joins the lines again). */
function wrap(text: string, width = 110, indent = ''): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = indent + word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.join('\n');
}

const bullet = (text: string) => wrap(`- ${text}`, 110, '  ');

function featureCell(w: Parameters<typeof brokenFeatures>[0], errors: string[]): string {
  const broken = brokenFeatures(w);
  return broken.length ? `not: ${broken.join(', ')}${errors.length ? ` (${errors.length} errors)` : ''}` : 'all';
}

function rowsSection(title: string, p: RowsPart, note: string): string {
  return `### ${title}

${wrap(`Measured on ${when(p.measured)}. ${note}`)}

${table(p.rows)}
`;
}

/** The README's "## Performance" section, from the results alone. */
export function renderPerformance(r: Results): string {
  const parts = r.parts;
  const sections = [
    parts.lsp ? lspSection(parts.lsp) : '',
    parts.engine ? rowsSection('Engine', parts.engine, 'In-process, 10,000 generated rules and 10,000 products.') : '',
    parts.cli ? rowsSection('Command line', parts.cli, 'The CLI as a child process (bin/export-rules.js over dist/).') : '',
    parts.package ? rowsSection('Extension', parts.package, 'Activation outside VS Code with a stub `vscode` module; the package built by vsce.') : '',
    parts.screening ? rowsSection('Restricted-party screening', parts.screening, 'The embedded Consolidated Screening List (2026-07-31): the index at start, names screened in process, `screen --batch` as a child process.') : '',
  ].filter(Boolean);
  return `## Performance

${wrap('Figures printed by `npm run bench`, each part with the date and machine load it was measured under (a busy machine makes every figure slower and the ratios noisier).')}

${sections.join('\n')}
${wrap('Reproduce: `npm run bench`; `npm run bench -- --results` rewrites this section (test/bench/results.json, test/bench/RESULTS.md and README.md) from the parts the run measured. Raw figures of every run are in `test-results/bench/`.')}
`;
}

export function readResults(): Results {
  try {
    return JSON.parse(fs.readFileSync(RESULTS_JSON, 'utf8')) as Results;
  } catch {
    return { parts: {} };
  }
}

/** Merges a run's parts into results.json, then renders RESULTS.md and the README section. */
export function writeResults(run: Results): void {
  const merged: Results = { parts: { ...readResults().parts, ...run.parts } };
  fs.writeFileSync(RESULTS_JSON, `${JSON.stringify(merged, null, 2)}\n`);
  const section = renderPerformance(merged);
  fs.writeFileSync(RESULTS_MD, section);
  fs.writeFileSync(README, replaceSection(fs.readFileSync(README, 'utf8'), section));
}

/** The text with its "## Performance" section (to the next "## " heading) replaced. */
export function replaceSection(text: string, section: string): string {
  const start = text.indexOf('\n## Performance\n');
  if (start === -1) throw new Error('README.md has no "## Performance" section to replace');
  const next = text.indexOf('\n## ', start + 1);
  return `${text.slice(0, start + 1)}${section.trimEnd()}\n${next === -1 ? '' : text.slice(next)}`;
}
