// The map drawn: one level's rooms (coloured by area) and exits, who stands
// where, pan (drag the background) and zoom (the wheel). A click on a room
// selects it; a drag from one room to another draws an exit between them.
import { useEffect, useMemo, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import type { MapMarker, MapRoom } from '../../shared/model';
import { areaColour, directionBetween, type MapLayout, type RoomPlace } from './layout';
import { exitDrawings, type ExitDrawing } from './map-exits';

const CELL = 90;
const BOX_W = 70;
const BOX_H = 40;
const MIN_SCALE = 0.2;
const MAX_SCALE = 4;

export interface MapViewProps {
  rooms: MapRoom[];
  layout: MapLayout;
  level: number;
  markers: Map<string, MapMarker[]>;
  selected?: string;
  /** The room the terminal's character is in, and its name: centred when `follow` is on, its marker ringed. */
  followed?: string;
  character?: string;
  follow: boolean;
  /** Bumped to fit the level's rooms in the view (the Fit button). */
  fitSeq: number;
  onSelect(room: string): void;
  onDrawExit(from: string, to: string, direction: string): void;
}

interface View {
  scale: number;
  tx: number;
  ty: number;
}

const centre = (p: RoomPlace) => ({ x: p.x * CELL, y: p.y * CELL });

export function MapView(props: MapViewProps) {
  const { rooms, layout, level, markers, selected, followed, character, follow } = props;
  const svg = useRef<SVGSVGElement>(null);
  const [view, setView] = useState<View>({ scale: 1, tx: 0, ty: 0 });
  const [drag, setDrag] = useState<{ kind: 'pan'; x: number; y: number; tx: number; ty: number } | { kind: 'exit'; from: string; x: number; y: number; moved: boolean } | undefined>();
  const byKey = useMemo(() => new Map(rooms.map((r) => [r.key, r])), [rooms]);
  const shown = useMemo(() => rooms.filter((r) => layout.places[r.key]?.level === level), [rooms, layout, level]);

  // Follow the terminal's character: its room in the middle of the view.
  useEffect(() => {
    const at = followed ? layout.places[followed] : undefined;
    const box = svg.current?.getBoundingClientRect();
    if (!follow || !at || !box) return;
    const c = centre(at);
    setView((v) => ({ ...v, tx: box.width / 2 - c.x * v.scale, ty: box.height / 2 - c.y * v.scale }));
  }, [follow, followed, layout]);

  // Fit: every room of the level in view, at most a little larger than life.
  useEffect(() => {
    const box = svg.current?.getBoundingClientRect();
    const at = shown.map((r) => layout.places[r.key]).filter((p): p is RoomPlace => p !== undefined);
    if (props.fitSeq === 0 || !box || at.length === 0) return;
    const xs = at.map((p) => p.x * CELL);
    const ys = at.map((p) => p.y * CELL);
    const [x0, x1, y0, y1] = [Math.min(...xs) - CELL, Math.max(...xs) + CELL, Math.min(...ys) - CELL / 1.5, Math.max(...ys) + CELL / 1.5];
    const scale = Math.max(MIN_SCALE, Math.min(1.5, box.width / (x1 - x0), box.height / (y1 - y0)));
    setView({ scale, tx: box.width / 2 - ((x0 + x1) / 2) * scale, ty: box.height / 2 - ((y0 + y1) / 2) * scale });
  }, [props.fitSeq]); // only a press of Fit fits: a marker moving must not

  const toWorld = (clientX: number, clientY: number) => {
    const box = svg.current?.getBoundingClientRect();
    return { x: (clientX - (box?.left ?? 0) - view.tx) / view.scale, y: (clientY - (box?.top ?? 0) - view.ty) / view.scale };
  };

  const roomAt = (target: EventTarget | null): string | undefined => (target instanceof Element ? (target.closest('[data-room]')?.getAttribute('data-room') ?? undefined) : undefined);

  const onPointerDown = (e: ReactPointerEvent<SVGSVGElement>) => {
    e.preventDefault(); // no text selected around the map while dragging
    e.currentTarget.setPointerCapture?.(e.pointerId);
    const room = roomAt(e.target);
    const at = toWorld(e.clientX, e.clientY);
    setDrag(room ? { kind: 'exit', from: room, x: at.x, y: at.y, moved: false } : { kind: 'pan', x: e.clientX, y: e.clientY, tx: view.tx, ty: view.ty });
  };
  const onPointerMove = (e: ReactPointerEvent<SVGSVGElement>) => {
    if (!drag) return;
    if (drag.kind === 'pan') setView((v) => ({ ...v, tx: drag.tx + e.clientX - drag.x, ty: drag.ty + e.clientY - drag.y }));
    else {
      const at = toWorld(e.clientX, e.clientY);
      const from = layout.places[drag.from];
      const far = from ? Math.hypot(at.x - from.x * CELL, at.y - from.y * CELL) > BOX_W / 2 : false;
      setDrag({ ...drag, x: at.x, y: at.y, moved: drag.moved || far });
    }
  };
  const onPointerUp = (e: ReactPointerEvent<SVGSVGElement>) => {
    const was = drag;
    setDrag(undefined);
    if (!was || was.kind !== 'exit') return;
    const over = roomAt(document.elementFromPoint(e.clientX, e.clientY));
    if (!was.moved || over === was.from) return props.onSelect(was.from);
    const from = layout.places[was.from];
    const to = over ? layout.places[over] : undefined;
    if (over && from && to) props.onDrawExit(was.from, over, directionBetween(from, to));
  };
  const onWheel = (e: React.WheelEvent<SVGSVGElement>) => {
    const box = svg.current?.getBoundingClientRect();
    const px = e.clientX - (box?.left ?? 0);
    const py = e.clientY - (box?.top ?? 0);
    setView((v) => {
      const scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, v.scale * (e.deltaY < 0 ? 1.15 : 1 / 1.15)));
      return { scale, tx: px - ((px - v.tx) / v.scale) * scale, ty: py - ((py - v.ty) / v.scale) * scale };
    });
  };

  const drawings = useMemo(() => exitDrawings(rooms, layout, level), [rooms, layout, level]);
  const marks = new Map<string, Extract<ExitDrawing, { kind: 'mark' }>[]>();
  for (const d of drawings) if (d.kind === 'mark') marks.set(d.from, [...(marks.get(d.from) ?? []), d]);
  const exits = drawings.map((d) => {
    const a = centre(layout.places[d.from] as RoomPlace);
    if (d.kind === 'line') {
      const b = centre(layout.places[d.to] as RoomPlace);
      return <line key={`${d.from}>${d.dir}`} className={`map-exit${d.twoWay ? '' : ' one-way'}`} data-testid="map-exit" data-from={d.from} data-to={d.to} data-dir={d.dir} x1={a.x} y1={a.y} x2={b.x} y2={b.y} />;
    }
    if (d.kind === 'mark') return null;
    const end = { x: a.x + d.step[0] * CELL * 0.75, y: a.y + d.step[1] * CELL * 0.75 };
    return (
      <g key={`${d.from}>${d.dir}`} className={d.offMap ? 'map-offmap' : 'map-elsewhere'} data-testid={d.offMap ? 'map-offmap' : 'map-exit'} data-from={d.from} data-to={d.to} data-dir={d.dir}>
        <title>{d.offMap ? `${d.dir} to ${d.to}: a room no loaded pack has` : `${d.dir} to ${byKey.get(d.to)?.name ?? d.to} (another level)`}</title>
        <line x1={a.x} y1={a.y} x2={end.x} y2={end.y} />
        <text x={end.x} y={end.y + (d.step[1] >= 0 ? 12 : -4)} textAnchor="middle">
          {d.offMap ? `→ ${d.to}` : `→ ${byKey.get(d.to)?.name ?? d.to}`}
        </text>
      </g>
    );
  });

  const rubber = drag?.kind === 'exit' && drag.moved && layout.places[drag.from] ? centre(layout.places[drag.from] as RoomPlace) : undefined;

  return (
    <svg ref={svg} className="map-view" data-testid="map-view" onPointerDown={onPointerDown} onPointerMove={onPointerMove} onPointerUp={onPointerUp} onPointerLeave={() => setDrag(undefined)} onWheel={onWheel}>
      <g transform={`translate(${view.tx} ${view.ty}) scale(${view.scale})`}>
        {exits}
        {rubber && drag?.kind === 'exit' && <line className="map-rubber" x1={rubber.x} y1={rubber.y} x2={drag.x} y2={drag.y} />}
        {shown.map((room) => {
          const c = centre(layout.places[room.key] as RoomPlace);
          const here = markers.get(room.key) ?? [];
          const vertical = marks.get(room.key) ?? [];
          return (
            <g key={room.key} className={`map-room${room.key === selected ? ' selected' : ''}${room.key === followed ? ' followed' : ''}`} data-testid="map-room" data-room={room.key} data-area={room.area} transform={`translate(${c.x - BOX_W / 2} ${c.y - BOX_H / 2})`}>
              <title>{`${room.name} (${room.key}) · ${room.area}${room.environment ? ` · ${room.environment}` : ''} · ${room.pack}/${room.file}:${room.line}`}</title>
              <rect width={BOX_W} height={BOX_H} rx={5} fill={areaColour(room.area)} />
              <text className="map-room-name" x={BOX_W / 2} y={14} textAnchor="middle">
                {room.name.length > 13 ? `${room.name.slice(0, 12)}…` : room.name}
              </text>
              {vertical.map((d, i) => (
                <text key={d.dir} className={`map-vertical${d.offMap ? ' offmap' : ''}`} data-testid={d.offMap ? 'map-offmap' : undefined} data-to={d.to} x={BOX_W - 8} y={12 + i * 12} textAnchor="middle" aria-label={d.offMap ? `exit ${d.dir}, off the map to ${d.to}` : `exit ${d.dir}`}>
                  {d.dir === 'up' ? '▲' : '▼'}
                </text>
              ))}
              {here.slice(0, 6).map((m, i) => (
                <circle key={m.entity} className={`map-marker ${m.kind}${m.kind === 'player' && m.name === character ? ' you' : ''}`} data-testid="map-marker" data-name={m.name} data-kind={m.kind} data-room={room.key} cx={10 + i * 10} cy={BOX_H - 9} r={4}>
                  <title>{`${m.name} (${m.kind})`}</title>
                </circle>
              ))}
              {here.length > 6 && (
                <text className="map-more" x={BOX_W - 6} y={BOX_H - 5} textAnchor="end">
                  +{here.length - 6}
                </text>
              )}
            </g>
          );
        })}
      </g>
    </svg>
  );
}
