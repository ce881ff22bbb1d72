// mdast positions (1-based line and column, 0-based offset) made from offsets, for the nodes
// the fast path builds and the inline nodes remark reads from a slice of the document.
import type { Nodes } from 'mdast';
import type { Point, Position } from 'unist';
import type { LineIndex } from '../model/text.ts';

export function mdastPoint(lines: LineIndex, offset: number): Point {
  const { line, character } = lines.positionAt(offset);
  return { line: line + 1, column: character + 1, offset };
}

export function mdastPosition(lines: LineIndex, start: number, end: number): Position {
  return { start: mdastPoint(lines, start), end: mdastPoint(lines, end) };
}

/** Moves the positions of `node` and its descendants, read from a slice starting at `base`. */
export function shiftPositions(node: Nodes, base: number, lines: LineIndex): void {
  const stack: Nodes[] = [node];
  while (stack.length > 0) {
    const current = stack.pop()!;
    const position = current.position;
    if (position) current.position = mdastPosition(lines, (position.start.offset ?? 0) + base, (position.end.offset ?? 0) + base);
    if ('children' in current) for (const child of current.children) stack.push(child);
  }
}
