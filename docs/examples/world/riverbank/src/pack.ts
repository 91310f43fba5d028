import type { ContentPack } from '@maid/engine';

// A pack with no code of its own, to build on from inside the game: its
// world is areas/riverbank.yaml, which the builder commands write.
export default class RiverbankPack implements ContentPack {
  manifest = { name: 'riverbank', version: '1.0.0', description: 'A riverbank below the town', dependencies: ['starter-world'] };
}
