// Every reload of this session, newest first: trigger, changed files,
// duration, outcome and migrations. Selecting one shows its state diff.
// Pack calls cut off and the engine going down and coming back are entries
// too, with their cause, and edits of the world from the World panel, each
// with an Undo.
import type { ReloadEntry } from '../../shared/model';
import { useActions, useStudio } from '../state/context';
import { outcomeOf } from '../state/studio-state';

const OUTCOME_LABEL = { success: 'success', failed: 'failed', 'rolled-back': 'rolled back' } as const;
const OUTCOME_ICON = { success: '✔', failed: '✖', 'rolled-back': '↺' } as const;
/** The badge of entries that are not reloads. */
const KIND_LABEL = { 'cut-off': 'call cut off', 'engine-down': 'engine down', 'engine-up': 'engine restarted', edit: 'edit' } as const;
const KIND_ICON = { 'cut-off': '✂', 'engine-down': '⚠', 'engine-up': '⟳', edit: '✎' } as const;

function time(ts: number): string {
  return new Date(ts).toLocaleTimeString([], { hour12: false });
}

function Entry({ entry, selected }: { entry: ReloadEntry; selected: boolean }) {
  const actions = useActions();
  const outcome = outcomeOf(entry);
  const kind = entry.kind && entry.kind !== 'reload' ? entry.kind : undefined;
  const versions = entry.oldVersion && entry.newVersion && entry.oldVersion !== entry.newVersion ? ` · v${entry.oldVersion} → v${entry.newVersion}` : '';
  return (
    <li
      role="option"
      aria-selected={selected}
      tabIndex={0}
      className={`reload-entry ${outcome}${selected ? ' selected' : ''}`}
      data-testid="reload-entry"
      data-id={entry.id}
      data-outcome={outcome}
      data-kind={kind ?? 'reload'}
      data-pack={entry.packName}
      data-trigger={entry.trigger}
      data-files={entry.changedFiles.join(',')}
      data-problems={entry.problems ?? ''}
      onClick={() => actions.selectReload(entry.id)}
      onKeyDown={(e) => e.key === 'Enter' && actions.selectReload(entry.id)}
    >
      <div className="reload-line">
        <span className="reload-icon" aria-hidden>
          {kind ? KIND_ICON[kind] : OUTCOME_ICON[outcome]}
        </span>
        <span className="reload-pack">{entry.packName}</span>
        <span className={`badge ${outcome}`}>{kind ? KIND_LABEL[kind] : OUTCOME_LABEL[outcome]}</span>
        {!kind && <span className="reload-trigger">{entry.trigger}</span>}
        {entry.problems !== undefined && entry.problems > 0 && (
          <span className="badge failed reload-problems" title="TypeScript problems in the pack after this reload (see Problems)">
            {entry.problems} problem{entry.problems === 1 ? '' : 's'}
          </span>
        )}
        {entry.tests && (
          <span className={`badge ${entry.tests.ok ? 'success' : 'failed'} reload-tests`} data-testid="reload-tests" title="The pack's tests, run after this reload (see Tests)">
            {entry.tests.ok ? `tests ✓ ${entry.tests.passed}` : `${entry.tests.failed} test${entry.tests.failed === 1 ? '' : 's'} failed`}
          </span>
        )}
        <span className="reload-duration">{entry.durationMs.toFixed(1)} ms</span>
        <span className="reload-time">{time(entry.timestamp)}</span>
      </div>
      {kind ? (
        <div className="reload-cause">
          {entry.cause}
          {entry.edit && <EditUndo entry={entry} />}
        </div>
      ) : (
        <>
          <div className="reload-files">{entry.changedFiles.length > 0 ? entry.changedFiles.join(', ') : '(no file changes)'}</div>
          <div className="reload-meta">
            {entry.migrationsRun} migration{entry.migrationsRun === 1 ? '' : 's'}
            {versions}
            {entry.error ? ` · ${entry.error.phase}: ${entry.error.message}` : ''}
          </div>
        </>
      )}
    </li>
  );
}

/** An edit's Undo, or what undid it. */
function EditUndo({ entry }: { entry: ReloadEntry }) {
  const actions = useActions();
  if (entry.edit?.undoneBy !== undefined) return <span className="edit-undone" data-testid="edit-undone"> · undone by #{entry.edit.undoneBy}</span>;
  return (
    <button
      className="small edit-undo"
      title="Put the world back as it was before this edit (the undo is an entry too)"
      onClick={(e) => {
        e.stopPropagation();
        void actions.undoEdit(entry.id);
      }}
    >
      Undo
    </button>
  );
}

export function TimelinePanel() {
  const reloads = useStudio((s) => s.reloads);
  const selected = useStudio((s) => s.selectedReloadId);
  return (
    <div className="panel timeline" aria-label="Reload timeline">
      <div className="panel-title">Reload timeline</div>
      <div className="panel-body">
        {reloads.length === 0 && <div className="empty">No reloads yet. Save a pack file to see one.</div>}
        <ul role="listbox" aria-label="Reloads">
          {reloads.map((entry) => (
            <Entry key={entry.id} entry={entry} selected={entry.id === selected} />
          ))}
        </ul>
      </div>
    </div>
  );
}
