import type { Exemption, RuleBook } from './rule-engine';

/**
 * The gate's handoff rules, as data: which messages go to a person, and under which category.
 * Each rule is a pattern over concepts (the packs' words, edge/src/language/packs/*.ts) and a few
 * tokens; one engine (rule-engine.ts) evaluates them. To add a rule, add its concept words to all
 * six packs if they are missing, add the entry here, and add a tuning case to test/corpus/tuning
 * (README: "Handoff rules").
 *
 * Read a rule as: `some: 'NEG', where: [{ then: 'ARRIVE', from: 1, to: 3 }]` is "a negation
 * followed, one to three words later, by an arrival word".
 */

const ACTION_WORDS = ['REFUND', 'RETURN', 'EXCHANGE', 'CANCEL', 'CHANGE', 'ADD', 'REMOVE', 'DISCOUNT', 'MONEY', 'HUMAN', 'CONTACT'] as const;
const ACTION_VERBS = ['REFUND', 'RETURN', 'EXCHANGE', 'CANCEL', 'CHANGE'] as const;

/** The words that ask for each category's action, for the "not wanted" exemptions. */
const ACTION_OF = {
  refund: ['REFUND', 'MONEY'],
  // "send it back" asks for a return too: "no need to send anything back" declines it.
  return: ['RETURN', 'SEND'],
  exchange: ['EXCHANGE'],
  cancellation: ['CANCEL'],
  order_change: ['CHANGE', 'ADD', 'REMOVE'],
  discount: ['DISCOUNT'],
  human_request: ['HUMAN', 'CONTACT'],
  complaint: ['COMPLAINT'],
} as const;

/**
 * "I don't want a refund, just ...": a category whose every action word sits under a negated wish
 * is not requested. Built from ACTION_OF into plain entries, one per category.
 */
const NOT_WANTED = Object.entries(ACTION_OF).map(([category, words]) => ({
  id: `not_wanted.${category}`,
  categories: [category as keyof typeof ACTION_OF],
  when: { all: [{ some: words }, { not: { some: words, where: [{ not: { use: 'negatedWish' } }] } }] },
})) satisfies Exemption[];

export const RULE_BOOK = {
  /**
   * Money first, then fulfilment problems, then requests that are merely inconvenient to wait for.
   * Money back asked for in so many words outranks the problem given as its reason ("it never
   * worked and I want my money back" is a refund).
   */
  precedence: [
    'payment_problem',
    'refund',
    'delivery_problem',
    'damaged_or_wrong_item',
    'cancellation',
    'return',
    'exchange',
    'address_change',
    'order_change',
    'discount',
    'complaint',
    'human_request',
    'other',
  ],

  places: {
    /** Wanting something: "want", "please", "would like", "I'd like", "ich will", "hätte gern". */
    want: {
      any: [
        { is: ['WANT', 'PLEASE'] },
        { all: [{ word: 'like' }, { word: ['would', 'd'], at: -1 }] },
        { all: [{ word: 'will' }, { word: 'ich', at: -1 }] },
        { word: ['gern', 'gerne'] },
      ],
    },
    /** "update" in "any update", "the latest update", "an update": news about the order, not a change. */
    changeWord: {
      all: [
        { is: 'CHANGE' },
        { not: { all: [{ word: 'update' }, { any: [{ is: ['NEWTHING', 'LATEST'], at: -1 }, { word: ['any', 'an', 'no', 'some'], at: -1 }] }] } },
      ],
    },
    /**
     * An action word under a negated wish: "I don't want a refund", "no quiero cancelar", "je ne
     * veux pas annuler", "ich möchte nicht stornieren", "non voglio", "não preciso", "not trying to".
     */
    negatedWish: {
      any: [
        // "sem querer reclamar", "without wanting to": WITHOUT before the wish negates it too.
        // ("I don't want it, refund please" does not want the thing: the money back is asked.)
        {
          then: '*',
          from: -3,
          to: -1,
          where: [{ any: [{ use: 'want' }, { is: 'SEEK' }] }, { any: [{ is: ['NEG', 'WITHOUT'], at: -1 }, { is: 'NEG', at: 1 }] }, { not: { all: [{ is: 'PRONOUN', at: 1 }, { not: { is: 'DETERMINER', at: 1 } }] } }],
        },
        // "not cancelling, but ...", "no refund, just ...": the message opens by ruling the action out
        // ("I can't change my order" is no such thing: the shopper wants the change).
        { all: [{ is: 'NEG', at: -1 }, { use: 'messageStart', at: -1 }] },
        // "don't cancel anything, ...", "please don't refund me": the message opens by telling us not to.
        { all: [{ is: 'NEG', at: -1 }, { opens: ['PLEASE', 'GREETING', 'AFFIRM', 'NEG'] }, { not: { then: ['YET', 'STILL'], from: 1, to: 3 } }] },
        // "Nada de reembolsos, ...", "Pas de remboursement, ...", "Sem devolução, ...": ruled out first ("sin reembolso todavía" is one awaited).
        {
          all: [
            { any: [{ all: [{ is: 'OF', at: -1 }, { is: ['NEG', 'WITHOUT'], at: -2 }, { use: 'messageStart', at: -2 }] }, { all: [{ is: 'WITHOUT', at: -1 }, { use: 'messageStart', at: -1 }] }] },
            { not: { then: ['YET', 'STILL'], from: 1, to: 3 } },
          ],
        },
        // "no quiero ni un reembolso ni un cambio", "I don't want a refund nor an exchange": the second of the two declined.
        { all: [{ then: 'NEG', from: -2, to: -1 }, { then: '*', from: -8, to: -3, where: [{ use: 'want' }, { is: 'NEG', at: -1 }] }] },
        // "it's not about a refund", "es geht nicht um eine Erstattung", "no se trata de", "il ne s'agit pas d'un",
        // "non si tratta di", "não se trata de": the message rules out what it is about.
        {
          then: 'ABOUT',
          from: -4,
          to: -1,
          where: [{ any: [{ is: 'NEG', at: -1 }, { is: 'NEG', at: 1 }, { all: [{ is: 'NEG', at: -2 }, { word: ['se', 'si'], at: -1 }] }] }],
        },
        // "this isn't a complaint", "no es una queja", "ce n'est pas une réclamation", "das ist keine Beschwerde",
        // "non è un reclamo": what it is not. ("is not refunded" reports a refund; "isn't a refund possible?" asks.)
        {
          any: [
            { all: [{ is: 'INDEF', at: -1 }, { is: 'NEG', at: -2 }, { is: 'BE', at: -3 }, { not: { use: 'messageStart', at: -3 } }] },
            { all: [{ is: 'INDEF', at: -1 }, { is: 'BE', at: -2 }, { is: 'NEG', at: -3 }] },
            { all: [{ is: 'NEG', at: -1 }, { is: 'BE', at: -2 }, { not: { is: 'DONEFORM' } }] },
          ],
        },
      ],
    },
    messageStart: { first: true },
    /**
     * Something doing a thing on its own: "turns itself off", "clicks on its own", "si riavvia da solo", "se reinicia
     * solo", "s'éteint tout seul", "geht von selbst aus", "desliga sozinho": the packs' BYITSELF words, and the
     * two-word forms whose second word alone means "only" or "self" (Spanish "solo" only after a reflexive verb).
     */
    ownAccord: {
      any: [
        { is: 'BYITSELF' },
        { all: [{ word: 'own' }, { word: ['its', 'their'], at: -1 }, { word: 'on', at: -2 }] },
        { all: [{ word: ['solo', 'sola', 'soli', 'sole'] }, { word: 'da', at: -1 }] },
        { all: [{ word: ['solo', 'sola', 'solos', 'solas'] }, { word: 'se', at: -2 }] },
        { all: [{ word: ['seul', 'seule', 'seuls', 'seules'] }, { word: ['tout', 'toute', 'tous', 'toutes'], at: -1 }] },
        { all: [{ word: ['selbst', 'allein', 'alleine'] }, { word: 'von', at: -1 }] },
      ],
    },
    /** An account money lands on: "sur mon compte", "auf meinem Konto", "en mi cuenta", "na minha conta" (not the shop account). */
    moneyAccount: { all: [{ is: 'ACCOUNT' }, { any: [{ is: ['ONTO', 'INSIDE'], at: -1 }, { is: ['ONTO', 'INSIDE'], at: -2 }] }] },
    /**
     * Credit asked for: a credit word ("store credit", "Gutschrift", "crédito"), or a voucher noun after an article
     * ("un avoir", "un buono", "un vale", "um vale": alone these are "to have", "good", "okay"); not paying with credit.
     */
    creditAsked: {
      all: [
        { any: [{ is: 'CREDIT' }, { all: [{ word: ['avoir', 'buono', 'vale'] }, { is: 'INDEF', at: -1 }] }] },
        { not: { near: ['PAYVERB', 'PAYMETHOD'], window: 3 } },
      ],
    },
    /** A word for something of theirs ("my", "this", "mein", "questo"), not the pronoun "it" of a general question. */
    ownWord: { all: [{ is: 'POSS' }, { not: { is: 'PRONOUN' } }] },
    /** "I ordered", "what I ordered", "que pedí", "den ich bestellt habe": the shopper's own order, as a verb. */
    // A first-person verb form carries the speaker itself ("pedi", "encomendei"): no pronoun before it.
    orderedBySelf: { all: [{ is: 'ORDERED' }, { any: [{ is: 'SELF' }, { is: ['SELF', 'RELATIVE'], at: -1 }, { is: ['SELF', 'RELATIVE'], at: -2 }] }] },
    /** A postal address, not an e-mail address ("email address", "e-mail address"). */
    addressWord: { all: [{ is: 'ADDRESS' }, { not: { is: 'EMAILWORD', at: -1 } }, { not: { word: 'e', at: -1 } }, { not: { is: 'EMAILWORD', at: -2 } }] },
    /**
     * French "cassé" folds to "case", which is also an English noun ("phone case"): as typed it
     * has an accent or a double s, and only then it means broken.
     */
    damagedAsTyped: { any: [{ not: { word: ['case', 'cases', 'casee', 'casees'] } }, { spelled: ['ss', 'casé'] }] },
  },

  conditions: {
    hasOrder: { any: [{ has: 'ORDER' }, { flag: 'orderNumber' }] },
    /** A wish followed by an action on the order ("I want to return", "quiero cancelar"), not by "to know/check". */
    wantsAction: {
      some: '*',
      // "if I want to cancel ..." supposes the wish, it does not make it.
      where: [{ use: 'want' }, { not: { is: 'NEG', at: -1 } }, { not: { is: 'NEG', at: 1 } }, { not: { then: 'IF', from: -2, to: -1 } }, { then: ACTION_WORDS, from: 1, to: 5, until: 'INFO' }],
    },
    /** The message starts with an action verb aimed at something of theirs: "refund my order", "cancel order 1042". */
    imperative: {
      some: ACTION_VERBS,
      where: [{ opens: ['PLEASE', 'GREETING'] }, { not: { is: ['PLEASE', 'GREETING'] } }, { any: [{ is: ['POSS', 'ORDER'], at: 1 }, { entity: true, at: 1 }] }],
    },
    /** "when will I get my money back", "how long until I receive a refund": the shopper's own refund. */
    personalReceipt: {
      some: 'RECEIPT',
      where: [{ any: [{ is: 'SELF', at: -1 }, { is: 'SELF', at: -2 }, { endsWith: ['re', 'rai'] }] }, { then: ['REFUND', 'MONEY'], from: 1, to: 5 }],
    },
    /**
     * "when do I get the money for the hose?", "wann bekomme ich das Geld?", "cuándo recibo el dinero": their own money
     * awaited; the subject may follow the verb or be in it. "se eu devolver..., recebo?" only supposes.
     */
    receiptAwaited: {
      all: [
        {
          some: 'RECEIPT',
          where: [
            { any: [{ is: 'SELF', at: -1 }, { is: 'SELF', at: -2 }, { is: 'SELF', at: 1 }, { endsWith: ['re', 'rai'] }, { word: ['recibo', 'ricevo', 'recebo'] }] },
            { then: ['REFUND', 'MONEY'], from: 1, to: 5 },
          ],
        },
        { not: { has: ['DISCOUNT', 'IF'] } },
      ],
    },
    /**
     * The message opens with the thing itself ("the speaker crackles ..., what can you do?", "Die Uhr funktioniert nicht
     * mehr, was soll ich tun?"): a report, then a question; "is the olive tree dead in winter?" opens with the question.
     */
    opensWithThing: { some: ['DETERMINER', 'POSS'], where: [{ any: [{ first: true }, { opens: ['GREETING', 'GREETWORD', 'DAYTIME', 'PLEASE'] }] }] },
    /** Told first, then asked: the message opens with the shopper or the thing ("I returned the boots ..., what's going on?"). */
    toldFirst: { any: [{ use: 'opensWithThing' }, { some: ['SELF', 'RETURN', 'SEND'], where: [{ any: [{ first: true }, { opens: ['GREETING', 'GREETWORD', 'DAYTIME', 'PLEASE'] }] }] }] },
    /** About one order of theirs rather than about the rules. */
    specific: {
      any: [
        { flag: 'orderNumber' },
        { use: 'wantsAction' },
        { use: 'personalReceipt' },
        { use: 'receiptAwaited' },
        { use: 'imperative' },
        // "could you return the shipping fee to me?", "könnt ihr mir die Versandkosten erstatten?": a sum of theirs asked of us.
        { some: 'MODAL', where: [{ is: 'YOU', at: 1 }, { then: ['REFUND', 'RETURN', 'CREDIT'], from: 2, to: 5, until: 'INFO', where: [{ near: ['FEE', 'DIFFERENCE', 'MONEY'], window: 3 }] }] },
        // The verb last: "könnt ihr mir die Versandkosten für den Monitor erstatten?".
        { some: 'MODAL', where: [{ is: 'YOU', at: 1 }, { then: 'FEE', from: 2, to: 4, until: 'INFO', where: [{ then: ['REFUND', 'RETURN', 'CREDIT'], from: 1, to: 6, until: ['INFO', 'IF'] }] }] },
        // "quero o frete de volta", "I want the postage back": a cost of theirs wished back.
        { some: 'FEE', where: [{ near: ['BACK', 'GETBACK'], window: 3 }, { then: '*', from: -3, to: -1, where: [{ use: 'want' }, { not: { is: 'NEG', at: -1 } }] }] },
        // "Ich möchte die Versandkosten zurück": a cost of theirs asked back, not asked about.
        { all: [{ not: { flag: 'question' } }, { some: 'FEE', where: [{ near: ['BACK', 'GETBACK'], window: 3 }] }] },
        // "j'ai renvoyé la veste et toujours pas d'argent, c'est normal ?": their return told, the money not come.
        { all: [{ use: 'toldFirst' }, { has: 'RETURN' }, { some: 'NEG', where: [{ near: ['PAYMENT', 'BANK', 'MONEY', 'CREDIT'], window: 4 }] }] },
        // "devolvedme los gastos de envío": a fee given back, told not asked ("the return fee is £5" names no fee of theirs given back).
        { all: [{ not: { flag: 'question' } }, { some: ['RETURN', 'REFUND'], where: [{ all: [{ not: { is: 'FEE', at: 1 } }, { any: [{ is: ['DETERMINER', 'POSS'], at: 1 }, { is: ['DETERMINER', 'POSS'], at: 2 }] }, { then: 'FEE', from: 2, to: 4 }] }] }] },
      ],
    },
    /** Asks about the rules: a policy, a fee, the cases, how long, whether something is offered. */
    strongPolicy: {
      any: [
        { has: ['POLICY', 'FEE', 'CASES'] },
        { flag: 'asksDuration' },
        // "do I have to pay for return shipping?", "¿tengo que pagar el envío de la devolución?": who pays, not a payment gone wrong.
        { all: [{ flag: 'question' }, { has: 'PAYVERB' }, { not: { has: ['CHARGED', 'TWICE', 'PAID'] } }] },
        { all: [{ flag: 'question' }, { has: 'OFFER' }] },
        // "how do size exchanges work?", "come funzionano i cambi?": how it works, not that something does not.
        { all: [{ flag: 'question' }, { has: 'WORK' }, { not: { has: ['NEG', 'POSS'] } }] },
      ],
    },
    /**
     * A question about doing it to a kind of thing or in a case, not to something of theirs: "can I
     * cancel an order after it has shipped?", "do I get a refund if I return something?", "wenn ich
     * etwas zurückschicke", "se eu devolver um artigo". Not a request to us ("can you ...").
     */
    genericAction: {
      all: [
        { flag: 'question' },
        { not: { some: 'POSS', where: [{ use: 'ownWord' }] } },
        { not: { some: 'MODAL', where: [{ is: 'YOU', at: 1 }] } },
        {
          any: [
            // A kind of thing in a stated case ("after it has shipped", "già spedito"): "how can I cancel an order?" asks us to.
            {
              all: [
                { some: ['RETURN', 'REFUND', 'EXCHANGE', 'CANCEL', 'CHANGE'], where: [{ then: 'INDEF', from: -3, to: 2 }] },
                // "when" opening the question asks when, it states no case.
                { any: [{ has: ['IF', 'STILL', 'GENERIC'] }, { some: 'CONDITIONAL', where: [{ not: { first: true } }] }] },
              ],
            },
            { some: 'IF', where: [{ then: ['RETURN', 'EXCHANGE', 'CANCEL', 'CHANGE', 'SEND'], from: 1, to: 4 }] },
          ],
        },
      ],
    },
    /** Asks whether a kind of thing qualifies ("can I return sale items?", "do you offer exchanges?"). */
    eligibility: {
      all: [
        { flag: 'question' },
        {
          any: [
            { has: ['OFFER', 'GENERIC', 'CASES'] },
            { some: '*', where: [{ word: ['do', 'does'] }, { word: ['you', 'your', 'the', 'this'], at: 1 }] },
            { some: '*', where: [{ word: ['are', 'is'] }, { word: 'there', at: 1 }] },
            { some: '*', where: [{ word: 'any' }, { not: { first: true } }, { not: { last: true } }] },
            { some: 'GENERICPLURAL', where: [{ not: { is: 'DETERMINER', at: -1 } }, { not: { is: 'DETERMINER', at: -2 } }] },
          ],
        },
      ],
    },
    /** Something of the shopper's right next to the action: "return my", "my refund", "return it". */
    owns: { some: [...ACTION_VERBS, 'DISCOUNT'], where: [{ any: [{ is: 'POSS', at: -1 }, { is: 'POSS', at: 1 }, { is: 'POSS', at: 2 }] }] },
    moneyBack: {
      any: [
        { near: ['MONEY', 'BACK'], window: 2, ordered: true },
        { near: ['RETURN', 'MONEY'], window: 3 },
        { all: [{ has: 'GETBACK' }, { has: 'MONEY' }] },
        // A sum asked back: "die 40 Euro für den Lautsprecher zurückgeben", "i 59 dollari".
        { some: 'MONEY', where: [{ entity: true, at: -1 }, { near: ['RETURN', 'BACK'], window: 5 }] },
      ],
    },
    changes: { some: 'CHANGE', where: [{ use: 'changeWord' }] },
    postalAddress: { some: 'ADDRESS', where: [{ use: 'addressWord' }] },
    itemish: { has: ['ITEM', 'ITEMATTR'] },
    /** Not about a cart, an account or only an address: something an order holds. */
    orderEditable: {
      not: {
        any: [
          { all: [{ has: 'CART' }, { not: { use: 'hasOrder' } }] },
          { all: [{ has: 'NONORDER' }, { not: { use: 'hasOrder' } }, { not: { has: 'ITEMATTR' } }] },
          { all: [{ use: 'postalAddress' }, { not: { use: 'itemish' } }] },
        ],
      },
    },
    /** "what happens if my parcel is lost?", "et si mon colis arrive cassé ?": a hypothetical, asked. */
    hypothetical: {
      all: [
        { flag: 'question' },
        {
          some: 'IF',
          where: [{ then: ['POSS', 'ORDER', 'PARCEL', 'DETERMINER'], from: 1, to: 3 }, { then: ['DELAY', 'DAMAGED', 'MISSING', 'STRONGWRONG', 'NEG', 'EMPTY', 'FAULT'], from: 1, to: 6 }],
        },
        { not: { has: 'STILL' } },
      ],
    },
    /** What a parcel held: "in the box", "im Paket fehlten", "nel pacco mancavano". */
    insideParcel: { some: 'PARCEL', where: [{ any: [{ is: 'INSIDE', at: -1 }, { all: [{ is: 'INSIDE', at: -2 }, { is: 'DETERMINER', at: -1 }] }] }] },
    /**
     * Something goods-like is talked about (not an account, a code or a payment). A statement needs
     * no word for goods: "watch won't turn on anymore" names the thing by its own noun.
     */
    goodsTalk: {
      all: [{ any: [{ has: ['ITEM', 'POSS', 'DETERMINER', 'PARCEL', 'ORDER', 'ARRIVE'] }, { not: { flag: 'question' } }] }, { not: { has: ['NONORDER', 'DISCOUNT', 'PAYMENT'] } }],
    },
    /**
     * Asks whether something can be done, not asking us to do it: a modal whose subject is neither
     * the shopper nor us ("can plants be returned", "ça peut se retourner ?", "si lo podría
     * devolver"), in a question or after "to know if".
     */
    possibilityAsked: {
      all: [
        { any: [{ flag: 'question' }, { some: 'INFO', where: [{ then: 'IF', from: 1, to: 2 }] }] },
        // "me pueden devolver lo que pagué?", "podem devolver-me o valor?": money of theirs asked back.
        { not: { has: ['PAID', 'MONEY', 'DIFFERENCE'] } },
        // Nothing of theirs next to the action ("return my", "my refund"); "if I change my mind" is only the condition.
        {
          some: ['RETURN', 'REFUND', 'EXCHANGE', 'CANCEL'],
          where: [{ then: 'MODAL', from: -6, to: -1, where: [{ not: { is: ['SELF', 'YOU'], at: 1 } }] }, { not: { any: [{ is: 'POSS', at: -1 }, { is: 'POSS', at: 1 }, { all: [{ is: 'POSS', at: 2 }, { not: { is: 'IF', at: 1 } }] }] } }],
        },
      ],
    },
    /** Asks which ways to pay there are, not about a payment that went wrong. */
    payMethodQuestion: { all: [{ flag: 'question' }, { has: 'PAYMETHOD' }, { not: { has: ['TWICE', 'CHARGED'] } }] },
    /** Only "not yet": waiting, not a delivery gone wrong. */
    onlyYet: { all: [{ has: 'YET' }, { not: { has: ['STILL', 'DURATION', 'NEVER'] } }] },
    /** Asks for a person: reaching them, wanting them, a short message, or "a real ...". */
    asksForPerson: { any: [{ has: ['CONTACT', 'REAL'] }, { some: '*', where: [{ use: 'want' }] }, { length: { max: 4 } }] },
    /** "no thanks", "never mind", "olvídalo", "laisse tomber", "nein danke", "not now": declining, not agreeing. */
    declines: {
      any: [
        { has: 'DECLINE' },
        { some: 'NEG', where: [{ is: 'THANKS', at: 1 }] },
        { some: '*', where: [{ first: true }, { word: 'not' }, { word: 'now', at: 1 }] },
      ],
    },
    /**
     * A short "yes, do it" / "the blue one instead": keeps the pending request open. So does an
     * order reference on its own ("Bestellung 100045502", "it's #HG-20931"): the answer to "which
     * order is this about?". A question of its own about where something is ("where is order
     * 100045990 right now?") is not a follow-up, "right" or not.
     */
    followUp: {
      all: [
        { length: { min: 1, max: 10 } },
        { not: { use: 'declines' } },
        { not: { has: ['STATUS', 'TRACKING'] } },
        { any: [{ has: ['AFFIRM', 'ITEMATTR', 'VARIANT'] }, { all: [{ flag: 'orderNumber' }, { length: { max: 5 } }, { not: { has: 'ARRIVE' } }] }] },
      ],
    },
  },

  rules: [
    // --- refunds and returns
    { id: 'refund.keyword', category: 'refund', precedence: 10, when: { has: 'REFUND' } },
    { id: 'refund.money_back', category: 'refund', precedence: 11, when: { use: 'moneyBack' } },
    // "give me back what I paid", "devolver lo que pagué", "das Geld, das ich bezahlt habe, zurück".
    { id: 'refund.paid_back', category: 'refund', precedence: 12, when: { some: ['RETURN', 'BACK', 'GETBACK'], where: [{ near: 'PAID', window: 4 }] } },
    // "can you credit my card the difference?", "könnt ihr mir den Betrag gutschreiben?" (not "credit card").
    {
      id: 'refund.credit',
      category: 'refund',
      precedence: 13,
      when: { all: [{ some: 'CREDIT', where: [{ not: { is: 'PAYMENT', at: 1 } }, { not: { is: 'NEG', at: -1 } }, { not: { near: ['PAYVERB', 'PAYMETHOD'], window: 3 } }] }, { has: ['MONEY', 'PAYMENT', 'PAID'] }] },
    },
    // "can I get store credit for it?", "quero crédito na loja", "ich hätte gern eine Gutschrift", "je voudrais un avoir",
    // "vorrei un buono", "quiero un vale": the value asked back as credit (not "credit card", not a discount code).
    {
      id: 'refund.store_credit',
      category: 'refund',
      precedence: 21,
      when: {
        some: '*',
        where: [
          { use: 'creditAsked' },
          { not: { is: 'PAYMENT', at: 1 } },
          { not: { is: 'DISCOUNT', at: 1 } },
          { not: { is: 'NEG', at: -1 } },
          // A wish or "get" before it, or the verb after it ("eine Gutschrift bekommen", "un avoir obtenir").
          {
            any: [
              { then: '*', from: -4, to: -1, where: [{ any: [{ use: 'want' }, { is: ['LIGHT', 'RECEIPT', 'GETBACK'] }] }, { not: { is: 'NEG', at: -1 } }, { not: { is: 'NEG', at: 1 } }] },
              { then: ['LIGHT', 'RECEIPT', 'GETBACK'], from: 1, to: 4, where: [{ not: { is: 'NEG', at: -1 } }] },
            ],
          },
        ],
      },
    },
    // "I want my money", "quiero mi dinero", "je veux mon argent", "ich will mein Geld für die stornierte Weste zurück",
    // "I want what I paid": their own money wished for.
    {
      id: 'refund.own_money_wanted',
      category: 'refund',
      precedence: 22,
      when: {
        some: '*',
        where: [
          { use: 'want' },
          { not: { is: 'NEG', at: -1 } },
          { not: { is: 'NEG', at: 1 } },
          { not: { then: 'IF', from: -2, to: -1 } },
          {
            any: [
              { then: 'MONEY', from: 2, to: 4, until: ['INFO', 'NEG'], where: [{ any: [{ is: 'POSS', at: -1 }, { is: 'POSS', at: -2 }] }] },
              { then: 'PAID', from: 2, to: 6, until: ['INFO', 'NEG'], where: [{ then: 'RELATIVE', from: -4, to: -1 }] },
            ],
          },
        ],
      },
    },
    // "pay me back for the lamp", "pay it back": money paid back.
    { id: 'refund.pay_back', category: 'refund', precedence: 23, when: { some: 'PAYVERB', where: [{ then: 'BACK', from: 1, to: 2 }, { not: { is: 'NEG', at: -1 } }] } },
    // "put the money back on my card", "the £79.99 back on my card", "zurück auf mein Konto": back onto where money goes.
    { id: 'refund.back_on_account', category: 'refund', precedence: 28, when: { some: 'BACK', where: [{ is: ['ONTO', 'INSIDE'], at: 1 }, { then: ['PAYMENT', 'BANK', 'ACCOUNT'], from: 2, to: 3 }] } },
    // "I still haven't had anything back for the speaker": nothing back for a thing of theirs, still ("heard back for days" is a reply awaited).
    {
      id: 'refund.nothing_back_for',
      category: 'refund',
      precedence: 29,
      when: {
        all: [
          { some: 'BACK', where: [{ then: 'NEG', from: -4, to: -1 }, { is: 'PURPOSE', at: 1 }, { not: { is: 'DURATION', at: 2 } }] },
          { has: ['STILL', 'YET'] },
          { not: { has: ['CONTACT', 'WROTE', 'DURATION'] } },
          { not: { flag: 'question' } },
        ],
      },
    },
    // "I sent the speaker back and there is still nothing on my card": goods back, the money not.
    {
      id: 'refund.not_credited',
      category: 'refund',
      precedence: 14,
      when: {
        all: [
          // The goods gone back: returned, sent back, "ist längst bei euch zurück", "mandei de volta".
          { any: [{ has: ['RETURN', 'BACK'] }, { near: ['SEND', 'BACK'], window: 5, ordered: true }] },
          { some: 'NEG', where: [{ any: [{ near: ['PAYMENT', 'BANK', 'MONEY', 'CREDIT'], window: 4 }, { then: '*', from: 1, to: 6, where: [{ use: 'moneyAccount' }] }] }] },
          { any: [{ not: { flag: 'question' } }, { use: 'toldFirst' }] },
        ],
      },
    },
    // "can I have the difference back?", "pouvez-vous me rembourser la différence ?" (not "the difference between X and Y").
    {
      id: 'refund.difference',
      category: 'refund',
      precedence: 16,
      when: {
        all: [
          { some: 'DIFFERENCE', where: [{ not: { then: 'BETWEEN', from: 1, to: 3 } }] },
          { has: ['ORDERED', 'PAID', 'BACK', 'RETURN', 'GETBACK', 'CREDIT', 'PAYVERB', 'PRICEADJ', 'MONEY'] },
        ],
      },
    },
    // "I returned it, where is my money?", "wann kommt mein Geld?": their own money asked after.
    {
      id: 'refund.own_money',
      category: 'refund',
      precedence: 17,
      when: { all: [{ some: 'MONEY', where: [{ any: [{ is: 'POSS', at: -1 }, { is: 'POSS', at: -2 }] }] }, { has: ['RETURN', 'STATUS', 'ARRIVE', 'STILL', 'ABOUT'] }] },
    },
    // "when do I get the money for the hose I sent back?", "wann bekomme ich das Geld für die Jacke?": their money awaited.
    { id: 'refund.receipt_awaited', category: 'refund', precedence: 24, when: { use: 'receiptAwaited' } },
    // "you still owe me for the returned lamp", "ihr schuldet mir noch was für die Jacke": owed to the shopper for
    // something ("what do I owe you for shipping?" is the shopper's debt; "you owe me an apology" is no sum).
    {
      id: 'refund.owed_for',
      category: 'refund',
      precedence: 25,
      when: { all: [{ some: 'OWE', where: [{ not: { then: 'SELF', from: -2, to: -1 } }, { then: 'PURPOSE', from: 1, to: 4 }] }, { not: { has: 'PAYVERB' } }] },
    },
    // "I want my £20 back", "give me back the delivery charge", "die Versandkosten zurück", "récupérer les frais de port".
    {
      id: 'refund.sum_back',
      category: 'refund',
      precedence: 18,
      when: {
        any: [
          { some: '*', where: [{ entity: 'price' }, { near: ['BACK', 'GETBACK', 'RETURN', 'CREDIT'], window: 3 }] },
          { some: 'FEE', where: [{ near: ['BACK', 'GETBACK'], window: 3 }] },
          // "récupérer mes 69,99 £", "get back my 40": a sum of theirs after the verb (not "mes 2 colis").
          { some: 'GETBACK', where: [{ is: 'POSS', at: 1 }, { entity: 'number', at: 2 }, { not: { is: ['PARCEL', 'ORDER', 'ITEM'], at: 3 } }] },
        ],
      },
    },
    // "you owe me 15 euros", "vous me devez 12 euros", "ihr schuldet mir noch 20 Euro" (not "you must pay 12 euros").
    {
      id: 'refund.owed',
      category: 'refund',
      precedence: 19,
      when: { all: [{ some: 'OWE', where: [{ any: [{ near: 'MONEY', window: 4 }, { then: '*', from: 1, to: 4, where: [{ entity: 'price' }] }] }] }, { not: { has: 'PAYVERB' } }] },
    },
    // "I returned the speaker, still waiting for the money": goods back, money awaited.
    {
      id: 'refund.awaited',
      category: 'refund',
      precedence: 20,
      // The money named as a credit too: "aspetto ancora il riaccredito per la giacca che ho reso", "espero que me abonen lo de las botas".
      when: { all: [{ any: [{ has: 'RETURN' }, { near: ['SEND', 'BACK'], window: 3, ordered: true }] }, { has: ['MONEY', 'CREDIT'] }, { has: ['STILL', 'YET', 'WROTE'] }, { any: [{ not: { flag: 'question' } }, { use: 'toldFirst' }] }] },
    },
    // "it was cheaper the day after, can you match that?": a lower price, then a match asked for.
    { id: 'refund.cheaper_match', category: 'refund', precedence: 26, when: { all: [{ some: 'PRICEADJ', where: [{ then: 'PRICEADJ', from: 1, to: 12 }] }, { not: { has: 'POLICY' } }] } },
    // "found it cheaper elsewhere, please price match", "the price dropped": the difference back is a refund.
    { id: 'refund.price_adjustment', category: 'refund', precedence: 15, when: { near: ['PRICE', 'PRICEADJ'], window: 3 } },
    // "could you return the shipping fee?", "devolvedme los gastos de envío": a fee given back (a "return fee" is the cost of returning).
    { id: 'refund.fee_back', category: 'refund', precedence: 27, when: { some: ['RETURN', 'REFUND'], where: [{ all: [{ not: { is: 'FEE', at: 1 } }, { any: [{ is: ['DETERMINER', 'POSS'], at: 1 }, { is: ['DETERMINER', 'POSS'], at: 2 }] }, { then: 'FEE', from: 2, to: 4 }] }] } },
    // "return the money" is a refund, not a return of goods; nor is "return the shipping fee".
    {
      id: 'return.keyword',
      category: 'return',
      precedence: 20,
      when: { some: 'RETURN', where: [{ not: { then: 'MONEY', from: 1, to: 3 } }, { not: { all: [{ not: { is: 'FEE', at: 1 } }, { any: [{ is: ['DETERMINER', 'POSS'], at: 1 }, { is: ['DETERMINER', 'POSS'], at: 2 }] }, { then: 'FEE', from: 2, to: 4 }] } }] },
    },
    {
      id: 'return.send_back',
      category: 'return',
      precedence: 21,
      when: { all: [{ near: ['SEND', 'BACK'], window: 3, ordered: true }, { not: { near: ['MONEY', 'BACK'], window: 2, ordered: true } }] },
    },
    // Exchanging an account or a subscription is not about goods.
    {
      id: 'exchange.keyword',
      category: 'exchange',
      precedence: 30,
      when: {
        all: [
          { has: 'EXCHANGE' },
          { not: { all: [{ some: 'EXCHANGE', where: [{ near: 'NONORDER', window: 4 }] }, { not: { use: 'hasOrder' } }, { not: { has: 'ITEM' } }] } },
        ],
      },
    },

    // "I want the black one instead of the white in my order", "je voudrais la taille L au lieu de la M que j'ai commandée",
    // "quiero la talla M en lugar de la S en mi pedido": one thing of their order for another (before shipping the Worker makes it an order change).
    {
      id: 'exchange.instead',
      category: 'exchange',
      precedence: 31,
      when: {
        all: [
          { has: 'INSTEAD' },
          { any: [{ some: '*', where: [{ use: 'want' }, { not: { is: 'NEG', at: -1 } }, { not: { is: 'NEG', at: 1 } }] }, { has: 'SEND' }, { some: 'MODAL', where: [{ is: 'YOU', at: 1 }] }] },
          // Of an order of theirs: "the blue one instead" while browsing is a product choice.
          { any: [{ use: 'hasOrder' }, { some: 'ORDERED', where: [{ use: 'orderedBySelf' }] }] },
          { not: { has: ['ARRIVE', 'PARCEL', 'REFUND', 'MONEY', 'CREDIT', 'DISCOUNT', 'PAYMENT', 'NONORDER', 'INFO'] } },
        ],
      },
    },

    // --- cancellation: an order, not an account or a newsletter subscription; "noise-cancelling" is a product's attribute.
    {
      id: 'cancellation.keyword',
      category: 'cancellation',
      precedence: 40,
      when: {
        all: [
          { some: 'CANCEL', where: [{ not: { modifier: true } }] },
          { any: [{ use: 'hasOrder' }, { not: { some: 'CANCEL', where: [{ not: { modifier: true } }, { near: 'NONORDER', window: 4 }] } }] },
        ],
      },
    },
    {
      id: 'cancellation.dont_want',
      category: 'cancellation',
      precedence: 41,
      when: {
        all: [
          { some: 'NEG', where: [{ use: 'want', at: 1 }, { any: [{ then: 'ORDER', from: 2, to: 7 }, { then: 'PAYMENT', from: 2, to: 5 }] }] },
          { use: 'hasOrder' },
        ],
      },
    },

    {
      // A subscription ended is money going out each month: "cancel my subscription", "mein Abo
      // kündigen". Mailings are not ("cancel the newsletter subscription" is answered).
      id: 'cancellation.subscription',
      category: 'cancellation',
      precedence: 42,
      when: { all: [{ some: ['CANCEL', 'CLOSE'], where: [{ not: { modifier: true } }, { near: 'SUBSCRIPTION', window: 4 }] }, { not: { has: 'NEWSLETTER' } }] },
    },

    // --- changes to an order (a cart, an account or an address alone are not)
    { id: 'order_change.change', category: 'order_change', precedence: 50, when: { all: [{ use: 'orderEditable' }, { use: 'changes' }, { any: [{ use: 'hasOrder' }, { use: 'itemish' }] }] } },
    {
      id: 'order_change.add_remove',
      category: 'order_change',
      precedence: 51,
      when: { all: [{ use: 'orderEditable' }, { has: ['ADD', 'REMOVE'] }, { any: [{ use: 'hasOrder' }, { use: 'itemish' }] }] },
    },
    { id: 'order_change.forgot', category: 'order_change', precedence: 52, when: { all: [{ use: 'orderEditable' }, { has: 'FORGOT' }, { any: [{ has: 'ITEM' }, { use: 'hasOrder' }] }] } },

    // --- shipping address on a placed order (setting up an address book entry is self-service)
    {
      id: 'address_change.change',
      category: 'address_change',
      precedence: 60,
      when: {
        all: [
          { use: 'postalAddress' },
          { any: [{ use: 'changes' }, { has: ['MOVE', 'WRONG'] }] },
          { not: { all: [{ not: { use: 'changes' } }, { not: { has: 'MOVE' } }, { has: ['NEWTHING', 'ADD'] }, { not: { has: 'WRONG' } }] } },
        ],
      },
    },

    // --- discounts (a price adjustment is a refund of the difference, above)
    // "réduction de bruit", "riduzione del rumore": an action noun of a product's word describes the product.
    { id: 'discount.keyword', category: 'discount', precedence: 70, when: { some: 'DISCOUNT', where: [{ not: { modifier: true } }] } },

    // --- payments
    { id: 'payment.chargeback', category: 'payment_problem', precedence: 80, when: { has: 'CHARGEBACK' } },
    // "payer en plusieurs fois", "en 3 fois": instalments, not a charge made twice.
    { id: 'payment.double_charge', category: 'payment_problem', precedence: 81, when: { all: [{ some: 'TWICE', where: [{ not: { word: 'en', at: -2 } }] }, { has: ['PAYMENT', 'CHARGED'] }] } },
    { id: 'payment.charged', category: 'payment_problem', precedence: 82, when: { all: [{ has: 'CHARGED' }, { not: { flag: 'question' } }] } },
    {
      id: 'payment.problem',
      category: 'payment_problem',
      precedence: 83,
      when: { all: [{ has: 'PAYMENT' }, { has: 'PROBLEM' }, { not: { all: [{ use: 'payMethodQuestion' }, { not: { near: ['PAYMENT', 'PROBLEM'], window: 3 } }] } }] },
    },
    // "my bank transfer has not been credited", "mi transferencia todavía no aparece".
    {
      id: 'payment.not_received',
      category: 'payment_problem',
      precedence: 87,
      when: { all: [{ some: ['PAYNOUN', 'BANK'], where: [{ near: 'ARRIVE', window: 5 }] }, { some: 'NEG', where: [{ then: 'ARRIVE', from: 1, to: 3 }] }] },
    },
    // "I paid three days ago but my order still says awaiting payment", "immer noch auf Zahlung ausstehend".
    { id: 'payment.still_awaited', category: 'payment_problem', precedence: 88, when: { all: [{ has: 'AWAITING' }, { has: ['PAID', 'PAYMENT'] }, { has: ['STILL', 'PAID'] }] } },
    { id: 'payment.wrong_amount', category: 'payment_problem', precedence: 84, when: { all: [{ has: 'PAYMENT' }, { has: 'CHARGED' }, { has: 'WRONG' }] } },
    {
      id: 'payment.cannot_pay',
      category: 'payment_problem',
      precedence: 85,
      when: {
        some: '*',
        where: [{ any: [{ is: 'NEG' }, { all: [{ is: 'PROBLEM' }, { word: 'unable' }] }] }, { not: { then: 'INFO', from: 1, to: 3 } }, { then: 'PAYVERB', from: 1, to: 3 }],
      },
    },
    {
      id: 'payment.help',
      category: 'payment_problem',
      precedence: 86,
      when: { all: [{ has: 'PAYNOUN' }, { not: { has: 'PAYMETHOD' } }, { any: [{ has: 'HELP' }, { some: 'PAYNOUN', where: [{ is: 'POSS', at: -1 }] }] }] },
    },

    // --- delivery trouble (asking where an order is, or when it arrives, is answered instead)
    {
      id: 'delivery.late_or_lost',
      category: 'delivery_problem',
      precedence: 90,
      // "tarde" of "boa tarde" / "buenas tardes" is a time of day, not "late".
      when: {
        all: [
          { some: 'DELAY', where: [{ not: { is: 'GREETWORD', at: -1 } }] },
          { any: [{ use: 'hasOrder' }, { has: ['PARCEL', 'ITEM', 'POSS'] }] },
          { not: { some: 'DELAY', where: [{ near: 'NONORDER', window: 3 }] } },
        ],
      },
    },
    {
      id: 'delivery.not_arrived',
      category: 'delivery_problem',
      precedence: 91,
      when: {
        // What did not arrive is the goods, not money ("I haven't received my refund" is a refund).
        all: [
          {
            some: 'NEG',
            where: [{ then: 'ARRIVE', from: 1, to: 3, onlyFirst: true, where: [{ not: { near: 'NONORDER', window: 4 } }, { not: { then: ['REFUND', 'MONEY'], from: 1, to: 3 } }] }],
          },
          { not: { use: 'onlyYet' } },
          // "as luvas não vieram no pacote": a thing not in the parcel that came is a missing item (item.not_in_parcel).
          { not: { use: 'insideParcel' } },
        ],
      },
    },
    {
      id: 'delivery.never_arrived',
      category: 'delivery_problem',
      precedence: 92,
      when: { all: [{ has: 'NEVER' }, { has: 'ARRIVE' }, { not: { some: 'ARRIVE', where: [{ near: 'NONORDER', window: 4 }] } }] },
    },
    // "string lights were due on the 14th and still nothing", "tenía que llegar el 19 y nada", "sollte am Montag kommen, nichts".
    {
      id: 'delivery.overdue',
      category: 'delivery_problem',
      precedence: 94,
      when: {
        all: [
          { some: 'DUE', where: [{ then: ['NEG', 'STILL'], from: 2, to: 10 }] },
          { any: [{ has: ['ARRIVE', 'PARCEL', 'ORDER', 'DETERMINER', 'POSS'] }, { flag: 'orderNumber' }] },
          { any: [{ not: { flag: 'question' } }, { use: 'opensWithThing' }] },
          { not: { has: ['NONORDER', 'REFUND', 'MONEY', 'PAYMENT', 'INFO'] } },
        ],
      },
    },
    // "it should have arrived by now", "ya tendría que haber llegado", "já devia ter chegado", "auraient dû arriver le 14",
    // "sarebbe dovuto arrivare", "hätte längst ankommen sollen": an arrival that was due and is past, told.
    {
      id: 'delivery.should_have_arrived',
      category: 'delivery_problem',
      precedence: 96,
      when: {
        all: [
          {
            any: [
              { some: 'DUE', where: [{ then: 'ARRIVE', from: 1, to: 3, where: [{ then: ['HAVE', 'LIGHT'], from: -2, to: -1 }] }] },
              { some: 'HAVE', where: [{ then: 'ARRIVE', from: 1, to: 4, where: [{ is: 'DUE', at: 1 }] }] },
            ],
          },
          { any: [{ not: { flag: 'question' } }, { use: 'opensWithThing' }] },
          { not: { has: ['NONORDER', 'REFUND', 'MONEY', 'PAYMENT', 'INFO', 'IF'] } },
        ],
      },
    },
    // "das Paket ist immer noch nicht da", "my order is still not here", "sigue sin llegar": still waiting for a parcel, not money.
    {
      id: 'delivery.still_not',
      category: 'delivery_problem',
      precedence: 95,
      when: {
        all: [
          { some: 'STILL', where: [{ then: ['NEG', 'WITHOUT'], from: 1, to: 2 }] },
          { any: [{ has: 'PARCEL' }, { use: 'hasOrder' }] },
          { not: { has: ['NONORDER', 'REFUND', 'MONEY', 'PAYMENT', 'INFO'] } },
        ],
      },
    },
    {
      id: 'delivery.missing_parcel',
      category: 'delivery_problem',
      precedence: 93,
      when: { all: [{ has: 'MISSING' }, { not: { has: 'ITEM' } }, { any: [{ use: 'hasOrder' }, { has: 'PARCEL' }] }, { not: { use: 'insideParcel' } }] },
    },

    // --- damaged, defective or wrong goods
    {
      id: 'item.damaged',
      category: 'damaged_or_wrong_item',
      precedence: 100,
      when: {
        all: [{ some: 'DAMAGED', where: [{ use: 'damagedAsTyped' }] }, { not: { some: 'DAMAGED', where: [{ use: 'damagedAsTyped' }, { near: 'NONORDER', window: 3 }] } }],
      },
    },
    // Italian "rotte" and Portuguese "partida" are also "routes" and "departure": broken only as what something is or came
    // ("sono arrivate rotte", "le scarpe sono rotte", "a tampa veio partida", "chegaram partidas").
    {
      id: 'item.damaged_predicate',
      category: 'damaged_or_wrong_item',
      precedence: 121,
      when: { some: '*', where: [{ word: ['rotte', 'partida', 'partidas', 'partidos'] }, { any: [{ is: ['ARRIVE', 'BE'], at: -1 }, { all: [{ is: ['ARRIVE', 'BE'], at: -2 }, { not: { is: 'DETERMINER', at: -1 } }] }] }] },
    },
    {
      // "wrong size", and "taglia sbagliata" / "talla equivocada" where the adjective follows its noun.
      id: 'item.wrong',
      category: 'damaged_or_wrong_item',
      precedence: 101,
      when: {
        all: [
          { some: 'STRONGWRONG', where: [{ any: [{ then: ['ITEM', 'ITEMATTR', 'PARCEL', 'ORDER'], from: 1, to: 3 }, { is: ['ITEMATTR', 'ITEM'], at: -1 }] }] },
          { not: { use: 'postalAddress' } },
          { not: { has: 'PAYMENT' } },
        ],
      },
    },
    { id: 'item.missing', category: 'damaged_or_wrong_item', precedence: 102, when: { all: [{ has: 'MISSING' }, { any: [{ has: 'ITEM' }, { use: 'insideParcel' }] }] } },
    {
      id: 'item.not_what_ordered',
      category: 'damaged_or_wrong_item',
      precedence: 103,
      when: { some: 'NEG', where: [{ then: 'RELATIVE', from: 1, to: 3, onlyFirst: true, where: [{ then: 'ORDERED', from: 1, to: 3 }] }] },
    },
    // "sigue sin funcionar", "continua sem funcionar", "still without working": a fault that goes on.
    {
      id: 'item.not_working',
      category: 'damaged_or_wrong_item',
      precedence: 104,
      when: { all: [{ any: [{ some: 'NEG', where: [{ then: 'WORK', from: 1, to: 3 }] }, { some: 'WITHOUT', where: [{ is: 'WORK', at: 1 }, { is: 'STILL', at: -1 }] }] }, { use: 'goodsTalk' }] },
    },
    // "funktioniert nicht mehr", "ne fonctionne plus" where the negation follows the verb (not asked: "does it not work with ...?").
    {
      id: 'item.works_not',
      category: 'damaged_or_wrong_item',
      precedence: 105,
      // "es geht nicht um die Rücksendung" is "it is not about the return".
      when: { all: [{ some: 'WORK', where: [{ then: 'NEG', from: 1, to: 2, where: [{ not: { word: 'um', at: 1 } }] }] }, { use: 'goodsTalk' }, { any: [{ not: { flag: 'question' } }, { use: 'opensWithThing' }] }] },
    },
    // "stopped working", "dejó de funcionar", "a cessé de fonctionner", "ha smesso di funzionare", "parou de funcionar".
    { id: 'item.stopped_working', category: 'damaged_or_wrong_item', precedence: 106, when: { some: 'STOPPED', where: [{ then: 'WORK', from: 1, to: 2 }] } },
    // "arrived without the cable", "llegó sin", "arrivé sans", "kam ohne", "arrivato senza", "chegou sem".
    { id: 'item.arrived_without', category: 'damaged_or_wrong_item', precedence: 107, when: { some: 'ARRIVE', where: [{ then: 'WITHOUT', from: 1, to: 2 }] } },
    { id: 'item.empty_parcel', category: 'damaged_or_wrong_item', precedence: 108, when: { some: 'EMPTY', where: [{ near: ['PARCEL', 'ORDER'], window: 4 }] } },
    // "it arrived in pieces", "me llegó en pedazos", "es kam in Einzelteilen an", "è arrivato a pezzi".
    // ("are the shelves delivered in pieces?" without an arrival word asks about assembly.)
    {
      id: 'item.in_pieces',
      category: 'damaged_or_wrong_item',
      precedence: 119,
      when: {
        any: [
          { some: 'PIECES', where: [{ then: 'ARRIVE', from: -4, to: -1 }] },
          { all: [{ some: 'PIECES', where: [{ is: 'INSIDE', at: -1 }] }, { any: [{ not: { flag: 'question' } }, { some: 'POSS', where: [{ use: 'ownWord' }] }] }] },
        ],
      },
    },
    // "the screws are missing", "faltan los tornillos", "Die Schrauben fehlen": a thing missing, no parcel named (that is delivery.missing_parcel).
    {
      id: 'item.missing_thing',
      category: 'damaged_or_wrong_item',
      precedence: 120,
      when: {
        all: [
          { has: 'MISSING' },
          { not: { has: ['PARCEL', 'ORDER', 'REFUND', 'MONEY', 'TRACKING', 'INFO', 'NONORDER', 'DISCOUNT', 'PAYMENT'] } },
          { not: { flag: 'orderNumber' } },
          { not: { flag: 'question' } },
        ],
      },
    },
    // "the compost wasn't in the box", "le hub n'était pas dans le colis" (not "I did not receive the parcel").
    // "en la caja solo venía el felpudo, el filtro no estaba": what the parcel held told, and something not there.
    {
      id: 'item.not_in_parcel',
      category: 'damaged_or_wrong_item',
      precedence: 112,
      when: {
        any: [
          { some: 'NEG', where: [{ then: 'PARCEL', from: 1, to: 4, until: 'ARRIVE' }] },
          { all: [{ use: 'insideParcel' }, { has: 'NEG' }, { not: { flag: 'question' } }, { not: { has: ['NONORDER', 'REFUND', 'MONEY', 'PAYMENT', 'TRACKING'] } }] },
        ],
      },
    },
    // "a completely different printer came", "I received a different colour".
    { id: 'item.different_arrived', category: 'damaged_or_wrong_item', precedence: 113, when: { some: 'DIFFERENT', where: [{ near: 'ARRIVE', window: 3 }] } },
    // "you sent me a white cap, I ordered the black one", "recebi ... mas pedi ...": something came, then what they ordered.
    {
      id: 'item.other_than_ordered',
      category: 'damaged_or_wrong_item',
      precedence: 114,
      when: {
        all: [
          { some: ['ARRIVE', 'SEND'], where: [{ then: 'ORDERED', from: 2, to: 12, where: [{ use: 'orderedBySelf' }] }] },
          { not: { has: ['THANKS', 'RETURN'] } },
          { not: { flag: 'question' } },
        ],
      },
    },
    // "in the parcel there was a Cream set instead of the Sage one", "statt des LP-200 kam ein anderer".
    // "Statt der blauen habt ihr mir eine rote geschickt": sent, told ("schickt mir bitte statt ..." asks for an exchange).
    {
      id: 'item.instead',
      category: 'damaged_or_wrong_item',
      precedence: 115,
      when: {
        all: [
          { has: 'INSTEAD' },
          { any: [{ has: ['ARRIVE', 'PARCEL'] }, { all: [{ has: 'SEND' }, { not: { has: ['PLEASE', 'MODAL'] } }, { not: { some: '*', where: [{ use: 'want' }] } }] }] },
          { not: { flag: 'question' } },
        ],
      },
    },
    // "I didn't order this", "no pedí esto".
    { id: 'item.not_ordered_this', category: 'damaged_or_wrong_item', precedence: 109, when: { some: 'NEG', where: [{ is: ['ORDER', 'ORDERED'], at: 1 }, { is: 'POSS', at: 2 }] } },
    // "not the item I ordered", "ce n'est pas l'article que j'ai commandé", "nicht der Artikel, den ich bestellt habe".
    {
      id: 'item.not_the_one_ordered',
      category: 'damaged_or_wrong_item',
      precedence: 110,
      when: { some: 'NEG', where: [{ then: 'ORDERED', from: 2, to: 6, until: 'INFO', where: [{ use: 'orderedBySelf' }] }] },
    },
    // "a different colour than I ordered", "un produto diferente do que encomendei".
    {
      id: 'item.different_from_ordered',
      category: 'damaged_or_wrong_item',
      precedence: 111,
      // "a totally different colour to the one I picked": the thing compared may take a few words.
      when: { some: 'DIFFERENT', where: [{ then: 'ORDERED', from: 1, to: 6, until: 'INFO', where: [{ use: 'orderedBySelf' }] }] },
    },

    // A fault told without a damage word: "the lavender has died", "o Tab 10 desliga-se sozinho", "se apaga solo".
    // Told, then asked: "the speaker crackles at high volume, what can you do?" (opensWithThing).
    {
      id: 'item.fault',
      category: 'damaged_or_wrong_item',
      precedence: 116,
      when: { all: [{ has: 'FAULT' }, { use: 'goodsTalk' }, { any: [{ not: { flag: 'question' } }, { some: 'POSS', where: [{ use: 'ownWord' }] }, { use: 'opensWithThing' }] }] },
    },
    // "my watch turns itself off", "the mouse double clicks on its own", "il Tab 10 si riavvia da solo": a thing of theirs
    // doing something by itself, told (a question about a product that "turns itself off" asks about a feature).
    {
      id: 'item.acts_alone',
      category: 'damaged_or_wrong_item',
      precedence: 124,
      when: { all: [{ some: '*', where: [{ use: 'ownAccord' }] }, { use: 'goodsTalk' }, { any: [{ not: { flag: 'question' } }, { use: 'opensWithThing' }] }, { not: { has: 'PRODUCTCUE' } }, { not: { some: 'IF', where: [{ first: true }] } }] },
    },
    // "the label printer prints blank labels", "druckt nur noch Streifen", "imprime des pages blanches", "stampa solo righe":
    // a device putting out nothing or stripes is a fault told without a damage word.
    {
      id: 'item.bad_output',
      category: 'damaged_or_wrong_item',
      precedence: 122,
      // "prints on blank labels" is what it is for; asked, it is a fault only of theirs or gone on ("nur noch", "still").
      when: {
        all: [
          { some: 'OUTPUT', where: [{ then: 'BADOUTPUT', from: 1, to: 4, where: [{ not: { is: 'ONTO', at: -1 } }] }] },
          { use: 'goodsTalk' },
          { any: [{ not: { flag: 'question' } }, { has: ['POSS', 'SELF', 'STILL', 'YET'] }] },
        ],
      },
    },
    // "the motor now cuts out", "it shuts off after a minute": an English phrasal verb of a fault.
    {
      id: 'item.cuts_out',
      pack: 'en',
      category: 'damaged_or_wrong_item',
      precedence: 118,
      when: {
        all: [{ some: '*', where: [{ word: ['cuts', 'shuts', 'conks'] }, { word: ['out', 'off', 'down'], at: 1 }] }, { use: 'goodsTalk' }, { any: [{ not: { flag: 'question' } }, { use: 'opensWithThing' }] }],
      },
    },
    // "the strap came loose", "the heel fell off", "it fell apart after a week": English phrasal verbs of a thing breaking.
    {
      id: 'item.fell_apart',
      pack: 'en',
      category: 'damaged_or_wrong_item',
      precedence: 123,
      when: {
        all: [
          { some: '*', where: [{ word: ['fell', 'falls', 'came', 'comes'] }, { word: ['apart', 'loose', 'off', 'undone'], at: 1 }, { not: { entity: true, at: -1 } }] },
          { use: 'goodsTalk' },
          { any: [{ not: { flag: 'question' } }, { use: 'opensWithThing' }] },
          { not: { has: ['PRICE', 'FEE', 'DISCOUNT'] } },
        ],
      },
    },
    // "I want to claim on the plant guarantee", "quiero usar la garantía": a warranty or guarantee claim.
    {
      id: 'item.warranty_claim',
      category: 'damaged_or_wrong_item',
      precedence: 117,
      when: {
        all: [
          { has: 'GUARANTEE' },
          {
            any: [
              { near: ['COMPLAINT', 'GUARANTEE'], window: 4 },
              { some: '*', where: [{ use: 'want' }, { not: { is: 'NEG', at: -1 } }, { not: { is: 'NEG', at: 1 } }, { then: 'GUARANTEE', from: 1, to: 5, until: 'INFO' }] },
            ],
          },
          { not: { flag: 'question' } },
        ],
      },
    },

    // --- complaints
    { id: 'complaint.keyword', category: 'complaint', precedence: 130, when: { has: 'COMPLAINT' } },
    { id: 'complaint.not_satisfied', category: 'complaint', precedence: 131, when: { some: 'NEG', where: [{ then: 'SATISFIED', from: 1, to: 3 }] } },
    { id: 'complaint.bad_service', category: 'complaint', precedence: 132, when: { near: ['BAD', 'SERVICE'], window: 2, ordered: true } },

    // --- a person: agents and humans, not "customer service" opening hours; French "personne ne" is "nobody".
    {
      id: 'human.person',
      category: 'human_request',
      precedence: 140,
      // "a tent for 2 people", "tenda para 2 pessoas": a number of people is a capacity.
      when: {
        all: [{ some: 'HUMAN', where: [{ not: { all: [{ word: 'personne' }, { word: ['ne', 'n'], at: 1 }] } }, { not: { entity: true, at: -1 } }] }, { use: 'asksForPerson' }],
      },
    },
    { id: 'human.assistant', category: 'human_request', precedence: 141, when: { all: [{ has: 'CONTACT' }, { has: 'ASSISTANT' }, { use: 'asksForPerson' }] } },

    // --- closing or deleting the shopper's account, for shops that route it to a person
    // (settings.routeToPerson.accountClosing; elsewhere it is answered, as the routing benchmark's
    // table labels it). Asking how it is done is answered from the policies either way.
    {
      id: 'other.account_closing',
      category: 'other',
      precedence: 150,
      shopChoice: 'accountClosing',
      when: {
        all: [
          { some: ['CLOSE', 'REMOVE', 'CANCEL'], where: [{ near: 'ACCOUNT', window: 4 }] },
          { any: [{ not: { flag: 'question' } }, { has: 'PLEASE' }] },
        ],
      },
    },
  ],

  /** Questions about the rules are answered from policy; an action the shopper says they do not want is not requested. */
  exemptions: [
    ...NOT_WANTED,
    {
      // "what happens if my parcel gets lost?": asking about the rules for a case, not reporting it.
      id: 'hypothetical',
      categories: ['delivery_problem', 'damaged_or_wrong_item', 'refund', 'return', 'exchange', 'cancellation'],
      when: { all: [{ use: 'hypothetical' }, { not: { use: 'specific' } }] },
    },
    {
      // "what is your policy for items that arrive damaged?": about the rules, nothing of theirs named.
      id: 'policy_question_problem',
      categories: ['damaged_or_wrong_item', 'delivery_problem'],
      // Named as a policy or its cases: "is it normal that it is late?" is a report, not a policy question.
      when: { all: [{ flag: 'question' }, { has: ['POLICY', 'CASES'] }, { not: { use: 'specific' } }, { not: { has: 'POSS' } }] },
    },
    {
      // "how long do I have to report a broken item?": the deadline for a kind of case, nothing of theirs named.
      id: 'deadline_question',
      categories: ['damaged_or_wrong_item'],
      when: { all: [{ flag: 'asksDuration' }, { has: 'INDEF' }, { not: { use: 'specific' } }, { not: { has: 'POSS' } }] },
    },
    {
      id: 'policy_question',
      categories: ['refund', 'return', 'exchange', 'cancellation', 'order_change', 'address_change', 'discount', 'complaint'],
      when: { all: [{ use: 'strongPolicy' }, { not: { use: 'specific' } }] },
    },
    {
      // "can plants be returned if I change my mind?", "ça peut se retourner ?": whether it can be done.
      id: 'possibility_question',
      categories: ['refund', 'return', 'exchange', 'cancellation'],
      when: { all: [{ use: 'possibilityAsked' }, { not: { use: 'specific' } }] },
    },
    {
      // "can I cancel an order after it has shipped?", "if I return something, do I get a refund?".
      id: 'generic_question',
      categories: ['refund', 'return', 'exchange', 'cancellation', 'order_change'],
      when: { all: [{ use: 'genericAction' }, { not: { use: 'specific' } }] },
    },
    {
      // "if I return boots I wore once, do I still get my money back?": a case supposed, then asked about; nothing told
      // ("if I sent it back, why haven't I got my money?" tells what did not happen).
      id: 'supposed_question',
      categories: ['refund', 'return', 'exchange', 'cancellation'],
      when: { all: [{ flag: 'question' }, { some: 'IF', where: [{ first: true }] }, { not: { flag: 'orderNumber' } }, { not: { has: ['NEG', 'DONEFORM', 'HAVE'] } }] },
    },
    {
      // "is the refund made to the same card?", "le remboursement se fait sur la carte utilisée ?", "o reembolso é feito no
      // mesmo cartão?": how refunds are paid, asked; nothing of theirs awaited or told.
      id: 'refund_method_question',
      categories: ['refund'],
      when: {
        all: [
          { flag: 'question' },
          { some: 'REFUND', where: [{ is: 'DETERMINER', at: -1 }, { not: { is: 'POSS', at: -1 } }] },
          { has: ['PAYMENT', 'PAYMETHOD'] },
          { not: { has: ['POSS', 'STILL', 'YET', 'ARRIVE', 'HAVE', 'STATUS', 'RETURN', 'MONEY', 'WROTE'] } },
          // Portuguese "no" is also "in the" ("no mesmo cartão").
          { not: { some: 'NEG', where: [{ not: { is: 'INSIDE' } }] } },
          { not: { use: 'specific' } },
          { not: { some: '*', where: [{ use: 'want' }] } },
        ],
      },
    },
    {
      // "can I return sale items?": whether a kind of thing qualifies.
      id: 'eligibility_question',
      categories: ['refund', 'return', 'exchange', 'discount'],
      // "it went on sale after I bought it, could I have the difference?" asks for a sum, not whether sale items qualify.
      when: { all: [{ use: 'eligibility' }, { not: { use: 'specific' } }, { not: { use: 'owns' } }, { not: { has: 'DIFFERENCE' } }] },
    },
  ],

  riskFlags: [
    { id: 'chargeback_threat', when: { any: [{ has: 'CHARGEBACK' }, { all: [{ has: 'BANK' }, { any: [{ has: ['CONTACT', 'COMPLAINT'] }, { hasWord: ['report', 'tell'] }] }] }] } },
    { id: 'legal_threat', when: { has: 'LEGAL' } },
    { id: 'repeat_contact', when: { any: [{ has: 'REPEAT' }, { all: [{ has: 'STILL' }, { has: ['CONTACT', 'WROTE'] }] }] } },
    { id: 'angry', when: { any: [{ has: 'ANGRY' }, { flag: 'exclaims' }, { flag: 'shouts' }] } },
  ],
} as const satisfies RuleBook;
