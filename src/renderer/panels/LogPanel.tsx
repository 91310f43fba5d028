// The engine log, live, filterable by level, pack and text.
import { Fragment, useEffect, useMemo, useRef, useState } from 'react';
import '../styles/log.css';
import type { LogLevel } from '../../shared/model';
import { useStudio } from '../state/context';
import { filterLogs } from '../state/studio-state';

const LEVELS: LogLevel[] = ['DEBUG', 'INFO', 'WARNING', 'ERROR'];

/**
 * The message with a line-break opportunity after each `/`, and names with a
 * hyphen kept whole: a long path wraps between its folders, never inside a
 * name (browsers would break after any `-`).
 */
function Message({ text }: { text: string }) {
  const parts = text.split(/(\/|[^\s/]*-[^\s/]*)/);
  return (
    <span className="log-message">
      {parts.map((part, i) =>
        part === '/' ? (
          <Fragment key={i}>
            /<wbr />
          </Fragment>
        ) : part.includes('-') ? (
          <span key={i} className="log-word">
            {part}
          </span>
        ) : (
          <Fragment key={i}>{part}</Fragment>
        ),
      )}
    </span>
  );
}

export function LogPanel() {
  const logs = useStudio((s) => s.logs);
  const packs = useStudio((s) => s.packs);
  const [level, setLevel] = useState<LogLevel>('INFO');
  const [pack, setPack] = useState('');
  const [text, setText] = useState('');
  const body = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const shown = useMemo(() => filterLogs(logs, level, pack, text), [logs, level, pack, text]);

  useEffect(() => {
    const el = body.current;
    if (el && atBottom.current) el.scrollTop = el.scrollHeight;
  }, [shown]);

  return (
    <div className="panel log-panel" aria-label="Log">
      <div className="panel-title log-title">
        Log
        <select aria-label="Log level" title="Lowest level shown" value={level} onChange={(e) => setLevel(e.target.value as LogLevel)}>
          {LEVELS.map((l) => (
            <option key={l} value={l}>
              {l === 'ERROR' ? 'ERROR' : `${l}+`}
            </option>
          ))}
        </select>
        <select aria-label="Log pack" value={pack} onChange={(e) => setPack(e.target.value)}>
          <option value="">all packs</option>
          {packs.map((p) => (
            <option key={p.pack.name} value={p.pack.name}>
              {p.pack.name}
            </option>
          ))}
        </select>
        <input aria-label="Log filter" placeholder="filter" value={text} onChange={(e) => setText(e.target.value)} />
      </div>
      <div
        className="panel-body log-lines"
        ref={body}
        data-testid="log"
        onScroll={(e) => {
          const el = e.currentTarget;
          atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
        }}
      >
        {shown.map((l) => (
          <div key={l.seq} className={`log-line ${l.level.toLowerCase()}`} data-level={l.level} data-pack={l.pack ?? ''} title={new Date(l.time).toLocaleTimeString([], { hour12: false })}>
            <span className="log-time">{new Date(l.time).toLocaleTimeString([], { hour12: false })}</span>
            <span className="log-level" title={l.level}>
              {l.level === 'WARNING' ? 'WARN' : l.level}
            </span>
            <Message text={l.message} />
          </div>
        ))}
      </div>
    </div>
  );
}
