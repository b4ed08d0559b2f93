// Export the cached backup and recovery history (JSON to import elsewhere,
// CSV to read) and import an export as a read-only source. Files and folders are
// chosen in the system's own dialogs; a typed path works too.
import { useState } from 'react';
import { App as AntApp, Button, Dropdown, Form, Input, Modal, Space, Typography } from '@oceanbase/design';
import { useQueryClient } from '@tanstack/react-query';
import { open as chooseInDialog } from '@tauri-apps/plugin-dialog';
import { revealItemInDir } from '@tauri-apps/plugin-opener';
import type { ExportFormat, ExportResult, IpcError } from '../../ipc/bindings';
import { call } from '../../ipc/client';
import { said, useT } from '../../i18n';

export function ExchangeButtons() {
  const { message } = AntApp.useApp();
  const t = useT();
  const client = useQueryClient();
  const [importing, setImporting] = useState(false);
  const [exported, setExported] = useState<ExportResult | null>(null);
  const [form] = Form.useForm<{ path: string; label: string }>();

  const exportAs = async (format: ExportFormat) => {
    try {
      const directory = await chooseInDialog({ directory: true, multiple: false, title: t('exchange.chooseFolder') });
      // Closing the dialog is a choice not to export.
      if (typeof directory !== 'string') return;
      setExported(await call('export_history', { format, cluster: null, from: null, to: null, directory }));
    } catch (e) {
      message.error(said((e as IpcError).message));
    }
  };

  const chooseFile = async () => {
    const path = await chooseInDialog({
      multiple: false,
      directory: false,
      title: t('exchange.chooseFile'),
      filters: [{ name: t('exchange.file'), extensions: ['json'] }],
    });
    if (typeof path === 'string') form.setFieldValue('path', path);
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
        trigger={['click']}
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
        open={exported !== null}
        title={t('exchange.exportedTitle')}
        onCancel={() => setExported(null)}
        footer={[
          <Button key="open" onClick={() => exported && void revealItemInDir(exported.path)}>
            {t('exchange.openFolder')}
          </Button>,
          <Button key="close" type="primary" onClick={() => setExported(null)}>
            {t('exchange.close')}
          </Button>,
        ]}
        destroyOnHidden
      >
        {exported && (
          <>
            <Typography.Paragraph>
              {t('exchange.exportedCounts', { backups: exported.backupJobs, restores: exported.restoreJobs })}
            </Typography.Paragraph>
            <Typography.Paragraph copyable code>
              {exported.path}
            </Typography.Paragraph>
          </>
        )}
      </Modal>
      <Modal
        open={importing}
        title={t('exchange.importTitle')}
        onCancel={() => setImporting(false)}
        onOk={() => form.submit()}
        okText={t('exchange.import')}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={doImport} initialValues={{ path: '', label: '' }}>
          <Form.Item label={t('exchange.file')} required>
            <Space.Compact style={{ width: '100%' }}>
              <Form.Item
                name="path"
                noStyle
                rules={[{ required: true, message: t('exchange.fileRequired') }]}
              >
                <Input aria-label={t('exchange.file')} placeholder="/home/dba/Downloads/ob-backup-desk-history-….json" />
              </Form.Item>
              <Button onClick={() => void chooseFile()}>{t('exchange.browse')}</Button>
            </Space.Compact>
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
