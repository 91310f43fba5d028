import { useEffect } from 'react';

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

/** A right-click menu at the pointer; any click elsewhere or Escape closes it. */
export function ContextMenu({ menu, close }: { menu: MenuState; close: () => void }) {
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
    <ul className="context-menu" role="menu" style={{ left: menu.x, top: menu.y }} onMouseDown={(e) => e.stopPropagation()}>
      {menu.items.map((item) => (
        <li key={item.label} role="menuitem" className={item.danger ? 'danger' : undefined} onClick={() => { close(); item.run(); }}>
          {item.label}
        </li>
      ))}
    </ul>
  );
}
