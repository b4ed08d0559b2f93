// An OceanBase enum value as a tag in the console's words, the value as OceanBase
// wrote it in the tooltip; a value the desk has no words for shows as written.
import { Tag, Tooltip } from '@oceanbase/design';
import { useT } from '../i18n';
import { lookOf, type Look } from '../pages/backup/labels';

export function StatusTag({ table, value }: { table: Record<string, Look>; value: string }) {
  const t = useT();
  const look = lookOf(table, value);
  return (
    <Tooltip title={value}>
      <span>
        <Tag color={look?.color ?? 'default'} ellipsis={false}>
          {look ? t(look.label) : value}
        </Tag>
      </span>
    </Tooltip>
  );
}

/** Plain words (no tag) for a value, its OceanBase spelling in the tooltip. */
export function StatusWords({ table, value }: { table: Record<string, Look>; value: string }) {
  const t = useT();
  const look = lookOf(table, value);
  // 3.x reports no log mode, for example: a dash, not an empty cell.
  if (value === '') return <>-</>;
  return (
    <Tooltip title={value}>
      <span>{look ? t(look.label) : value}</span>
    </Tooltip>
  );
}
