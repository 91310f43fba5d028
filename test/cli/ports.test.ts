/**
 * Port conflicts (issue 14, item 3): a busy port is said before the packs
 * load, naming the port, the flag and the process holding it, with no stack
 * trace; `--port N` alone moves the WebSocket port to N+1, so two servers on
 * different --port values both start. Ports are found free at run time.
 */
import net from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { removeTempDirs, runMaid, startMaid, startProcess, tempPacks, type MaidProcess } from './maid-process';

afterAll(removeTempDirs);

const READY = 'Ctrl-C stops the server';

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

/** A port P the OS just handed out, with P+1 free too (so --port P can take P and P+1). */
async function freePair(avoid: number[] = []): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = await new Promise<number>((resolve) => {
      const s = net.createServer();
      s.listen(0, '127.0.0.1', () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    if (port >= 65535 || avoid.some((a) => Math.abs(a - port) <= 1)) continue;
    if ((await canListen(port)) && (await canListen(port + 1))) return port;
  }
  throw new Error('no two adjacent free ports found');
}

/** Another process (not this test's) holding a port, as another program on the machine would. */
async function holdPort(wanted = 0): Promise<{ holder: MaidProcess; port: number }> {
  const holder = startProcess(process.execPath, ['-e', `const s=require('net').createServer().listen(${wanted},'127.0.0.1',()=>console.log('holding '+s.address().port))`]);
  const line = await holder.waitFor(/^holding \d+$/);
  return { holder, port: Number(line.split(' ')[1]) };
}

describe('maid server start and busy ports', () => {
  it('--port on a busy port: one line naming the port, the flag and the holder, before any pack loads (exit 1)', async () => {
    const { holder, port } = await holdPort();
    try {
      const { packsDir, dataDir } = tempPacks();
      const run = await runMaid(['server', 'start', '--port', String(port), '--packs-dir', packsDir, '--data-dir', dataDir]);
      expect(run.code).toBe(1);
      const pid = holder.child.pid as number;
      expect(run.stderr).toContain(`maid server start: Port ${port} (telnet, --port) on 127.0.0.1 is in use by process ${pid} (${process.execPath} -e`);
      expect(run.stderr).toContain('choose another port with --port PORT');
      expect(run.stderr).not.toMatch(/unexpected error|\n\s+at /);
      expect(run.stdout).not.toContain('Loaded pack');
    } finally {
      await holder.stop('SIGKILL');
    }
  }, 30_000);

  it('--ws-port on a busy port names --ws-port; with --port alone the WebSocket port N+1 is named as following --port', async () => {
    const { holder, port } = await holdPort();
    try {
      const { packsDir, dataDir } = tempPacks();
      const telnet = await freePair([port]);
      const explicit = await runMaid(['server', 'start', '--port', String(telnet), '--ws-port', String(port), '--packs-dir', packsDir, '--data-dir', dataDir]);
      expect(explicit.code).toBe(1);
      expect(explicit.stderr).toContain(`Port ${port} (WebSocket, --ws-port) on 127.0.0.1 is in use by process ${holder.child.pid}`);
      expect(explicit.stderr).toContain('choose another port with --ws-port PORT');
      expect(explicit.stdout).not.toContain('Loaded pack');
    } finally {
      await holder.stop('SIGKILL');
    }
    const telnet = await freePair();
    const next = await holdPort(telnet + 1);
    try {
      const { packsDir, dataDir } = tempPacks();
      const following = await runMaid(['server', 'start', '--port', String(telnet), '--packs-dir', packsDir, '--data-dir', dataDir]);
      expect(following.code).toBe(1);
      expect(following.stderr).toContain(`Port ${telnet + 1} (WebSocket, from --port + 1) on 127.0.0.1 is in use by process ${next.holder.child.pid}`);
      expect(following.stderr).toContain('--ws-port PORT');
    } finally {
      await next.holder.stop('SIGKILL');
    }
  }, 30_000);

  it('--admin-port on a busy port names --admin-port and the holder (exit 1)', async () => {
    const { holder, port } = await holdPort();
    try {
      const { packsDir, dataDir } = tempPacks();
      const run = await runMaid(['server', 'start', '--admin-port', String(port), '--packs-dir', packsDir, '--data-dir', dataDir]);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`maid server start: Port ${port} (admin API, --admin-port) on 127.0.0.1 is in use by process ${holder.child.pid}`);
      expect(run.stderr).not.toMatch(/unexpected error|\n\s+at /);
    } finally {
      await holder.stop('SIGKILL');
    }
  }, 30_000);

  it('two servers on --port A and --port B both start, each with its WebSocket on its port + 1', async () => {
    const a = await freePair();
    const b = await freePair([a]);
    const servers = [a, b].map((port) => {
      const { packsDir, dataDir } = tempPacks(['starter-world']);
      return { port, server: startMaid(['server', 'start', '--port', String(port), '--packs-dir', packsDir, '--data-dir', dataDir]) };
    });
    try {
      for (const { port, server } of servers) {
        await server.waitFor(READY, { timeoutMs: 30_000 });
        expect(server.lines).toContain(`[INFO]   Players connect: telnet 127.0.0.1 ${port}`);
        expect(server.lines.join('\n')).toContain(`Web clients connect: ws://127.0.0.1:${port + 1}/`);
      }
    } finally {
      for (const { server } of servers) await server.stop('SIGKILL');
    }
  }, 60_000);
});
