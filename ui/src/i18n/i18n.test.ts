import { describe, expect, it } from 'vitest';
import { i18n, MESSAGES } from './index';

function leaves(o: object, prefix = ''): [string, string][] {
  return Object.entries(o).flatMap(([k, v]) =>
    typeof v === 'string' ? [[`${prefix}${k}`, v] as [string, string]] : leaves(v as object, `${prefix}${k}.`),
  );
}

describe('translations', () => {
  it('give every English key a Chinese string with the same placeholders', () => {
    const zh = new Map(leaves(MESSAGES['zh-CN']));
    for (const [key, text] of leaves(MESSAGES['en-US'])) {
      const other = zh.get(key);
      expect(other, key).toBeTruthy();
      const holes = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
      expect(holes(other!), key).toEqual(holes(text));
    }
  });

  it('switch without a restart and keep OCP terms', async () => {
    await i18n.changeLanguage('zh-CN');
    expect(i18n.t('nav.backup')).toBe('备份恢复');
    expect(i18n.t('recovery.submit')).toBe('发起恢复');
    await i18n.changeLanguage('en-US');
    expect(i18n.t('nav.backup')).toBe('Backup and Recovery');
  });
});
