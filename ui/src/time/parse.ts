// Recovery points are typed as wall times in the display zone, to the
// microsecond, and sent as UTC microseconds.
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';

dayjs.extend(utc);
dayjs.extend(timezone);

const WALL = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?$/;

/**
 * `2026-11-24 08:15:30.123456` in `zone` as UTC microseconds, or why not.
 * A wall time skipped by a DST change does not exist and is refused rather than moved.
 */
export function parseWallTime(text: string, zone: string): { micros: number } | { error: string } {
  const m = WALL.exec(text.trim());
  if (!m) return { error: 'Use YYYY-MM-DD HH:mm:ss, optionally with up to 6 digits of fraction (.ffffff)' };
  const [, y, mo, d, h, mi, s, frac] = m;
  const whole = `${y}-${mo}-${d} ${h}:${mi}:${s}`;
  const t = dayjs.tz(whole, zone);
  if (!t.isValid()) return { error: `${whole} is not a valid date` };
  if (t.format('YYYY-MM-DD HH:mm:ss') !== whole) {
    return { error: `${whole} does not exist in ${zone} (a daylight saving change skips it)` };
  }
  const micros = t.valueOf() * 1000 + Number((frac ?? '').padEnd(6, '0') || 0);
  return { micros };
}

/** `2026-11-24 08:15:30.123456 UTC+08:00`: the recovery dialog shows microseconds. */
export function formatMicros(micros: number, zone: string): string {
  const t = dayjs(Math.floor(micros / 1000)).tz(zone);
  const frac = String(((micros % 1_000_000) + 1_000_000) % 1_000_000).padStart(6, '0');
  return `${t.format('YYYY-MM-DD HH:mm:ss')}.${frac} UTC${t.format('Z')}`;
}

/** The wall-time text `parseWallTime` reads back to the same instant. */
export function wallText(micros: number, zone: string): string {
  return formatMicros(micros, zone).replace(/ UTC[+-]\d{2}:\d{2}$/, '');
}
