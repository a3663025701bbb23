/**
 * Languages. The loader keeps only the launcher's few words for every language; the panel's
 * strings are one small chunk per language (widget/src/locales), fetched with the panel, so
 * a shopper downloads one language, not six.
 */
import type { Strings } from '../locales/en';

export type { Strings };
export const LANGUAGES = ['en', 'es', 'fr', 'de', 'it', 'pt'] as const;
export type Language = (typeof LANGUAGES)[number];

export interface LauncherStrings {
  openChat: string;
  closeChat: string;
  continueChat: string;
  newReply: string;
}

const LAUNCHER: Record<Language, LauncherStrings> = {
  en: {
    openChat: 'Open chat',
    closeChat: 'Close chat',
    continueChat: 'Continue chat',
    newReply: 'Continue chat: new reply',
  },
  es: {
    openChat: 'Abrir chat',
    closeChat: 'Cerrar chat',
    continueChat: 'Continuar el chat',
    newReply: 'Continuar el chat: nueva respuesta',
  },
  fr: {
    openChat: 'Ouvrir le chat',
    closeChat: 'Fermer le chat',
    continueChat: 'Reprendre le chat',
    newReply: 'Reprendre le chat : nouvelle réponse',
  },
  de: {
    openChat: 'Chat öffnen',
    closeChat: 'Chat schließen',
    continueChat: 'Chat fortsetzen',
    newReply: 'Chat fortsetzen: neue Antwort',
  },
  it: {
    openChat: 'Apri la chat',
    closeChat: 'Chiudi la chat',
    continueChat: 'Continua la chat',
    newReply: 'Continua la chat: nuova risposta',
  },
  pt: {
    openChat: 'Abrir o chat',
    closeChat: 'Fechar o chat',
    continueChat: 'Continuar o chat',
    newReply: 'Continuar o chat: nova resposta',
  },
};

/**
 * Picks the UI language: an explicit locale, else the page's `<html lang>`,
 * else English. Regional tags ("es-MX") use their base language.
 */
export function resolveLocale(explicit?: string | null, doc: Document = document): { tag: string; language: Language; launcher: LauncherStrings } {
  const tag = (explicit || doc.documentElement.lang || 'en').trim();
  const base = (tag.toLowerCase().split(/[-_]/)[0] ?? 'en') as Language;
  return LANGUAGES.includes(base) ? { tag, language: base, launcher: LAUNCHER[base] } : { tag: 'en', language: 'en', launcher: LAUNCHER.en };
}

/** Fills `{name}` placeholders. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}
