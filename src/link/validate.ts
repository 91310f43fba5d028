/**
 * Checks every frame that crosses the link, on the side that receives it:
 * a frame of unknown type or wrong shape is refused with the reason (the
 * receiver logs it and drops it, never crashes), and a batch keeps its
 * good items when some are malformed.
 */
import {
  ENGINE_REQUEST_OPS,
  MAX_BATCH_ITEMS,
  MAX_WRITE_CHARS,
  type EngineHostConfig,
  type GatewayFrame,
  type LinkCaps,
  type LinkCharacter,
  type LinkComponentView,
  type LinkEntityDelta,
  type LinkMapMarker,
  type LinkMarkerDelta,
  type LinkFailure,
  type LinkLoadAttempt,
  type LinkLogRecord,
  type ReceivedEngineFrame,
  type SessionInput,
  type SessionOutput,
} from './frames';
import { joinLines } from './line-table';

/** A frame refused, with why; `dropped` counts the malformed items of a batch that was kept. */
export type Checked<T> = { ok: true; frame: T; dropped: number } | { ok: false; reason: string };

type Obj = Record<string, unknown>;

class Invalid extends Error {}

const fail = (reason: string): never => {
  throw new Invalid(reason);
};

function obj(value: unknown, what: string): Obj {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(`${what} is not an object`);
  return value as Obj;
}

function str(o: Obj, key: string, max = 4096): string {
  const v = o[key];
  if (typeof v !== 'string' || v.length > max) fail(`"${key}" must be a string of at most ${max} characters`);
  return v as string;
}

function optStr(o: Obj, key: string, max = 4096): string | undefined {
  return o[key] === undefined ? undefined : str(o, key, max);
}

function int(o: Obj, key: string): number {
  const v = o[key];
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) fail(`"${key}" must be a whole number`);
  return v as number;
}

function bool(o: Obj, key: string): boolean {
  if (typeof o[key] !== 'boolean') fail(`"${key}" must be true or false`);
  return o[key] as boolean;
}

function oneOf<T extends string>(o: Obj, key: string, values: readonly T[]): T {
  const v = o[key];
  if (typeof v !== 'string' || !(values as readonly string[]).includes(v)) fail(`"${key}" must be one of ${values.join(', ')}`);
  return v as T;
}

function strings(o: Obj, key: string, maxItems = 1024): string[] {
  const v = o[key];
  if (!Array.isArray(v) || v.length > maxItems || !v.every((x) => typeof x === 'string' && x.length <= 4096)) fail(`"${key}" must be a list of strings`);
  return v as string[];
}

function caps(value: unknown): LinkCaps {
  const o = obj(value, '"caps"');
  return { gmcp: bool(o, 'gmcp'), supports: strings(o, 'supports', 256) };
}

function character(value: unknown): LinkCharacter {
  const o = obj(value, 'the character');
  return { account: str(o, 'account', 200), character: str(o, 'character', 200), entityId: str(o, 'entityId', 200) };
}

function sessionInput(value: unknown): SessionInput {
  const o = obj(value, 'an input item');
  const s = int(o, 's');
  switch (o['k']) {
    case 'open': {
      const item: SessionInput = { k: 'open', s, protocol: oneOf(o, 'protocol', ['telnet', 'websocket'] as const), address: str(o, 'address', 200), caps: caps(o['caps']) };
      const client = optStr(o, 'client', 200);
      if (client !== undefined) item.client = client;
      if (o['resume'] !== undefined) item.resume = character(o['resume']);
      return item;
    }
    case 'line':
      return { k: 'line', s, text: str(o, 'text', MAX_WRITE_CHARS) };
    case 'gmcp':
      return { k: 'gmcp', s, pkg: str(o, 'pkg', 200), data: o['data'] };
    case 'caps':
      return { k: 'caps', s, caps: caps(o['caps']) };
    case 'limit':
      return { k: 'limit', s, limit: oneOf(o, 'limit', ['line', 'input', 'subnegotiation', 'output'] as const), max: int(o, 'max') };
    case 'closed':
      return { k: 'closed', s, reason: str(o, 'reason', 200) };
    default:
      return fail(`unknown input item kind ${JSON.stringify(String(o['k'])).slice(0, 40)}`);
  }
}

/** An output frame's table of lines: strings, each no longer than a write. */
function lineTable(value: unknown): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.length > MAX_BATCH_ITEMS) fail(`"lines" must be a list of at most ${MAX_BATCH_ITEMS} strings`);
  for (const line of value as unknown[]) if (typeof line !== 'string' || line.length > MAX_WRITE_CHARS) fail(`"lines" must hold strings of at most ${MAX_WRITE_CHARS} characters`);
  return value as string[];
}

/** A lines item's indexes into the frame's table, as the write they stand for. */
function linesWrite(o: Obj, s: number, table: readonly string[]): SessionOutput {
  const refs = o['lines'];
  if (!Array.isArray(refs) || refs.length > MAX_BATCH_ITEMS) fail(`"lines" must be a list of at most ${MAX_BATCH_ITEMS} indexes`);
  const lines: string[] = new Array((refs as unknown[]).length);
  let chars = 0;
  for (let i = 0; i < lines.length; i++) {
    const ref = (refs as unknown[])[i];
    const line = typeof ref === 'number' && Number.isInteger(ref) ? table[ref] : undefined;
    if (line === undefined) fail(`"lines" must index the frame's table of ${table.length} lines; got ${JSON.stringify(ref)?.slice(0, 40)}`);
    chars += (line as string).length + 1;
    lines[i] = line as string;
  }
  if (chars > MAX_WRITE_CHARS) fail(`the lines of a write must total at most ${MAX_WRITE_CHARS} characters`);
  const lead = o['lead'] !== undefined && bool(o, 'lead');
  return withPromptAndMark({ k: 'write', s, text: joinLines(lines, lead) }, o);
}

/** A write's optional prompt and answer mark, as a `write` or `lines` item carries them. */
function withPromptAndMark(item: Extract<SessionOutput, { k: 'write' }>, o: Obj): SessionOutput {
  const prompt = optStr(o, 'prompt', 4096);
  if (prompt !== undefined) item.prompt = prompt;
  if (o['answer'] !== undefined && bool(o, 'answer')) item.answer = true;
  return item;
}

function sessionOutput(value: unknown, table: readonly string[]): SessionOutput {
  const o = obj(value, 'an output item');
  const s = int(o, 's');
  switch (o['k']) {
    case 'lines':
      return linesWrite(o, s, table);
    case 'write':
      return withPromptAndMark({ k: 'write', s, text: str(o, 'text', MAX_WRITE_CHARS) }, o);
    case 'data':
      return { k: 'data', s, pkg: str(o, 'pkg', 200), data: o['data'] };
    case 'echo':
      return { k: 'echo', s, hidden: bool(o, 'hidden') };
    case 'playing':
      return { k: 'playing', s, character: character(o['character']) };
    case 'close':
      return { k: 'close', s };
    default:
      return fail(`unknown output item kind ${JSON.stringify(String(o['k'])).slice(0, 40)}`);
  }
}

/** Checks each item of a batch; the malformed ones are counted and left out. */
function batch<T>(o: Obj, check: (item: unknown) => T): { items: T[]; dropped: number } {
  const raw = o['items'];
  if (!Array.isArray(raw) || raw.length > MAX_BATCH_ITEMS) fail(`"items" must be a list of at most ${MAX_BATCH_ITEMS}`);
  const items: T[] = [];
  let dropped = 0;
  for (const item of raw as unknown[]) {
    try {
      items.push(check(item));
    } catch (err) {
      if (!(err instanceof Invalid)) throw err;
      dropped++;
    }
  }
  return { items, dropped };
}

function failure(value: unknown): LinkFailure {
  const o = obj(value, '"failure"');
  const f: LinkFailure = { message: str(o, 'message', 64 * 1024), phase: str(o, 'phase', 40) };
  const file = optStr(o, 'file', 4096);
  if (file !== undefined) f.file = file;
  if (o['line'] !== undefined) f.line = int(o, 'line');
  if (o['column'] !== undefined) f.column = int(o, 'column');
  return f;
}

function loadAttempt(value: unknown): LinkLoadAttempt {
  const o = obj(value, '"attempt"');
  const a: LinkLoadAttempt = {
    packName: str(o, 'packName', 200),
    success: bool(o, 'success'),
    trigger: oneOf(o, 'trigger', ['load', 'file', 'manual', 'dependency'] as const),
    changedFiles: strings(o, 'changedFiles'),
    durationMs: num(o, 'durationMs'),
  };
  if (o['failure'] !== undefined) a.failure = failure(o['failure']);
  return a;
}

function logRecord(value: unknown): LinkLogRecord {
  const o = obj(value, 'a log record');
  const r: LinkLogRecord = { level: oneOf(o, 'level', ['DEBUG', 'INFO', 'WARNING', 'ERROR'] as const), message: str(o, 'message', 64 * 1024), time: num(o, 'time') };
  const source = optStr(o, 'source', 200);
  if (source !== undefined) r.source = source;
  return r;
}

function componentView(value: unknown): LinkComponentView {
  const o = obj(value, 'a component');
  const view: LinkComponentView = { name: str(o, 'name', 200), version: int(o, 'version'), data: o['data'] };
  const pack = optStr(o, 'pack', 200);
  if (pack !== undefined) view.pack = pack;
  return view;
}

function mapMarker(value: unknown): LinkMapMarker {
  const o = obj(value, 'a map marker');
  return { entity: str(o, 'entity', 200), name: str(o, 'name', 400), kind: oneOf(o, 'kind', ['player', 'npc'] as const), room: str(o, 'room', 400) };
}

function markerDelta(value: unknown): LinkMarkerDelta {
  const o = obj(value, '"delta"');
  const moved = o['moved'];
  if (!Array.isArray(moved) || moved.length > MAX_BATCH_ITEMS) fail('"moved" must be a list of map markers');
  return { tick: int(o, 'tick'), moved: (moved as unknown[]).map(mapMarker), gone: strings(o, 'gone', MAX_BATCH_ITEMS) };
}

function entityDelta(value: unknown): LinkEntityDelta {
  const o = obj(value, 'an entity delta');
  const changed = o['changed'];
  if (!Array.isArray(changed) || changed.length > 1024) fail('"changed" must be a list of components');
  const delta: LinkEntityDelta = { entity: str(o, 'entity', 200), tick: int(o, 'tick'), changed: (changed as unknown[]).map(componentView), removed: strings(o, 'removed') };
  if (o['destroyed'] !== undefined) {
    if (o['destroyed'] !== true) fail('"destroyed" must be true when given');
    delta.destroyed = true;
  }
  return delta;
}

function num(o: Obj, key: string): number {
  const v = o[key];
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) fail(`"${key}" must be a number`);
  return v as number;
}

function config(value: unknown): EngineHostConfig {
  const o = obj(value, '"config"');
  const disabled = o['disabled'];
  if (!Array.isArray(disabled)) fail('"disabled" must be a list');
  return {
    settings: obj(o['settings'], '"settings"'),
    contentDirs: strings(o, 'contentDirs'),
    allPacks: bool(o, 'allPacks'),
    strict: bool(o, 'strict'),
    disabled: (disabled as unknown[]).map((d) => {
      const entry = obj(d, 'a disabled pack');
      return { name: str(entry, 'name', 200), reason: str(entry, 'reason') };
    }),
    generation: int(o, 'generation'),
    ...(o['logs'] !== undefined ? { logs: oneOf(o, 'logs', ['console', 'link'] as const) } : {}),
  };
}

function guarded<T>(value: unknown, parse: (o: Obj) => { frame: T; dropped?: number }): Checked<T> {
  try {
    const { frame, dropped = 0 } = parse(obj(value, 'the frame'));
    return { ok: true, frame, dropped };
  } catch (err) {
    if (err instanceof Invalid) return { ok: false, reason: err.message };
    return { ok: false, reason: `unreadable frame (${String(err).slice(0, 100)})` };
  }
}

/** A frame the engine host received from the gateway. */
export function checkGatewayFrame(value: unknown): Checked<GatewayFrame> {
  return guarded<GatewayFrame>(value, (o) => {
    switch (o['t']) {
      case 'start':
        return { frame: { t: 'start', version: int(o, 'version'), config: config(o['config']) } };
      case 'input': {
        const { items, dropped } = batch(o, sessionInput);
        return { frame: { t: 'input', items }, dropped };
      }
      case 'request': {
        const frame: GatewayFrame = { t: 'request', id: int(o, 'id'), op: oneOf(o, 'op', ENGINE_REQUEST_OPS) };
        if (o['body'] !== undefined) frame.body = o['body'];
        return { frame };
      }
      case 'stop':
        return { frame: { t: 'stop', reason: str(o, 'reason', 200), restart: bool(o, 'restart') } };
      default:
        return fail(`unknown frame type ${JSON.stringify(String(o['t'])).slice(0, 40)}`);
    }
  });
}

/** A frame the gateway received from the engine host. */
export function checkEngineFrame(value: unknown): Checked<ReceivedEngineFrame> {
  return guarded<ReceivedEngineFrame>(value, (o) => {
    switch (o['t']) {
      case 'hello':
        return { frame: { t: 'hello', version: int(o, 'version'), pid: int(o, 'pid') } };
      case 'starting':
        return { frame: { t: 'starting', pack: str(o, 'pack', 200) } };
      case 'started':
        return { frame: { t: 'started', pack: str(o, 'pack', 200) } };
      case 'ready':
        return { frame: { t: 'ready', summary: strings(o, 'summary'), broken: strings(o, 'broken'), watching: str(o, 'watching') } };
      case 'heartbeat': {
        const frame: ReceivedEngineFrame = { t: 'heartbeat', tick: int(o, 'tick') };
        if (o['committedTick'] !== undefined) frame.committedTick = int(o, 'committedTick');
        if (o['savedThroughTick'] !== undefined) frame.savedThroughTick = int(o, 'savedThroughTick');
        return { frame };
      }
      case 'output': {
        const table = lineTable(o['lines']);
        const { items, dropped } = batch(o, (item) => sessionOutput(item, table));
        return { frame: { t: 'output', items }, dropped };
      }
      case 'response': {
        const id = int(o, 'id');
        if (o['ok'] === true) return { frame: { t: 'response', id, ok: true, body: o['body'] } };
        return { frame: { t: 'response', id, ok: false, kind: oneOf(o, 'kind', ['not-found', 'bad-request', 'failed'] as const), message: str(o, 'message', 64 * 1024) } };
      }
      case 'reload': {
        const frame: ReceivedEngineFrame = { t: 'reload', result: obj(o['result'], '"result"') };
        if (o['kept'] !== undefined) frame.kept = obj(o['kept'], '"kept"');
        return { frame };
      }
      case 'cutoff':
        return { frame: { t: 'cutoff', record: obj(o['record'], '"record"') } };
      case 'load':
        return { frame: { t: 'load', attempt: loadAttempt(o['attempt']) } };
      case 'packs':
        return { frame: { t: 'packs' } };
      case 'entity': {
        const { items, dropped } = batch({ items: o['deltas'] }, entityDelta);
        return { frame: { t: 'entity', deltas: items }, dropped };
      }
      case 'map':
        return { frame: { t: 'map', delta: markerDelta(o['delta']) } };
      case 'log': {
        const { items, dropped } = batch({ items: o['records'] }, logRecord);
        return { frame: { t: 'log', records: items }, dropped };
      }
      case 'fatal':
        return { frame: { t: 'fatal', message: str(o, 'message', 64 * 1024) } };
      case 'stopping':
        return { frame: { t: 'stopping', waitingFor: strings(o, 'waitingFor') } };
      case 'stopped':
        return { frame: { t: 'stopped' } };
      default:
        return fail(`unknown frame type ${JSON.stringify(String(o['t'])).slice(0, 40)}`);
    }
  });
}
