import { Card, Empty } from '@oceanbase/design';
import { PageHeader } from '../../layout/PageHeader';

// The task center lists every cluster's backup and recovery tasks from the
// cache; task history is not cached by this build yet.
export function TaskCenterPage() {
  return (
    <>
      <PageHeader title="Backup & Recovery" />
      <Card>
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="No backup or recovery tasks in the local cache." />
      </Card>
    </>
  );
}
