import { describe, expect, it } from 'vitest';
import { describeZone, formatAge, formatInstant, instantParts, zoneOffset } from './format';

// 2026-11-24T00:30:00Z
const T = Date.UTC(2026, 10, 24, 0, 30, 0) * 1000;

describe('times on screen', () => {
  it('show the display zone with its explicit offset', () => {
    expect(formatInstant(T, 'Asia/Shanghai')).toBe('2026-11-24 08:30:00 UTC+08:00');
    expect(formatInstant(T, 'UTC')).toBe('2026-11-24 00:30:00 UTC+00:00');
    expect(formatInstant(T, 'America/St_Johns')).toBe('2026-11-23 21:00:00 UTC-03:30');
  });

  it('split into the local time and its offset, for a table cell', () => {
    expect(instantParts(T, 'America/St_Johns')).toEqual({ local: '2026-11-23 21:00:00', offset: 'UTC-03:30' });
  });

  it('follow daylight saving time in the offset', () => {
    const summer = Date.UTC(2026, 6, 1, 12, 0, 0) * 1000;
    expect(zoneOffset('Europe/Berlin', summer)).toBe('UTC+02:00');
    expect(zoneOffset('Europe/Berlin', T)).toBe('UTC+01:00');
    // The last second before the autumn change is still summer time.
    const beforeChange = Date.UTC(2026, 9, 25, 0, 59, 59) * 1000;
    expect(formatInstant(beforeChange, 'Europe/Berlin')).toBe('2026-10-25 02:59:59 UTC+02:00');
    expect(formatInstant(beforeChange + 1_000_000, 'Europe/Berlin')).toBe('2026-10-25 02:00:00 UTC+01:00');
  });

  it('name the zone and its offset for the top bar', () => {
    expect(describeZone('Asia/Kolkata', T)).toBe('Asia/Kolkata (UTC+05:30)');
  });

  it('say how long ago a refresh was', () => {
    expect(formatAge(T - 3 * 3600 * 1e6, T)).toBe('3 hours ago');
  });
});
