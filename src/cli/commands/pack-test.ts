import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { PackTestEvent } from '../../engine/testing/run-report';
import { discoverPacks, isPackDir, PackError, resolvePackDir } from '../../engine/host';
import { NOT_A_PACK } from '../../engine/packs/discover';
import { UsageFailure, type FlagSpecs, type ParsedFlags } from '../args';
import type { CliCommand } from '../command';
import { EXIT } from '../exit-codes';
import { runKitChecks, type CheckOutcome } from '../pack-test/kit-checks';
import { findTestFiles, runOwnTests } from '../pack-test/own-tests';
import { COMMON_FLAGS, settingsFromFlags } from '../settings-flags';

const flags: FlagSpecs = {
  'packs-dir': { ...COMMON_FLAGS['packs-dir'], help: 'Folder holding the packs: PACK names and dependencies are looked up there (default ./packs, or MAID_PACKS_DIR)' },
  'kit-only': { type: 'boolean', help: "Run only the test kit's protocol and lifecycle checks, not the pack's own tests" },
  json: { type: 'boolean', help: 'Print one JSON object a line (the checks, each test as it finishes, a summary) instead of the report; for tools such as the studio' },
};

const out = (line: string) => process.stdout.write(line + '\n');
const emit = (event: PackTestEvent) => out(JSON.stringify(event));

function printCheck(check: CheckOutcome): void {
  const mark = check.skipped ? '-' : check.ok ? '✓' : '✗';
  out(`  ${mark} ${check.title}`);
  for (const problem of check.problems) out(`      ${problem.split('\n').join('\n      ')}`);
}

/** Tests one pack folder as --json says: events, one a line; true when everything passed. */
async function testPackJson(dir: string, packsDir: string, kitOnly: boolean): Promise<boolean> {
  const files = kitOnly ? [] : findTestFiles(dir);
  const kit = await runKitChecks(dir, packsDir);
  emit({ type: 'start', pack: kit.name ?? basename(dir), dir, files: files.length });
  for (const check of kit.checks) emit({ type: 'check', title: check.title, ok: check.ok, problems: check.problems, ...(check.skipped ? { skipped: true } : {}) });
  let outcome = { passed: 0, failed: 0, skipped: 0, errors: 0, files: 0 };
  if (files.length > 0) outcome = await runOwnTests(dir, packsDir, emit);
  const ok = kit.checks.every((c) => c.ok) && outcome.failed === 0 && outcome.errors === 0;
  emit({ type: 'done', ok, passed: outcome.passed, failed: outcome.failed, skipped: outcome.skipped });
  return ok;
}

/** Tests one pack folder; true when everything passed. */
async function testPack(dir: string, packsDir: string, kitOnly: boolean): Promise<boolean> {
  const kit = await runKitChecks(dir, packsDir);
  const label = kit.name ? `pack '${kit.name}' v${kit.version}` : 'the pack';
  const own: CheckOutcome = { title: 'own tests', ok: true, problems: [] };
  const files = findTestFiles(dir);
  if (!kitOnly && files.length > 0) {
    out(`Running the own tests of ${label}:`);
    const outcome = await runOwnTests(dir, packsDir);
    own.ok = outcome.failed === 0 && outcome.errors === 0 && outcome.files > 0;
    own.title = `own tests: ${outcome.passed} passed, ${outcome.failed} failed${outcome.skipped ? `, ${outcome.skipped} skipped` : ''} in ${outcome.files} file(s)`;
    if (outcome.errors > 0) own.problems.push(`${outcome.errors} error(s) outside the tests (see above)`);
  } else {
    own.skipped = true;
    own.title = kitOnly ? 'own tests: not run (--kit-only)' : 'own tests: none (add tests/*.test.ts)';
  }
  out(`${label[0]?.toUpperCase()}${label.slice(1)} at ${dir}`);
  for (const check of [...kit.checks, own]) printCheck(check);
  return kit.checks.every((c) => c.ok) && own.ok;
}

/** PACK given: that one. None: the pack in the current folder, or else every pack in the packs folder. */
function packsToTest(pack: string | undefined, packsDir: string): string[] {
  if (pack !== undefined) {
    try {
      return [resolvePackDir(pack, packsDir)];
    } catch (err) {
      if (err instanceof PackError) throw new UsageFailure(`${err.message}${/not a pack folder/.test(err.message) ? ` (a pack's entry module; 'maid pack new NAME' makes a pack)` : ''}`);
      throw err;
    }
  }
  if (isPackDir(process.cwd())) return [process.cwd()];
  const all = discoverPacks(packsDir).map((p) => p.dir);
  if (all.length === 0) {
    throw new UsageFailure(
      `The current folder (${process.cwd()}) is not a pack folder: ${NOT_A_PACK}, and there are no packs in ${packsDir}${existsSync(packsDir) ? '' : ' (no such folder)'}; give PACK, or run it in a pack folder`,
    );
  }
  return all;
}

/**
 * Where a pack's dependencies are looked up: --packs-dir (or MAID_PACKS_DIR)
 * when given, else the folder the pack lives in, so `maid pack test` run
 * inside `packs/combat` finds `packs/starter-world`.
 */
function packsDirFor(dir: string, parsed: ParsedFlags, fallback: string): string {
  if (parsed['packs-dir'] !== undefined || process.env.MAID_PACKS_DIR !== undefined) return fallback;
  return dirname(dir);
}

async function packTest(parsed: ParsedFlags, [pack]: string[]): Promise<number> {
  const settings = settingsFromFlags(parsed);
  const dirs = packsToTest(pack, settings.packsDir);
  let failed = 0;
  const run = parsed.json ? testPackJson : testPack;
  for (const dir of dirs) if (!(await run(dir, packsDirFor(dir, parsed, settings.packsDir), Boolean(parsed['kit-only'])))) failed++;
  if (dirs.length > 1 && !parsed.json) out(`${dirs.length - failed} of ${dirs.length} packs passed`);
  return failed === 0 ? EXIT.ok : EXIT.failure;
}

export const packTestCommand: CliCommand = {
  words: ['pack', 'test'],
  summary: "Check a pack with the pack test kit and run its own tests",
  description: [
    "Runs the test kit's protocol-compliance and lifecycle checks on the pack folder (read through",
    "the engine's module loader, as the server reads it), then the pack's own tests",
    `(${join('tests', '**', '*.test.ts')}) with vitest. Exits 1 when anything fails.`,
  ].join('\n'),
  args: [{ name: 'PACK', required: false, help: 'a pack name in the packs folder or a path to a pack folder (default: the pack in the current folder, else every pack)' }],
  flags,
  examples: ['maid pack test my-pack', 'maid pack test ./packs/my-pack', 'maid pack test', 'maid pack test combat --json'],
  run: (parsed, args) => packTest(parsed, args),
};
