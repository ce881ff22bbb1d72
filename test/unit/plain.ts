// Models keep their ranges as offsets over the document's line table (TextRange); tests compare
// them as what leaves the engine: plain JSON, ranges as positions.

export function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
