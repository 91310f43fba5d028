import { describe, expect, it } from 'vitest';
import type { MapRoom } from '../../shared/model';
import { areaColour, directionBetween, layoutMap } from './layout';

const room = (key: string, exits: Record<string, string>, extra: Partial<MapRoom> = {}): MapRoom => ({ key, name: key, area: 'Town', exits, pack: 'p', file: 'areas/a.yaml', line: 1, ...extra });

describe('the map layout', () => {
  it('puts rooms with coordinates where they say (north up), each on its level', async () => {
    const layout = await layoutMap([room('p:a', { north: 'p:b' }, { coordinates: [0, 0, 0] }), room('p:b', { down: 'p:c' }, { coordinates: [0, 1, 0] }), room('p:c', {}, { coordinates: [0, 1, -1] })]);
    expect(layout.places['p:a']).toEqual({ x: 0, y: -0, level: 0 });
    expect(layout.places['p:b']).toEqual({ x: 0, y: -1, level: 0 });
    expect(layout.places['p:c']).toEqual({ x: 0, y: -1, level: -1 });
    expect(layout.levels).toEqual([-1, 0]);
  });

  it('lays out an area without coordinates by ELK, beside the others, every room on its own cell', async () => {
    const rooms = [room('p:a', {}, { coordinates: [0, 0, 0] }), room('q:x', { east: 'q:y' }, { area: 'Wilds' }), room('q:y', { west: 'q:x', east: 'q:z' }, { area: 'Wilds' }), room('q:z', { west: 'q:y', east: 'gone:away' }, { area: 'Wilds' })];
    const layout = await layoutMap(rooms);
    const cells = Object.values(layout.places).map((p) => `${p.level}:${p.x}:${p.y}`);
    expect(new Set(cells).size).toBe(4);
    for (const key of ['q:x', 'q:y', 'q:z']) expect(layout.places[key]?.x).toBeGreaterThanOrEqual(2);
  });

  it('gives each area its own colour, always the same one, and reads a drawn exit\'s direction', () => {
    expect(areaColour('Town')).toBe(areaColour('Town'));
    expect(areaColour('Town')).not.toBe(areaColour('Forest'));
    expect(directionBetween({ x: 0, y: 0, level: 0 }, { x: 0, y: -2, level: 0 })).toBe('north');
    expect(directionBetween({ x: 0, y: 0, level: 0 }, { x: 3, y: 1, level: 0 })).toBe('east');
    expect(directionBetween({ x: 0, y: 0, level: 0 }, { x: 0, y: 0, level: -1 })).toBe('down');
  });
});
