// The layering of the repository as an ESLint rule: which folder may import
// which. Dependencies point one way: renderer -> shared <- main -> engine,
// cli -> gateway -> link <- engine-host -> engine, packs -> the engine's pack
// API. The engine imports nothing of the gateway, the engine host, the
// studio or the CLI; the gateway and the engine host know each other only
// through the link's frames.
// README.md ("Where things are") states the same table in prose.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The layers, most specific folder first. `may` lists what a layer's files
 * import: other layers by name, or kinds of bare specifier (`package`: npm
 * packages and Node builtins, `electron`, `pack-api` = `@maid/engine`,
 * `test-kit` = `@maid/engine/testing`, `host-api` = `@maid/engine/host`,
 * `other-pack` = `@packs/<name>`), `own-pack` for a pack's own folder.
 * `testsMay` adds to it for test files.
 */
const LAYERS = [
  {
    name: 'src/engine',
    may: ['src/engine', 'package'],
    testsMay: ['test'],
    why: 'the engine never imports from the gateway, the studio (main, preload, renderer, shared) or the CLI, and has no Electron',
  },
  { name: 'src/link', may: ['src/link', 'package'], testsMay: ['test'], why: 'the link is the protocol between the gateway and the engine host: frames and their checks, depending on neither side' },
  {
    name: 'src/gateway',
    may: ['src/gateway', 'src/link', 'src/engine', 'package'],
    why: 'the gateway holds connections and supervises the engine process; it reaches the engine host only through src/link, and knows nothing of the studio or the CLI',
  },
  {
    name: 'src/engine-host',
    may: ['src/engine-host', 'src/link', 'src/engine', 'package'],
    testsMay: ['test'],
    why: 'the engine host runs the engine in its own process and talks to the gateway only through src/link',
  },
  {
    name: 'src/main',
    may: ['src/main', 'src/shared', 'src/gateway', 'src/link', 'src/engine', 'host-api', 'package', 'electron', 'bin'],
    testsMay: ['test-kit', 'test'],
    why: 'the studio host talks to the renderer only through src/shared (the IPC contract) and never depends on the CLI',
  },
  {
    name: 'src/cli',
    may: ['src/cli', 'src/gateway', 'src/engine-host', 'src/engine', 'src/main/launch', 'host-api', 'package', 'bin'],
    testsMay: ['test-kit', 'test'],
    why: 'the CLI runs the game through the gateway (its in-process tools load packs as the engine host does) and starts the studio only through src/main/launch',
  },
  { name: 'src/preload', may: ['src/preload', 'src/shared', 'electron', 'package'], why: 'the preload script exposes the typed API of src/shared and nothing more' },
  { name: 'src/renderer', may: ['src/renderer', 'src/shared', 'package'], why: 'the renderer knows the studio only through src/shared (the IPC contract)' },
  { name: 'src/shared', may: ['src/shared', 'package'], why: 'src/shared is the contract between main and renderer and depends on neither' },
  {
    name: 'packs',
    may: ['own-pack', 'pack-api', 'test-kit', 'other-pack', 'package'],
    why: "a pack imports '@maid/engine' (the pack API), '@maid/engine/testing', other packs as '@packs/<name>' and its own files; never the engine's sources or the host API",
  },
];

/** Top-level folders that are not layers: importing them from a layer is refused unless listed in its `may`. */
function topFolder(relative) {
  return relative.split('/')[0] ?? relative;
}

function toPosix(file) {
  return file.split(path.sep).join('/');
}

function layerOfFile(relative) {
  return LAYERS.find((layer) => relative === layer.name || relative.startsWith(`${layer.name}/`));
}

/** `packs/combat/src/x.ts` → `packs/combat`. */
function packFolderOf(relative) {
  const [top, name] = relative.split('/');
  return top === 'packs' && name ? `packs/${name}` : undefined;
}

/** What an import names: a layer or folder of the repository, or a kind of bare specifier. */
function targetOf(specifier, importerFile) {
  if (specifier.startsWith('.') || path.isAbsolute(specifier)) {
    const absolute = path.resolve(path.dirname(importerFile), specifier);
    const relative = toPosix(path.relative(ROOT, absolute));
    if (relative.startsWith('..')) return { kind: 'outside', label: 'outside the repository' };
    if (relative === 'src/main/launch' || relative.startsWith('src/main/launch/')) return { kind: 'src/main/launch', label: 'src/main/launch', relative };
    const layer = layerOfFile(relative);
    const kind = layer ? layer.name : topFolder(relative);
    return { kind, label: kind, relative };
  }
  if (specifier === '@maid/engine') return { kind: 'pack-api', label: "'@maid/engine' (the pack API)" };
  if (specifier === '@maid/engine/testing') return { kind: 'test-kit', label: "'@maid/engine/testing' (the pack test kit)" };
  if (specifier === '@maid/engine/host') return { kind: 'host-api', label: "'@maid/engine/host' (the host API)" };
  if (specifier.startsWith('@maid/engine/')) return { kind: 'engine-internals', label: `'${specifier}' (not an entry of the engine)` };
  if (specifier.startsWith('@packs/')) return { kind: 'other-pack', label: `'${specifier}' (a pack)` };
  if (specifier === 'electron' || specifier.startsWith('electron/')) return { kind: 'electron', label: 'electron' };
  return { kind: 'package', label: `'${specifier}'` };
}

function isTestFile(relative) {
  return /\.test\.[cm]?[jt]sx?$/.test(relative) || relative.split('/').includes('__tests__');
}

function allowed(layer, importerRelative, target) {
  if (layer.name === 'packs') {
    if (target.relative !== undefined) {
      const own = packFolderOf(importerRelative);
      return own !== undefined && (target.relative === own || target.relative.startsWith(`${own}/`));
    }
    return layer.may.includes(target.kind);
  }
  // A layer's own subfolders are the layer (src/main/launch is in src/main).
  if (target.kind === 'src/main/launch' && layer.may.includes('src/main')) return true;
  if (layer.may.includes(target.kind)) return true;
  return isTestFile(importerRelative) && (layer.testsMay ?? []).includes(target.kind);
}

/** The string a node imports from, for every form of import and re-export. */
function sourceOf(node) {
  switch (node.type) {
    case 'ImportDeclaration':
    case 'ExportAllDeclaration':
    case 'ExportNamedDeclaration':
    case 'ImportExpression':
      return node.source && node.source.type === 'Literal' && typeof node.source.value === 'string' ? node.source : undefined;
    case 'TSImportEqualsDeclaration': {
      const expression = node.moduleReference?.type === 'TSExternalModuleReference' ? node.moduleReference.expression : undefined;
      return expression?.type === 'Literal' && typeof expression.value === 'string' ? expression : undefined;
    }
    case 'TSImportType': {
      const literal = node.argument?.type === 'TSLiteralType' ? node.argument.literal : undefined;
      return literal?.type === 'Literal' && typeof literal.value === 'string' ? literal : undefined;
    }
    default:
      return undefined;
  }
}

const layering = {
  meta: {
    type: 'problem',
    docs: { description: 'Keeps the dependency arrows between the folders of the repository (README.md, "Where things are")' },
    schema: [],
    messages: {
      crossing: '{{importer}} may not import {{target}}: {{why}}.',
    },
  },
  create(context) {
    const file = context.filename;
    const importerRelative = toPosix(path.relative(ROOT, file));
    const layer = layerOfFile(importerRelative);
    if (!layer) return {};
    const check = (node) => {
      const source = sourceOf(node);
      if (!source) return;
      const target = targetOf(source.value, file);
      if (allowed(layer, importerRelative, target)) return;
      const importer = layer.name === 'packs' ? (packFolderOf(importerRelative) ?? 'packs') : layer.name;
      const label = layer.name === 'packs' && target.relative !== undefined ? `${target.relative} (outside the pack's folder)` : target.label;
      context.report({ node: source, messageId: 'crossing', data: { importer, target: label, why: layer.why } });
    };
    return {
      ImportDeclaration: check,
      ExportAllDeclaration: check,
      ExportNamedDeclaration: check,
      ImportExpression: check,
      TSImportEqualsDeclaration: check,
      TSImportType: check,
    };
  },
};

export default { rules: { layering } };
