import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ModuleLoadError, PackModuleLoader, type ModuleLoadErrorKind, type PackGeneration } from './index';
import { createTestPack, type TestPack } from './test-pack';

// Type-only lines ahead of the interesting line, so JS and TS line numbers differ.
const PREAMBLE = `import type { Unit } from '../types';
interface Blow {
  readonly amount: number;
  readonly kind: 'cut' | 'bash';
}
type Roll = (sides: number) => number;
`;

const FILES: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'combat', version: '1.0.0', type: 'module' }),
  'src/types.ts': `export interface Unit { hp: number }\n`,
  'src/pack.ts': `import { strike } from './systems/combat';
export default class CombatPack {
  strike = strike;
}
`,
  'src/systems/combat.ts': `${PREAMBLE}import { roll } from './dice';
export function strike(target: Unit): number {
  const blow: Blow = { amount: roll(6), kind: 'cut' };
  if (target.hp < 0) throw new RangeError('already dead');
  return blow.amount;
}
`,
  'src/systems/dice.ts': `export const roll = (sides: number): number => sides;\n`,
};

let pack: TestPack;
let loader: PackModuleLoader;
let OldPack: unknown;
let first: PackGeneration | undefined;

beforeEach(() => {
  pack = createTestPack(FILES);
  loader = new PackModuleLoader({ packDir: pack.dir });
  OldPack = loader.loadEntry();
  first = loader.current;
});
afterEach(() => pack.cleanup());

function prepareFailure(changed: string[]): ModuleLoadError {
  try {
    const gen = loader.prepare(changed.map((f) => pack.file(f)));
    loader.discard(gen);
  } catch (err) {
    expect(err).toBeInstanceOf(ModuleLoadError);
    return err as ModuleLoadError;
  }
  throw new Error('prepare did not fail');
}

function expectCurrentServing(): void {
  expect(loader.current).toBe(first);
  expect(loader.current?.state).toBe('current');
  expect(loader.current?.entry).toBe(OldPack);
  const instance = new (OldPack as new () => { strike(t: { hp: number }): number })();
  expect(instance.strike({ hp: 3 })).toBe(6);
}

function expectError(err: ModuleLoadError, kind: ModuleLoadErrorKind, rel: string, at: { line: number; column: number }): void {
  expect({ kind: err.kind, file: err.file, line: err.line, column: err.column }).toEqual({ kind, file: pack.file(rel), ...at });
  expect(err.relativeFile).toBe(rel);
  expect(err.message.endsWith(` at ${rel}:${at.line}:${at.column}`)).toBe(true);
}

describe('ModuleLoadError: every failure leaves the current generation serving', () => {
  it('syntax error, at the original TypeScript position', () => {
    pack.write('src/systems/combat.ts', `${PREAMBLE}export const hits: number = 1 x;\n`);
    const err = prepareFailure(['src/systems/combat.ts']);
    expectError(err, 'syntax', 'src/systems/combat.ts', { line: 7, column: 31 });
    expect(err.toString()).toBe('SyntaxError: Expected ";" but found "x" at src/systems/combat.ts:7:31');
    expect(err.lineText).toBe('export const hits: number = 1 x;');
    expectCurrentServing();
  });

  it('syntax error columns count characters, not UTF-8 bytes', () => {
    pack.write('src/systems/combat.ts', `${PREAMBLE}export const épée: string = "é" x;\n`);
    const err = prepareFailure(['src/systems/combat.ts']);
    expectError(err, 'syntax', 'src/systems/combat.ts', pack.position('src/systems/combat.ts', 'x;'));
  });

  it('a throw while the module evaluates, mapped through the source map', () => {
    pack.write('src/systems/combat.ts', `${PREAMBLE}export const hits: number = 1;\nconst blows: Blow[] = [];\nif (blows.length === 0) throw new TypeError('no blows');\n`);
    const err = prepareFailure(['src/systems/combat.ts']);
    expectError(err, 'evaluate', 'src/systems/combat.ts', pack.position('src/systems/combat.ts', 'new TypeError'));
    expect(err.name).toBe('TypeError');
    expect(err.toString()).toBe(`TypeError: no blows at src/systems/combat.ts:9:31`);
    expect(err.cause).toBeInstanceOf(TypeError);
    expect(err.stack).toContain(`${pack.file('src/systems/combat.ts')}:9:31`);
    expectCurrentServing();
  });

  it('an import that does not resolve names the importing file, line and specifier', () => {
    pack.write('src/systems/combat.ts', `${PREAMBLE}import { roll } from './dice';\nimport { parry } from './parry';\nexport const strike = () => roll(6) + parry;\n`);
    const err = prepareFailure(['src/systems/combat.ts']);
    expectError(err, 'resolve', 'src/systems/combat.ts', { line: 8, column: 23 });
    expect(err.specifier).toBe('./parry');
    expect(err.toString()).toBe(`ResolveError: Cannot resolve './parry' at src/systems/combat.ts:8:23`);
    expectCurrentServing();
  });

  it('an import that leaves the pack folder', () => {
    pack.write('src/systems/combat.ts', `${PREAMBLE}import secret from '../../../outside';\nexport const strike = secret;\n`);
    const err = prepareFailure(['src/systems/combat.ts']);
    expectError(err, 'resolve', 'src/systems/combat.ts', { line: 7, column: 20 });
    expect(err.detail).toMatch(/leaves the pack's folder/);
    expectCurrentServing();
  });

  it('a package that is not installed', () => {
    pack.write('src/systems/combat.ts', `${PREAMBLE}import lodash from 'no-such-package-here';\nexport const strike = lodash;\n`);
    const err = prepareFailure(['src/systems/combat.ts']);
    expectError(err, 'resolve', 'src/systems/combat.ts', { line: 7, column: 20 });
    expectCurrentServing();
  });

  it('a deleted module is reported at the import that needs it', () => {
    pack.remove('src/systems/dice.ts');
    const err = prepareFailure(['src/systems/dice.ts']);
    expectError(err, 'missing-file', 'src/systems/combat.ts', pack.position('src/systems/combat.ts', `'./dice'`));
    expect(err.target).toBe(pack.file('src/systems/dice.ts'));
    expect(err.detail).toBe(`Cannot find module './dice': src/systems/dice.ts was deleted`);
    expectCurrentServing();
  });

  it('a deleted entry module', () => {
    pack.remove('src/pack.ts');
    const err = prepareFailure(['src/pack.ts']);
    expectError(err, 'missing-file', 'src/pack.ts', { line: 1, column: 1 });
    expectCurrentServing();
  });

  it('a module truncated to zero bytes', () => {
    fs.truncateSync(pack.file('src/systems/dice.ts'), 0);
    const err = prepareFailure(['src/systems/dice.ts']);
    expectError(err, 'empty-file', 'src/systems/dice.ts', { line: 1, column: 1 });
    expect(err.toString()).toBe('EmptyFileError: File is empty (0 bytes) at src/systems/dice.ts:1:1');
    expectCurrentServing();
  });

  it('a JSON module with a syntax error', () => {
    pack.write('src/data.json', `{\n  "a": 1,\n  "b" 2\n}\n`);
    pack.write('src/pack.ts', `import data from './data.json';\nexport default data;\n`);
    const err = prepareFailure(['src/pack.ts']);
    expectError(err, 'syntax', 'src/data.json', { line: 3, column: 7 });
    expectCurrentServing();
  });

  it('recovers once the file is fixed', () => {
    fs.truncateSync(pack.file('src/systems/dice.ts'), 0);
    prepareFailure(['src/systems/dice.ts']);
    pack.write('src/systems/dice.ts', `export const roll = (sides: number): number => sides * 2;\n`);
    const next = loader.prepare([pack.file('src/systems/dice.ts')]);
    loader.commit(next);
    const instance = new (next.entry as new () => { strike(t: { hp: number }): number })();
    expect(instance.strike({ hp: 1 })).toBe(12);
  });
});

describe('errors thrown later by pack code', () => {
  function runtimeError(): unknown {
    const instance = new (OldPack as new () => { strike(t: { hp: number }): number })();
    try {
      instance.strike({ hp: -1 });
    } catch (err) {
      return err;
    }
    throw new Error('strike did not throw');
  }

  it('locate() maps the innermost pack frame to the original file:line:column', () => {
    const err = runtimeError();
    expect(err).toBeInstanceOf(RangeError); // host identity: no separate realm
    const at = pack.position('src/systems/combat.ts', 'new RangeError');
    expect(loader.locate(err)).toEqual({ file: pack.file('src/systems/combat.ts'), ...at });
    expect(loader.describeError(err)).toBe(`RangeError: already dead at src/systems/combat.ts:${at.line}:${at.column}`);
    expect(loader.mapStack(err)).toContain(`${pack.file('src/systems/combat.ts')}:${at.line}:${at.column}`);
  });

  it('describeError() leaves errors from elsewhere alone', () => {
    expect(loader.describeError(new Error('not ours'))).toBeUndefined();
    expect(loader.describeError('a string')).toBeUndefined();
  });

  it('maps errors of a prepared generation before it is committed', () => {
    pack.write('src/systems/dice.ts', `// moved down\n\nexport const roll = (sides: number): number => {\n  throw new Error('dice lost ' + sides);\n};\n`);
    const next = loader.prepare(['src/systems/dice.ts']);
    let err: unknown;
    try {
      new (next.entry as new () => { strike(t: { hp: number }): number })().strike({ hp: 1 });
    } catch (e) {
      err = e;
    }
    expect(loader.locate(err, next)).toEqual({ file: pack.file('src/systems/dice.ts'), line: 4, column: 9 });
    loader.discard(next);
  });
});
