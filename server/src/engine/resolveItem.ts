// From what a person asks about (an ECCN, an HS code, a product sku, or several) to the item
// the rules are matched against. A product supplies its ECCN, HS code, origin and direct-
// product ECCNs; fields given explicitly win. Bad input throws a CheckInputError naming the
// value and the nearest valid ones.
import type { Catalog, Eccn } from '../catalog/types';
import type { ItemInput, Origin, Product, UsContent } from '../model/types';
import { itemControls } from './controls';
import type { ItemFacts } from './itemMatch';
import { paragraphProblem, restoreCase } from './paragraphs';
import { casProblem, hsDigits, normalizeCas, normalizeEccn, normalizeSku } from './patterns';
import { didYouMean, nearest } from './suggest';
import { CheckInputError, type ResolvedItem } from './types';

export interface ProductMaster {
  /** By normalized sku; the first definition in the workspace wins. */
  readonly bySku: ReadonlyMap<string, Product>;
}

export function buildProductMaster(products: Iterable<Product>): ProductMaster {
  const bySku = new Map<string, Product>();
  for (const p of products) {
    const key = normalizeSku(p.sku);
    if (!bySku.has(key)) bySku.set(key, p);
  }
  return { bySku };
}

function findProduct(sku: string, master: ProductMaster): Product {
  const p = master.bySku.get(normalizeSku(sku));
  if (p) return p;
  const suggestions = nearest(sku, [...master.bySku.values()].map((x) => x.sku));
  const hint = master.bySku.size === 0 ? '; no products are defined in the rule files' : didYouMean(suggestions);
  throw new CheckInputError(`unknown product "${sku}"${hint}`, 'product', suggestions);
}

/** The catalog entry of an ECCN (or sub-paragraph) and its canonical spelling. */
function checkEccn(code: string, catalog: Catalog, whose: string): { code: string; entry: Eccn } {
  // The base compares case-insensitively (3a001 is 3A001); sub-paragraphs stay as written.
  const raw = code.trim();
  const dot = raw.indexOf('.');
  const text = dot < 0 ? raw.toUpperCase() : raw.slice(0, dot).toUpperCase() + raw.slice(dot);
  if (!catalog.isWellFormedEccn(text)) {
    const suggestions = catalog.suggestEccns(text, 3);
    const hint = suggestions.length ? didYouMean(suggestions) : '; an ECCN looks like 3A001, 3A001.a.1 or EAR99';
    throw new CheckInputError(`malformed ECCN "${code}"${whose}${hint}`, 'eccn', suggestions);
  }
  const entry = catalog.eccnOf(text);
  if (!entry) {
    const base = text.split('.')[0];
    const suggestions = catalog.suggestEccns(base, 3);
    throw new CheckInputError(`unknown ECCN "${code}"${whose}${didYouMean(suggestions)}`, 'eccn', suggestions);
  }
  const problem = paragraphProblem(entry, text);
  if (problem) throw new CheckInputError(`${problem.message}${whose}`, 'eccn', problem.suggestions);
  // The base as the catalog spells it, paragraph letters lower case (3A001.b.2).
  return { code: restoreCase(entry.code + text.slice(entry.code.length)), entry };
}

/** An item without an ECCN is EAR99 (a catalog without the basket entry still answers). */
function ear99Entry(catalog: Catalog): { code: string; entry: Eccn } {
  const entry = catalog.eccn('EAR99') ?? {
    code: 'EAR99', category: null, productGroup: null, title: 'EAR99', heading: 'EAR99', reasons: [], columns: [],
    entireEntryColumns: [], controls: [], paragraphs: [], licenseExceptions: {}, notes: [], flags: [],
  };
  return { code: 'EAR99', entry };
}

function checkOrigin(origin: string): Origin {
  if (origin === 'us' || origin === 'foreign') return origin;
  throw new CheckInputError(`unknown origin "${origin}"; use us or foreign`, 'item', ['us', 'foreign']);
}

/**
 * The shipment value (USD, not negative) and its currency (only USD); the value, or undefined.
 * Checked on every check: the engine resolves an item once for all its values.
 */
export function checkShipmentValue(value: unknown, currency: unknown, whose = ''): number | undefined {
  if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value) || value < 0)) {
    throw new CheckInputError(`value ${JSON.stringify(value)}${whose} is not an amount: give the shipment's value in USD, e.g. 4000`, 'value', []);
  }
  if (currency !== undefined && (typeof currency !== 'string' || currency.trim().toUpperCase() !== 'USD')) {
    throw new CheckInputError(`currency ${JSON.stringify(currency)}${whose} is not supported: give the amounts in US dollars (currency USD), as the EAR's limits are`, 'currency', ['USD']);
  }
  return value as number | undefined;
}

/** The U.S.-origin content of a foreign-made item: a percentage from 0 to 100 and the content's ECCNs. */
function checkUsContent(input: unknown, catalog: Catalog, whose: string): UsContent {
  const bad = (message: string): never => {
    throw new CheckInputError(`${message}${whose}`, 'usContent', []);
  };
  if (!input || typeof input !== 'object' || Array.isArray(input)) return bad('usContent must be { percent, eccns }: the U.S.-origin content as a percentage of the item\'s value, and its ECCNs');
  const { percent, eccns } = input as { percent?: unknown; eccns?: unknown };
  if (typeof percent !== 'number' || !Number.isFinite(percent)) return bad(`usContent.percent ${JSON.stringify(percent) ?? 'missing'} is not a number: give the U.S. content as a percentage of the item's value, 0 to 100`);
  if (percent < 0) return bad(`usContent.percent ${percent} cannot be negative`);
  if (percent > 100) return bad(`usContent.percent ${percent} cannot be over 100`);
  const list = typeof eccns === 'string' ? eccns.split(',') : eccns;
  if (!Array.isArray(list) || list.length === 0 || !list.every((e) => typeof e === 'string' && e.trim() !== '')) {
    return bad('usContent.eccns must name the ECCNs of the U.S. content (EAR99 included): de minimis has no level for some of them (734.4(a))');
  }
  const content = (list as string[]).map((e) => {
    if (/^ear99$/i.test(e.trim())) return 'EAR99';
    try {
      return checkEccn(e, catalog, ` (usContent.eccns${whose})`).code;
    } catch (err) {
      if (err instanceof CheckInputError) throw new CheckInputError(err.message, 'usContent', err.suggestions);
      throw err;
    }
  });
  return { percent, eccns: content };
}

export function resolveItem(input: ItemInput, master: ProductMaster, catalog: Catalog): { item: ResolvedItem; facts: ItemFacts; entry: Eccn } {
  const product = input.product !== undefined && input.product.trim() !== '' ? findProduct(input.product, master) : undefined;
  const given = (s: string | undefined): string | undefined => (s !== undefined && s.trim() !== '' ? s : undefined);
  const eccnText = given(input.eccn) ?? given(product?.eccn);
  const hsText = given(input.hs) ?? given(product?.hs);
  if (!product && eccnText === undefined && hsText === undefined && given(input.cas) === undefined) {
    throw new CheckInputError('no item given: name an ECCN, an HS code, a CAS number or a product', 'item', []);
  }
  const whose = (explicit: unknown): string => (explicit === undefined && product ? ` (of product ${product.sku})` : '');

  const eccn = eccnText === undefined ? ear99Entry(catalog) : checkEccn(eccnText, catalog, whose(given(input.eccn)));
  if (hsText !== undefined && hsDigits(hsText) === '') {
    throw new CheckInputError(`malformed HS code "${hsText}"${whose(given(input.hs))}; an HS code is digits, e.g. 8517.13`, 'hs', []);
  }
  const casText = given(input.cas) ?? given(product?.cas);
  if (casText !== undefined) {
    const problem = casProblem(casText);
    if (problem) throw new CheckInputError(`${problem}${whose(given(input.cas))}`, 'cas', []);
  }
  const unitValue = input.unitValue ?? product?.unitValue;
  if (unitValue !== undefined && (typeof unitValue !== 'number' || !Number.isFinite(unitValue) || unitValue < 0)) {
    throw new CheckInputError(
      `unit value ${JSON.stringify(unitValue)}${whose(input.unitValue)} is not an amount: give the value of one unit in USD, e.g. 450`,
      'unitValue',
      [],
    );
  }
  const value = checkShipmentValue(input.value ?? product?.value, input.currency ?? product?.currency, whose(input.value));
  const contentInput = input.usContent ?? product?.usContent;
  const usContent = contentInput === undefined ? undefined : checkUsContent(contentInput, catalog, whose(input.usContent));
  const explicitOrigin = input.origin ?? product?.origin;
  if (usContent && explicitOrigin === 'us') {
    throw new CheckInputError(`usContent${whose(input.usContent)} is for foreign-made items (de minimis), but the origin is us: give origin foreign or leave the U.S. content out`, 'usContent', []);
  }
  const origin = checkOrigin(explicitOrigin ?? (usContent ? 'foreign' : 'us'));
  const dpoInput = input.directProductOf ?? product?.directProductOf ?? [];
  const directProductOf = dpoInput.map((e) => checkEccn(e, catalog, whose(input.directProductOf)).code);

  const item: ResolvedItem = { eccn: eccn.code, origin, directProductOf };
  if (hsText !== undefined) item.hs = hsText.trim();
  if (casText !== undefined) item.cas = normalizeCas(casText);
  if (unitValue !== undefined) item.unitValue = unitValue;
  if (value !== undefined) item.value = value;
  if (usContent) item.usContent = usContent;
  if (product) {
    item.product = product.sku;
    if (product.name !== undefined) item.name = product.name;
  }

  const norm = normalizeEccn(eccn.code);
  const ear99 = norm === 'EAR99';
  const facts: ItemFacts = {
    eccn: norm,
    ear99,
    controls: itemControls(eccn.entry, eccn.code, catalog),
    origin,
    directProductOf: directProductOf.map(normalizeEccn),
  };
  if (!ear99) {
    facts.category = norm[0];
    facts.productGroup = norm[1];
  }
  if (hsText !== undefined) facts.hs = hsDigits(hsText);
  if (casText !== undefined) facts.cas = normalizeCas(casText);
  if (unitValue !== undefined) facts.unitValue = unitValue;
  if (product) facts.product = normalizeSku(product.sku);
  return { item, facts, entry: eccn.entry };
}
