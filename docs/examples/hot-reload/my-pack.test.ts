import { describe, it } from 'vitest';
import { checkPackContract, checkPackLifecycle } from '@maid/engine/testing';
import StarterWorldPack from '@packs/starter-world';
import CombatPack from '@packs/combat';

describe('combat pack', () => {
  it('follows the pack protocol', () => {
    checkPackContract(new CombatPack());
  });

  it('loads, ticks and unloads without leaving anything behind', async () => {
    await checkPackLifecycle(() => new CombatPack(), { dependencies: [new StarterWorldPack()] });
  });
});
