import { describe, expect, it } from 'vitest';
import { cycleProblem, defaults, fromStrategy, toStrategy } from './strategyForm';

describe('the strategy form', () => {
  it('maps a week cycle to days 1 (Monday) to 7 and back', () => {
    const v = { ...defaults('Asia/Shanghai'), storagePath: '/data/backup' };
    const s = toStrategy(v, 3, { level: 'tenant', obTenantId: 1002, tenantName: 'trade' }, false);
    expect(s.schedule.days).toHaveLength(7);
    expect(s.schedule.days[0]).toEqual({ day: 1, method: 'FULL' });
    expect(s.storage).toMatchObject({ kind: 'FILE', path: '/data/backup', host: null, accessId: null, secretRef: null });
    expect(fromStrategy(s)).toMatchObject({ week: v.week, storagePath: '/data/backup', timeZone: 'Asia/Shanghai' });
  });

  it('leaves the keyring account to the engine and never carries the secret', () => {
    const v = { ...defaults('UTC'), kind: 'OSS' as const, storagePath: 'bucket/dir', host: 'oss.example.com', accessId: 'AK', secret: 'SECRET' };
    const s = toStrategy(v, 3, { level: 'cluster' }, false);
    expect(s.storage?.secretRef).toBeNull();
    expect(JSON.stringify(s)).not.toContain('SECRET');
  });

  it('keeps the cluster’s destinations as no storage at all, and reads it back so', () => {
    const v = { ...defaults('UTC'), destinations: 'keep' as const, storagePath: '/ignored' };
    const s = toStrategy(v, 3, { level: 'cluster' }, false);
    expect(s.storage).toBeNull();
    expect(fromStrategy(s)).toMatchObject({ destinations: 'keep', storagePath: '' });
  });

  it('asks for a Full day and at most 10 days a month', () => {
    const v = defaults('UTC');
    expect(cycleProblem(v)).toBeNull();
    expect(cycleProblem({ ...v, week: v.week.map(() => 'INCREMENTAL') })).toBe('strategy.needFull');
    const eleven = v.month.map((_, i) => (i < 11 ? 'FULL' : 'NONE'));
    expect(cycleProblem({ ...v, mode: 'MONTH', month: eleven })).toBe('strategy.tooManyDays');
  });
});
