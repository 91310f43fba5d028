import '@xterm/xterm/css/xterm.css';
import './styles/studio.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectToStudio } from './api/clients';
import { App } from './App';
import { StudioActions } from './state/actions';
import { StudioContext } from './state/context';

const root = createRoot(document.getElementById('root')!);
try {
  const actions = new StudioActions(connectToStudio());
  root.render(
    <StrictMode>
      <StudioContext.Provider value={actions}>
        <App />
      </StudioContext.Provider>
    </StrictMode>,
  );
  void actions.start();
} catch (err) {
  root.render(<div className="fatal">{err instanceof Error ? err.message : String(err)}</div>);
}
