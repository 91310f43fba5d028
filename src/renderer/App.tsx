// The studio's one layout: packs on the left, the editor with the terminal
// and log (or the pack tests, a tab beside it) below it in the middle, the
// reload timeline, the TypeScript problems and the state diff (or the World
// panel, a tab beside it) on the right; the map is a tab beside the log. Every border between panels can be dragged.
import { useCallback, useState } from 'react';
import { Group, Panel, Separator, usePanelRef } from 'react-resizable-panels';
import { DialogHost } from './components/dialogs';
import { PanelTabs } from './components/panel-tabs';
import { EditorPanel } from './panels/EditorPanel';
import { FileTreePanel } from './panels/FileTreePanel';
import { LogPanel } from './panels/LogPanel';
import { MapPanel } from './panels/MapPanel';
import { ProblemsPanel } from './panels/ProblemsPanel';
import { StateDiffPanel } from './panels/StateDiffPanel';
import { TerminalPanel } from './panels/TerminalPanel';
import { TestsPanel } from './panels/TestsPanel';
import { TimelinePanel } from './panels/TimelinePanel';
import { WorldPanel } from './panels/WorldPanel';
import { useActions, useStudio } from './state/context';

function StatusBar() {
  const info = useStudio((s) => s.info);
  const link = useStudio((s) => s.link);
  const packs = useStudio((s) => s.packs);
  const loaded = packs.filter((p) => p.pack.status === 'loaded').length;
  return (
    <footer className="status-bar">
      <span>MAID Studio {info?.studioVersion}</span>
      <span>{info ? `${info.mode} mode` : ''}</span>
      <span>
        {loaded}/{packs.length} packs loaded
      </span>
      <span>{info ? `reload after ${info.watchDebounceMs} ms of quiet` : ''}</span>
      <span className={`link ${link}`} data-testid="host-link">
        host {link}
      </span>
    </footer>
  );
}

function Notices() {
  const actions = useActions();
  const notices = useStudio((s) => s.notices);
  return (
    <div className="notices" aria-live="polite">
      {notices.map((n) => (
        <div key={n.id} className={`notice ${n.kind}`} role={n.kind === 'error' ? 'alert' : 'status'} onClick={() => actions.dismiss(n.id)}>
          {n.text}
        </div>
      ))}
    </div>
  );
}

/** The bottom row's and the log column's share when the map is enlarged, and as laid out at first. */
const MAP_LARGE = { bottom: '72', log: '70' };
const MAP_NORMAL = { bottom: '38', log: '50' };

/** The map drawn larger (the bottom row taller, its column wider) and back; dragging the borders works as well. */
function useMapSize() {
  const bottomRef = usePanelRef();
  const logRef = usePanelRef();
  const [large, setLarge] = useState(false);
  const toggle = useCallback(() => {
    const size = large ? MAP_NORMAL : MAP_LARGE;
    bottomRef.current?.resize(size.bottom);
    logRef.current?.resize(size.log);
    setLarge(!large);
  }, [large, bottomRef, logRef]);
  return { bottomRef, logRef, large, toggle };
}

export function App() {
  const actions = useActions();
  const mapSize = useMapSize();
  const fatal = useStudio((s) => s.fatal);
  const shared = useStudio((s) => s.sharedPanel);
  const bottom = useStudio((s) => s.bottomPanel);
  if (fatal) return <div className="fatal">{fatal}</div>;
  return (
    <DialogHost>
      <div className="studio">
        <Group orientation="horizontal" className="layout" id="studio-columns">
          <Panel id="panel-packs" defaultSize="16" minSize="10">
            <FileTreePanel />
          </Panel>
          <Separator className="separator vertical" />
          <Panel id="panel-center" defaultSize="58" minSize="25">
            <Group orientation="vertical" id="studio-center">
              <Panel id="panel-editor" defaultSize="62" minSize="15">
                <EditorPanel />
              </Panel>
              <Separator className="separator horizontal" />
              <Panel id="panel-bottom" panelRef={mapSize.bottomRef} defaultSize={MAP_NORMAL.bottom} minSize="10">
                <Group orientation="horizontal" id="studio-bottom">
                  <Panel id="panel-terminal" defaultSize="50" minSize="15">
                    <TerminalPanel />
                  </Panel>
                  <Separator className="separator vertical" />
                  <Panel id="panel-log" panelRef={mapSize.logRef} defaultSize={MAP_NORMAL.log} minSize="15">
                    <PanelTabs
                      label="Log, tests and map"
                      active={bottom}
                      onSelect={(id) => actions.showBottom(id === 'map' ? 'map' : id === 'tests' ? 'tests' : 'log')}
                      tabs={[
                        { id: 'log', label: 'Log', content: <LogPanel /> },
                        { id: 'tests', label: 'Tests', content: <TestsPanel /> },
                        { id: 'map', label: 'Map', content: <MapPanel large={mapSize.large} onToggleLarge={mapSize.toggle} /> },
                      ]}
                    />
                  </Panel>
                </Group>
              </Panel>
            </Group>
          </Panel>
          <Separator className="separator vertical" />
          <Panel id="panel-right" defaultSize="26" minSize="12">
            <Group orientation="vertical" id="studio-right">
              <Panel id="panel-timeline" defaultSize="32" minSize="10">
                <TimelinePanel />
              </Panel>
              <Separator className="separator horizontal" />
              <Panel id="panel-problems" defaultSize="24" minSize="8">
                <ProblemsPanel />
              </Panel>
              <Separator className="separator horizontal" />
              <Panel id="panel-diff" defaultSize="44" minSize="10">
                <PanelTabs
                  label="State diff and world"
                  active={shared}
                  onSelect={(id) => actions.showPanel(id === 'world' ? 'world' : 'diff')}
                  tabs={[
                    { id: 'diff', label: 'State diff', content: <StateDiffPanel /> },
                    { id: 'world', label: 'World', content: <WorldPanel /> },
                  ]}
                />
              </Panel>
            </Group>
          </Panel>
        </Group>
        <StatusBar />
        <Notices />
      </div>
    </DialogHost>
  );
}
