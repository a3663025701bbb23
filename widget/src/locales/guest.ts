/**
 * The guest order form's words, in every widget language. A lazy file on purpose: they ship
 * with the guest form chunk (most conversations never show the form), so they cost nothing at
 * first open; the panel's own strings stay in ./<lang>.ts.
 */
const en = {
  title: 'Find your order',
  number: 'Order number',
  email: 'Email used for the order',
  hint: 'Used only to find this order. Not saved in the chat.',
  check: 'Show my order',
  checking: 'Checking…',
  code: '6-digit code from the email',
  confirm: 'Confirm code',
  needNumber: 'Enter the order number from your order confirmation.',
  needEmail: 'Enter the email address you ordered with.',
  needCode: 'Enter the 6 digits from the email.',
};

export type GuestStrings = { [K in keyof typeof en]: string };

export const GUEST_STRINGS: Record<'en' | 'es' | 'fr' | 'de', GuestStrings> = {
  en,
  es: {
    title: 'Buscar tu pedido',
    number: 'Número de pedido',
    email: 'Correo usado en el pedido',
    hint: 'Solo sirve para encontrar este pedido. No se guarda en el chat.',
    check: 'Ver mi pedido',
    checking: 'Comprobando…',
    code: 'Código de 6 cifras del correo',
    confirm: 'Confirmar código',
    needNumber: 'Escribe el número de pedido de tu confirmación.',
    needEmail: 'Escribe el correo con el que hiciste el pedido.',
    needCode: 'Escribe las 6 cifras del correo.',
  },
  fr: {
    title: 'Retrouver votre commande',
    number: 'Numéro de commande',
    email: 'E-mail utilisé pour la commande',
    hint: 'Sert uniquement à retrouver cette commande. Non enregistré dans le chat.',
    check: 'Voir ma commande',
    checking: 'Vérification…',
    code: 'Code à 6 chiffres reçu par e-mail',
    confirm: 'Confirmer le code',
    needNumber: 'Saisissez le numéro figurant sur votre confirmation de commande.',
    needEmail: 'Saisissez l’adresse e-mail utilisée pour la commande.',
    needCode: 'Saisissez les 6 chiffres de l’e-mail.',
  },
  de: {
    title: 'Bestellung finden',
    number: 'Bestellnummer',
    email: 'E-Mail der Bestellung',
    hint: 'Nur zum Finden dieser Bestellung. Wird nicht im Chat gespeichert.',
    check: 'Bestellung anzeigen',
    checking: 'Wird geprüft…',
    code: '6-stelliger Code aus der E-Mail',
    confirm: 'Code bestätigen',
    needNumber: 'Geben Sie die Bestellnummer aus Ihrer Bestellbestätigung ein.',
    needEmail: 'Geben Sie die E-Mail-Adresse der Bestellung ein.',
    needCode: 'Geben Sie die 6 Ziffern aus der E-Mail ein.',
  },
};
