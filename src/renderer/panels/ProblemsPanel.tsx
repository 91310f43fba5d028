// The packs' TypeScript problems (the host checks a pack after each reload,
// off the reload's path): file:line, message and code; a click opens the
// file at the problem.
import { useMemo } from 'react';
import '../styles/problems.css';
import { useActions, useStudio } from '../state/context';
import { allProblems } from '../state/studio-state';

export function ProblemsPanel() {
  const actions = useActions();
  const reports = useStudio((s) => s.problems);
  const problems = useMemo(() => allProblems(reports), [reports]);
  const checked = Object.keys(reports).length > 0;
  return (
    <div className="panel problems" aria-label="Problems">
      <div className="panel-title">
        Problems
        <span className={`badge ${problems.length > 0 ? 'failed' : 'success'}`} data-testid="problem-count">
          {problems.length}
        </span>
      </div>
      <div className="panel-body">
        {!checked && <div className="empty">Type checking the packs…</div>}
        {checked && problems.length === 0 && <div className="empty">No TypeScript problems in the packs.</div>}
        <ul className="problem-list" aria-label="TypeScript problems">
          {problems.map((p) => (
            <li key={`${p.pack}/${p.file}:${p.line}:${p.column}:${p.code}`}>
              <button
                className={`problem ${p.severity}`}
                data-testid="problem"
                data-pack={p.pack}
                data-file={p.file}
                data-line={p.line}
                onClick={() => void actions.reveal(p.pack, p.file, p.line, p.column)}
              >
                <span className="problem-where">
                  {p.pack}/{p.file}:{p.line}:{p.column}
                </span>
                <span className="problem-text">
                  {p.message} <span className="problem-code">TS{p.code}</span>
                </span>
              </button>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
