// The selected reload's state: each StatefulSystem's captured state before
// and after, and component data migrations changed (counts and a sample),
// as structural diffs with additions, removals and changes highlighted; and
// what the pack's area files changed in the world.
import { useMemo, useState } from 'react';
import 'jsondiffpatch/formatters/styles/html.css';
import type { ComponentDataChange, ContentChange, ReloadEntry, SystemStateChange } from '../../shared/model';
import { diffHtml } from '../diff/structural-diff';
import { useStudio } from '../state/context';
import { outcomeOf } from '../state/studio-state';

function Diff({ before, after, testId, kept = false }: { before: unknown; after: unknown; testId: string; kept?: boolean }) {
  const rendered = useMemo(() => diffHtml(before, after), [before, after]);
  if (!rendered.changed) {
    return (
      <div className="diff unchanged" data-testid={testId} data-changed="false">
        <div className="diff-note">{kept ? 'kept: the running version holds this state' : 'unchanged'}</div>
        <pre>{JSON.stringify(before, null, 2)}</pre>
      </div>
    );
  }
  return <div className="diff" data-testid={testId} data-changed="true" dangerouslySetInnerHTML={{ __html: rendered.html }} />;
}

function SystemDiff({ name, change }: { name: string; change: SystemStateChange }) {
  return (
    <section className="diff-section" data-system={name} data-kept={change.kept ? 'true' : undefined}>
      <h4>
        {name}
        {change.added && <span className="badge added">new system</span>}
        {change.removed && <span className="badge removed">removed</span>}
        {change.kept && <span className="badge kept">kept</span>}
      </h4>
      <Diff before={change.before} after={change.after} testId={`system-diff-${name}`} kept={change.kept === true} />
    </section>
  );
}

function ComponentDiff({ name, change }: { name: string; change: ComponentDataChange }) {
  return (
    <section className="diff-section" data-component={name}>
      <h4>
        {name} v{change.from} → v{change.to}
        <span className="diff-count">
          {change.entities} entit{change.entities === 1 ? 'y' : 'ies'} migrated{change.sample.length < change.entities ? `, ${change.sample.length} shown` : ''}
        </span>
      </h4>
      {change.sample.map((s) => (
        <div key={s.entity} className="diff-sample">
          <div className="diff-entity">{s.entity}</div>
          <Diff before={s.before} after={s.after} testId={`component-diff-${name}`} />
        </div>
      ))}
    </section>
  );
}

/** What the area files changed: keys added, changed and removed per kind, and the entities that followed. */
function ContentSummary({ change }: { change: ContentChange }) {
  const kinds = [
    ['Rooms', change.rooms],
    ['Prototypes', change.prototypes],
    ['Spawns', change.spawns],
  ] as const;
  const { spawned, updated, removed, moved } = change.entities;
  return (
    <section className="diff-section" data-testid="content-diff">
      {kinds.map(([title, c]) => {
        const parts = (['added', 'changed', 'removed'] as const).filter((k) => c[k].length > 0).map((k) => `${k} ${c[k].join(', ')}`);
        return (
          <div key={title} className="content-kind">
            <b>{title}</b>: {parts.length > 0 ? parts.join('; ') : 'unchanged'}
          </div>
        );
      })}
      <div className="diff-count">
        entities: {spawned} spawned, {updated} updated, {removed} removed, {moved} moved
      </div>
    </section>
  );
}

/** What a rolled-back reload kept: the version still running, its systems' state, the world's data. */
function keptText(entry: ReloadEntry): string {
  const systems = Object.keys(entry.stateDiff.systems);
  const version = entry.oldVersion ? `v${entry.oldVersion}` : 'the previous version';
  const state = systems.length > 0 ? `the state of ${systems.join(', ')} as it was` : 'no StatefulSystem state to keep';
  return `Kept: ${version} of ${entry.packName} still runs, with ${state}; component data is as it was before the reload.`;
}

function Summary({ entry }: { entry: ReloadEntry }) {
  const outcome = outcomeOf(entry);
  if (entry.kind === 'edit') {
    return (
      <div className="diff-summary success" data-testid="state-diff-summary" data-outcome="success">
        Edit #{entry.id} of the world: {entry.cause}
      </div>
    );
  }
  return (
    <div className={`diff-summary ${outcome}`} data-testid="state-diff-summary" data-outcome={outcome}>
      Reload #{entry.id} of <b>{entry.packName}</b>: {outcome === 'success' ? 'succeeded' : outcome === 'rolled-back' ? 'failed and was rolled back' : 'failed'}
      {entry.error && <div className="diff-error">{entry.error.message}</div>}
      {outcome === 'rolled-back' && (
        <div className="diff-kept" data-testid="state-diff-kept">
          {keptText(entry)}
        </div>
      )}
    </div>
  );
}

export function StateDiffPanel() {
  const entry = useStudio((s) => s.reloads.find((r) => r.id === s.selectedReloadId));
  const [showUnchanged, setShowUnchanged] = useState(false);
  const systems = entry ? Object.entries(entry.stateDiff.systems) : [];
  const components = entry ? Object.entries(entry.stateDiff.components) : [];
  return (
    <div className="panel state-diff" aria-label="State diff">
      <div className="panel-title">
        State diff
        <label className="toggle">
          <input type="checkbox" checked={showUnchanged} onChange={(e) => setShowUnchanged(e.target.checked)} /> unchanged keys
        </label>
      </div>
      <div className={`panel-body${showUnchanged ? '' : ' jsondiffpatch-unchanged-hidden'}`} data-testid="state-diff">
        {!entry && <div className="empty">Select a reload on the timeline.</div>}
        {entry && <Summary entry={entry} />}
        {entry && (
          <>
            <h3>
              Systems ({systems.length}){entry.rolledBack ? ': state kept' : ''}
            </h3>
            {systems.length === 0 && <div className="empty">No StatefulSystem in this pack.</div>}
            {systems.map(([name, change]) => (
              <SystemDiff key={name} name={name} change={change} />
            ))}
            <h3>Migrated components ({components.length})</h3>
            {components.length === 0 && <div className="empty">{entry.rolledBack ? 'No component data changed: the rollback put it back as it was.' : 'No component data was migrated.'}</div>}
            {components.map(([name, change]) => (
              <ComponentDiff key={name} name={name} change={change} />
            ))}
            {entry.stateDiff.content && (
              <>
                <h3>Content (area files)</h3>
                <ContentSummary change={entry.stateDiff.content} />
              </>
            )}
          </>
        )}
      </div>
    </div>
  );
}
