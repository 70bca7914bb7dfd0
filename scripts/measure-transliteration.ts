// Measures transliteration packages on the Cyrillic and Chinese cases of the screening
// evaluation set (both halves), by the recall each gives the matcher: how the packages the
// product uses were chosen (docs/screening.md). The candidates are not dependencies of the
// project: install them somewhere and name the folder.
//
//   npm i --prefix /tmp/tl iuliia transliteration @sindresorhus/transliterate cyrillic-to-translit-js pinyin-pro pinyin tiny-pinyin
//   node --import tsx scripts/measure-transliteration.ts /tmp/tl/node_modules
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { embeddedScreeningIndex } from '../server/src/screening/embedded';
import { DEFAULT_THRESHOLD, screenName } from '../server/src/screening/match';
import { useTransliterators, type Transliterators } from '../server/src/screening/normalize';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node --import tsx scripts/measure-transliteration.ts NODE_MODULES_DIR');
  process.exit(2);
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const load = (name: string) => require(path.join(path.resolve(dir), name));

interface Case {
  kind: string;
  input: string;
  country?: string;
  expect?: { list: string; name: string };
}
const cases = readFileSync(path.resolve(__dirname, '../test/eval/screening/eval-set.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as Case);
const index = embeddedScreeningIndex();

function recall(kind: string, t: Transliterators): string {
  useTransliterators(t);
  const of = cases.filter((c) => c.kind === kind);
  let found = 0;
  for (const c of of) {
    const r = screenName(index, { name: c.input, country: c.country }, { threshold: DEFAULT_THRESHOLD });
    if (r.hits.some((h) => h.status === 'match' && h.list === c.expect?.list && h.name === c.expect?.name)) found++;
  }
  useTransliterators({});
  return `${(found / of.length).toFixed(3)} (${found}/${of.length})`;
}

type Fn = (s: string) => string;
const iuliia = load('iuliia');
const translit: Fn = load('transliteration').transliterate;
const sindre: Fn = load('@sindresorhus/transliterate').default ?? load('@sindresorhus/transliterate');
const cyrToTranslit = load('cyrillic-to-translit-js');
const ctt: Fn = (s) => (cyrToTranslit.default ?? cyrToTranslit)().transform(s);
const scheme =
  (id: string): Fn =>
  (s) =>
    translit(iuliia.translate(s, iuliia.Schemas.get(id)).replace(/ё/g, 'e').replace(/Ё/g, 'E'));
const one = (name: string, f: Fn): Transliterators => ({ cyrillic: (s) => [{ name, latin: f(s) }] });

console.log('Cyrillic (recall at the default threshold)');
const cyr: [string, Transliterators][] = [
  ['transliteration', one('transliteration', translit)],
  ['@sindresorhus/transliterate', one('sindresorhus', sindre)],
  ['cyrillic-to-translit-js', one('cyrillic-to-translit-js', ctt)],
  ['iuliia BGN/PCGN', one('bgn', scheme('bgn_pcgn'))],
  ['iuliia ICAO Doc 9303', one('icao', scheme('icao_doc_9303'))],
  ['iuliia Wikipedia', one('wikipedia', scheme('wikipedia'))],
  ['iuliia GOST 7.79 (ISO 9)', one('gost', scheme('gost_779'))],
  [
    'iuliia BGN/PCGN + ICAO + Wikipedia + MVD 310 (the product)',
    { cyrillic: (s) => ['bgn_pcgn', 'icao_doc_9303', 'wikipedia', 'mvd_310'].map((id) => ({ name: id, latin: scheme(id)(s) })) },
  ],
];
for (const [name, t] of cyr) console.log(`  ${name.padEnd(62)} ${recall('cyrillic', t)}`);

console.log('Chinese (recall at the default threshold)');
const pinyinPro = load('pinyin-pro');
const pinyinPkg = load('pinyin');
const tiny = load('tiny-pinyin');
const han: [string, Transliterators][] = [
  ['pinyin-pro (the product)', { hanRun: (r) => pinyinPro.pinyin(r, { toneType: 'none', type: 'array', v: false }) }],
  ['pinyin', { hanRun: (r) => (pinyinPkg.default ?? pinyinPkg)(r, { style: 'normal' }).map((x: string[]) => x[0]) }],
  ['tiny-pinyin', { hanRun: (r) => tiny.convertToPinyin(r, ' ', true).split(' ') }],
  ['transliteration', { hanRun: (r) => translit(r).trim().split(/\s+/) }],
];
for (const [name, t] of han) console.log(`  ${name.padEnd(62)} ${recall('chinese', t)}`);
