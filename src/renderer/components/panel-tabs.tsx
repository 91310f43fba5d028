// Panels that share one place in the layout, a tab each: all stay mounted
// (a hidden one keeps its filters and scroll position), one is shown.
import { useState, type ReactNode } from 'react';

export interface PanelTab {
  id: string;
  label: string;
  content: ReactNode;
}

export function PanelTabs({ tabs, label }: { tabs: PanelTab[]; label: string }) {
  const [active, setActive] = useState(tabs[0]?.id);
  return (
    <div className="panel-tabs">
      <div className="tab-strip" role="tablist" aria-label={label}>
        {tabs.map((tab) => (
          <button key={tab.id} role="tab" id={`tab-${tab.id}`} aria-selected={tab.id === active} aria-controls={`tabpanel-${tab.id}`} className={`tab${tab.id === active ? ' active' : ''}`} onClick={() => setActive(tab.id)}>
            {tab.label}
          </button>
        ))}
      </div>
      {tabs.map((tab) => (
        <div key={tab.id} role="tabpanel" id={`tabpanel-${tab.id}`} aria-labelledby={`tab-${tab.id}`} className="tab-body" hidden={tab.id !== active}>
          {tab.content}
        </div>
      ))}
    </div>
  );
}
