import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getSettings, SettingsError } from '../host';

describe('getSettings', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'maid-settings-'));

  it('has defaults a fresh machine can run with', () => {
    const s = getSettings({ env: {}, cwd });
    expect(s).toMatchObject({ logLevel: 'INFO', port: 4000, host: '127.0.0.1', tickRate: 10, watchDebounce: 0.5, debug: false });
    expect(s.dataDir).toBe(join(cwd, '.maid'));
  });

  it('reads MAID_* variables, and debug turns on DEBUG logging', () => {
    const s = getSettings({ env: { MAID_PORT: '4100', MAID_TICK_RATE: '20', MAID_DEBUG: 'true', MAID_DATA_DIR: '/tmp/x' }, cwd });
    expect(s).toMatchObject({ port: 4100, tickRate: 20, debug: true, logLevel: 'DEBUG', dataDir: '/tmp/x' });
    expect(getSettings({ env: { MAID_LOG_LEVEL: 'debug' }, cwd }).logLevel).toBe('DEBUG');
  });

  it('names the variable and the accepted values when one is bad', () => {
    expect(() => getSettings({ env: { MAID_LOG_LEVEL: 'LOUD' }, cwd })).toThrow(
      'Invalid value "LOUD" for MAID_LOG_LEVEL: accepted values are DEBUG, INFO, WARNING, ERROR',
    );
    expect(() => getSettings({ env: { MAID_PORT: '70000' }, cwd })).toThrow('Invalid value "70000" for MAID_PORT: accepted values are an integer from 0 to 65535');
    expect(() => getSettings({ env: { MAID_TICK_RATE: 'fast' }, cwd })).toThrow(SettingsError);
    expect(() => getSettings({ env: { MAID_GC_THREADS: 'two' }, cwd })).toThrow('Invalid value "two" for MAID_GC_THREADS: accepted values are auto, one, parallel');
    expect(getSettings({ env: { MAID_GC_THREADS: ' One ' }, cwd }).gcThreads).toBe('one');
    expect(getSettings({ env: { MAID_LOG_LEVEL: 'warn', MAID_LOG_TIMESTAMPS: 'yes' }, cwd })).toMatchObject({ logLevel: 'WARNING', logTimestamps: 'on' });
    try {
      getSettings({ env: { MAID_DEBUG: 'maybe' }, cwd });
    } catch (err) {
      expect((err as SettingsError).variable).toBe('MAID_DEBUG');
    }
  });

  it('layers config file < environment < overrides, and rejects unknown keys in the file', () => {
    const file = join(cwd, 'maid.config.json');
    writeFileSync(file, JSON.stringify({ port: 4200, tickRate: 5 }));
    const s = getSettings({ env: { MAID_TICK_RATE: '8' }, cwd, overrides: { host: '0.0.0.0' } });
    expect(s).toMatchObject({ port: 4200, tickRate: 8, host: '0.0.0.0' });
    writeFileSync(file, JSON.stringify({ prot: 1 }));
    expect(() => getSettings({ env: {}, cwd })).toThrow(/Unknown setting "prot"/);
    writeFileSync(file, '{ nope');
    expect(() => getSettings({ env: {}, cwd })).toThrow(/Cannot read config file/);
  });
});
