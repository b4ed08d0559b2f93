import { describe, expect, it } from 'vitest';
import { placeError } from './formErrors';
import { verbatim } from '../../i18n';

describe('refusals in place', () => {
  it('go under the field they name', () => {
    const message = { 'en-US': 'Full data backup needed before incremental data backup', 'zh-CN': '增量备份前需要先做全量备份' };
    const err = { code: 'FULL_BACKUP_NEEDED', message, field: 'method', nearest: null } as const;
    expect(placeError(err, ['method', 'plusArchivelog'])).toEqual({ field: 'method', message: err.message });
  });

  it('go above the form when the field is not on it', () => {
    const err = { code: 'UNREACHABLE', message: verbatim('no answer'), field: null, nearest: null } as const;
    expect(placeError(err, ['method'])).toEqual({ field: null, message: verbatim('no answer') });
    expect(placeError({ ...err, field: 'storage' }, ['method']).field).toBeNull();
  });

  it('never show the code’s name of a field: the label stands in its place', () => {
    const message = { 'en-US': 'targetTenant: "sys" is reserved by OceanBase', 'zh-CN': 'targetTenant：“sys” 是 OceanBase 保留的名称' };
    const err = { code: 'INVALID_INPUT', message, field: 'targetTenant', nearest: null } as const;
    // Under the field, whose label says which.
    expect(placeError(err, ['targetTenant']).message).toEqual({
      'en-US': '"sys" is reserved by OceanBase',
      'zh-CN': '“sys” 是 OceanBase 保留的名称',
    });
    // Above the form, named by its label in the current language.
    const zones = { ...err, field: 'zones', message: { 'en-US': 'zones: choose at least one zone', 'zh-CN': 'zones：请至少选择一个 Zone' } };
    expect(placeError(zones, ['zones'], (f) => (f === 'zones' ? 'Zones' : undefined))).toEqual({
      field: null,
      message: { 'en-US': 'Zones: choose at least one zone', 'zh-CN': 'Zones：请至少选择一个 Zone' },
    });
    // A field the form does not have: the name goes, the words stay.
    const nested = { ...err, field: 'timeOfDay', message: verbatim('schedule.timeOfDay: must be HH:MM') };
    expect(placeError(nested, []).message).toEqual(verbatim('must be HH:MM'));
    // Words that merely start with a word and a colon are kept.
    const plain = { ...err, field: 'until', message: verbatim('Note: 3.x restores need a point') };
    expect(placeError(plain, ['until']).message).toEqual(verbatim('Note: 3.x restores need a point'));
  });
});
