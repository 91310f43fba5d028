// Preloaded (--import) into a process under test: records every native addon
// it loads (each goes through process.dlopen), and at exit writes those and
// the process's loaded shared objects to the file named by
// MAID_NATIVE_REPORT, for test/runtime/no-native-modules.test.ts.
import { writeFileSync } from 'node:fs';

const report = process.env.MAID_NATIVE_REPORT;
const dlopened = [];
const dlopen = process.dlopen;
process.dlopen = function recorded(module, filename, ...rest) {
  dlopened.push(String(filename));
  return dlopen.call(this, module, filename, ...rest);
};
process.on('exit', () => {
  if (!report) return;
  const sharedObjects = process.report.getReport().sharedObjects ?? [];
  writeFileSync(report, JSON.stringify({ pid: process.pid, node: process.version, dlopened, sharedObjects }));
});
