// Domain diagnostics beyond the schema: codes the catalog does not know, names the workspace
// does not define, duplicates, impossible dates, rules that match nothing or never decide, and
// failing rule tests. Pure: a document, the workspace and the catalog in, problems out, each on
// the exact offending token. When the catalog or the engine cannot say, a check is skipped
// rather than guessed ("incomplete context").
import type { Catalog } from '../catalog/types';
import { createEngine, type Engine } from '../engine/engine';
import type { RuleDocument } from '../model/document';
import { type Problem } from '../model/types';
import type { WorkspaceView } from '../workspace/workspace';
import { workspaceDocuments } from './navigation';
import { checkEntryCodes, checkSelectorCodes } from './domain/codes';
import { type Ctx } from './domain/context';
import { checkTests } from './domain/ruleTests';
import { checkMatchesNothing, checkShadowing, prepareScopeChecks } from './domain/scope';
import { evaluatorFor } from '../engine/exceptions';
import { checkDates, checkDuplicates, checkRegimeGraph } from './domain/structure';

export { itemContradiction } from './domain/scope';

/**
 * Builds what the domain checks read of the reference data, the same for every file: the
 * licence-exception tables, the destination universe and the catalog facts of the scope
 * checks. The server calls it before it answers `initialize` (as it compiles the schema), so
 * the first file opened does not pay for it.
 */
export function prepareDomainChecks(catalog: Catalog): void {
  evaluatorFor(catalog);
  createEngine([], catalog);
  prepareScopeChecks(catalog);
}

export function domainProblems(doc: RuleDocument, ws: WorkspaceView, catalog: Catalog): Problem[] {
  const root = doc.root;
  if (root?.kind !== 'map') return [];
  // the engine's answers need destinations to answer from
  const engine = catalog.data.destinations.length ? engineFor(doc, ws) : undefined;
  const ctx: Ctx = { doc, root, catalog, docs: workspaceDocuments(doc, ws), isStarterPack: (uri) => ws.isStarterPack?.(uri) ?? false, engine, out: [] };
  checkSelectorCodes(ctx);
  checkEntryCodes(ctx);
  checkDates(ctx);
  checkDuplicates(ctx);
  checkRegimeGraph(ctx);
  checkMatchesNothing(ctx);
  checkShadowing(ctx);
  checkTests(ctx);
  return ctx.out.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
}

function engineFor(doc: RuleDocument, ws: WorkspaceView): Engine | undefined {
  if (ws.get(doc.uri)?.text !== doc.text) return undefined; // the engine has another version
  try {
    return ws.engine();
  } catch {
    return undefined;
  }
}
