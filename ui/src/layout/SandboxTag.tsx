import { Tag, Tooltip } from '@oceanbase/design';
import { useT } from '../i18n';

/** Marks everything that comes from the built-in sandbox, wherever it appears. */
export function SandboxTag() {
  const t = useT();
  return (
    <Tooltip title={t('settings.sandboxTip')}>
      <Tag color="purple">{t('settings.sandbox')}</Tag>
    </Tooltip>
  );
}
