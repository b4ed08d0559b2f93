import { useState } from 'react';
import { App as AntApp, Button, Card, Descriptions, Form, Select, Switch, Typography } from '@oceanbase/design';
import { useQueryClient } from '@tanstack/react-query';
import type { IpcError, Language, Settings } from '../../ipc/bindings';
import { call } from '../../ipc/client';
import { useCall } from '../../ipc/query';
import { IpcErrorAlert } from '../../layout/IpcErrorAlert';
import { PageHeader } from '../../layout/PageHeader';
import { LANGUAGE_LABELS } from '../../settings/labels';
import { useSettings } from '../../settings/SettingsProvider';
import { formatInstant, nowMicros } from '../../time/format';
import { NoticeFields } from './NoticeFields';

export function SettingsPage() {
  const current = useSettings();
  const zones = useCall('time_zones', {});
  const status = useCall('app_status', {});
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Settings>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  const zone = Form.useWatch('timeZone', form) ?? current.timeZone;

  const save = async (values: Settings) => {
    setSaving(true);
    setError(null);
    try {
      const saved = await call('set_settings', { settings: values });
      queryClient.setQueryData(['get_settings', {}], saved);
      message.success('Settings saved');
    } catch (e) {
      const err = e as IpcError;
      if (err.field) {
        form.setFields([{ name: err.field as keyof Settings, errors: [err.message] }]);
      } else {
        setError(err);
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <PageHeader title="Settings" />
      {error && <IpcErrorAlert error={error} />}
      <Card title="Display" className="settings-card">
        <Form<Settings> form={form} layout="vertical" initialValues={current} onFinish={save} style={{ maxWidth: 480 }}>
          <Form.Item
            name="timeZone"
            label="Display time zone"
            extra={`Times are shown like ${formatInstant(nowMicros(), zone)}.`}
            rules={[{ required: true, message: 'Choose a time zone' }]}
          >
            <Select
              showSearch
              aria-label="Display time zone"
              loading={zones.isLoading}
              options={(zones.data ?? []).map((z) => ({ value: z, label: z }))}
            />
          </Form.Item>
          <Form.Item name="language" label="Language" rules={[{ required: true, message: 'Choose a language' }]}>
            <Select
              aria-label="Language"
              options={(Object.keys(LANGUAGE_LABELS) as Language[]).map((l) => ({ value: l, label: LANGUAGE_LABELS[l] }))}
            />
          </Form.Item>
          <Form.Item
            name="sandbox"
            label="Built-in sandbox"
            valuePropName="checked"
            extra="Emulated OceanBase clusters (4.3, 4.2 and 3.2.1) running inside the desk, labelled Sandbox wherever they appear. Turning it off removes them from the cache."
          >
            <Switch aria-label="Built-in sandbox" />
          </Form.Item>
          <NoticeFields />
          <Button type="primary" htmlType="submit" loading={saving}>
            Save
          </Button>
        </Form>
      </Card>
      <Card title="Local Cache" className="settings-card">
        {status.data && (
          <Descriptions column={1}>
            <Descriptions.Item label="File">
              <Typography.Text copyable>{status.data.cache.path}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label="Desk version">{status.data.version}</Descriptions.Item>
          </Descriptions>
        )}
      </Card>
    </>
  );
}
