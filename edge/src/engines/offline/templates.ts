import type { Locale } from '../../../../shared/chat';
import { wordingOf } from '../../language';
import { suggestionsFor, t } from '../../turn';

export { suggestionsFor, t };

/** The offline engine's own formatting; its words come from the packs through the kernel's `t`. */
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
