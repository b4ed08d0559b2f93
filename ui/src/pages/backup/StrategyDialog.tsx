// Add / edit a backup strategy: storage per type, the week or month cycle
// with Full / Incremental per day, time and its zone, log backup, retention
// and alert thresholds, with the next five runs as the form changes.
import { useEffect, useState } from 'react';
import {
  Alert,
  Button,
  Divider,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Space,
  Switch,
  Typography,
} from '@oceanbase/design';
import type { ClusterId, IpcError, ScheduledRun, StrategyRecord, StrategyScope, Words } from '../../ipc/bindings';
import { call } from '../../ipc/client';
import { useCall } from '../../ipc/query';
import { useSaid, useT } from '../../i18n';
import { useSettings } from '../../settings/SettingsProvider';
import { formatInstant } from '../../time/format';
import { placeError } from './formErrors';
import { cycleProblem, defaults, fromStrategy, toStrategy, WEEKDAYS, type StrategyValues } from './strategyForm';

const FIELDS = [
  'kind', 'storagePath', 'host', 'region', 'appId', 'accessId', 'secret', 'days', 'timeOfDay', 'timeZone',
  'pieceSwitchDays', 'retentionDays', 'dataBackupTimeoutMinutes', 'logLatencySeconds', 'daysWithoutDataBackup',
];

export function StrategyDialog(props: {
  open: boolean;
  cluster: ClusterId;
  scope: StrategyScope;
  /** Editing this one; absent: a new strategy. */
  existing?: StrategyRecord;
  onClose: () => void;
  onSaved: () => void;
}) {
  const t = useT();
  const said = useSaid();
  const { timeZone } = useSettings();
  const zones = useCall('time_zones', {});
  const backend = useCall('secret_backend', {});
  const [form] = Form.useForm<StrategyValues>();
  // Every field as the form holds it now, for the live preview of the next runs.
  const [values, setValues] = useState<StrategyValues | undefined>(undefined);
  const [preview, setPreview] = useState<ScheduledRun[]>([]);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [error, setError] = useState<Words | null>(null);
  const [saving, setSaving] = useState(false);
  const initial = props.existing ? fromStrategy(props.existing.strategy) : defaults(timeZone);
  useEffect(() => setValues(initial), []); // eslint-disable-line react-hooks/exhaustive-deps
  const paused = props.existing?.strategy.paused ?? false;

  // The next five runs follow the form; the shell computes them (one rule, in Rust).
  useEffect(() => {
    if (!values?.mode) return;
    const problem = cycleProblem(values);
    if (problem) {
      setPreview([]);
      setPreviewError(t(problem as 'strategy.needFull'));
      return;
    }
    const handle = setTimeout(() => {
      call('preview_strategy', { strategy: toStrategy({ ...initial, ...values }, props.cluster, props.scope, false) })
        .then((runs) => {
          setPreview(runs);
          setPreviewError(null);
        })
        .catch((e: IpcError) => {
          setPreview([]);
          setPreviewError(said(e.message));
        });
    }, 300);
    return () => clearTimeout(handle);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [JSON.stringify(values)]);

  const submit = async (v: StrategyValues) => {
    setError(null);
    const problem = cycleProblem(v);
    if (problem) {
      form.setFields([{ name: 'mode', errors: [t(problem as 'strategy.needFull')] }]);
      return;
    }
    setSaving(true);
    try {
      await call('save_strategy', {
        id: props.existing?.id ?? null,
        strategy: toStrategy(v, props.cluster, props.scope, paused),
        secret: v.secret ? v.secret : null,
      });
      props.onSaved();
      props.onClose();
    } catch (e) {
      const placed = placeError(e as IpcError, FIELDS);
      const name = placed.field === 'days' ? 'mode' : placed.field;
      if (name) form.setFields([{ name: name as keyof StrategyValues, errors: [said(placed.message)] }]);
      else setError(placed.message);
    } finally {
      setSaving(false);
    }
  };

  const kind = values?.kind ?? initial.kind;
  const mode = values?.mode ?? initial.mode;
  const dayOptions = [
    { value: 'NONE', label: '—' },
    { value: 'FULL', label: t('backupNow.full') },
    { value: 'INCREMENTAL', label: t('backupNow.incremental') },
  ];
  const title = props.existing ? t('strategy.editTitle') : t('strategy.addTitle');
  const scopeText =
    props.scope.level === 'tenant' ? t('strategy.scopeTenant', { tenant: props.scope.tenantName }) : t('strategy.scopeCluster');

  return (
    <Modal
      open={props.open}
      title={`${title}: ${scopeText}`}
      width={820}
      onCancel={props.onClose}
      // A stray click beside a half-filled form must not throw it away; Cancel and Esc still close.
      maskClosable={false}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={props.onClose}>{t('backupNow.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()}>
            {t('strategy.save')}
          </Button>
        </Space>
      }
    >
      {error && <Alert type="error" showIcon message={said(error)} style={{ marginBottom: 12 }} />}
      <Form<StrategyValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={initial}
        onFinish={submit}
        onValuesChange={(_, all) => setValues({ ...initial, ...all })}
      >
        <Divider orientation="left">{t('strategy.storage')}</Divider>
        <Space size="middle" align="start" wrap>
          <Form.Item name="kind" label={t('strategy.storageType')}>
            <Select
              style={{ width: 140 }}
              options={[
                { value: 'FILE', label: t('strategy.kindFile') },
                { value: 'OSS', label: t('strategy.kindOss') },
                { value: 'COS', label: t('strategy.kindCos') },
                { value: 'S3', label: t('strategy.kindS3') },
              ]}
            />
          </Form.Item>
          <Form.Item
            name="storagePath"
            label={t('strategy.path')}
            rules={[{ required: true, message: t('strategy.pathRequired') }]}
            extra={kind === 'FILE' ? t('strategy.pathFileHelp') : t('strategy.pathBucketHelp')}
          >
            <Input aria-label={t('strategy.path')} style={{ width: 320 }} placeholder={kind === 'FILE' ? '/data/backup' : 'bucket/dir'} />
          </Form.Item>
        </Space>
        {kind !== 'FILE' && (
          <Space size="middle" align="start" wrap>
            <Form.Item name="host" label={t('strategy.host')}>
              <Input style={{ width: 240 }} />
            </Form.Item>
            {kind === 'S3' && (
              <Form.Item name="region" label={t('strategy.region')}>
                <Input style={{ width: 140 }} />
              </Form.Item>
            )}
            {kind === 'COS' && (
              <Form.Item name="appId" label={t('strategy.appId')}>
                <Input style={{ width: 140 }} />
              </Form.Item>
            )}
            <Form.Item name="accessId" label={t('strategy.accessId')}>
              <Input style={{ width: 200 }} />
            </Form.Item>
            <Form.Item
              name="secret"
              label={t('strategy.accessSecret')}
              extra={
                backend.data?.kind === 'session'
                  ? said(backend.data.reason)
                  : props.existing
                    ? t('strategy.secretKept')
                    : t('strategy.secretKeyring')
              }
            >
              <Input.Password style={{ width: 220 }} autoComplete="off" />
            </Form.Item>
          </Space>
        )}

        <Divider orientation="left">{t('strategy.schedule')}</Divider>
        <Form.Item name="mode" label={t('strategy.cycle')}>
          <Radio.Group>
            <Radio value="WEEK">{t('strategy.week')}</Radio>
            <Radio value="MONTH">{t('strategy.month')}</Radio>
          </Radio.Group>
        </Form.Item>
        <div className={mode === 'WEEK' ? 'strategy-days week' : 'strategy-days month'}>
          {(mode === 'WEEK' ? WEEKDAYS : Array.from({ length: 31 }, (_, i) => String(i + 1))).map((d, i) => (
            <Form.Item
              key={`${mode}-${i}`}
              name={[mode === 'WEEK' ? 'week' : 'month', i]}
              label={mode === 'WEEK' ? t(`strategy.weekday.${d as (typeof WEEKDAYS)[number]}`) : d}
            >
              <Select size="small" style={{ width: 120 }} options={dayOptions} />
            </Form.Item>
          ))}
        </div>
        <Space size="middle" align="start" wrap>
          <Form.Item name="timeOfDay" label={t('strategy.timeOfDay')} extra={t('strategy.timeOfDayHelp')}>
            <Input style={{ width: 100 }} />
          </Form.Item>
          <Form.Item name="timeZone" label={t('strategy.timeZone')}>
            <Select showSearch style={{ width: 240 }} options={(zones.data ?? []).map((z) => ({ value: z, label: z }))} />
          </Form.Item>
        </Space>
        <div className="strategy-preview" aria-label={t('strategy.nextRuns')}>
          <Typography.Text strong>{t('strategy.nextRuns')}</Typography.Text>
          {previewError && <Typography.Text type="danger"> {previewError}</Typography.Text>}
          <ol>
            {preview.map((r) => (
              <li key={r.at}>
                {formatInstant(r.at, timeZone)} ·{' '}
                {r.method === 'FULL' ? t('backupNow.full') : t('backupNow.incremental')}
              </li>
            ))}
          </ol>
        </div>

        <Divider orientation="left">{t('strategy.logAndRetention')}</Divider>
        <Space size="middle" align="start" wrap>
          <Form.Item name="logBackup" label={t('strategy.logBackup')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="pieceSwitchDays" label={t('strategy.pieceSwitchDays')}>
            <InputNumber min={1} max={7} />
          </Form.Item>
          <Form.Item name="retentionDays" label={t('strategy.retentionDays')}>
            <InputNumber min={1} max={3650} />
          </Form.Item>
        </Space>
        <Divider orientation="left">{t('strategy.alerts')}</Divider>
        <Space size="middle" align="start" wrap>
          <Form.Item name="dataBackupTimeoutMinutes" label={t('strategy.alertTimeout')}>
            <InputNumber min={1} />
          </Form.Item>
          <Form.Item name="logLatencySeconds" label={t('strategy.alertLatency')}>
            <InputNumber min={1} />
          </Form.Item>
          <Form.Item name="daysWithoutDataBackup" label={t('strategy.alertDays')}>
            <InputNumber min={1} />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}
