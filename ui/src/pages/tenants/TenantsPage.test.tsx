import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { answer, renderAt } from '../../test/render';
import { settings, status, tenant } from '../../test/fixtures';
import { filterTenants } from './filter';

const base = { get_settings: () => settings, app_status: () => status };

describe('Tenants page', () => {
  it('lists the cached tenants with links to their pages', async () => {
    answer({ ...base, list_tenants: () => [tenant(1, 'orders'), tenant(2, 'ledger', 'ob-beijing')] });
    renderAt('/tenants');
    const link = await screen.findByRole('link', { name: 'orders' });
    expect(link.getAttribute('href')).toBe('/tenants/1/overview');
    expect(screen.getByText('ob-beijing')).toBeTruthy();
  });

  it('narrows the list as the user types', async () => {
    answer({ ...base, list_tenants: () => [tenant(1, 'orders'), tenant(2, 'ledger', 'ob-beijing')] });
    renderAt('/tenants');
    await screen.findByText('orders');
    fireEvent.change(screen.getByPlaceholderText('Search by tenant or cluster name'), { target: { value: 'BEIJ' } });
    await waitFor(() => expect(screen.queryByText('orders')).toBeNull());
    expect(screen.getByText('ledger')).toBeTruthy();
  });

  it('says what an empty cache means and does not offer what does not exist', async () => {
    answer({ ...base, list_tenants: () => [] });
    renderAt('/tenants');
    expect(await screen.findByText('No tenants in the local cache')).toBeTruthy();
    expect(screen.getByText(/cannot connect to clusters yet/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: /sandbox|connect/i })).toBeNull();
  });

  it('shows a cache error with its code', async () => {
    answer({
      ...base,
      list_tenants: () => Promise.reject({ code: 'CACHE_UNAVAILABLE', message: 'database is locked', field: null }),
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
