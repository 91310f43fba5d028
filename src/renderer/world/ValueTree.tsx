// A component's data as a collapsible tree. Leaves are edited in place:
// click (or Enter) to edit, Enter commits, Escape cancels; a value the
// component cannot hold stays in the box with the reason under it.
// A value that changed flashes.
import { useState } from 'react';
import type { FieldPath } from '../../shared/model';
import { useWorld, useWorldActions } from './use-world';
import { fieldKey, shown } from './world-state';

interface NodeProps {
  component: string;
  path: FieldPath;
  value: unknown;
  editable: boolean;
}

function Leaf({ component, path, value, editable }: NodeProps) {
  const world = useWorldActions();
  const key = fieldKey(component, path);
  const flash = useWorld((s) => s.flashes[key]);
  const refusal = useWorld((s) => (s.refusal?.key === key ? s.refusal.message : undefined));
  const [text, setText] = useState<string | undefined>(undefined);
  const kind = value === null ? 'null' : Array.isArray(value) ? 'list' : typeof value;
  const start = () => {
    if (!editable) return;
    world.clearRefusal();
    setText(typeof value === 'string' ? value : shown(value));
  };
  const cancel = () => {
    world.clearRefusal();
    setText(undefined);
  };
  const commit = async () => {
    if (text === undefined) return;
    if (await world.setField(component, path, text, value)) setText(undefined);
  };
  if (text !== undefined) {
    return (
      <span className="leaf-edit">
        <input
          aria-label={`Value of ${key}`}
          autoFocus
          value={text}
          spellCheck={false}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') void commit();
            if (e.key === 'Escape') cancel();
          }}
        />
        {refusal && (
          <span className="edit-refusal" role="alert" data-testid="edit-refusal">
            {refusal}
          </span>
        )}
      </span>
    );
  }
  return (
    <span
      key={`${key}:${flash ?? 0}`}
      className={`leaf-value ${kind}${flash ? ' flash' : ''}${editable ? ' editable' : ''}`}
      data-testid="field-value"
      data-field={key}
      tabIndex={editable ? 0 : -1}
      title={editable ? 'Click or press Enter to edit' : 'No loaded pack defines this component: it cannot be edited'}
      onClick={start}
      onKeyDown={(e) => e.key === 'Enter' && start()}
    >
      {shown(value)}
    </span>
  );
}

function Branch({ component, path, value, editable }: NodeProps) {
  const [open, setOpen] = useState(path.length < 2);
  const entries = Object.entries(value as object);
  const label = Array.isArray(value) ? `[${entries.length}]` : `{${entries.length}}`;
  return (
    <>
      <button className="tree-toggle" aria-expanded={open} aria-label={`${open ? 'Collapse' : 'Expand'} ${fieldKey(component, path)}`} onClick={() => setOpen(!open)}>
        {open ? '▾' : '▸'} <span className="muted">{label}</span>
      </button>
      {open && <Fields component={component} path={path} value={value} editable={editable} />}
    </>
  );
}

/** The fields of an object or the items of a list, one row each. */
export function Fields({ component, path, value, editable }: NodeProps) {
  const list = Array.isArray(value);
  return (
    <ul className="value-tree">
      {Object.entries(value as object).map(([k, v]) => {
        const child = [...path, list ? Number(k) : k];
        const tree = typeof v === 'object' && v !== null;
        return (
          <li key={k} className="value-row">
            <span className="value-key">{k}</span>
            {tree ? <Branch component={component} path={child} value={v} editable={editable} /> : <Leaf component={component} path={child} value={v} editable={editable} />}
          </li>
        );
      })}
    </ul>
  );
}
