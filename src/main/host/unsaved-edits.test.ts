// The studio tells the game which files have unsaved edits in its editor
// (setUnsavedFiles, through the engine process's request path), and a
// builder's command on such a file is refused with the reason; the list
// outlives an engine restart; once saved (the list empty), building works.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TelnetTestClient } from '../../../test/server/kit/telnet-client';
import type { StudioService } from '../api/studio-service';
import { startHostOnCopy, type HostUnderTest } from './studio-host.test-kit';

const AREA = 'areas/riverbank.yaml';

let work: string;
let api: StudioService;
let kit: HostUnderTest;

beforeAll(async () => {
  ({ work, api } = kit = await startHostOnCopy({ name: 'studio-unsaved', extraPacks: { riverbank: 'docs/examples/world/riverbank' } }));
}, 60_000);

afterAll(() => kit?.stop());

describe('unsaved edits in the studio', () => {
  it("refuse a builder command on that file, with the reason, until the editor's list is empty; the list outlives an engine restart", async () => {
    const ada = await TelnetTestClient.connect(kit.telnetPort());
    try {
      await ada.login('Ada', 'silver-moon-42', true);
      await ada.command('@goto riverbank:riverbank');
      const file = join(work, 'packs', 'riverbank', AREA);
      const before = await readFile(file, 'utf8');

      await api.setUnsavedFiles('riverbank', [AREA]);
      const refusal = 'riverbank/areas/riverbank.yaml has unsaved changes in the studio: save or revert them there first, so neither is lost.';
      expect(await ada.command('@dig north Jetty')).toContain(refusal);
      const back = ada.mark();
      await api.restartEngine();
      // The player is back in the world (the room shown, with a prompt) before the next command.
      await ada.waitFor(/The game is back\.[\s\S]*Riverbank[\s\S]*> $/, back, 10_000);
      expect(await ada.command('@desc Mud.', 10_000)).toContain(refusal);
      expect(await readFile(file, 'utf8')).toBe(before);

      await api.setUnsavedFiles('riverbank', []);
      const from = ada.mark();
      await ada.command('@dig north Jetty');
      await ada.waitFor('Jetty is dug', from, 10_000);
      expect(await readFile(file, 'utf8')).toContain('  - key: jetty\n');
    } finally {
      ada.close();
    }
  }, 60_000);
});
