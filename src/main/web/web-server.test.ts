import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STUDIO_METHODS, type StudioApi, type StudioEvent } from '../../shared/api';
import { EventHub } from '../host/event-hub';
import { startWebServer, type RunningWebServer } from './web-server';

let dir: string;
let server: RunningWebServer;
const events = new EventHub();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'maid-web-'));
  await mkdir(join(dir, 'renderer', 'assets'), { recursive: true });
  await writeFile(join(dir, 'renderer', 'index.html'), '<!doctype html><title>studio</title>');
  await writeFile(join(dir, 'renderer', 'assets', 'app-abc.js'), 'console.log(1)');
  await writeFile(join(dir, 'secret.txt'), 'secret');
  const api: Record<string, (...a: unknown[]) => Promise<unknown>> = {};
  for (const m of STUDIO_METHODS) api[m] = async (...args: unknown[]) => ({ method: m, args });
  server = await startWebServer({ api: api as unknown as StudioApi, events, rendererDir: join(dir, 'renderer'), token: 'test-token' });
});

afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, headers: { Host: `127.0.0.1:${server.port}`, ...headers } }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

const post = (method: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${server.origin}/api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: 'Bearer test-token', ...headers }, body });

describe('the web host', () => {
  it('serves the page only with the token, with a CSP', async () => {
    expect((await get('/')).status).toBe(401);
    const page = await get('/?token=test-token');
    expect(page.status).toBe(200);
    expect(String(page.headers['content-security-policy'])).toMatch(/default-src 'none'.*script-src 'self'/);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect((await get('/assets/app-abc.js')).body).toBe('console.log(1)');
  });

  it('never serves files outside the renderer folder', async () => {
    for (const path of ['/../secret.txt', '/assets/../../secret.txt', '/%2e%2e/secret.txt', '/assets/%2e%2e%2f%2e%2e%2fsecret.txt', '/..%5csecret.txt']) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      expect(res.body).not.toContain('secret');
    }
  });

  it('refuses a foreign Host (DNS rebinding)', async () => {
    expect((await get('/?token=test-token', { Host: `attacker.example:${server.port}` })).status).toBe(421);
  });

  it('answers API calls with the token from its own origin, and refuses the rest', async () => {
    const ok = await post('getInfo', JSON.stringify({ args: [] }), { Origin: server.origin });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ ok: true, value: { method: 'getInfo', args: [] } });
    expect((await post('getInfo', '{"args":[]}', { Authorization: '' })).status).toBe(401);
    expect((await post('getInfo', '{"args":[]}', { Origin: 'http://evil.example' })).status).toBe(403);
    expect((await post('getInfo', '{"args":[]}', { 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
    const badJson = await post('getInfo', '{not json');
    expect(badJson.status).toBe(400);
    expect(((await badJson.json()) as { error: { message: string } }).error.message).toMatch(/not valid JSON/);
    const textPlain = await fetch(`${server.origin}/api/getInfo`, { method: 'POST', headers: { 'Content-Type': 'text/plain', Authorization: 'Bearer test-token' }, body: '{}' });
    expect(textPlain.status).toBe(400);
    expect((await post('nope', '{"args":[]}')).status).toBe(400);
    const huge = await post('saveFile', JSON.stringify({ args: [{ pack: 'c', path: 'a', content: 'x'.repeat(9 * 1024 * 1024) }] }));
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as { error: { code: string } }).error.code).toBe('too-large');
  });

  it('streams events to a client from its own origin with the token', async () => {
    const url = `ws://127.0.0.1:${server.port}/api/events?token=test-token`;
    const refused = await new Promise<number>((resolve) => {
      const ws = new WebSocket(url, { origin: 'http://evil.example' });
      ws.on('unexpected-response', (_q, res) => resolve(res.statusCode ?? 0));
      ws.on('error', () => {});
    });
    expect(refused).toBe(403);
    const ws = new WebSocket(url, { origin: server.origin });
    await new Promise((resolve) => ws.once('open', resolve));
    const received = new Promise<StudioEvent>((resolve) => ws.once('message', (data) => resolve(JSON.parse(String(data)) as StudioEvent)));
    events.emit({ type: 'log', entries: [{ seq: 1, level: 'INFO', message: 'hello', time: 1 }] });
    expect(await received).toEqual({ type: 'log', entries: [{ seq: 1, level: 'INFO', message: 'hello', time: 1 }] });
    ws.close();
  });
});
