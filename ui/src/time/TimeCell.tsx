// A time in a table: the local time and its offset, each on one line. A narrow
// column puts the offset under the time, never a third line.
import { Typography } from '@oceanbase/design';
import { instantParts } from './format';

export function TimeCell({ micros, zone }: { micros: number | null; zone: string }) {
  if (micros === null) return <Typography.Text type="secondary">-</Typography.Text>;
  const { local, offset } = instantParts(micros, zone);
  return (
    <span className="time-cell">
      <span className="nowrap">{local}</span> <span className="nowrap time-offset">{offset}</span>
    </span>
  );
}
