// What the studio shows, and the pure functions that fold the host's events
// into it. No I/O here (see actions.ts), so it is easy to test.

import type { LogEntry, PackProblems, PackTestRun, PackTree, ReloadEntry, StudioInfo, TypeProblem } from '../../shared/model';
/** Connection state of the host's event stream, for the status bar. */
export type LinkState = 'connecting' | 'open' | 'lost';

export interface EditorTab {
  /** `pack/path`. */
  key: string;
  pack: string;
  path: string;
  dirty: boolean;
  /** Why the file on disk and this tab disagree (changed elsewhere while edited), if they do. */
  conflict?: string;
}

export interface Notice {
  id: number;
  kind: 'info' | 'error';
  text: string;
}

export interface StudioState {
  info?: StudioInfo;
  link: LinkState;
  packs: PackTree[];
  /** Newest first. */
  reloads: ReloadEntry[];
  selectedReloadId?: number;
  logs: LogEntry[];
  tabs: EditorTab[];
  activeTab?: string;
  notices: Notice[];
  /** Each pack's TypeScript problems, as of its last type check. */
  problems: Record<string, PackProblems>;
  /** A place in a file the editor should show (a problem clicked); `seq` makes each request new. */
  reveal?: { key: string; line: number; column: number; seq: number };
  /** Set when the studio could not start at all. */
  fatal?: string;
  /** Which panel the place below the problems shows: the state diff, or the World panel. */
  sharedPanel: 'diff' | 'world';
  /** Which panel the place beside the terminal shows: the log, the pack tests, or the map. */
  bottomPanel: 'log' | 'tests' | 'map';
  /** The newest run of each pack's tests. */
  testRuns: Record<string, PackTestRun>;
  /** Packs whose tests run after each successful reload. */
  testsAfterReload: string[];
  /** Where the terminal's character is (its GMCP Room.Info) and who it is (Char.Status): what the map follows. */
  terminal?: { room?: string; character?: string };
}

export const MAX_LOG_LINES = 2000;
export const MAX_RELOADS = 500;

export const initialState: StudioState = { link: 'connecting', packs: [], reloads: [], logs: [], tabs: [], notices: [], problems: {}, sharedPanel: 'diff', bottomPanel: 'log', testRuns: {}, testsAfterReload: [] };

/** A test run's progress; once it ends, a run that followed a reload puts its result on that entry. */
export function withTestRun(state: StudioState, run: PackTestRun): Partial<StudioState> {
  const testRuns = { ...state.testRuns, [run.pack]: run };
  if (run.reloadId === undefined || run.state === 'running') return { testRuns };
  const tests = { runId: run.id, passed: run.passed, failed: run.failed, ok: run.state === 'passed' };
  return { testRuns, reloads: state.reloads.map((r) => (r.id === run.reloadId ? { ...r, tests } : r)) };
}

/** A pack's type-check report: kept per pack, its count put on the reload it followed. */
export function withProblems(state: StudioState, report: PackProblems): Partial<StudioState> {
  const problems = { ...state.problems, [report.pack]: report };
  if (report.reloadId === undefined) return { problems };
  const reloads = state.reloads.map((r) => (r.id === report.reloadId ? { ...r, problems: report.problems.length } : r));
  return { problems, reloads };
}

/** Every pack's problems, errors first, then by pack, file and line. */
export function allProblems(problems: Record<string, PackProblems>): (TypeProblem & { pack: string })[] {
  return Object.values(problems)
    .flatMap((r) => r.problems.map((p) => ({ ...p, pack: r.pack })))
    .sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) || a.pack.localeCompare(b.pack) || a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}

export const tabKey = (pack: string, path: string) => `${pack}/${path}`;

/** Adds a reload, newest first, without duplicates; selects it when the user had the newest one selected (or none). */
export function withReload(state: StudioState, entry: ReloadEntry): Partial<StudioState> {
  if (state.reloads.some((r) => r.id === entry.id)) return {};
  // The type check may have reported before this entry arrived (the manual reload's answer).
  const report = Object.values(state.problems).find((r) => r.reloadId === entry.id);
  if (report && entry.problems === undefined) entry = { ...entry, problems: report.problems.length };
  const followNewest = state.selectedReloadId === undefined || state.selectedReloadId === state.reloads[0]?.id;
  // An undo marks the edit it undid.
  const undone = entry.edit?.undoOf;
  const known = undone === undefined ? state.reloads : state.reloads.map((r) => (r.id === undone && r.edit ? { ...r, edit: { ...r.edit, undoneBy: entry.id } } : r));
  const reloads = [entry, ...known].sort((a, b) => b.id - a.id).slice(0, MAX_RELOADS);
  return { reloads, ...(followNewest ? { selectedReloadId: entry.id } : {}) };
}

/** Appends log lines in sequence order, dropping any already held. */
export function withLogs(state: StudioState, entries: LogEntry[]): Partial<StudioState> {
  const last = state.logs[state.logs.length - 1]?.seq ?? 0;
  const fresh = entries.filter((e) => e.seq > last);
  if (fresh.length === 0) return {};
  const logs = [...state.logs, ...fresh];
  return { logs: logs.length > MAX_LOG_LINES ? logs.slice(logs.length - MAX_LOG_LINES) : logs };
}

/** Opens (or focuses) a tab. */
export function withTab(state: StudioState, pack: string, path: string): Partial<StudioState> {
  const key = tabKey(pack, path);
  const tabs = state.tabs.some((t) => t.key === key) ? state.tabs : [...state.tabs, { key, pack, path, dirty: false }];
  return { tabs, activeTab: key };
}

/** Closes a tab; the neighbour becomes active. */
export function withoutTab(state: StudioState, key: string): Partial<StudioState> {
  const index = state.tabs.findIndex((t) => t.key === key);
  if (index < 0) return {};
  const tabs = state.tabs.filter((t) => t.key !== key);
  const activeTab = state.activeTab === key ? tabs[Math.min(index, tabs.length - 1)]?.key : state.activeTab;
  return { tabs, activeTab };
}

export function withTabChange(state: StudioState, key: string, change: Partial<EditorTab>): Partial<StudioState> {
  return { tabs: state.tabs.map((t) => (t.key === key ? { ...t, ...change } : t)) };
}

/** Log lines at or above a level, of a pack (or all), containing a text (or any). */
export function filterLogs(logs: LogEntry[], minLevel: LogEntry['level'], pack: string, text: string): LogEntry[] {
  const rank = { DEBUG: 0, INFO: 1, WARNING: 2, ERROR: 3 } as const;
  const needle = text.trim().toLowerCase();
  return logs.filter((l) => rank[l.level] >= rank[minLevel] && (pack === '' || l.pack === pack) && (needle === '' || l.message.toLowerCase().includes(needle)));
}

/** The outcome a timeline entry shows. */
export function outcomeOf(entry: ReloadEntry): 'success' | 'rolled-back' | 'failed' {
  return entry.success ? 'success' : entry.rolledBack ? 'rolled-back' : 'failed';
}
