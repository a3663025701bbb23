import type { Lang, LanguagePack } from '../types';
import de from './de';
import en from './en';
import es from './es';
import fr from './fr';
import it from './it';
import pt from './pt';

/** Every language pack. Adding a language is a pack file here plus its corpus cases. */
export const PACKS: Record<Lang, LanguagePack> = { en, es, fr, de, it, pt };
export const PACK_LIST: readonly LanguagePack[] = Object.values(PACKS);
