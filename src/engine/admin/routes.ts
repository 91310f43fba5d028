import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AdminBackend } from './backend';
import { AdminError } from './errors';
import type { ReloadEventStreams } from './event-stream';
import { toJson } from './json';
import { ADMIN_ROUTES, type AdminErrorBody, type AdminErrorCode } from './protocol';
import { validateReloadRequest } from './reload-request';
import { roleChangeOf, RoleError, type RoleChange } from '../accounts/roles';

/** Largest request body accepted; a reload request is a few hundred bytes. */
const MAX_BODY_BYTES = 64 * 1024;

export interface RouteContext {
  backend: AdminBackend;
  startedAt: number;
  streams: ReloadEventStreams;
}

type Handler = (ctx: RouteContext, req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void> | void;

const ROUTES: Record<string, Partial<Record<'GET' | 'POST', Handler>>> = {
  [ADMIN_ROUTES.status]: { GET: async (ctx, _req, res) => sendJson(res, 200, await ctx.backend.status(ctx.startedAt)) },
  [ADMIN_ROUTES.packs]: { GET: async (ctx, _req, res) => sendJson(res, 200, { packs: await ctx.backend.packs() }) },
  [ADMIN_ROUTES.reloads]: {
    GET: async (ctx, _req, res, url) => {
      const raw = url.searchParams.get('limit');
      const limit = Number(raw);
      if (raw !== null && (raw.trim() === '' || !Number.isInteger(limit) || limit < 0)) throw new AdminError('bad-request', '"limit" must be a whole number of results, the most recent kept');
      const history = await ctx.backend.reloads();
      if (raw === null) return sendJson(res, 200, { reloads: history });
      sendJson(res, 200, { reloads: limit === 0 ? [] : history.slice(-limit) });
    },
  },
  [ADMIN_ROUTES.reload]: {
    POST: async (ctx, req, res) => {
      const request = validateReloadRequest(await readJsonBody(req));
      ctx.backend.logger.debug(`Admin API: reload ${request.type} '${request.target}' (${request.trigger})`);
      sendJson(res, 200, await ctx.backend.reload(request));
    },
  },
  [ADMIN_ROUTES.restart]: {
    POST: async (ctx, req, res) => {
      const body = await readJsonBody(req, true);
      const reason = typeof body === 'object' && body !== null && typeof (body as { reason?: unknown }).reason === 'string' ? String((body as { reason: string }).reason).slice(0, 200) : 'requested through the admin API';
      if (!ctx.backend.restart) throw new AdminError('not-found', 'This server runs the engine in its own process; it cannot restart it with players connected');
      ctx.backend.logger.info(`Admin API: restart the engine (${reason})`);
      sendJson(res, 200, await ctx.backend.restart(reason));
    },
  },
  [ADMIN_ROUTES.roles]: {
    POST: async (ctx, req, res) => {
      let change: RoleChange;
      try {
        change = roleChangeOf(await readJsonBody(req));
      } catch (err) {
        if (err instanceof RoleError) throw new AdminError('bad-request', err.message);
        throw err;
      }
      if (!ctx.backend.roles) throw new AdminError('not-found', 'This server has no accounts to change');
      sendJson(res, 200, await ctx.backend.roles(change));
    },
  },
  [ADMIN_ROUTES.events]: { GET: (ctx, _req, res) => ctx.streams.attach(res) },
};

const ANSWER_OF: Record<AdminError['kind'], [number, AdminErrorCode]> = {
  'no-server': [503, 'internal'],
  unauthorized: [401, 'unauthorized'],
  'not-found': [404, 'not-found'],
  'bad-request': [400, 'bad-request'],
  failed: [500, 'internal'],
};

/** Routes an authenticated request; every failure becomes an error body, never a dropped connection. */
export async function route(ctx: RouteContext, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const methods = ROUTES[url.pathname];
  if (!methods) return sendError(res, 404, 'not-found', `No such endpoint ${url.pathname}; endpoints: ${Object.keys(ROUTES).join(', ')}`);
  const handler = methods[req.method as 'GET' | 'POST'];
  if (!handler) {
    res.setHeader('Allow', Object.keys(methods).join(', '));
    return sendError(res, 405, 'method-not-allowed', `${url.pathname} accepts ${Object.keys(methods).join(', ')}, not ${req.method}`);
  }
  try {
    await handler(ctx, req, res, url);
  } catch (err) {
    if (err instanceof AdminError) {
      const [status, code] = ANSWER_OF[err.kind];
      return sendError(res, status, code, err.message);
    }
    if (err instanceof BodyTooLarge) {
      res.setHeader('Connection', 'close'); // the rest of the body is not read
      return sendError(res, 413, 'payload-too-large', err.message);
    }
    ctx.backend.logger.error(`Admin API: ${req.method} ${url.pathname} failed: ${ctx.backend.describeError(err)}`);
    sendError(res, 500, 'internal', `The server failed to answer ${req.method} ${url.pathname}; the details are in its log`);
  }
}

export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  if (res.headersSent) return;
  const body = toJson(value);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

export function sendError(res: ServerResponse, status: number, code: AdminErrorCode, message: string): void {
  const body: AdminErrorBody = { error: { code, message } };
  sendJson(res, status, body);
}

class BodyTooLarge extends Error {}

async function readJsonBody(req: IncomingMessage, optional = false): Promise<unknown> {
  const type = req.headers['content-type'] ?? '';
  if (optional && type === '' && (req.headers['content-length'] ?? '0') === '0') return {};
  if (!/^application\/json\b/i.test(type)) throw new AdminError('bad-request', 'Send the request body as JSON (Content-Type: application/json)');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLarge(`The request body is over ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new AdminError('bad-request', 'The request body is not valid JSON');
  }
}
