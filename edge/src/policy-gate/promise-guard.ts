import type { HandoffCategory } from '../../../shared/ticket';
import { Annotated, Lexicon } from './text';

/**
 * The promise guard stops the assistant from promising or confirming what
 * only a person may grant: refunds, discounts and codes, price changes,
 * cancellations, order changes, replacements and compensation. It reads the
 * assistant's own sentences, so it looks for commitments ("I have refunded",
 * "your refund has been processed", "here is a code"), not for topics: policy
 * quotes, questions, refusals and handoff wording pass.
 */

export const GUARD = new Lexicon(
  {
    REFUND: `refund refunds refunded refunding reimburse reimbursed reimbursement money
      reembolso reembolsado reembolsada reembolsar reembolsare reembolsaremos reembolsamos devuelto
      remboursement rembourse remboursee rembourser rembourserai rembourserons remboursons
      erstattung erstattet erstatten erstatte ruckerstattung ruckerstattet zuruckerstattet gutschrift`,
    CANCEL: `cancel cancelled canceled cancelling canceling cancellation cancelation
      cancelado cancelada cancelar cancelare cancelaremos anulado anulada anular anulare anularemos
      annule annulee annuler annulerai annulerons annulation
      storniert stornieren storniere stornierung abbestellt`,
    DISCOUNT: `discount discounts coupon voucher promo promocode code codes off
      descuento cupon codigo rebaja reduction remise rabatt rabattcode gutschein gutscheincode`,
    CREDIT: `credit credits storecredit giftcard credito avoir guthaben`,
    PRICE: `price prices precio prix preis`,
    PRICEMOVE: `adjusted adjust match matched lowered reduced ajustado rebajado ajuste baisse ajuste angepasst reduziert gesenkt`,
    COMPENSATION: `compensation compensate compensated goodwill compensacion compensar indemnizacion dedommagement indemnisation entschadigung kulanz`,
    REPLACE: `replacement replace replaced reship reshipped resend resent reemplazo reemplazar reenvio reenviar reenviaremos reenviado
      remplacement remplacer renvoyer renverrons renvoye ersatz ersetzen ersatzlieferung nachsenden nachgesendet neu`,
    CHANGE: `change changed changing modified modify updated update switched swapped edited
      cambiado cambiada cambiar cambiare cambiaremos modificado modificada modificar actualizado
      change changee changer modifie modifiee modifier
      geandert andern umgestellt aktualisiert angepasst`,
    CHANGEOBJ: `size colour color quantity address item items order shipping delivery variant
      talla color cantidad direccion pedido articulo taille couleur quantite adresse commande article
      grosse farbe menge adresse bestellung artikel lieferadresse`,
    WAIVE: `waive waived waiving exonerado supprime erlassen`,
    APPLY: `applied apply added issued aplicado aplicada anadido applique appliquee ajoute angewendet hinzugefugt`,
    FIRST: `i we yo nosotros je nous ich wir`,
    ES_FIRST_AUX: `he hemos voy vamos puedo podemos`,
    FR_FIRST_AUX: `ai avons vais allons peux pouvons`,
    AUX: `will ll shall have ve has just already can could gonna let
      he hemos voy vamos puedo podemos
      ai avons vais allons peux pouvons
      habe haben werde werden kann konnen`,
    BE: `am m are re`,
    PERFECT: `been sido ete worden wurde wurden`,
    DONE: `processed issued approved completed complete sent done initiated submitted confirmed finalized
      procesado procesada emitido emitida aprobado aprobada completado enviado efectuado realizado tramitado
      traite traitee effectue effectuee envoye valide approuve emis
      bearbeitet veranlasst ausgestellt freigegeben erfolgt durchgefuhrt abgeschlossen gesendet versandt`,
    ONWAY: `way camino route unterwegs`,
    YOU: `you your yours te tu tus su sus usted vous votre vos toi ihr ihre ihnen ihren sie dir dein deine`,
    GETFUT: `get receive recibiras recibira recibiran obtendras obtendra tendras recevrez recevras obtiendrez aurez erhalten bekommen erhaltst bekommst`,
    WILL: `will ll`,
    NEG: `not no never cannot unable nunca ningun ninguna pas jamais ne aucun nicht kein keine keinen nie niemals`,
    THIRD: `specialist specialists team colleague colleagues agent agents someone somebody staff person human member manager supervisor
      especialista equipo companero agente alguien persona specialiste equipe collegue conseiller quelqu quelquun
      kollege kollegin team mitarbeiter mitarbeiterin jemand spezialist`,
    REQUEST: `request requests ticket case claim solicitud peticion caso demande dossier requete anfrage antrag fall anliegen`,
    NONCOMMIT: `check checked checking look looked looking review reviewed forward forwarded pass passed note noted log logged create created
      open opened escalate escalated share shared connect connected understand see found verify verified transfer transferred explain help
      revisado consultado verificado transmitido escalado entiendo verifie transmis transmise consulte compris
      gepruft weitergeleitet notiert verstehe geschaut`,
    CONDITIONAL: `if once when after unless si sobald wenn falls nachdem cuando une`,
    QUESTIONSTART: `would do does shall should can could is are will may
      quieres quiere quiere desea deseas puedo podria voulez souhaitez veux puis est mochten wollen soll darf kann`,
  },
  'codes coded decode',
);

const CATEGORY: [string, HandoffCategory][] = [
  ['REFUND', 'refund'],
  ['CANCEL', 'cancellation'],
  ['DISCOUNT', 'discount'],
  ['CREDIT', 'discount'],
  ['WAIVE', 'discount'],
  ['COMPENSATION', 'complaint'],
  ['REPLACE', 'exchange'],
];

/** "SAVE20", "WELCOME-10": a code a shopper could type at checkout. */
const CODE_TOKEN = /\b(?=[A-Z0-9-]*[A-Z])(?=[A-Z0-9-]*\d)[A-Z0-9][A-Z0-9-]{3,19}\b|\b[A-Z]{5,20}\b/;
const CODE_INTRO = /\b(code|coupon|voucher|c[oó]digo|cup[oó]n|gutschein(code)?|rabattcode|promo)\s*[:=]?\s*["'“«]?\s*[A-Z0-9-]{4,20}/i;

export interface PromiseMatch {
  category: HandoffCategory;
  rule: string;
}

function actionAt(s: Annotated, i: number): HandoffCategory | null {
  for (const [concept, category] of CATEGORY) if (s.is(i, concept)) return category;
  if (s.is(i, 'PRICE') && (s.within(i - 3, 'PRICEMOVE', 6))) return 'discount';
  if (s.is(i, 'CHANGE') && (s.within(i + 1, 'CHANGEOBJ', 4) || s.within(Math.max(0, i - 4), 'CHANGEOBJ', 4))) {
    const addressNear = [-4, -3, -2, -1, 1, 2, 3, 4].some((d) => /adres|direcc|anschrift/.test(s.word(i + d)));
    return addressNear ? 'address_change' : 'order_change';
  }
  return null;
}

function negatedBetween(s: Annotated, from: number, to: number): boolean {
  for (let k = Math.max(0, from); k < to; k++) if (s.is(k, 'NEG')) return true;
  return false;
}

/** Spanish/French first-person future or present verbs carry their own subject ("reembolsaremos", "rembourserai"). */
function selfSubjectVerb(word: string): boolean {
  return /(aremos|eremos|iremos|are|ere|ire|erai|erons|rai|rons)$/.test(word) && word.length > 6;
}

/**
 * Returns what a sentence written by the assistant promises or confirms, or
 * null when it only quotes policy, asks, refuses or hands off.
 */
export function findPromise(sentence: string): PromiseMatch | null {
  const trimmed = sentence.trim();
  if (!trimmed) return null;
  const s = new Annotated(trimmed, GUARD);
  if (s.length === 0) return null;

  // A question offers or asks; it does not commit ("Would you like me to connect you about a refund?").
  if (/[?？]\s*["')\]]*$/.test(trimmed) && (s.is(0, 'QUESTIONSTART') || /^[¿]/.test(trimmed) || s.is(0, 'YOU'))) return null;
  // Conditions describe policy ("If your return is approved, you will receive a refund").
  const conditional = s.is(0, 'CONDITIONAL') || (s.word(0) === 'as' && s.word(1) === 'soon') || (s.word(0) === 'en' && s.word(1) === 'cuanto') || (s.word(0) === 'una' && s.word(1) === 'vez') || (s.word(0) === 'des' && s.word(1) === 'que');
  // Handing off: a person will look at it, or the request was passed on.
  const handoffWording = s.has('THIRD') || s.has('NONCOMMIT');

  // Discount codes are promises wherever they appear.
  if (CODE_INTRO.test(trimmed) && CODE_TOKEN.test(trimmed.replace(/^[^:]*?(code|coupon|voucher|c[oó]digo|cup[oó]n|gutschein)\b/i, ''))) {
    if (!negatedBetween(s, 0, s.length) || /here|aqu[ií]|voici|hier/i.test(trimmed)) return { category: 'discount', rule: 'promise.code' };
  }
  if (/\d+\s*%\s*(off|de descuento|de r[ée]duction|rabatt)/i.test(trimmed) && s.has('YOU') && !conditional && !negatedBetween(s, 0, s.length)) {
    return { category: 'discount', rule: 'promise.percent_off' };
  }

  for (let i = 0; i < s.length; i++) {
    const category = actionAt(s, i);
    if (!category) continue;
    const requestNext = s.within(i + 1, 'REQUEST', 2);
    if (requestNext) continue;

    // (a) I / we + commitment: "I have refunded", "I'll refund", "we will send a replacement", "Ich habe ... storniert".
    if (!handoffWording && !conditional) {
      for (let f = Math.max(0, i - 9); f < i; f++) {
        const ownVerb = selfSubjectVerb(s.word(f));
        const first = s.is(f, 'FIRST') || s.is(f, 'ES_FIRST_AUX') || s.is(f, 'FR_FIRST_AUX') || (s.word(f) === 'let' && s.word(f + 1) === 'me') || ownVerb;
        if (!first) continue;
        if (negatedBetween(s, f - 2, i)) continue;
        const gap = i - f;
        let committed = s.is(f, 'ES_FIRST_AUX') || s.is(f, 'FR_FIRST_AUX') || s.word(f) === 'let' || ownVerb;
        for (let k = f + 1; k < i && !committed; k++) {
          if (s.is(k, 'AUX')) committed = true;
          if (s.is(k, 'BE') && /ing$/.test(s.word(k + 1))) committed = true;
        }
        // "I refunded", "je vous rembourse", "ich erstatte Ihnen": the verb right after its subject.
        if (!committed && gap <= 3 && [...Array(gap - 1).keys()].every((d) => s.is(f + 1 + d, 'YOU') || ['just', 'already', 'also', 'vous', 'te', 'le', 'lui', 'ihnen'].includes(s.word(f + 1 + d)))) committed = true;
        if (committed) return { category, rule: 'promise.first_person' };
      }
      if (selfSubjectVerb(s.word(i)) && !negatedBetween(s, i - 3, i)) return { category, rule: 'promise.first_person_verb' };
    }

    // (b) Completed for this shopper: "your refund has been processed", "Le remboursement a été effectué".
    const done = s.has('DONE') || s.has('APPLY') || s.is(i, 'REFUND') || s.is(i, 'CANCEL') || s.is(i, 'CHANGE');
    const perfect = s.tokens.some((t) => s.is(t.i, 'PERFECT') && !negatedBetween(s, t.i - 3, t.i));
    if (!conditional && !s.has('THIRD') && !negatedBetween(s, 0, s.length)) {
      if (perfect && done) return { category, rule: 'promise.completed' };
      if (s.has('YOU') && (s.has('DONE') || s.has('APPLY')) && s.hasWord('is', 'has', 'ha', 'a', 'ist', 'est', 'se')) return { category, rule: 'promise.completed' };
      if (s.has('YOU') && s.has('ONWAY')) return { category, rule: 'promise.on_its_way' };
      // (c) "You'll get a $10 credit", "vous recevrez un remboursement".
      const getAt = s.at('GETFUT').find((g) => g < i && i - g <= 5);
      if (getAt !== undefined) {
        const future = s.is(getAt - 1, 'WILL') || s.is(getAt - 2, 'WILL') || !['get', 'receive', 'erhalten', 'bekommen'].includes(s.word(getAt)) || s.is(getAt + 1, 'YOU') || s.is(getAt - 1, 'YOU');
        if (future && (s.has('YOU') || s.word(getAt).length > 7)) return { category, rule: 'promise.you_will_get' };
      }
    }
  }
  return null;
}

export type GuardOutput =
  | { type: 'text'; text: string }
  /** A claim: replaced by the handoff wording when it has a category. `separator` is the whitespace after it. */
  | { type: 'blocked'; sentence: string; category: HandoffCategory | null; rule: string; separator: string }
  /** Removed without a word (hygiene). */
  | { type: 'dropped'; sentence: string; rule: string; separator: string };

export interface PromiseGuard {
  /** Feeds a chunk of assistant text; returns what may be released now. */
  push(delta: string): GuardOutput[];
  /** Flushes the last, unterminated sentence. */
  end(): GuardOutput[];
}

const ABBREVIATIONS = new Set(
  'e.g i.e etc vs mr mrs ms dr st sr sra srta jr no nr approx ca z.b d.h u.a bzw usw mme mlle env p.ex incl excl min max fig'.split(' '),
);

/**
 * Where the sentence that starts at the beginning of `text` ends (index just
 * past it), or -1 if more text is needed to tell. Full stops inside "e.g.",
 * "Mr." and "4.5" do not end a sentence.
 */
function sentenceEnd(text: string, final: boolean): number {
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n') {
      // One line break inside a sentence does not end it ("Your refund\nhas been approved");
      // a blank line, or a list item, heading, quote, table or fence on the next line does.
      const rest = text.slice(i + 1);
      const blank = /^([ \t]*\n)+/.exec(rest);
      if (blank) return i + 1 + blank[0].length;
      if (!/\S/.test(rest)) {
        if (final) return text.length;
        return -1;
      }
      if (/^[ \t]*([-*+•]\s|\d{1,3}[.)]\s|#|>|```|~~~|\|)/.test(rest) || /^\s*(```|~~~)/.test(text)) return i + 1;
      continue;
    }
    if (ch === '。' || ch === '！' || ch === '？') return i + 1;
    if (ch !== '.' && ch !== '!' && ch !== '?' && ch !== '…') continue;
    let j = i + 1;
    while (j < text.length && /[.!?…"'”’»)\]*_]/.test(text[j])) j++;
    if (j >= text.length) return final ? text.length : -1;
    if (!/\s/.test(text[j])) {
      i = j - 1;
      continue;
    }
    if (ch === '.') {
      const before = text.slice(0, i);
      const word = (before.match(/([\p{L}.]+)$/u)?.[1] ?? '').toLowerCase();
      // Single capitals are not treated as initials: in a shop "size M." ends a sentence far more often than "J. Smith" goes on.
      if (ABBREVIATIONS.has(word)) continue;
    }
    return j;
  }
  return final && text.length > 0 ? text.length : -1;
}

/** Streams assistant text, holding each sentence until it is complete and releasing it only when it promises nothing. */
export interface PromiseGuardOptions {
  /**
   * Sentences that are known not to be the assistant's own promise, such as a word-for-word
   * quote of the shop's published policy. They pass and do not count as a block.
   */
  allow?: (sentence: string) => boolean;
  /** Checked first: a sentence that must not be written at all; returns the rule it breaks. */
  drop?: (sentence: string) => string | null;
}

export function createPromiseGuard(options: PromiseGuardOptions = {}): PromiseGuard {
  let buffer = '';
  const blockedCategories = new Set<HandoffCategory>();

  function judge(segment: string): GuardOutput {
    const separator = /\s*$/.exec(segment)![0];
    const dropRule = options.drop?.(segment);
    if (dropRule) return { type: 'dropped', sentence: segment.trim(), rule: dropRule, separator };
    if (options.allow?.(segment)) return { type: 'text', text: segment };
    const promise = findPromise(segment);
    if (promise) {
      blockedCategories.add(promise.category);
      return { type: 'blocked', sentence: segment.trim(), ...promise, separator };
    }
    if (blockedCategories.size > 0) {
      // After a blocked promise, details about the same thing ("It will show up in 3 days") belong to it.
      const s = new Annotated(segment, GUARD);
      for (let i = 0; i < s.length; i++) {
        const category = actionAt(s, i);
        if (category && blockedCategories.has(category) && !s.has('NEG') && !s.has('THIRD') && !/\?\s*$/.test(segment.trim())) {
          return { type: 'blocked', sentence: segment.trim(), category, rule: 'promise.after_block', separator };
        }
      }
    }
    return { type: 'text', text: segment };
  }

  function drain(final: boolean): GuardOutput[] {
    const out: GuardOutput[] = [];
    for (;;) {
      const end = sentenceEnd(buffer, final);
      if (end < 0) break;
      const segment = buffer.slice(0, end);
      buffer = buffer.slice(end);
      if (segment.trim() === '') out.push({ type: 'text', text: segment });
      else out.push(judge(segment));
      if (buffer === '') break;
    }
    return out;
  }

  return {
    push(delta: string) {
      buffer += delta;
      return drain(false);
    },
    end() {
      const out = drain(true);
      if (buffer) {
        out.push(buffer.trim() ? judge(buffer) : { type: 'text', text: buffer });
        buffer = '';
      }
      return out;
    },
  };
}
