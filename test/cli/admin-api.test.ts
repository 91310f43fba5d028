import { request } from 'node:http';
import { mkdirSync, readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEngine, type TestEngine } from '@maid/engine/testing';
import { AdminClient, AdminError, AdminServer, credentialsPath, readCredentials, type AdminEvent } from '../../src/engine/admin';
import { makeTempDir, removeTempDirs, tempPacks } from './maid-process';

afterAll(removeTempDirs);

interface Answer {
  status: number;
  body: { error?: { code: string; message: string } } & Record<string, unknown>;
  headers: Record<string, string | string[] | undefined>;
}

/** One HTTP request with exactly the headers given (no client library adding its own). */
function send(url: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers ?? {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, body: text ? (JSON.parse(text) as Answer['body']) : {}, headers: res.headers });
      });
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('admin API', () => {
  let game: TestEngine;
  let admin: AdminServer;
  let dataDir: string;
  let packsDir: string;
  let token: string;
  const auth = () => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    const dirs = tempPacks();
    dataDir = dirs.dataDir;
    packsDir = dirs.packsDir;
    game = await createTestEngine({ packDirs: [join(packsDir, 'starter-world'), join(packsDir, 'combat')] });
    admin = await AdminServer.start({ engine: game.engine, dataDir });
    token = readCredentials(dataDir)?.token ?? '';
  });

  afterAll(async () => {
    await admin.stop();
    await game.stop();
  });

  it('writes its URL and a random token to admin.json, readable only by its owner', () => {
    const file = credentialsPath(dataDir);
    const credentials = JSON.parse(readFileSync(file, 'utf8')) as { url: string; token: string; pid: number };
    expect(credentials.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(credentials.url).toBe(admin.url);
    expect(credentials.token).toMatch(/^[\w-]{43}$/);
    expect(credentials.pid).toBe(process.pid);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('refuses a request without a token, or with a wrong one', async () => {
    const none = await send(`${admin.url}/api/packs`);
    expect(none.status).toBe(401);
    expect(none.body.error).toEqual({ code: 'unauthorized', message: expect.stringContaining('No token') });
    const wrong = await send(`${admin.url}/api/packs`, { headers: { Authorization: `Bearer ${token.slice(0, -1)}x` } });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error?.message).toContain('Wrong token');
    const notBearer = await send(`${admin.url}/api/packs`, { headers: { Authorization: token } });
    expect(notBearer.status).toBe(401);
    const reload = await send(`${admin.url}/api/reload`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"target":"combat"}' });
    expect(reload.status).toBe(401);
    expect(game.engine.hotReload.getReloadHistory()).toHaveLength(0);
  });

  it("never answers a browser's cross-origin request, even with the right token", async () => {
    for (const origin of ['http://evil.example', 'null', admin.url]) {
      const answer = await send(`${admin.url}/api/packs`, { headers: { ...auth(), Origin: origin } });
      expect(answer.status).toBe(403);
      expect(answer.body.error?.code).toBe('forbidden');
      expect(answer.headers['access-control-allow-origin']).toBeUndefined();
    }
    const preflight = await send(`${admin.url}/api/reload`, { method: 'OPTIONS', headers: { Origin: 'http://evil.example', 'Access-Control-Request-Method': 'POST' } });
    expect(preflight.status).toBe(403);
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    const crossSite = await send(`${admin.url}/api/packs`, { headers: { ...auth(), 'Sec-Fetch-Site': 'cross-site' } });
    expect(crossSite.status).toBe(403);
  });

  it('refuses a Host header that is not its loopback address (DNS rebinding)', async () => {
    const port = new URL(admin.url).port;
    const rebound = await send(`${admin.url}/api/packs`, { headers: { ...auth(), Host: `evil.example:${port}` } });
    expect(rebound.status).toBe(403);
    const ok = await send(`${admin.url}/api/packs`, { headers: { ...auth(), Host: `localhost:${port}` } });
    expect(ok.status).toBe(200);
  });

  it('refuses to listen on an address other machines can reach', async () => {
    for (const host of ['0.0.0.0', '::', '192.168.1.10', 'example.com']) {
      const start = AdminServer.start({ engine: game.engine, dataDir: makeTempDir('maid-admin-'), host });
      await expect(start).rejects.toThrow(/loopback addresses only/);
      await expect(start).rejects.toMatchObject({ kind: 'bad-request' });
    }
  });

  it('lists the packs and the server status', async () => {
    const client = AdminClient.fromDataDir(dataDir);
    const packs = await client.packs();
    expect(packs.map((p) => [p.name, p.status])).toEqual([
      ['starter-world', 'loaded'],
      ['combat', 'loaded'],
    ]);
    expect(packs[1]).toMatchObject({ dependencies: ['starter-world'], systems: expect.arrayContaining(['CombatSystem']), commands: expect.arrayContaining(['attack']), dir: join(packsDir, 'combat'), watched: false });
    const status = await client.status();
    expect(status).toMatchObject({ pid: process.pid, packs: 2 });
  });

  it('reloads a pack, then a module (by dotted id and by file), recording each in the history', async () => {
    const client = AdminClient.fromDataDir(dataDir);
    const before = game.engine.hotReload.getReloadHistory().length;
    const pack = await client.reload({ target: 'combat', type: 'pack' });
    expect(pack.result).toMatchObject({ packName: 'combat', success: true, trigger: 'api' });
    const dotted = await client.reload({ target: 'combat.systems.combat', type: 'module', trigger: 'manual' });
    expect(dotted.result).toMatchObject({ packName: 'combat', success: true, trigger: 'manual', changedFiles: ['src/systems/combat.ts'] });
    const file = await client.reload({ target: 'systems/combat.ts', type: 'module' });
    expect(file.result).toMatchObject({ packName: 'combat', success: true, changedFiles: ['src/systems/combat.ts'] });
    const history = await client.reloads();
    expect(history.slice(before).map((r) => r.trigger)).toEqual(['api', 'manual', 'api']);
    expect(await client.reloads(1)).toEqual([history[history.length - 1]]);
  });

  it('reloading a pack reloads the packs that depend on it, and says so', async () => {
    const client = AdminClient.fromDataDir(dataDir);
    const response = await client.reload({ target: 'starter-world' });
    expect(response.result).toMatchObject({ packName: 'starter-world', success: true });
    expect(response.dependants.map((r) => [r.packName, r.trigger, r.success])).toEqual([['combat', 'dependency', true]]);
  });

  it('answers an unknown pack or module with what is loaded, leaving the history alone', async () => {
    const client = AdminClient.fromDataDir(dataDir);
    const before = game.engine.hotReload.getReloadHistory().length;
    await expect(client.reload({ target: 'nope', type: 'pack' })).rejects.toMatchObject({ kind: 'not-found', message: "No pack named 'nope' is loaded; loaded packs: starter-world, combat" });
    await expect(client.reload({ target: 'systems/nope.ts', type: 'module' })).rejects.toMatchObject({ kind: 'not-found', message: expect.stringContaining("No loaded pack has a module 'systems/nope.ts'") });
    await expect(client.reload({ target: 'combat', type: 'module' })).rejects.toThrow("('combat' is a pack: use --type pack)");
    expect(game.engine.hotReload.getReloadHistory()).toHaveLength(before);
  });

  it('accepts a module id written as the seed writes it (underscores for the dashes of the pack name)', async () => {
    const client = AdminClient.fromDataDir(dataDir);
    const response = await client.reload({ target: 'starter_world.pack', type: 'module' });
    expect(response.result).toMatchObject({ packName: 'starter-world', success: true, changedFiles: ['src/pack.ts'] });
  });

  it('rejects malformed requests with what it accepts', async () => {
    const post = (body: string, type = 'application/json') => send(`${admin.url}/api/reload`, { method: 'POST', headers: { ...auth(), 'Content-Type': type }, body });
    expect((await post('{"target":')).body.error).toEqual({ code: 'bad-request', message: 'The request body is not valid JSON' });
    expect((await post('{"target":"combat"}', 'text/plain')).status).toBe(400);
    expect((await post('[]')).status).toBe(400);
    expect((await post('{"target":""}')).body.error?.message).toContain('"target" must be');
    expect((await post('{"target":"combat","type":"everything"}')).body.error?.message).toBe('"type" must be one of pack, module, auto');
    expect((await post('{"target":"combat","trigger":"dependency"}')).body.error?.message).toBe('"trigger" must be one of api, manual, file');
    expect((await post('{"target":"combat","changedFiles":["relative.ts"]}')).body.error?.message).toContain('absolute file paths');
    expect((await post('{"target":"combat","changedFiles":["/etc/passwd"]}')).body.error?.message).toContain('is not inside pack');
    expect((await post('{"target":"combat","force":true}')).body.error?.message).toBe('Unknown field(s) force; accepted: target, type, trigger, changedFiles');
    expect((await post(JSON.stringify({ target: 'combat', pad: 'x'.repeat(70_000) }))).status).toBe(413);
    const wrongMethod = await send(`${admin.url}/api/reload`, { headers: auth() });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.allow).toBe('POST');
    expect((await send(`${admin.url}/api/nothing`, { headers: auth() })).status).toBe(404);
    expect((await send(`${admin.url}/api/reloads?limit=-1`, { headers: auth() })).status).toBe(400);
  });

  it('streams reload events to a client as they happen', async () => {
    const client = AdminClient.fromDataDir(dataDir);
    const events: AdminEvent[] = [];
    let arrived: () => void = () => {};
    const gotReload = new Promise<void>((resolve) => (arrived = resolve));
    const stream = await client.events((e) => {
      events.push(e);
      if (e.type === 'reload') arrived();
    });
    await game.engine.hotReload.reloadPack('combat', undefined, { trigger: 'manual' });
    await gotReload;
    expect(events[0]).toEqual({ type: 'hello', data: { pid: process.pid } });
    expect(events[1]).toMatchObject({ type: 'reload', data: { packName: 'combat', trigger: 'manual', success: true } });
    stream.close();
    await stream.closed;
  });

  it('refuses to start a second server on the same data directory while the first answers', async () => {
    await expect(AdminServer.start({ engine: game.engine, dataDir: dataDir + '/../data' })).rejects.toThrow(/Another maid server \(pid \d+\) is running with the data directory/);
  });
});

describe('admin API client errors', () => {
  it('says there is no server when the data directory has no admin.json', () => {
    const dir = makeTempDir('maid-admin-');
    expect(() => AdminClient.fromDataDir(dir)).toThrow(`No running maid server found: there is no ${join(dir, 'admin.json')}. Start one with 'maid server start'`);
  });

  it('says the server is gone when admin.json was left by a server that stopped', async () => {
    const dir = makeTempDir('maid-admin-');
    mkdirSync(dir, { recursive: true });
    // A pid that cannot exist, and a port nobody listens on.
    writeFileSync(join(dir, 'admin.json'), JSON.stringify({ url: 'http://127.0.0.1:9', token: 't', pid: 2 ** 22 + 1, startedAt: 0 }));
    const err = await AdminClient.fromDataDir(dir).packs().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AdminError);
    expect(err).toMatchObject({ kind: 'no-server', message: expect.stringContaining('is no longer running') });
  });

  it('says a malformed admin.json should be deleted', () => {
    const dir = makeTempDir('maid-admin-');
    writeFileSync(join(dir, 'admin.json'), '{"url": 1}');
    expect(() => AdminClient.fromDataDir(dir)).toThrow('does not hold admin credentials (url, token, pid); delete it and restart the server');
  });

  it('replaces a stale admin.json at start, and deletes its own at stop', async () => {
    const { packsDir, dataDir } = tempPacks(['starter-world']);
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(join(dataDir, 'admin.json'), JSON.stringify({ url: 'http://127.0.0.1:9', token: 'old', pid: 2 ** 22 + 1, startedAt: 0 }));
    const game = await createTestEngine({ packDirs: [join(packsDir, 'starter-world')] });
    const admin = await AdminServer.start({ engine: game.engine, dataDir });
    expect(readCredentials(dataDir)?.token).not.toBe('old');
    const client = AdminClient.fromDataDir(dataDir);
    expect((await client.packs()).map((p) => p.name)).toEqual(['starter-world']);
    await admin.stop();
    expect(existsSync(join(dataDir, 'admin.json'))).toBe(false);
    await expect(client.packs()).rejects.toMatchObject({ kind: 'no-server' });
    await game.stop();
  });

  it('turns a refused token into an unauthorized error that says what to do', async () => {
    const { packsDir, dataDir } = tempPacks(['starter-world']);
    const game = await createTestEngine({ packDirs: [join(packsDir, 'starter-world')] });
    const admin = await AdminServer.start({ engine: game.engine, dataDir });
    const real = readCredentials(dataDir);
    const client = new AdminClient({ ...(real as NonNullable<typeof real>), token: 'wrong' }, dataDir);
    await expect(client.packs()).rejects.toMatchObject({ kind: 'unauthorized', message: expect.stringMatching(/refused the token .*Restart the server/) });
    await admin.stop();
    await game.stop();
  });
});
