// Renders the real routes and providers at a path; IPC is answered by `mockCommands` (./ipc).
import { render } from '@testing-library/react';
import { App as AntApp } from '@oceanbase/design';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter } from 'react-router-dom';
import { AppRoutes, ROUTER_FUTURE } from '../App';
import { SettingsProvider } from '../settings/SettingsProvider';

export function renderAt(path: string) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <AntApp>
      <QueryClientProvider client={client}>
        <SettingsProvider fallback={<div>loading settings</div>}>
          <MemoryRouter initialEntries={[path]} future={ROUTER_FUTURE}>
            <AppRoutes />
          </MemoryRouter>
        </SettingsProvider>
      </QueryClientProvider>
    </AntApp>,
  );
}

/** Renders one component with the app's providers (no routes). */
export function renderWith(node: React.ReactNode) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <AntApp>
      <QueryClientProvider client={client}>
        <SettingsProvider fallback={<div>loading settings</div>}>
          <MemoryRouter future={ROUTER_FUTURE}>{node}</MemoryRouter>
        </SettingsProvider>
      </QueryClientProvider>
    </AntApp>,
  );
}
