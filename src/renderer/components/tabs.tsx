// Panels that share one place of the layout, one shown at a time, picked
// by the buttons above them (State diff and World share the right column).
import type { ReactNode } from 'react';

export interface TabSpec {
  id: string;
  label: string;
  render: () => ReactNode;
}

export function SharedArea({ tabs, label, active, setActive }: { tabs: TabSpec[]; label: string; active: string; setActive: (id: string) => void }) {
  const shown = tabs.find((t) => t.id === active) ?? tabs[0];
  return (
    <div className="shared-area">
      <div className="shared-area-switch" role="group" aria-label={label}>
        {tabs.map((t) => (
          <button key={t.id} className={`shared-area-button${t.id === shown?.id ? ' active' : ''}`} aria-pressed={t.id === shown?.id} onClick={() => setActive(t.id)}>
            {t.label}
          </button>
        ))}
      </div>
      <div className="shared-area-body">{shown?.render()}</div>
    </div>
  );
}
