// The entities matching the search and query, virtualized: only the rows
// in view (and a few around) are in the page, and their pages are fetched
// as they scroll into view, so 100,000 entities scroll as smoothly as 10.
import { useEffect, useRef, useState } from 'react';
import { useWorld, useWorldActions } from './use-world';
import { PAGE_SIZE } from './world-state';

const ROW_HEIGHT = 22;
const OVERSCAN = 8;

export function EntityList() {
  const world = useWorldActions();
  const total = useWorld((s) => s.total ?? 0);
  const pages = useWorld((s) => s.pages);
  const selected = useWorld((s) => s.selected);
  const listSeq = useWorld((s) => s.listSeq);
  const box = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(200);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setHeight(el.clientHeight));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // A new search or query starts at the top (a shorter list would leave the old scroll past its end).
  useEffect(() => {
    if (box.current) box.current.scrollTop = 0;
    setScrollTop(0);
  }, [listSeq]);

  const top = Math.min(scrollTop, Math.max(0, total * ROW_HEIGHT - height));
  const first = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(total, Math.ceil((top + height) / ROW_HEIGHT) + OVERSCAN);
  useEffect(() => {
    for (let page = Math.floor(first / PAGE_SIZE); page * PAGE_SIZE < last; page++) void world.loadPage(page);
  }, [first, last, pages, world]);

  const rows = [];
  for (let i = first; i < last; i++) {
    const item = pages[Math.floor(i / PAGE_SIZE)]?.[i % PAGE_SIZE];
    rows.push(
      <div
        key={i}
        role="option"
        aria-selected={item !== undefined && item.id === selected}
        className={`entity-row${item && item.id === selected ? ' selected' : ''}`}
        style={{ top: i * ROW_HEIGHT, height: ROW_HEIGHT }}
        data-testid="entity-row"
        data-entity={item?.id}
        title={item ? `${item.id}${item.key ? ` · ${item.key}` : ''}\n${item.components.join(', ')}` : undefined}
        tabIndex={item ? 0 : -1}
        onClick={() => item && void world.select(item.id)}
        onKeyDown={(e) => e.key === 'Enter' && item && void world.select(item.id)}
      >
        {item ? (
          <>
            <span className="entity-name">{item.name || item.key || item.id}</span>
            <span className="entity-components">{item.components.join(' ')}</span>
          </>
        ) : (
          <span className="muted">…</span>
        )}
      </div>,
    );
  }
  return (
    <div className="entity-list" role="listbox" aria-label="Entities" ref={box} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
      <div className="entity-rows" style={{ height: total * ROW_HEIGHT }}>
        {rows}
      </div>
    </div>
  );
}
