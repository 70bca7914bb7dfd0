// Completion in rule files: schema keys and snippets, catalog codes, workspace names.
import type { CompletionList } from 'vscode-languageserver-types';
import type { RuleDocument } from '../model/document';
import type { WorkspaceView } from '../workspace/workspace';
import type { Catalog } from '../catalog/types';

export function complete(_doc: RuleDocument, _offset: number, _ws: WorkspaceView, _catalog: Catalog): CompletionList {
  return { isIncomplete: false, items: [] };
}
