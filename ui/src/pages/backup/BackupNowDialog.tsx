// Backup Now, for a tenant or for the whole cluster: the object, the version
// the desk detected, the method, then the job's progress until it ends (the
// tables' progress component, every figure shown).
import { useState } from 'react';
import { Alert, Button, Descriptions, Form, Modal, Radio, Space, Switch, Typography } from '@oceanbase/design';
import type { BackupType, Cluster, IpcError, TaskProgress as Report, Tenant, Words } from '../../ipc/bindings';
import { call, followTask } from '../../ipc/client';
import { placeError } from './formErrors';
import { TaskProgress } from './TaskProgress';
import { useSaid, useT } from '../../i18n';
import { useCall } from '../../ipc/query';
import type { UseQueryResult } from '@tanstack/react-query';
import type { DestinationReview } from '../../ipc/bindings';

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
  const t = useT();
  const said = useSaid();
  const [form] = Form.useForm<Values>();
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<Words | null>(null);
  const [progress, setProgress] = useState<Report | null>(null);
  const [started, setStarted] = useState<Words | null>(null);

  // Where the backup will write: the destinations the cluster has for the tenant(s) now.
  const review = useCall(
    'review_destinations',
    {
      cluster: cluster.id,
      scope: tenant ? { level: 'tenant', obTenantId: tenant.obTenantId, tenantName: tenant.name } : { level: 'cluster' },
      strategy: null,
    },
    { enabled: props.open },
  );

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
      if (placed.field) form.setFields([{ name: placed.field as keyof Values, errors: [said(placed.message)] }]);
      else setError(placed.message);
    } finally {
      setSending(false);
    }
  };

  const title = tenant
    ? t('backupNow.title', { tenant: tenant.name })
    : t('backupNow.titleCluster', { cluster: cluster.name });
  return (
    <Modal
      open={props.open}
      title={title}
      onCancel={props.onClose}
      destroyOnHidden
      footer={
        started ? (
          <Button onClick={props.onClose}>{t('backupNow.close')}</Button>
        ) : (
          <Space>
            <Button onClick={props.onClose}>{t('backupNow.cancel')}</Button>
            <Button type="primary" loading={sending} onClick={() => form.submit()}>
              {t('backupNow.submit')}
            </Button>
          </Space>
        )
      }
    >
      <Descriptions
        column={1}
        size="small"
        style={{ marginBottom: 16 }}
        items={[
          {
            key: 'object',
            label: t('backupNow.object'),
            children: tenant
              ? t('backupNow.objectTenant', { tenant: tenant.name, cluster: cluster.name })
              : t('backupNow.objectCluster', { cluster: cluster.name }),
          },
          {
            key: 'version',
            label: t('backupNow.version'),
            children: cluster.version ? `V${cluster.version}` : t('backupNow.notSynced'),
          },
          { key: 'storage', label: t('backupNow.storage'), children: <Destinations review={review} tenant={tenant} /> },
        ]}
      />
      {error && <Alert type="error" showIcon message={said(error)} style={{ marginBottom: 16 }} />}
      {started ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Alert type="success" showIcon message={said(started)} />
          {progress && (
            <>
              <TaskProgress state={progress.state} status={progress.status} progress={progress.progress} compact={false} />
              {progress.comment && <Typography.Text type="secondary">{progress.comment}</Typography.Text>}
            </>
          )}
        </Space>
      ) : (
        <Form<Values> form={form} layout="vertical" requiredMark={false} initialValues={{ method: 'FULL', plusArchivelog: false }} onFinish={submit}>
          <Form.Item name="method" label={t('backupNow.method')}>
            <Radio.Group>
              <Radio value="FULL">{t('backupNow.full')}</Radio>
              <Radio value="INC">{t('backupNow.incremental')}</Radio>
            </Radio.Group>
          </Form.Item>
          <Form.Item name="plusArchivelog" label={t('backupNow.plusArchivelog')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}

/** Each tenant's data backup destination as the cluster has it (redacted), or that it has none. */
function Destinations({ review, tenant }: { review: UseQueryResult<DestinationReview, IpcError>; tenant?: Tenant }) {
  const t = useT();
  if (review.isPending) return <Typography.Text type="secondary">{t('backupNow.storageReading')}</Typography.Text>;
  if (!review.data) return <Typography.Text type="secondary">{t('backupNow.storageFromCluster')}</Typography.Text>;
  const rows = review.data.current.filter((d) => !tenant || d.obTenantId === tenant.obTenantId);
  if (rows.length === 0) return <Typography.Text type="secondary">{t('backupNow.storageFromCluster')}</Typography.Text>;
  return (
    <Space direction="vertical" size={0}>
      {rows.map((d) => (
        <Typography.Text key={d.obTenantId} type={d.dataBackupDest ? undefined : 'warning'} copyable={d.dataBackupDest ? { text: d.dataBackupDest } : false}>
          {tenant ? '' : `${d.tenant}: `}
          {d.dataBackupDest ?? t('backupNow.noDestination')}
        </Typography.Text>
      ))}
    </Space>
  );
}
