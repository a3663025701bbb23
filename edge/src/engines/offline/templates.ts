import type { Locale } from '../../../../shared/chat';
import { say, wordingOf, type ReplyMessage } from '../../language';

/**
 * What the deterministic engine and the pipeline say. The words are the `reply` entry of each
 * language pack (edge/src/language/packs); wording rules: answer only from data, never promise
 * an outcome, always offer a person.
 */
export const t = (locale: Locale, key: ReplyMessage, vars: Record<string, string | number> = {}): string => say(locale, key, vars);

export const suggestionsFor = (locale: Locale): string[] => [...wordingOf(locale).suggestions];

export const availabilityText = (locale: Locale, a: string) => (wordingOf(locale).availability as Record<string, string>)[a] ?? wordingOf('en').availability[a as 'in_stock'] ?? a;

/** One formatter per locale and currency per isolate: building an Intl.NumberFormat costs far more than using one. */
const PRICE_FORMATS = new Map<string, Intl.NumberFormat>();

export function formatPrice(locale: Locale, amount: number, currency: string): string {
  try {
    const key = `${locale} ${currency}`;
    let format = PRICE_FORMATS.get(key);
    if (!format) {
      format = new Intl.NumberFormat(locale, { style: 'currency', currency });
      // Currencies come from shop data: bounded all the same.
      if (PRICE_FORMATS.size >= 200) PRICE_FORMATS.clear();
      PRICE_FORMATS.set(key, format);
    }
    return format.format(amount);
  } catch {
    return `${amount.toFixed(2)} ${currency}`;
  }
}
