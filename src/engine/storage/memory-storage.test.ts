import { describeStorageContract } from './contract.test-kit';
import { MemoryStorage } from './memory-storage';

describeStorageContract('MemoryStorage', {
  async create() {
    const s = new MemoryStorage();
    await s.open();
    return s;
  },
  async reopen(closed) {
    // Memory lives as long as the instance: "restart" is close + open of the same one.
    await closed.open();
    return closed;
  },
  async corrupt(storage, entityId, component) {
    (storage as MemoryStorage).corruptComponentForTest(entityId, component, '{"broken": ');
  },
});
