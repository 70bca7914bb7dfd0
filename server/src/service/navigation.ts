// Navigation over the names rule files define and use: regimes and products.
import type { Location, Range, SymbolInformation, WorkspaceEdit } from 'vscode-languageserver-types';
import type { RuleDocument } from '../model/document';
import type { WorkspaceView } from '../workspace/workspace';

export function definition(doc: RuleDocument, offset: number, ws: WorkspaceView): Location[] {
  void doc; void offset; void ws;
  return [];
}

export function references(doc: RuleDocument, offset: number, ws: WorkspaceView, includeDeclaration: boolean): Location[] {
  void doc; void offset; void ws; void includeDeclaration;
  return [];
}

export function prepareRename(doc: RuleDocument, offset: number): { range: Range; placeholder: string } | null {
  void doc; void offset;
  return null;
}

export function rename(doc: RuleDocument, offset: number, newName: string, ws: WorkspaceView): WorkspaceEdit | null {
  void doc; void offset; void newName; void ws;
  return null;
}

export function workspaceSymbols(query: string, ws: WorkspaceView): SymbolInformation[] {
  void query; void ws;
  return [];
}
