// What a request's params must be (LSP's types are not checked on the wire): anything
// else is answered with an InvalidParams error rather than a crash or a wrong answer.
import { ErrorCodes, ResponseError } from 'vscode-languageserver/node';
import { asPosition } from '../features/context.ts';
import type { Position } from '../okr/model/text.ts';

/** Answers a request whose params are not what LSP says with an InvalidParams error. */
export function invalidParams(message: string): never {
  throw new ResponseError(ErrorCodes.InvalidParams, `Invalid params: ${message}`);
}

/** The `textDocument.uri` of a request's params. */
export function uriParam(params: unknown): string {
  const uri = (params as { textDocument?: { uri?: unknown } } | null | undefined)?.textDocument?.uri;
  return typeof uri === 'string' ? uri : invalidParams('expected textDocument.uri');
}

/** The `position` of a request's params (not yet clamped into the document). */
export function positionParam(params: unknown): Position {
  return asPosition((params as { position?: unknown } | null | undefined)?.position) ?? invalidParams('expected position { line, character }');
}

