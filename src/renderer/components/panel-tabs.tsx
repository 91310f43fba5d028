// Panels that share one place in the layout, a tab each: all stay mounted
// (a hidden one keeps its filters and scroll position), one is shown. The
// shown one is the component's own choice, or its owner's (`active` and
// `onSelect`: the timeline shows a reload's state diff when one is clicked).
import { useState, type ReactNode } from 'react';

export interface PanelTab {
  id: string;
  label: string;
  content: ReactNode;
}

export function PanelTabs({ tabs, label, active: chosen, onSelect }: { tabs: PanelTab[]; label: string; active?: string; onSelect?: (id: string) => void }) {
  const [own, setOwn] = useState(tabs[0]?.id);
  const active = chosen ?? own;
  const setActive = (id: string) => (onSelect ? onSelect(id) : setOwn(id));
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
