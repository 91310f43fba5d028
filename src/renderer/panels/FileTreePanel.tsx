// The packs and their files, live: every loaded pack with its version,
// status and what it registered; folders and files as they are on disk.
import { useCallback, useState } from 'react';
import type { FileNode, PackTree } from '../../shared/model';
import { dirName } from '../../shared/pack-paths';
import { ContextMenu, type MenuItem, type MenuState } from '../components/context-menu';
import { useDialogs } from '../components/dialogs';
import { useActions, useStudio } from '../state/context';
import { tabKey } from '../state/studio-state';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function FileRow({ pack, node, depth, openMenu }: { pack: string; node: FileNode; depth: number; openMenu: (e: React.MouseEvent, items: MenuItem[]) => void }) {
  const actions = useActions();
  const dialogs = useDialogs();
  const active = useStudio((s) => s.activeTab === tabKey(pack, node.path));
  const dirty = useStudio((s) => s.tabs.find((t) => t.key === tabKey(pack, node.path))?.dirty ?? false);
  const [open, setOpen] = useState(true);
  const newFileIn = async (folder: string) => {
    const path = await dialogs.prompt(`New file in ${pack}`, folder ? `${folder}/` : 'src/');
    if (path) await actions.createFile(pack, path);
  };
  const indent = { paddingLeft: 8 + depth * 14 };
  if (node.kind === 'directory') {
    return (
      <li role="treeitem" aria-expanded={open} aria-label={node.name} data-path={node.path}>
        <div className="tree-row folder" style={indent} onClick={() => setOpen(!open)} onContextMenu={(e) => openMenu(e, [{ label: 'New file…', run: () => void newFileIn(node.path) }])}>
          <span className="twisty">{open ? '▾' : '▸'}</span>
          {node.name}
        </div>
        {open && (
          <ul role="group">
            {(node.children ?? []).map((child) => (
              <FileRow key={child.path} pack={pack} node={child} depth={depth + 1} openMenu={openMenu} />
            ))}
          </ul>
        )}
      </li>
    );
  }
  const menu: MenuItem[] = [
    { label: 'Open', run: () => void actions.openFile(pack, node.path) },
    { label: 'New file…', run: () => void newFileIn(dirName(node.path)) },
    {
      label: 'Rename…',
      run: async () => {
        const to = await dialogs.prompt(`Rename ${pack}/${node.path} to`, node.path, 'Rename');
        if (to && to !== node.path) await actions.renameFile(pack, node.path, to);
      },
    },
    {
      label: 'Delete…',
      danger: true,
      run: async () => {
        if (await dialogs.confirm(`Delete ${pack}/${node.path}? This cannot be undone.`, 'Delete')) await actions.deleteFile(pack, node.path);
      },
    },
  ];
  return (
    <li role="treeitem" aria-label={node.name} aria-selected={active} data-path={node.path}>
      <div className={`tree-row file${active ? ' active' : ''}`} style={indent} onClick={() => void actions.openFile(pack, node.path)} onContextMenu={(e) => openMenu(e, menu)}>
        <span className="twisty" />
        {node.name}
        {dirty && <span className="dirty-dot" title="Unsaved changes" />}
      </div>
    </li>
  );
}

function PackSection({ tree, openMenu }: { tree: PackTree; openMenu: (e: React.MouseEvent, items: MenuItem[]) => void }) {
  const actions = useActions();
  const dialogs = useDialogs();
  const { pack } = tree;
  const menu: MenuItem[] = [
    {
      label: 'New file…',
      run: async () => {
        const path = await dialogs.prompt(`New file in ${pack.name}`, 'src/');
        if (path) await actions.createFile(pack.name, path);
      },
    },
    { label: 'Reload pack', run: () => void actions.reloadPack(pack.name) },
  ];
  const status = pack.reloading ? 'reloading' : pack.status;
  const [open, setOpen] = useState(true);
  return (
    <section className="pack" data-testid={`pack-${pack.name}`} data-status={pack.status} data-expanded={open}>
      <header className="pack-header" onContextMenu={(e) => openMenu(e, menu)} title={pack.description ?? ''}>
        <div className="pack-title">
          <button className="icon-button pack-twisty" aria-expanded={open} aria-label={`${open ? 'Collapse' : 'Expand'} ${pack.name}`} title={open ? 'Hide the files' : 'Show the files'} onClick={() => setOpen(!open)}>
            {open ? '▾' : '▸'}
          </button>
          <span className="pack-name" onClick={() => setOpen(!open)}>
            {pack.name}
          </span>
          <span className={`badge ${status}`}>{status}</span>
          <button className="icon-button" title={`Reload ${pack.name}`} aria-label={`Reload ${pack.name}`} onClick={() => void actions.reloadPack(pack.name)}>
            ⟳
          </button>
        </div>
        <div className="pack-counts" title={`Systems: ${pack.systems.join(', ') || 'none'}\nCommands: ${pack.commands.join(', ') || 'none'}`}>
          v{pack.version} · {plural(pack.systems.length, 'system')} · {plural(pack.commands.length, 'command')}
        </div>
        {pack.error && <div className="pack-error">{pack.error}</div>}
      </header>
      {open && (
        <ul role="tree" aria-label={`${pack.name} files`}>
          {tree.files.map((node) => (
            <FileRow key={node.path} pack={pack.name} node={node} depth={0} openMenu={openMenu} />
          ))}
        </ul>
      )}
    </section>
  );
}

export function FileTreePanel() {
  const packs = useStudio((s) => s.packs);
  const [menu, setMenu] = useState<MenuState | null>(null);
  const close = useCallback(() => setMenu(null), []);
  const openMenu = (e: React.MouseEvent, items: MenuItem[]) => {
    e.preventDefault();
    e.stopPropagation();
    setMenu({ x: e.clientX, y: e.clientY, items });
  };
  return (
    <div className="panel file-tree" aria-label="Packs">
      <div className="panel-title">Packs</div>
      <div className="panel-body">
        {packs.length === 0 && <div className="empty">No packs loaded.</div>}
        {packs.map((tree) => (
          <PackSection key={tree.pack.name} tree={tree} openMenu={openMenu} />
        ))}
      </div>
      {menu && <ContextMenu menu={menu} close={close} />}
    </div>
  );
}
