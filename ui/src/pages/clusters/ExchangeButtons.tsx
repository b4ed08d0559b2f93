// Export the cached backup and recovery history (JSON to import elsewhere,
// CSV to read) and import an export as a read-only source.
import { useState } from 'react';
import { App as AntApp, Button, Dropdown, Form, Input, Modal } from '@oceanbase/design';
import { useQueryClient } from '@tanstack/react-query';
import type { IpcError } from '../../ipc/bindings';
import { call } from '../../ipc/client';

export function ExchangeButtons() {
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const [importing, setImporting] = useState(false);
  const [form] = Form.useForm<{ path: string; label: string }>();

  const exportAs = async (format: 'JSON' | 'CSV') => {
    try {
      const r = await call('export_history', { format, cluster: null, from: null, to: null, directory: null });
      message.success(`${r.backupJobs} backup and ${r.restoreJobs} recovery tasks exported to ${r.path}`);
    } catch (e) {
      message.error((e as IpcError).message);
    }
  };

  const doImport = async (v: { path: string; label: string }) => {
    try {
      const r = await call('import_history', { path: v.path, label: v.label });
      message.success(`Imported ${r.backupJobs} backup and ${r.restoreJobs} recovery tasks as ${r.clusters.join(', ')}`);
      setImporting(false);
      void client.invalidateQueries();
    } catch (e) {
      const err = e as IpcError;
      form.setFields([{ name: err.field === 'label' ? 'label' : 'path', errors: [err.message] }]);
    }
  };

  return (
    <>
      <Dropdown
        menu={{
          items: [
            { key: 'json', label: 'Export history (JSON)', onClick: () => void exportAs('JSON') },
            { key: 'csv', label: 'Export history (CSV)', onClick: () => void exportAs('CSV') },
            { key: 'import', label: 'Import history…', onClick: () => setImporting(true) },
          ],
        }}
      >
        <Button>Export / Import</Button>
      </Dropdown>
      <Modal open={importing} title="Import history" onCancel={() => setImporting(false)} onOk={() => form.submit()} okText="Import" destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={doImport} initialValues={{ path: '', label: '' }}>
          <Form.Item name="path" label="JSON export file" rules={[{ required: true, message: 'Enter the path of a JSON export' }]}>
            <Input placeholder="/home/dba/Downloads/ob-backup-desk-history-….json" />
          </Form.Item>
          <Form.Item name="label" label="Label" extra="Imported clusters are named <cluster>@<label> and stay read-only." rules={[{ required: true, message: 'Name this import' }]}>
            <Input placeholder="laptop-1124" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
