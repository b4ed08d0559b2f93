// Add or edit a cluster connection. Test signs in and says what the desk can
// do with that version; the password goes to the secret store, never the cache.
import { useState } from 'react';
import { Alert, Button, Descriptions, Form, Input, InputNumber, Modal, Space, Switch, Tag } from '@oceanbase/design';
import type { ClusterId, Connection, IpcError, ServerInfo, Words } from '../../ipc/bindings';
import { call } from '../../ipc/client';
import { useCall } from '../../ipc/query';
import { i18n, said, useT, type Translate } from '../../i18n';
import { placeError } from '../backup/formErrors';

type Values = Connection & { password: string };
const FIELDS = ['name', 'host', 'port', 'user', 'password'];

/** What a tested server allows, in the words the Backup Now button uses (a refusal is the engine's, in the current language). */
export function abilities(info: ServerInfo, t: Translate = i18n.t): { text: string; ok: boolean }[] {
  const c = info.capabilities;
  if (!c.backup) return [{ text: c.backupRefusal ? said(c.backupRefusal) : t('connection.backupUnsupported'), ok: false }];
  return [
    { text: t('connection.backupAndRestore'), ok: true },
    c.tenantBackup
      ? { text: t('connection.tenantBackup'), ok: true }
      : {
          text: c.tenantBackupRefusal ? said(c.tenantBackupRefusal) : t('connection.tenantBackupUnsupported'),
          ok: false,
        },
  ];
}

export function ConnectionDialog(props: { open: boolean; cluster?: ClusterId; onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const existing = useCall('get_connection', { cluster: props.cluster ?? -1 });
  const backend = useCall('secret_backend', {});
  const [tested, setTested] = useState<ServerInfo | null>(null);
  const [error, setError] = useState<Words | null>(null);
  const [busy, setBusy] = useState(false);
  const editing = props.cluster !== undefined;
  const initial: Values = (editing && existing.data
    ? { ...existing.data, password: '' }
    : { name: '', host: '', port: 2881, user: 'root@sys', tls: false, password: '' }) as Values;

  const refuse = (e: unknown) => {
    const placed = placeError(e as IpcError, FIELDS);
    if (placed.field) form.setFields([{ name: placed.field as keyof Values, errors: [said(placed.message)] }]);
    else setError(placed.message);
  };

  const connection = (v: Values): Connection => ({ name: v.name, host: v.host, port: v.port, user: v.user, tls: v.tls });

  const test = async () => {
    setError(null);
    setTested(null);
    const v = form.getFieldsValue();
    setBusy(true);
    try {
      setTested(await call('test_cluster_connection', { connection: connection(v), password: v.password ?? '' }));
    } catch (e) {
      refuse(e);
    } finally {
      setBusy(false);
    }
  };

  const save = async (v: Values) => {
    setError(null);
    setBusy(true);
    try {
      if (editing) {
        await call('update_cluster', { cluster: props.cluster!, connection: connection(v), password: v.password || null });
      } else {
        await call('add_cluster', { connection: connection(v), password: v.password });
      }
      props.onSaved();
      props.onClose();
    } catch (e) {
      refuse(e);
    } finally {
      setBusy(false);
    }
  };

  if (editing && !existing.data) return null;
  return (
    <Modal
      open={props.open}
      title={editing ? t('connection.editTitle') : t('connection.addTitle')}
      onCancel={props.onClose}
      // A stray click beside a half-filled form must not throw it away; Cancel and Esc still close.
      maskClosable={false}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={props.onClose}>{t('backupNow.cancel')}</Button>
          <Button loading={busy} onClick={test}>
            {t('connection.test')}
          </Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()}>
            {editing ? t('connection.save') : t('connection.add')}
          </Button>
        </Space>
      }
    >
      {error && <Alert type="error" showIcon message={said(error)} style={{ marginBottom: 12 }} />}
      <Form<Values> form={form} layout="vertical" requiredMark={false} initialValues={initial} onFinish={save}>
        <Form.Item name="name" label={t('connection.name')}>
          <Input aria-label={t('connection.name')} />
        </Form.Item>
        <Space align="start">
          <Form.Item name="host" label={t('connection.host')}>
            <Input aria-label={t('connection.host')} style={{ width: 260 }} />
          </Form.Item>
          <Form.Item name="port" label={t('connection.port')}>
            <InputNumber aria-label={t('connection.port')} min={1} max={65535} />
          </Form.Item>
        </Space>
        <Form.Item name="user" label={t('connection.user')} extra={t('connection.userHelp')}>
          <Input aria-label={t('connection.user')} />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('connection.password')}
          extra={backend.data?.kind === 'session' ? said(backend.data.reason) : editing ? t('strategy.secretKept') : t('strategy.secretKeyring')}
        >
          <Input.Password aria-label={t('connection.password')} autoComplete="off" />
        </Form.Item>
        <Form.Item name="tls" label={t('connection.tls')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
      {tested && (
        <Descriptions
          column={1}
          size="small"
          bordered
          title={t('connection.tested')}
          items={[
            { key: 'version', label: t('backupNow.version'), children: `V${tested.version}` },
            { key: 'server', label: t('connection.server'), children: tested.versionComment },
            {
              key: 'canDo',
              label: t('connection.canDo'),
              children: (
                <Space direction="vertical" size={2}>
                  {abilities(tested, t).map((a) => (
                    <Tag key={a.text} color={a.ok ? 'green' : 'orange'}>
                      {a.text}
                    </Tag>
                  ))}
                </Space>
              ),
            },
          ]}
        />
      )}
    </Modal>
  );
}
