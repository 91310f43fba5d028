#!/usr/bin/env node
// The `maid` command: runs the TypeScript sources through tsx's loader.
import { register } from 'tsx/esm/api';
import { requireSupportedNode } from './node-version.mjs';

requireSupportedNode();
register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
