/**
 * Words that mean the same across the packs' languages, for catalog and policy search: small and
 * general; each group maps to words a catalog or policy is likely to use.
 */

const SYNONYM_GROUPS: string[][] = [
  ['backpack', 'rucksack', 'daypack', 'knapsack', 'mochila', 'rucksacke'],
  ['shoe', 'shoes', 'sneaker', 'sneakers', 'trainer', 'trainers', 'zapatillas', 'chaussures', 'schuhe'],
  ['boot', 'boots', 'botas', 'stiefel'],
  // Not French "veste": it stems to the English "vest".
  ['jacket', 'parka', 'anorak', 'coat', 'chaqueta', 'jacke'],
  ['trousers', 'pants', 'slacks', 'pantalones', 'pantalon'],
  ['shirt', 'tee', 'tshirt', 'camiseta'],
  ['sweater', 'jumper', 'pullover'],
  ['hoody', 'hoodie'],
  ['tent', 'carpa', 'tente', 'zelt'],
  ['bottle', 'flask'],
  ['headlamp', 'headtorch', 'torch', 'flashlight'],
  ['glove', 'gloves', 'mittens'],
  ['sock', 'socks'],
  ['blue', 'navy', 'azul', 'bleu', 'blau', 'cobalt', 'indigo'],
  ['red', 'rojo', 'rouge', 'rot', 'crimson', 'burgundy'],
  ['green', 'verde', 'vert', 'grun', 'olive', 'khaki', 'moss'],
  ['black', 'negro', 'noir', 'schwarz'],
  ['white', 'blanco', 'blanc', 'weiss'],
  ['grey', 'gray', 'gris', 'grau', 'charcoal', 'graphite'],
  ['yellow', 'amarillo', 'jaune', 'gelb', 'mustard'],
  ['orange', 'naranja'],
  ['pink', 'rosa', 'rose'],
  ['purple', 'violet', 'lila', 'morado'],
  ['brown', 'marron', 'braun', 'tan'],
  ['waterproof', 'rainproof', 'impermeable', 'wasserdicht'],
  ['kids', 'kid', 'children', 'child', 'childrens', 'boys', 'girls', 'ninos', 'enfants', 'kinder'],
  ['womens', 'women', 'woman', 'ladies', 'mujer', 'femme', 'damen'],
  ['mens', 'men', 'man', 'hombre', 'homme', 'herren'],
  ['laptop', 'notebook'],
  ['phone', 'smartphone', 'mobile', 'cellphone'],
  ['sofa', 'couch'],
  ['perfume', 'fragrance', 'cologne'],
  // Policy words shoppers use in other languages or other words.
  ['refund', 'refunds', 'reembolso', 'reembolsan', 'remboursement', 'remboursez', 'erstattung', 'ruckerstattung', 'erstattet', 'money back'],
  ['return', 'returns', 'devolucion', 'devolver', 'retour', 'retourner', 'rucksendung', 'zuruckgeben', 'ruckgabe'],
  ['exchange', 'swap', 'cambio', 'cambiar', 'echange', 'umtausch'],
  [
    'shipping', 'ship', 'delivery', 'deliver', 'envio', 'enviar', 'envian', 'envias', 'enviais', 'entrega', 'entregan', 'livraison', 'livrer',
    'livrez', 'livrent', 'expedition', 'expediez', 'versand', 'versendet', 'versenden', 'lieferung', 'liefern', 'liefert', 'postage', 'dispatch',
  ],
  ['cost', 'price', 'fee', 'precio', 'coste', 'costo', 'prix', 'frais', 'kosten', 'preis', 'gebuhr'],
  ['warranty', 'guarantee', 'garantia', 'garantie', 'gewahrleistung'],
  ['payment', 'pay', 'pago', 'pagar', 'paiement', 'payer', 'zahlung', 'bezahlen'],
  ['size', 'sizing', 'talla', 'taille', 'grosse'],
  ['cancel', 'cancellation', 'cancelar', 'annuler', 'stornieren'],
  ['switzerland', 'suiza', 'suisse', 'schweiz', 'swiss'],
  ['germany', 'alemania', 'allemagne', 'deutschland'],
  ['france', 'francia', 'frankreich'],
  ['spain', 'espana', 'espagne', 'spanien'],
  ['austria', 'autriche', 'osterreich'],
  ['united kingdom', 'uk', 'britain', 'england', 'reino unido', 'royaume uni', 'grossbritannien'],
  ['international', 'internationally', 'worldwide', 'abroad', 'overseas'],
  ['days', 'day', 'dias', 'jours', 'tage'],
  // Opening hours; the days they are written with are RELATED words, below.
  ['hours', 'opening', 'horario', 'horaires', 'ouverture', 'offnungszeiten'],
  ['free', 'gratis', 'gratuit', 'kostenlos'],
  // policy words: what shoppers call the things shops' policies name in English (a table row
  // "Standard delivery", a heading "Financing" or "When can I collect?", "Phone 01432 ...").
  [
    'shipping', 'spedizione', 'spedizioni', 'spedire', 'spedite', 'spedisci', 'enviam', 'envia', 'envie', 'enviais', 'envoi', 'envoyez', 'frete',
    'post',
  ],
  ['cost', 'costa', 'costano', 'cuesta', 'cuestan', 'custa', 'custam', 'coute', 'coutent', 'kostet', 'charge'],
  ['standard', 'estandar', 'padrao', 'normale'],
  ['express', 'expres', 'expresso', 'urgente', 'overnight'],
  ['financing', 'finance', 'instalments', 'installments', 'instalment', 'plazos', 'financiacion', 'financement', 'mensualites', 'finanzierung', 'ratenzahlung', 'raten', 'rate', 'rateale', 'finanziamento', 'parcelas', 'prestacoes', 'financiamento', 'spread the cost', 'klarna', 'affirm'],
  ['collect', 'collection', 'pickup', 'recoger', 'recogida', 'retirer', 'retrait', 'recuperer', 'abholen', 'abholung', 'ritirare', 'ritiro', 'levantar', 'recolher', 'click and collect'],
  ['price match', 'preisabgleich', 'preisgarantie'],
  ['trade', 'tradein', 'inzahlungnahme', 'retoma'],
  ['phone', 'telephone', 'telefono', 'telefone', 'telefon', 'telefonnummer', 'hotline'],
  ['email', 'mail', 'correo', 'courriel', 'emailadresse'],
  ['reply', 'replies', 'answer', 'respond', 'response', 'antwort', 'antworten', 'antwortet', 'respuesta', 'responden', 'respondeis', 'reponse', 'repondez', 'risposta', 'rispondete', 'resposta', 'respondem'],
  ['support', 'soporte', 'kundenservice', 'kundendienst', 'apoio', 'suporte'],
  ['plant', 'plants', 'planta', 'plantas', 'plante', 'plantes', 'pflanze', 'pflanzen', 'pianta', 'piante'],
  ['switzerland', 'suica', 'svizzera'],
  ['money', 'dinero', 'argent', 'geld', 'soldi', 'dinheiro'],
  ['cash', 'efectivo', 'especes', 'bargeld', 'barzahlung', 'contanti', 'dinheiro'],
  ['transfer', 'transferencia', 'virement', 'uberweisung', 'bonifico'],
  ['cheque', 'cheques', 'scheck', 'assegno', 'assegni'],
  ['signature', 'sign', 'firma', 'firmar', 'signer', 'unterschrift', 'unterschreiben', 'firmare', 'assinar', 'assinatura'],
  ['refurbished', 'reacondicionado', 'reconditionne', 'generaluberholt', 'ricondizionato', 'ricondizionati', 'recondicionado'],
  ['restocking', 'reposicion', 'reapprovisionnement', 'wiedereinlagerung', 'riassortimento', 'reposicao'],
  ['same', 'mismo', 'meme', 'selben', 'gleichen', 'stesso', 'mesmo'],
  ['day', 'dia', 'jour', 'tag', 'giorno'],
  ['germany', 'germania', 'alemanha'],
  ['guarantee', 'garanzia', 'guaranteed'],
  ['monday', 'lunes', 'lundi', 'montag', 'lunedi', 'segunda'],
  ['tuesday', 'martes', 'mardi', 'dienstag', 'martedi', 'terca'],
  ['wednesday', 'miercoles', 'mercredi', 'mittwoch', 'mercoledi', 'quarta'],
  ['thursday', 'jueves', 'jeudi', 'donnerstag', 'giovedi', 'quinta'],
  ['friday', 'viernes', 'vendredi', 'freitag', 'venerdi', 'sexta'],
  ['saturday', 'sabado', 'samedi', 'samstag', 'sabato', 'samstags', 'sabados'],
  ['sunday', 'domingo', 'dimanche', 'sonntag', 'domenica', 'sonntags', 'domingos'],
];

const SYNONYMS = new Map<string, string[]>();
for (const group of SYNONYM_GROUPS) {
  for (const word of group) {
    if (word.includes(' ')) continue;
    const others = group.filter((w) => w !== word);
    SYNONYMS.set(word, [...(SYNONYMS.get(word) ?? []), ...others]);
  }
}

/** Other words (single tokens or phrases) that mean the same as `token`, if any. */
export const synonymsOf = (token: string): string[] => SYNONYMS.get(token) ?? [];

/**
 * Words a policy answering a question about the first words is likely to use without using them:
 * opening hours are written as days and times ("Monday to Friday, 8 am to 8 pm"). For finding
 * passages only: a question about Saturday's hours is not answered by the Monday line.
 */
const RELATED_GROUPS: [string[], string[]][] = [[['hours', 'opening', 'horario', 'horaires', 'ouverture', 'offnungszeiten'], ['monday', 'weekdays']]];

const RELATED = new Map<string, string[]>();
for (const [words, related] of RELATED_GROUPS) for (const word of words) RELATED.set(word, [...(RELATED.get(word) ?? []), ...related]);

/** Words related to `token` (see RELATED_GROUPS), for policy search. */
export const relatedOf = (token: string): string[] => RELATED.get(token) ?? [];

