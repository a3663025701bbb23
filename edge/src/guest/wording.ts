import type { Locale } from '../../../shared/chat';

/** What guests are told about the order check, in every reply language (shared/chat.ts LOCALES). */
const WORDS = {
  en: {
    offerForm: 'I can look up an order with its order number and the email used for it. Please use the secure form below; what you type there is not saved in this chat.',
    emailRemoved: 'For your privacy I removed the email address from your message.',
    verified: 'Thanks, that matches order {number}. I can show you its status here for the next {minutes} minutes.',
    notMatched: "We couldn't find an order with that number and email. Please check both against your order confirmation, or sign in if you have an account.",
    codeSent: "If the details match, we've sent a code to the order's email. Enter it here; it is valid for 10 minutes.",
    codeWrong: "That code didn't work. Please check it, or ask for a new one.",
    locked: 'Too many attempts. For your security, order lookups are paused for about {minutes} minutes. You can sign in, or ask to talk to a person.',
    expired: 'Order details hidden: verify the order again to see them.',
  },
  es: {
    offerForm: 'Puedo buscar un pedido con su número y el correo usado en la compra. Usa el formulario seguro de abajo; lo que escribas ahí no se guarda en este chat.',
    emailRemoved: 'Por tu privacidad, he quitado la dirección de correo de tu mensaje.',
    verified: 'Gracias, coincide con el pedido {number}. Puedo mostrarte su estado aquí durante los próximos {minutes} minutos.',
    notMatched: 'No encontramos ningún pedido con ese número y ese correo. Compáralos con la confirmación del pedido o inicia sesión si tienes cuenta.',
    codeSent: 'Si los datos coinciden, hemos enviado un código al correo del pedido. Escríbelo aquí; vale 10 minutos.',
    codeWrong: 'Ese código no ha funcionado. Revísalo o pide uno nuevo.',
    locked: 'Demasiados intentos. Por tu seguridad, las consultas de pedidos quedan en pausa unos {minutes} minutos. Puedes iniciar sesión o pedir hablar con una persona.',
    expired: 'Detalles del pedido ocultos: verifica el pedido de nuevo para verlos.',
  },
  fr: {
    offerForm: 'Je peux retrouver une commande avec son numéro et l’e-mail utilisé. Utilisez le formulaire sécurisé ci-dessous ; ce que vous y saisissez n’est pas enregistré dans ce chat.',
    emailRemoved: 'Pour votre confidentialité, j’ai retiré l’adresse e-mail de votre message.',
    verified: 'Merci, cela correspond à la commande {number}. Je peux vous en montrer le statut ici pendant les {minutes} prochaines minutes.',
    notMatched: 'Nous n’avons trouvé aucune commande avec ce numéro et cet e-mail. Vérifiez-les dans votre confirmation de commande, ou connectez-vous si vous avez un compte.',
    codeSent: 'Si les informations correspondent, nous avons envoyé un code à l’e-mail de la commande. Saisissez-le ici ; il est valable 10 minutes.',
    codeWrong: 'Ce code n’a pas fonctionné. Vérifiez-le ou demandez-en un nouveau.',
    locked: 'Trop de tentatives. Pour votre sécurité, la recherche de commandes est suspendue pendant environ {minutes} minutes. Vous pouvez vous connecter ou demander à parler à une personne.',
    expired: 'Détails de la commande masqués : vérifiez à nouveau la commande pour les voir.',
  },
  de: {
    offerForm: 'Ich kann eine Bestellung mit ihrer Bestellnummer und der dabei verwendeten E-Mail finden. Bitte nutzen Sie das sichere Formular unten; was Sie dort eingeben, wird nicht im Chat gespeichert.',
    emailRemoved: 'Zu Ihrem Schutz habe ich die E-Mail-Adresse aus Ihrer Nachricht entfernt.',
    verified: 'Danke, das passt zur Bestellung {number}. Ich kann Ihnen ihren Status hier in den nächsten {minutes} Minuten zeigen.',
    notMatched: 'Wir haben keine Bestellung mit dieser Nummer und E-Mail gefunden. Bitte prüfen Sie beides in Ihrer Bestellbestätigung oder melden Sie sich an, falls Sie ein Konto haben.',
    codeSent: 'Wenn die Angaben passen, haben wir einen Code an die E-Mail der Bestellung geschickt. Geben Sie ihn hier ein; er gilt 10 Minuten.',
    codeWrong: 'Dieser Code hat nicht funktioniert. Bitte prüfen Sie ihn oder fordern Sie einen neuen an.',
    locked: 'Zu viele Versuche. Zu Ihrer Sicherheit sind Bestellabfragen für etwa {minutes} Minuten pausiert. Sie können sich anmelden oder nach einer Person fragen.',
    expired: 'Bestelldetails ausgeblendet: Bitte bestätigen Sie die Bestellung erneut, um sie zu sehen.',
  },
  it: {
    offerForm: 'Posso cercare un ordine con il suo numero e l’e-mail usata per l’acquisto. Usa il modulo sicuro qui sotto; ciò che scrivi lì non viene salvato in questa chat.',
    emailRemoved: 'Per la tua privacy ho rimosso l’indirizzo e-mail dal tuo messaggio.',
    verified: 'Grazie, corrisponde all’ordine {number}. Posso mostrarti qui il suo stato per i prossimi {minutes} minuti.',
    notMatched: 'Non abbiamo trovato un ordine con quel numero e quell’e-mail. Confrontali con la conferma d’ordine, oppure accedi se hai un account.',
    codeSent: 'Se i dati corrispondono, abbiamo inviato un codice all’e-mail dell’ordine. Inseriscilo qui; è valido per 10 minuti.',
    codeWrong: 'Quel codice non ha funzionato. Controllalo o chiedine uno nuovo.',
    locked: 'Troppi tentativi. Per la tua sicurezza, la ricerca degli ordini è sospesa per circa {minutes} minuti. Puoi accedere al tuo account o chiedere di parlare con una persona.',
    expired: 'Dettagli dell’ordine nascosti: verifica di nuovo l’ordine per vederli.',
  },
  pt: {
    offerForm: 'Posso procurar uma encomenda com o respetivo número e o e-mail usado na compra. Use o formulário seguro abaixo; o que escrever lá não fica guardado nesta conversa.',
    emailRemoved: 'Para proteger a sua privacidade, retirei o endereço de e-mail da sua mensagem.',
    verified: 'Obrigado, corresponde à encomenda {number}. Posso mostrar-lhe aqui o estado dela durante os próximos {minutes} minutos.',
    notMatched: 'Não encontrámos nenhuma encomenda com esse número e esse e-mail. Compare-os com a confirmação da encomenda ou inicie sessão se tiver conta.',
    codeSent: 'Se os dados corresponderem, enviámos um código para o e-mail da encomenda. Introduza-o aqui; é válido durante 10 minutos.',
    codeWrong: 'Esse código não funcionou. Verifique-o ou peça um novo.',
    locked: 'Demasiadas tentativas. Para sua segurança, a consulta de encomendas fica suspensa durante cerca de {minutes} minutos. Pode iniciar sessão ou pedir para falar com uma pessoa.',
    expired: 'Detalhes da encomenda ocultos: verifique a encomenda de novo para os ver.',
  },
} satisfies Record<Locale, Record<string, string>>;

export type GuestPhrase = keyof (typeof WORDS)['en'];

export const guestWords = (locale: Locale, key: GuestPhrase, vars: Record<string, string | number> = {}) =>
  (WORDS[locale] ?? WORDS.en)[key].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
