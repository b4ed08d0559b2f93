// Add / edit a backup strategy: keep the cluster's destinations or a new path (with
// what it would move), storage per type, the week or month cycle with Full /
// Incremental per day, time and its zone, log backup, retention and alert
// thresholds, with the next five runs as the form changes; saving shows each step
// and wait of the apply.
import { useEffect, useMemo, useState } from 'react';
import { RunTime } from './RunTime';
import {
  Alert,
  App as AntApp,
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
import type {
  ApplyProgress,
  ApplyReport,
  ClusterId,
  DestinationChange,
  IpcError,
  ScheduledRun,
  Strategy,
  StrategyRecord,
  StrategyScope,
  TenantDestinations,
  Words,
} from '../../ipc/bindings';
import { call, saveStrategy } from '../../ipc/client';
import { useCall } from '../../ipc/query';
import { useSaid, useT } from '../../i18n';
import { useSettings } from '../../settings/SettingsProvider';
import { placeError } from './formErrors';
import { useScopeWords } from './scopeWords';
import { cycleProblem, defaults, fromStrategy, toStrategy, WEEKDAYS, type StrategyValues } from './strategyForm';

const FIELDS = [
  'destinations', 'kind', 'storagePath', 'host', 'region', 'appId', 'accessId', 'secret', 'days', 'timeOfDay', 'timeZone',
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
  const scopeText = useScopeWords(props.cluster, props.scope);
  const said = useSaid();
  const { timeZone } = useSettings();
  const zones = useCall('time_zones', {});
  const backend = useCall('secret_backend', {});
  const [form] = Form.useForm<StrategyValues>();
  const [preview, setPreview] = useState<ScheduledRun[]>([]);
  const [previewError, setPreviewError] = useState<Words | null>(null);
  const [error, setError] = useState<Words | null>(null);
  const [saving, setSaving] = useState(false);
  const [step, setStep] = useState<ApplyProgress | null>(null);
  const [reviewed, setReviewed] = useState<DestinationChange[]>([]);
  const { message, modal } = AntApp.useApp();
  // Closing with edits asks first: a strategy's days and paths take a while to enter.
  const close = () => {
    if (!form.isFieldsTouched()) return props.onClose();
    modal.confirm({
      title: t('strategy.discardTitle'),
      content: t('strategy.discardWhat'),
      okText: t('strategy.discard'),
      okButtonProps: { danger: true },
      cancelText: t('strategy.keepEditing'),
      onOk: props.onClose,
    });
  };
  // What the tenants back up to now (from the cache): offered to keep, warned before moving.
  const review = useCall('review_destinations', { cluster: props.cluster, scope: props.scope, strategy: null });
  const current = review.data?.current ?? [];
  const keepable = current.some((c) => c.dataBackupDest);
  // Known already (another dialog read the same review): the form starts on "keep",
  // since an effect before the dialog's form is mounted would be lost.
  const [keptAtOpen] = useState(keepable);
  const initial = useMemo(
    () =>
      props.existing
        ? fromStrategy(props.existing.strategy)
        : { ...defaults(timeZone), ...(keptAtOpen ? { destinations: 'keep' as const } : {}) },
    [props.existing, timeZone, keptAtOpen],
  );
  // Every field as the form holds it now (hidden ones too), for the live previews. The
  // watch is empty until the form is connected, so the initial values fill in.
  const watched = Form.useWatch((all: StrategyValues) => all, { form, preserve: true }) as Partial<StrategyValues> | undefined;
  const values: StrategyValues = { ...initial, ...watched };
  // A new strategy adopts the destinations the cluster already has, once they are known.
  const isNew = !props.existing;
  useEffect(() => {
    if (isNew && keepable && !form.isFieldTouched('destinations')) form.setFieldsValue({ destinations: 'keep' });
  }, [isNew, keepable, form]);
  const paused = props.existing?.strategy.paused ?? false;

  // The strategy the form describes, as text: the previews below re-run when it says
  // something else, not each time a parent hands down an equal scope object.
  const draft = JSON.stringify(toStrategy(values, props.cluster, props.scope, false));

  // What a new path would move, from the cache and the shell's one rule.
  const reviewsPath = values.destinations === 'new' && values.storagePath.trim() !== '';
  const changes = reviewsPath ? reviewed : [];
  useEffect(() => {
    if (!reviewsPath) return;
    const strategy = JSON.parse(draft) as Strategy;
    const handle = setTimeout(() => {
      call('review_destinations', { cluster: strategy.clusterId, scope: strategy.scope, strategy })
        .then((r) => setReviewed(r.changes))
        // A half-typed path: the form says what is wrong on save.
        .catch(() => setReviewed([]));
    }, 300);
    return () => clearTimeout(handle);
  }, [reviewsPath, draft]);

  // The next five runs follow the form; the shell computes them (one rule, in Rust).
  // A cycle without a full backup is refused here, without asking.
  const problem = cycleProblem(values);
  useEffect(() => {
    if (problem) return;
    const handle = setTimeout(() => {
      call('preview_strategy', { strategy: JSON.parse(draft) as Strategy })
        .then((runs) => {
          setPreview(runs);
          setPreviewError(null);
        })
        .catch((e: IpcError) => {
          setPreview([]);
          // A field's own refusal (a half-typed time) goes under that field.
          const placed = placeError(e, FIELDS);
          if (placed.field) {
            form.setFields([{ name: placed.field as keyof StrategyValues, errors: [said(placed.message)] }]);
            setPreviewError(null);
          } else setPreviewError(placed.message);
        });
    }, 300);
    return () => clearTimeout(handle);
  }, [problem, draft, form, said]);
  const shownPreview = problem ? [] : preview;
  const shownPreviewError = problem ? t(problem as 'strategy.needFull') : previewError && said(previewError);

  const submit = async (v: StrategyValues) => {
    setError(null);
    const problem = cycleProblem(v);
    if (problem) {
      form.setFields([{ name: 'mode', errors: [t(problem as 'strategy.needFull')] }]);
      return;
    }
    setSaving(true);
    setStep(null);
    try {
      const saved = await saveStrategy(
        {
          id: props.existing?.id ?? null,
          strategy: toStrategy(v, props.cluster, props.scope, paused),
          secret: v.secret ? v.secret : null,
        },
        setStep,
      );
      tellApplied(saved.applied);
      props.onSaved();
      props.onClose();
    } catch (e) {
      const placed = placeError(e as IpcError, FIELDS);
      const name = placed.field === 'days' ? 'mode' : placed.field;
      if (name) form.setFields([{ name: name as keyof StrategyValues, errors: [said(placed.message)] }]);
      else setError(placed.message);
    } finally {
      setSaving(false);
      setStep(null);
    }
  };

  const who = (tenant: string) => (tenant ? t('strategy.scopeTenant', { tenant }) : t('strategy.theCluster'));
  // What the apply did that the operator must know: said once the dialog closes.
  const tellApplied = (r: ApplyReport) => {
    if (r.moved.length > 0) void message.warning(t('strategy.movedDone', { count: r.moved.length }), 8);
    for (const tenant of r.canceledBackups) void message.warning(t('strategy.canceledDone', { who: who(tenant) }), 8);
    for (const n of [...r.skipped, ...r.notes]) {
      void message.warning(t('strategy.skippedDone', { tenant: n.tenant, why: said(n.why) }), 8);
    }
  };

  const { kind, destinations, mode } = values;
  const dayOptions = [
    { value: 'NONE', label: '—' },
    { value: 'FULL', label: t('backupNow.full') },
    { value: 'INCREMENTAL', label: t('backupNow.incremental') },
  ];
  const title = props.existing ? t('strategy.editTitle') : t('strategy.addTitle');

  return (
    <Modal
      open={props.open}
      title={`${title}: ${scopeText}`}
      width={820}
      onCancel={close}
      // A stray click beside a half-filled form must not throw it away; Cancel and Esc still close.
      maskClosable={false}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={close}>{t('backupNow.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()}>
            {t('strategy.save')}
          </Button>
        </Space>
      }
    >
      {error && <Alert type="error" showIcon message={said(error)} style={{ marginBottom: 12 }} />}
      {saving && step && (
        <Alert
          type="info"
          showIcon
          className="apply-progress"
          style={{ marginBottom: 12 }}
          message={t(`strategy.step.${step.step}`, { who: who(step.tenant) })}
          description={
            step.limitSecs > 0
              ? t('strategy.waiting', { says: step.clusterSays, waited: step.waitedSecs, limit: step.limitSecs })
              : undefined
          }
        />
      )}
      <Form<StrategyValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={initial}
        onFinish={submit}
      >
        <Divider orientation="left">{t('strategy.storage')}</Divider>
        <Form.Item
          name="destinations"
          label={t('strategy.destinations')}
          extra={keepable ? undefined : t('strategy.keepUnavailable')}
        >
          <Radio.Group>
            <Radio value="keep" disabled={!keepable && destinations !== 'keep'}>
              {t('strategy.keep')}
            </Radio>
            <Radio value="new">{t('strategy.newPath')}</Radio>
          </Radio.Group>
        </Form.Item>
        {destinations === 'keep' && <CurrentDestinations current={current} />}
        {destinations === 'new' && (
          <>
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
              <Form.Item name="region" label={t('strategy.region')} extra={t('strategy.regionHelp')}>
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
            {changes.length > 0 && <Moves changes={changes} />}
          </>
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
              <Select size="small" style={{ width: '100%' }} options={dayOptions} />
            </Form.Item>
          ))}
        </div>
        <Space size="middle" align="start" wrap>
          <Form.Item name="timeOfDay" label={t('strategy.timeOfDay')} extra={t('strategy.timeOfDayHelp')}>
            <Input aria-label={t('strategy.timeOfDay')} style={{ width: 100 }} />
          </Form.Item>
          <Form.Item name="timeZone" label={t('strategy.timeZone')}>
            <Select showSearch style={{ width: 240 }} options={(zones.data ?? []).map((z) => ({ value: z, label: z }))} />
          </Form.Item>
        </Space>
        <div className="strategy-preview" aria-label={t('strategy.nextRuns')}>
          <Typography.Text strong>{t('strategy.nextRuns')}</Typography.Text>
          {shownPreviewError && <Typography.Text type="danger"> {shownPreviewError}</Typography.Text>}
          <ol>
            {shownPreview.map((r) => (
              <li key={r.at}>
                <RunTime at={r.at} displayZone={timeZone} strategyZone={values.timeZone} /> ·{' '}
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

/** The destinations the strategy keeps, tenant by tenant. */
function CurrentDestinations({ current }: { current: TenantDestinations[] }) {
  const t = useT();
  return (
    <div className="current-destinations">
      <Typography.Paragraph type="secondary">{t('strategy.keepHelp')}</Typography.Paragraph>
      <ul>
        {current.map((c) => (
          <li key={c.obTenantId}>
            <Typography.Text strong>{c.tenant}</Typography.Text>:{' '}
            {c.dataBackupDest ? (
              <>
                {t('strategy.data')} <Typography.Text code>{c.dataBackupDest}</Typography.Text>
                {c.logArchiveDest && (
                  <>
                    {' · '}
                    {t('strategy.archive')} <Typography.Text code>{c.logArchiveDest}</Typography.Text>
                  </>
                )}
              </>
            ) : (
              <Typography.Text type="secondary">{t('strategy.keepNone')}</Typography.Text>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** What a new path moves: earlier backups stay behind and a new full backup is needed. */
function Moves({ changes }: { changes: DestinationChange[] }) {
  const t = useT();
  return (
    <Alert
      type="warning"
      showIcon
      className="destination-moves"
      style={{ marginBottom: 12 }}
      message={t('strategy.moveTitle')}
      description={
        <>
          <Typography.Paragraph>{t('strategy.moveBody')}</Typography.Paragraph>
          <ul>
            {changes.map((c) => (
              <li key={`${c.tenant}-${c.kind}`}>
                {c.tenant} · {c.kind === 'data' ? t('strategy.data') : t('strategy.archive')}:{' '}
                <Typography.Text code>{c.from}</Typography.Text> → <Typography.Text code>{c.to}</Typography.Text>
              </li>
            ))}
          </ul>
        </>
      }
    />
  );
}
