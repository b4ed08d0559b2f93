import { describe, expect, it } from 'vitest';
import { activeConsoleEntry, activeTenantEntry } from './nav';

describe('navigation', () => {
  it('keeps the section highlighted inside it', () => {
    expect(activeConsoleEntry('/tenants')?.key).toBe('tenants');
    expect(activeConsoleEntry('/tenants/7/backup')?.key).toBe('tenants');
    expect(activeConsoleEntry('/backup-recovery')?.key).toBe('tasks');
    expect(activeConsoleEntry('/tenantsx')).toBeUndefined();
  });

  it('finds the tenant page from its path', () => {
    expect(activeTenantEntry('/tenants/7/backup')?.key).toBe('backup');
    expect(activeTenantEntry('/tenants/7/overview')?.key).toBe('overview');
    expect(activeTenantEntry('/tenants/7')).toBeUndefined();
  });
});
