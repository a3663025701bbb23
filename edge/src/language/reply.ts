import { PACKS } from './packs';
import type { Lang, ReplyMessage, ReplyWording } from './types';

/** The reply wording of a language (English for anything else). */
export const wordingOf = (lang: string): ReplyWording => (PACKS[lang as Lang] ?? PACKS.en).reply;

/** Fills `{name}` placeholders of a pack's template; a value not given becomes ''. */
export const fill = (template: string, vars: Record<string, string | number> = {}): string =>
  template.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));

/** A message of the deterministic engine or the pipeline in `lang`, its placeholders filled. */
export const say = (lang: string, key: ReplyMessage, vars: Record<string, string | number> = {}): string => fill(wordingOf(lang).messages[key], vars);
