import { Tag, Tooltip } from '@oceanbase/design';

/** Marks everything that comes from the built-in sandbox, wherever it appears. */
export function SandboxTag() {
  return (
    <Tooltip title="An emulated cluster of the built-in sandbox, running inside OB Backup Desk: not a real OceanBase cluster.">
      <Tag color="purple">Sandbox</Tag>
    </Tooltip>
  );
}
