import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { renderWith } from '../../test/render';
import { mockCommands, refuse } from '../../test/ipc';
import { verbatim } from '../../i18n';
import type { InitiateRecovery } from '../../ipc/bindings';
import { cluster, settings, tenant } from '../../test/fixtures';
import { InitiateRecoveryDialog } from './InitiateRecoveryDialog';

// Window: 2026-11-20 00:00 → 2026-11-21 00:00 and 2026-11-22 00:00 → 2026-11-23 00:00 (UTC).
const day = (d: number) => Date.UTC(2026, 10, d) * 1000;

describe('Initiate Recovery', () => {
  it('lists clusters that cannot take the restore greyed out with the reason, in either language', async () => {
    const importedWhy = {
      'en-US': 'ob-hangzhou@laptop is history imported from laptop: no tenant can be restored into it',
      'zh-CN': 'ob-hangzhou@laptop 是从 laptop 导入的历史记录：不能向其恢复租户',
    };
    const releaseWhy = {
      'en-US': 'OceanBase V3.1.5 cannot restore backups of V4.3.5.3: 3.x backups restore into 3.x clusters and 4.x backups into 4.x clusters',
      'zh-CN': 'OceanBase V3.1.5 无法恢复 V4.3.5.3 的备份：3.x 的备份只能恢复到 3.x 集群，4.x 的备份只能恢复到 4.x 集群',
    };
    for (const language of ['en-US', 'zh-CN'] as const) {
      mockCommands({
        get_settings: () => ({ ...settings, language }),
        recovery_targets: () => [
          { clusterId: cluster.id, name: cluster.name, refusal: null },
          { clusterId: 5, name: 'ob-hangzhou@laptop', refusal: importedWhy },
          { clusterId: 7, name: 'legacy', refusal: releaseWhy },
        ],
        recoverable_ranges: () => [{ start: day(22), end: day(23) }],
        placement_options: () => ({ zones: [], pools: [], units: [], replicas: ['FULL'] }),
      });
      const view = renderWith(<InitiateRecoveryDialog open cluster={cluster} tenant={tenant(2, 'trade')} onClose={() => undefined} />);
      const label = language === 'en-US' ? 'Target cluster' : '目标集群';
      const select = await screen.findByRole('combobox', { name: label });
      expect(
        screen.getByText(
          language === 'en-US'
            ? 'Clusters that cannot take this restore are listed greyed out, with the reason.'
            : '无法接受此次恢复的集群以灰色列出，并注明原因。',
        ),
      ).toBeTruthy();
      fireEvent.mouseDown(select);
      await waitFor(() => expect(document.querySelectorAll('.ant-select-item-option')).toHaveLength(3));
      const options = Array.from(document.querySelectorAll('.ant-select-item-option'));
      const read = options.map((o) => [o.textContent, o.classList.contains('ant-select-item-option-disabled')]);
      expect(read).toEqual([
        ['ob-hangzhou', false],
        [`ob-hangzhou@laptop — ${importedWhy[language]}`, true],
        [`legacy — ${releaseWhy[language]}`, true],
      ]);
      // A greyed-out cluster cannot be chosen: the source's own cluster stays the target.
      fireEvent.click(options[2]);
      expect(select.closest('.ant-select')?.textContent).toContain('ob-hangzhou');
      expect(select.closest('.ant-select')?.textContent).not.toContain('legacy');
      view.unmount();
    }
  }, 60_000);

  it('shows the window, refuses a time in the gap with the nearest times, and sends one it offers', async () => {
    const sent: InitiateRecovery[] = [];
    mockCommands({
      get_settings: () => settings,
      recovery_targets: () => [{ clusterId: cluster.id, name: cluster.name, refusal: null }],
      recoverable_ranges: () => [
        { start: day(20), end: day(21) },
        { start: day(22), end: day(23) },
      ],
      placement_options: () => ({
        zones: [
          { name: 'zone1', status: 'ACTIVE', region: 'hz' },
          { name: 'zone2', status: 'ACTIVE', region: 'hz' },
          { name: 'zone3', status: 'INACTIVE', region: 'hz' },
        ],
        pools: [],
        units: [],
        // A 4.2 release: full and read-only replicas, no log replicas.
        replicas: ['FULL', 'READ_ONLY'],
      }),
      check_recovery_time: (args) =>
        args.at >= day(22)
          ? null
          : refuse({
              code: 'OUTSIDE_WINDOW',
              field: 'until',
              message: {
                'en-US': '2026-11-21 12:00:00.000000 +00:00 is outside the recoverable window of tenant trade',
                'zh-CN': '2026-11-21 12:00:00.000000 +00:00 不在租户 trade 的可恢复时间区间内',
              },
              nearest: { before: day(21), after: day(22) },
            }),
      initiate_recovery: (args) => {
        sent.push(args.req);
        return { journalId: 1, state: 'CONFIRMED', jobId: 9, message: verbatim('RESTORE started as job 9') };
      },
    });
    renderWith(<InitiateRecoveryDialog open cluster={cluster} tenant={tenant(2, 'trade')} onClose={() => undefined} />);

    // The window, in the display zone (Asia/Shanghai) with its offset.
    const window = await screen.findByLabelText('Recoverable window');
    await waitFor(() => expect(window.textContent).toContain('2026-11-22 08:00:00.000000 UTC+08:00'));

    fireEvent.click(screen.getByLabelText('A point in time'));
    const input = await screen.findByLabelText('Recovery time');
    fireEvent.change(input, { target: { value: '2026-11-21 20:00:00' } });
    fireEvent.blur(input);
    expect(await screen.findByText(/is outside the recoverable window/)).toBeTruthy();

    fireEvent.click(await screen.findByRole('button', { name: 'Use 2026-11-22 08:00:00.000000 UTC+08:00' }));
    await waitFor(() => expect((input as HTMLInputElement).value).toBe('2026-11-22 08:00:00.000000'));
    // Only active zones are offered.
    await screen.findByText('zone2');
    expect(screen.queryByText('zone3')).toBeNull();
    // Only the replica types the release takes; the one chosen is the one sent.
    const replica = screen.getByText('zone1').closest('tr')?.querySelector('.ant-select-selector') as HTMLElement;
    fireEvent.mouseDown(replica);
    const readOnly = await screen.findByTitle('Read-only (R)');
    expect(screen.queryByTitle('Log (L)')).toBeNull();
    fireEvent.click(readOnly);
    await waitFor(() => expect(replica.textContent).toBe('Read-only (R)'));

    fireEvent.click(screen.getByRole('button', { name: 'Initiate Recovery' }));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toMatchObject({
      sourceTenant: 'trade',
      targetTenant: 'trade_restore',
      until: day(22),
      zones: [
        { zone: 'zone1', replica: 'READ_ONLY', priority: 1 },
        { zone: 'zone2', replica: 'FULL', priority: 2 },
      ],
      unitCpu: 2,
      unitMemoryGib: 4,
      unitNum: 1,
    });
  }, 60_000);

  it('keeps a half-filled form on a click beside it; Cancel closes it', async () => {
    mockCommands({
      get_settings: () => settings,
      recovery_targets: () => [{ clusterId: cluster.id, name: cluster.name, refusal: null }],
      recoverable_ranges: () => [{ start: day(22), end: day(23) }],
      placement_options: () => ({ zones: [], pools: [], units: [], replicas: ['FULL'] }),
    });
    let closed = 0;
    renderWith(<InitiateRecoveryDialog open cluster={cluster} tenant={tenant(2, 'trade')} onClose={() => closed++} />);
    const name = (await screen.findByLabelText('New tenant name')) as HTMLInputElement;
    fireEvent.change(name, { target: { value: 'trade_drill' } });
    // The mask's wrap is what a click beside the dialog lands on.
    const wrap = document.querySelector('.ant-modal-wrap') as HTMLElement;
    fireEvent.mouseDown(wrap);
    fireEvent.mouseUp(wrap);
    fireEvent.click(wrap);
    expect(closed).toBe(0);
    expect(name.value).toBe('trade_drill');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(closed).toBe(1);
  }, 60_000);

  it('asks for the storage AccessKey only when the desk holds none, and sends it with that request', async () => {
    const sent: InitiateRecovery[] = [];
    mockCommands({
      get_settings: () => settings,
      recovery_targets: () => [{ clusterId: cluster.id, name: cluster.name, refusal: null }],
      recoverable_ranges: () => [{ start: day(20), end: day(21) }],
      placement_options: () => ({ zones: [{ name: 'zone1', status: 'ACTIVE', region: 'hz' }], pools: [], units: [], replicas: ['FULL'] }),
      initiate_recovery: (args) => {
        sent.push(args.req);
        if (!args.req.accessKeys) {
          return refuse({
            code: 'CREDENTIALS_NEEDED',
            field: 'dataUri',
            message: {
              'en-US': 'The backups at oss://bkt/desk/trade/data need the AccessKey of their storage',
              'zh-CN': 'oss://bkt/desk/trade/data 上的备份需要其存储的 AccessKey',
            },
            nearest: null,
          });
        }
        return { journalId: 2, state: 'CONFIRMED', jobId: 10, message: verbatim('RESTORE started as job 10') };
      },
    });
    renderWith(<InitiateRecoveryDialog open cluster={cluster} tenant={tenant(2, 'trade')} onClose={() => undefined} />);
    await screen.findByText('zone1');
    // No key fields until the engine asks: keys it holds for a strategy are used silently.
    expect(screen.queryByLabelText('AccessKey Secret')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Initiate Recovery' }));
    expect(await screen.findByText(/need the AccessKey of their storage/)).toBeTruthy();
    expect(screen.getByText(/does not keep it/)).toBeTruthy();
    fireEvent.change(screen.getByLabelText('AccessKey ID'), { target: { value: 'LTAI5tEXAMPLE' } });
    fireEvent.change(screen.getByLabelText('AccessKey Secret'), { target: { value: 'Pl4ntedK3y' } });
    fireEvent.click(screen.getByRole('button', { name: 'Initiate Recovery' }));
    await waitFor(() => expect(sent).toHaveLength(2));
    expect(sent[0].accessKeys).toBeUndefined();
    expect(sent[1].accessKeys).toEqual({ accessId: 'LTAI5tEXAMPLE', accessKey: 'Pl4ntedK3y' });
  }, 60_000);
});
