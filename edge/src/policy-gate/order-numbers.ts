/**
 * Order references a shopper types: "#1042", "order 1042", "pedido nº 1042",
 * "commande n° W-88312", "Bestellnummer: 88312". An id must contain a digit
 * so that "order status" or "#hashtag" are not mistaken for numbers.
 */
const ORDER_WORD =
  '(?:orders?|order\\s*(?:number|no\\.?|nr\\.?|num|id|#)|ordernumber|purchase|pedido|orden|compra|commande|achat|bestellung|bestellnummer|auftrag|auftragsnummer|n[°º]|nr\\.?|no\\.)';
const NUMBER_WORD = '(?:(?:number|num(?:ero|éro)?|número|nummer|no\\.?|nr\\.?|n[°º]|id)\\s*)?';
const ID = '([A-Za-z]{0,4}-?\\d[A-Za-z0-9-]{0,23})(?![A-Za-z0-9-]|\\s*(?:days?|weeks?|months?|hours?|items?|pieces?|units?|euros?|dollars?|pounds?|dias?|semanas?|jours?|semaines?|tage?n?|wochen?|€|\\$|%|£))';

const AFTER_WORD = new RegExp(`(?:^|[^\\p{L}])${ORDER_WORD}\\s*${NUMBER_WORD}[:#]?\\s*${ID}`, 'giu');
const HASH = /#\s?([A-Za-z]{0,4}-?\d[A-Za-z0-9-]{0,23})/g;

export function findOrderNumbers(text: string): string[] {
  const found: string[] = [];
  const add = (id: string) => {
    const clean = id.replace(/[-.]+$/, '');
    if (/\d/.test(clean) && (clean.length >= 3 || /[A-Za-z]/.test(clean)) && !found.includes(clean)) found.push(clean);
  };
  for (const m of text.matchAll(HASH)) add(m[1]);
  for (const m of text.matchAll(AFTER_WORD)) add(m[1]);
  return found;
}
