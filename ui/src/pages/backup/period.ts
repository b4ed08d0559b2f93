// The recoverable period chart's navigation and geometry.
import type { PeriodView } from '../../ipc/bindings';

/** `<`: an older period, when one holds anything. */
export function canGoOlder(view: PeriodView | undefined): boolean {
  return !!view && view.hasEarlier;
}

/** `>`: a newer period; none after the latest (no moving into the future). */
export function canGoNewer(index: number): boolean {
  return index > 0;
}

export function older(index: number): number {
  return index + 1;
}

export function newer(index: number): number {
  return Math.max(0, index - 1);
}

/** Where `t` sits on the period's track, in percent (clamped). */
export function position(t: number, view: Pick<PeriodView, 'start' | 'end'>): number {
  const span = view.end - view.start;
  if (span <= 0) return 0;
  return Math.min(100, Math.max(0, ((t - view.start) / span) * 100));
}

/** The unrecoverable stretches between and around the ranges (what the chart shows as gaps). */
export function gaps(view: Pick<PeriodView, 'start' | 'end' | 'ranges'>): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let cursor = view.start;
  for (const r of view.ranges) {
    if (r.start > cursor) out.push({ start: cursor, end: r.start });
    cursor = Math.max(cursor, r.end);
  }
  if (cursor < view.end) out.push({ start: cursor, end: view.end });
  return out;
}
