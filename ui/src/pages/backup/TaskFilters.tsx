// The filter bar every task list shares: time presets or a custom range, and states.
import { DatePicker, Radio, Select, Space } from '@oceanbase/design';
import dayjs, { type Dayjs } from 'dayjs';
import type { TaskState } from '../../ipc/bindings';
import { useT } from '../../i18n';
import { FILTERABLE_STATES, TASK_STATE } from './labels';
import { TIME_PRESETS, type TimePreset, type TimeRange } from './timeFilter';

export interface FilterState {
  preset: TimePreset;
  custom: TimeRange | null;
  states: TaskState[];
}

export const NO_FILTER: FilterState = { preset: 'all', custom: null, states: [] };

/** A picked wall-clock time read in the display zone (the picker knows no zones). */
function toMicros(d: Dayjs, zone: string): number {
  return dayjs.tz(d.format('YYYY-MM-DD HH:mm:ss'), zone).valueOf() * 1000;
}

function toPicker(micros: number, zone: string): Dayjs {
  return dayjs(dayjs(micros / 1000).tz(zone).format('YYYY-MM-DD HH:mm:ss'));
}

export function TaskFilters({
  value,
  onChange,
  zone,
}: {
  value: FilterState;
  onChange: (next: FilterState) => void;
  zone: string;
}) {
  const t = useT();
  const custom = value.custom;
  return (
    <Space wrap className="task-filters">
      <Radio.Group
        optionType="button"
        value={value.preset}
        onChange={(e) => onChange({ ...value, preset: e.target.value as TimePreset })}
        options={TIME_PRESETS.map((p) => ({ value: p.key, label: t(p.label) }))}
      />
      {value.preset === 'custom' && (
        <DatePicker.RangePicker
          showTime
          aria-label={t('filters.customRange')}
          value={custom?.from != null && custom.to != null ? [toPicker(custom.from, zone), toPicker(custom.to, zone)] : null}
          onChange={(range) =>
            onChange({
              ...value,
              custom: range?.[0] && range[1] ? { from: toMicros(range[0], zone), to: toMicros(range[1], zone) } : null,
            })
          }
        />
      )}
      <Select
        mode="multiple"
        allowClear
        placeholder={t('filters.allStatuses')}
        aria-label={t('filters.statusFilter')}
        style={{ minWidth: 200 }}
        value={value.states}
        onChange={(states: TaskState[]) => onChange({ ...value, states })}
        options={FILTERABLE_STATES.map((s) => ({ value: s, label: t(TASK_STATE[s].label) }))}
      />
    </Space>
  );
}
