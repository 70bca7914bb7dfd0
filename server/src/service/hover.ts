// Hover in rule files: codes explained from the catalog, keys from the schema.
import type { Hover } from 'vscode-languageserver-types';
import type { RuleDocument } from '../model/document';
import type { WorkspaceView } from '../workspace/workspace';
import type { Catalog } from '../catalog/types';

export function hover(_doc: RuleDocument, _offset: number, _ws: WorkspaceView, _catalog: Catalog): Hover | null {
  return null;
}
