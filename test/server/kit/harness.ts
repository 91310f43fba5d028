/**
 * Keeps track of servers and clients a test opened, and closes them after
 * it. A test that fails prints the end of each of its servers' logs, so a
 * failure seen once on a busy machine can be explained afterwards.
 */
import { afterEach, onTestFailed } from 'vitest';
import { startTestServer, type TestServer, type TestServerOptions } from './server-fixture';
import { TelnetTestClient, type ClientOptions } from './telnet-client';

const LOG_LINES_ON_FAILURE = 60;

export function useServers() {
  const open: Array<{ close(): void | Promise<void> }> = [];
  afterEach(async () => {
    for (const item of open.splice(0).reverse()) await item.close();
  });
  return {
    async server(options: TestServerOptions = {}): Promise<TestServer> {
      const s = await startTestServer(options);
      open.push({ close: () => s.stop() });
      onTestFailed(() => {
        process.stderr.write(`--- the last ${LOG_LINES_ON_FAILURE} lines of the server's log (telnet port ${s.telnetPort}):\n${s.log.lines().slice(-LOG_LINES_ON_FAILURE).join('\n')}\n---\n`);
      });
      return s;
    },
    async client(port: number, options: ClientOptions = {}): Promise<TelnetTestClient> {
      const c = await TelnetTestClient.connect(port, options);
      open.push(c);
      return c;
    },
    /** Registers anything else to close after the test. */
    track<T extends { close(): void | Promise<void> }>(item: T): T {
      open.push(item);
      return item;
    },
  };
}
