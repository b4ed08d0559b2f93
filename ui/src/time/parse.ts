// Recovery points are typed as wall times in the display zone, to the
// microsecond, and sent as UTC microseconds.
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import { i18n, type Translate } from '../i18n';

dayjs.extend(utc);
dayjs.extend(timezone);

const WALL = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?$/;

/**
 * `2026-11-24 08:15:30.123456` in `zone` as UTC microseconds, or why not.
 * A wall time skipped by a DST change does not exist and is refused rather than moved.
 */
export function parseWallTime(text: string, zone: string, t: Translate = i18n.t): { micros: number } | { error: string } {
  const m = WALL.exec(text.trim());
  if (!m) return { error: t('recovery.badFormat') };
  const [, y, mo, d, h, mi, s, frac] = m;
  const whole = `${y}-${mo}-${d} ${h}:${mi}:${s}`;
  const at = dayjs.tz(whole, zone);
  if (!at.isValid()) return { error: t('recovery.badDate', { time: whole }) };
  if (at.format('YYYY-MM-DD HH:mm:ss') !== whole) {
    return { error: t('recovery.skippedTime', { time: whole, zone }) };
  }
  const micros = at.valueOf() * 1000 + Number((frac ?? '').padEnd(6, '0') || 0);
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
