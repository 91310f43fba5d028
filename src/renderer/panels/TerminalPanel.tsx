// The MUD terminal: xterm.js showing a real game session, with a local input
// line (history on Up/Down, masked while the game asks for a password). The
// session belongs to the game server, so it survives every pack reload.
import type { FitAddon } from '@xterm/addon-fit';
import type { Terminal } from '@xterm/xterm';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { GameEndpoint } from '../../shared/model';
import { useActions, useStudio } from '../state/context';
import { InputHistory } from '../terminal/input-history';
import { MudLink, type LinkStatus } from '../terminal/mud-link';
import { asksForPassword, echoFromGmcp } from '../terminal/mud-protocol';
import { WordWrapper } from '../terminal/word-wrap';

const THEME = { background: '#14161b', foreground: '#d7dae0', cursor: '#d7dae0' };

/** Opens a terminal in an element, fitted to it as it resizes; returns how to take it down. */
function mountTerminal(el: HTMLDivElement, t: Terminal, fit: FitAddon, onResize: (cols: number, rows: number) => void): () => void {
  t.loadAddon(fit);
  t.open(el);
  const refit = () => {
    try {
      fit.fit();
    } catch {
      // Hidden (zero size): fit again when shown.
    }
  };
  refit();
  const observer = new ResizeObserver(refit);
  observer.observe(el);
  const sizeListener = t.onResize(({ cols, rows }) => onResize(cols, rows));
  return () => {
    observer.disconnect();
    sizeListener.dispose();
    t.dispose();
  };
}

export function TerminalPanel() {
  const actions = useActions();
  const version = useStudio((s) => s.info?.studioVersion);
  const [endpoint, setEndpoint] = useState<GameEndpoint | undefined>(undefined);
  const [status, setStatus] = useState<LinkStatus | 'none'>('none');
  const [reason, setReason] = useState('');
  const [masked, setMasked] = useState(false);
  const [input, setInput] = useState('');
  const [attempt, setAttempt] = useState(0);
  const host = useRef<HTMLDivElement>(null);
  const term = useRef<Terminal | null>(null);
  const link = useRef<MudLink | null>(null);
  const history = useRef(new InputHistory());
  const recent = useRef('');
  const serverEcho = useRef<boolean | undefined>(undefined);
  const wrapper = useRef(new WordWrapper(80));
  /** Writes to the terminal broken at spaces for its width (xterm alone would cut words at the edge). */
  const show = (text: string) => term.current?.write(wrapper.current.wrap(text));

  // The terminal itself lives as long as the panel; xterm loads on its own, off the studio's critical path.
  const [ready, setReady] = useState(false);
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    let disposed = false;
    let cleanup = () => {};
    void Promise.all([import('@xterm/xterm'), import('@xterm/addon-fit')]).then(([{ Terminal }, { FitAddon }]) => {
      if (disposed) return;
      const t = new Terminal({ convertEol: true, cursorBlink: false, disableStdin: true, fontSize: 13, scrollback: 5000, theme: THEME });
      const unmount = mountTerminal(el, t, new FitAddon(), (cols, rows) => {
        wrapper.current.resize(cols);
        link.current?.reportSize(cols, rows);
      });
      wrapper.current.resize(t.cols);
      term.current = t;
      cleanup = () => {
        unmount();
        term.current = null;
      };
      setReady(true);
    });
    return () => {
      disposed = true;
      cleanup();
    };
  }, []);

  // Ask the host where the game is, then connect (again on Reconnect).
  useEffect(() => {
    if (version === undefined || !ready) return; // connect once the studio has said who it is and the terminal is there
    let cancelled = false;
    void (async () => {
      try {
        const game = await actions.openGameSession();
        if (cancelled) return;
        setEndpoint(game);
        if (!game.available) {
          setStatus('none');
          setReason(game.reason);
          return;
        }
        const t = term.current;
        const l = new MudLink(
          game.url,
          {
            text: (text) => {
              show(text);
              recent.current = (recent.current + text).slice(-400);
              setMasked(serverEcho.current === false || asksForPassword(recent.current));
            },
            gmcp: (message) => {
              const data = message.data as { id?: unknown; name?: unknown } | undefined;
              if (message.package === 'Room.Info' && typeof data?.id === 'string') actions.terminalAt({ room: data.id });
              if (message.package === 'Char.Status' && typeof data?.name === 'string') actions.terminalAt({ character: data.name });
              const echo = echoFromGmcp(message);
              if (echo !== undefined) {
                serverEcho.current = echo;
                setMasked(!echo);
              }
            },
            status: (s, why) => {
              setStatus(s);
              setReason(why ?? '');
              if (s === 'closed') show(`\r\n\x1b[2m-- ${why ?? 'disconnected'} --\x1b[0m\r\n`);
            },
          },
          version,
        );
        if (t) l.reportSize(t.cols, t.rows);
        link.current = l;
      } catch (err) {
        if (!cancelled) setReason(err instanceof Error ? err.message : String(err));
      }
    })();
    return () => {
      cancelled = true;
      link.current?.close();
      link.current = null;
    };
  }, [actions, attempt, version, ready]);

  const send = () => {
    const l = link.current;
    if (!l?.isOpen) return;
    const line = input;
    l.sendLine(line);
    history.current.push(line, masked);
    if (!masked) show(`\x1b[33m${line}\x1b[0m\r\n`);
    recent.current = '';
    setInput('');
    if (serverEcho.current !== false) setMasked(false);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      send();
    } else if (e.key === 'ArrowUp' && !masked) {
      e.preventDefault();
      setInput(history.current.up(input));
    } else if (e.key === 'ArrowDown' && !masked) {
      e.preventDefault();
      setInput(history.current.down());
    }
  };

  return (
    <div className="panel terminal-panel" aria-label="Terminal">
      <div className="panel-title">
        Terminal
        <span className={`link-status ${status}`} data-testid="terminal-status">
          {status === 'none' ? 'no game' : status}
        </span>
        {status === 'closed' && (
          <button className="small" onClick={() => setAttempt((n) => n + 1)}>
            Reconnect
          </button>
        )}
        <button className="small restart-engine" title="Start a new engine process: packs and world loaded again, every game session kept" onClick={() => void actions.restartEngine()}>
          Restart engine
        </button>
      </div>
      <div className="terminal-host" ref={host} data-testid="terminal" />
      {endpoint && !endpoint.available && <div className="terminal-note">{reason}</div>}
      <input
        className="terminal-input"
        aria-label="Command"
        type={masked ? 'password' : 'text'}
        autoComplete="off"
        spellCheck={false}
        placeholder={status === 'open' ? (masked ? 'Password (hidden)' : 'Type a command, Enter to send, ↑/↓ for history') : 'Not connected'}
        disabled={status !== 'open'}
        value={input}
        onChange={(e) => setInput(e.target.value)}
        onKeyDown={onKeyDown}
      />
    </div>
  );
}
