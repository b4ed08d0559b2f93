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
      <HashRouter>
        <AppRoutes />
        <FirstRender />
      </HashRouter>
    </SettingsProvider>
  );
}
