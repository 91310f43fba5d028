import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MaidError } from '../../engine/host';
import { checkPackName, commandWord, packClassName, pascalName } from './names';
import { packFiles } from './templates';

/** The repository the `maid` command runs from: the scaffold's tsconfig points the editor at its engine. */
const ENGINE_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

const posix = (path: string) => path.split(sep).join('/') || '.';

/** How the pack's tsconfig names a folder: relative inside the engine's repository (it moves with it), absolute outside. */
function pathFrom(packDir: string, target: string): string {
  const rel = relative(packDir, target);
  const insideRepo = !relative(ENGINE_ROOT, packDir).startsWith('..');
  return insideRepo ? posix(rel) : posix(target.replace(/[\\/]$/, ''));
}

export interface CreatedPack {
  name: string;
  dir: string;
  files: string[];
  /** The example command players type, and the example component. */
  command: string;
  componentName: string;
}

/** Names the scaffold must not use: words and components other packs already register. */
export interface ScaffoldNames {
  command?: string;
  componentName?: string;
}

/**
 * Creates a pack folder `<packsDir>/<name>`. Refuses (changing nothing)
 * when that folder exists and is not empty. The files are written to a
 * temporary folder beside it and renamed into place in one step, so a
 * failure half-way leaves no half-made pack behind.
 */
export function createPack(name: string, packsDir: string, names: ScaffoldNames = {}): CreatedPack {
  checkPackName(name);
  const dir = resolve(packsDir, name);
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    throw new MaidError(`${dir} already exists and is not empty; nothing was written. Choose another name, or remove that folder first`);
  }
  const command = names.command ?? commandWord(name);
  const componentName = names.componentName ?? `${pascalName(name)}Visits`;
  const files = packFiles({
    name,
    className: packClassName(name),
    componentName,
    command,
    engineRoot: pathFrom(dir, ENGINE_ROOT),
  });
  mkdirSync(dirname(dir), { recursive: true });
  const temp = join(dirname(dir), `.${name}.maid-tmp-${randomBytes(4).toString('hex')}`);
  try {
    for (const [rel, content] of Object.entries(files)) {
      const file = join(temp, rel);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, content, { flag: 'wx' });
    }
    if (existsSync(dir)) rmdirSync(dir); // empty (checked above); rename needs it gone
    renameSync(temp, dir);
  } catch (err) {
    rmSync(temp, { recursive: true, force: true });
    throw new MaidError(`Cannot create the pack in ${dir}: ${(err as Error).message}`, { cause: err });
  }
  return { name, dir, files: Object.keys(files), command, componentName };
}
