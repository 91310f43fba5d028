// The web host refuses whoever is not the studio page it served: no token,
// a wrong token, another origin, another Host; and file access stays inside
// the pack folders whatever path or link a request names.
import { request as httpRequest } from 'node:http';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import WebSocket from 'ws';
import { expect, test } from './support/fixtures';

interface Answer {
  ok: boolean;
  value?: unknown;
  error?: { code: string; message: string };
}

const call = (origin: string, method: string, args: unknown[], headers: Record<string, string>) =>
  fetch(`${origin}/api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify({ args }) });

const answer = async (res: Response) => (await res.json()) as Answer;

function rawGet(port: number, path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

function wsStatus(url: string, origin: string): Promise<number | 'open'> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { origin });
    ws.on('open', () => {
      ws.close();
      resolve('open');
    });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => {});
  });
}

test('the page and the API refuse requests without the token or from another origin', async ({ studio }) => {
  const auth = { Authorization: `Bearer ${studio.token}` };
  const port = Number(new URL(studio.origin).port);

  expect((await fetch(`${studio.origin}/`)).status).toBe(401);
  expect((await fetch(`${studio.origin}/?token=wrong`)).status).toBe(401);
  const page = await fetch(studio.url);
  expect(page.status).toBe(200);
  expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");

  const noToken = await call(studio.origin, 'listPacks', [], {});
  expect(noToken.status).toBe(401);
  expect((await answer(noToken)).error?.code).toBe('unauthorized');
  expect((await call(studio.origin, 'listPacks', [], { Authorization: 'Bearer not-the-token' })).status).toBe(401);

  const foreign = await call(studio.origin, 'listPacks', [], { ...auth, Origin: 'http://evil.example' });
  expect(foreign.status).toBe(403);
  expect((await answer(foreign)).error?.code).toBe('forbidden');
  expect((await call(studio.origin, 'listPacks', [], { ...auth, 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);

  const own = await call(studio.origin, 'listPacks', [], { ...auth, Origin: studio.origin });
  expect(own.status).toBe(200);
  expect(((await answer(own)).value as { pack: { name: string } }[]).map((p) => p.pack.name).sort()).toEqual(['combat', 'starter-world']);

  // A page on another host name that resolves here (DNS rebinding) names its own Host.
  expect(await rawGet(port, `/?token=${studio.token}`, { Host: `evil.example:${port}` })).toBe(421);

  const events = `ws://127.0.0.1:${port}/api/events?token=${studio.token}`;
  expect(await wsStatus(events, 'http://evil.example')).toBe(403);
  expect(await wsStatus(`ws://127.0.0.1:${port}/api/events?token=wrong`, studio.origin)).toBe(401);
  expect(await wsStatus(events, studio.origin)).toBe('open');
});

test('saves outside the pack folder are refused and write nothing', async ({ studio }) => {
  const headers = { Authorization: `Bearer ${studio.token}`, Origin: studio.origin };
  const outside = join(studio.workDir, 'outside');
  await mkdir(outside);
  await writeFile(join(outside, 'target.ts'), 'original\n');
  // Links inside the pack that lead out of it: a folder and a file.
  await symlink(outside, join(studio.packsDir, 'combat', 'src', 'escape'));
  await symlink(join(outside, 'target.ts'), join(studio.packsDir, 'combat', 'src', 'link.ts'));

  const attempts = [
    { path: '../../etc/x', why: /leads out of the pack folder/ },
    { path: '../starter-world/src/pack.ts', why: /leads out of the pack folder/ },
    { path: '/etc/x', why: /absolute/ },
    { path: 'src\\..\\..\\x.ts', why: /use \/ to separate/ },
    { path: 'src/escape/x.ts', why: /symbolic link/ },
    { path: 'src/link.ts', why: /symbolic link/ },
  ];
  for (const attempt of attempts) {
    const res = await call(studio.origin, 'saveFile', [{ pack: 'combat', path: attempt.path, content: 'pwned' }], headers);
    expect(res.status, attempt.path).toBe(403);
    const body = await answer(res);
    expect(body.error?.code, attempt.path).toBe('forbidden');
    expect(body.error?.message, attempt.path).toMatch(attempt.why);
  }
  const created = await call(studio.origin, 'createFile', [{ pack: 'combat', path: 'src/escape/new.ts', content: 'pwned' }], headers);
  expect(created.status).toBe(403);
  const renamed = await call(studio.origin, 'renameFile', [{ pack: 'combat', from: 'src/pack.ts', to: '../../../pack.ts' }], headers);
  expect(renamed.status).toBe(403);

  // Nothing was written anywhere outside.
  expect(existsSync(join(studio.workDir, 'etc'))).toBe(false);
  expect(existsSync(join(studio.packsDir, 'etc'))).toBe(false);
  expect(existsSync('/etc/x')).toBe(false);
  expect(await readdir(outside)).toEqual(['target.ts']);
  expect(await readFile(join(outside, 'target.ts'), 'utf8')).toBe('original\n');
  expect(existsSync(join(studio.workDir, 'pack.ts'))).toBe(false);
  expect(await readFile(join(studio.packsDir, 'combat', 'src', 'pack.ts'), 'utf8')).toContain('CombatPack');
});
