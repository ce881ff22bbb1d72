// mdast positions (1-based line and column, 0-based offset) made from offsets, for the nodes
// the fast path builds and the inline nodes remark reads from a slice of the document.
import type { Nodes } from 'mdast';
import type { Point, Position } from 'unist';
import type { LineIndex } from '../model/text.ts';

/**
 * A point whose line and column are made when read: extraction reads only offsets, and a line
 * search and two objects per point were a good part of the fast path's garbage.
 */
class OffsetPoint implements Point {
  constructor(
    private readonly lines: LineIndex,
    readonly offset: number,
  ) {}

  get line(): number {
    return this.lines.positionAt(this.offset).line + 1;
  }

  get column(): number {
    return this.lines.positionAt(this.offset).character + 1;
  }

  toJSON(): Point {
    return { line: this.line, column: this.column, offset: this.offset };
  }
}

export function mdastPoint(lines: LineIndex, offset: number): Point {
  return new OffsetPoint(lines, offset);
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
