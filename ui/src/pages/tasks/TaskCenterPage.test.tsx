import { beforeEach, describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { renderAt } from '../../test/render';
import { mockCommands } from '../../test/ipc';
import type { BackupTaskRow, Cluster, RestoreTaskRow, TaskQuery } from '../../ipc/bindings';
import { cluster, restoreRow, settings, status } from '../../test/fixtures';

const NOW = Date.UTC(2026, 10, 24) * 1000;
const imported: Cluster = {
  ...cluster,
  id: 5,
  name: 'ob-hangzhou@laptop',
  host: '-',
  port: 1,
  version: null,
  lastSyncedAt: null,
  importedFrom: 'laptop',
};

function backupRow(jobId: number, from: Cluster): BackupTaskRow {
  return {
    clusterId: from.id,
    clusterName: from.name,
    tenantName: 'orders',
    state: 'completed',
    source: 'outsideTheDesk',
    progress: null,
    importedFrom: from.importedFrom,
    job: {
      tenantId: 1002,
      jobId,
      incarnation: 1,
      backupSetId: jobId,
      plusArchivelog: false,
      backupType: 'FULL',
      jobLevel: 'USER_TENANT',
      encryptionMode: 'NONE',
      start: NOW - jobId * 3_600_000_000,
      end: NOW - jobId * 3_600_000_000 + 600_000_000,
      status: 'COMPLETED',
      result: 0,
      comment: '',
      description: '',
      path: 'file:///backup/orders/data',
    },
  };
}

function restoreOf(id: number, from: Cluster): RestoreTaskRow {
  const row = restoreRow(id, false, NOW);
  return { ...row, row: from.id * 100 + id, clusterId: from.id, targetCluster: from.name, importedFrom: from.importedFrom };
}

/** The cache as the store answers it: imported clusters' rows only when asked for. */
function setup() {
  const queries: TaskQuery[] = [];
  const kept = (q: TaskQuery) => [cluster, imported].filter((c) => (q.includeImported || c.importedFrom === null) && (q.clusterId === null || q.clusterId === c.id));
  mockCommands({
    get_settings: () => settings,
    app_status: () => status,
    list_clusters: () => [cluster, imported],
    list_tenants: () => [],
    backup_task_page: ({ query }) => {
      queries.push(query);
      return { rows: kept(query).flatMap((c) => [backupRow(11, c), backupRow(12, c)]), next: null };
    },
    restore_task_page: ({ query }) => {
      queries.push(query);
      return { rows: kept(query).map((c) => restoreOf(3, c)), next: null };
    },
  });
  return queries;
}

const rowsOf = (table: HTMLElement) => Array.from(table.querySelectorAll('tbody tr.ant-table-row')).map((tr) => tr.textContent ?? '');

describe('Task center', { timeout: 120_000 }, () => {
  beforeEach(() => sessionStorage.clear());

  it('lists live tasks only until "Show imported history" is chosen, then the imported ones marked', async () => {
    const queries = setup();
    const view = renderAt('/backup-recovery');
    const choice = (await screen.findByRole('checkbox', { name: 'Show imported history' })) as HTMLInputElement;
    expect(choice.checked).toBe(false);
    const data = () => screen.getAllByRole('tabpanel')[0];
    await waitFor(() => expect(rowsOf(data())).toHaveLength(2));
    expect(rowsOf(data()).every((r) => r.includes('ob-hangzhou') && !r.includes('@laptop'))).toBe(true);
    expect(screen.queryByText('Imported · laptop')).toBeNull();
    expect(queries.every((q) => !q.includeImported)).toBe(true);

    fireEvent.click(choice);
    await waitFor(() => expect(rowsOf(data())).toHaveLength(4));
    const marked = rowsOf(data()).filter((r) => r.includes('Imported · laptop'));
    expect(marked).toHaveLength(2);
    expect(marked.every((r) => r.includes('ob-hangzhou@laptop'))).toBe(true);
    expect(queries[queries.length - 1]?.includeImported).toBe(true);

    // The recovery tasks follow the same choice.
    fireEvent.click(screen.getByRole('tab', { name: 'Recovery Tasks' }));
    const recovery = await waitFor(() => {
      const panel = screen.getAllByRole('tabpanel').find((p) => within(p).queryAllByText('orders_drill_3').length > 0);
      expect(panel).toBeTruthy();
      return panel as HTMLElement;
    });
    await waitFor(() => expect(within(recovery).getAllByText('Imported · laptop')).toHaveLength(1));

    // Remembered for the session: the page opened again keeps the choice.
    view.unmount();
    renderAt('/backup-recovery');
    expect(((await screen.findByRole('checkbox', { name: 'Show imported history' })) as HTMLInputElement).checked).toBe(true);
  });

  it('offers imported clusters in its cluster list only with the choice, marked', async () => {
    setup();
    renderAt('/backup-recovery');
    await screen.findByRole('checkbox', { name: 'Show imported history' });
    const labels = () => Array.from(document.querySelectorAll('.ant-select-item-option')).map((o) => o.textContent);
    fireEvent.mouseDown(screen.getByRole('combobox', { name: 'Cluster' }));
    await waitFor(() => expect(labels()).toEqual(['ob-hangzhou']));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Show imported history' }));
    await waitFor(() => expect(labels()).toEqual(['ob-hangzhou', 'ob-hangzhou@laptop (Imported · laptop)']));
  });
});
