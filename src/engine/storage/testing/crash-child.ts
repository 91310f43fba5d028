/**
 * Child process of the crash test: commits change sets in a loop as fast as it
 * can and, after each commit returns, writes its number to stdout (synchronously,
 * so a printed number always means "commit returned"). The parent SIGKILLs it
 * mid-stream and checks that every printed change set survived.
 *
 *   node --import tsx crash-child.ts <dataDir>
 */
import { writeSync } from 'node:fs';
import { SqliteStorage } from '../sqlite-storage';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: crash-child.ts <dataDir>');

const storage = new SqliteStorage({ dataDir });
await storage.open();
writeSync(1, 'ready\n');
for (let i = 1; ; i++) {
  await storage.commit({
    upserts: [
      { id: `e${i}`, components: { Seq: { version: 1, data: { i, pad: 'x'.repeat(200) } }, Extra: { version: 2, data: [i, i * 2] } } },
      { id: 'counter', key: 'crash:counter', components: { Counter: { version: 1, data: { i } } } },
    ],
    // every even change set also destroys the entity of the one before it
    deletes: i % 2 === 0 ? [`e${i - 1}`] : [],
    tick: i,
  });
  writeSync(1, `${i}\n`);
}
