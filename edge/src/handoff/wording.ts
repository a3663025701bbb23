import type { Locale } from '../../../shared/chat';
import type { HandoffCategory } from '../../../shared/ticket';

/**
 * Everything a handoff says, in the four widget languages. The shopper-facing sentence is
 * deliberately non-committal: only a person can grant a refund, a discount or a change.
 */

const TOPIC: Record<HandoffCategory, Record<Locale, string>> = {
  refund: { en: 'refund', es: 'reembolso', fr: 'remboursement', de: 'Rückerstattung' },
  return: { en: 'return', es: 'devolución', fr: 'retour', de: 'Rücksendung' },
  exchange: { en: 'exchange', es: 'cambio de artículo', fr: 'échange', de: 'Umtausch' },
  cancellation: { en: 'cancellation', es: 'cancelación', fr: 'annulation', de: 'Stornierung' },
  order_change: { en: 'order change', es: 'modificación del pedido', fr: 'modification de commande', de: 'Bestelländerung' },
  address_change: { en: 'address change', es: 'cambio de dirección', fr: "changement d'adresse", de: 'Adressänderung' },
  discount: { en: 'discount', es: 'descuento', fr: 'réduction', de: 'Rabatt' },
  payment_problem: { en: 'payment', es: 'pago', fr: 'paiement', de: 'Zahlung' },
  delivery_problem: { en: 'delivery', es: 'entrega', fr: 'livraison', de: 'Lieferung' },
  damaged_or_wrong_item: { en: 'damaged or wrong item', es: 'artículo dañado o equivocado', fr: 'article endommagé ou erroné', de: 'beschädigter oder falscher Artikel' },
  complaint: { en: 'complaint', es: 'reclamación', fr: 'réclamation', de: 'Beschwerde' },
  human_request: { en: 'support', es: 'atención', fr: 'assistance', de: 'Support' },
  other: { en: 'support', es: 'atención', fr: 'assistance', de: 'Support' },
};

export const topicOf = (category: HandoffCategory, locale: Locale) => TOPIC[category]?.[locale] ?? TOPIC.other[locale];

/** The sentence the shopper sees when a request goes to a person. Promises nothing about the outcome. */
export function handoffWording(category: HandoffCategory, locale: Locale): string {
  const topic = topicOf(category, locale);
  const generic = category === 'other' || category === 'human_request';
  switch (locale) {
    case 'es':
      return generic
        ? 'He pasado tu solicitud a nuestro equipo de atención al cliente; una persona especialista confirmará qué es posible.'
        : `He pasado tu solicitud (${topic}) a nuestro equipo de atención al cliente; una persona especialista confirmará qué es posible.`;
    case 'fr':
      return generic
        ? "J'ai transmis votre demande à notre service client ; un conseiller confirmera ce qui est possible."
        : `J'ai transmis votre demande (${topic}) à notre service client ; un conseiller confirmera ce qui est possible.`;
    case 'de':
      return generic
        ? 'Ich habe Ihre Anfrage an unser Support-Team weitergegeben; eine Fachkraft bestätigt Ihnen, was möglich ist.'
        : `Ich habe Ihre Anfrage (${topic}) an unser Support-Team weitergegeben; eine Fachkraft bestätigt Ihnen, was möglich ist.`;
    default:
      return generic
        ? "I've passed your request to our support team; a specialist will confirm what's possible."
        : `I've passed your ${topic} request to our support team; a specialist will confirm what's possible.`;
  }
}

/** The next-steps line of the handoff card: the reference to quote and where the reply comes. */
export function nextStepsText(ticketId: string, hasEmail: boolean, locale: Locale): string {
  switch (locale) {
    case 'es':
      return `Tu referencia es ${ticketId}. ${hasEmail ? 'Te responderemos por correo electrónico.' : 'Indica esta referencia si nos escribes.'}`;
    case 'fr':
      return `Votre référence est ${ticketId}. ${hasEmail ? 'Nous vous répondrons par e-mail.' : 'Indiquez cette référence si vous nous écrivez.'}`;
    case 'de':
      return `Ihre Referenz lautet ${ticketId}. ${hasEmail ? 'Wir antworten Ihnen per E-Mail.' : 'Bitte geben Sie diese Referenz an, wenn Sie uns schreiben.'}`;
    default:
      return `Your reference is ${ticketId}. ${hasEmail ? "We'll reply by email." : 'Please quote this reference if you write to us.'}`;
  }
}

/**
 * A draft reply for the agent, in the shopper's language. The bracketed part is for the agent
 * to fill in: the draft never decides the outcome, and it is never sent to the shopper by itself.
 */
export function suggestedReplyDraft(input: { category: HandoffCategory; locale: Locale; name: string | null; orderNumber: string | null; shopName: string }): string {
  const { category, locale, name, orderNumber, shopName } = input;
  const topic = topicOf(category, locale);
  switch (locale) {
    case 'es':
      return [
        `Hola${name ? ` ${name}` : ''}:`,
        `Gracias por tu paciencia. Hemos revisado tu solicitud de ${topic}${orderNumber ? ` del pedido ${orderNumber}` : ''}.`,
        '[Decisión y próximos pasos]',
        `Un saludo,\n${shopName}`,
      ].join('\n\n');
    case 'fr':
      return [
        `Bonjour${name ? ` ${name}` : ''},`,
        `Merci pour votre patience. Nous avons examiné votre demande (${topic})${orderNumber ? ` concernant la commande ${orderNumber}` : ''}.`,
        '[Décision et prochaines étapes]',
        `Bien cordialement,\n${shopName}`,
      ].join('\n\n');
    case 'de':
      return [
        `Hallo${name ? ` ${name}` : ''},`,
        `vielen Dank für Ihre Geduld. Wir haben Ihre Anfrage (${topic})${orderNumber ? ` zur Bestellung ${orderNumber}` : ''} geprüft.`,
        '[Entscheidung und nächste Schritte]',
        `Viele Grüße\n${shopName}`,
      ].join('\n\n');
    default:
      return [
        `Hi${name ? ` ${name}` : ''},`,
        `Thanks for your patience. We've looked into your ${topic} request${orderNumber ? ` for order ${orderNumber}` : ''}.`,
        '[Decision and next steps]',
        `Best regards,\n${shopName}`,
      ].join('\n\n');
  }
}
