// Task tables that fit the content area of a 1280 px window in either language:
// columns take the width their content needs (a time puts its offset under it
// rather than a column growing), lower-priority columns collapse into the row's
// expansion, as OCP does, and only a window narrower than what is left scrolls
// sideways, with Actions pinned to the right.
import type { ReactNode } from 'react';
import { SettingOutlined } from '@ant-design/icons';
import { Button, Checkbox, Descriptions, Popover, Typography } from '@oceanbase/design';
import type { TableColumnsType, TableProps } from '@oceanbase/design';
import { useT } from '../../i18n';

/** One column (not a group) of an antd table. */
type Column<T> = Exclude<TableColumnsType<T>[number], { children: unknown }>;

/**
 * A column of a task table. `detail` ones show in the row's expansion instead of
 * a column of their own; `render` draws the cell, in the row or in the expansion.
 */
export type TaskColumn<T> = Omit<Column<T>, 'render' | 'title' | 'key'> & {
  key: string;
  title: string;
  render: (row: T) => ReactNode;
  detail?: boolean;
};

/** The Table props that size columns to their content (antd fixes them when a column is pinned). */
export const FIT_TABLE = { scroll: { x: true }, tableLayout: 'auto' } as const;

/** The row's columns, and the expansion that shows the `detail` ones. */
export function fitColumns<T>(all: TaskColumn<T>[]): {
  columns: Column<T>[];
  expandable?: TableProps<T>['expandable'];
} {
  const columns = all
    .filter((c) => !c.detail)
    // antd reads the keys it knows; `detail` is ours.
    .map((c): Column<T> => ({ ...c, render: (_v: unknown, row: T) => c.render(row) }));
  const details = all.filter((c) => c.detail);
  if (details.length === 0) return { columns };
  return {
    columns,
    expandable: {
      columnWidth: 40,
      expandedRowRender: (row: T) => (
        <Descriptions
          className="task-details"
          size="small"
          column={3}
          // Whole, wrapping: @oceanbase/design would cut each value to an ellipsis.
          items={details.map((c) => ({ key: c.key, label: c.title, children: c.render(row), contentProps: { ellipsis: false } }))}
        />
      ),
    },
  };
}

/**
 * Which columns a table shows in its rows, the others in each row's expansion: a
 * person who sorts by a column that is in the expansion brings it into the row.
 * Whatever cannot leave the row (Status) is ticked and cannot be unticked.
 */
export function ColumnChooser({
  options,
  value,
  onChange,
}: {
  options: { value: string; label: string; disabled?: boolean }[];
  value: string[];
  onChange: (next: string[]) => void;
}) {
  const t = useT();
  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      content={
        <div className="column-chooser">
          <Typography.Text type="secondary">{t('tasks.columnsHelp')}</Typography.Text>
          <Checkbox.Group options={options} value={value} onChange={(next: unknown[]) => onChange(next as string[])} />
        </div>
      }
    >
      <Button icon={<SettingOutlined />}>{t('tasks.columns')}</Button>
    </Popover>
  );
}
