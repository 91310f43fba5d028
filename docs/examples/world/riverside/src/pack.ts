import type { ContentPack } from '@maid/engine';

// A pack with no code of its own: its world is areas/riverside.yaml. It
// depends on starter-world, whose rooms, Room and Location components and
// `item` prototype its area uses.
export default class RiversidePack implements ContentPack {
  manifest = { name: 'riverside', version: '1.0.0', description: 'Steps down to the river', dependencies: ['starter-world'] };
}
