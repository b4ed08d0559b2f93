// Export and import through the system's file dialogs: a folder chosen for an export,
// the written file shown with Open Folder; a file chosen for an import; a closed dialog
// does nothing.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { renderWith } from '../../test/render';
import { mockCommands } from '../../test/ipc';
import { settings, status } from '../../test/fixtures';
import { ExchangeButtons } from './ExchangeButtons';

const dialog = vi.hoisted(() => ({ open: vi.fn() }));
const opener = vi.hoisted(() => ({ revealItemInDir: vi.fn() }));
vi.mock('@tauri-apps/plugin-dialog', () => dialog);
vi.mock('@tauri-apps/plugin-opener', () => opener);

const written = '/home/dba/exports/ob-backup-desk-history-20261206-101500Z.json';

beforeEach(() => {
  dialog.open.mockReset();
  opener.revealItemInDir.mockReset();
});

async function openMenu(item: string) {
  fireEvent.click(await screen.findByRole('button', { name: 'Export / Import' }));
  fireEvent.click(await screen.findByText(item));
}

/** The shell answering exports and imports; what the page sent is kept. */
function mockExchange() {
  const sent = { exports: [] as unknown[], imports: [] as unknown[] };
  mockCommands({
    get_settings: () => settings,
    app_status: () => status,
    export_history: (args) => {
      sent.exports.push(args);
      return { path: written, backupJobs: 12, restoreJobs: 3 };
    },
    import_history: (args) => {
      sent.imports.push(args);
      return { clusters: ['ob-hz@laptop'], backupJobs: 5, restoreJobs: 1 };
    },
  });
  return sent;
}

describe('Export and import', () => {
  it('exports into the folder chosen in the system dialog and offers to open it', async () => {
    const { exports } = mockExchange();
    dialog.open.mockResolvedValue('/home/dba/exports');
    renderWith(<ExchangeButtons />);
    await openMenu('Export history (JSON)');
    expect(await screen.findByText('History exported')).toBeTruthy();
    expect(exports).toEqual([{ format: 'JSON', cluster: null, from: null, to: null, directory: '/home/dba/exports' }]);
    expect(dialog.open.mock.calls[0][0]).toMatchObject({ directory: true });
    expect(screen.getByText('12 backup and 3 recovery tasks were written to:')).toBeTruthy();
    expect(screen.getByText(written)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Open Folder' }));
    expect(opener.revealItemInDir).toHaveBeenCalledWith(written);
  });

  it('does not export when the folder dialog is closed', async () => {
    const { exports } = mockExchange();
    dialog.open.mockResolvedValue(null);
    renderWith(<ExchangeButtons />);
    await openMenu('Export history (CSV)');
    await waitFor(() => expect(dialog.open).toHaveBeenCalled());
    expect(exports).toEqual([]);
    expect(screen.queryByText('History exported')).toBeNull();
  });

  it('imports the file chosen in the system dialog', async () => {
    const { imports } = mockExchange();
    dialog.open.mockResolvedValue(written);
    renderWith(<ExchangeButtons />);
    await openMenu('Import history…');
    fireEvent.click(await screen.findByRole('button', { name: 'Browse…' }));
    await waitFor(() =>
      expect((screen.getByRole('textbox', { name: 'JSON export file' }) as HTMLInputElement).value).toBe(written),
    );
    expect(dialog.open.mock.calls[0][0]).toMatchObject({ directory: false, filters: [{ extensions: ['json'] }] });
    fireEvent.change(screen.getByPlaceholderText('laptop-1124'), { target: { value: 'laptop' } });
    fireEvent.click(screen.getByRole('button', { name: 'Import' }));
    await waitFor(() => expect(imports).toEqual([{ path: written, label: 'laptop' }]));
  });
});
