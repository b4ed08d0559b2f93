// The mark an imported row carries wherever it is listed beside live ones, so that
// history from another desk's export is never read as a live cluster's.
import { Tag, Tooltip } from '@oceanbase/design';
import { useT } from '../../i18n';

export function ImportedMark({ label }: { label: string }) {
  const t = useT();
  return (
    <Tooltip title={t('imported.markTip', { label })}>
      <Tag color="purple" className="imported-mark" ellipsis={false}>
        {t('imported.mark', { label })}
      </Tag>
    </Tooltip>
  );
}

/** A task's id, with the mark when the row is imported. */
export function TaskId({ id, importedFrom }: { id: number; importedFrom: string | null }) {
  return (
    // The mark wraps below the id rather than widening the column.
    <span>
      {id} {importedFrom && <ImportedMark label={importedFrom} />}
    </span>
  );
}
