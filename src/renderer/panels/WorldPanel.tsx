// The live world: every entity, found by name, key or id and filtered by a
// component query; the selected one's components, live, edited in place.
import { useEffect, useState } from 'react';
import '../styles/world.css';
import { EntityDetails } from '../world/EntityDetails';
import { EntityList } from '../world/EntityList';
import { useStudio } from '../state/context';
import { useWorld, useWorldActions } from '../world/use-world';

/** Quiet time after typing before the list is asked for again. */
const TYPING_MS = 150;
/** How often the rows in view are read again while the panel is shown. */
const REVALIDATE_MS = 3000;

export function WorldPanel() {
  const world = useWorldActions();
  const total = useWorld((s) => s.total);
  const listError = useWorld((s) => s.listError);
  const room = useWorld((s) => s.room);
  const shown = useStudio((s) => s.sharedPanel === 'world');
  const [search, setSearch] = useState(() => world.store.get().search);
  const [query, setQuery] = useState(() => world.store.get().query);

  useEffect(() => {
    const timer = setTimeout(() => world.filter({ search, query }), TYPING_MS);
    return () => clearTimeout(timer);
  }, [search, query, world]);

  useEffect(() => {
    if (!shown) return;
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') void world.revalidate();
    }, REVALIDATE_MS);
    return () => clearInterval(timer);
  }, [world, shown]);

  return (
    <div className="panel world" aria-label="World">
      <div className="panel-title">
        World
        <input className="world-search" aria-label="Entity search" placeholder="name, key or id" value={search} onChange={(e) => setSearch(e.target.value)} spellCheck={false} />
        <input className="world-query" aria-label="Component query" placeholder="Health not Player" value={query} onChange={(e) => setQuery(e.target.value)} spellCheck={false} />
        <button className="small" aria-label="Refresh the entity list" title="Read the list again from the world" onClick={() => world.refresh()}>
          ⟳
        </button>
      </div>
      <div className="world-body">
        <div className="world-list">
          {room !== undefined && (
            <div className="world-room" data-testid="world-room">
              In the room <code>{room}</code>
              <button className="small" aria-label="Show every room" title="Show what stands anywhere" onClick={() => world.filter({ room: undefined })}>
                ×
              </button>
            </div>
          )}
          <div className="world-count" data-testid="entity-count">
            {listError ? <span className="edit-refusal">{listError}</span> : total === undefined ? 'Loading…' : `${total.toLocaleString('en')} entit${total === 1 ? 'y' : 'ies'}`}
          </div>
          <EntityList />
        </div>
        <div className="world-entity">
          <EntityDetails />
        </div>
      </div>
    </div>
  );
}
