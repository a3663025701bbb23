import { LEXICON } from './lexicon';
import { findOrderNumbers } from './order-numbers';
import { Annotated, detectLanguage, Lexicon, normalizeWord, type Language } from './text';

export interface ShopperIntents {
  /** Where is my order / tracking / when will it arrive / order status. */
  orderStatus: boolean;
  /** Order references typed by the shopper ("#1042", "order 1042", "W-88312"). */
  orderNumbers: string[];
  /** Asks about shipping, returns, refunds, exchanges, warranty, payment methods, privacy, contact... */
  policyQuestion: boolean;
  /** Normalised English topic words, usable as policy search terms. */
  policyTopics: string[];
  /** The product-search part of the message without filler words, or null when it is not about products. */
  productQuery: string | null;
  greeting: boolean;
  thanks: boolean;
  language: Language;
}

/** Topic words, matched like the gate's keywords (accents, typos, four languages). */
const TOPICS = new Lexicon(
  {
    shipping: `shipping ship ships shipped delivery deliver postage courier carrier express envio envios entrega livraison livrer expedition versand lieferung liefern porto lieferzeit lieferzeiten lieferdauer`,
    returns: `return returns returning returnable devolucion devoluciones devolver retour retours retourner renvoyer rucksendung* ruckgabe* zurucksend* retoure*`,
    refunds: `refund* reimburs* reembols* rembours* erstattung* ruckerstatt* *erstattung`,
    exchanges: `exchange* swap cambio cambios echange* umtausch*`,
    warranty: `warranty warranties guarantee guaranty garantia garantie gewahrleistung repair repairs`,
    payment: `payment payments pay paying paypal klarna card cards installments pago pagos pagar tarjeta paiement payer carte zahlung* bezahlen bezahlung zahlungsart*`,
    privacy: `privacy data gdpr cookies cookie personal datos privacidad donnees confidentialite datenschutz daten`,
    contact: `contact phone telephone call email hours opening open store stores horario horarios contacto telefono horaires ouverture contacter kontakt telefon offnungszeiten erreichbar`,
    cancellation: `cancel* anul* storn* widerruf*`,
    discounts: `discount* coupon* promo* voucher* sale descuento* cupon* rebajas reduction* remise* soldes rabatt* gutschein*`,
    sizing: `sizing fit fits measurements tallas taille tailles passform grossentabelle`,
    'gift cards': `giftcard giftcards`,
  },
  'order orders about other',
  6,
);
const POLICY_ORDER = ['returns', 'refunds', 'exchanges', 'shipping', 'cancellation', 'payment', 'warranty', 'discounts', 'privacy', 'contact', 'sizing', 'gift cards'];

const GREETING = /^\s*(hi|hii+|hello|hey|heya|hiya|yo|good (morning|afternoon|evening)|hola|buen[oa]s (dias|días|tardes|noches)|bonjour|bonsoir|salut|coucou|hallo|guten (morgen|tag|abend)|moin|servus|gr[üu](ss|ß) gott)\b/i;
const THANKS = /\b(thanks?|thank you|thx|ty|cheers|much appreciated|gracias|merci|danke|vielen dank|dankesch[öo]n)\b/i;

const STATUS_WORDS = new Set(
  `where track tracking trace status eta arrive arrives arriving arrived ship shipped dispatched sent deliver delivered delivery when
   donde seguimiento rastrear rastreo estado llega llegara llegar enviado cuando
   ou suivi suivre statut arrive arrivera expedie envoye livre quand
   wo verfolgen sendungsverfolgung status ankommen kommt versandt verschickt geliefert wann`
    .split(/\s+/)
    .filter(Boolean)
    .map(normalizeWord),
);

const PRODUCT_CUES = new Set(
  `have has sell sells stock available availability looking search find recommend recommendation price cost costs size sizes colour color
   colours colors material made waterproof fit fits buy model version
   tienen teneis vende venden busco buscando disponible precio talla color
   avez vendez cherche disponible prix taille couleur
   haben habt verkaufen suche verfugbar preis grosse farbe`
    .split(/\s+/)
    .filter(Boolean)
    .map(normalizeWord),
);

/** Words that carry no product meaning in a search: function words, question words, shop small talk. */
const FILLER = new Set(
  `a an the this that these those it its is are was were be been am do does did have has had having can could would should will shall may might must
   i me my mine you your we our us they them he she his her of to in on at for with from by about as and or but if so than then also too very
   just really please pls hi hello hey thanks thank what which who whom whose where when why how any some there here
   looking look search searching find finding want wanted need needs like would get buy sell sells selling stock available availability
   recommend recommendation suggest something anything one ones kind sort type
   el la los las un una unos unas de del al y o que en con por para es son tienen teneis tiene vende venden hay busco buscando quiero necesito
   me mi mis tu su sus este esta estos estas algo alguna alguno disponible hola gracias
   le les des du et ou en avec pour est sont avez vous vendez cherche je veux voudrais besoin mon ma mes ce cette ces quelque chose disponible
   bonjour merci y a-t-il il
   der die das den dem des ein eine einen einem und oder in im mit fur von zu ist sind haben habt hast sie ihr ich mochte suche brauche verkaufen
   mein meine etwas verfugbar hallo danke gibt es
   ok okay yes yeah no nope so much lot lots great cool perfect awesome nice good fine bye goodbye all well right sure si vale oui non ja nein gut super`
    .split(/\s+/)
    .filter(Boolean)
    .map(normalizeWord),
);

const ORDER_HISTORY =
  /\b(what (did|have) i (order|ordered|buy|bought|purchase|purchased)|(show|list|see|view|check|display) (me )?(all )?(of )?my (recent |last |latest |past |previous |current |open )?(orders?|purchases?)|order history|purchase history|my (recent |last |latest |past |previous )?(orders|purchases)$|que (he )?(pedi|pedido|compre|comprado)|(ver|mostrar|muestrame) mis pedidos|historial de pedidos|qu ai je (commande|achete)|(voir|afficher) mes commandes|historique de commandes?|was habe ich (bestellt|gekauft)|(zeig|zeige) (mir )?meine bestellungen|bestellverlauf|bestellhistorie)\b/;
// "has my camera shipped?", "when will my new boots arrive?": something the customer bought, on its way.
const OWN_THING_MOVING =
  /\b(has|have|did|is|are|was|were|when (will|does|do|did|is|are)|where (is|are)) my ([a-z0-9]+ ){1,3}?(shipped|arrived|dispatched|delivered|sent|left|been (shipped|sent|delivered|dispatched)|arrive|ship|come|get here|on (its|their) way)\b/;
const ACTION_CONCEPTS = ['REFUND', 'RETURN', 'EXCHANGE', 'CANCEL', 'CHANGE', 'ADD', 'REMOVE', 'DISCOUNT', 'COMPLAINT', 'DAMAGED', 'ADDRESS', 'PAYMENT'];

function isQuestion(raw: string, s: Annotated): boolean {
  return /[?¿]/.test(raw) || s.has('INFO') || /^(how|what|when|which|where|can|could|do|does|is|are|como|que|cual|donde|puedo|comment|quel|quelle|quand|wie|was|wann|welche|kann|gibt)$/.test(s.word(0));
}

/**
 * Decides which safe tools the offline engine may call for a message:
 * order status, policy search and catalog search. Requests that need a
 * person are the gate's job (`classifyMessage`); a mixed message sets both.
 */
export function detectIntents(text: string): ShopperIntents {
  const s = new Annotated(text, LEXICON);
  const orderNumbers = findOrderNumbers(text);
  const language = detectLanguage(text);

  // --- order status
  const hasStatusWord = s.tokens.some((t) => STATUS_WORDS.has(t.norm)) || s.has('ARRIVE');
  const ownShipment = s.tokens.some((t, i) => s.is(i, 'POSS') && (s.within(i + 1, 'ORDER', 2) || s.within(i + 1, 'PARCEL', 2) || s.within(i + 1, 'ITEM', 2)));
  const orderRef = orderNumbers.length > 0 || s.has('ORDER') || ownShipment;
  const howLongPolicy = /\b(how long|cuanto tiempo|cuanto tarda|combien de temps|wie lange)\b/.test(normalizeWordsJoined(text)) && !ownShipment && orderNumbers.length === 0;
  const trackingNumber = s.hasWord('tracking', 'seguimiento', 'suivi', 'sendungsverfolgung', 'sendungsnummer');
  // A bare order reference ("#1042?", "wher is my ordr #1042") asks for that order's status.
  const bareReference = orderNumbers.length > 0 && !ACTION_CONCEPTS.some((c) => s.has(c));
  // "what did I order?", "show my orders", "order history": the customer's own orders, no status word needed.
  const orderHistory = (ORDER_HISTORY.test(normalizeWordsJoined(text).trim()) || OWN_THING_MOVING.test(normalizeWordsJoined(text))) && !ACTION_CONCEPTS.some((c) => s.has(c));
  const orderStatus = orderHistory || bareReference || (hasStatusWord && orderRef && !howLongPolicy && (ownShipment || orderNumbers.length > 0 || s.hasWord('track', 'tracking', 'status', 'where', 'donde', 'ou', 'wo', 'estado', 'statut', 'eta'))) || trackingNumber;

  // --- policy topics
  const topics = new Set<string>();
  for (const t of s.tokens) for (const topic of TOPICS.lookup(t.norm)) topics.add(topic);
  if (s.has('FEE') && topics.size === 0 && s.has('CANCEL')) topics.add('cancellation');
  // "size guide", "size chart", "guía de tallas", "guide des tailles", "Größentabelle": the sizing page.
  const sizeGuide = SIZE_GUIDE.test(normalizeWordsJoined(text));
  if (sizeGuide) topics.add('sizing');
  const policyTopics = POLICY_ORDER.filter((t) => topics.has(t));
  const asks = isQuestion(text, s) || s.has('POLICY') || s.has('FEE') || s.has('CASES') || sizeGuide;
  // "where is my order" mentions shipping words, but it is a status question, not a policy one.
  const onlyStatusTopics = orderStatus && policyTopics.every((t) => t === 'shipping');
  const policyQuestion = policyTopics.length > 0 && asks && !onlyStatusTopics;

  // --- product search
  const greeting = GREETING.test(text);
  const thanks = THANKS.test(text);
  const productQuery = sizeGuide ? null : extractProductQuery(text, s, orderStatus || orderNumbers.length > 0 || s.has('ORDER'), policyTopics.length > 0);

  return { orderStatus, orderNumbers, policyQuestion, policyTopics, productQuery, greeting, thanks, language };
}

const SIZE_GUIDE = /\b(size (guide|chart|table)s?|sizing (guide|chart)|what size (should|do) i|which size (should|do) i|find my size|guia de tallas|tabla de tallas|guide des tailles|tableau des tailles|grossentabelle|grossenberater|welche grosse)\b/;

function normalizeWordsJoined(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, ' ');
}

/** Concepts that belong to orders, policies and handoffs rather than to a product search. */
const NON_PRODUCT_CONCEPTS = [
  'REFUND', 'RETURN', 'EXCHANGE', 'CANCEL', 'ORDER', 'ADDRESS', 'DISCOUNT', 'PAYMENT', 'PAYMETHOD', 'DELAY', 'COMPLAINT', 'HUMAN',
  'CONTACT', 'POLICY', 'FEE', 'NONORDER', 'HELP', 'INFO', 'WANT', 'PLEASE', 'NEG', 'ANGRY', 'SERVICE', 'CHANGE',
];

function extractProductQuery(raw: string, s: Annotated, aboutOrder: boolean, aboutPolicy: boolean): string | null {
  const cue = s.tokens.some((t) => PRODUCT_CUES.has(t.norm));
  const words = raw
    .toLowerCase()
    .replace(/\{\{[^}]*\}\}/g, ' ')
    .split(/[^\p{L}\p{N}'-]+/u)
    .map((w) => w.replace(/^['-]+|['-]+$/g, ''))
    .filter(Boolean);
  const kept: string[] = [];
  for (const w of words) {
    const norm = normalizeWord(w);
    if (!norm || FILLER.has(norm)) continue;
    if (/^#?\d+$/.test(w) && !/size|talla|taille|grosse|gr/.test(kept[kept.length - 1] ?? '')) {
      // Bare numbers are only kept after a size word ("size 10"), never as order numbers.
      if (aboutOrder) continue;
    }
    const concepts = LEXICON.lookup(norm);
    if (concepts.some((c) => NON_PRODUCT_CONCEPTS.includes(c))) continue;
    if (GREETING.test(w) || THANKS.test(w)) continue;
    kept.push(w);
  }
  if (kept.length === 0) return null;
  // Without a product cue, leftovers of an order or policy question are not a search.
  if (!cue && (aboutOrder || aboutPolicy)) return null;
  // "can I change the size?" leaves only attribute words: nothing to search for.
  if (kept.every((w) => PRODUCT_CUES.has(normalizeWord(w)) || /^\d+$/.test(w))) return null;
  return kept.join(' ');
}
