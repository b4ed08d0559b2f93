// The Backup and Recovery page in 简体中文: OCP's own terms, and a switch at
// runtime (settings re-read) re-renders what is already on screen.
import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { emit } from '@tauri-apps/api/event';
import { EVENTS, type BackupPageHead, type PeriodView, type Settings } from '../../ipc/bindings';
import { i18n } from '../../i18n';
import { renderAt } from '../../test/render';
import { mockCommands } from '../../test/ipc';
import { cluster, settings, status, tenant, restoreRow as fixtureRestoreRow } from '../../test/fixtures';

const DAY = 86_400_000_000;
const NOW = Date.now() * 1000;
const zh: Settings = { ...settings, language: 'zh-CN' };

const head: BackupPageHead = {
  overview: {
    status: 'noStrategy',
    backupMethod: 'physical',
    backupFileBytes: 3 * 2 ** 30,
    lastDataBackup: { backupSetId: 31, backupType: 'FULL', at: Date.UTC(2026, 10, 23, 2, 40, 0) * 1000, bytes: 7 * 2 ** 30 },
    logCheckpoint: NOW - 5_000_000,
    showLogLatency: true,
    clusterConfig: null,
  },
  // The engine says each refusal in both languages; the page shows the current one.
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
    points: [{ backupSetId: 40, backupType: 'FULL', at: end - 3 * DAY, restorableFrom: end - 3 * DAY, bytes: 2 ** 30 }],
    logCheckpoint: end - 60_000_000,
    hasEarlier: false,
  };
}

const restoreRow = (id: number, failed: boolean) => fixtureRestoreRow(id, failed, NOW);

/** The tenant page with the given settings; `switchTo` changes what get_settings answers next. */
function setup(initial: Settings, pageHead: BackupPageHead = head) {
  let current = initial;
  mockCommands({
    get_settings: () => current,
    app_status: () => status,
    get_tenant: () => ({ ...tenant(1, 'orders'), obTenantId: 1002 }),
    backup_page_head: () => pageHead,
    recoverable_period: (args) => period(args.period),
    backup_task_page: () => ({ rows: [], next: null }),
    log_backup_tasks: () => [
      {
        clusterId: 1,
        clusterName: 'ob-hangzhou',
        tenantName: 'orders',
        start: NOW - 3_600_000_000,
        checkpoint: NOW - 60_000_000,
        piece: {
          tenantId: 1002, destId: 1, roundId: 2, pieceId: 7, status: 'ACTIVE', startScn: 0, checkpointScn: 0, maxScn: 0,
          endScn: 0, fileStatus: 'AVAILABLE', inputBytes: 0, outputBytes: 0, path: 'file:///b/orders/archive',
        },
      },
    ],
    list_clusters: () => [cluster],
    list_tenants: () => [{ ...tenant(1, 'orders'), obTenantId: 1002 }],
    effective_strategy: () => null,
    secret_backend: () => ({ kind: 'keyring' }),
    restore_task_page: () => ({ rows: [restoreRow(7, false), restoreRow(9, true)], next: null }),
  });
  renderAt('/tenants/1/backup');
  return {
    switchTo: async (next: Settings) => {
      current = next;
      await emit(EVENTS.cacheChanged);
    },
  };
}

const RECOVERY_COLUMNS = [
  'ID',
  '备份集群',
  '备份租户',
  '目标集群',
  '目标租户',
  '开始时间',
  '结束时间',
  '状态',
  '备份方式',
  '恢复时间点',
  '存储目录',
];
/** The seed's columns a Recovery Tasks row shows; the rest show when it is expanded. */
const RECOVERY_ROW = ['ID', '备份租户', '目标租户', '开始时间', '结束时间', '状态'];
const RECOVERY_DETAILS = ['备份集群', '目标集群', '备份方式', '恢复时间点', '存储目录'];

function activePane() {
  return within(document.querySelector('.ant-tabs-tabpane-active') as HTMLElement);
}

// Role queries walk the whole page's accessibility tree, which takes seconds in
// jsdom; the page is large, so these read text and markup instead.
function button(text: string): HTMLButtonElement {
  return screen.getByText(text, { selector: 'button span' }).closest('button') as HTMLButtonElement;
}

function tabTitles(): string[] {
  return [...document.querySelectorAll('.ant-tabs-tab')].map((tab) => tab.textContent ?? '');
}

/** The titled columns (the expand buttons' column has none). */
function columnTitles(): string[] {
  const pane = document.querySelector('.ant-tabs-tabpane-active') as HTMLElement;
  return [...pane.querySelectorAll('thead th')].map((th) => th.textContent?.trim() ?? '').filter((title) => title !== '');
}

/** Expands the active pane's first row and returns what it shows, label to value. */
async function expandFirstRow(): Promise<Record<string, string>> {
  const pane = document.querySelector('.ant-tabs-tabpane-active') as HTMLElement;
  // @oceanbase/design draws the expand button as a caret icon.
  fireEvent.click(pane.querySelector('tbody .ant-table-row-expand-icon-cell [role="img"]') as HTMLElement);
  await waitFor(() => expect(pane.querySelector('.ant-table-expanded-row .ant-descriptions-item-label')).toBeTruthy());
  const items = [...pane.querySelectorAll('.ant-table-expanded-row .ant-descriptions-item')];
  return Object.fromEntries(
    items.map((item) => [
      item.querySelector('.ant-descriptions-item-label')?.textContent ?? '',
      item.querySelector('.ant-descriptions-item-content')?.textContent ?? '',
    ]),
  );
}

afterEach(async () => {
  await i18n.changeLanguage('en-US');
});

describe('Backup and Recovery in Chinese', { timeout: 150_000 }, () => {
  it('names the header actions, the overview card, the chart and the tabs with OCP’s terms', async () => {
    setup(zh);
    const card = (await screen.findByText('备份概览')).closest('.ant-card') as HTMLElement;
    const inCard = within(card);
    for (const label of ['备份状态', '备份方式', '备份文件', '最近一次数据备份', '日志备份位点', '日志延迟']) {
      expect(inCard.getByText(label)).toBeTruthy();
    }
    expect(inCard.getByText('无备份策略')).toBeTruthy();
    expect(inCard.getByText('物理备份')).toBeTruthy();
    expect(inCard.getByText('（全量备份，备份集 31，7.0 GiB）')).toBeTruthy();
    // Times keep their explicit offset.
    expect(inCard.getByText('2026-11-23 10:40:00 UTC+08:00')).toBeTruthy();
    expect(inCard.getByTestId('log-latency').textContent).toMatch(/^\d+ 秒$/);

    for (const label of ['立即备份', '为当前集群立即备份', '为当前集群新增备份策略']) {
      expect(button(label).disabled).toBe(false);
    }
    const recovery = button('发起恢复');
    expect(recovery.disabled).toBe(true);
    expect(recovery.closest('[data-reason]')?.getAttribute('data-reason')).toBe('暂无可恢复的时间区间：还没有数据备份及其后的日志备份');

    expect(await screen.findByText('可恢复时间区间')).toBeTruthy();
    expect(document.querySelector('button[aria-label="上一周期"]')).toBeTruthy();
    expect(document.querySelector('button[aria-label="下一周期"]')).toBeTruthy();
    expect(await screen.findByLabelText('全量备份，备份集 40')).toBeTruthy();
    for (const legend of ['可恢复', '不可恢复', '增量备份']) expect(screen.getByText(legend)).toBeTruthy();

    expect(tabTitles()).toEqual(['数据备份任务', '日志备份任务', '恢复任务', '备份策略']);
  });

  it('shows the backup the cluster itself configured, with its destinations and archive state', async () => {
    setup(zh, {
      ...head,
      overview: {
        ...head.overview,
        status: 'clusterConfigured',
        clusterConfig: {
          dataBackupDest: 'oss://backup/data?host=oss-cn-hangzhou.aliyuncs.com',
          logArchiveDest: 'oss://backup/clog?host=oss-cn-hangzhou.aliyuncs.com',
          archiveStatus: 'DOING',
          pieceSwitchIntervalSecs: 86_400,
          recoveryWindow: null,
        },
      },
      refusals: { backupNow: null, initiateRecovery: null },
    });
    const card = (await screen.findByText('集群上的备份配置')).closest('.ant-card') as HTMLElement;
    const inCard = within(card);
    expect(inCard.getByText('集群已配置备份')).toBeTruthy();
    for (const label of ['数据备份目的地', '日志归档目的地', '日志归档状态', '日志分片切换周期', '备份保留时间']) {
      expect(inCard.getByText(label)).toBeTruthy();
    }
    expect(inCard.getByText('oss://backup/clog?host=oss-cn-hangzhou.aliyuncs.com')).toBeTruthy();
    expect(inCard.getByText('进行中')).toBeTruthy();
    expect(inCard.getByText('1 天')).toBeTruthy();
    expect(inCard.getByText('未设置')).toBeTruthy();
    expect(button('发起恢复').disabled).toBe(false);
  });

  it('titles the eleven Recovery Tasks columns (some in the row’s expansion), tags a failed task 失败, and offers the presets', async () => {
    setup(zh);
    fireEvent.click(await screen.findByText('恢复任务', { selector: '.ant-tabs-tab-btn' }));
    expect(await screen.findByText('orders_drill_9')).toBeTruthy();
    const pane = activePane();
    expect(columnTitles()).toEqual([...RECOVERY_ROW, '操作']);
    expect(pane.getByText('失败')).toBeTruthy();
    // The seed's other columns, with their values, in the row's expansion: all eleven in all.
    const details = await expandFirstRow();
    expect(Object.keys(details)).toEqual(RECOVERY_DETAILS);
    expect(RECOVERY_COLUMNS.filter((c) => !RECOVERY_ROW.includes(c))).toEqual(RECOVERY_DETAILS);
    expect(details['备份方式']).toBe('物理备份');
    expect(details['存储目录']).toBe('oss://bucket/data?host=h&access_id=***&access_key=***');
    expect(details['恢复时间点']).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC[+-]\d\d:\d\d$/);
    expect(pane.getByText('成功')).toBeTruthy();
    expect(pane.getByText('查看原因')).toBeTruthy();
    for (const preset of ['全部', '最近 24 小时', '最近 7 天', '最近 30 天', '自定义']) {
      expect(pane.getByText(preset)).toBeTruthy();
    }
    expect(pane.getByText('全部状态')).toBeTruthy();
    expect(pane.getByText('第 1 页')).toBeTruthy();
  });

  it('says a log piece’s status and file status in words, OceanBase’s value on hover', async () => {
    setup(zh);
    fireEvent.click(await screen.findByText('日志备份任务', { selector: '.ant-tabs-tab-btn' }));
    const active = await screen.findByText('活跃');
    expect(screen.getByText('可用')).toBeTruthy();
    expect(screen.queryByText('ACTIVE')).toBeNull();
    fireEvent.mouseEnter(active);
    expect(await screen.findByText('ACTIVE')).toBeTruthy();
  });

  it('switches from English at runtime, without a reload', async () => {
    const { switchTo } = setup(settings);
    fireEvent.click(await screen.findByText('Recovery Tasks', { selector: '.ant-tabs-tab-btn' }));
    expect(await screen.findByText('orders_drill_9')).toBeTruthy();
    expect(activePane().getByText('Failed')).toBeTruthy();
    expect(button('Backup Now')).toBeTruthy();
    const reason = () => button('Initiate Recovery').closest('[data-reason]')?.getAttribute('data-reason');
    expect(reason()).toBe('Nothing is recoverable yet: no backup set with the log after it');

    await switchTo(zh);
    expect(await screen.findByText('立即备份')).toBeTruthy();
    expect(screen.queryByText('Backup Now')).toBeNull();
    expect(screen.getByText('备份概览')).toBeTruthy();
    expect(tabTitles()).toEqual(['数据备份任务', '日志备份任务', '恢复任务', '备份策略']);
    // The refusal already on screen is re-worded, not fetched again.
    expect(button('发起恢复').closest('[data-reason]')?.getAttribute('data-reason')).toBe('暂无可恢复的时间区间：还没有数据备份及其后的日志备份');
    // The open tab's memoised columns and its filters follow too.
    await waitFor(() => expect(columnTitles()).toEqual([...RECOVERY_ROW, '操作']));
    expect(Object.keys(await expandFirstRow())).toEqual(RECOVERY_DETAILS);
    expect(activePane().getByText('失败')).toBeTruthy();
    expect(activePane().getByText('最近 7 天')).toBeTruthy();
  });
});
