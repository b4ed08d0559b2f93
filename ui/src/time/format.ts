// Times are stored as UTC microseconds and always shown with an explicit offset
// in the display zone the user chose.
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import relativeTime from 'dayjs/plugin/relativeTime';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.extend(relativeTime);

/** `UTC+08:00`, `UTC-03:30`, `UTC+00:00` for a zone at an instant (offsets move with DST). */
export function zoneOffset(zone: string, atMicros: number): string {
  return `UTC${dayjs(Math.floor(atMicros / 1000)).tz(zone).format('Z')}`;
}

/** `2026-11-24 08:15:30 UTC+08:00`. */
export function formatInstant(micros: number, zone: string): string {
  const t = dayjs(Math.floor(micros / 1000)).tz(zone);
  return `${t.format('YYYY-MM-DD HH:mm:ss')} UTC${t.format('Z')}`;
}

/** `3 hours ago`, from `nowMicros` (passed in, so tests need no clock). */
export function formatAge(micros: number, nowMicros: number): string {
  return dayjs(Math.floor(micros / 1000)).from(dayjs(Math.floor(nowMicros / 1000)));
}

/** `Asia/Shanghai (UTC+08:00)` as the top bar shows the display zone. */
export function describeZone(zone: string, atMicros: number): string {
  return `${zone} (${zoneOffset(zone, atMicros)})`;
}

export function nowMicros(): number {
  return Date.now() * 1000;
}
