import type { Language } from '../ipc/bindings';

// Keyed by the generated Language union: a language added in Rust fails the
// type check here until it has a label.
export const LANGUAGE_LABELS: Record<Language, string> = {
  'en-US': 'English (United States)',
  'zh-CN': '简体中文',
};
