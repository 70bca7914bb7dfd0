// The decision matrix after an edit: the company's rules on the starter pack with 100 products,
// every matrix destination (about 200). An edit rebuilds the engine, then every cell is checked
// again; that is what the editor's matrix view does when rules change.
import { loadStarterPack } from '../../server/src/workspace/starterPack';
import { getCatalog } from '../../server/src/catalog/catalog';
import { createEngine } from '../../server/src/engine/engine';
import { decisionMatrix, matrixDestinations, matrixItems } from '../../server/src/impact/matrix';
import { analyzeRuleText } from '../../server/src/model/document';
import { generateProducts } from './generate';
import { median, round } from './stats';

export interface MatrixResult {
  products: number;
  destinations: number;
  /** Engine rebuild plus every cell, per edit (median over the runs). */
  recomputeMs: number;
  runs: number;
}

export function matrixBench(runs = 15): MatrixResult {
  const catalog = getCatalog();
  const pack = loadStarterPack().map((d) => d.ruleSet);
  const products = analyzeRuleText('file:///bench/products.ecr.yaml', generateProducts(100)).ruleSet;
  const destinations = matrixDestinations(catalog);
  const times: number[] = [];
  let items = 0;
  for (let i = 0; i < runs + 2; i++) {
    const t = performance.now();
    const engine = createEngine([...pack, products], catalog, { today: '2026-09-24' });
    const rows = matrixItems(products.products, catalog);
    const m = decisionMatrix(engine, rows, destinations, '2026-09-24', catalog);
    const ms = performance.now() - t;
    items = m.items.length;
    if (i >= 2) times.push(ms); // two warm-up rounds
  }
  return { products: items, destinations: destinations.length, recomputeMs: round(median(times), 1), runs };
}
