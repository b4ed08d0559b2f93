import { useEffect } from 'react';
import { Spin } from '@oceanbase/design';
import { HashRouter, Navigate, Route, Routes } from 'react-router-dom';
import { call } from './ipc/client';
import { ConsoleLayout } from './layout/ConsoleLayout';
import { ClusterBackupPage } from './pages/clusters/ClusterBackupPage';
import { ClustersPage } from './pages/clusters/ClustersPage';
import { SettingsPage } from './pages/settings/SettingsPage';
import { TaskCenterPage } from './pages/tasks/TaskCenterPage';
import { TenantBackupPage } from './pages/tenants/TenantBackupPage';
import { TenantOverviewPage } from './pages/tenants/TenantOverviewPage';
import { TenantsPage } from './pages/tenants/TenantsPage';
import { SettingsProvider } from './settings/SettingsProvider';

/** React Router 7's behaviour now (state updates in a transition, relative paths in
 *  splat routes), which also keeps v6 from warning about each at every start. */
export const ROUTER_FUTURE = { v7_startTransition: true, v7_relativeSplatPath: true } as const;

export function AppRoutes() {
  return (
    <Routes>
      <Route element={<ConsoleLayout />}>
        <Route index element={<Navigate to="/tenants" replace />} />
        <Route path="tenants" element={<TenantsPage />} />
        <Route path="tenants/:tenantId">
          <Route index element={<Navigate to="overview" replace />} />
          <Route path="overview" element={<TenantOverviewPage />} />
          <Route path="backup" element={<TenantBackupPage />} />
        </Route>
        <Route path="clusters" element={<ClustersPage />} />
        <Route path="clusters/:clusterId/backup" element={<ClusterBackupPage />} />
        <Route path="backup-recovery" element={<TaskCenterPage />} />
        <Route path="settings" element={<SettingsPage />} />
        <Route path="*" element={<Navigate to="/tenants" replace />} />
      </Route>
    </Routes>
  );
}

function FirstRender() {
  // Closes the cold-start measurement the shell opened at process start.
  useEffect(() => {
    call('ui_rendered', {}).catch(() => undefined);
  }, []);
  return null;
}

export function App() {
  return (
    <SettingsProvider fallback={<Spin fullscreen />}>
      <HashRouter future={ROUTER_FUTURE}>
        <AppRoutes />
        <FirstRender />
      </HashRouter>
    </SettingsProvider>
  );
}
