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
  // Opening hours are written as days and times ("Monday to Friday, 9 am to 5 pm").
  ['hours', 'opening', 'monday', 'weekdays', 'horario', 'horaires', 'ouverture', 'offnungszeiten'],
  ['free', 'gratis', 'gratuit', 'kostenlos'],
  // order lines: what shoppers call, in their own language, things the shops sell under English
  // titles, so "Wann kommt meine Jacke?" or "mancavano i guanti" find the order line that holds it.
  ['jacket', 'jackets', 'chaquetas', 'giacca', 'giacche', 'giubbotto', 'casaco', 'casacos', 'jaqueta', 'jaquetas', 'blouson', 'jacken'],
  ['boot', 'boots', 'bota', 'stivale', 'stivali', 'scarponi', 'scarpone', 'bottes', 'bottines'],
  ['shoe', 'shoes', 'zapato', 'zapatos', 'scarpe', 'scarpa', 'sapatos', 'sapatilhas', 'tenis'],
  ['sock', 'socks', 'calcetines', 'chaussettes', 'socken', 'calzini', 'meias'],
  ['tent', 'tienda de campana', 'tenda', 'tende'],
  ['sleeping bag', 'saco de dormir', 'sac de couchage', 'schlafsack', 'sacco a pelo', 'saco cama'],
  ['backpack', 'zaino', 'sac a dos', 'mochilas'],
  ['vest', 'chaleco', 'gilet', 'weste', 'colete'],
  ['cap', 'gorra', 'casquette', 'kappe', 'cappellino', 'bone'],
  ['beanie', 'gorro', 'bonnet', 'mutze', 'berretto'],
  ['trousers', 'pantaloni', 'calcas', 'regenhose'],
  ['poles', 'bastones', 'batons', 'stocke', 'bastoncini', 'bastoes'],
  ['glove', 'gloves', 'guante', 'guantes', 'gant', 'gants', 'handschuh', 'handschuhe', 'guanto', 'guanti', 'luva', 'luvas'],
  ['doormat', 'felpudo', 'paillasson', 'fussmatte', 'zerbino', 'capacho', 'tapete'],
  ['planter', 'planters', 'maceta', 'macetas', 'macetero', 'jardiniere', 'jardinieres', 'pflanzgefass', 'pflanzgefasse', 'blumentopf', 'fioriera', 'fioriere', 'vasi', 'vasos', 'floreira', 'floreiras'],
  ['string lights', 'luces', 'guirlande', 'lichterkette', 'luci', 'luzes'],
  ['hose reel', 'manguera', 'enrouleur', 'schlauchtrommel', 'schlauch', 'avvolgitubo', 'mangueira'],
  ['shed', 'garden store', 'cobertizo', 'abri de jardin', 'gartenhaus', 'schuppen', 'casetta', 'capanno', 'barracao'],
  ['secateurs', 'tijeras de podar', 'secateur', 'gartenschere', 'cesoie', 'tesoura de poda'],
  ['trimmer', 'desbrozadora', 'cortabordes', 'coupe bordure', 'rasentrimmer', 'tagliabordi', 'decespugliatore', 'aparador'],
  ['hedge trimmer', 'cortasetos', 'taille haie', 'heckenschere', 'tagliasiepi', 'corta sebes'],
  ['parasol', 'sombrilla', 'sonnenschirm', 'ombrellone', 'guarda sol'],
  ['raised bed', 'bancal', 'hochbeet', 'letto rialzato', 'canteiro elevado'],
  ['cedar', 'cedro', 'cedre', 'zeder'],
  ['bird bath', 'bebedero', 'vogeltranke', 'vogelbad', 'abbeveratoio', 'bebedouro'],
  ['compost', 'abono', 'kompost', 'terriccio', 'composto'],
  ['lavender', 'lavanda', 'lavande', 'lavendel'],
  ['olive tree', 'olivo', 'olivier', 'olivenbaum', 'ulivo', 'oliveira'],
  ['membrane', 'membrana', 'unkrautvlies', 'vlies', 'folie', 'unkrautfolie', 'bache', 'telo'],
  ['chippings', 'gravilla', 'gravier', 'splitt', 'ghiaia', 'gravilha'],
  ['filter', 'filters', 'filtro', 'filtros', 'filtre', 'filtres', 'filtri'],
  ['spray gun', 'pistola', 'pistolet', 'spritzpistole', 'brause'],
  ['headphones', 'auriculares', 'casque', 'kopfhorer', 'cuffie', 'auscultadores', 'fones'],
  ['earbuds', 'ecouteurs', 'ohrhorer', 'auricolari'],
  ['watch', 'smartwatch', 'reloj', 'montre', 'uhr', 'orologio', 'relogio'],
  ['mouse', 'raton', 'souris', 'maus', 'rato'],
  ['keyboard', 'teclado', 'clavier', 'tastatur', 'tastiera'],
  ['printer', 'impresora', 'imprimante', 'drucker', 'stampante', 'impressora'],
  ['battery', 'bateria', 'batterie', 'akku', 'batteria'],
  ['charger', 'cargador', 'chargeur', 'ladegerat', 'netzteil', 'caricatore', 'caricabatterie', 'carregador'],
  ['camera', 'camara', 'kamera', 'fotocamera', 'telecamera'],
  ['speaker', 'altavoz', 'enceinte', 'lautsprecher', 'altoparlante', 'coluna'],
  ['tablet', 'tableta', 'tablette'],
  ['plug', 'enchufe', 'prise', 'stecker', 'spina', 'tomada'],
  ['phone case', 'funda', 'coque', 'hulle', 'handyhulle', 'custodia', 'capa'],
  ['e reader', 'lector', 'liseuse', 'reader'],
  ['monitor arm', 'brazo', 'bras', 'monitorarm', 'braccio', 'braco'],
];

const SYNONYMS = new Map<string, string[]>();
for (const group of SYNONYM_GROUPS) {
  for (const word of group) {
    const others = group.filter((w) => w !== word);
    SYNONYMS.set(word, [...(SYNONYMS.get(word) ?? []), ...others]);
  }
}

/** Other words (single tokens or phrases) that mean the same as `token` (a word, or words joined by one space: "saco de dormir"), if any. */
export const synonymsOf = (token: string): string[] => SYNONYMS.get(token) ?? [];

