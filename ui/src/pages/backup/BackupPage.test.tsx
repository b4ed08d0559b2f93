import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { emit } from '@tauri-apps/api/event';
import { EVENTS, type BackupPageHead, type PeriodView, type TaskQuery } from '../../ipc/bindings';
import { verbatim } from '../../i18n';
import { renderAt } from '../../test/render';
import { mockCommands } from '../../test/ipc';
import type { Args, Result } from '../../ipc/client';
import { cluster, settings, status, tenant, restoreRow as fixtureRestoreRow } from '../../test/fixtures';

const DAY = 86_400_000_000;
const NOW = Date.now() * 1000;

const head: BackupPageHead = {
  overview: {
    status: 'noStrategy',
    backupMethod: null,
    backupFileBytes: null,
    lastDataBackup: { backupSetId: 31, backupType: 'FULL', at: Date.UTC(2026, 10, 23, 2, 40, 0) * 1000, bytes: 7 * 2 ** 30 },
    logCheckpoint: Date.UTC(2026, 10, 24, 0, 29, 0) * 1000,
    showLogLatency: false,
    clusterConfig: null,
  },
  refusals: { backupNow: null, initiateRecovery: { 'en-US': 'Nothing is recoverable yet: no backup set with the log after it', 'zh-CN': '暂无可恢复的时间区间：还没有数据备份及其后的日志备份' } },
  strategy: false,
};

function period(index: number): PeriodView {
  const end = NOW - index * 7 * DAY;
  return {
    index,
    start: end - 7 * DAY,
    end,
    ranges: [{ start: end - 6 * DAY, end: end - DAY }],
    points: [{ backupSetId: 40 - index, backupType: 'FULL', at: end - 3 * DAY, restorableFrom: end - 3 * DAY, bytes: 2 ** 30 }],
    logCheckpoint: index === 0 ? end - 60_000_000 : null,
    hasEarlier: index < 2,
  };
}

const restoreRow = (id: number, failed: boolean) => fixtureRestoreRow(id, failed, NOW);

/** What the cluster answers when a failed restore's Retry and Clean Up are checked. */
let failedChecks: Result<'failed_restore_actions'> = { retry: null, cleanUp: null };
let syncedNow: number[] = [];

function setup(overrides: Partial<BackupPageHead> = {}, clusterNow: typeof cluster = cluster, role = 'PRIMARY') {
  const periods: number[] = [];
  const logSwitches: Args<'set_log_backup'>[] = [];
  const restoreQueries: TaskQuery[] = [];
  const activations: Args<'activate_tenant'>[] = [];
  // The page's tenant; a STANDBY one is the restore job 7 left behind.
  const page = role === 'STANDBY' ? { ...tenant(1, 'orders_drill_7'), obTenantId: 1002, role } : { ...tenant(1, 'orders'), obTenantId: 1002 };
  mockCommands({
    get_settings: () => settings,
    app_status: () => status,
    get_tenant: () => page,
    activate_tenant: (args) => {
      activations.push(args);
      return { journalId: 3, state: 'CONFIRMED', jobId: null, message: verbatim('ACTIVATE_TENANT took effect') };
    },
    backup_page_head: () => ({ ...head, ...overrides }),
    recoverable_period: (args) => {
      periods.push(args.period);
      return period(args.period);
    },
    backup_task_page: () => ({ rows: [], next: null }),
    log_backup_tasks: () => [],
    list_clusters: () => [clusterNow],
    list_tenants: () => [page],
    effective_strategy: () => null,
    secret_backend: () => ({ kind: 'keyring' }),
    set_log_backup: (args) => {
      logSwitches.push(args);
      return { journalId: 1, state: 'CONFIRMED', jobId: null, message: verbatim('STOP_LOG_BACKUP took effect') };
    },
    failed_restore_actions: () => failedChecks,
    sync_now: (args) => {
      syncedNow.push(args.cluster);
      return null;
    },
    restore_task_page: (args) => {
      const q = args.query;
      restoreQueries.push(q);
      const rows = q.from === null ? [restoreRow(7, false), restoreRow(9, true)] : [restoreRow(9, true)];
      return { rows, next: null };
    },
  });
  renderAt('/tenants/1/backup');
  return { periods, restoreQueries, logSwitches, activations };
}

// The whole page (tables, tabs, chart) renders slowly in jsdom on a busy 2-core machine.
describe('Tenant Backup and Recovery page', { timeout: 150_000 }, () => {
  it('reads the card, and enables the header actions or gives their reasons', async () => {
    setup();
    const card = (await screen.findByText('Backup Overview')).closest('.ant-card') as HTMLElement;
    const inCard = within(card);
    expect(await inCard.findByText('No Backup Strategy')).toBeTruthy();
    expect(inCard.getByText('2026-11-23 10:40:00 UTC+08:00')).toBeTruthy();
    expect(inCard.getByText('(Full, set 31, 7.0 GiB)')).toBeTruthy();
    expect(inCard.getByText('2026-11-24 08:29:00 UTC+08:00')).toBeTruthy();
    // Without a strategy the seed hides method, file and latency.
    expect(inCard.queryByText('Backup Method')).toBeNull();
    expect(inCard.queryByText('Backup File')).toBeNull();
    expect(inCard.queryByText('Log Latency')).toBeNull();
    // Without a strategy there is nothing to recover from; backups and a strategy can be started.
    expect((screen.getByRole('button', { name: 'Initiate Recovery' }) as HTMLButtonElement).disabled).toBe(true);
    for (const label of ['Backup Now', 'Backup Now for Current Cluster', 'Add Backup Strategy for Current Cluster']) {
      const button = screen.getByRole('button', { name: label }) as HTMLButtonElement;
      expect(button.disabled).toBe(false);
    }
    const recovery = screen.getByRole('button', { name: 'Initiate Recovery' }).closest('[data-reason]');
    expect(recovery?.getAttribute('data-reason')).toBe('Nothing is recoverable yet: no backup set with the log after it');
  });

  it('explains a restored standby tenant and activates it after saying what that does', async () => {
    const { activations } = setup({}, cluster, 'STANDBY');
    expect(await screen.findByText('Tenant orders_drill_7 is a standby restored from backups.')).toBeTruthy();
    fireEvent.click(await screen.findByRole('button', { name: 'Activate' }));
    await screen.findAllByText('Activate tenant orders_drill_7?');
    const confirm = document.querySelector('.ant-modal-confirm') as HTMLElement;
    expect(within(confirm).getByText(/accepts reads and writes/)).toBeTruthy();
    fireEvent.click(within(confirm).getByRole('button', { name: 'Activate' }));
    await waitFor(() => expect(activations).toEqual([{ cluster: 1, tenant: 'orders_drill_7' }]));
    // The completed restore that made it offers the same, on its row.
    fireEvent.click(screen.getByRole('tab', { name: 'Recovery Tasks' }));
    const row = (await screen.findByText('orders_drill_7', { selector: 'td' })).closest('tr') as HTMLElement;
    expect(within(row).getByRole('button', { name: 'Activate' })).toBeTruthy();
  });

  it('shows the version gate as Backup Now’s reason', async () => {
    setup({
      refusals: {
        backupNow: {
          'en-US': 'Tenant backup is not supported in an OceanBase Database version earlier than V3.2.2-20220304134610; this cluster runs 3.2.1.',
          'zh-CN': 'OceanBase 数据库 V3.2.2-20220304134610 以下版本不支持租户备份；该集群的版本为 3.2.1。',
        },
        initiateRecovery: head.refusals.initiateRecovery,
      },
    });
    await waitFor(() =>
      expect(
        screen.getByRole('button', { name: 'Backup Now' }).closest('[data-reason]')?.getAttribute('data-reason'),
      ).toContain('earlier than V3.2.2-20220304134610'),
    );
  });

  it('ticks the log latency once a strategy shows it', async () => {
    setup({ overview: { ...head.overview, showLogLatency: true, logCheckpoint: Date.now() * 1000 - 5_000_000 } });
    const latency = await screen.findByTestId('log-latency');
    const first = latency.textContent;
    await waitFor(() => expect(screen.getByTestId('log-latency').textContent).not.toBe(first), { timeout: 15_000 });
  });

  it('moves the period back and forth, never past the latest', async () => {
    const { periods } = setup();
    const next = await screen.findByRole('button', { name: 'Next period' });
    expect((next as HTMLButtonElement).disabled).toBe(true);
    expect(await screen.findByLabelText('Full backup set 40')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Previous period' }));
    expect(await screen.findByLabelText('Full backup set 39')).toBeTruthy();
    expect(periods).toContain(1);
    expect((screen.getByRole('button', { name: 'Next period' }) as HTMLButtonElement).disabled).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: 'Next period' }));
    expect(await screen.findByLabelText('Full backup set 40')).toBeTruthy();
  });

  it('filters recovery tasks by a preset, shows a failed task’s cause, and keeps the filter on a live refresh', async () => {
    const { restoreQueries } = setup();
    fireEvent.click(await screen.findByRole('tab', { name: 'Recovery Tasks' }));
    expect(await screen.findByText('orders_drill_7')).toBeTruthy();
    const pane = within(document.querySelector('.ant-tabs-tabpane-active') as HTMLElement);
    fireEvent.click(pane.getByText('Last 7 days'));
    await waitFor(() => expect(screen.queryByText('orders_drill_7')).toBeNull());
    const last = restoreQueries[restoreQueries.length - 1];
    expect(last.to! - last.from!).toBe(7 * DAY);
    expect(last.obTenantId).toBe(1002);

    fireEvent.click(pane.getByRole('button', { name: 'View Cause' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('(ret=-4013) No memory or reach tenant memory limit')).toBeTruthy();

    const before = restoreQueries.length;
    await emit(EVENTS.cacheChanged);
    await waitFor(() => expect(restoreQueries.length).toBeGreaterThan(before));
    const refreshed = restoreQueries[restoreQueries.length - 1];
    expect(refreshed.from).toBe(last.from);
  });

  it('brings Recovery Time from the rows’ expansion into the row to sort by it, and sends it back', async () => {
    const { restoreQueries } = setup();
    fireEvent.click(await screen.findByRole('tab', { name: 'Recovery Tasks' }));
    expect(await screen.findByText('orders_drill_7')).toBeTruthy();
    const pane = document.querySelector('.ant-tabs-tabpane-active') as HTMLElement;
    const titles = () => [...pane.querySelectorAll('thead th')].map((th) => th.textContent?.trim() ?? '').filter((x) => x !== '');
    expect(titles()).not.toContain('Recovery Time');
    fireEvent.click(within(pane).getByText('Columns'));
    const chooser = (await screen.findByText('Ticked columns show in the row, the others when a row is expanded.')).closest(
      '.column-chooser',
    ) as HTMLElement;
    // Status never leaves the row.
    expect((within(chooser).getByLabelText('Status') as HTMLInputElement).disabled).toBe(true);
    fireEvent.click(within(chooser).getByLabelText('Recovery Time'));
    await waitFor(() => expect(titles()).toEqual(['ID', 'Backup Tenant', 'Target Tenant', 'Start Time', 'End Time', 'Status', 'Recovery Time', 'Actions']));
    fireEvent.click([...pane.querySelectorAll('thead th')].find((th) => th.textContent?.trim() === 'Recovery Time') as HTMLElement);
    await waitFor(() => expect(restoreQueries[restoreQueries.length - 1].sort).toBe('recoveryTime'));
    fireEvent.click(within(chooser).getByLabelText('Recovery Time'));
    await waitFor(() => expect(titles()).not.toContain('Recovery Time'));
  });

  it('renders an offline cluster from the cache, with a banner, and refuses its actions with the reason', async () => {
    setup({ refusals: { backupNow: null, initiateRecovery: null }, strategy: true }, {
      ...cluster,
      lastSyncedAt: NOW - 3 * 3_600_000_000,
      lastError: verbatim('connection refused'),
    });
    const banner = await screen.findByTestId('offline-banner');
    expect(banner.textContent).toContain('ob-hangzhou is offline, last refreshed');
    expect(banner.textContent).toContain('3 hours ago');
    expect(banner.textContent).toContain('connection refused');
    // Retry Now asks for a sync pass at once.
    syncedNow = [];
    fireEvent.click(within(banner).getByRole('button', { name: 'Retry Now' }));
    await waitFor(() => expect(syncedNow).toEqual([cluster.id]));
    expect(await screen.findByText('Backup Overview')).toBeTruthy();
    for (const label of ['Initiate Recovery', 'Backup Now', 'Backup Now for Current Cluster', 'Add Backup Strategy for Current Cluster']) {
      const button = screen.getByRole('button', { name: label }) as HTMLButtonElement;
      expect(button.disabled).toBe(true);
      expect(button.closest('[data-reason]')?.getAttribute('data-reason')).toContain('ob-hangzhou cannot be reached');
    }
    fireEvent.click(await screen.findByRole('tab', { name: 'Recovery Tasks' }));
    await screen.findByText('orders_drill_9');
    const pane = within(document.querySelector('.ant-tabs-tabpane-active') as HTMLElement);
    for (const label of ['Retry', 'Clean Up']) {
      const button = pane.getByRole('button', { name: label }) as HTMLButtonElement;
      expect(button.disabled).toBe(true);
    }
    // The cause is in the cache: still readable offline.
    expect((pane.getByRole('button', { name: 'View Cause' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('disables a failed restore’s Clean Up with the cluster’s reason when nothing is left to clean up', async () => {
    failedChecks = {
      retry: null,
      cleanUp: verbatim('restore job 9 left nothing behind: its tenant and pool are already gone'),
    };
    try {
      setup();
      fireEvent.click(await screen.findByRole('tab', { name: 'Recovery Tasks' }));
      await screen.findByText('orders_drill_9');
      const pane = within(document.querySelector('.ant-tabs-tabpane-active') as HTMLElement);
      await waitFor(() => expect((pane.getByRole('button', { name: 'Clean Up' }) as HTMLButtonElement).disabled).toBe(true));
      expect(pane.getByRole('button', { name: 'Clean Up' }).closest('[data-reason]')?.getAttribute('data-reason')).toBe(
        'restore job 9 left nothing behind: its tenant and pool are already gone',
      );
      expect((pane.getByRole('button', { name: 'Retry' }) as HTMLButtonElement).disabled).toBe(false);
    } finally {
      failedChecks = { retry: null, cleanUp: null };
    }
  });

  it('stops a tenant’s log backup from the Log Backup Tasks tab, after asking', async () => {
    const { logSwitches } = setup();
    fireEvent.click(await screen.findByRole('tab', { name: 'Log Backup Tasks' }));
    expect(await screen.findByText('Log backup is on for orders: its logs are archived.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Stop Log Backup' }));
    // The question's buttons say what they do: the action, or Back.
    const asked = within(await screen.findByRole('dialog'));
    expect(asked.getByRole('button', { name: 'Back' })).toBeTruthy();
    expect(asked.queryByRole('button', { name: 'OK' })).toBeNull();
    fireEvent.click(asked.getByRole('button', { name: 'Stop Log Backup' }));
    await waitFor(() => expect(logSwitches).toEqual([{ req: { cluster: 1, tenant: 'orders' }, on: false }]));
    expect(await screen.findByText('STOP_LOG_BACKUP took effect')).toBeTruthy();
  });
});
