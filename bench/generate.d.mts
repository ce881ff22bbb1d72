// Types of what the tests import from the bench workspace generator (generate.mjs).
export function planWorkspace(fileCount: number, seed?: number): { files: Map<string, string>; stats: Record<string, number> };
export function generateWorkspace(outDir: string, fileCount: number, seed?: number): Record<string, unknown>;
export function mulberry32(seed: number): () => number;
