// The Settings form's notification choices (Settings.notices).
import { Form, Switch, Typography } from '@oceanbase/design';
import type { NoticeSettings } from '../../ipc/bindings';
import { useT } from '../../i18n';

// One entry per field of the generated NoticeSettings: a field added in Rust fails here until listed.
const FIELDS: Record<keyof NoticeSettings, 'notices.taskCompleted' | 'notices.taskFailed' | 'notices.strategyAlerts'> = {
  taskCompleted: 'notices.taskCompleted',
  taskFailed: 'notices.taskFailed',
  strategyAlerts: 'notices.strategyAlerts',
};

export function NoticeFields() {
  const t = useT();
  return (
    <>
      <Typography.Title level={5}>{t('notices.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('notices.help')}</Typography.Paragraph>
      {(Object.keys(FIELDS) as (keyof NoticeSettings)[]).map((field) => (
        <Form.Item key={field} name={['notices', field]} valuePropName="checked" label={t(FIELDS[field])}>
          <Switch aria-label={t(FIELDS[field])} />
        </Form.Item>
      ))}
    </>
  );
}
