// What the dashboard page may ask of the extension: to open an objective or a problem
// that the page it was sent lists, by its number and the page's version. Anything else
// is ignored. No vscode import, so that it is unit-tested.

/** Where a click in the page may lead: the objectives and problems of the page shown. */
export interface Targets {
  /** The page's version: a click on an older page (it was redrawn since) is ignored. */
  version: number;
  objectives: { uri?: string; line: number; character: number }[];
  problems: { uri?: string; line: number; character: number }[];
}

/** A message from the page, checked: anything else is ignored. */
export function openRequest(message: unknown, targets: Targets): { uri: string; line: number; character: number } | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const { type, objective, problem, version } = message as Record<string, unknown>;
  if (version !== targets.version) return undefined;
  const pick = (list: Targets['objectives'], index: unknown) => (Number.isInteger(index) && (index as number) >= 0 ? list[index as number] : undefined);
  const target = type === 'open' ? pick(targets.objectives, objective) : type === 'openProblem' ? pick(targets.problems, problem) : undefined;
  return target?.uri ? { uri: target.uri, line: target.line, character: target.character } : undefined;
}

/** The page says it loaded showing another version than the last one sent: send it again. */
export function isStaleReady(message: unknown, version: number): boolean {
  if (typeof message !== 'object' || message === null) return false;
  const { type, version: shown } = message as Record<string, unknown>;
  return type === 'ready' && shown !== version;
}
