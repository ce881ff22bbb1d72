// Go to definition and find references (SPEC §8).
import type { Location } from 'vscode-languageserver';
import type { Position } from '../okr/model/text.ts';
import type { FeatureContext } from './context.ts';
import { referencesTo, symbolAt } from './symbols.ts';

export function definition(context: FeatureContext, position: Position): Location[] | null {
  const at = symbolAt(context.analysis, context.document, position);
  if (!at?.resolved?.resolution.ok) return null;
  const { target } = at.resolved.resolution;
  const range = target.kind === 'keyResult' ? target.keyResult.range : target.node.objective.headingRange;
  return [{ uri: context.uriOf(target.node.document.path), range }];
}

export function references(context: FeatureContext, position: Position, includeDeclaration: boolean): Location[] {
  const at = symbolAt(context.analysis, context.document, position);
  if (!at) return [];
  const { symbol } = at;
  const locations: Location[] = [];
  if (includeDeclaration) {
    const range = symbol.kind === 'keyResult' ? symbol.keyResult.range : symbol.node.objective.headingRange;
    locations.push({ uri: context.uriOf(symbol.node.document.path), range });
  }
  for (const { node, resolved } of referencesTo(context.analysis, symbol)) {
    locations.push({ uri: context.uriOf(node.document.path), range: resolved.reference.range });
  }
  return locations;
}
