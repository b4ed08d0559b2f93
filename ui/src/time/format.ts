// Times are stored as UTC microseconds and always shown with an explicit offset
// in the display zone the user chose.
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import relativeTime from 'dayjs/plugin/relativeTime';
import { i18n, type Translate } from '../i18n';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.extend(relativeTime);

/** `UTC+08:00`, `UTC-03:30`, `UTC+00:00` for a zone at an instant (offsets move with DST). */
export function zoneOffset(zone: string, atMicros: number): string {
  return `UTC${dayjs(Math.floor(atMicros / 1000)).tz(zone).format('Z')}`;
}

/** `{ local: '2026-11-24 08:15:30', offset: 'UTC+08:00' }`: an instant's two parts, for a cell that may put the offset under the time. */
export function instantParts(micros: number, zone: string): { local: string; offset: string } {
  const t = dayjs(Math.floor(micros / 1000)).tz(zone);
  return { local: t.format('YYYY-MM-DD HH:mm:ss'), offset: `UTC${t.format('Z')}` };
}

/** `2026-11-24 08:15:30 UTC+08:00`. */
export function formatInstant(micros: number, zone: string): string {
  const { local, offset } = instantParts(micros, zone);
  return `${local} ${offset}`;
}

const AGE_LOCALE = 'ob-desk-age';

/**
 * `3 hours ago` (`3 小时前`), from `nowMicros` (passed in, so tests need no clock).
 * dayjs picks the unit and rounds; the words come from `t` (the `age.*` keys).
 */
export function formatAge(micros: number, nowMicros: number, t: Translate = i18n.t): string {
  const n = { n: '%d' };
  const relativeTime = {
    future: t('age.future', { time: '%s' }),
    past: t('age.past', { time: '%s' }),
    s: t('age.s'),
    m: t('age.m'),
    mm: t('age.mm', n),
    h: t('age.h'),
    hh: t('age.hh', n),
    d: t('age.d'),
    dd: t('age.dd', n),
    M: t('age.M'),
    MM: t('age.MM', n),
    y: t('age.y'),
    yy: t('age.yy', n),
  };
  // A locale only this call reads (an instance's locale, not dayjs's global one).
  return dayjs(Math.floor(micros / 1000))
    .locale(AGE_LOCALE, { name: AGE_LOCALE, formats: {}, relativeTime })
    .from(dayjs(Math.floor(nowMicros / 1000)));
}

/** `Asia/Shanghai (UTC+08:00)` as the top bar shows the display zone. */
export function describeZone(zone: string, atMicros: number): string {
  return `${zone} (${zoneOffset(zone, atMicros)})`;
}

export function nowMicros(): number {
  return Date.now() * 1000;
}
