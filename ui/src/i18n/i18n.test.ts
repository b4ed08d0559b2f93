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

// Strings that read the same in Chinese: product names, OceanBase and cloud
// vendors' own terms, and formats. Anything else equal to English is untranslated.
const SAME_IN_ZH = new Set([
  'layout.brand', // OB Backup Desk, the product's name
  'columns.id', // ID
  'connection.tls', // TLS
  'strategy.host', // Endpoint, as the OSS / COS / S3 consoles name it
  'strategy.appId', // APPID (COS)
  'strategy.accessId', // AccessKey ID
  'strategy.accessSecret', // AccessKey Secret
  'recovery.zone', // Zone, OceanBase's term
]);

describe('the Chinese strings', () => {
  it('translate every key: non-empty, and different from English unless allow-listed', () => {
    const en = leaves(MESSAGES['en-US']);
    const zh = new Map(leaves(MESSAGES['zh-CN']));
    expect([...zh.keys()].sort()).toEqual(en.map(([k]) => k).sort());
    const same: string[] = [];
    for (const [key, text] of en) {
      const other = zh.get(key) ?? '';
      expect(other.trim(), key).not.toBe('');
      if (other === text) same.push(key);
    }
    expect(same.sort()).toEqual([...SAME_IN_ZH].sort());
  });

  it('word ages, latencies and the cache status in Chinese', async () => {
    const { formatAge } = await import('../time/format');
    const { formatLatency } = await import('../pages/backup/labels');
    const { describeCache } = await import('../layout/cacheStatus');
    const zhT = i18n.getFixedT('zh-CN');
    const T = Date.UTC(2026, 10, 24, 0, 30, 0) * 1000;
    expect(formatAge(T - 3 * 3600 * 1e6, T, zhT)).toBe('3 小时前');
    expect(formatAge(T - 10 * 1e6, T, zhT)).toBe('几秒前');
    expect(formatAge(T - 3 * 3600 * 1e6, T)).toBe('3 hours ago');
    expect(formatLatency((3 * 3600 + 12 * 60 + 5) * 1e6, zhT)).toBe('3 小时 12 分 5 秒');
    expect(describeCache({ kind: 'ready', path: '/d/c' }, zhT).tag).toBe('缓存就绪');
  });
});
