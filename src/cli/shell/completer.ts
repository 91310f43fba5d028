import type { REPLServer } from 'node:repl';
import type { GameEngine } from '../../engine/host';
import { moduleIds } from './scope';

/**
 * Tab completion of the shell: pack names inside `reload('` and module ids
 * inside `reloadModule('`; everything else as Node's REPL completes it
 * (names in scope, properties after a dot).
 */
export function installCompleter(server: REPLServer, engine: GameEngine): void {
  const fallback = server.completer.bind(server);
  const completer = (line: string, callback: (err?: Error | null, result?: [string[], string]) => void) => {
    const m = /\b(reload|reloadModule)\(\s*(['"`])([^'"`]*)$/.exec(line);
    if (!m) return fallback(line, callback);
    const [, fn, , partial = ''] = m;
    const candidates = fn === 'reload' ? engine.listPacks().map((p) => p.name) : moduleIds(engine);
    callback(null, [candidates.filter((c) => c.startsWith(partial)), partial]);
  };
  (server as unknown as { completer: typeof completer }).completer = completer;
}
