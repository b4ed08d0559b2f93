// The settings every page needs (display zone, language), loaded once.
import { createContext, useContext, type ReactNode } from 'react';
import type { Settings } from '../ipc/bindings';
import { useCall } from '../ipc/query';

const SettingsContext = createContext<Settings | null>(null);

export function SettingsProvider({ children, fallback }: { children: ReactNode; fallback: ReactNode }) {
  const settings = useCall('get_settings', {});
  if (settings.data) {
    return <SettingsContext.Provider value={settings.data}>{children}</SettingsContext.Provider>;
  }
  return <>{fallback}</>;
}

export function useSettings(): Settings {
  const value = useContext(SettingsContext);
  if (!value) throw new Error('useSettings outside SettingsProvider');
  return value;
}
