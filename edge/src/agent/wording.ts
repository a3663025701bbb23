import { LOCALES, type Locale } from '../../../shared/chat';

/**
 * What the shopper is told when people join or leave the conversation. Our own sentences in the
 * four widget languages (the assistant's reply wording lives in language packs; these are
 * notices of the workspace, one per event).
 */
const WORDING = {
  personOnIt: {
    en: 'A person from our team is on it and will answer here.',
    es: 'Una persona de nuestro equipo se está ocupando y te responderá aquí.',
    fr: 'Une personne de notre équipe s’en occupe et vous répondra ici.',
    de: 'Eine Person aus unserem Team kümmert sich darum und antwortet hier.',
    it: 'Una persona del nostro team se ne sta occupando e ti risponderà qui.',
    pt: 'Uma pessoa da nossa equipa está a tratar disto e vai responder aqui.',
  },
  addedToTicket: {
    en: 'I added this to your open request; the person handling it will see it.',
    es: 'Lo he añadido a tu solicitud abierta; la persona que la gestiona lo verá.',
    fr: 'Je l’ai ajouté à votre demande en cours ; la personne qui s’en occupe le verra.',
    de: 'Ich habe das zu Ihrer offenen Anfrage hinzugefügt; die zuständige Person sieht es.',
    it: 'L’ho aggiunto alla tua richiesta aperta; la persona che la segue lo vedrà.',
    pt: 'Acrescentei isto ao seu pedido em aberto; a pessoa que o acompanha vai vê-lo.',
  },
  backToAssistant: {
    en: 'You are chatting with the assistant again. Your request stays with our team.',
    es: 'Vuelves a hablar con el asistente. Tu solicitud sigue con nuestro equipo.',
    fr: 'Vous discutez de nouveau avec l’assistant. Votre demande reste chez notre équipe.',
    de: 'Sie schreiben wieder mit dem Assistenten. Ihre Anfrage bleibt bei unserem Team.',
    it: 'Stai di nuovo parlando con l’assistente. La tua richiesta resta al nostro team.',
    pt: 'Está novamente a falar com o assistente. O seu pedido continua com a nossa equipa.',
  },
  resolved: {
    en: 'Your request was marked as resolved. You are chatting with the assistant again.',
    es: 'Tu solicitud se ha marcado como resuelta. Vuelves a hablar con el asistente.',
    fr: 'Votre demande a été marquée comme résolue. Vous discutez de nouveau avec l’assistant.',
    de: 'Ihre Anfrage wurde als gelöst markiert. Sie schreiben wieder mit dem Assistenten.',
    it: 'La tua richiesta è stata segnata come risolta. Stai di nuovo parlando con l’assistente.',
    pt: 'O seu pedido foi marcado como resolvido. Está novamente a falar com o assistente.',
  },
  csatQuestion: {
    en: 'How would you rate the help you got?',
    es: '¿Cómo valorarías la ayuda recibida?',
    fr: 'Comment évaluez-vous l’aide reçue ?',
    de: 'Wie bewerten Sie die erhaltene Hilfe?',
    it: 'Come valuti l’aiuto ricevuto?',
    pt: 'Como avalia a ajuda que recebeu?',
  },
  replySubject: {
    en: 'You have a reply from {shop}',
    es: 'Tienes una respuesta de {shop}',
    fr: 'Vous avez une réponse de {shop}',
    de: 'Sie haben eine Antwort von {shop}',
    it: 'Hai una risposta da {shop}',
    pt: 'Tem uma resposta de {shop}',
  },
  replyBody: {
    en: '{name} from {shop} answered your message in the chat.\n\nOpen the chat to read it: {link}\n\nYou get this email because you left the chat before the reply arrived. To stop these emails, reply with "unsubscribe".',
    es: '{name} de {shop} ha respondido a tu mensaje en el chat.\n\nAbre el chat para leerlo: {link}\n\nRecibes este correo porque saliste del chat antes de la respuesta. Para no recibir más, responde con "unsubscribe".',
    fr: '{name} de {shop} a répondu à votre message dans le chat.\n\nOuvrez le chat pour le lire : {link}\n\nVous recevez cet e-mail car vous avez quitté le chat avant la réponse. Pour ne plus en recevoir, répondez « unsubscribe ».',
    de: '{name} von {shop} hat auf Ihre Nachricht im Chat geantwortet.\n\nÖffnen Sie den Chat, um sie zu lesen: {link}\n\nSie erhalten diese E-Mail, weil Sie den Chat vor der Antwort verlassen haben. Um keine weiteren zu erhalten, antworten Sie mit „unsubscribe“.',
    it: '{name} di {shop} ha risposto al tuo messaggio in chat.\n\nApri la chat per leggerla: {link}\n\nRicevi questa email perché hai lasciato la chat prima della risposta. Per non riceverne più, rispondi con "unsubscribe".',
    pt: '{name} da {shop} respondeu à sua mensagem no chat.\n\nAbra o chat para a ler: {link}\n\nRecebe este e-mail porque saiu do chat antes da resposta. Para deixar de os receber, responda com "unsubscribe".',
  },
} satisfies Record<string, Record<Locale, string>>;

export type WorkspaceWording = keyof typeof WORDING;

export function workspaceText(key: WorkspaceWording, locale: string | null | undefined, vars: Record<string, string> = {}): string {
  const L = LOCALES.find((l) => l === locale?.slice(0, 2).toLowerCase()) ?? 'en';
  let text: string = WORDING[key][L];
  for (const [k, v] of Object.entries(vars)) text = text.split(`{${k}}`).join(v);
  return text;
}
