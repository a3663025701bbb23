/**
 * Text helpers shared by catalog and policy search: tokenizing, a Porter stemmer that agrees
 * with SQLite FTS5's `porter` tokenizer, stop-words for shopper questions (en/es/fr/de),
 * a small general synonym table and an edit distance for typo correction.
 */

/** Lower-cases, strips diacritics and splits on anything that is not a letter or digit (like FTS5 unicode61). */
export function tokenize(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

// --- Porter stemmer (M. F. Porter, 1980), the algorithm FTS5's porter tokenizer implements. ---

const isConsonant = (w: string, i: number): boolean => {
  const c = w[i];
  if ('aeiou'.includes(c)) return false;
  if (c === 'y') return i === 0 ? true : !isConsonant(w, i - 1);
  return true;
};

/** Number of VC sequences in w[0..end). */
function measure(w: string, end = w.length): number {
  let n = 0;
  let i = 0;
  while (i < end && isConsonant(w, i)) i++;
  while (i < end) {
    while (i < end && !isConsonant(w, i)) i++;
    if (i >= end) break;
    while (i < end && isConsonant(w, i)) i++;
    n++;
  }
  return n;
}

const hasVowel = (w: string, end = w.length) => {
  for (let i = 0; i < end; i++) if (!isConsonant(w, i)) return true;
  return false;
};
const endsDoubleConsonant = (w: string) => w.length >= 2 && w[w.length - 1] === w[w.length - 2] && isConsonant(w, w.length - 1);
/** consonant-vowel-consonant at the end, last not w, x or y. */
const endsCvc = (w: string) => {
  const n = w.length;
  if (n < 3) return false;
  if (!isConsonant(w, n - 1) || isConsonant(w, n - 2) || !isConsonant(w, n - 3)) return false;
  return !'wxy'.includes(w[n - 1]);
};

function replaceSuffix(w: string, rules: [string, string][], minMeasure: number): string {
  for (const [suffix, repl] of rules) {
    if (w.endsWith(suffix)) {
      const stem = w.slice(0, w.length - suffix.length);
      return measure(stem) > minMeasure ? stem + repl : w;
    }
  }
  return w;
}

const STEP2: [string, string][] = [
  ['ational', 'ate'], ['tional', 'tion'], ['enci', 'ence'], ['anci', 'ance'], ['izer', 'ize'], ['bli', 'ble'],
  ['alli', 'al'], ['entli', 'ent'], ['eli', 'e'], ['ousli', 'ous'], ['ization', 'ize'], ['ation', 'ate'],
  ['ator', 'ate'], ['alism', 'al'], ['iveness', 'ive'], ['fulness', 'ful'], ['ousness', 'ous'], ['aliti', 'al'],
  ['iviti', 'ive'], ['biliti', 'ble'], ['logi', 'log'],
];
const STEP3: [string, string][] = [['icate', 'ic'], ['ative', ''], ['alize', 'al'], ['iciti', 'ic'], ['ical', 'ic'], ['ful', ''], ['ness', '']];
const STEP4 = ['al', 'ance', 'ence', 'er', 'ic', 'able', 'ible', 'ant', 'ement', 'ment', 'ent', 'ion', 'ou', 'ism', 'ate', 'iti', 'ous', 'ive', 'ize'];

const stemCache = new Map<string, string>();

/** Porter stem of one lower-case token; non-ASCII and short tokens pass through. */
export function stem(word: string): string {
  if (word.length <= 2 || !/^[a-z]+$/.test(word)) return word;
  const cached = stemCache.get(word);
  if (cached !== undefined) return cached;
  let w = word;
  // Step 1a
  if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('ies')) w = w.slice(0, -2);
  else if (!w.endsWith('ss') && w.endsWith('s')) w = w.slice(0, -1);
  // Step 1b
  let extra = false;
  if (w.endsWith('eed')) {
    if (measure(w, w.length - 3) > 0) w = w.slice(0, -1);
  } else if (w.endsWith('ed') && hasVowel(w, w.length - 2)) {
    w = w.slice(0, -2);
    extra = true;
  } else if (w.endsWith('ing') && hasVowel(w, w.length - 3)) {
    w = w.slice(0, -3);
    extra = true;
  }
  if (extra) {
    if (w.endsWith('at') || w.endsWith('bl') || w.endsWith('iz')) w += 'e';
    else if (endsDoubleConsonant(w) && !'lsz'.includes(w[w.length - 1])) w = w.slice(0, -1);
    else if (measure(w) === 1 && endsCvc(w)) w += 'e';
  }
  // Step 1c
  if (w.endsWith('y') && hasVowel(w, w.length - 1)) w = w.slice(0, -1) + 'i';
  // Steps 2 and 3
  w = replaceSuffix(w, STEP2, 0);
  w = replaceSuffix(w, STEP3, 0);
  // Step 4
  for (const suffix of STEP4) {
    if (w.endsWith(suffix)) {
      const s = w.slice(0, w.length - suffix.length);
      if (measure(s) > 1 && (suffix !== 'ion' || /[st]$/.test(s))) w = s;
      break;
    }
  }
  // Step 5
  if (w.endsWith('e')) {
    const s = w.slice(0, -1);
    const m = measure(s);
    if (m > 1 || (m === 1 && !endsCvc(s))) w = s;
  }
  if (measure(w) > 1 && endsDoubleConsonant(w) && w.endsWith('l')) w = w.slice(0, -1);
  if (stemCache.size > 20_000) stemCache.clear();
  stemCache.set(word, w);
  return w;
}

// --- Stop-words: words of shopper questions that say nothing about what is wanted. ---

const STOP_WORDS = new Set(
  `
a an the and or but if of to in on at by for from with without about into over under than then so as is are was were be been being
am do does did done have has had having i me my mine we us our you your yours he she it its they them their this that these those
there here what which who whom whose when where why how can could would should will shall may might must not no yes any some all
each every more most much many very too also just only please hi hello hey thanks thank get got give tell know let want wanted
need needs like would looking look find show see buy order sell sells selling offer available availability stock still
one ones something anything thing things kind sort type also really quite long take takes taking make does doing go going
s t d ll m re ve im dont cant whats
el la los las un una unos unas de del al y o que en con sin por para es son hay tienen tiene tienes quiero quisiera busco
como cuanto cuanta cuantos cuantas cuando donde cual cuales mi mis su sus tu tus se lo le les me nos hola gracias por favor
puedo puede pueden usted ustedes este esta estos estas eso esa tarda tardan
le la les un une des du de et ou que qui quoi en avec sans pour par est sont il elle ils elles je tu vous nous mon ma mes
votre vos leur leurs ce cet cette ces combien comment quand ou quel quelle quels quelles bonjour merci avez vous ai puis faut
der die das den dem des ein eine einen einem einer und oder zu im in mit ohne fur von ist sind hat haben habt ich du sie wir
ihr mein meine dein deine sein seine unser euer wie viel lange wann wo welche welcher welches was hallo danke bitte kann konnen
gibt es auch noch nicht kein keine dauert
`
    .split(/\s+/)
    .filter(Boolean),
);

/** Sizes that look like stop-words ("s", "m") must survive when they follow "size"/"in". */
export const isStopWord = (token: string) => STOP_WORDS.has(token);

// --- Synonyms: small and general; each group maps to words a catalog or policy is likely to use. ---

const SYNONYM_GROUPS: string[][] = [
  ['backpack', 'rucksack', 'daypack', 'knapsack', 'mochila', 'rucksacke'],
  ['shoe', 'shoes', 'sneaker', 'sneakers', 'trainer', 'trainers', 'zapatillas', 'chaussures', 'schuhe'],
  ['boot', 'boots', 'botas', 'stiefel'],
  // Not French "veste": it stems to the English "vest".
  ['jacket', 'parka', 'anorak', 'coat', 'chaqueta', 'jacke'],
  ['trousers', 'pants', 'slacks', 'pantalones', 'pantalon'],
  ['shirt', 'tee', 'tshirt', 'camiseta'],
  ['sweater', 'jumper', 'pullover'],
  ['hoody', 'hoodie'],
  ['tent', 'carpa', 'tente', 'zelt'],
  ['bottle', 'flask'],
  ['headlamp', 'headtorch', 'torch', 'flashlight'],
  ['glove', 'gloves', 'mittens'],
  ['sock', 'socks'],
  ['blue', 'navy', 'azul', 'bleu', 'blau', 'cobalt', 'indigo'],
  ['red', 'rojo', 'rouge', 'rot', 'crimson', 'burgundy'],
  ['green', 'verde', 'vert', 'grun', 'olive', 'khaki', 'moss'],
  ['black', 'negro', 'noir', 'schwarz'],
  ['white', 'blanco', 'blanc', 'weiss'],
  ['grey', 'gray', 'gris', 'grau', 'charcoal', 'graphite'],
  ['yellow', 'amarillo', 'jaune', 'gelb', 'mustard'],
  ['orange', 'naranja'],
  ['pink', 'rosa', 'rose'],
  ['purple', 'violet', 'lila', 'morado'],
  ['brown', 'marron', 'braun', 'tan'],
  ['waterproof', 'rainproof', 'impermeable', 'wasserdicht'],
  ['kids', 'kid', 'children', 'child', 'childrens', 'boys', 'girls', 'ninos', 'enfants', 'kinder'],
  ['womens', 'women', 'woman', 'ladies', 'mujer', 'femme', 'damen'],
  ['mens', 'men', 'man', 'hombre', 'homme', 'herren'],
  ['laptop', 'notebook'],
  ['phone', 'smartphone', 'mobile', 'cellphone'],
  ['sofa', 'couch'],
  ['perfume', 'fragrance', 'cologne'],
  // Policy words shoppers use in other languages or other words.
  ['refund', 'refunds', 'reembolso', 'reembolsan', 'remboursement', 'remboursez', 'erstattung', 'ruckerstattung', 'erstattet', 'money back'],
  ['return', 'returns', 'devolucion', 'devolver', 'retour', 'retourner', 'rucksendung', 'zuruckgeben', 'ruckgabe'],
  ['exchange', 'swap', 'cambio', 'cambiar', 'echange', 'umtausch'],
  [
    'shipping', 'ship', 'delivery', 'deliver', 'envio', 'enviar', 'envian', 'envias', 'enviais', 'entrega', 'entregan', 'livraison', 'livrer',
    'livrez', 'livrent', 'expedition', 'expediez', 'versand', 'versendet', 'versenden', 'lieferung', 'liefern', 'liefert', 'postage', 'dispatch',
  ],
  ['cost', 'price', 'fee', 'precio', 'coste', 'costo', 'prix', 'frais', 'kosten', 'preis', 'gebuhr'],
  ['warranty', 'guarantee', 'garantia', 'garantie', 'gewahrleistung'],
  ['payment', 'pay', 'pago', 'pagar', 'paiement', 'payer', 'zahlung', 'bezahlen'],
  ['size', 'sizing', 'talla', 'taille', 'grosse'],
  ['cancel', 'cancellation', 'cancelar', 'annuler', 'stornieren'],
  ['switzerland', 'suiza', 'suisse', 'schweiz', 'swiss'],
  ['germany', 'alemania', 'allemagne', 'deutschland'],
  ['france', 'francia', 'frankreich'],
  ['spain', 'espana', 'espagne', 'spanien'],
  ['austria', 'autriche', 'osterreich'],
  ['united kingdom', 'uk', 'britain', 'england', 'reino unido', 'royaume uni', 'grossbritannien'],
  ['international', 'internationally', 'worldwide', 'abroad', 'overseas'],
  ['days', 'day', 'dias', 'jours', 'tage'],
  // Opening hours are written as days and times ("Monday to Friday, 9 am to 5 pm").
  ['hours', 'opening', 'monday', 'weekdays', 'horario', 'horaires', 'ouverture', 'offnungszeiten'],
  ['free', 'gratis', 'gratuit', 'kostenlos'],
];

const SYNONYMS = new Map<string, string[]>();
for (const group of SYNONYM_GROUPS) {
  for (const word of group) {
    if (word.includes(' ')) continue;
    const others = group.filter((w) => w !== word);
    SYNONYMS.set(word, [...(SYNONYMS.get(word) ?? []), ...others]);
  }
}

/** Other words (single tokens or phrases) that mean the same as `token`, if any. */
export const synonymsOf = (token: string): string[] => SYNONYMS.get(token) ?? [];

// --- Typo tolerance ---

/** Optimal string alignment distance (Damerau-Levenshtein with adjacent transpositions), capped at max+1. */
export function editDistance(a: string, b: string, max = 2): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n];
}

/** How many typos we forgive in a word of this length. */
export const typoBudget = (length: number) => (length >= 8 ? 2 : length >= 4 ? 1 : 0);

/** Quotes a token for an FTS5 MATCH expression. */
export const ftsQuote = (token: string) => `"${token.replace(/"/g, '""')}"`;

/**
 * FTS5 has no per-shop index, so every row carries a token naming its shop. Digits only,
 * so neither unicode61 nor the porter stemmer can change it.
 */
export function shopToken(shopId: string): string {
  let out = 'z';
  for (const ch of shopId) out += ch.codePointAt(0)!.toString().padStart(3, '0');
  return out;
}
