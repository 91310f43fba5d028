// The Monaco editor with a tab per open file: dirty markers, Ctrl/Cmd+S,
// and the pack's last reload failure under it, linked to its line.
import { useEffect, useRef } from 'react';
import type { ReloadEntry } from '../../shared/model';
import { baseName } from '../../shared/pack-paths';
import { monaco } from '../editor/monaco';
import { modelOf } from '../editor/models';
import { useActions, useStudio } from '../state/context';
import type { EditorTab } from '../state/studio-state';

function Tabs({ tabs, active }: { tabs: EditorTab[]; active: string | undefined }) {
  const actions = useActions();
  return (
    <div className="tabs" role="tablist">
      {tabs.map((tab) => (
        <div
          key={tab.key}
          role="tab"
          aria-selected={tab.key === active}
          data-key={tab.key}
          data-dirty={tab.dirty}
          className={`tab${tab.key === active ? ' active' : ''}`}
          title={`${tab.pack}/${tab.path}`}
          onClick={() => actions.activate(tab.key)}
          onAuxClick={(e) => e.button === 1 && actions.closeTab(tab.key)}
        >
          <span className="tab-name">{baseName(tab.path)}</span>
          <span className="tab-pack">{tab.pack}</span>
          {tab.dirty ? <span className="dirty-dot" aria-label="unsaved" /> : null}
          <button
            className="tab-close"
            aria-label={`Close ${baseName(tab.path)}`}
            onClick={(e) => {
              e.stopPropagation();
              actions.closeTab(tab.key);
            }}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}

/** The pack's newest reload, when it failed: what the problems bar shows. */
function failureOf(reloads: ReloadEntry[], pack: string | undefined): ReloadEntry | undefined {
  const newest = pack ? reloads.find((r) => r.packName === pack) : undefined;
  return newest && !newest.success ? newest : undefined;
}

function ProblemBar({ tab, editor }: { tab: EditorTab | undefined; editor: React.RefObject<monaco.editor.IStandaloneCodeEditor | null> }) {
  const actions = useActions();
  const failure = useStudio((s) => failureOf(s.reloads, tab?.pack));
  if (!tab) return null;
  if (tab.conflict) {
    return (
      <div className="problem-bar conflict" role="alert">
        <span>{tab.conflict}</span>
        <button onClick={() => void actions.save(tab.key, { overwrite: true })}>Overwrite with mine</button>
        <button onClick={() => void actions.revertToDisk(tab.key)}>Take the file on disk</button>
      </div>
    );
  }
  if (!failure?.error) return null;
  const e = failure.error;
  const where = e.file ? `${e.file}${e.line ? `:${e.line}${e.column ? `:${e.column}` : ''}` : ''}` : '';
  const goTo = async () => {
    if (!e.file) return;
    await actions.openFile(failure.packName, e.file);
    const ed = editor.current;
    if (ed && e.line) {
      ed.revealLineInCenter(e.line);
      ed.setPosition({ lineNumber: e.line, column: e.column ?? 1 });
      ed.focus();
    }
  };
  return (
    <div className="problem-bar" role="alert" data-testid="reload-problem" data-file={e.file ?? ''} data-line={e.line ?? ''}>
      <span className="problem-title">
        {failure.trigger === 'load' ? `Loading ${failure.packName} failed` : `Reload of ${failure.packName} failed`}
        {failure.rolledBack ? ' and was rolled back' : ''}
      </span>
      {where && (
        <button className="link" onClick={() => void goTo()}>
          {where}
        </button>
      )}
      <span className="problem-message">{e.message}</span>
    </div>
  );
}

export function EditorPanel() {
  const actions = useActions();
  const tabs = useStudio((s) => s.tabs);
  const active = useStudio((s) => s.activeTab);
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const viewStates = useRef(new Map<string, monaco.editor.ICodeEditorViewState | null>());
  const shown = useRef<string | undefined>(undefined);
  const activeTab = tabs.find((t) => t.key === active);

  useEffect(() => {
    if (!host.current) return;
    const ed = monaco.editor.create(host.current, {
      model: null,
      theme: 'maid-dark',
      automaticLayout: true,
      glyphMargin: true,
      minimap: { enabled: false },
      fontSize: 13,
      scrollBeyondLastLine: false,
      tabSize: 2,
      fixedOverflowWidgets: true,
    });
    ed.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, () => void actions.save());
    editor.current = ed;
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
        e.preventDefault(); // never the browser's "save page"
        if (!ed.hasTextFocus()) void actions.save();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      ed.dispose();
      editor.current = null;
    };
  }, [actions]);

  useEffect(() => {
    const ed = editor.current;
    if (!ed || shown.current === active) return;
    if (shown.current) viewStates.current.set(shown.current, ed.saveViewState());
    const model = activeTab ? modelOf(activeTab.pack, activeTab.path) : null;
    ed.setModel(model);
    shown.current = model ? active : undefined;
    if (model && active) {
      const state = viewStates.current.get(active);
      if (state) ed.restoreViewState(state);
      ed.focus();
    }
  }, [active, activeTab]);

  // A problem clicked elsewhere: show its line once its file is the active tab.
  const reveal = useStudio((s) => s.reveal);
  useEffect(() => {
    const ed = editor.current;
    if (!ed || !reveal || reveal.key !== active || shown.current !== active) return;
    ed.revealLineInCenter(reveal.line);
    ed.setPosition({ lineNumber: reveal.line, column: reveal.column });
    ed.focus();
  }, [reveal, active]);

  return (
    <div className="panel editor-panel" aria-label="Editor">
      <Tabs tabs={tabs} active={active} />
      <div className="editor-host" ref={host} data-testid="editor" data-file={activeTab ? `${activeTab.pack}/${activeTab.path}` : ''} />
      {tabs.length === 0 && <div className="editor-empty">Open a file from the pack tree.</div>}
      <ProblemBar tab={activeTab} editor={editor} />
    </div>
  );
}
