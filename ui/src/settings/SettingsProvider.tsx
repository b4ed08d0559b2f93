// The settings every page needs (display zone, language), loaded once. The
// language applies at once: i18next and antd's own strings follow it.
import { createContext, useContext, useLayoutEffect, type ReactNode } from 'react';
import { ConfigProvider } from '@oceanbase/design';
// @oceanbase/design's locales: antd's, plus its own components' words (a table's "1 in Total").
import enUS from '@oceanbase/design/es/locale/en-US';
import zhCN from '@oceanbase/design/es/locale/zh-CN';
import type { Language, Settings } from '../ipc/bindings';
import { useCall } from '../ipc/query';
import { i18n } from '../i18n';

const SettingsContext = createContext<Settings | null>(null);

const ANTD_LOCALES: Record<Language, typeof enUS> = { 'en-US': enUS, 'zh-CN': zhCN };

export function SettingsProvider({ children, fallback }: { children: ReactNode; fallback: ReactNode }) {
  const settings = useCall('get_settings', {});
  const language = settings.data?.language;
  // Resources are bundled, so the switch is synchronous; a layout effect runs before the
  // browser paints, so the first paint is already translated (switching during render
  // would update other components mid-render, which React warns about).
  useLayoutEffect(() => {
    if (!language) return;
    if (i18n.language !== language) void i18n.changeLanguage(language);
    document.documentElement.lang = language;
  }, [language]);
  if (settings.data) {
    return (
      <ConfigProvider locale={ANTD_LOCALES[settings.data.language]}>
        <SettingsContext.Provider value={settings.data}>{children}</SettingsContext.Provider>
      </ConfigProvider>
    );
  }
  return <>{fallback}</>;
}

export function useSettings(): Settings {
  const value = useContext(SettingsContext);
  if (!value) throw new Error('useSettings outside SettingsProvider');
  return value;
}
