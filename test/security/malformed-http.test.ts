// The attack of issue 15, item 1: malformed request targets (bad
// percent-encodings, NUL bytes, overlong segments and paths) sent over real
// sockets to every route of both HTTP listeners, the studio's web host and
// the admin API. Each must be a 400, and the listener must go on answering.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GameEngine, getSettings, MemorySink } from '../../src/engine/host';
import { ADMIN_ROUTES, AdminServer, readCredentials } from '../../src/engine/admin';
import { startWebStudio, type WebStudio } from '../../src/main/web/web-studio';
import { STUDIO_METHODS } from '../../src/shared/api';
import { malformedVariants, rawRequest } from './raw-http';

let work: string;
let studio: WebStudio;
let engine: GameEngine;
let admin: AdminServer;
let adminPort: number;
let adminToken: string;
const logs = new MemorySink();

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'maid-malformed-http-'));
  await mkdir(join(work, 'renderer', 'assets'), { recursive: true });
  await mkdir(join(work, 'packs'));
  await writeFile(join(work, 'renderer', 'index.html'), '<!doctype html><title>studio</title>');
  await writeFile(join(work, 'renderer', 'assets', 'app.js'), 'console.log(1)');
  studio = await startWebStudio({ port: 0, token: 'tok', rendererDir: join(work, 'renderer'), packsDir: join(work, 'packs'), dataDir: join(work, 'studio-data'), gamePort: 0, consoleLog: false });
  await studio.ready;
  engine = new GameEngine(getSettings({ env: {}, overrides: { dataDir: join(work, 'admin-data') } }), { logSinks: [logs.sink] });
  admin = await AdminServer.start({ engine, dataDir: join(work, 'admin-data') });
  const credentials = readCredentials(join(work, 'admin-data'))!;
  adminPort = Number(new URL(credentials.url).port);
  adminToken = credentials.token;
});

afterAll(async () => {
  await studio?.stop();
  await admin?.stop();
  await rm(work, { recursive: true, force: true });
});

const studioRoutes = ['/', '/index.html', '/assets/app.js', '/api/events', ...STUDIO_METHODS.map((m) => `/api/${m}`)];
const adminRoutes = Object.values(ADMIN_ROUTES);

describe('malformed request targets', () => {
  it('get a 400 from every route of the studio web host, which keeps answering', async () => {
    const headers = { Authorization: 'Bearer tok', 'Content-Type': 'application/json' };
    for (const route of studioRoutes) {
      for (const target of malformedVariants(route)) {
        for (const method of ['GET', 'POST']) {
          const answer = await rawRequest(studio.server.port, method, target, headers, method === 'POST' ? '{"args":[]}' : '');
          expect(answer.status, `${method} ${JSON.stringify(target.slice(0, 60))}`).toBe(400);
        }
      }
    }
    const good = await rawRequest(studio.server.port, 'POST', '/api/listPacks', headers, '{"args":[]}');
    expect(good.status).toBe(200);
    expect(JSON.parse(good.body)).toMatchObject({ ok: true });
  });

  it('get a 400 from every route of the admin API, with or without the token, which keeps answering', async () => {
    for (const auth of [{ Authorization: `Bearer ${adminToken}` }, {}] as Record<string, string>[]) {
      for (const route of adminRoutes) {
        for (const target of malformedVariants(route)) {
          for (const method of ['GET', 'POST']) {
            const answer = await rawRequest(adminPort, method, target, { ...auth, 'Content-Type': 'application/json' }, method === 'POST' ? '{"target":"x"}' : '');
            expect(answer.status, `${method} ${JSON.stringify(target.slice(0, 60))}`).toBe(400);
          }
        }
      }
    }
    const good = await rawRequest(adminPort, 'GET', ADMIN_ROUTES.status, { Authorization: `Bearer ${adminToken}` });
    expect(good.status).toBe(200);
  });

  it('a reload target with a NUL or of 300 characters is a 400 naming the field', async () => {
    for (const target of ['combat\u0000', `${'a'.repeat(300)}`, 'a/'.repeat(150)]) {
      const answer = await rawRequest(adminPort, 'POST', ADMIN_ROUTES.reload, { Authorization: `Bearer ${adminToken}`, 'Content-Type': 'application/json' }, JSON.stringify({ target }));
      expect(answer.status, JSON.stringify(target.slice(0, 20))).toBe(400);
      expect(answer.body).toContain('target');
    }
  });
});
