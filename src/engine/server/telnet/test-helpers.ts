/** Test helpers shared by the telnet tests (not exported from index). */
import type { TelnetEvent } from './parser';
import { TelnetParser, type TelnetParserOptions } from './parser';

export type Plain =
  | { type: 'data'; bytes: number[] }
  | { type: 'command'; command: number }
  | { type: 'negotiation'; verb: number; option: number }
  | { type: 'subnegotiation'; option: number; payload: number[] }
  | { type: 'error'; error: string; option: number };

/** Events as plain values, with adjacent data merged (splits only change how data is cut). */
export function normalise(events: TelnetEvent[]): Plain[] {
  const out: Plain[] = [];
  for (const e of events) {
    if (e.type === 'data') {
      const last = out[out.length - 1];
      if (last?.type === 'data') last.bytes.push(...e.data);
      else out.push({ type: 'data', bytes: [...e.data] });
    } else if (e.type === 'subnegotiation') {
      out.push({ type: 'subnegotiation', option: e.option, payload: [...e.payload] });
    } else if (e.type === 'error') {
      out.push({ type: 'error', error: e.error, option: e.option });
    } else {
      out.push({ ...e });
    }
  }
  return out;
}

/** Feeds `chunks` to a fresh parser and returns the normalised events. */
export function parseChunks(chunks: Uint8Array[], options?: TelnetParserOptions): Plain[] {
  const parser = new TelnetParser(options);
  const events: TelnetEvent[] = [];
  for (const c of chunks) {
    // Copy each event's data at once: data may be a view into the chunk.
    for (const e of parser.feed(c)) events.push(e.type === 'data' ? { type: 'data', data: Buffer.from(e.data) } : e);
  }
  return normalise(events);
}

/** Every way to cut `bytes` in two, plus one byte at a time. */
export function splits(bytes: number[]): Uint8Array[][] {
  const whole = Uint8Array.from(bytes);
  const out: Uint8Array[][] = [];
  for (let i = 1; i < whole.length; i++) out.push([whole.subarray(0, i), whole.subarray(i)]);
  out.push([...whole].map((b) => Uint8Array.of(b)));
  return out;
}

export const bytesOf = (text: string): number[] => [...Buffer.from(text, 'utf8')];
