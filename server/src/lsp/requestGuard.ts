// Every request handler runs inside the guard: a failure is an error answer, never a
// crashed server, and requests that come while the folders are indexed wait for them.
import { ErrorCodes, ResponseError, type CancellationToken, type Connection } from 'vscode-languageserver/node';
import type { Readiness } from './readiness.ts';

/** The server's wrapper of a handler: waits for indexing, answers `empty` when cancelled, logs failures. */
export type Guard = <P, R>(name: string, handler: (params: P, token: CancellationToken) => R, empty: R) => (params: P, token: CancellationToken) => R | Promise<R>;

/**
 * Request handlers made to fail on purpose, named in OKR_FAULT_INJECTION (`hover,codeLens`):
 * the robustness tests check that a feature that throws answers an error and the server
 * keeps serving.
 */
const INJECTED_FAULTS = new Set((process.env.OKR_FAULT_INJECTION ?? '').split(',').map((name) => name.trim()).filter(Boolean));

export function makeGuard(connection: Connection, readiness: Readiness): Guard {
  return <P, R>(name: string, handler: (params: P, token: CancellationToken) => R, empty: R) => {
    const run = (params: P, token: CancellationToken): R => {
      if (token?.isCancellationRequested) return empty;
      try {
        if (INJECTED_FAULTS.has(name)) throw new Error(`fault injected into ${name} (OKR_FAULT_INJECTION)`);
        return handler(params, token);
      } catch (error) {
        if (error instanceof ResponseError) throw error;
        connection.console.error(`okr: ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        throw new ResponseError(ErrorCodes.InternalError, `okr: ${name} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    };
    return (params: P, token: CancellationToken): R | Promise<R> => (readiness.ready ? run(params, token) : readiness.indexed.then(() => run(params, token)));
  };
}
