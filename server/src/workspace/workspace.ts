// The workspace index: every rule file known to the server, open buffers winning over their
// files on disk, each analysed once per version. Features and the engine read it through
// the WorkspaceView interface, so tests can hand them a small fake.
import { analyzeRuleText, type RuleDocument } from '../model/document';
import { UnitCache } from '../model/parse';
import type { Party, Product, Regime, RuleSet } from '../model/types';
import type { Catalog } from '../catalog/types';
import { createEngine, type Engine } from '../engine/engine';
import type { PartyScreener } from '../screening/screener';
import { factsOf, type PackFileFacts, type StarterPack } from './starterPack';

export type StarterPackMode = 'auto' | 'always' | 'off';

export interface WorkspaceView {
  documents(): readonly RuleDocument[];
  get(uri: string): RuleDocument | undefined;
  ruleSets(): readonly RuleSet[];
  /** Every regime of every file (a duplicate id appears once per definition). */
  regimes(): readonly Regime[];
  products(): readonly Product[];
  /** The parties of every rule file (absent in views made before parties existed). */
  parties?(): readonly Party[];
  engine(): Engine;
  /** True when the answers come from the bundled starter pack (no rule files of the user's). */
  readonly usingStarterPack: boolean;
  /** True for a starter-pack file in use (absent in views without a pack). */
  isStarterPack?(uri: string): boolean;
}

interface Slot {
  doc: RuleDocument;
  open: boolean;
  cache: UnitCache;
}

export class RuleWorkspace implements WorkspaceView {
  private slots = new Map<string, Slot>();
  /** The pack, or how to load it: reading it costs tens of ms, so only when it is used. */
  private pack: RuleDocument[] | (() => RuleDocument[]) | StarterPack = [];
  private packMode: StarterPackMode = 'auto';
  private cachedDocs: RuleDocument[] | undefined;
  private cachedEngine: Engine | undefined;
  private cachedSets: RuleSet[] | undefined;
  private cachedPack: RuleDocument[] | undefined;
  private changes = 0;

  /** The screening of a check's party (engine option `screener`): the server's list, or the CLI's `--list`. */
  private screener: (() => PartyScreener) | undefined;

  constructor(private readonly catalog: Catalog) {}

  /** Sets how a check's party is screened (the engine is rebuilt on the next check). */
  setScreener(screener: () => PartyScreener): void {
    this.screener = screener;
    this.cachedEngine = undefined;
  }

  /**
   * Analyses and stores a text. An open buffer is not replaced by its file on disk. The same
   * text again (a file opened as the folder index read it from disk) is not analysed again:
   * the document only takes the new version.
   */
  set(uri: string, text: string, version: number, open: boolean): RuleDocument | undefined {
    const slot = this.slots.get(uri);
    if (slot && slot.open && !open) return undefined;
    if (slot && slot.doc.text === text) {
      slot.doc.version = version;
      slot.open = open;
      return slot.doc;
    }
    const cache = slot?.cache ?? new UnitCache();
    const doc = analyzeRuleText(uri, text, version, cache);
    this.slots.set(uri, { doc, open, cache });
    this.invalidate();
    return doc;
  }

  /**
   * Stores a document analysed elsewhere (the CLI analyses each file while loading it), so it
   * is not analysed twice; like `set`, an open buffer is not replaced by a closed one.
   */
  adopt(doc: RuleDocument, open = false): RuleDocument | undefined {
    const slot = this.slots.get(doc.uri);
    if (slot && slot.open && !open) return undefined;
    this.slots.set(doc.uri, { doc, open, cache: slot?.cache ?? new UnitCache() });
    this.invalidate();
    return doc;
  }

  /** A buffer closed: it stays known (from disk) unless it was never on disk. */
  close(uri: string, diskText: string | undefined): void {
    const slot = this.slots.get(uri);
    if (!slot) return;
    if (diskText === undefined) this.delete(uri);
    else {
      slot.open = false;
      if (diskText !== slot.doc.text) this.set(uri, diskText, slot.doc.version + 1, false);
    }
  }

  delete(uri: string): void {
    if (this.slots.delete(uri)) this.invalidate();
  }

  isOpen(uri: string): boolean {
    return this.slots.get(uri)?.open ?? false;
  }

  /**
   * The bundled starter pack, layered under the workspace's files: a workspace ruleset with the
   * same id as a pack file replaces that file (override). `auto` also leaves out the pack files
   * of a jurisdiction the workspace has rules of its own for; `always` does not; `off` never
   * uses it.
   */
  setStarterPack(docs: RuleDocument[] | (() => RuleDocument[]) | StarterPack, mode: StarterPackMode = 'auto'): void {
    this.pack = docs;
    this.packMode = mode;
    this.invalidate();
  }

  /** Kept for callers that only know "answer from these when there is nothing else". */
  setFallback(docs: RuleDocument[]): void {
    this.setStarterPack(docs, 'auto');
  }

  /** True when some of the answers come from the starter pack. */
  get usingStarterPack(): boolean {
    return this.packDocuments().length > 0;
  }

  /** True for a pack file in use that is not also one of the workspace's own files (no
   *  diagnostics are published for it). */
  isStarterPack(uri: string): boolean {
    return !this.slots.has(uri) && this.packDocuments().some((d) => d.uri === uri);
  }

  get(uri: string): RuleDocument | undefined {
    return this.slots.get(uri)?.doc ?? this.packDocuments().find((d) => d.uri === uri);
  }

  documents(): readonly RuleDocument[] {
    return (this.cachedDocs ??= [...[...this.slots.values()].map((s) => s.doc), ...this.packDocuments()]);
  }

  /** The uris of the workspace's own files (never the starter pack's). */
  ownUris(): string[] {
    return [...this.slots.keys()];
  }

  /**
   * The pack files in use. `always`: every pack file whose ruleset id no workspace file takes
   * over. `auto`: the same, except the pack files of a jurisdiction for which the workspace has
   * rules of its own (a file declaring `jurisdiction: US-EAR` with rules): a workspace of
   * products, parties or internal policies still gets the regulation's answers from the pack.
   */
  private packDocuments(): RuleDocument[] {
    if (this.packMode === 'off') return [];
    if (this.cachedPack) return this.cachedPack;
    const own = new Set([...this.slots.values()].map((s) => s.doc.ruleSet.id).filter(Boolean));
    const ownJurisdictions = new Set(
      [...this.slots.values()].filter((s) => s.doc.ruleSet.rules.length > 0).map((s) => s.doc.ruleSet.jurisdiction).filter(Boolean),
    );
    const used = (f: PackFileFacts) =>
      !own.has(f.ruleset) && !this.slots.has(f.uri) && !(this.packMode === 'auto' && f.jurisdiction !== undefined && ownJurisdictions.has(f.jurisdiction));
    if (!Array.isArray(this.pack) && typeof this.pack !== 'function') {
      // the facts first: a pack none of whose files is used is never read
      if (!this.pack.facts().some(used)) return (this.cachedPack = []);
      this.pack = this.pack.documents();
    } else if (typeof this.pack === 'function') this.pack = this.pack();
    return (this.cachedPack = this.pack.filter((d) => used(factsOf(d))));
  }

  /**
   * Every ruleset in use. A regime the workspace defines replaces the pack's regime of the same
   * id (as a workspace ruleset replaces the pack file of the same id): the pack's rules then use
   * the workspace's definition, and the id is not reported as a duplicate.
   */
  ruleSets(): readonly RuleSet[] {
    if (this.cachedSets) return this.cachedSets;
    const own = this.ownRuleSets();
    const ownRegimes = new Set(own.flatMap((rs) => rs.regimes.map((r) => r.id)));
    const pack = this.packDocuments().map((d) => {
      const rs = d.ruleSet;
      return rs.regimes.some((r) => ownRegimes.has(r.id)) ? { ...rs, regimes: rs.regimes.filter((r) => !ownRegimes.has(r.id)) } : rs;
    });
    return (this.cachedSets = [...own, ...pack]);
  }

  /** The workspace's own rulesets (never the starter pack's): their tests are the workspace's tests. */
  ownRuleSets(): readonly RuleSet[] {
    return [...this.slots.values()].map((s) => s.doc.ruleSet);
  }

  regimes(): readonly Regime[] {
    return this.ruleSets().flatMap((s) => s.regimes);
  }

  products(): readonly Product[] {
    return this.ruleSets().flatMap((s) => s.products);
  }

  parties(): readonly Party[] {
    return this.ruleSets().flatMap((s) => s.parties ?? []);
  }

  engine(): Engine {
    return (this.cachedEngine ??= createEngine(this.ruleSets(), this.catalog, this.screener ? { screener: this.screener } : {}));
  }

  /** Files whose meaning depends on names `uri` defines (regimes, products). */
  dependents(uri: string): string[] {
    const doc = this.get(uri);
    if (!doc) return [];
    const names = new Set([...doc.ruleSet.regimes.map((r) => `regime:${r.id}`), ...doc.ruleSet.products.map((p) => `product:${p.sku}`)]);
    return this.documents()
      .filter((d) => d.uri !== uri && d.text.length > 0)
      .filter((d) => [...names].some((n) => d.text.includes(n.split(':')[1])))
      .map((d) => d.uri);
  }

  /**
   * Counts changes to what the workspace holds (files, the pack): a file's domain findings
   * computed at the same generation, for the same text, are still current.
   */
  get generation(): number {
    return this.changes;
  }

  private invalidate(): void {
    this.cachedPack = undefined;
    this.changes++;
    this.cachedDocs = undefined;
    this.cachedEngine = undefined;
    this.cachedSets = undefined;
  }
}
