#!/usr/bin/env node
// `npm run studio`: starts the studio from the bundle of its host (see
// web-host-bundle.mjs); `--build-only` just brings the bundle up to date.
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { requireSupportedNode } from '../../../bin/node-version.mjs';
import { ensureWebHostBundle } from './web-host-bundle.mjs';

requireSupportedNode();
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const buildOnly = process.argv.includes('--build-only');
const bundle = await ensureWebHostBundle(root, { force: buildOnly });
if (!buildOnly) await import(pathToFileURL(bundle).href);
