import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { renderWith } from '../../test/render';
import { mockCommands } from '../../test/ipc';
import { cluster, settings } from '../../test/fixtures';
import type { ApplyReport, SavedStrategy, Strategy } from '../../ipc/bindings';
import type { Args } from '../../ipc/client';
import { StrategyDialog } from './StrategyDialog';

const day = (d: number, h: number) => Date.UTC(2026, 10, d, h) * 1000;

const SCOPE = { level: 'tenant', obTenantId: 1002, tenantName: 'trade' } as const;
const CURRENT = [
  {
    tenant: 'trade',
    obTenantId: 1002,
    dataBackupDest: 'file:///nfs/ocp/trade/data',
    logArchiveDest: 'file:///nfs/ocp/trade/clog',
  },
];

function applied(overrides: Partial<ApplyReport> = {}): ApplyReport {
  return { tenants: ['trade'], skipped: [], moved: [], canceledBackups: [], notes: [], statements: 2, ...overrides };
}

/** What the shell answers a save with: the strategy it saved, and what the apply did. */
function savedAs(strategy: Strategy, report: ApplyReport): SavedStrategy {
  return {
    view: {
      record: { id: 1, strategy, createdAt: day(24, 0), updatedAt: day(24, 0) },
      inherited: false,
      nextRuns: [],
      runs: [],
      secretStored: false,
    },
    applied: report,
  };
}

describe('the strategy form', () => {
  it('previews the next five runs and saves what the operator chose', async () => {
    const previews: Strategy[] = [];
    const saved: Args<'save_strategy'>[] = [];
    mockCommands({
      get_settings: () => settings,
      time_zones: () => ['Asia/Shanghai', 'UTC'],
      secret_backend: () => ({ kind: 'keyring' }),
      review_destinations: () => ({ current: [{ ...CURRENT[0], dataBackupDest: null, logArchiveDest: null }], clusterLevel: false, changes: [] }),
      preview_strategy: (args) => {
        previews.push(args.strategy);
        return [1, 2, 3, 4, 5].map((i) => ({ at: day(24 + i, 18), method: i === 1 ? 'FULL' : 'INCREMENTAL' }));
      },
      save_strategy: (args) => {
        saved.push(args);
        return savedAs(args.strategy, applied());
      },
    });
    renderWith(<StrategyDialog open cluster={3} scope={SCOPE} onClose={() => undefined} onSaved={() => undefined} />);
    const runs = await screen.findByLabelText('Next 5 runs');
    await waitFor(() => expect(runs.querySelectorAll('li')).toHaveLength(5));
    expect(runs.textContent).toContain('2026-11-26 02:00:00 UTC+08:00');
    // A week without a Full day is refused on the spot, the shell never asked about it;
    // with a Full day again the runs return.
    const daySelect = (label: string) =>
      screen.getByText(label).closest('.ant-form-item')?.querySelector('.ant-select-selector') as HTMLElement;
    const choose = async (label: string, title: string) => {
      fireEvent.mouseDown(daySelect(label));
      const options = await screen.findAllByTitle(title);
      fireEvent.click(options[options.length - 1]);
      await waitFor(() => expect(daySelect(label).textContent).toBe(title));
    };
    await choose('Mon', 'Incremental');
    expect(await screen.findByText(/Choose at least one Full backup day/)).toBeTruthy();
    expect(runs.querySelectorAll('li')).toHaveLength(0);
    await choose('Tue', 'Full');
    const fullOnTuesday = (p: Strategy) => p.schedule.days.some((d) => d.day === 2 && d.method === 'FULL');
    await waitFor(() => expect(previews.some(fullOnTuesday)).toBe(true));
    await waitFor(() => expect(runs.querySelectorAll('li')).toHaveLength(5));
    expect(screen.queryByText(/Choose at least one Full backup day/)).toBeNull();
    expect(previews.every((p) => p.schedule.days.some((d) => d.method === 'FULL'))).toBe(true);
    // Nothing to keep: a new path it is.
    expect(await screen.findByText('No tenant here has a destination of its own yet.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Path'), { target: { value: '/data/backup' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save and Apply' }));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]).toMatchObject({ id: null, secret: null, strategy: { storage: { kind: 'FILE', path: '/data/backup' } } });
  });

  it('adopts the destinations the cluster has, and warns before a new path moves them', async () => {
    const saved: Args<'save_strategy'>[] = [];
    let finish: (v: SavedStrategy) => void = () => undefined;
    mockCommands({
      get_settings: () => settings,
      time_zones: () => ['Asia/Shanghai', 'UTC'],
      secret_backend: () => ({ kind: 'keyring' }),
      preview_strategy: () => [],
      review_destinations: (args) => ({
        current: CURRENT,
        clusterLevel: false,
        changes: args.strategy
          ? [
              { tenant: 'trade', kind: 'data', from: CURRENT[0].dataBackupDest, to: 'file:///data/new/trade/data' },
              { tenant: 'trade', kind: 'archive', from: CURRENT[0].logArchiveDest, to: 'file:///data/new/trade/archive' },
            ]
          : [],
      }),
      save_strategy: (args) => {
        saved.push(args);
        args.progress.onmessage({ tenant: 'trade', step: 'stoppingArchive', clusterSays: 'STOPPING', waitedSecs: 3, limitSecs: 600 });
        return new Promise((resolve) => {
          finish = resolve;
        });
      },
    });
    renderWith(<StrategyDialog open cluster={3} scope={SCOPE} onClose={() => undefined} onSaved={() => undefined} />);
    // Kept by default, and shown.
    expect(await screen.findByText('file:///nfs/ocp/trade/clog')).toBeTruthy();
    const keep = screen.getByLabelText("Keep the cluster's destinations") as HTMLInputElement;
    await waitFor(() => expect(keep.checked).toBe(true));
    expect(screen.queryByLabelText('Path')).toBeNull();

    // A new path: the move is spelled out before anything is saved.
    fireEvent.click(screen.getByLabelText('A new path'));
    fireEvent.change(await screen.findByLabelText('Path'), { target: { value: '/data/new' } });
    expect(await screen.findByText('This moves backups to a new path')).toBeTruthy();
    expect(screen.getByText('file:///data/new/trade/archive')).toBeTruthy();
    expect(screen.getByText(/Earlier backups stay at the old path/)).toBeTruthy();

    // Saving shows each wait, with what the cluster says and the limit.
    fireEvent.click(screen.getByRole('button', { name: 'Save and Apply' }));
    expect(await screen.findByText('Stopping log archiving of tenant trade')).toBeTruthy();
    expect(screen.getByText('the cluster says STOPPING; waited 3 s of at most 600 s')).toBeTruthy();
    expect(saved[0]).toMatchObject({ strategy: { storage: { kind: 'FILE', path: '/data/new' } } });
    finish(
      savedAs(
        saved[0].strategy,
        applied({
          moved: [
            { tenant: 'trade', kind: 'data', from: CURRENT[0].dataBackupDest, to: 'file:///data/new/trade/data' },
            { tenant: 'trade', kind: 'archive', from: CURRENT[0].logArchiveDest, to: 'file:///data/new/trade/archive' },
          ],
        }),
      ),
    );
    expect(await screen.findByText('2 destination(s) moved: run a full backup at the new path')).toBeTruthy();
  });

  it('saves a kept destination as no storage at all', async () => {
    const saved: Args<'save_strategy'>[] = [];
    mockCommands({
      get_settings: () => settings,
      time_zones: () => ['UTC'],
      secret_backend: () => ({ kind: 'keyring' }),
      preview_strategy: () => [],
      review_destinations: () => ({ current: CURRENT, clusterLevel: false, changes: [] }),
      save_strategy: (args) => {
        saved.push(args);
        return savedAs(args.strategy, applied());
      },
    });
    renderWith(<StrategyDialog open cluster={3} scope={SCOPE} onClose={() => undefined} onSaved={() => undefined} />);
    const keep = (await screen.findByLabelText("Keep the cluster's destinations")) as HTMLInputElement;
    await waitFor(() => expect(keep.checked).toBe(true));
    fireEvent.click(screen.getByRole('button', { name: 'Save and Apply' }));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0].strategy.storage).toBeNull();
  });
  it('names the cluster it covers, puts a half-typed time under its field, and asks before discarding edits', async () => {
    let closed = 0;
    mockCommands({
      get_settings: () => settings,
      time_zones: () => ['UTC'],
      secret_backend: () => ({ kind: 'keyring' }),
      list_clusters: () => [{ ...cluster, id: 3, name: 'ob-hangzhou' }],
      review_destinations: () => ({ current: CURRENT, clusterLevel: false, changes: [] }),
      // What Tauri answers when the time cannot be read into the shell's type.
      preview_strategy: (args) =>
        args.strategy.schedule.timeOfDay === '2:0'
          ? Promise.reject('invalid args `strategy` for command `preview_strategy`: timeOfDay: must be HH:MM, between 00:00 and 23:59')
          : [],
    });
    renderWith(
      <StrategyDialog open cluster={3} scope={{ level: 'cluster' }} onClose={() => (closed += 1)} onSaved={() => undefined} />,
    );
    expect(await screen.findByText('Add Backup Strategy: cluster ob-hangzhou')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Start Time'), { target: { value: '2:0' } });
    expect(await screen.findByText('must be HH:MM, between 00:00 and 23:59')).toBeTruthy();
    expect(screen.queryByText(/preview_strategy|timeOfDay/)).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect((await screen.findAllByText('Discard your changes to this strategy?')).length).toBeGreaterThan(0);
    fireEvent.click(screen.getByRole('button', { name: 'Keep Editing' }));
    expect(closed).toBe(0);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Discard Changes' }));
    await waitFor(() => expect(closed).toBe(1));
  });
});
