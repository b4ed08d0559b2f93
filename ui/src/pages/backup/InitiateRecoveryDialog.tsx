// Initiate Recovery: from a tenant's backups to a new tenant, at a chosen
// instant (to the microsecond, in the display zone) or the latest one. The
// recoverable window is shown; the desk checks the time against it as it is
// typed, and the engine refuses anything outside it, naming the nearest times.
import { useMemo, useState } from 'react';
import {
  Alert,
  Button,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Space,
  Table,
  Typography,
} from '@oceanbase/design';
import type { Cluster, IpcError, NearestTimes, Replica, Tenant, Words } from '../../ipc/bindings';
import { call } from '../../ipc/client';
import { useCall } from '../../ipc/query';
import { useSettings } from '../../settings/SettingsProvider';
import { formatMicros, parseWallTime, wallText } from '../../time/parse';
import { placeError } from './formErrors';
import { AccessKeysFields, asksForKeys, typedKeys } from './AccessKeys';
import { useSaid, useT } from '../../i18n';

type ZoneRow = { zone: string; replica: Replica | 'NONE'; priority: number };
type Values = {
  targetCluster: number;
  targetTenant: string;
  mode: 'latest' | 'point';
  until: string;
  unitCpu: number;
  unitMemoryGib: number;
  unitNum: number;
  accessId?: string;
  accessKey?: string;
};
const FIELDS = ['targetCluster', 'targetTenant', 'until', 'zones', 'unitCpu', 'unitMemory', 'unitNum'];
const REPLICAS = [
  { value: 'FULL', label: 'recovery.replicaFull' },
  { value: 'READ_ONLY', label: 'recovery.replicaReadOnly' },
  { value: 'LOG', label: 'recovery.replicaLog' },
  { value: 'NONE', label: 'recovery.replicaNone' },
] as const;

export function InitiateRecoveryDialog(props: {
  open: boolean;
  cluster: Cluster;
  tenant: Tenant;
  /** A recoverable instant picked on the period chart. */
  at?: number;
  onClose: () => void;
  onStarted?: (message: Words) => void;
}) {
  const { cluster, tenant } = props;
  const { timeZone } = useSettings();
  const t = useT();
  const said = useSaid();
  const [form] = Form.useForm<Values>();
  // Every cluster, each with why it cannot take this restore (imported, or a release
  // that cannot restore these backups): listed greyed out with the reason, not hidden.
  const targets = useCall('recovery_targets', { cluster: cluster.id });
  const ranges = useCall('recoverable_ranges', { cluster: cluster.id, obTenantId: tenant.obTenantId });
  const targetCluster = Form.useWatch('targetCluster', form) ?? cluster.id;
  const mode = Form.useWatch('mode', form) ?? (props.at ? 'point' : 'latest');
  const placement = useCall('placement_options', { cluster: targetCluster });
  // Each active zone of the target cluster, a full replica by default; the operator's
  // edits hold for the placement they were made on, so another target starts afresh.
  const offered = useMemo(
    () =>
      (placement.data?.zones ?? [])
        .filter((z) => z.status === 'ACTIVE')
        .map((z, i): ZoneRow => ({ zone: z.name, replica: 'FULL', priority: i + 1 })),
    [placement.data],
  );
  const [edited, setEdited] = useState<{ of: ZoneRow[]; rows: ZoneRow[] } | null>(null);
  const zones = edited?.of === offered ? edited.rows : offered;
  const setZones = (rows: ZoneRow[]) => setEdited({ of: offered, rows });
  const [nearest, setNearest] = useState<NearestTimes | null>(null);
  const [error, setError] = useState<Words | null>(null);
  const [sending, setSending] = useState(false);
  // What the engine said when it asked for the storage's keys; the fields show from then on.
  const [keysAsked, setKeysAsked] = useState<Words | null>(null);

  const showRefusal = (err: IpcError) => {
    setNearest(err.nearest);
    if (asksForKeys(err)) {
      setKeysAsked(err.message);
      return;
    }
    // Zones are a table, not one field: their refusal goes above the form, named.
    const placed = placeError(err, FIELDS, (f) => (f === 'zones' ? t('recovery.zones') : undefined));
    const name = placed.field === 'unitMemory' ? 'unitMemoryGib' : placed.field;
    if (name) {
      form.setFields([{ name: name as keyof Values, errors: [said(placed.message)] }]);
    } else {
      setError(placed.message);
    }
  };

  // The cache's window answers as the operator types; the engine checks again on send.
  const checkTime = async (_: unknown, text: string) => {
    if (form.getFieldValue('mode') !== 'point') return;
    const parsed = parseWallTime(text ?? '', timeZone, t);
    if ('error' in parsed) throw new Error(parsed.error);
    try {
      await call('check_recovery_time', { cluster: cluster.id, obTenantId: tenant.obTenantId, at: parsed.micros });
      setNearest(null);
    } catch (e) {
      const err = e as IpcError;
      setNearest(err.nearest);
      throw new Error(said(err.message), { cause: e });
    }
  };

  const submit = async (v: Values) => {
    setError(null);
    const until = v.mode === 'point' ? parseWallTime(v.until, timeZone, t) : null;
    if (until && 'error' in until) return;
    setSending(true);
    try {
      const receipt = await call('initiate_recovery', {
        req: {
          sourceCluster: cluster.id,
          sourceTenant: tenant.name,
          targetCluster: v.targetCluster,
          targetTenant: v.targetTenant,
          until: until ? until.micros : null,
          zones: zones
            .filter((z) => z.replica !== 'NONE')
            .map((z) => ({ zone: z.zone, replica: z.replica as Replica, priority: z.priority })),
          unitCpu: v.unitCpu,
          unitMemoryGib: v.unitMemoryGib,
          unitNum: v.unitNum,
          accessKeys: typedKeys(v, keysAsked !== null) ?? undefined,
        },
      });
      props.onStarted?.(receipt.message);
      props.onClose();
    } catch (e) {
      showRefusal(e as IpcError);
    } finally {
      setSending(false);
    }
  };

  const pickTime = (micros: number) => {
    form.setFieldsValue({ mode: 'point', until: wallText(micros, timeZone) });
    void form.validateFields(['until']);
  };

  return (
    <Modal
      open={props.open}
      title={t('recovery.title', { tenant: tenant.name })}
      width={760}
      onCancel={props.onClose}
      // A stray click beside a half-filled form must not throw it away; Cancel and Esc still close.
      maskClosable={false}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={props.onClose}>{t('recovery.cancel')}</Button>
          <Button type="primary" loading={sending} onClick={() => form.submit()}>
            {t('recovery.submit')}
          </Button>
        </Space>
      }
    >
      {error && <Alert type="error" showIcon message={said(error)} style={{ marginBottom: 12 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={submit}
        initialValues={{
          targetCluster: cluster.id,
          targetTenant: `${tenant.name}_restore`,
          mode: props.at ? 'point' : 'latest',
          until: props.at ? wallText(props.at, timeZone) : '',
          unitCpu: 2,
          unitMemoryGib: 4,
          unitNum: 1,
        }}
      >
        <Typography.Paragraph>
          {t('recovery.source')}: <b>{tenant.name}</b> @ <b>{cluster.name}</b>
        </Typography.Paragraph>
        <Form.Item label={t('recovery.window')} extra={t('recovery.windowZone', { zone: timeZone })}>
          {ranges.data && ranges.data.length === 0 && (
            <Alert type="warning" showIcon message={t('recovery.noWindow')} />
          )}
          <ul className="recoverable-ranges" aria-label={t('recovery.window')}>
            {(ranges.data ?? []).map((r) => (
              <li key={r.start}>
                {formatMicros(r.start, timeZone)} — {formatMicros(r.end, timeZone)}
              </li>
            ))}
          </ul>
        </Form.Item>
        <Form.Item name="mode" label={t('recovery.recoverTo')}>
          <Radio.Group>
            <Radio value="latest">{t('recovery.latest')}</Radio>
            <Radio value="point">{t('recovery.point')}</Radio>
          </Radio.Group>
        </Form.Item>
        {mode === 'point' && (
          <Form.Item
            name="until"
            label={t('recovery.time')}
            validateTrigger="onBlur"
            rules={[{ validator: checkTime }]}
            extra={t('recovery.timeFormat', { zone: timeZone })}
          >
            <Input aria-label={t('recovery.time')} placeholder="2026-11-24 08:15:30.000000" />
          </Form.Item>
        )}
        {nearest && (
          <Space style={{ marginBottom: 12 }}>
            {nearest.before !== null && (
              <Button size="small" onClick={() => pickTime(nearest.before!)}>
                {t('recovery.use', { time: formatMicros(nearest.before, timeZone) })}
              </Button>
            )}
            {nearest.after !== null && (
              <Button size="small" onClick={() => pickTime(nearest.after!)}>
                {t('recovery.use', { time: formatMicros(nearest.after, timeZone) })}
              </Button>
            )}
          </Space>
        )}
        <Space size="large" align="start">
          <Form.Item name="targetCluster" label={t('recovery.targetCluster')} extra={t('imported.targetsHelp')}>
            <Select
              aria-label={t('recovery.targetCluster')}
              style={{ width: 220 }}
              // Wide enough for a reason, which wraps rather than being cut.
              popupMatchSelectWidth={440}
              options={(targets.data ?? []).map((c) => ({
                value: c.clusterId,
                disabled: c.refusal !== null,
                title: c.refusal ? said(c.refusal) : c.name,
                label:
                  c.refusal === null ? (
                    c.name
                  ) : (
                    <span className="recovery-target-refused">
                      {c.name}
                      <Typography.Text type="secondary" className="recovery-target-reason">
                        {' — '}
                        {said(c.refusal)}
                      </Typography.Text>
                    </span>
                  ),
              }))}
            />
          </Form.Item>
          <Form.Item
            name="targetTenant"
            label={t('recovery.targetTenant')}
            rules={[{ required: true, message: t('recovery.nameRequired') }]}
          >
            <Input aria-label={t('recovery.targetTenant')} style={{ width: 220 }} />
          </Form.Item>
        </Space>
        <Form.Item label={t('recovery.zones')} extra={t('recovery.zonesHelp')}>
          {placement.error && <Alert type="warning" showIcon message={said(placement.error.message)} />}
          <Table<ZoneRow>
            size="small"
            rowKey="zone"
            pagination={false}
            loading={placement.isLoading}
            dataSource={zones}
            columns={[
              { title: t('recovery.zone'), dataIndex: 'zone' },
              {
                title: t('recovery.replicaType'),
                dataIndex: 'replica',
                render: (_: unknown, row) => (
                  <Select
                    size="small"
                    style={{ width: 180 }}
                    value={row.replica}
                    // Only the replica types this release takes in a restored tenant.
                    options={REPLICAS.filter(
                      (r) => r.value === 'NONE' || (placement.data?.replicas ?? ['FULL']).includes(r.value),
                    ).map((r) => ({ value: r.value, label: t(r.label) }))}
                    onChange={(replica) => setZones(zones.map((z) => (z.zone === row.zone ? { ...z, replica } : z)))}
                  />
                ),
              },
              {
                title: t('recovery.priority'),
                dataIndex: 'priority',
                render: (_: unknown, row) => (
                  <InputNumber
                    size="small"
                    min={1}
                    value={row.priority}
                    onChange={(p) => setZones(zones.map((z) => (z.zone === row.zone ? { ...z, priority: Number(p ?? 1) } : z)))}
                  />
                ),
              },
            ]}
          />
        </Form.Item>
        <Space size="large">
          <Form.Item name="unitCpu" label={t('recovery.unitCpu')}>
            <InputNumber min={1} max={1024} />
          </Form.Item>
          <Form.Item name="unitMemoryGib" label={t('recovery.unitMemory')}>
            <InputNumber min={1} max={16384} />
          </Form.Item>
          <Form.Item name="unitNum" label={t('recovery.unitNum')}>
            <InputNumber min={1} max={64} />
          </Form.Item>
        </Space>
        {keysAsked && <AccessKeysFields asked={keysAsked} />}
      </Form>
    </Modal>
  );
}
