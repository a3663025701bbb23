import type { Locale } from '../../../../shared/chat';

/**
 * Everything the deterministic engine and the pipeline say, in the four shopper languages.
 * Wording rules: answer only from data, never promise an outcome, always offer a person.
 */
const en = {
  greeting: 'Hi! I can help you find products, explain our policies, or check your order status.',
  thanks: "You're welcome! Is there anything else I can help with?",
  productsFound: 'Here is what I found in our catalog:',
  productsFoundFor: 'Here is what I found for “{query}”:',
  outOfRange: 'Nothing matching “{query}” is in that price range. Here is what we have:',
  variantMatch: '{title} in {options}: {availability}, {price}.',
  optionValues: 'Options for {title}, {option}: {values}.',
  noFact: "The product details of {title} don't say, and I won't guess. A person from our team can check: just say “talk to a person”.",
  noVariant: '{title} is not listed in {options}.',
  noProducts: "I couldn't find anything matching “{query}” in our catalog. I won't guess: would you like me to connect you with a person who can help?",
  policyIntro: 'From our {title}:',
  policyLink: 'Read the full policy: [{title}]({url})',
  noPolicy: "I couldn't find that in our published policies, and I don't want to guess. A person from our team can answer it: just say “talk to a person”.",
  signInForOrders: 'To look up your orders, please sign in to your account first; I can only show order details to the signed-in customer.',
  noOrders: "I couldn't find any orders on your account.",
  orderNotFound: "I couldn't find an order {number} on your account. Please check the number, or ask me about “my orders” to see the ones I can find.",
  severalOrders: 'Here are your {count} most recent orders:',
  unknown: "I'm not sure I understood. I can help with products, our policies (shipping, returns, warranty...) and your order status, or connect you with a person.",
  degraded: "I'm having trouble right now, so here is what I can tell you from our records; a specialist will confirm anything else.",
  failure: "Sorry, something went wrong on our side and I couldn't complete that. I won't guess: a specialist will confirm. You can ask me again or say “talk to a person”.",
  notSaved: "I couldn't save this part of our conversation just now, so it may be missing if you come back later. If you need it kept, please send your message again.",
  handoffFailed: "I couldn't pass your request to our team just now. Please try again in a moment; nothing has been changed on your order.",
  alreadyHandedOff: 'Your request is already with our support team (reference {ticket}). A specialist will get back to you {expected}; I can’t change or promise anything about it here.',
  rateLimited: 'You are sending messages very quickly. Please wait a moment and try again.',
  suggestions: ['Where is my order?', 'What is your return policy?', 'How long does shipping take?', 'Talk to a person'],
};

type Strings = typeof en;

const es: Strings = {
  greeting: '¡Hola! Puedo ayudarte a encontrar productos, explicarte nuestras políticas o consultar el estado de tu pedido.',
  thanks: '¡De nada! ¿Puedo ayudarte con algo más?',
  productsFound: 'Esto es lo que encontré en nuestro catálogo:',
  productsFoundFor: 'Esto es lo que encontré para «{query}»:',
  outOfRange: 'No hay nada que coincida con «{query}» en ese rango de precios. Esto es lo que tenemos:',
  variantMatch: '{title} en {options}: {availability}, {price}.',
  optionValues: 'Opciones de {title}, {option}: {values}.',
  noFact: 'La ficha de {title} no lo indica y no quiero adivinar. Una persona de nuestro equipo puede comprobarlo: escribe «hablar con una persona».',
  noVariant: '{title} no figura en {options}.',
  noProducts: 'No encontré nada que coincida con «{query}» en nuestro catálogo. No quiero adivinar: ¿quieres que te ponga en contacto con una persona?',
  policyIntro: 'De nuestra política «{title}»:',
  policyLink: 'Lee la política completa: [{title}]({url})',
  noPolicy: 'No encontré eso en nuestras políticas publicadas y no quiero adivinar. Una persona de nuestro equipo puede responderte: escribe «hablar con una persona».',
  signInForOrders: 'Para consultar tus pedidos, inicia sesión primero en tu cuenta; solo puedo mostrar los pedidos al cliente que ha iniciado sesión.',
  noOrders: 'No encontré pedidos en tu cuenta.',
  orderNotFound: 'No encontré un pedido {number} en tu cuenta. Revisa el número o pregúntame por «mis pedidos».',
  severalOrders: 'Estos son tus {count} pedidos más recientes:',
  unknown: 'No estoy seguro de haberte entendido. Puedo ayudarte con productos, nuestras políticas y el estado de tu pedido, o ponerte en contacto con una persona.',
  degraded: 'Tengo problemas en este momento, así que te digo lo que consta en nuestros registros; un especialista confirmará lo demás.',
  failure: 'Lo siento, algo falló de nuestro lado y no pude completarlo. No quiero adivinar: un especialista lo confirmará. Puedes volver a preguntar o escribir «hablar con una persona».',
  notSaved: 'No pude guardar esta parte de la conversación ahora mismo, así que puede faltar si vuelves más tarde. Si quieres conservarla, envía tu mensaje de nuevo.',
  handoffFailed: 'No pude pasar tu solicitud a nuestro equipo ahora mismo. Inténtalo de nuevo en un momento; no se ha cambiado nada en tu pedido.',
  alreadyHandedOff: 'Tu solicitud ya está con nuestro equipo de soporte (referencia {ticket}). Un especialista te responderá {expected}; aquí no puedo cambiar ni prometer nada al respecto.',
  rateLimited: 'Estás enviando mensajes muy rápido. Espera un momento e inténtalo de nuevo.',
  suggestions: ['¿Dónde está mi pedido?', '¿Cuál es la política de devoluciones?', '¿Cuánto tarda el envío?', 'Hablar con una persona'],
};

const fr: Strings = {
  greeting: 'Bonjour ! Je peux vous aider à trouver des produits, expliquer nos conditions ou vérifier le statut de votre commande.',
  thanks: 'Avec plaisir ! Puis-je vous aider pour autre chose ?',
  productsFound: 'Voici ce que j’ai trouvé dans notre catalogue :',
  productsFoundFor: 'Voici ce que j’ai trouvé pour « {query} » :',
  outOfRange: 'Rien ne correspond à « {query} » dans cette gamme de prix. Voici ce que nous avons :',
  variantMatch: '{title} en {options} : {availability}, {price}.',
  optionValues: 'Options pour {title}, {option} : {values}.',
  noFact: 'La fiche de {title} ne le précise pas et je ne veux pas deviner. Une personne de notre équipe peut vérifier : écrivez « parler à une personne ».',
  noVariant: '{title} n’est pas proposé en {options}.',
  noProducts: 'Je n’ai rien trouvé correspondant à « {query} » dans notre catalogue. Je préfère ne pas deviner : voulez-vous parler à une personne ?',
  policyIntro: 'Extrait de notre page « {title} » :',
  policyLink: 'Lire la politique complète : [{title}]({url})',
  noPolicy: 'Je n’ai pas trouvé cela dans nos conditions publiées et je préfère ne pas deviner. Une personne de notre équipe peut vous répondre : écrivez « parler à une personne ».',
  signInForOrders: 'Pour consulter vos commandes, connectez-vous d’abord à votre compte ; je ne montre les commandes qu’au client connecté.',
  noOrders: 'Je n’ai trouvé aucune commande sur votre compte.',
  orderNotFound: 'Je n’ai pas trouvé de commande {number} sur votre compte. Vérifiez le numéro ou demandez-moi « mes commandes ».',
  severalOrders: 'Voici vos {count} commandes les plus récentes :',
  unknown: 'Je ne suis pas sûr d’avoir compris. Je peux vous aider pour les produits, nos conditions et le suivi de commande, ou vous mettre en contact avec une personne.',
  degraded: 'Je rencontre un problème en ce moment ; voici ce que disent nos données, un spécialiste confirmera le reste.',
  failure: 'Désolé, un problème est survenu de notre côté. Je préfère ne pas deviner : un spécialiste vous confirmera. Vous pouvez reposer la question ou écrire « parler à une personne ».',
  notSaved: 'Je n’ai pas pu enregistrer cette partie de la conversation pour le moment ; elle pourrait manquer si vous revenez plus tard. Pour la conserver, renvoyez votre message.',
  handoffFailed: 'Je n’ai pas pu transmettre votre demande à notre équipe pour le moment. Réessayez dans un instant ; rien n’a été modifié sur votre commande.',
  alreadyHandedOff: 'Votre demande est déjà entre les mains de notre équipe (référence {ticket}). Un spécialiste vous répondra {expected} ; je ne peux rien modifier ni promettre ici.',
  rateLimited: 'Vous envoyez des messages très rapidement. Patientez un instant puis réessayez.',
  suggestions: ['Où est ma commande ?', 'Quelle est votre politique de retour ?', 'Quels sont les délais de livraison ?', 'Parler à une personne'],
};

const de: Strings = {
  greeting: 'Hallo! Ich helfe Ihnen, Produkte zu finden, erkläre unsere Richtlinien oder prüfe den Status Ihrer Bestellung.',
  thanks: 'Gern geschehen! Kann ich sonst noch helfen?',
  productsFound: 'Das habe ich in unserem Katalog gefunden:',
  productsFoundFor: 'Das habe ich zu „{query}“ gefunden:',
  outOfRange: 'Zu „{query}“ gibt es nichts in dieser Preisspanne. Das haben wir:',
  variantMatch: '{title} in {options}: {availability}, {price}.',
  optionValues: 'Optionen für {title}, {option}: {values}.',
  noFact: 'Die Produktangaben zu {title} sagen dazu nichts, und ich möchte nicht raten. Eine Person aus unserem Team kann nachsehen: schreiben Sie „mit einer Person sprechen“.',
  noVariant: '{title} ist nicht in {options} gelistet.',
  noProducts: 'Zu „{query}“ habe ich in unserem Katalog nichts gefunden. Ich möchte nicht raten: Soll ich Sie mit einer Person verbinden?',
  policyIntro: 'Aus unserer Seite „{title}“:',
  policyLink: 'Vollständige Richtlinie: [{title}]({url})',
  noPolicy: 'Das habe ich in unseren veröffentlichten Richtlinien nicht gefunden, und ich möchte nicht raten. Eine Person aus unserem Team kann es beantworten: schreiben Sie „mit einer Person sprechen“.',
  signInForOrders: 'Um Ihre Bestellungen abzurufen, melden Sie sich bitte zuerst in Ihrem Konto an; Bestelldaten zeige ich nur der angemeldeten Kundin bzw. dem angemeldeten Kunden.',
  noOrders: 'Ich habe keine Bestellungen in Ihrem Konto gefunden.',
  orderNotFound: 'Ich habe keine Bestellung {number} in Ihrem Konto gefunden. Bitte prüfen Sie die Nummer oder fragen Sie nach „meine Bestellungen“.',
  severalOrders: 'Hier sind Ihre {count} neuesten Bestellungen:',
  unknown: 'Ich bin nicht sicher, ob ich Sie verstanden habe. Ich helfe bei Produkten, unseren Richtlinien und dem Bestellstatus oder verbinde Sie mit einer Person.',
  degraded: 'Ich habe gerade ein technisches Problem; hier ist, was unsere Daten sagen, alles Weitere bestätigt ein Spezialist.',
  failure: 'Entschuldigung, bei uns ist etwas schiefgelaufen. Ich möchte nicht raten: Ein Spezialist wird es bestätigen. Fragen Sie gern noch einmal oder schreiben Sie „mit einer Person sprechen“.',
  notSaved: 'Ich konnte diesen Teil des Gesprächs gerade nicht speichern; er könnte fehlen, wenn Sie später zurückkommen. Wenn er erhalten bleiben soll, senden Sie Ihre Nachricht bitte noch einmal.',
  handoffFailed: 'Ich konnte Ihre Anfrage gerade nicht an unser Team weitergeben. Bitte versuchen Sie es gleich noch einmal; an Ihrer Bestellung wurde nichts geändert.',
  alreadyHandedOff: 'Ihre Anfrage liegt bereits bei unserem Support-Team (Referenz {ticket}). Ein Spezialist meldet sich {expected}; hier kann ich daran nichts ändern oder zusagen.',
  rateLimited: 'Sie senden sehr schnell Nachrichten. Bitte warten Sie einen Moment.',
  suggestions: ['Wo ist meine Bestellung?', 'Wie ist Ihre Rückgaberichtlinie?', 'Wie lange dauert der Versand?', 'Mit einer Person sprechen'],
};

const TABLE: Record<Locale, Strings> = { en, es, fr, de };
type StringKey = { [K in keyof Strings]: Strings[K] extends string ? K : never }[keyof Strings];

export function t(locale: Locale, key: StringKey, vars: Record<string, string | number> = {}): string {
  const template = (TABLE[locale] ?? en)[key] ?? en[key];
  return template.replace(/\{(\w+)\}/g, (_, k) => String(vars[k] ?? ''));
}

export const suggestionsFor = (locale: Locale) => (TABLE[locale] ?? en).suggestions;

const AVAILABILITY: Record<Locale, Record<string, string>> = {
  en: { in_stock: 'in stock', low_stock: 'only a few left', out_of_stock: 'out of stock', preorder: 'available to pre-order' },
  es: { in_stock: 'disponible', low_stock: 'quedan pocas unidades', out_of_stock: 'agotado', preorder: 'en preventa' },
  fr: { in_stock: 'en stock', low_stock: 'plus que quelques pièces', out_of_stock: 'en rupture de stock', preorder: 'en précommande' },
  de: { in_stock: 'auf Lager', low_stock: 'nur noch wenige', out_of_stock: 'ausverkauft', preorder: 'vorbestellbar' },
};

export const availabilityText = (locale: Locale, a: string) => AVAILABILITY[locale]?.[a] ?? AVAILABILITY.en[a] ?? a;

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
