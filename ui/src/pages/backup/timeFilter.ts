// The recovery (and backup) task lists' time filter: OCP's presets and a custom range.
import type { MessageKey } from '../../i18n';

export type TimePreset = 'all' | 'last24h' | 'last7d' | 'last30d' | 'custom';

/** The presets in OCP's order; `label` is an i18n key. */
export const TIME_PRESETS: readonly { key: TimePreset; label: MessageKey }[] = [
  { key: 'all', label: 'filters.all' },
  { key: 'last24h', label: 'filters.last24h' },
  { key: 'last7d', label: 'filters.last7d' },
  { key: 'last30d', label: 'filters.last30d' },
  { key: 'custom', label: 'filters.custom' },
];

const HOUR = 3_600_000_000;

export interface TimeRange {
  from: number | null;
  to: number | null;
}

/** The start-time range a preset means at `nowMicros`; custom passes its own range through. */
export function presetRange(preset: TimePreset, nowMicros: number, custom: TimeRange | null = null): TimeRange {
  switch (preset) {
    case 'all':
      return { from: null, to: null };
    case 'last24h':
      return { from: nowMicros - 24 * HOUR, to: nowMicros };
    case 'last7d':
      return { from: nowMicros - 7 * 24 * HOUR, to: nowMicros };
    case 'last30d':
      return { from: nowMicros - 30 * 24 * HOUR, to: nowMicros };
    case 'custom':
      return custom ?? { from: null, to: null };
  }
}
