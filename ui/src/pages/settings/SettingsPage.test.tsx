import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { emit } from '@tauri-apps/api/event';
import type { Notice, Settings } from '../../ipc/bindings';
import { renderAt } from '../../test/render';
import { mockCommands, refuse } from '../../test/ipc';
import { settings, status } from '../../test/fixtures';

describe('Settings page', () => {
  it('shows the display zone in the top bar and saves the settings', async () => {
    const saved: Settings[] = [];
    let current = settings;
    mockCommands({
      get_settings: () => current,
      app_status: () => status,
      time_zones: () => ['Asia/Shanghai', 'Europe/Berlin', 'UTC'],
      set_settings: (args) => {
        saved.push(args.settings);
        current = args.settings;
        return current;
      },
    });
    renderAt('/settings');
    expect((await screen.findByTestId('display-zone')).textContent).toContain('Asia/Shanghai (UTC+08:00)');
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(saved).toEqual([settings]));
  });

  it('turns a kind of notification off', async () => {
    const saved: Settings[] = [];
    mockCommands({
      get_settings: () => settings,
      app_status: () => status,
      time_zones: () => ['Asia/Shanghai'],
      set_settings: (args) => {
        saved.push(args.settings);
        return args.settings;
      },
    });
    renderAt('/settings');
    const done = await screen.findByRole('switch', { name: 'A backup or recovery I started completed' });
    expect(done.getAttribute('aria-checked')).toBe('true');
    fireEvent.click(done);
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(saved).toEqual([{ ...settings, notices: { taskCompleted: false, taskFailed: true, strategyAlerts: true } }]),
    );
  });

  it("shows the shell's notices in the window", async () => {
    mockCommands({ get_settings: () => settings, app_status: () => status, time_zones: () => ['Asia/Shanghai'] });
    renderAt('/settings');
    await screen.findByRole('button', { name: 'Save' });
    const notice: Notice = {
      key: 'task:7',
      kind: 'taskFailed',
      clusterId: 1,
      title: 'Backup of tenant audit on sandbox-sh failed',
      body: 'Job 42: ret=-4009 IO error',
    };
    await emit('notice', notice);
    expect(await screen.findByText('Backup of tenant audit on sandbox-sh failed')).toBeTruthy();
    expect(screen.getByText('Job 42: ret=-4009 IO error')).toBeTruthy();
  });

  it('marks the field the shell refused, with its rule', async () => {
    mockCommands({
      get_settings: () => settings,
      app_status: () => status,
      time_zones: () => ['Asia/Shanghai'],
      set_settings: () =>
        refuse({
          code: 'INVALID_INPUT',
          field: 'timeZone',
          message: {
            'en-US': 'timeZone: "Asia/Shanghai" is not an IANA time zone name',
            'zh-CN': 'timeZone："Asia/Shanghai" 不是 IANA 时区名称',
          },
          nearest: null,
        }),
    });
    renderAt('/settings');
    fireEvent.click(await screen.findByRole('button', { name: 'Save' }));
    expect(await screen.findByText(/is not an IANA time zone name/)).toBeTruthy();
  });
});
