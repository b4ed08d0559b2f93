// The AccessKey pair of a restore's object storage, asked for only when the engine says it
// holds none (CREDENTIALS_NEEDED), and sent with that one request, never kept.
import { useState } from 'react';
import { Alert, Form, Input, Modal } from '@oceanbase/design';
import type { AccessKeys, IpcError, Receipt, Words } from '../../ipc/bindings';
import { said, useT } from '../../i18n';

/** Whether a refusal asks for the storage's keys. */
export const asksForKeys = (e: IpcError) => e.code === 'CREDENTIALS_NEEDED';

/** The two fields, inside a Form whose values carry `accessId` and `accessKey`. */
export function AccessKeysFields({ asked }: { asked: Words }) {
  const t = useT();
  const required = [{ required: true, whitespace: true, message: t('keys.required') }];
  return (
    <>
      <Alert type="info" showIcon message={said(asked)} description={t('keys.once')} style={{ marginBottom: 12 }} />
      <Form.Item name="accessId" label={t('strategy.accessId')} rules={required}>
        <Input aria-label={t('strategy.accessId')} autoComplete="off" style={{ width: 320 }} />
      </Form.Item>
      <Form.Item name="accessKey" label={t('strategy.accessSecret')} rules={required}>
        <Input.Password aria-label={t('strategy.accessSecret')} autoComplete="off" style={{ width: 320 }} />
      </Form.Item>
    </>
  );
}

/** The typed pair, or null when the fields are not shown. */
export const typedKeys = (v: { accessId?: string; accessKey?: string }, shown: boolean): AccessKeys | null =>
  shown && v.accessId && v.accessKey ? { accessId: v.accessId.trim(), accessKey: v.accessKey } : null;

/** Asks for the keys and sends `run` with them; shows a refusal in place. */
export function AccessKeysDialog(props: {
  title: string;
  asked: Words;
  run: (keys: AccessKeys) => Promise<Receipt>;
  onDone: (message: Words) => void;
  onClose: () => void;
}) {
  const t = useT();
  const [form] = Form.useForm<{ accessId: string; accessKey: string }>();
  const [asked, setAsked] = useState<Words>(props.asked);
  const [error, setError] = useState<Words | null>(null);
  const [sending, setSending] = useState(false);
  const send = async (v: { accessId: string; accessKey: string }) => {
    setError(null);
    setSending(true);
    try {
      const receipt = await props.run(typedKeys(v, true)!);
      props.onDone(receipt.message);
      props.onClose();
    } catch (e) {
      const err = e as IpcError;
      if (asksForKeys(err)) setAsked(err.message);
      else setError(err.message);
    } finally {
      setSending(false);
    }
  };
  return (
    <Modal
      open
      title={props.title}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      confirmLoading={sending}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      maskClosable={false}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon message={said(error)} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" requiredMark={false} onFinish={send}>
        <AccessKeysFields asked={asked} />
      </Form>
    </Modal>
  );
}
