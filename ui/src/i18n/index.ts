// i18next with the two languages the Settings page offers; switching needs no restart.
import { useCallback } from 'react';
import i18next, { type TFunction } from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import type { Language, Words } from '../ipc/bindings';
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

function inLanguage(words: Words, language: string): string {
  return words[language as Language] ?? words['en-US'];
}

/** Words from Rust in the current language (crates/model/src/words.rs): outside React. */
export function said(words: Words): string {
  return inLanguage(words, i18next.language);
}

/** `said` for a component: it re-renders, and re-words, when the language changes. */
export function useSaid(): (words: Words) => string {
  const { i18n: current } = useTranslation();
  const language = current.language;
  // Stable while the language is: effects may depend on it.
  return useCallback((words: Words) => inLanguage(words, language), [language]);
}

/** Text that is the same in every language: a message from outside the desk. */
export function verbatim(text: string): Words {
  return Object.fromEntries(Object.keys(MESSAGES).map((l) => [l, text])) as Words;
}
