import { collapseRepeats } from './lexicon';
import { foldAccents } from './normalise';
import { SHOP_GOODS, type GoodsGroup } from './shop-goods';
import { stem } from './stem';
import { editDistance, typoBudget } from './typo';

/**
 * Words that mean the same across the packs' languages, for catalog and policy search: small and
 * general; each group maps to words a catalog or policy is likely to use. The goods a shop sells
 * and their attributes are in `shop-goods.ts` (one group per thing, per language).
 */

/** Words of an entry as search reads them: lower case, accents folded, split at anything not a letter or digit. */
const entryWords = (entry: string): string[] => foldAccents(entry.trim()).split(/[^\p{L}\p{N}]+/u).filter(Boolean);

/** The goods groups as flat groups of entries (compound-only parts left out), each entry's words joined by one space. */
const GOODS_GROUPS: string[][] = SHOP_GOODS.map((g) => [
  ...new Set(
    Object.values(g)
      .filter((list): list is string => typeof list === 'string')
      .flatMap((list) => list.split('|'))
      .filter((e) => !e.startsWith('*'))
      .map((e) => entryWords(e).join(' '))
      .filter(Boolean),
  ),
]);

const SYNONYM_GROUPS: string[][] = [
  ...GOODS_GROUPS,
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
  ['italy', 'italia', 'italie', 'italien'],
  ['portugal', 'portogallo'],
  ['alaska', 'alasca'],
  ['hawaii', 'havai', 'hawai'],
  ['days', 'day', 'dias', 'jours', 'tage'],
  // Opening hours; the days they are written with are RELATED words, below.
  ['hours', 'opening', 'horario', 'horaires', 'ouverture', 'offnungszeiten'],
  ['free', 'gratis', 'gratuit', 'kostenlos'],
  // policy words: what shoppers call the things shops' policies name in English (a table row
  // "Standard delivery", a heading "Financing" or "When can I collect?", "Phone 01432 ...").
  [
    'shipping', 'spedizione', 'spedizioni', 'spedire', 'spedite', 'spedisci', 'enviam', 'envia', 'envie', 'enviais', 'envoi', 'envoyez', 'frete',
    'post',
  ],
  ['cost', 'costa', 'costano', 'cuesta', 'cuestan', 'custa', 'custam', 'coute', 'coutent', 'kostet', 'charge'],
  ['standard', 'estandar', 'padrao', 'normale'],
  ['express', 'expres', 'expresso', 'espressa', 'urgente', 'overnight'],
  ['financing', 'finance', 'instalments', 'installments', 'instalment', 'plazos', 'financiacion', 'financement', 'mensualites', 'finanzierung', 'ratenzahlung', 'raten', 'rate', 'rateale', 'finanziamento', 'parcelas', 'prestacoes', 'financiamento', 'spread the cost', 'klarna', 'affirm'],
  ['collect', 'collection', 'pickup', 'recoger', 'recogida', 'retirer', 'retrait', 'recuperer', 'abholen', 'abholung', 'ritirare', 'ritiro', 'levantar', 'recolher', 'click and collect'],
  ['price match', 'preisabgleich', 'preisgarantie'],
  ['trade', 'tradein', 'inzahlungnahme', 'retoma'],
  ['phone', 'telephone', 'telefono', 'telefone', 'telefon', 'telefonnummer', 'hotline'],
  ['email', 'mail', 'correo', 'courriel', 'emailadresse'],
  ['reply', 'replies', 'answer', 'respond', 'response', 'antwort', 'antworten', 'antwortet', 'respuesta', 'responden', 'respondeis', 'reponse', 'repondez', 'risposta', 'rispondete', 'resposta', 'respondem'],
  ['support', 'soporte', 'kundenservice', 'kundendienst', 'apoio', 'suporte'],
  ['plant', 'plants', 'planta', 'plantas', 'plante', 'plantes', 'pflanze', 'pflanzen', 'pianta', 'piante'],
  ['switzerland', 'suica', 'svizzera'],
  ['money', 'dinero', 'argent', 'geld', 'soldi', 'dinheiro'],
  ['cash', 'efectivo', 'especes', 'bargeld', 'barzahlung', 'contanti', 'dinheiro'],
  ['transfer', 'transferencia', 'virement', 'uberweisung', 'bonifico'],
  ['cheque', 'cheques', 'scheck', 'assegno', 'assegni'],
  ['signature', 'sign', 'firma', 'firmar', 'signer', 'unterschrift', 'unterschreiben', 'firmare', 'assinar', 'assinatura'],
  ['refurbished', 'reacondicionado', 'reconditionne', 'generaluberholt', 'ricondizionato', 'ricondizionati', 'recondicionado'],
  ['restocking', 'reposicion', 'reapprovisionnement', 'wiedereinlagerung', 'riassortimento', 'reposicao'],
  ['same', 'mismo', 'meme', 'selben', 'gleichen', 'stesso', 'mesmo'],
  ['day', 'dia', 'jour', 'tag', 'giorno'],
  ['germany', 'germania', 'alemanha'],
  ['guarantee', 'garanzia', 'guaranteed'],
  ['monday', 'lunes', 'lundi', 'montag', 'lunedi', 'segunda'],
  ['tuesday', 'martes', 'mardi', 'dienstag', 'martedi', 'terca'],
  ['wednesday', 'miercoles', 'mercredi', 'mittwoch', 'mercoledi', 'quarta'],
  ['thursday', 'jueves', 'jeudi', 'donnerstag', 'giovedi', 'quinta'],
  ['friday', 'viernes', 'vendredi', 'freitag', 'venerdi', 'sexta'],
  ['saturday', 'sabado', 'samedi', 'samstag', 'sabato', 'samstags', 'sabados'],
  ['sunday', 'domingo', 'dimanche', 'sonntag', 'domenica', 'sonntags', 'domingos'],
  // order lines: what shoppers call, in their own language, things the shops sell under English
  // titles, so "Wann kommt meine Jacke?" or "mancavano i guanti" find the order line that holds it.
  ['jacket', 'jackets', 'chaquetas', 'giacca', 'giacche', 'giubbotto', 'casaco', 'casacos', 'jaqueta', 'jaquetas', 'blouson', 'jacken'],
  ['boot', 'boots', 'bota', 'stivale', 'stivali', 'scarponi', 'scarpone', 'bottes', 'bottines'],
  ['shoe', 'shoes', 'zapato', 'zapatos', 'scarpe', 'scarpa', 'sapatos', 'sapatilhas', 'tenis'],
  ['sock', 'socks', 'calcetines', 'chaussettes', 'socken', 'calzini', 'meias'],
  ['tent', 'tienda de campana', 'tenda', 'tende'],
  ['sleeping bag', 'saco de dormir', 'sac de couchage', 'schlafsack', 'sacco a pelo', 'saco cama'],
  ['backpack', 'zaino', 'sac a dos', 'mochilas'],
  ['vest', 'chaleco', 'gilet', 'weste', 'colete'],
  ['cap', 'gorra', 'casquette', 'kappe', 'cappellino', 'bone'],
  ['beanie', 'gorro', 'bonnet', 'mutze', 'berretto'],
  ['trousers', 'pantaloni', 'calcas', 'regenhose'],
  ['poles', 'bastones', 'batons', 'stocke', 'bastoncini', 'bastoes'],
  ['glove', 'gloves', 'guante', 'guantes', 'gant', 'gants', 'handschuh', 'handschuhe', 'guanto', 'guanti', 'luva', 'luvas'],
  ['doormat', 'felpudo', 'paillasson', 'fussmatte', 'zerbino', 'capacho', 'tapete'],
  ['planter', 'planters', 'maceta', 'macetas', 'macetero', 'jardiniere', 'jardinieres', 'pflanzgefass', 'pflanzgefasse', 'blumentopf', 'fioriera', 'fioriere', 'vasi', 'vasos', 'floreira', 'floreiras'],
  ['string lights', 'luces', 'guirlande', 'lichterkette', 'luci', 'luzes'],
  ['hose reel', 'manguera', 'enrouleur', 'schlauchtrommel', 'schlauch', 'avvolgitubo', 'mangueira'],
  ['shed', 'garden store', 'cobertizo', 'abri de jardin', 'gartenhaus', 'schuppen', 'casetta', 'capanno', 'barracao'],
  ['secateurs', 'tijeras de podar', 'secateur', 'gartenschere', 'cesoie', 'tesoura de poda'],
  ['trimmer', 'desbrozadora', 'cortabordes', 'coupe bordure', 'rasentrimmer', 'tagliabordi', 'decespugliatore', 'aparador'],
  ['hedge trimmer', 'cortasetos', 'taille haie', 'heckenschere', 'tagliasiepi', 'corta sebes'],
  ['parasol', 'sombrilla', 'sonnenschirm', 'ombrellone', 'guarda sol'],
  ['raised bed', 'bancal', 'hochbeet', 'letto rialzato', 'canteiro elevado'],
  ['cedar', 'cedro', 'cedre', 'zeder'],
  ['bird bath', 'bebedero', 'vogeltranke', 'vogelbad', 'abbeveratoio', 'bebedouro'],
  ['compost', 'abono', 'kompost', 'terriccio', 'composto'],
  ['lavender', 'lavanda', 'lavande', 'lavendel'],
  ['olive tree', 'olivo', 'olivier', 'olivenbaum', 'ulivo', 'oliveira'],
  ['membrane', 'membrana', 'unkrautvlies', 'vlies', 'folie', 'unkrautfolie', 'bache', 'telo'],
  ['chippings', 'gravilla', 'gravier', 'splitt', 'ghiaia', 'gravilha'],
  ['filter', 'filters', 'filtro', 'filtros', 'filtre', 'filtres', 'filtri'],
  ['spray gun', 'pistola', 'pistolet', 'spritzpistole', 'brause'],
  ['headphones', 'auriculares', 'casque', 'kopfhorer', 'cuffie', 'auscultadores', 'fones'],
  ['earbuds', 'ecouteurs', 'ohrhorer', 'auricolari'],
  ['watch', 'smartwatch', 'reloj', 'montre', 'uhr', 'orologio', 'relogio'],
  ['mouse', 'raton', 'souris', 'maus', 'rato'],
  ['keyboard', 'teclado', 'clavier', 'tastatur', 'tastiera'],
  ['printer', 'impresora', 'imprimante', 'drucker', 'stampante', 'impressora'],
  ['battery', 'bateria', 'batterie', 'akku', 'batteria'],
  ['charger', 'cargador', 'chargeur', 'ladegerat', 'netzteil', 'caricatore', 'caricabatterie', 'carregador'],
  ['camera', 'camara', 'kamera', 'fotocamera', 'telecamera'],
  ['speaker', 'altavoz', 'enceinte', 'lautsprecher', 'altoparlante', 'coluna'],
  ['tablet', 'tableta', 'tablette'],
  ['plug', 'enchufe', 'prise', 'stecker', 'spina', 'tomada'],
  ['phone case', 'funda', 'coque', 'hulle', 'handyhulle', 'custodia', 'capa'],
  ['e reader', 'lector', 'liseuse', 'reader'],
  ['monitor arm', 'brazo', 'bras', 'monitorarm', 'braccio', 'braco'],
];

const SYNONYMS = new Map<string, string[]>();
for (const group of SYNONYM_GROUPS) {
  for (const word of group) {
    const others = group.filter((w) => w !== word);
    SYNONYMS.set(word, [...(SYNONYMS.get(word) ?? []), ...others]);
  }
}

/**
 * The one-word entries by their spelling with letter repeats collapsed, as the tokenizer writes a
 * message's words ("giacca" -> "giaca"): a doubled letter typed once still names an item of theirs
 * (not for catalog or policy search). Only spellings that one entry has (Italian "casa" and "cassa" would meet).
 */
const BY_COLLAPSED = new Map<string, string | null>();
for (const word of SYNONYMS.keys()) {
  if (word.includes(' ')) continue;
  const c = collapseRepeats(word);
  if (c === word) continue;
  BY_COLLAPSED.set(c, BY_COLLAPSED.has(c) && BY_COLLAPSED.get(c) !== word ? null : word);
}
for (const word of SYNONYMS.keys()) if (BY_COLLAPSED.has(word)) BY_COLLAPSED.set(word, null);
/** The entry a word with its doubled letters typed once spells ("giaca" -> "giacca"), if one entry does. For naming an item of theirs. */
export const entryOfCollapsed = (word: string): string | undefined => BY_COLLAPSED.get(foldAccents(word)) ?? undefined;

/**
 * The goods words by their stem in their own language, for a form the groups do not list
 * ("wasserdichte", "kabellosen", "recarregáveis"): each language's light stemmer, and German
 * written without umlauts ("Kopfhoerer").
 */
const GOODS_LANGS = ['en', 'de', 'fr', 'es', 'it', 'pt'] as const;
const BY_STEM = new Map<string, string[]>();
SHOP_GOODS.forEach((g, k) => {
  for (const lang of GOODS_LANGS) {
    for (const entry of (g[lang] ?? '').split('|')) {
      const words = entryWords(entry.replace('*', ''));
      if (entry.startsWith('*') || words.length !== 1 || words[0].length < 4) continue;
      const key = `${lang}:${stem(words[0], lang)}`;
      BY_STEM.set(key, [...new Set([...(BY_STEM.get(key) ?? []), ...GOODS_GROUPS[k]])]);
    }
  }
});
const umlautless = (w: string) => w.replace(/ae/g, 'a').replace(/oe/g, 'o').replace(/ue/g, 'u');

function inflected(word: string): string[] | undefined {
  if (word.length < 5) return undefined;
  for (const lang of GOODS_LANGS) {
    // Twice: a light stemmer strips one ending ("kabellosen" -> "kabellos"), and the listed form may have lost one too ("kabello").
    const once = stem(lang === 'de' ? umlautless(word) : word, lang);
    // A stem of five letters or more: shorter ones meet unrelated words ("Rechnung" and "Rechen").
    const twice = stem(once, lang);
    const found = (once.length >= 5 ? BY_STEM.get(`${lang}:${once}`) : undefined) ?? (twice.length >= 5 ? BY_STEM.get(`${lang}:${twice}`) : undefined);
    if (found) return found.filter((w) => w !== word);
  }
  return undefined;
}

const INFLECTED = new Map<string, string[]>();
/** Other words (single tokens or phrases) that mean the same as `token`, if any; accents and a goods word's endings do not matter. */
export const synonymsOf = (token: string): string[] => {
  const exact = SYNONYMS.get(token);
  if (exact) return exact;
  // A pure function of the word, asked for the same headings' and titles' words turn after turn:
  // the inflected lookup stems the word in six languages, so its answer is kept (bounded).
  let known = INFLECTED.get(token);
  if (known === undefined) {
    const folded = foldAccents(token);
    // A plural in -s of a listed word whose stem is too short to look up ("gorros", "bonés"): its singular.
    const singular = folded.length >= 5 && folded.endsWith('s') ? SYNONYMS.get(folded.slice(0, -1)) : undefined;
    known = SYNONYMS.get(folded) ?? singular?.filter((w) => w !== folded) ?? inflected(folded) ?? [];
    if (INFLECTED.size >= 20_000) INFLECTED.clear();
    INFLECTED.set(token, known);
  }
  return known;
};

/** The words of each goods entry (not the service words, not the `*part` compounds) in these languages. */
function goodsEntries(langs: readonly (keyof Omit<GoodsGroup, 'service'>)[]): string[][] {
  return SHOP_GOODS.filter((g) => !g.service).flatMap((g) => langs.flatMap((lang) => (g[lang] ?? '').split('|').filter((e) => !e.startsWith('*')).map(entryWords)));
}

/**
 * The goods lexicon's one-word entries in the shopper's languages: real words, never a typo of a
 * concept keyword ("carrete", a reel, is no misspelt payment word). English is left out: the
 * packs' English keywords have been tuned against the English catalogs' nouns already.
 */
export const GOODS_WORDS: readonly string[] = [...new Set(goodsEntries(['de', 'fr', 'es', 'it', 'pt']).map((words) => words.join(' ')))].filter((w) => w && !w.includes(' '));

type PhraseIndex = Map<string, { words: string[]; others: string[] }[]>;
/** Phrases of groups by their first word: "sac de couchage", "lampada frontale", "bird bath". */
function phraseIndex(groups: readonly string[][]): PhraseIndex {
  const index: PhraseIndex = new Map();
  for (const group of groups) {
    for (const entry of group) {
      const words = entry.split(' ');
      if (words.length < 2) continue;
      const list = index.get(words[0]) ?? [];
      list.push({ words, others: group.filter((w) => w !== entry) });
      index.set(words[0], list);
    }
  }
  return index;
}
const PHRASES = phraseIndex(SYNONYM_GROUPS);
const GOODS_PHRASES = phraseIndex(GOODS_GROUPS);

/**
 * A phrase of the groups at `i` of `words` (lower case, accents removed or not), the longest:
 * how many words it takes and what else means the same ("lampada frontale" -> "headlamp", ...).
 * `goodsOnly`: only the names of goods and their attributes, not policy words ("money back").
 */
export function synonymPhraseAt(words: readonly string[], i: number, goodsOnly = false): { length: number; phrase: string; others: string[] } | null {
  if (words[i] === undefined) return null;
  const index = goodsOnly ? GOODS_PHRASES : PHRASES;
  // The phrase's head may be in the plural ("lanternas de cabeça", "sacos de dormir").
  const head = foldAccents(words[i]);
  const plural = head.length >= 5 && head.endsWith('s') && !index.has(head);
  const first = index.get(plural ? head.slice(0, -1) : head);
  if (!first) return null;
  let best: { length: number; phrase: string; others: string[] } | null = null;
  for (const { words: ph, others } of first) {
    if (best && ph.length <= best.length) continue;
    if (ph.every((w, k) => words[i + k] !== undefined && foldAccents(words[i + k]) === (k === 0 && plural ? `${w}s` : w))) best = { length: ph.length, phrase: ph.join(' '), others };
  }
  return best;
}

/** German words of the goods groups (and their `*part`s), as the parts of a compound, with what each means. */
const COMPOUND_PARTS = new Map<string, string[]>();
SHOP_GOODS.forEach((g, k) => {
  for (const entry of (g.de ?? '').split('|')) {
    const part = entry.startsWith('*');
    const words = entryWords(entry.replace('*', ''));
    if (words.length !== 1 || words[0].length < (part ? 3 : 4)) continue;
    const others = GOODS_GROUPS[k].filter((w) => w !== words[0]);
    COMPOUND_PARTS.set(words[0], [...new Set([...(COMPOUND_PARTS.get(words[0]) ?? []), ...others])]);
  }
});
/** Linking letters between the parts of a German compound (Fugen: "Liebesbrief") and the endings after the last one. */
const JOINS = ['', 's', 'n', 'e', 'en', 'es', 'er', 'em'];

function splitFrom(word: string, from: number, memo: Map<number, string[] | null>): string[] | null {
  if (from === word.length) return [];
  const known = memo.get(from);
  if (known !== undefined) return known;
  let best: string[] | null = null;
  for (let end = word.length; end >= from + 3; end--) {
    const part = word.slice(from, end);
    if (!COMPOUND_PARTS.has(part)) continue;
    for (const join of JOINS) {
      if (!word.startsWith(join, end)) continue;
      const rest = splitFrom(word, end + join.length, memo);
      if (rest && (!best || rest.length + 1 < best.length)) best = [part, ...rest];
    }
  }
  memo.set(from, best);
  return best;
}

/**
 * A German compound of the groups' words, in parts with what each means: "Daunenjacke" -> daunen
 * (down), jacke (jacket); "eichhörnchensichere" -> eichhörnchen (squirrel), sicher (proof). Every
 * letter must belong to a part, a linking letter or an ending; null for one word or none.
 */
export function compoundParts(word: string): { part: string; others: string[] }[] | null {
  const w = foldAccents(word);
  if (w.length < 7) return null;
  // German written without umlauts ("Kopfhoererpolster") splits as written with them.
  const parts = splitFrom(w, 0, new Map()) ?? (w.includes('e') ? splitFrom(umlautless(w), 0, new Map()) : null);
  if (!parts || parts.length < 2) return null;
  return parts.map((part) => ({ part, others: COMPOUND_PARTS.get(part)! }));
}

/**
 * Words a policy answering a question about the first words is likely to use without using them:
 * opening hours are written as days and times ("Monday to Friday, 8 am to 8 pm"). For finding
 * passages only: a question about Saturday's hours is not answered by the Monday line.
 */
const RELATED_GROUPS: [string[], string[]][] = [[['hours', 'opening', 'horario', 'horaires', 'ouverture', 'offnungszeiten'], ['monday', 'weekdays']]];

const RELATED = new Map<string, string[]>();
for (const [words, related] of RELATED_GROUPS) for (const word of words) RELATED.set(word, [...(RELATED.get(word) ?? []), ...related]);

/** Words related to `token` (see RELATED_GROUPS), for policy search. */
export const relatedOf = (token: string): string[] => RELATED.get(token) ?? [];


/** One-word names of goods in every pack language (not the service words: a person, a card, a call). */
const GOODS_NAMES: ReadonlySet<string> = new Set(
  goodsEntries(GOODS_LANGS)
    .filter((w) => w.length === 1 && w[0].length >= 3)
    .map((w) => w[0]),
);

/** Whether a word names goods in one of the pack languages ("webcam", "Zelt", "tenda"), or their plural. */
export function namesGoods(word: string): boolean {
  const w = foldAccents(word.toLowerCase());
  return GOODS_NAMES.has(w) || (w.length > 4 && w.endsWith('s') && (GOODS_NAMES.has(w.slice(0, -1)) || (w.endsWith('es') && GOODS_NAMES.has(w.slice(0, -2)))));
}

/** The goods lexicon's one-word entries of six letters or more, by first letter: what a misspelt goods word is compared with. */
const GOODS_BY_FIRST = new Map<string, string[]>();
for (const group of GOODS_GROUPS) {
  for (const entry of group) {
    if (entry.includes(' ') || entry.length < 6) continue;
    const list = GOODS_BY_FIRST.get(entry[0]) ?? [];
    if (!list.includes(entry)) list.push(entry);
    GOODS_BY_FIRST.set(entry[0], list);
  }
}

/**
 * The goods word a word not found anywhere is a typo of ("Rasentrimer", "impermeabli",
 * "chausettes"), by the one typo policy: within the edits its length allows, the first letter as
 * typed (or the first two swapped), the one nearest; none when two are as near. For catalog search
 * of a word the shop's own vocabulary has no near spelling of: the shopper's language, misspelt.
 */
export function nearGoodsWord(word: string): string | undefined {
  const w = foldAccents(word);
  if (w.length < 6 || /[0-9]/.test(w)) return undefined;
  const budget = typoBudget(w.length);
  const candidates = [...(GOODS_BY_FIRST.get(w[0]) ?? []), ...(GOODS_BY_FIRST.get(w[1]) ?? []).filter((e) => e[1] === w[0])];
  let best: string | undefined;
  let bestDistance = budget + 1;
  let tie = false;
  for (const entry of candidates) {
    if (entry === w) return undefined;
    if (Math.abs(entry.length - w.length) > budget) continue;
    const d = editDistance(w, entry, Math.min(budget, typoBudget(entry.length)));
    if (d < bestDistance) (best = entry), (bestDistance = d), (tie = false);
    else if (d === bestDistance && entry !== best) tie = true;
  }
  return best && bestDistance <= budget && !tie ? best : undefined;
}
