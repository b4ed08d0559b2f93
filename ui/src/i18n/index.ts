// i18next with the two languages the Settings page offers; switching needs no restart.
import i18next, { type TFunction } from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import type { Language } from '../ipc/bindings';
import { en } from './en';
import { zh } from './zh';

// Keyed by the generated Language union: a language added in Rust fails here until translated.
export const MESSAGES: Record<Language, typeof zh> = { 'en-US': en, 'zh-CN': zh };

void i18next.use(initReactI18next).init({
  resources: Object.fromEntries(Object.entries(MESSAGES).map(([lng, m]) => [lng, { translation: m }])),
  lng: 'en-US',
  fallbackLng: 'en-US',
  interpolation: { escapeValue: false },
  initAsync: false,
});

export const i18n = i18next;

/** A translate function: a component's `useT()`, or `i18n.t` outside React (its current language). */
export type Translate = TFunction;
export type { MessageKey } from './en';

export function useT() {
  return useTranslation().t;
}
