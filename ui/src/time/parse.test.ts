import { describe, expect, it } from 'vitest';
import { formatMicros, parseWallTime, wallText } from './parse';

describe('recovery times typed by the operator', () => {
  it('read a wall time in the display zone to the microsecond', () => {
    const r = parseWallTime('2026-11-24 08:15:30.000123', 'Asia/Shanghai');
    expect(r).toEqual({ micros: Date.UTC(2026, 10, 24, 0, 15, 30) * 1000 + 123 });
  });

  it('round-trip through what the dialog shows', () => {
    const micros = Date.UTC(2026, 6, 1, 12, 0, 0) * 1000 + 987654;
    expect(formatMicros(micros, 'Europe/Berlin')).toBe('2026-07-01 14:00:00.987654 UTC+02:00');
    expect(parseWallTime(wallText(micros, 'Europe/Berlin'), 'Europe/Berlin')).toEqual({ micros });
  });

  it('refuse malformed text and wall times a DST change skips', () => {
    expect('error' in parseWallTime('2026-11-24T08:15', 'UTC')).toBe(true);
    expect('error' in parseWallTime('2026-02-30 00:00:00', 'UTC')).toBe(true);
    const skipped = parseWallTime('2026-03-29 02:30:00', 'Europe/Berlin');
    expect(skipped).toEqual({ error: expect.stringContaining('does not exist') });
  });
});
