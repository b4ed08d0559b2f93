// Export the cached backup and recovery history (JSON to import elsewhere,
// CSV to read) and import an export as a read-only source.
import { useState } from 'react';
import { App as AntApp, Button, Dropdown, Form, Input, Modal } from '@oceanbase/design';
import { useQueryClient } from '@tanstack/react-query';
import type { IpcError } from '../../ipc/bindings';
import { call } from '../../ipc/client';
import { said, useT } from '../../i18n';

export function ExchangeButtons() {
  const { message } = AntApp.useApp();
  const t = useT();
  const client = useQueryClient();
  const [importing, setImporting] = useState(false);
  const [form] = Form.useForm<{ path: string; label: string }>();

  const exportAs = async (format: 'JSON' | 'CSV') => {
    try {
      const r = await call('export_history', { format, cluster: null, from: null, to: null, directory: null });
      message.success(t('exchange.exported', { backups: r.backupJobs, restores: r.restoreJobs, path: r.path }));
    } catch (e) {
      message.error(said((e as IpcError).message));
    }
  };

  const doImport = async (v: { path: string; label: string }) => {
    try {
      const r = await call('import_history', { path: v.path, label: v.label });
      message.success(
        t('exchange.importedDone', { backups: r.backupJobs, restores: r.restoreJobs, clusters: r.clusters.join(', ') }),
      );
      setImporting(false);
      void client.invalidateQueries();
    } catch (e) {
      const err = e as IpcError;
      form.setFields([{ name: err.field === 'label' ? 'label' : 'path', errors: [said(err.message)] }]);
    }
  };

  return (
    <>
      <Dropdown
        menu={{
          items: [
            { key: 'json', label: t('exchange.exportJson'), onClick: () => void exportAs('JSON') },
            { key: 'csv', label: t('exchange.exportCsv'), onClick: () => void exportAs('CSV') },
            { key: 'import', label: t('exchange.importMenu'), onClick: () => setImporting(true) },
          ],
        }}
      >
        <Button>{t('exchange.button')}</Button>
      </Dropdown>
      <Modal
        open={importing}
        title={t('exchange.importTitle')}
        onCancel={() => setImporting(false)}
        onOk={() => form.submit()}
        okText={t('exchange.import')}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={doImport} initialValues={{ path: '', label: '' }}>
          <Form.Item name="path" label={t('exchange.file')} rules={[{ required: true, message: t('exchange.fileRequired') }]}>
            <Input placeholder="/home/dba/Downloads/ob-backup-desk-history-….json" />
          </Form.Item>
          <Form.Item
            name="label"
            label={t('exchange.label')}
            extra={t('exchange.labelHelp')}
            rules={[{ required: true, message: t('exchange.labelRequired') }]}
          >
            <Input placeholder="laptop-1124" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
