// Backup Now, for a tenant or for the whole cluster: the object, the version
// the desk detected, the method, then the job's progress until it ends.
import { useState } from 'react';
import { Alert, Button, Descriptions, Form, Modal, Progress, Radio, Space, Switch, Typography } from '@oceanbase/design';
import type { BackupType, Cluster, IpcError, TaskProgress, Tenant } from '../../ipc/bindings';
import { call, followTask } from '../../ipc/client';
import { placeError } from './formErrors';

type Values = { method: BackupType; plusArchivelog: boolean };
const FIELDS = ['method', 'plusArchivelog'] as const;

export function BackupNowDialog(props: {
  open: boolean;
  cluster: Cluster;
  /** Absent: Backup Now for Current Cluster. */
  tenant?: Tenant;
  onClose: () => void;
}) {
  const { cluster, tenant } = props;
  const [form] = Form.useForm<Values>();
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [progress, setProgress] = useState<TaskProgress | null>(null);
  const [started, setStarted] = useState<string | null>(null);

  const submit = async (values: Values) => {
    setSending(true);
    setError(null);
    try {
      const receipt = await call('backup_now', {
        req: { cluster: cluster.id, tenant: tenant?.name ?? null, method: values.method, plusArchivelog: values.plusArchivelog },
      });
      setStarted(receipt.message);
      if (receipt.jobId !== null) {
        void followTask(
          { cluster: cluster.id, kind: 'BACKUP', tenant: tenant?.name ?? '', jobId: receipt.jobId },
          setProgress,
        ).then(setProgress, () => undefined);
      }
    } catch (e) {
      const placed = placeError(e as IpcError, FIELDS);
      if (placed.field) form.setFields([{ name: placed.field as keyof Values, errors: [placed.message] }]);
      else setError(placed.message);
    } finally {
      setSending(false);
    }
  };

  const title = tenant ? `Backup Now: ${tenant.name}` : `Backup Now for Current Cluster: ${cluster.name}`;
  return (
    <Modal
      open={props.open}
      title={title}
      onCancel={props.onClose}
      destroyOnHidden
      footer={
        started ? (
          <Button onClick={props.onClose}>Close</Button>
        ) : (
          <Space>
            <Button onClick={props.onClose}>Cancel</Button>
            <Button type="primary" loading={sending} onClick={() => form.submit()}>
              Back Up
            </Button>
          </Space>
        )
      }
    >
      <Descriptions column={1} size="small" style={{ marginBottom: 16 }}>
        <Descriptions.Item label="Object">{tenant ? `Tenant ${tenant.name} of ${cluster.name}` : `Every user tenant of ${cluster.name}`}</Descriptions.Item>
        <Descriptions.Item label="Detected version">{cluster.version ? `V${cluster.version}` : 'Not synced yet'}</Descriptions.Item>
        <Descriptions.Item label="Storage">The tenant's data backup destination on the cluster</Descriptions.Item>
      </Descriptions>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      {started ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Alert type="success" showIcon message={started} />
          {progress && (
            <>
              <Progress
                percent={progress.percent}
                status={progress.terminal ? (progress.phase === 'COMPLETED' ? 'success' : 'exception') : 'active'}
              />
              <Typography.Text type="secondary">
                {progress.terminal ? `Finished: ${progress.phase}` : `Phase: ${progress.phase}`}
                {progress.comment ? ` (${progress.comment})` : ''}
              </Typography.Text>
            </>
          )}
        </Space>
      ) : (
        <Form<Values> form={form} layout="vertical" initialValues={{ method: 'FULL', plusArchivelog: false }} onFinish={submit}>
          <Form.Item name="method" label="Backup Method">
            <Radio.Group>
              <Radio value="FULL">Full</Radio>
              <Radio value="INC">Incremental</Radio>
            </Radio.Group>
          </Form.Item>
          <Form.Item name="plusArchivelog" label="Include the logs that make this set restorable on its own" valuePropName="checked">
            <Switch />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
