import { useState } from 'react';
import { placeError } from '../backup/formErrors';
import { App as AntApp, Button, Card, Descriptions, Form, Select, Switch, Typography } from '@oceanbase/design';
import { useQueryClient } from '@tanstack/react-query';
import type { IpcError, Language, Settings } from '../../ipc/bindings';
import { i18n, said, useT } from '../../i18n';
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
  const t = useT();
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
      // In the language just saved: the page re-renders in it right after.
      message.success(i18n.t('settings.saved', { lng: saved.language }));
    } catch (e) {
      const err = e as IpcError;
      // Under its field, without the code's name for it (the label says which).
      const placed = placeError(err, err.field ? [err.field] : []);
      if (placed.field) {
        form.setFields([{ name: placed.field as keyof Settings, errors: [said(placed.message)] }]);
      } else {
        setError(err);
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <PageHeader title={t('settings.title')} />
      {error && <IpcErrorAlert error={error} />}
      <Card title={t('settings.display')} className="settings-card">
        <Form<Settings> form={form} layout="vertical" initialValues={current} onFinish={save} style={{ maxWidth: 480 }}>
          <Form.Item
            name="timeZone"
            label={t('settings.timeZone')}
            extra={t('settings.timeZoneExample', { example: formatInstant(nowMicros(), zone) })}
            rules={[{ required: true, message: t('settings.chooseZone') }]}
          >
            <Select
              showSearch
              aria-label={t('settings.timeZone')}
              loading={zones.isLoading}
              options={(zones.data ?? []).map((z) => ({ value: z, label: z }))}
            />
          </Form.Item>
          <Form.Item name="language" label={t('settings.language')} rules={[{ required: true, message: t('settings.chooseLanguage') }]}>
            <Select
              aria-label={t('settings.language')}
              options={(Object.keys(LANGUAGE_LABELS) as Language[]).map((l) => ({ value: l, label: LANGUAGE_LABELS[l] }))}
            />
          </Form.Item>
          <Form.Item
            name="sandbox"
            label={t('settings.builtInSandbox')}
            valuePropName="checked"
            extra={t('settings.sandboxHelp')}
          >
            <Switch aria-label={t('settings.builtInSandbox')} />
          </Form.Item>
          <NoticeFields />
          <Button type="primary" htmlType="submit" loading={saving}>
            {t('settings.save')}
          </Button>
        </Form>
      </Card>
      <Card title={t('settings.localCache')} className="settings-card">
        {status.data && (
          <Descriptions
            column={1}
            items={[
              {
                key: 'file',
                label: t('settings.file'),
                children: <Typography.Text copyable>{status.data.cache.path}</Typography.Text>,
              },
              { key: 'version', label: t('settings.version'), children: status.data.version },
            ]}
          />
        )}
      </Card>
    </>
  );
}
