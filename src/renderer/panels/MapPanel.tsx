// The rooms and exits of every loaded area, one colour per area, who stands
// where (live), following the terminal's character. A click on a room lists
// what stands there in the World panel and opens its entry in the editor; a
// drag from one room to another draws an exit, and a selected room gets a
// new room next to it: both written to the area file as @open and @dig do.
import { useEffect, useMemo, useState } from 'react';
import { MAP_DIRECTIONS } from '../../shared/model';
import '../styles/map.css';
import { areaColour } from '../map/layout';
import { markersByRoom, shownLevel } from '../map/map-state';
import { MapView } from '../map/MapView';
import { useMap, useMapActions } from '../map/use-map';
import { useStudio } from '../state/context';

function levelName(level: number): string {
  return level === 0 ? 'ground (0)' : level > 0 ? `up ${level}` : `down ${-level}`;
}

function ExitForm() {
  const map = useMapActions();
  const drawing = useMap((s) => s.drawing);
  const rooms = useMap((s) => s.rooms);
  const [direction, setDirection] = useState(drawing?.direction ?? 'north');
  useEffect(() => setDirection(drawing?.direction ?? 'north'), [drawing]);
  if (!drawing) return null;
  const name = (key: string) => rooms.find((r) => r.key === key)?.name ?? key;
  return (
    <form
      className="map-form"
      aria-label="New exit"
      onSubmit={(e) => {
        e.preventDefault();
        void map.edit({ op: 'exit', from: drawing.from, direction, to: drawing.to });
      }}
    >
      Exit from <b>{name(drawing.from)}</b> to <b>{name(drawing.to)}</b>, going
      <select aria-label="Exit direction" value={direction} onChange={(e) => setDirection(e.target.value)}>
        {MAP_DIRECTIONS.map((d) => (
          <option key={d}>{d}</option>
        ))}
      </select>
      <button type="submit">Write exit</button>
      <button type="button" onClick={() => map.cancelExit()}>
        Cancel
      </button>
    </form>
  );
}

function RoomForm({ from }: { from: string }) {
  const map = useMapActions();
  const [direction, setDirection] = useState('north');
  const [name, setName] = useState('');
  return (
    <form
      className="map-form"
      aria-label="New room"
      onSubmit={(e) => {
        e.preventDefault();
        void map.edit({ op: 'room', from, direction, name }).then((ok) => ok && setName(''));
      }}
    >
      Add a room
      <select aria-label="New room direction" value={direction} onChange={(e) => setDirection(e.target.value)}>
        {MAP_DIRECTIONS.map((d) => (
          <option key={d}>{d}</option>
        ))}
      </select>
      <input aria-label="New room name" placeholder="name" value={name} maxLength={80} onChange={(e) => setName(e.target.value)} />
      <button type="submit" disabled={name.trim() === ''}>
        Add room
      </button>
    </form>
  );
}

export function MapPanel({ large, onToggleLarge }: { large: boolean; onToggleLarge: () => void }) {
  const map = useMapActions();
  const shown = useStudio((s) => s.bottomPanel === 'map');
  const terminal = useStudio((s) => s.terminal);
  const state = useMap((s) => s);
  const [follow, setFollow] = useState(true);
  const [fitSeq, setFitSeq] = useState(0);

  useEffect(() => {
    void map.setShown(shown);
  }, [map, shown]);

  const markers = useMemo(() => markersByRoom(state.markers), [state.markers]);
  // The character's room: from the terminal's Room.Info, else where its marker stands.
  const you = terminal?.character ? Object.values(state.markers).find((m) => m.kind === 'player' && m.name === terminal.character) : undefined;
  const followed = you?.room ?? terminal?.room;
  const level = shownLevel(state, follow ? followed : undefined);
  const areas = [...new Set(state.rooms.map((r) => r.area))].sort();
  const selected = state.rooms.find((r) => r.key === state.selected);

  return (
    <div className="panel map" aria-label="Map">
      <div className="panel-title">
        Map
        <select aria-label="Map level" value={state.level === undefined ? 'auto' : String(state.level)} onChange={(e) => map.setLevel(e.target.value === 'auto' ? undefined : Number(e.target.value))}>
          <option value="auto">level: where you are ({levelName(level)})</option>
          {(state.layout?.levels ?? []).map((l) => (
            <option key={l} value={l}>
              {levelName(l)}
            </option>
          ))}
        </select>
        <button
          className="small"
          title="Show every room of this level (stops following)"
          onClick={() => {
            setFollow(false);
            setFitSeq((n) => n + 1);
          }}
        >
          Fit
        </button>
        <button className="small" onClick={onToggleLarge} aria-pressed={large} title={large ? 'Back to the layout as it was' : 'Make the map larger (the terminal and the editor smaller)'}>
          {large ? 'Smaller' : 'Larger'}
        </button>
        <label className="map-follow">
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} /> follow {terminal?.character ?? 'the terminal'}
        </label>
      </div>
      <div className="map-legend" data-testid="map-legend" aria-label="Areas">
        {areas.map((a) => (
          <span key={a} className="map-area">
            <i style={{ background: areaColour(a) }} />
            {a}
          </span>
        ))}
        {state.withoutAreas.length > 0 && <span className="map-note">not on the map (no area files): {state.withoutAreas.join(', ')}</span>}
      </div>
      {state.error && (
        <div className="map-error" role="alert">
          {state.error}
        </div>
      )}
      <div className="map-body">
        {state.layout ? (
          <MapView
            rooms={state.rooms}
            layout={state.layout}
            level={level}
            markers={markers}
            {...(state.selected ? { selected: state.selected } : {})}
            {...(followed ? { followed } : {})}
            {...(terminal?.character ? { character: terminal.character } : {})}
            follow={follow}
            fitSeq={fitSeq}
            onSelect={(room) => map.selectRoom(room)}
            onDrawExit={(from, to, direction) => map.startExit(from, to, direction)}
          />
        ) : (
          !state.error && <div className="map-empty">Loading the map…</div>
        )}
      </div>
      <div className="map-side">
        <ExitForm />
        {selected && (
          <div className="map-selected" data-testid="map-selected">
            <b>{selected.name}</b> <code>{selected.key}</code> · {selected.area} · {selected.pack}/{selected.file}:{selected.line}
            <RoomForm key={selected.key} from={selected.key} />
          </div>
        )}
        {state.outcome && (
          <div className={`map-outcome ${state.outcome.ok ? 'ok' : 'refused'}`} role={state.outcome.ok ? 'status' : 'alert'} data-testid="map-outcome">
            {state.outcome.text}
          </div>
        )}
      </div>
    </div>
  );
}
