// What a person reads in a task's Status cell and the Backup Now dialog while a
// backup or a restore runs, in English and in Chinese.
import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { BackupTaskRow, JobProgress, RestoreTaskRow } from '../../ipc/bindings';
import { i18n } from '../../i18n';
import { restoreRow } from '../../test/fixtures';
import { backupColumns, restoreColumns } from './columns';
import { TaskProgress } from './TaskProgress';

const GIB = 2 ** 30;
const SECOND = 1_000_000;
const now = () => Date.now() * 1000;

/** A 4.x restore in the restored tenant's RESTORING phase, started 90 s ago. */
function restoring(over: Partial<JobProgress> = {}): JobProgress {
  return {
    kind: 'RESTORE',
    phase: 'RESTORING',
    percent: 25,
    terminal: false,
    bytes: { done: GIB, total: 4 * GIB },
    tablets: { done: 40, total: 200 },
    logStreams: { done: 1, total: 3 },
    start: now() - 90 * SECOND,
    end: null,
    ...over,
  };
}

async function hoverFor(text: string | RegExp) {
  fireEvent.mouseEnter(screen.getByText(text));
}

afterEach(async () => {
  await i18n.changeLanguage('en-US');
});

describe('a running restore in a Status cell', () => {
  it('says its phase in words, its percent, bytes of the total and how long it has run', async () => {
    render(<TaskProgress state="inProgress" status="WAIT_TENANT_RESTORE_FINISH" progress={restoring()} />);
    expect(screen.getByText('In Progress')).toBeTruthy();
    expect(screen.getByText('Restoring data')).toBeTruthy();
    expect(screen.getByText('25%')).toBeTruthy();
    expect(screen.getByText('1.0 GiB of 4.0 GiB')).toBeTruthy();
    expect(screen.getByText(/^Running for 1 min 3\d s$/)).toBeTruthy();
    // No internal identifier on screen: OceanBase's value is on hover.
    expect(screen.queryByText(/RESTORING|WAIT_TENANT/)).toBeNull();
    await hoverFor('Restoring data');
    await waitFor(() => expect(screen.getByText('OceanBase phase: RESTORING')).toBeTruthy());
    // The cell keeps to one figure; the others are on hover.
    expect(screen.queryByText('Tablets: 40 of 200')).toBeNull();
    await hoverFor('1.0 GiB of 4.0 GiB');
    await waitFor(() => expect(screen.getByText('Tablets: 40 of 200')).toBeTruthy());
    expect(screen.getByText('Log streams: 1 of 3')).toBeTruthy();
  });

  it('says the same in Chinese', async () => {
    await i18n.changeLanguage('zh-CN');
    render(<TaskProgress state="inProgress" status="WAIT_TENANT_RESTORE_FINISH" progress={restoring()} />);
    expect(screen.getByText('进行中')).toBeTruthy();
    expect(screen.getByText('恢复数据')).toBeTruthy();
    expect(screen.getByText('1.0 GiB，共 4.0 GiB')).toBeTruthy();
    expect(screen.getByText(/^已运行 1 分 3\d 秒$/)).toBeTruthy();
    await hoverFor('恢复数据');
    await waitFor(() => expect(screen.getByText('OceanBase 阶段：RESTORING')).toBeTruthy());
    await hoverFor('1.0 GiB，共 4.0 GiB');
    await waitFor(() => expect(screen.getByText('Tablet：40 / 200')).toBeTruthy());
  });

  it('shows no figure the release did not report, never 0 B of 0 B', () => {
    render(
      <TaskProgress
        state="inProgress"
        status="CREATE_TENANT"
        progress={restoring({ phase: 'CREATE_TENANT', percent: 0, bytes: null, tablets: null, logStreams: null })}
      />,
    );
    expect(screen.getByText('Creating the tenant')).toBeTruthy();
    expect(screen.getByText('0%')).toBeTruthy();
    expect(screen.queryByText(/ of |0 B/)).toBeNull();
  });

  it('words a 3.x phase, and shows a phase it does not know as OceanBase wrote it', () => {
    const { unmount } = render(
      <TaskProgress
        state="inProgress"
        status="RESTORE_USER_REPLICA"
        progress={restoring({ phase: 'RESTORE_USER_REPLICA', bytes: null, logStreams: null, tablets: { done: 60, total: 80 } })}
      />,
    );
    expect(screen.getByText('Restoring user replicas')).toBeTruthy();
    expect(screen.getByText('Tablets: 60 of 80')).toBeTruthy();
    unmount();
    render(<TaskProgress state="inProgress" status="WAIT_TENANT_RESTORE_FINISH" progress={restoring({ phase: 'RESTORE_WAIT_QUICK_RESTORE' })} />);
    expect(screen.getByText('RESTORE_WAIT_QUICK_RESTORE')).toBeTruthy();
  });
});

describe('the Status cells of the task tables', () => {
  const columnsT = i18n.t.bind(i18n) as typeof i18n.t;

  it('show a running restore row with its phase, and an ended one with its state alone', () => {
    const row: RestoreTaskRow = { ...restoreRow(7, false, now()), state: 'inProgress', progress: restoring() };
    const status = restoreColumns(columnsT, 'UTC', { key: 'startTime', ascending: false }, () => undefined).find(
      (c) => c.title === 'Status',
    )!;
    const { unmount } = render(<>{status.render(row)}</>);
    expect(screen.getByText('Restoring data')).toBeTruthy();
    unmount();
    render(<>{status.render(restoreRow(8, false, now()))}</>);
    expect(screen.getByText('Completed')).toBeTruthy();
    expect(screen.queryByText('%', { exact: false })).toBeNull();
  });

  it('show a running backup row with its phase in words and what it has written so far', async () => {
    await i18n.changeLanguage('zh-CN');
    const row: BackupTaskRow = {
      clusterId: 1,
      clusterName: 'ob-hangzhou',
      importedFrom: null,
      tenantName: 'orders',
      state: 'inProgress',
      source: 'manual',
      progress: {
        kind: 'BACKUP',
        phase: 'BACKUP_SYS_META',
        percent: 3,
        terminal: false,
        bytes: { done: 1.5 * GIB, total: null },
        tablets: null,
        logStreams: null,
        start: now() - 5 * SECOND,
        end: null,
      },
      job: {
        tenantId: 1002, jobId: 7, incarnation: 1, backupSetId: 3, plusArchivelog: false, backupType: 'FULL',
        jobLevel: 'USER_TENANT', encryptionMode: 'NONE', start: now() - 5 * SECOND, end: null, status: 'DOING',
        result: 0, comment: '', description: '', path: 'file:///b/orders/data',
      },
    };
    const status = backupColumns(columnsT, 'UTC', { cluster: false, tenant: false }, () => undefined).find((c) => c.key === 'status')!;
    render(<>{status.render(row)}</>);
    expect(screen.getByText('备份系统元数据')).toBeTruthy();
    expect(screen.getByText('已写入 1.5 GiB')).toBeTruthy();
    expect(screen.queryByText(/BACKUP_SYS_META/)).toBeNull();
  });
});

describe('the Backup Now dialog', () => {
  it('shows every figure, and once the job ended how long it took', () => {
    const start = now() - 125 * SECOND;
    render(
      <TaskProgress
        state="completed"
        status="COMPLETED"
        compact={false}
        progress={{
          kind: 'BACKUP',
          phase: 'COMPLETED',
          percent: 100,
          terminal: true,
          bytes: { done: 3 * GIB, total: null },
          tablets: { done: 12, total: 12 },
          logStreams: null,
          start,
          end: start + 125 * SECOND,
        }}
      />,
    );
    // Its state tag and the phase both say it.
    expect(screen.getAllByText('Completed')).toHaveLength(2);
    expect(screen.getByText('3.0 GiB written')).toBeTruthy();
    expect(screen.getByText('Tablets: 12 of 12')).toBeTruthy();
    expect(screen.getByText('Took 2 min 5 s')).toBeTruthy();
  });
});
