import { describe, expect, it } from 'vitest';
import { activeConsoleEntry, activeTenantEntry } from './nav';

describe('navigation', () => {
  it('keeps the section highlighted inside it', () => {
    expect(activeConsoleEntry('/tenants')?.label).toBe('Tenants');
    expect(activeConsoleEntry('/tenants/7/backup')?.label).toBe('Tenants');
    expect(activeConsoleEntry('/backup-recovery')?.label).toBe('Backup & Recovery');
    expect(activeConsoleEntry('/tenantsx')).toBeUndefined();
  });

  it('finds the tenant page from its path', () => {
    expect(activeTenantEntry('/tenants/7/backup')?.label).toBe('Backup and Recovery');
    expect(activeTenantEntry('/tenants/7/overview')?.label).toBe('Overview');
    expect(activeTenantEntry('/tenants/7')).toBeUndefined();
  });
});
