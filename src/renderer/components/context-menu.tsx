import { useEffect, useLayoutEffect, useRef, useState } from 'react';

export interface MenuItem {
  label: string;
  run: () => void;
  danger?: boolean;
}

export interface MenuState {
  x: number;
  y: number;
  items: MenuItem[];
}

/** Room kept between a menu and the window's edge, px. */
const EDGE = 4;

/**
 * A right-click menu at the pointer, moved up or left as far as it takes to
 * stay inside the window (a row near the bottom opens it upwards); any click
 * elsewhere or Escape closes it.
 */
export function ContextMenu({ menu, close }: { menu: MenuState; close: () => void }) {
  const ref = useRef<HTMLUListElement>(null);
  const [at, setAt] = useState({ x: menu.x, y: menu.y });
  useLayoutEffect(() => {
    const box = ref.current?.getBoundingClientRect();
    if (!box) return;
    setAt({
      x: Math.max(EDGE, Math.min(menu.x, window.innerWidth - box.width - EDGE)),
      y: Math.max(EDGE, Math.min(menu.y, window.innerHeight - box.height - EDGE)),
    });
  }, [menu.x, menu.y, menu.items.length]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && close();
    const onDown = () => close();
    window.addEventListener('keydown', onKey);
    window.addEventListener('mousedown', onDown);
    window.addEventListener('blur', onDown);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('mousedown', onDown);
      window.removeEventListener('blur', onDown);
    };
  }, [close]);
  return (
    <ul ref={ref} className="context-menu" role="menu" style={{ left: at.x, top: at.y }} onMouseDown={(e) => e.stopPropagation()}>
      {menu.items.map((item) => (
        <li key={item.label} role="menuitem" className={item.danger ? 'danger' : undefined} onClick={() => { close(); item.run(); }}>
          {item.label}
        </li>
      ))}
    </ul>
  );
}
