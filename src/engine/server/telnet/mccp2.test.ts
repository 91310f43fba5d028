import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { IAC, Opt, SB, SE } from './constants';
import { Mccp2Compressor, mccp2Start } from './mccp2';

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 20));
const inflatePartial = (bytes: Buffer): string => zlib.inflateSync(bytes, { finishFlush: zlib.constants.Z_SYNC_FLUSH }).toString('utf8');

describe('MCCP2', () => {
  it('the start marker is IAC SB MCCP2 IAC SE', () => {
    expect([...mccp2Start()]).toEqual([IAC, SB, Opt.MCCP2, IAC, SE]);
  });

  it('each batch is sync-flushed, so what was written so far inflates at once', async () => {
    const out: Buffer[] = [];
    const c = new Mccp2Compressor((b) => out.push(b));
    c.write(Buffer.from('Welcome to '));
    c.write(Buffer.from('MAID.\r\n'));
    await settle();
    expect(inflatePartial(Buffer.concat(out))).toBe('Welcome to MAID.\r\n');
    const tail = Buffer.concat(out).subarray(-4);
    expect([...tail]).toEqual([0, 0, 0xff, 0xff]);
    c.write(Buffer.from('More.'));
    await settle();
    expect(inflatePartial(Buffer.concat(out))).toBe('Welcome to MAID.\r\nMore.');
  });

  it('end() finishes a complete zlib stream and ignores later writes', async () => {
    const out: Buffer[] = [];
    const c = new Mccp2Compressor((b) => out.push(b));
    c.write(Buffer.from('bye'));
    await c.end();
    c.write(Buffer.from('ignored'));
    expect(c.closed).toBe(true);
    expect(zlib.inflateSync(Buffer.concat(out)).toString()).toBe('bye');
  });

  it('compresses repetitive game text well', async () => {
    const out: Buffer[] = [];
    const c = new Mccp2Compressor((b) => out.push(b));
    const text = 'A goblin attacks you! You parry.\r\n'.repeat(200);
    c.write(Buffer.from(text));
    await c.end();
    const compressed = Buffer.concat(out);
    expect(compressed.length).toBeLessThan(text.length / 10);
    expect(zlib.inflateSync(compressed).toString()).toBe(text);
  });
});
