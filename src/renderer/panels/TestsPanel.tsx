// A pack's tests, run from the studio: the test kit's checks and the pack's
// own tests (what `maid pack test` runs) in a process of their own, with
// progress while they run and a tree of passes and failures; a failure
// opens its file at its line. "After each reload" runs them after every
// successful reload of the pack, the result on that reload's entry.
import { useState } from 'react';
import type { PackTestCase, PackTestRun, TestFailureInfo } from '../../shared/model';
import '../styles/tests.css';
import { useActions, useStudio } from '../state/context';

const STATE_LABEL = { running: 'running', passed: 'passed', failed: 'failed', error: 'did not finish' } as const;
const MARK = { passed: '✓', failed: '✗', skipped: '–' } as const;

function FailureLink({ pack, failure }: { pack: string; failure: TestFailureInfo }) {
  const actions = useActions();
  const where = failure.file ? `${failure.file}${failure.line ? `:${failure.line}${failure.column ? `:${failure.column}` : ''}` : ''}` : undefined;
  return (
    <div className="test-failure">
      {where && failure.file ? (
        <button className="link" data-testid="test-failure-link" data-file={failure.file} data-line={failure.line ?? ''} onClick={() => void actions.reveal(pack, failure.file as string, failure.line ?? 1, failure.column ?? 1)}>
          {where}
        </button>
      ) : null}
      <span className="test-failure-message">{failure.message}</span>
    </div>
  );
}

/** The run's tests grouped by file, in the order they finished. */
function byFile(tests: PackTestCase[]): [string, PackTestCase[]][] {
  const files = new Map<string, PackTestCase[]>();
  for (const test of tests) files.set(test.file, [...(files.get(test.file) ?? []), test]);
  return [...files];
}

function RunView({ run }: { run: PackTestRun }) {
  return (
    <div className="test-run" data-testid="test-run" data-state={run.state} data-pack={run.pack} data-run={run.id}>
      <div className="test-summary">
        <span className={`badge ${run.state === 'passed' ? 'success' : run.state === 'running' ? 'reloading' : 'failed'}`}>{STATE_LABEL[run.state]}</span>
        <span>
          {run.passed} passed · {run.failed} failed{run.skipped > 0 ? ` · ${run.skipped} skipped` : ''}
          {run.files !== undefined ? ` · ${run.files} file${run.files === 1 ? '' : 's'}` : ''}
        </span>
        <span className="test-duration">{(run.durationMs / 1000).toFixed(1)} s</span>
      </div>
      {run.message && <div className="test-message">{run.message}</div>}
      <ul className="test-tree" aria-label="Checks and tests">
        {run.checks.map((check) => (
          <li key={check.title} className={`test-case ${check.skipped ? 'skipped' : check.ok ? 'passed' : 'failed'}`} data-testid="test-check">
            <span className="test-mark">{check.skipped ? MARK.skipped : check.ok ? MARK.passed : MARK.failed}</span> {check.title}
            {check.problems.map((p) => (
              <div key={p} className="test-failure-message">
                {p}
              </div>
            ))}
          </li>
        ))}
        {byFile(run.tests).map(([file, tests]) => (
          <li key={file} className="test-file">
            <div className="test-file-name">{file}</div>
            <ul>
              {tests.map((t) => (
                <li key={t.name} className={`test-case ${t.state}`} data-testid="test-case" data-state={t.state}>
                  <span className="test-mark">{MARK[t.state]}</span> {t.name}
                  {t.failure && <FailureLink pack={run.pack} failure={t.failure} />}
                </li>
              ))}
            </ul>
          </li>
        ))}
        {run.errors.map((e, i) => (
          <li key={`error-${i}`} className="test-case failed" data-testid="test-error">
            <span className="test-mark">{MARK.failed}</span> outside any test
            <FailureLink pack={run.pack} failure={e} />
          </li>
        ))}
      </ul>
    </div>
  );
}

export function TestsPanel() {
  const actions = useActions();
  const packs = useStudio((s) => s.packs);
  const runs = useStudio((s) => s.testRuns);
  const afterReload = useStudio((s) => s.testsAfterReload);
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const pack = chosen ?? packs[0]?.pack.name;
  const run = pack ? runs[pack] : undefined;
  return (
    <div className="panel tests-panel" aria-label="Tests">
      <div className="panel-title tests-title">
        <select aria-label="Pack to test" value={pack ?? ''} onChange={(e) => setChosen(e.target.value)}>
          {packs.map((p) => (
            <option key={p.pack.name} value={p.pack.name}>
              {p.pack.name}
            </option>
          ))}
        </select>
        <button className="small" disabled={!pack || run?.state === 'running'} onClick={() => pack && void actions.runPackTests(pack)}>
          {run?.state === 'running' ? 'Running…' : 'Run tests'}
        </button>
        <label className="tests-after-reload" title="Run this pack's tests after each successful reload of it">
          <input type="checkbox" checked={pack !== undefined && afterReload.includes(pack)} disabled={!pack} onChange={(e) => pack && void actions.setTestsAfterReload(pack, e.target.checked)} />
          after each reload
        </label>
      </div>
      <div className="panel-body">
        {!run && <div className="empty">Run a pack&apos;s tests: the test kit&apos;s checks and its own tests, in a process of their own.</div>}
        {run && <RunView run={run} />}
      </div>
    </div>
  );
}
