import { describe, expect, it } from 'vitest';
import type { LogEntry, PackProblems, ReloadEntry, TypeProblem } from '../../shared/model';
import { allProblems, filterLogs, initialState, outcomeOf, withLogs, withoutTab, withProblems, withReload, withTab } from './studio-state';

const reload = (id: number, over: Partial<ReloadEntry> = {}): ReloadEntry => ({
  id,
  packName: 'combat',
  success: true,
  rolledBack: false,
  trigger: 'file',
  changedFiles: [],
  durationMs: 5,
  timestamp: id,
  migrationsRun: 0,
  stateDiff: { systems: {}, components: {} },
  ...over,
});

describe('studio state', () => {
  it('keeps reloads newest first, selecting the newest while the user follows it', () => {
    let s = { ...initialState, ...withReload(initialState, reload(1)) };
    s = { ...s, ...withReload(s, reload(2)) };
    expect(s.reloads.map((r) => r.id)).toEqual([2, 1]);
    expect(s.selectedReloadId).toBe(2);
    s = { ...s, selectedReloadId: 1 };
    s = { ...s, ...withReload(s, reload(3)) };
    expect(s.selectedReloadId).toBe(1); // the user looks at an older one: leave it
    expect(withReload(s, reload(3))).toEqual({}); // the same entry twice (event and answer) counts once
  });

  it('tells outcomes apart', () => {
    expect(outcomeOf(reload(1))).toBe('success');
    expect(outcomeOf(reload(1, { success: false, rolledBack: true }))).toBe('rolled-back');
    expect(outcomeOf(reload(1, { success: false }))).toBe('failed');
  });

  it('appends log lines once, in order', () => {
    const line = (seq: number, level: LogEntry['level'] = 'INFO', pack?: string): LogEntry => ({ seq, level, message: `m${seq}`, time: seq, ...(pack ? { pack } : {}) });
    let s = { ...initialState, ...withLogs(initialState, [line(1), line(2)]) };
    s = { ...s, ...withLogs(s, [line(2), line(3, 'ERROR', 'combat')]) };
    expect(s.logs.map((l) => l.seq)).toEqual([1, 2, 3]);
    expect(filterLogs(s.logs, 'ERROR', '', '').map((l) => l.seq)).toEqual([3]);
    expect(filterLogs(s.logs, 'DEBUG', 'combat', '').map((l) => l.seq)).toEqual([3]);
    expect(filterLogs(s.logs, 'DEBUG', '', 'M2').map((l) => l.seq)).toEqual([2]);
  });

  it('opens, focuses and closes tabs', () => {
    let s = { ...initialState, ...withTab(initialState, 'combat', 'a.ts') };
    s = { ...s, ...withTab(s, 'combat', 'b.ts') };
    s = { ...s, ...withTab(s, 'combat', 'a.ts') };
    expect(s.tabs.map((t) => t.path)).toEqual(['a.ts', 'b.ts']);
    expect(s.activeTab).toBe('combat/a.ts');
    s = { ...s, ...withoutTab(s, 'combat/a.ts') };
    expect(s.activeTab).toBe('combat/b.ts');
  });

  it("puts a type check's count on the reload it followed, whichever arrives first", () => {
    const problem = (file: string, line: number, severity: TypeProblem['severity'] = 'error'): TypeProblem => ({ file, line, column: 1, endLine: line, endColumn: 2, message: 'm', code: 2322, severity });
    const report = (pack: string, reloadId: number | undefined, problems: TypeProblem[]): PackProblems => ({ pack, problems, checkedAt: 0, durationMs: 1, ...(reloadId !== undefined ? { reloadId } : {}) });
    let s = { ...initialState, ...withReload(initialState, reload(1)) };
    s = { ...s, ...withProblems(s, report('combat', 1, [problem('src/b.ts', 3), problem('src/a.ts', 9, 'warning')])) };
    expect(s.reloads[0]?.problems).toBe(2);
    // The report before its entry (a manual reload's answer comes after the check).
    s = { ...s, ...withProblems(s, report('combat', 2, [problem('src/a.ts', 1)])) };
    s = { ...s, ...withReload(s, reload(2)) };
    expect(s.reloads[0]).toMatchObject({ id: 2, problems: 1 });
    s = { ...s, ...withProblems(s, report('starter-world', undefined, [problem('src/z.ts', 1, 'warning'), problem('src/y.ts', 2)])) };
    expect(allProblems(s.problems).map((p) => `${p.pack}/${p.file}:${p.line}`)).toEqual(['combat/src/a.ts:1', 'starter-world/src/y.ts:2', 'starter-world/src/z.ts:1']);
  });
});
