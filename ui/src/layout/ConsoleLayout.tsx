// The console frame as OCP draws it: top bar, left navigation, content.
import { Alert, Layout, Menu, Space, Tag, Tooltip, Typography } from '@oceanbase/design';
import { ArrowLeftOutlined, ClockCircleOutlined, DatabaseOutlined } from '@ant-design/icons';
import { Link, Outlet, useLocation, useMatch, useNavigate } from 'react-router-dom';
import { useCacheChangedRefresh, useNoticeToasts } from '../ipc/events';
import { useCall } from '../ipc/query';
import { useSettings } from '../settings/SettingsProvider';
import { describeZone, nowMicros } from '../time/format';
import { describeCache } from './cacheStatus';
import { useReconnectToasts } from './reconnect';
import { useT } from '../i18n';
import { SandboxTag } from './SandboxTag';
import { isOffline } from '../pages/backup/reach';
import { activeConsoleEntry, activeTenantEntry, CONSOLE_NAV, TENANT_NAV } from './nav';

const { Header, Sider, Content } = Layout;

function TopBar() {
  const settings = useSettings();
  const t = useT();
  const status = useCall('app_status', {});
  const notice = status.data ? describeCache(status.data.cache, t) : undefined;
  return (
    <Header className="topbar">
      <Link to="/tenants" className="topbar-brand">
        <DatabaseOutlined /> {t('layout.brand')}
      </Link>
      <Space size="middle" className="topbar-status" data-testid="status-area">
        {notice && (
          <Tooltip title={status.data?.cache.path}>
            <Tag color={notice.color}>{notice.tag}</Tag>
          </Tooltip>
        )}
        <OfflineTag />
        <Link to="/settings" data-testid="display-zone">
          <ClockCircleOutlined /> {describeZone(settings.timeZone, nowMicros())}
        </Link>
      </Space>
    </Header>
  );
}

/** The cache may be fine while clusters are not: how many the last sync could not reach. */
function OfflineTag() {
  const t = useT();
  const clusters = useCall('list_clusters', {});
  const offline = (clusters.data ?? []).filter(isOffline);
  if (offline.length === 0) return null;
  return (
    <Tooltip title={offline.map((c) => c.name).join(', ')}>
      <Link to="/clusters">
        <Tag color="warning">{t('layout.clustersOffline', { count: offline.length })}</Tag>
      </Link>
    </Tooltip>
  );
}

function ConsoleMenu() {
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const active = activeConsoleEntry(pathname);
  const t = useT();
  return (
    <Menu
      mode="inline"
      selectedKeys={active ? [active.key] : []}
      items={CONSOLE_NAV.map((e) => ({ key: e.key, label: t(e.label), onClick: () => navigate(e.path) }))}
    />
  );
}

function TenantMenu({ tenantId }: { tenantId: string }) {
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const tenant = useCall('get_tenant', { tenantId: Number(tenantId) });
  const active = activeTenantEntry(pathname);
  const t = useT();
  return (
    <>
      <div className="tenant-nav-head">
        <Link to="/tenants">
          <ArrowLeftOutlined /> <span>{t('nav.backToTenants')}</span>
        </Link>
        <Typography.Title level={5} ellipsis>
          {tenant.data?.name ?? '…'}
        </Typography.Title>
        {tenant.data && (
          <Typography.Text type="secondary">
            {tenant.data.clusterName} {tenant.data.sandbox && <SandboxTag />}
          </Typography.Text>
        )}
      </div>
      <Menu
        mode="inline"
        selectedKeys={active ? [active.key] : []}
        items={TENANT_NAV.map((e) => ({
          key: e.key,
          label: t(e.label),
          onClick: () => navigate(`/tenants/${tenantId}/${e.path}`),
        }))}
      />
    </>
  );
}

function CacheBanner() {
  const t = useT();
  const status = useCall('app_status', {});
  const banner = status.data ? describeCache(status.data.cache, t).banner : undefined;
  if (!banner) return null;
  return <Alert className="cache-banner" type={banner.type} showIcon message={banner.title} description={banner.detail} />;
}

export function ConsoleLayout() {
  useCacheChangedRefresh();
  useNoticeToasts();
  useReconnectToasts();
  const tenantMatch = useMatch('/tenants/:tenantId/*');
  return (
    <Layout className="console">
      <TopBar />
      <Layout>
        <Sider width={220} theme="light" className="console-sider">
          {tenantMatch?.params.tenantId ? <TenantMenu tenantId={tenantMatch.params.tenantId} /> : <ConsoleMenu />}
        </Sider>
        <Content className="console-content">
          <CacheBanner />
          <Outlet />
        </Content>
      </Layout>
    </Layout>
  );
}
