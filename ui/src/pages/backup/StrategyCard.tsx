// The Backup Strategy tab: the strategy in force with every field, its next
// five runs and recent slots, and Edit / Pause / Enable / Delete.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { RunTime } from './RunTime';
import { useScopeWords } from './scopeWords';
import { App as AntApp, Button, Card, Descriptions, Empty, Popconfirm, Space, Table, Tag, Typography } from '@oceanbase/design';
import type { ClusterId, IpcError, SlotRun, StrategyScope, StrategyView, Words } from '../../ipc/bindings';
import { call } from '../../ipc/client';
import { said, useT } from '../../i18n';
import { useSettings } from '../../settings/SettingsProvider';
import { formatInstant } from '../../time/format';
import { StrategyDialog } from './StrategyDialog';
import { WEEKDAYS } from './strategyForm';
import { GuardedButton } from './GuardedButton';

const SLOT_COLORS: Record<string, string> = { LAUNCHED: 'green', FAILED: 'red', MISSED: 'orange', CLAIMED: 'blue', SKIPPED: 'default' };

export function StrategyCard(props: {
  cluster: ClusterId;
  /** The scope a new strategy gets here (the tenant's, or the cluster's). */
  scope: StrategyScope;
  view: StrategyView | null | undefined;
  /** Why strategies cannot be changed here (imported history); `null` or absent when they can. */
  readOnly?: string | null;
  onChanged: () => void;
}) {
  const t = useT();
  const scopeText = useScopeWords(props.cluster, props.view?.record.strategy.scope ?? props.scope);
  const { timeZone } = useSettings();
  const { message } = AntApp.useApp();
  const [editing, setEditing] = useState<'new' | 'edit' | null>(null);
  const [busy, setBusy] = useState(false);
  const v = props.view;
  const readOnly = props.readOnly ?? null;

  const act = async (f: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await f();
      message.success(done);
      props.onChanged();
    } catch (e) {
      message.error(said((e as IpcError).message));
    } finally {
      setBusy(false);
    }
  };

  const dialog = editing && (
    <StrategyDialog
      open
      cluster={props.cluster}
      scope={editing === 'edit' && v ? v.record.strategy.scope : props.scope}
      existing={editing === 'edit' && v ? v.record : undefined}
      onClose={() => setEditing(null)}
      onSaved={() => {
        message.success(t('strategy.saved'));
        props.onChanged();
      }}
    />
  );

  if (!v) {
    return (
      <Card>
        <Empty description={t('strategy.none')}>
          <GuardedButton type="primary" reason={readOnly} onClick={() => setEditing('new')}>
            {props.scope.level === 'tenant' ? t('strategy.addTenant') : t('strategy.addCluster')}
          </GuardedButton>
        </Empty>
        {dialog}
      </Card>
    );
  }

  const s = v.record.strategy;
  const days = s.schedule.days
    .map((d) => {
      const day = s.schedule.mode === 'WEEK' ? t(`strategy.weekday.${WEEKDAYS[d.day - 1]}`) : String(d.day);
      return `${day} ${d.method === 'FULL' ? t('backupNow.full') : t('backupNow.incremental')}`;
    })
    .join(', ');

  return (
    <Card
      title={
        <Space>
          {t('strategy.title')}
          <Tag>{scopeText}</Tag>
          {s.paused ? <Tag color="orange">{t('strategy.paused')}</Tag> : <Tag color="green">{t('strategy.enabled')}</Tag>}
          {v.inherited && <Tag color="blue">{t('strategy.inherited')}</Tag>}
        </Space>
      }
      extra={
        <Space>
          {readOnly !== null ? (
            <>
              <GuardedButton reason={readOnly}>{v.inherited ? t('strategy.addTenant') : t('strategy.edit')}</GuardedButton>
              {!v.inherited && (
                <GuardedButton danger reason={readOnly}>
                  {t('strategy.delete')}
                </GuardedButton>
              )}
            </>
          ) : v.inherited ? (
            <>
              {/* The cluster's strategy is paused, edited and deleted where it is defined. */}
              <Link to={`/clusters/${props.cluster}/backup`}>{t('strategy.manageOnCluster')}</Link>
              <Button onClick={() => setEditing('new')}>{t('strategy.addTenant')}</Button>
            </>
          ) : (
            <>
              <Button onClick={() => setEditing('edit')}>{t('strategy.edit')}</Button>
              <Button
                loading={busy}
                onClick={() =>
                  act(
                    () => call('set_strategy_paused', { id: v.record.id, paused: !s.paused }),
                    s.paused ? t('strategy.enabledDone') : t('strategy.pausedDone'),
                  )
                }
              >
                {s.paused ? t('strategy.enable') : t('strategy.pause')}
              </Button>
              <Popconfirm
                title={t('strategy.deleteConfirm')}
                onConfirm={() => act(() => call('delete_strategy', { id: v.record.id }), t('strategy.deleted'))}
              >
                <Button danger>{t('strategy.delete')}</Button>
              </Popconfirm>
            </>
          )}
        </Space>
      }
    >
      <Descriptions
        column={2}
        size="small"
        bordered
        items={[
          ...(s.storage
            ? [
                { key: 'kind', label: t('strategy.storageType'), children: s.storage.kind },
                { key: 'path', label: t('strategy.path'), children: s.storage.path },
                ...(s.storage.host ? [{ key: 'host', label: t('strategy.host'), children: s.storage.host }] : []),
                ...(s.storage.accessId
                  ? [{ key: 'accessId', label: t('strategy.accessId'), children: s.storage.accessId }]
                  : []),
                ...(s.storage.secretRef
                  ? [
                      {
                        key: 'secret',
                        label: t('strategy.accessSecret'),
                        children: v.secretStored ? t('strategy.secretStored') : t('strategy.secretMissing'),
                      },
                    ]
                  : []),
              ]
            : [{ key: 'destinations', label: t('strategy.destinations'), span: 2, children: t('strategy.keep') }]),
          {
            key: 'cycle',
            label: t('strategy.cycle'),
            children: `${s.schedule.mode === 'WEEK' ? t('strategy.week') : t('strategy.month')}: ${days}`,
          },
          { key: 'timeOfDay', label: t('strategy.timeOfDay'), children: `${s.schedule.timeOfDay} (${s.schedule.timeZone})` },
          {
            key: 'logBackup',
            label: t('strategy.logBackup'),
            children: s.logBackup.enabled ? t('strategy.on', { days: s.logBackup.pieceSwitchDays }) : t('strategy.off'),
          },
          { key: 'retentionDays', label: t('strategy.retentionDays'), children: s.retentionDays },
          {
            key: 'alerts',
            label: t('strategy.alerts'),
            children: t('strategy.alertSummary', {
              minutes: s.alerts.dataBackupTimeoutMinutes,
              seconds: s.alerts.logLatencySeconds,
              days: s.alerts.daysWithoutDataBackup,
            }),
          },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('strategy.nextRuns')}
      </Typography.Title>
      {s.paused ? (
        <Typography.Text type="secondary">{t('strategy.pausedNoRuns')}</Typography.Text>
      ) : (
        <ol aria-label={t('strategy.nextRuns')}>
          {v.nextRuns.map((r) => (
            <li key={r.at}>
              <RunTime at={r.at} displayZone={timeZone} strategyZone={s.schedule.timeZone} /> · {r.method === 'FULL' ? t('backupNow.full') : t('backupNow.incremental')}
            </li>
          ))}
        </ol>
      )}
      {v.runs.length > 0 && (
        <Table<SlotRun>
          size="small"
          rowKey="slotAt"
          pagination={false}
          dataSource={v.runs}
          columns={[
            { title: t('strategy.slot'), dataIndex: 'slotAt', render: (at: number) => formatInstant(at, timeZone) },
            { title: t('backupNow.method'), dataIndex: 'method' },
            { title: t('strategy.state'), dataIndex: 'state', render: (x: string) => <Tag color={SLOT_COLORS[x]}>{x}</Tag> },
            { title: t('strategy.attempts'), dataIndex: 'attempts' },
            { title: t('strategy.lastError'), dataIndex: 'lastError', render: (e: Words | null) => (e ? said(e) : '') },
          ]}
        />
      )}
      {dialog}
    </Card>
  );
}
