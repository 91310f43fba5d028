// The selected entity: each component (name, version, owning pack) as a
// collapsible value tree, updated live; add or remove a component, destroy
// the entity (after a confirm), go to a component's definition.
import { useState } from 'react';
import type { ComponentView } from '../../shared/model';
import { useDialogs } from '../components/dialogs';
import { useWorld, useWorldActions } from './use-world';
import { Fields } from './ValueTree';

function Component({ component }: { component: ComponentView }) {
  const world = useWorldActions();
  const [open, setOpen] = useState(true);
  const editable = component.pack !== undefined;
  const isTree = typeof component.data === 'object' && component.data !== null;
  return (
    <section className="component" data-testid="component" data-component={component.name}>
      <div className="component-head">
        <button className="tree-toggle" aria-expanded={open} aria-label={`${open ? 'Collapse' : 'Expand'} ${component.name}`} onClick={() => setOpen(!open)}>
          {open ? '▾' : '▸'}
        </button>
        <span className="component-name">{component.name}</span>
        <span className="badge">v{component.version}</span>
        <span className="component-pack" title={editable ? `Defined by pack ${component.pack}` : 'No loaded pack defines it now: its data is kept, but cannot be edited'}>
          {component.pack ?? 'no pack'}
        </span>
        <span className="spacer" />
        {editable && (
          <>
            <button className="small" title={`Open the file of ${component.pack} that defines ${component.name}`} onClick={() => void world.goToDefinition(component.pack as string, component.name)}>
              Definition
            </button>
            <button className="small" aria-label={`Remove ${component.name}`} title={`Remove ${component.name} from this entity (undo on the timeline)`} onClick={() => void world.removeComponent(component.name)}>
              ✕
            </button>
          </>
        )}
      </div>
      {open && (isTree ? <Fields component={component.name} path={[]} value={component.data} editable={editable} /> : <pre>{JSON.stringify(component.data)}</pre>)}
    </section>
  );
}

function AddComponent({ addable }: { addable: string[] }) {
  const world = useWorldActions();
  const [choice, setChoice] = useState('');
  if (addable.length === 0) return null;
  const name = addable.includes(choice) ? choice : (addable[0] as string);
  return (
    <span className="add-component">
      <select aria-label="Component to add" value={name} onChange={(e) => setChoice(e.target.value)}>
        {addable.map((n) => (
          <option key={n}>{n}</option>
        ))}
      </select>
      <button className="small" onClick={() => void world.addComponent(name)}>
        Add
      </button>
    </span>
  );
}

export function EntityDetails() {
  const world = useWorldActions();
  const dialogs = useDialogs();
  const selected = useWorld((s) => s.selected);
  const view = useWorld((s) => s.view);
  const gone = useWorld((s) => s.gone);
  const refusal = useWorld((s) => (s.refusal && !s.refusal.key.includes('.') ? s.refusal.message : undefined));
  if (!selected) return <div className="empty">Select an entity to see its components.</div>;
  if (gone) return <div className="empty" data-testid="entity-gone">This entity no longer exists (destroyed); undo its destruction on the timeline.</div>;
  if (!view) return <div className="empty">Loading…</div>;
  const destroy = async () => {
    if (await dialogs.confirm(`Destroy ${view.name || view.id}? (Undo is on the timeline.)`, 'Destroy')) await world.destroy();
  };
  return (
    <div className="entity-details" data-testid="entity-details" data-entity={view.id}>
      <div className="entity-head">
        <span className="entity-title">{view.name || view.key || view.id}</span>
        <span className="muted entity-id" title={view.key}>
          {view.id}
        </span>
      </div>
      <div className="entity-actions">
        <AddComponent addable={view.addable} />
        <span className="spacer" />
        <button className="small danger" onClick={() => void destroy()}>
          Destroy entity
        </button>
      </div>
      {refusal && (
        <div className="edit-refusal" role="alert" data-testid="edit-refusal">
          {refusal}
        </div>
      )}
      {view.components.map((c) => (
        <Component key={c.name} component={c} />
      ))}
    </div>
  );
}
