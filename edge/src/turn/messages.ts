import type { Locale } from '../../../shared/chat';
import { say, wordingOf, type ReplyMessage } from '../language';

/**
 * What the pipeline itself says (notices, fallbacks, suggestions) and what engines say: the words
 * are the `reply` entry of each language pack. Wording rules: answer only from data, never promise
 * an outcome, always offer a person.
 */
export const t = (locale: Locale, key: ReplyMessage, vars: Record<string, string | number> = {}): string => say(locale, key, vars);

export const suggestionsFor = (locale: Locale): string[] => [...wordingOf(locale).suggestions];
