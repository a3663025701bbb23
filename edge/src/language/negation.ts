import type { Analysis } from './analysis';
import type { ConceptId } from './types';
import { STOP_WORDS } from './vocabulary';

/**
 * Declined actions: the tokens of a message that say the shopper does NOT ask for an action. "I'm
 * not asking for a refund, I only want to know when it arrives", "pas besoin d'annuler", "non devo
 * restituire niente", "não é para pedir reembolso", "keine Rückerstattung nötig", "je ne cherche
 * pas à me faire rembourser". Read from the packs' concepts, in every language at once:
 *
 * - a negation, then within two tokens a wish, a need, an obligation or a purpose
 *   (`WANT`/`SEEK`/`OBLIGE`/`PURPOSE`/`ABOUT`: "not want", "no need", "non devo", "não é para", "not about"), or a wish
 *   just before it ("ich möchte nichts umtauschen", "I want no refund"), then an
 *   action word with at most three small words or light verbs between ("to", "à me faire", "pedir");
 * - or an action word with a negation just before it and a "needed" word just after it ("keine
 *   Rückerstattung nötig", "no refund necessary"), or the action word then "not needed".
 *
 * A negation without a wish stays a report: "I haven't received my refund", "I can't return it",
 * "no refund yet" are requests to act. Returns the token indexes from the negation through the
 * action word, so what follows ("..., I only want to know where it is") keeps its meaning.
 */

/** What a shopper may decline: requests to act on money or an order. */
const ACTIONS: readonly ConceptId[] = ['REFUND', 'RETURN', 'EXCHANGE', 'CANCEL', 'CHANGE', 'DISCOUNT', 'COMPLAINT'];
const MARKERS: readonly ConceptId[] = ['WANT', 'SEEK', 'OBLIGE', 'PURPOSE', 'ABOUT'];
/** Words that end the declined part before an action word: a new request starts there. */
const BREAKS: readonly ConceptId[] = ['PLEASE', 'AFFIRM', 'ITEM', 'ORDER', 'PARCEL'];
/** What may come before an opening "don't": "do", "please", a greeting. */
const OPENERS: readonly ConceptId[] = ['AFFIRM', 'PLEASE', 'GREETING'];
const AWAITED: readonly ConceptId[] = ['YET', 'STILL', 'ARRIVE'];
const MARKER_WINDOW = 2;
const SMALL_WORDS = 3;

const anyOf = (a: Analysis, i: number, concepts: readonly ConceptId[]) => concepts.some((c) => a.is(i, c));

const isSmallWord = (norm: string) => STOP_WORDS.has(norm);

/** After a declined action at `from`: the index of a next action right under a negation ("nor an exchange"), or -1. */
function nextDeclined(a: Analysis, from: number): number {
  if (!a.is(from + 1, 'NEG')) return -1;
  for (let k = from + 2, small = 0; k < a.length && small <= SMALL_WORDS; k++, small++) {
    if (anyOf(a, k, ACTIONS)) return k;
    if (!isSmallWord(a.word(k))) return -1;
  }
  return -1;
}

/** Whether only "do", "please" or a greeting come before token `i`: the message opens with it. */
function opensMessage(a: Analysis, i: number): boolean {
  for (let k = 0; k < i; k++) if (!anyOf(a, k, OPENERS)) return false;
  return true;
}

/** An action word followed within three tokens by "yet", "still" or an arrival: a report of one awaited, not declined. */
function awaited(a: Analysis, i: number): boolean {
  for (let k = i + 1; k <= i + 3 && k < a.length; k++) if (anyOf(a, k, AWAITED)) return true;
  return false;
}

export function declinedTokens(a: Analysis): number[] {
  const out = new Set<number>();
  // "sem querer cancelar", "without wanting to cancel": WITHOUT right before a wish negates it too.
  const negations = [...a.at('NEG'), ...a.at('WITHOUT').filter((i) => anyOf(a, i + 1, MARKERS))];
  for (const neg of negations) {
    // "not want", "no need", "non devo", "não é para": the wish after the negation, with at most
    // two small words between; or just before it ("ich möchte nichts umtauschen", "I want no refund").
    // "ich will nichts stornieren": German "will" is a wish after "ich" (elsewhere it is the future).
    const wishBefore = anyOf(a, neg - 1, MARKERS) || (a.is(neg - 1, 'FUTURE') && a.is(neg - 2, 'SELF'));
    let marker = wishBefore ? neg : -1;
    for (let k = neg + 1; marker < 0 && k <= neg + MARKER_WINDOW + 1 && k < a.length; k++) {
      if (anyOf(a, k, MARKERS)) {
        marker = k;
        break;
      }
      // A light verb may come between too: "no hace falta cambiar" ("it is not needed").
      if (!isSmallWord(a.word(k)) && !a.is(k, 'NEG') && !a.is(k, 'LIGHT')) break;
    }
    if (marker >= 0) {
      let skipped = 0;
      for (let k = marker + 1; k < a.length; k++) {
        if (anyOf(a, k, ACTIONS)) {
          for (let j = neg; j <= k; j++) out.add(j);
          // "ni un reembolso ni un cambio", "a refund nor an exchange": the next action under its own negation goes with it.
          for (let end = nextDeclined(a, k); end > 0; end = nextDeclined(a, end)) for (let j = k + 1; j <= end; j++) out.add(j);
          break;
        }
        if (anyOf(a, k, BREAKS) || a.tokens[k].entity) break;
        // A second negation ("ne cherche pas à") or another wish word ("asking to get") is part of it.
        if (a.is(k, 'NEG') || anyOf(a, k, MARKERS)) continue;
        // Small words and light verbs: "to", "for a", "à me faire", "pedir", "to get".
        if (!(isSmallWord(a.word(k)) || a.is(k, 'LIGHT')) || ++skipped > SMALL_WORDS) break;
      }
    }
    // "don't cancel anything, ...", "please don't refund it": the message opens by telling us not to act ("no refund
    // yet", "no refund received" report one awaited).
    if (opensMessage(a, neg) && anyOf(a, neg + 1, ACTIONS) && !awaited(a, neg + 1)) for (let j = neg; j <= neg + 1; j++) out.add(j);
    // "nothing is broken, I just want to know ...", "no está roto", "rien n'est cassé", "es ist nichts kaputt": a damage
    // denied, then something asked to know, is no report ("it's not broken, it just won't turn on" and "the screen
    // is not broken but it does not charge" still report a fault).
    for (let k = neg + 1, between = 0; k < a.length && between <= 2; k++, between++) {
      if (a.is(k, 'DAMAGED')) {
        if (!a.at('INFO').some((i) => i > k)) break;
        for (let j = neg; j <= k; j++) out.add(j);
        break;
      }
      // An elided "n'" ("rien n'est cassé") is one letter.
      if (!(a.is(k, 'BE') || a.is(k, 'NEG') || isSmallWord(a.word(k)) || a.word(k).length === 1)) break;
    }
    // "keine Rückerstattung nötig", "no refund needed": negation, the action, then "needed".
    const action = neg + 1;
    if (action < a.length && anyOf(a, action, ACTIONS) && a.is(action + 1, 'NEEDED')) for (let j = neg; j <= action + 1; j++) out.add(j);
    // "a refund is not needed", "Rückerstattung nicht nötig": the action just before the negation.
    if (a.is(neg + 1, 'NEEDED')) {
      for (let k = neg - 1; k >= Math.max(0, neg - 3); k--) {
        if (anyOf(a, k, ACTIONS)) {
          for (let j = k; j <= neg + 1; j++) out.add(j);
          break;
        }
        if (!isSmallWord(a.word(k))) break;
      }
    }
  }
  return [...out].sort((x, y) => x - y);
}
