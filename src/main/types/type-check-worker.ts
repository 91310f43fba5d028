// The type-check worker: a thread of the studio host that owns the
// TypeScript language services, so checking a pack never holds up the host
// (reloads, the game, the studio's API). One request at a time, in order.
import { parentPort, workerData } from 'node:worker_threads';
import { PackDiagnostics } from './pack-diagnostics';
import type { TypeCheckReply, TypeCheckRequest, TypeCheckWorkerData } from './type-check-protocol';

const { default: ts } = await import('typescript');
const diagnostics = new PackDiagnostics(ts, workerData as TypeCheckWorkerData);

parentPort?.on('message', (request: TypeCheckRequest) => {
  const started = performance.now();
  let reply: TypeCheckReply;
  try {
    reply = { id: request.id, pack: request.pack, problems: diagnostics.check(request.dir), durationMs: performance.now() - started };
  } catch (err) {
    reply = { id: request.id, pack: request.pack, error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  }
  parentPort?.postMessage(reply);
});
