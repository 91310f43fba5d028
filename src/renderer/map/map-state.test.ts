import { describe, expect, it } from 'vitest';
import type { MapRoom } from '../../shared/model';
import { coordinatePlaces } from './layout';
import { exitDrawings } from './map-exits';
import { initialMap, markersByRoom, shownLevel, withMap, withMarkerDelta } from './map-state';

const room = (key: string, exits: Record<string, string>, coordinates: [number, number, number]): MapRoom => ({ key, name: key, area: 'Town', exits, coordinates, pack: 'p', file: 'areas/a.yaml', line: 1 });

describe("the Map panel's state", () => {
  it('folds marker deltas in: who moved is where they went, who is gone is no more', () => {
    const state = { ...initialMap, ...withMap({ rooms: [], withoutAreas: [], markers: [{ entity: 'e1', name: 'Wren', kind: 'player', room: 'p:a' }, { entity: 'e2', name: 'rat', kind: 'npc', room: 'p:c' }] }) };
    const next = { ...state, ...withMarkerDelta(state, { tick: 4, moved: [{ entity: 'e1', name: 'Wren', kind: 'player', room: 'p:b' }], gone: ['e2'] }) };
    expect(Object.values(next.markers)).toEqual([{ entity: 'e1', name: 'Wren', kind: 'player', room: 'p:b' }]);
    expect(markersByRoom(next.markers).get('p:b')?.map((m) => m.name)).toEqual(['Wren']);
    expect(state.markers['e2']).toBeDefined(); // the state before is left as it was
  });

  it("shows the level picked, else the followed room's, else the ground", () => {
    const layout = { places: { 'p:a': { x: 0, y: 0, level: 0 }, 'p:c': { x: 0, y: 0, level: -1 } }, levels: [-1, 0] };
    expect(shownLevel({ ...initialMap, layout }, 'p:c')).toBe(-1);
    expect(shownLevel({ ...initialMap, layout }, undefined)).toBe(0);
    expect(shownLevel({ ...initialMap, layout, level: 0 }, 'p:c')).toBe(0);
  });
});

describe('how exits are drawn', () => {
  it('a line once for a two-way pair, dashed one way, a mark for up and down, a stub off the map for a room no loaded pack has', () => {
    const rooms = [room('p:a', { north: 'p:b', east: 'gone:away', down: 'p:c' }, [0, 0, 0]), room('p:b', { south: 'p:a', up: 'gone:attic' }, [0, 1, 0]), room('p:c', { up: 'p:a' }, [0, 0, -1]), room('p:d', { west: 'p:a' }, [1, 0, 0])];
    const layout = { places: coordinatePlaces(rooms), levels: [-1, 0] };
    expect(exitDrawings(rooms, layout, 0)).toEqual([
      { kind: 'line', from: 'p:a', to: 'p:b', dir: 'north', twoWay: true },
      { kind: 'stub', from: 'p:a', to: 'gone:away', dir: 'east', step: [1, 0], offMap: true },
      { kind: 'mark', from: 'p:a', to: 'p:c', dir: 'down', offMap: false },
      { kind: 'mark', from: 'p:b', to: 'gone:attic', dir: 'up', offMap: true },
      { kind: 'line', from: 'p:d', to: 'p:a', dir: 'west', twoWay: false },
    ]);
    expect(exitDrawings(rooms, layout, -1)).toEqual([{ kind: 'mark', from: 'p:c', to: 'p:a', dir: 'up', offMap: false }]);
    // Rooms without coordinates are drawn on one level: up and down between them are lines.
    const flat = { places: { 'q:x': { x: 0, y: 0, level: 0 }, 'q:y': { x: 1, y: 0, level: 0 } }, levels: [0] };
    expect(exitDrawings([room('q:x', { down: 'q:y' }, [0, 0, 0]), room('q:y', { up: 'q:x' }, [0, 0, 0])], flat, 0)).toEqual([{ kind: 'line', from: 'q:x', to: 'q:y', dir: 'down', twoWay: true }]);
  });
});
