// Alignment references inside an `aligns::` value (SPEC §5): wikilinks, markdown links,
// and any other text (which resolves to nothing and is reported).
import type { Reference } from '../model/model.ts';
import type { LineIndex } from '../model/text.ts';

// A wikilink, or a markdown link (what is inside its parentheses is split by hand: a
// regex for destination, spaces and title would backtrack quadratically on spaces).
const LINK = /\[\[([^[\]\r\n]*)\]\]|\[([^[\]\r\n]*)\]\(([^()\r\n]*)\)/g;

/** The destination inside `( <dest> "title" )`, and where it starts within the parentheses. */
function linkDestination(inside: string): { destination: string; at: number } {
  const lead = inside.length - inside.trimStart().length;
  const rest = inside.slice(lead);
  if (rest.startsWith('<')) {
    const close = rest.indexOf('>');
    return close > 0 ? { destination: rest.slice(1, close), at: lead + 1 } : { destination: rest, at: lead };
  }
  const space = rest.search(/\s/);
  return { destination: space < 0 ? rest : rest.slice(0, space), at: lead };
}
const SEPARATORS = /[\s,;]+/;

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Splits `target#fragment`, noting a `#^blockid` fragment. */
function splitFragment(link: string): { target: string; fragment?: string; blockRef: boolean; hashAt: number } {
  const hashAt = link.indexOf('#');
  if (hashAt < 0) return { target: link.trim(), blockRef: false, hashAt };
  let fragment = link.slice(hashAt + 1).trim();
  const blockRef = fragment.startsWith('^');
  if (blockRef) fragment = fragment.slice(1);
  return { target: link.slice(0, hashAt).trim(), fragment, blockRef, hashAt };
}

/** Every reference in `value`, which starts at `offset` in the document. */
export function parseReferences(value: string, offset: number, lines: LineIndex): Reference[] {
  const references: Reference[] = [];
  const addText = (from: number, to: number) => {
    let at = from;
    for (const chunk of value.slice(from, to).split(SEPARATORS)) {
      const index = value.indexOf(chunk, at);
      if (chunk) {
        references.push({
          form: 'text',
          text: chunk,
          range: lines.range(offset + index, offset + index + chunk.length),
          target: chunk,
          blockRef: false,
        });
      }
      at = index + chunk.length;
    }
  };
  let last = 0;
  LINK.lastIndex = 0;
  for (let match = LINK.exec(value); match; match = LINK.exec(value)) {
    addText(last, match.index);
    last = match.index + match[0].length;
    const range = lines.range(offset + match.index, offset + last);
    if (match[1] !== undefined) {
      const inner = match[1];
      const pipe = inner.indexOf('|');
      const link = pipe < 0 ? inner : inner.slice(0, pipe);
      const { target, fragment, blockRef, hashAt } = splitFragment(link);
      const innerStart = offset + match.index + 2;
      const targetLead = link.length - link.trimStart().length;
      const reference: Reference = { form: 'wikilink', text: match[0], range, target, blockRef };
      reference.targetRange = lines.range(innerStart + targetLead, innerStart + targetLead + target.length);
      if (fragment !== undefined) {
        reference.fragment = fragment;
        const fragmentStart = innerStart + hashAt + 1 + (blockRef ? 1 : 0);
        const lead = link.slice(hashAt + 1 + (blockRef ? 1 : 0)).length - link.slice(hashAt + 1 + (blockRef ? 1 : 0)).trimStart().length;
        reference.fragmentRange = lines.range(fragmentStart + lead, fragmentStart + lead + fragment.length);
      }
      references.push(reference);
    } else {
      const afterParen = match[0].indexOf('](') + 2;
      const { destination, at } = linkDestination(match[3] ?? '');
      const destinationStart = offset + match.index + afterParen + at;
      const { target, fragment, blockRef, hashAt } = splitFragment(destination);
      const reference: Reference = { form: 'markdown', text: match[0], range, target: decode(target), blockRef };
      if (fragment !== undefined) {
        reference.fragment = decode(fragment);
        const fragmentStart = destinationStart + hashAt + 1 + (blockRef ? 1 : 0);
        reference.fragmentRange = lines.range(fragmentStart, destinationStart + destination.length);
      }
      references.push(reference);
    }
  }
  addText(last, value.length);
  return references;
}
