/**
 * `npm run bench -- telnet-input`: what a kilobyte of input costs a telnet
 * connection, for what players type and for what the hostile bench floods
 * with. One op is one 1 KiB slice (what a connection handles per turn of
 * the event loop) through a connection's input path: the parser, the
 * negotiation budget, the line assembler and the events, with the shipped
 * limits (50 negotiations a second, 4096-character lines, 32 KiB without a
 * line end). The socket is an in-memory stream that takes every write, so
 * this is the JavaScript's cost, not the kernel's; the figure to read is
 * µs per op, that is per KiB.
 */
import { Duplex } from 'node:stream';
import { compare, consume } from '../lib/measure';
import type { Suite, SuiteContext, SuiteReport } from '../lib/suite';
import { DO, IAC } from '../../src/engine/server/telnet/constants';
import { TelnetConnection } from '../../src/engine/server/telnet/connection';

const SLICE = 1024;
/** Distinct slices an op cycles through (64 KiB: one socket read's worth). */
const SLICES = 64;

function stream(): Duplex {
  return new Duplex({
    read() {},
    write(_chunk, _encoding, done) {
      done();
    },
  });
}

function inputCase(name: string, pattern: Buffer) {
  const conn = new TelnetConnection(stream(), { maxNegotiationsPerSecond: 50, maxLineLength: 4096, maxBufferedBytes: 32 * 1024, offers: { mccp2: false } });
  let lines = 0;
  conn.on('line', () => lines++);
  conn.on('limit', () => {});
  // The input path a connection's pump feeds, slice by slice (a private member: this bench measures it alone, without the event loop).
  const inbound = (conn as unknown as { inbound: { receive(chunk: Buffer): void } }).inbound;
  const whole = Buffer.alloc(SLICE * SLICES);
  for (let at = 0; at < whole.length; at += pattern.length) pattern.copy(whole, at);
  const slices = Array.from({ length: SLICES }, (_, i) => whole.subarray(i * SLICE, (i + 1) * SLICE));
  let next = 0;
  return {
    name,
    op: () => {
      inbound.receive(slices[next]!);
      next = (next + 1) % SLICES;
      consume(lines);
      return lines;
    },
  };
}

function run(ctx: SuiteContext): SuiteReport {
  const cases = [
    inputCase('typed lines ("look" CR LF)', Buffer.from('look\r\n')),
    inputCase('0xFF bytes (IAC IAC: escaped 255s)', Buffer.from([IAC])),
    inputCase('IAC DO x (past the negotiation budget)', Buffer.concat(Array.from({ length: 100 }, (_, i) => Buffer.from([IAC, DO, 100 + i])))),
  ];
  const results = compare(cases, ctx.options);
  return {
    tables: [
      {
        title: 'One 1 KiB slice of input through a telnet connection',
        columns: ['input', 'µs per KiB (median round)', 'MB/s of one core', 'spread'],
        rows: results.map((r) => [r.name, r.medianOpUs.toFixed(2), ((SLICE * r.opsPerSec.median) / 1e6).toFixed(0), `${(r.opsPerSec.spread * 100).toFixed(0)}%`]),
      },
    ],
    notes: ['The hostile bench\'s 40 flooders are held to 64 KiB/s each: 2.5 MB/s in all.'],
    data: { results },
  };
}

const suite: Suite = {
  name: 'telnet-input',
  description: 'what a KiB of typed, 0xFF and IAC DO x input costs a telnet connection',
  run,
};
export default suite;
