// Builds what the e2e tests need, once: the studio (when its sources are
// newer than out/) and the engine's declarations for the editor (cached).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { findElectronBinary, NO_ELECTRON_REASON } from '../../src/main/launch/electron-binary';
import { ensureBuilt } from '../../src/main/launch/studio-build';
import { repoRoot } from './paths';

export default async function globalSetup(): Promise<void> {
  const root = repoRoot;
  const chromium = process.env.MAID_CHROMIUM ?? '/usr/bin/chromium';
  if (!existsSync(chromium)) {
    throw new Error(`The studio's e2e tests run in Debian's Chromium, not found at ${chromium}: apt-get install -y chromium (or set MAID_CHROMIUM)`);
  }
  const electron = findElectronBinary(root);
  if (!electron) process.stderr.write(`The Electron project's tests are skipped: ${NO_ELECTRON_REASON}\n`);
  await ensureBuilt(root, electron ? 'electron' : 'renderer', (line) => process.stderr.write(`${line}\n`));
  execFileSync(process.execPath, [join(root, 'src', 'main', 'launch', 'studio.mjs'), '--build-only'], { cwd: root, stdio: 'inherit' });
  execFileSync(process.execPath, ['--import', 'tsx', join(root, 'src', 'main', 'types', 'warm-cache.ts')], { cwd: root, stdio: 'inherit' });
}
