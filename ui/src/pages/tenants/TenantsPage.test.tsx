import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { renderAt } from '../../test/render';
import { mockCommands, refuse, type Handlers } from '../../test/ipc';
import { settings, status, tenant } from '../../test/fixtures';
import { emit } from '@tauri-apps/api/event';
import { EVENTS } from '../../ipc/bindings';
import { filterTenants } from './filter';

const base: Handlers = { get_settings: () => settings, app_status: () => status };

describe('Tenants page', () => {
  it('lists the cached tenants with links to their pages', async () => {
    mockCommands({ ...base, list_tenants: () => [tenant(1, 'orders'), tenant(2, 'ledger', 'ob-beijing')] });
    renderAt('/tenants');
    const link = await screen.findByRole('link', { name: 'orders' });
    expect(link.getAttribute('href')).toBe('/tenants/1/overview');
    expect(screen.getByText('ob-beijing')).toBeTruthy();
  });

  it('narrows the list as the user types', async () => {
    mockCommands({ ...base, list_tenants: () => [tenant(1, 'orders'), tenant(2, 'ledger', 'ob-beijing')] });
    renderAt('/tenants');
    await screen.findByText('orders');
    fireEvent.change(screen.getByPlaceholderText('Search by tenant or cluster name'), { target: { value: 'BEIJ' } });
    await waitFor(() => expect(screen.queryByText('orders')).toBeNull());
    expect(screen.getByText('ledger')).toBeTruthy();
  });

  it('says the sandbox is starting when it is on and the cache is still empty', async () => {
    mockCommands({ ...base, list_tenants: () => [] });
    renderAt('/tenants');
    expect(await screen.findByText('No tenants in the local cache')).toBeTruthy();
    expect(screen.getByText(/sandbox is starting/)).toBeTruthy();
  });

  it('points to Settings when the sandbox is off, and offers no connection that does not exist', async () => {
    mockCommands({ ...base, get_settings: () => ({ ...settings, sandbox: false }), list_tenants: () => [] });
    renderAt('/tenants');
    expect(await screen.findByText(/sandbox is off/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Open Settings' }).getAttribute('href')).toBe('/settings');
    expect(screen.queryByRole('button', { name: /connect/i })).toBeNull();
  });

  it('shows what a sync brought into the cache without a reload', async () => {
    let cached = [tenant(1, 'orders')];
    mockCommands({ ...base, list_tenants: () => cached });
    renderAt('/tenants');
    await screen.findByText('orders');
    cached = [tenant(1, 'orders'), tenant(3, 'payments')];
    await emit(EVENTS.cacheChanged);
    expect(await screen.findByText('payments')).toBeTruthy();
  });

  it('shows OceanBase’s status, role, type and log mode in the console’s words, a value it has no words for as written', async () => {
    mockCommands({
      ...base,
      list_tenants: () => [
        tenant(1, 'orders'),
        { ...tenant(2, 'copy'), status: 'RESTORE', role: 'STANDBY', logMode: 'NOARCHIVELOG' },
        { ...tenant(3, 'odd'), status: 'SOMETHING_NEW' },
      ],
    });
    renderAt('/tenants');
    await screen.findByText('orders');
    expect(screen.getAllByText('Normal')).toHaveLength(1);
    expect(screen.getAllByText('Primary')).toHaveLength(2);
    expect(screen.getAllByText('User Tenant')).toHaveLength(3);
    expect(screen.getAllByText('Archive Log Mode')).toHaveLength(2);
    expect(screen.getByText('Restoring')).toBeTruthy();
    expect(screen.getByText('Standby')).toBeTruthy();
    expect(screen.getByText('No Archive Log Mode')).toBeTruthy();
    expect(screen.getByText('SOMETHING_NEW')).toBeTruthy();
    for (const raw of ['NORMAL', 'PRIMARY', 'USER', 'ARCHIVELOG', 'STANDBY']) expect(screen.queryByText(raw)).toBeNull();
  });

  it('labels sandbox tenants', async () => {
    mockCommands({ ...base, list_tenants: () => [{ ...tenant(1, 'orders'), sandbox: true }, tenant(2, 'ledger', 'ob-beijing')] });
    renderAt('/tenants');
    await screen.findByText('orders');
    expect(screen.getAllByText('Sandbox')).toHaveLength(1);
  });

  it('shows a cache error with its code', async () => {
    mockCommands({
      ...base,
      list_tenants: () =>
        refuse({
          code: 'CACHE_UNAVAILABLE',
          message: { 'en-US': 'database is locked', 'zh-CN': '本地缓存出错：database is locked' },
          field: null,
          nearest: null,
        }),
    });
    renderAt('/tenants');
    expect(await screen.findByText('database is locked')).toBeTruthy();
    expect(screen.getByText('Error code CACHE_UNAVAILABLE')).toBeTruthy();
  });
});

describe('filterTenants', () => {
  it('matches tenant and cluster names, ignoring case and spaces', () => {
    const all = [tenant(1, 'orders'), tenant(2, 'ledger', 'ob-beijing')];
    expect(filterTenants(all, '  ORD ').map((t) => t.name)).toEqual(['orders']);
    expect(filterTenants(all, 'beijing').map((t) => t.name)).toEqual(['ledger']);
    expect(filterTenants(all, '')).toHaveLength(2);
    expect(filterTenants(all, 'nothing')).toHaveLength(0);
  });
});
