import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { answer, renderAt } from '../../test/render';
import { settings, status } from '../../test/fixtures';

describe('Settings page', () => {
  it('shows the display zone in the top bar and saves the settings', async () => {
    const saved: unknown[] = [];
    let current = settings;
    answer({
      get_settings: () => current,
      app_status: () => status,
      time_zones: () => ['Asia/Shanghai', 'Europe/Berlin', 'UTC'],
      set_settings: (args) => {
        saved.push(args.settings);
        current = args.settings as typeof settings;
        return current;
      },
    });
    renderAt('/settings');
    expect((await screen.findByTestId('display-zone')).textContent).toContain('Asia/Shanghai (UTC+08:00)');
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(saved).toEqual([{ timeZone: 'Asia/Shanghai', language: 'en-US', sandbox: true }]));
  });

  it('marks the field the shell refused, with its rule', async () => {
    answer({
      get_settings: () => settings,
      app_status: () => status,
      time_zones: () => ['Asia/Shanghai'],
      set_settings: () =>
        Promise.reject({ code: 'INVALID_INPUT', field: 'timeZone', message: 'timeZone: "Asia/Shanghai" is not an IANA time zone name' }),
    });
    renderAt('/settings');
    fireEvent.click(await screen.findByRole('button', { name: 'Save' }));
    expect(await screen.findByText(/is not an IANA time zone name/)).toBeTruthy();
  });
});
