import type { ComponentMap, PackContent, PrototypeDef, RoomDef, SpawnDef } from './types';

/** Every loaded pack's rooms, prototypes and spawns by qualified key: what references resolve against. */
export interface ContentLookup {
  rooms: Map<string, RoomDef>;
  prototypes: Map<string, PrototypeDef>;
  spawns: Map<string, SpawnDef>;
}

/** The lookup over packs' contents; later packs' entries never replace earlier ones (duplicates are errors). */
export function lookupOf(contents: Iterable<PackContent>): ContentLookup {
  const out: ContentLookup = { rooms: new Map(), prototypes: new Map(), spawns: new Map() };
  for (const content of contents) {
    for (const file of content.files) {
      for (const r of file.rooms) if (!out.rooms.has(r.key)) out.rooms.set(r.key, r);
      for (const p of file.prototypes) if (!out.prototypes.has(p.key)) out.prototypes.set(p.key, p);
      for (const s of file.spawns) if (!out.spawns.has(s.key)) out.spawns.set(s.key, s);
    }
  }
  return out;
}

/** The chain of parents of a prototype, itself first; stops at a missing parent or a cycle (validation reports those). */
export function ancestry(key: string, prototypes: ReadonlyMap<string, PrototypeDef>): PrototypeDef[] {
  const chain: PrototypeDef[] = [];
  const seen = new Set<string>();
  for (let p = prototypes.get(key); p && !seen.has(p.key); p = p.parent ? prototypes.get(p.parent) : undefined) {
    seen.add(p.key);
    chain.push(p);
  }
  return chain;
}

/**
 * A prototype's components with what it inherits: the parent's first, then
 * each child's fields over them (a field replaces the parent's whole value;
 * lists are not merged).
 */
export function resolveComponents(key: string, prototypes: ReadonlyMap<string, PrototypeDef>): ComponentMap {
  const out: ComponentMap = {};
  for (const p of ancestry(key, prototypes).reverse()) {
    for (const [name, data] of Object.entries(p.components)) out[name] = { ...out[name], ...structuredClone(data) };
  }
  return out;
}
