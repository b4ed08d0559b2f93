// The Clusters page in 简体中文: an offline cluster's sync state, with its age, in Chinese.
import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, screen } from '@testing-library/react';
import { i18n, verbatim } from '../../i18n';
import { renderAt } from '../../test/render';
import { mockCommands } from '../../test/ipc';
import { cluster, settings, status } from '../../test/fixtures';
import { formatInstant } from '../../time/format';

afterEach(async () => {
  await i18n.changeLanguage('en-US');
});

describe('Clusters in Chinese', () => {
  it('says an unreachable cluster is offline, with when it was last refreshed and how long ago', async () => {
    const at = Date.now() * 1000 - 3 * 3_600_000_000;
    mockCommands({
      get_settings: () => ({ ...settings, language: 'zh-CN' }),
      app_status: () => status,
      list_clusters: () => [
        { ...cluster, lastSyncedAt: at, lastError: { 'en-US': 'connect timed out', 'zh-CN': '连接超时' } },
        { ...cluster, id: 2, name: 'ob-beijing', lastSyncedAt: null, lastError: verbatim('connect refused') },
      ],
    });
    renderAt('/clusters');
    const shown = formatInstant(at, settings.timeZone);
    expect(await screen.findByText(`离线，最近刷新于 ${shown}（3 小时前）`)).toBeTruthy();
    expect(screen.getByText('离线，从未刷新')).toBeTruthy();
    // The age under Last Refreshed, the columns, the header and the navigation.
    expect(screen.getByText('3 小时前')).toBeTruthy();
    for (const title of ['集群名', '地址', '版本', '租户数', '最近刷新', '同步', '操作']) {
      expect(screen.getByRole('columnheader', { name: title })).toBeTruthy();
    }
    expect(screen.getByRole('button', { name: '添加集群' })).toBeTruthy();
    expect(screen.getByRole('button', { name: '导出 / 导入' })).toBeTruthy();
    expect(screen.getByRole('menuitem', { name: '设置' })).toBeTruthy();
    // The sync error, on hover, in Chinese too.
    fireEvent.mouseEnter(screen.getByText(`离线，最近刷新于 ${shown}（3 小时前）`));
    expect(await screen.findByText('连接超时')).toBeTruthy();
  });

  it('keeps the English words exactly as before', async () => {
    const at = Date.now() * 1000 - 3 * 3_600_000_000;
    mockCommands({
      get_settings: () => settings,
      app_status: () => status,
      list_clusters: () => [{ ...cluster, lastSyncedAt: at, lastError: verbatim('connect timed out') }],
    });
    renderAt('/clusters');
    const shown = formatInstant(at, settings.timeZone);
    expect(await screen.findByText(`Offline, last refreshed ${shown} (3 hours ago)`)).toBeTruthy();
  });
});
