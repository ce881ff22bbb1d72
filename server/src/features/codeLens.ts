// Code lens above each objective: "67 % · 3 aligned · 5 days left".
import type { CodeLens } from 'vscode-languageserver';
import type { Analysis } from '../okr/analysis/analysis.ts';
import type { OkrDocument } from '../okr/model/model.ts';
import { lensTitle } from './facts.ts';

export function codeLenses(analysis: Analysis, document: OkrDocument): CodeLens[] {
  return document.objectives.map((objective) => ({
    range: objective.headingRange,
    // An empty command id: VS Code shows the title as text and does nothing on click.
    command: { title: lensTitle(analysis, { document, objective }), command: '' },
  }));
}
