import { describe, expect, it } from 'vitest';
import type { PeriodView } from '../../ipc/bindings';
import { i18n } from '../../i18n';
import { RESTORE_COLUMN_TITLES } from './columns';
import { FILTERABLE_STATES, formatBytes, formatLatency, SCHEDULE_STATUS, TASK_STATE } from './labels';
import { canGoNewer, canGoOlder, gaps, newer, older, position } from './period';
import { presetRange, TIME_PRESETS } from './timeFilter';

const DAY = 86_400_000_000;
const NOW = Date.UTC(2026, 10, 24, 0, 30, 0) * 1000;

function view(index: number, hasEarlier: boolean, ranges: [number, number][] = []): PeriodView {
  return {
    index,
    start: NOW - 7 * DAY,
    end: NOW,
    ranges: ranges.map(([start, end]) => ({ start, end })),
    points: [],
    logCheckpoint: null,
    hasEarlier,
  };
}

describe('recoverable period navigation', () => {
  it('moves back while older periods hold data, and never past the latest', () => {
    expect(canGoNewer(0)).toBe(false);
    expect(canGoNewer(1)).toBe(true);
    expect(canGoOlder(view(0, true))).toBe(true);
    expect(canGoOlder(view(3, false))).toBe(false);
    expect(canGoOlder(undefined)).toBe(false);
    expect(older(0)).toBe(1);
    expect(newer(older(0))).toBe(0);
    expect(newer(0)).toBe(0);
  });

  it('places instants on the track and keeps the gaps between ranges', () => {
    const v = view(0, false, [
      [NOW - 6 * DAY, NOW - 4 * DAY],
      [NOW - 3 * DAY, NOW - DAY],
    ]);
    expect(position(NOW - 7 * DAY, v)).toBe(0);
    expect(position(NOW - 3.5 * DAY, v)).toBeCloseTo(50);
    expect(position(NOW + DAY, v)).toBe(100);
    expect(gaps(v)).toEqual([
      { start: NOW - 7 * DAY, end: NOW - 6 * DAY },
      { start: NOW - 4 * DAY, end: NOW - 3 * DAY },
      { start: NOW - DAY, end: NOW },
    ]);
    expect(gaps(view(0, false, [[NOW - 7 * DAY, NOW]]))).toEqual([]);
  });
});

describe('time filter presets', () => {
  it('turn into a start-time range ending now', () => {
    expect(presetRange('last24h', NOW)).toEqual({ from: NOW - DAY, to: NOW });
    expect(presetRange('last7d', NOW)).toEqual({ from: NOW - 7 * DAY, to: NOW });
    expect(presetRange('last30d', NOW)).toEqual({ from: NOW - 30 * DAY, to: NOW });
    expect(presetRange('all', NOW)).toEqual({ from: null, to: null });
  });

  it('pass a custom range through, and mean no bound until one is picked', () => {
    expect(presetRange('custom', NOW, { from: 1, to: 2 })).toEqual({ from: 1, to: 2 });
    expect(presetRange('custom', NOW)).toEqual({ from: null, to: null });
  });

  it('offer OCP presets by their labels', () => {
    expect(TIME_PRESETS.map((p) => i18n.t(p.label))).toEqual(['All', 'Last 24 hours', 'Last 7 days', 'Last 30 days', 'Custom']);
  });
});

describe('status labels', () => {
  it('name the console’s five card statuses, and the cluster’s own configuration', () => {
    expect(Object.values(SCHEDULE_STATUS).map((s) => i18n.t(s.label))).toEqual([
      'Pending Backup Scheduling',
      'In Progress',
      'No Backup Strategy',
      'Paused',
      'Scheduling Exception',
      'Configured on the Cluster',
    ]);
    expect(SCHEDULE_STATUS.schedulingException.color).toBe('error');
  });

  it('filter tasks by every state that has an OceanBase status', () => {
    expect(FILTERABLE_STATES.map((s) => i18n.t(TASK_STATE[s].label))).toEqual(['In Progress', 'Completed', 'Failed', 'Canceled']);
  });
});

describe('recovery task columns', () => {
  it('are the seed’s eleven, in its order, sortable by ID and the three times', () => {
    expect(RESTORE_COLUMN_TITLES.map((c) => i18n.t(c.title))).toEqual([
      'ID',
      'Backup Cluster',
      'Backup Tenant',
      'Target Cluster',
      'Target Tenant',
      'Start Time',
      'End Time',
      'Status',
      'Backup Method',
      'Recovery Time',
      'Storage Directory',
    ]);
    expect(RESTORE_COLUMN_TITLES.filter((c) => c.sort).map((c) => c.sort)).toEqual(['id', 'startTime', 'endTime', 'recoveryTime']);
  });

  it('keep Status and the lower-priority rest apart: the row shows six, a row’s expansion the other five', () => {
    const row = RESTORE_COLUMN_TITLES.filter((c) => !c.detail).map((c) => i18n.t(c.title));
    const details = RESTORE_COLUMN_TITLES.filter((c) => c.detail).map((c) => i18n.t(c.title));
    expect(row).toEqual(['ID', 'Backup Tenant', 'Target Tenant', 'Start Time', 'End Time', 'Status']);
    expect(details).toEqual(['Backup Cluster', 'Target Cluster', 'Backup Method', 'Recovery Time', 'Storage Directory']);
  });
});

describe('units', () => {
  it('show sizes in binary units and latencies in days, hours, minutes, seconds', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(7 * 2 ** 30)).toBe('7.0 GiB');
    expect(formatBytes(1.5 * 2 ** 40)).toBe('1.5 TiB');
    expect(formatLatency(42_000_000)).toBe('42 s');
    expect(formatLatency((3 * 3600 + 12 * 60 + 5) * 1e6)).toBe('3 h 12 min 5 s');
    expect(formatLatency((2 * 86400 + 60) * 1e6)).toBe('2 d 1 min 0 s');
  });
});

describe('a click on the recoverable period', () => {
  it('picks the instant under it only inside a recoverable range', async () => {
    const { pickedInstant } = await import('./PeriodChart');
    const H = 3_600_000_000;
    const view = {
      index: 0,
      start: 0,
      end: 100 * H,
      ranges: [{ start: 10 * H, end: 40 * H }],
      points: [],
      logCheckpoint: null,
    } as unknown as Parameters<typeof pickedInstant>[0];
    expect(pickedInstant(view, 0.2)).toBe(20 * H);
    expect(pickedInstant(view, 0.5)).toBeNull();
    expect(pickedInstant(view, 0.05)).toBeNull();
  });
});

describe('the Data Backup Tasks table', () => {
  it('says who started each job', async () => {
    const { backupColumns, TASK_SOURCE } = await import('./columns');
    const titles = backupColumns(i18n.t, 'UTC', { cluster: false, tenant: false }, () => undefined).map((c) => c.title);
    expect(titles.slice(0, 2)).toEqual(['ID', 'Task Source']);
    const labels = Object.fromEntries(Object.entries(TASK_SOURCE).map(([k, key]) => [k, i18n.t(key)]));
    expect(labels).toEqual({ manual: 'Manual', scheduled: 'Scheduled', outsideTheDesk: 'Outside the desk' });
  });

  it('keeps the seed’s columns in the row for a tenant (Duration in the expansion), and moves two more beside cluster and tenant', async () => {
    const { backupColumns } = await import('./columns');
    const { fitColumns } = await import('./fit');
    const titles = (scope: { cluster: boolean; tenant: boolean }) => {
      const { columns, expandable } = fitColumns(backupColumns(i18n.t, 'UTC', scope, () => undefined));
      return { row: columns.map((c) => c.title), expands: expandable !== undefined };
    };
    expect(titles({ cluster: false, tenant: false })).toEqual({
      row: ['ID', 'Task Source', 'Backup Method', 'Backup Set ID', 'Start Time', 'End Time', 'Status', 'Actions'],
      expands: true,
    });
    expect(titles({ cluster: true, tenant: true })).toEqual({
      row: ['ID', 'Cluster', 'Tenant', 'Backup Method', 'Start Time', 'End Time', 'Status', 'Actions'],
      expands: true,
    });
  });
});
