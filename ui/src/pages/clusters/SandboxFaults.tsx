// The sandbox's fault tools on a sandbox cluster's row: take it offline and
// bring it back, fail its next recovery, hang its next backup. Real clusters
// have none of these.
import { App as AntApp, Button, Dropdown } from '@oceanbase/design';
import { useQueryClient } from '@tanstack/react-query';
import type { Cluster, IpcError, SandboxFault } from '../../ipc/bindings';
import { call } from '../../ipc/client';
import { said, useT } from '../../i18n';
import { isOffline } from '../backup/reach';

type FaultKey = 'sandbox.takeOffline' | 'sandbox.bringOnline' | 'sandbox.failNextRestore' | 'sandbox.hangNextBackup';

// Keyed by the generated union: a fault added in Rust fails here until it has a label.
const LABELS: Record<SandboxFault, FaultKey> = {
  takeOffline: 'sandbox.takeOffline',
  bringOnline: 'sandbox.bringOnline',
  failNextRestore: 'sandbox.failNextRestore',
  hangNextBackup: 'sandbox.hangNextBackup',
};

export function SandboxFaults({ cluster }: { cluster: Cluster }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const offline = isOffline(cluster);
  const faults: SandboxFault[] = [offline ? 'bringOnline' : 'takeOffline', 'failNextRestore', 'hangNextBackup'];
  const apply = async (fault: SandboxFault) => {
    try {
      await call('sandbox_fault', { cluster: cluster.id, fault });
      void message.info(t('sandbox.applied', { fault: t(LABELS[fault]), cluster: cluster.name }));
      void client.invalidateQueries();
    } catch (e) {
      void message.error(said((e as IpcError).message));
    }
  };
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: faults.map((f) => ({ key: f, label: t(LABELS[f]) })),
        onClick: ({ key }) => void apply(key as SandboxFault),
      }}
    >
      <Button type="link" size="small">
        {t('sandbox.faults')}
      </Button>
    </Dropdown>
  );
}
