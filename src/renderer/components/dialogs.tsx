// Small modal dialogs (name a file, confirm a delete). window.prompt does
// not exist in Electron, and these look like the rest of the studio.
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';

interface DialogRequest {
  kind: 'prompt' | 'confirm';
  title: string;
  initial?: string;
  confirmLabel: string;
  resolve: (value: string | null) => void;
}

interface Dialogs {
  prompt(title: string, initial?: string, confirmLabel?: string): Promise<string | null>;
  confirm(title: string, confirmLabel?: string): Promise<boolean>;
}

const DialogContext = createContext<Dialogs | null>(null);

export function useDialogs(): Dialogs {
  const dialogs = useContext(DialogContext);
  if (!dialogs) throw new Error('useDialogs outside DialogHost');
  return dialogs;
}

function DialogBox({ request, close }: { request: DialogRequest; close: (value: string | null) => void }) {
  const [value, setValue] = useState(request.initial ?? '');
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const el = input.current;
    if (!el) return;
    el.focus();
    // Select the name without its extension, as file managers do.
    const dot = el.value.lastIndexOf('.');
    const slash = el.value.lastIndexOf('/');
    el.setSelectionRange(slash + 1, dot > slash ? dot : el.value.length);
  }, []);
  const submit = () => close(request.kind === 'prompt' ? value : 'yes');
  return (
    <div className="dialog-backdrop" onMouseDown={() => close(null)}>
      <form
        className="dialog"
        role="dialog"
        aria-label={request.title}
        onMouseDown={(e) => e.stopPropagation()}
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
        onKeyDown={(e) => e.key === 'Escape' && close(null)}
      >
        <div className="dialog-title">{request.title}</div>
        {request.kind === 'prompt' && <input ref={input} value={value} onChange={(e) => setValue(e.target.value)} spellCheck={false} aria-label={request.title} />}
        <div className="dialog-buttons">
          <button type="button" onClick={() => close(null)}>
            Cancel
          </button>
          <button type="submit" className="primary" autoFocus={request.kind === 'confirm'}>
            {request.confirmLabel}
          </button>
        </div>
      </form>
    </div>
  );
}

export function DialogHost({ children }: { children: ReactNode }) {
  const [request, setRequest] = useState<DialogRequest | null>(null);
  const open = useCallback(
    (kind: DialogRequest['kind'], title: string, confirmLabel: string, initial?: string) =>
      new Promise<string | null>((resolve) => setRequest({ kind, title, confirmLabel, resolve, ...(initial !== undefined ? { initial } : {}) })),
    [],
  );
  const [dialogs] = useState<Dialogs>(() => ({
    prompt: (title, initial, confirmLabel = 'OK') => open('prompt', title, confirmLabel, initial),
    confirm: async (title, confirmLabel = 'OK') => (await open('confirm', title, confirmLabel)) !== null,
  }));
  const close = (value: string | null) => {
    request?.resolve(value);
    setRequest(null);
  };
  return (
    <DialogContext.Provider value={dialogs}>
      {children}
      {request && <DialogBox request={request} close={close} />}
    </DialogContext.Provider>
  );
}
