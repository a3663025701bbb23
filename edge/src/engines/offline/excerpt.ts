import type { PolicyPassage } from '../../../../shared/catalog';
import { editDistance, isStopWord, stem, synonymsOf, tokenize, typoBudget } from '../../catalog/text';
import { documentWords, factWordsOf, hasPhrase, isCardWord, readValues, tokenize as shopperTokens, type PhraseId } from '../../language';

export interface Excerpt {
  passage: PolicyPassage;
  /** Lines or sentences of the passage, word for word (tables as labelled rows). */
  text: string;
}

interface Unit {
  passage: PolicyPassage;
  index: number;
  text: string;
  stems: Set<string>;
}

const stems = (text: string) => new Set(tokenize(text).map(stem));

/** A markdown table row as "first cell: Header 2 value; Header 3 value". */
function tableRow(cells: string[], header: string[] | null): string {
  const [first, ...rest] = cells;
  if (!header) return cells.join(', ');
  return `${first}: ${rest.map((c, i) => (header[i + 1] ? `${header[i + 1]} ${c}` : c)).join('; ')}`;
}

/** Splits a passage into quotable units: sentences of prose, rows of tables; headings dropped. */
function units(passage: PolicyPassage): Unit[] {
  const out: Unit[] = [];
  let header: string[] | null = null;
  for (const raw of passage.text.split('\n')) {
    const line = raw.trim();
    if (!line || /^#+\s/.test(line)) continue;
    if (line.startsWith('|')) {
      const cells = line.replace(/^\||\|$/g, '').split('|').map((c) => c.trim());
      if (cells.every((c) => /^:?-{2,}:?$/.test(c))) continue;
      if (!header) {
        header = cells;
        continue;
      }
      const text = tableRow(cells, header);
      out.push({ passage, index: out.length, text, stems: stems(text) });
      continue;
    }
    header = null;
    const prose = line.replace(/^(?:[-*]|\d+\.)\s+/, '');
    for (const sentence of prose.split(/(?<=[.!?])\s+(?=[A-Z0-9*“"(])/)) {
      if (sentence.trim()) out.push({ passage, index: out.length, text: sentence.trim(), stems: stems(sentence) });
    }
  }
  return out;
}

/** "9am", "14:00", "9 h": a time of day, written alike in every language (the words are the packs' WEEKDAY phrases). */
const CLOCK_TIME = /\b\d{1,2}(?::\d{2})?\s*(?:am|pm|h)\b|\b\d{1,2}:\d{2}\b/i;

// What kind of answer a question wants (phrase entries of the packs), and whether a sentence of the
// shop's own text gives it: a duration, an amount (or "free"), times or days, days of the week,
// where it delivers, a list of the methods it takes, a phone number, an e-mail address.
const CUES: { asks: PhraseId; gives: (text: string) => boolean }[] = [
  { asks: 'ASKSDURATION', gives: (text) => readValues(text).some((v) => v.kind === 'duration') },
  { asks: 'ASKSAMOUNT', gives: (text) => readValues(text).some((v) => v.kind === 'money' || v.kind === 'percent') || hasPhrase(plainWords(text), 'FREE') },
  { asks: 'ASKSHOURS', gives: (text) => CLOCK_TIME.test(text) || hasPhrase(plainWords(text), 'WEEKDAY') },
  { asks: 'ASKSDAYS', gives: (text) => hasPhrase(plainWords(text), 'WEEKDAY') },
  { asks: 'ASKSWHERE', gives: (text) => hasPhrase(plainWords(text), 'AREA') },
  { asks: 'ASKSLIST', gives: (text) => givesList(text) },
  { asks: 'ASKSPHONE', gives: (text) => givesPhone(text) },
  { asks: 'ASKSEMAIL', gives: (text) => shopperTokens(text).some((t) => t.entity === 'email') },
];

/** A sentence that lists three things or more ("Visa, Mastercard and American Express"): two commas, or a comma and an "and". */
function givesList(text: string): boolean {
  const commas = text.split(',').length - 1;
  return commas >= 2 || (commas >= 1 && hasPhrase(plainWords(text), 'LISTJOIN'));
}

/**
 * A phone number in the shop's text ("01432 555 019", "+49 341 555 0190", "1-800-555-0147"):
 * numbers next to each other with eight digits or more between them. Prices, days and
 * durations are shorter.
 */
function givesPhone(text: string): boolean {
  let digits = 0;
  for (const t of shopperTokens(text)) {
    digits = t.entity === 'number' ? digits + t.norm.length : 0;
    if (digits >= 8) return true;
  }
  return false;
}

// Words that name a kind of page, not what it says: "do you have a size guide?" asks for the guide.
const DOCUMENT_WORDS = new Set(documentWords().map(stem));

/** Lower-case words without accents or punctuation, one space apart, for the question regexes. */
export const plainWords = (text: string) => tokenize(text).join(' ');

/** Stems of a question's words and their synonyms. */
function termsOf(text: string): Set<string> {
  const out = new Set<string>();
  for (const token of tokenize(text)) {
    if (isStopWord(token) || token.length < 3) continue;
    out.add(stem(token));
    for (const syn of synonymsOf(token)) for (const t of tokenize(syn)) if (!isStopWord(t)) out.add(stem(t));
  }
  return out;
}

/**
 * The passages that mention the question's first topic that any passage mentions (or a synonym:
 * "delivery" for shipping). Topics come in the intents' priority order (returns before payment and
 * gift cards), so "can I return a gift card?" keeps the returns policy rather than the payment
 * page that lists gift cards.
 */
export function onTopic(passages: PolicyPassage[], topics: string[]): PolicyPassage[] {
  for (const topic of topics) {
    const topicTerms = termsOf(topic);
    const kept = passages.filter((p) => [...stems(`${p.title} ${p.heading ?? ''} ${p.text}`)].some((s) => topicTerms.has(s)));
    if (kept.length > 0) return kept;
  }
  return [];
}

const passageIndex = (p: PolicyPassage) => Number(p.id.match(/#(\d+)$/)?.[1] ?? 0);

/**
 * Picks the sentences (or table rows) of the retrieved passages that best answer the question,
 * so a quote answers it instead of opening the policy at its first line. Word for word: the
 * promise guard lets verbatim policy through, and shoppers get the shop's own words.
 *
 * `topics` are the policy topics the question is about ("returns"). A question that names only
 * its topic ("what is your return policy?", or "can I pay with bitcoin?" when no policy mentions
 * bitcoin) gets the opening of that policy, which is where shops put the general rule. Otherwise
 * each sentence scores by the question's words it contains, the words its policy title carries
 * for it, and the kind of answer asked for (a duration for "how long", an amount for "how much",
 * times for "when are you open"); a subsection the question does not name ("International") and
 * a lower search rank count against it. Null when no passage answers: nothing found is on the
 * question's topic and no sentence carries enough of the question itself.
 */
export function bestExcerpt(found: PolicyPassage[], question: string, topics: string[] = [], maxChars = 420): Excerpt | null {
  if (found.length === 0) return null;
  // The question's topic decides the policy: "can I return a gift card?" is answered by the returns
  // policy, not by the payment page that also mentions gift cards.
  const topicTerms = termsOf(topics.join(' '));
  const relevant = onTopic(found, topics);
  // Found on the question's own topic: its policy's general rule may answer. Otherwise (no topic
  // known, or nothing found names it: a payment question that found only a passage about return
  // labels) a sentence must carry enough of the question itself. A wrong fact is worse than "the
  // policies do not say".
  const anchored = topics.length > 0 && relevant.length > 0;
  const passages = relevant.length > 0 ? relevant : found;
  const lists = passages.map(units);
  const heads = passages.map((p) => stems(`${p.title} ${p.heading ?? ''}`));
  const seen = new Set<string>();
  for (const [i, list] of lists.entries()) {
    for (const s of heads[i]) seen.add(s);
    for (const unit of list) for (const s of unit.stems) seen.add(s);
  }
  // Words no retrieved passage contains say nothing about which sentence answers; a compound
  // says the passages' words inside it ("Expressversand": express).
  const terms = new Set([...termsOf(`${question} ${topics.join(' ')}`)].filter((t) => seen.has(t)));
  for (const word of tokenize(question)) {
    if (word.length < 8 || seen.has(stem(word))) continue;
    for (const s of seen) if (s.length >= 5 && word.length > s.length + 2 && word.includes(s)) terms.add(s);
  }
  // The topic's words count once: a sentence that says "delivery" and "dispatch" says the topic,
  // not two things the question asked. Each other word counts on its own.
  const onTopicTerms = new Set([...terms].filter((t) => topicTerms.has(t)));
  const groups = [...(onTopicTerms.size > 0 ? [onTopicTerms] : []), ...[...terms].filter((t) => !topicTerms.has(t)).map((t) => new Set([t]))];
  const hasAny = (stemSet: Set<string>, g: Set<string>) => [...g].some((t) => stemSet.has(t));
  const topicGroup = (g: Set<string>) => [...g].some((t) => topicTerms.has(t));
  const q = plainWords(question);
  // Where the shop delivers answers "do you ship to Canada?"; a sentence that names the place
  // asked about ("vous livrez en Alaska ?") answers better, so then it is no cue.
  const placeNamed = lists.some((list) => list.some((u) => groups.some((g) => !topicGroup(g) && hasAny(u.stems, g))));
  const cues = CUES.filter((c) => hasPhrase(q, c.asks) && !(c.asks === 'ASKSWHERE' && placeNamed));
  const specific = [...terms].some((t) => !topicTerms.has(t) && !DOCUMENT_WORDS.has(t)) || cues.length > 0;
  // Not anchored: a sentence has to carry a fair share of what the question asks (its words that
  // are not names of pages or of the topic), or nothing is quoted.
  // (The question's own words: synonyms help a sentence match, they do not make the question longer.)
  const asked = [...new Set(tokenize(question).filter((w) => w.length >= 3 && !isStopWord(w)).map(stem))].filter((t) => !DOCUMENT_WORDS.has(t) && !topicTerms.has(t));
  const needed = anchored ? 1 : Math.max(1, Math.ceil(asked.length * 0.4));

  let best: { unit: Unit; units: Unit[]; score: number } | null = null;
  if (specific) {
    for (const [rank, list] of lists.entries()) {
      const passage = passages[rank];
      // A subsection the question does not name ("International" for "how long does shipping take?").
      const titleStems = stems(passage.title);
      const headingOnly = [...stems(passage.heading ?? '')].filter((s) => !titleStems.has(s) && !isStopWord(s));
      const offTopic = headingOnly.length > 0 && !headingOnly.some((s) => terms.has(s));
      // A heading that asks the same kind of question ("How long do I have to return something?",
      // "Return window", "How much does delivery cost?"): a section of an FAQ, or one named for the
      // kind of answer, whose sentences give that answer for its topic; what it gives counts twice.
      const headingAsks = new Set(cues.filter((c) => passage.heading && hasPhrase(plainWords(passage.heading), c.asks)).map((c) => c.asks));
      for (const unit of list) {
        let matched = 0;
        for (const g of groups) if (hasAny(unit.stems, g)) matched += 1;
        // A word of the question the passage's title or heading carries: the sentence is about it
        // without repeating it ("Warranty › Standard: 1 year from delivery..."); as much as saying
        // it when it names the question's topic, a little less otherwise.
        let support = 0;
        // The topic in the policy's title, not only in a section's heading: "do you ship to
        // Switzerland?" is the shipping page's row, not the returns page's "Who pays for return shipping".
        for (const g of groups) if (!hasAny(unit.stems, g) && hasAny(heads[rank], g)) support += anchored && topicGroup(g) && hasAny(titleStems, g) ? 1 : 0.75;
        const given = cues.filter((c) => c.gives(unit.text));
        const cue = given.length + given.filter((c) => headingAsks.has(c.asks)).length;
        if (matched + cue + (anchored ? support : 0) === 0 || (!anchored && matched < needed && cue === 0)) continue;
        const score = matched + support + cue - (offTopic ? 0.5 : 0) - rank * 0.25 - unit.index * 0.001;
        if (!best || score > best.score) best = { unit, units: list, score };
      }
    }
  }
  // The general rule of the question's own topic; not anchored, there is no rule to open.
  if (!best && !anchored) return null;
  if (!best) {
    // The general rule: the opening of the best-ranked policy, from its earliest passage found.
    const documentId = passages[0].documentId;
    let lead = 0;
    passages.forEach((p, i) => {
      if (p.documentId === documentId && passageIndex(p) < passageIndex(passages[lead])) lead = i;
    });
    const list = lists[lead];
    if (list.length === 0) return null;
    best = { unit: list[0], units: list, score: 0 };
  }
  // Add the next sentence of the same passage while it fits: an answer often spans two.
  let text = best.unit.text;
  const next = best.units[best.unit.index + 1];
  if (next && !best.unit.text.includes(':') && text.length + next.text.length + 1 <= maxChars) text += ' ' + next.text;
  if (text.length > maxChars) text = text.slice(0, maxChars).replace(/\s+\S*$/, '') + '…';
  return { passage: best.unit.passage, text };
}

export interface ProductFacts {
  title: string;
  vendor?: string;
  description?: string;
  attributes?: Record<string, string | number | boolean>;
  variants?: { options: Record<string, string>; availability: string }[];
}

// Questions about a product's choices (which colours, which sizes, what options) and the shop's
// names for those options ("Colour", "Farbe", "Taglia"): phrase entries of the packs.
const asks = (q: string, id: PhraseId) => hasPhrase(q, id);
const keyIs = (key: string, id: PhraseId) => hasPhrase(plainWords(key), id);
const AVAILABLE = new Set(['in_stock', 'low_stock', 'preorder']);

export interface OptionValues {
  option: string;
  values: { value: string; available: boolean }[];
}

/**
 * The choices a product comes in, when the question asks for them ("what colours does the water
 * bottle come in?"): each option the question names (or every option, for "what options..."),
 * its values in catalog order and whether any variant with that value can be bought.
 */
export function optionValues(product: ProductFacts, question: string): OptionValues[] {
  const q = plainWords(question);
  const variants = product.variants ?? [];
  if (variants.length < 2) return [];
  const keys = [...new Set(variants.flatMap((v) => Object.keys(v.options)))];
  // An option named in the question by the shop's own name for it ("what materials...").
  const asked = new Set(tokenize(q).map(stem));
  const colour = asks(q, 'ASKSCOLOUR');
  const size = asks(q, 'ASKSSIZE');
  const wanted = keys.filter(
    (k) => (colour && keyIs(k, 'ASKSCOLOUR')) || (size && keyIs(k, 'ASKSSIZE')) || tokenize(k).some((w) => w.length >= 3 && !isStopWord(w) && asked.has(stem(w))),
  );
  const chosen = wanted.length > 0 ? wanted : asks(q, 'ASKSOPTIONS') && !colour && !size ? keys : [];
  return chosen
    .map((option) => {
      const values = new Map<string, boolean>();
      for (const v of variants) {
        const value = v.options[option];
        if (value === undefined || value === '') continue;
        values.set(value, (values.get(value) ?? false) || AVAILABLE.has(v.availability));
      }
      return { option, values: [...values].map(([value, available]) => ({ value, available })) };
    })
    .filter((o) => o.values.length > 1);
}

const humanKey = (key: string) => {
  const m = key.match(/^(.*)_(g|kg|mm|cm|l|ml|c|persons?)$/i);
  const base = (m ? m[1] : key).replace(/_/g, ' ');
  return (base.charAt(0).toUpperCase() + base.slice(1)) + (m ? ` (${m[2]})` : '');
};

/**
 * The sentence of a product's description, or the attribute, that answers a detail question
 * ("how heavy is the Sparrow 2 tent?" -> "Weighs 1,650 g packed"), word for word from the
 * catalog. Null when the question asks nothing beyond the product's name.
 */
export function productFact(product: ProductFacts, question: string): string | null {
  const titleStems = stems(product.title);
  const terms = new Set<string>();
  // Words naming the detail asked ("heavy" -> weight) count twice: in "how heavy is the office
  // chair?" the weight attribute answers, not the sentence that says "office".
  const detailTerms = new Set<string>();
  for (const token of tokenize(question)) {
    if (isStopWord(token) || token.length < 3) continue;
    const s = stem(token);
    if (titleStems.has(s)) continue;
    terms.add(s);
    const factWords = factWordsOf(token) ?? factWordsOf(s);
    if (factWords) detailTerms.add(s);
    for (const extra of [...synonymsOf(token), ...(factWords ?? [])]) {
      for (const t of tokenize(extra)) {
        terms.add(stem(t));
        if (factWords?.includes(extra)) detailTerms.add(stem(t));
      }
    }
  }
  if (terms.size === 0) return null;
  const candidates: string[] = [];
  for (const sentence of (product.description ?? '').split(/(?<=[.!?])\s+/)) if (sentence.trim()) candidates.push(sentence.trim());
  for (const [key, value] of Object.entries(product.attributes ?? {})) {
    candidates.push(`${humanKey(key)}: ${typeof value === 'boolean' ? (value ? 'yes' : 'no') : value}`);
  }
  if (product.vendor) candidates.push(`Brand: ${product.vendor}`);
  let best: { text: string; score: number } | null = null;
  for (const text of candidates) {
    const unit = stems(text);
    let score = 0;
    for (const t of terms) if (unit.has(t)) score += detailTerms.has(t) ? 2 : 1;
    if (score > 0 && (!best || score > best.score)) best = { text, score };
  }
  return best?.text ?? null;
}

/**
 * The words of a detail question about a product that its name does not account for
 * ("waterproof" in "is the e-reader waterproof?"), so that when neither its description nor
 * its attributes mention them the reply can say so instead of leaving the question unanswered.
 * Empty for browses, and for words that are typos of the product's name.
 */
export function detailAsked(product: ProductFacts, question: string): string[] {
  const q = plainWords(question);
  // A question about one product's property ("is it waterproof?", "how heavy is it?"), not a browse.
  if (!hasPhrase(q, 'DETAILQUESTION')) return [];
  const title = tokenize(product.title);
  const titleStems = new Set(title.map(stem));
  return tokenize(question).filter((token) => {
    if (isStopWord(token) || token.length < 3 || isCardWord(token) || titleStems.has(stem(token))) return false;
    return !title.some((w) => editDistance(token, w, typoBudget(w.length)) <= typoBudget(w.length));
  });
}
