import { Lexicon } from './text';

/**
 * Keyword concepts in English, Spanish, French and German, written without
 * accents (matching is accent-insensitive). `word` matches a whole word,
 * `stem*` a prefix, `*part` a part of a German compound. Typos within the
 * edit-distance budget are matched by the Lexicon itself.
 */
export const CONCEPTS: Record<string, string> = {
  // --- money back and returns
  REFUND: `refund* reimburs* rebate rebates repayment
    reembols* reintegr* rembours* *erstattung erstatt* ruckerstatt* zuruckerstatt* ruckzahlung* geldzuruck`,
  MONEY: `money cash dinero plata argent geld betrag`,
  BACK: `back zuruck atras`,
  RETURN: `return returns returned returning returnable
    devolver devuelvo devolvi devuelva devuelvan devolucion devoluciones devolverlo devolverla devolverlos retornar
    retour retours retourner retourne renvoyer renvoi renvoie
    rucksendung* rucksenden zurucksend* zuruckschick* zuruckgeb* ruckgabe* retoure* zuruckbring*`,
  SEND: `send sending sent ship shipping enviar envie envoyer envoie schicken senden`,
  EXCHANGE: `exchange* swap swapping replace replacement replacing
    cambio intercambi* reemplaz* sustitu* echange* echanger remplac* umtausch* tauschen ersatz ersetz*`,
  CANCEL: `cancel* cancelation* anul* storn* abbestell* widerruf* rescind*`,
  // things that are not an order: cancelling or changing these is self-service
  NONORDER: `account* subscription* subscribe* unsubscribe* newsletter* membership* profile* user username users
    password* passwd pwd pin passcode login email* mail emails notification* invoice* receipt* bill
    website site page link app contract contracts plan
    suscripcion* cuenta cuentas contrasena factura* correo boletin
    abonnement* compte comptes motdepasse facture* courriel
    konto* kundenkonto abo mitgliedschaft passwort rechnung* newsletters`,
  CART: `cart carts basket bag wishlist favorites favourites carrito cesta panier warenkorb merkzettel`,
  ORDER: `order* orderref purchase purchases purchased
    pedido pedidos orden compra compras commande commandes achat achats bestellung* bestellt bestellnummer auftrag kauf`,
  PARCEL: `parcel* package* shipment* delivery deliveries item items
    paquete envio entrega colis paquet livraison paket* lieferung* sendung*`,
  ITEM: `item items product products article articles thing things something anything piece goods
    articulo articulos producto productos algo cosa produit produits quelque chose artikel produkt produkte etwas ware`,
  ITEMATTR: `size sizes colour colours color colors quantity quantities
    talla tallas tamano cantidad taille tailles couleur couleurs quantite grosse farbe farben menge anzahl`,
  CHANGE: `change changes changed changing modify modified modifying modification edit editing edited update updating updated
    alter altering switch correct correcting corrected amend amending fix
    cambiar cambie cambiado cambia modificar modifique corregir actualizar
    changer modifier corriger
    andern anderung anderungen geandert umandern abandern korrigieren aktualisieren wechseln`,
  ADD: `add adding added include including
    anadir agregar incluir ajouter rajouter inclure hinzufugen erganzen`,
  REMOVE: `remove removing removed delete quitar eliminar retirar supprimer enlever entfernen loschen streichen`,
  FORGOT: `forgot forgotten forget missed olvide olvido oublie vergessen`,
  ADDRESS: `address* addres adress direccion domicilio adresse *adresse anschrift`,
  EMAILWORD: `email mail correo courriel`,
  WRONG: `wrong incorrect mistake mistaken mistakenly error erroneous old outdated
    equivocada equivocado equivocacion incorrecta incorrecto erronea erroneo error vieja viejo antigua antiguo
    mauvais mauvaise erreur fausse faux ancienne ancien falsch falsche falschen fehler alte alten`,
  MOVE: `moved move moving relocated mudanza mude demenage demenagement umgezogen umzug ziehe`,
  // --- discounts
  DISCOUNT: `discount discounts coupon coupons promo promocode promocodes voucher vouchers
    descuento descuentos cupon cupones promocional
    reduction remise
    rabatt rabattcode gutschein* aktionscode* *rabatt`,
  PRICE: `price prices precio prix preis`,
  PRICEADJ: `match adjust adjustment adjusted drop dropped lower lowered cheaper reduced ajuste bajo bajado baisse ajustement gesenkt gesunken angleichen`,
  // --- payments
  PAYMENT: `payment payments pay paying paid payed charged overcharged billed card transaction transactions
    pago pagos pagar pague pagado cobro cobrado cobraron cargo tarjeta transaccion
    paiement paiements payer paye payee preleve prelevement debite carte
    zahlung* *zahlung bezahlen bezahlt bezahlung gezahlt zahlen abgebucht abbuchung belastet karte kreditkarte`,
  CHARGED: `charged overcharged billed cobrado cobraron cobrar debitado preleve debite abgebucht belastet berechnet`,
  PAYMETHOD: `method methods option options ways way accept accepted available forms types kinds
    metodo metodos formas aceptan opciones methode methodes moyen moyens acceptez
    zahlungsart* zahlungsmethod* akzeptiert akzeptieren paypal klarna applepay`,
  PROBLEM: `problem problems issue issues error errors trouble fail failed failing failure declined decline rejected denied bounced
    problema problemas fallo fallido rechazado rechazada
    probleme problemes erreur refuse refusee echoue echec
    fehler fehlgeschlagen abgelehnt`,
  TWICE: `twice double doubled duplicate duplicated veces duplicado fois zweimal doppelt doppel`,
  CHARGEBACK: `chargeback chargebacks dispute disputed contracargo retrofacturation opposition ruckbuchung lastschriftruckgabe`,
  HELP: `help question questions regarding ayuda pregunta aide hilfe frage`,
  // --- delivery
  DELAY: `late delayed delay delays lost stolen stuck overdue
    retraso retrasado retrasada tarde perdido perdida robado robada atascado
    retard retarde perdu perdue vole volee bloque
    verspatet verspatung verloren gestohlen hangt`,
  ARRIVE: `arrive arrived arriving arrives came come received receive delivered
    llegado llega llego llegar recibido recibi recibir
    arrive arrivee recu recue livre livree
    angekommen ankommen gekommen erhalten bekommen geliefert zugestellt`,
  MISSING: `missing falta faltan manque manquant fehlt fehlen`,
  NEG: `not no never nothing cannot nunca jamas nada pas jamais rien ne nicht nie kein keine keinen niemals`,
  STILL: `still already todavia aun encore toujours deja immer schon`,
  YET: `yet noch`,
  DURATION: `weeks week days month months ago semanas dias semaines jours wochen tagen tage monat`,
  // Lead-time words: "délais de livraison" and "plazo de entrega" ask how long delivery takes;
  // listed so typo matching cannot read "delais" as "delays".
  LEADTIME: `delai delais plazo plazos lieferzeit lieferzeiten lieferdauer`,
  // --- broken or wrong goods
  DAMAGED: `damage damaged broken broke defective faulty torn ripped cracked stained scratched dented shattered smashed crushed leaking
    danado danada roto rota rotos rotas defectuoso defectuosa estropeado rayado
    endommage endommagee casse cassee abime abimee defectueux defectueuse dechire
    beschadigt kaputt defekt zerbrochen zerkratzt gerissen`,
  WORK: `work works working funciona fonctionne marche funktioniert`,
  // --- complaints
  COMPLAINT: `complain complaint complaints complaining claim claims reclamation compensation compensate compensations
    queja quejas quejarme reclamacion reclamar reclamo compensacion indemnizacion
    plainte plaintes reclamer dedommagement indemnisation
    beschwerde beschweren reklamation entschadigung
    unhappy unsatisfied dissatisfied disappointed insatisfecho decepcionado decu decue mecontent unzufrieden enttauscht`,
  SATISFIED: `happy satisfied pleased content contento contenta satisfait satisfaite zufrieden`,
  BAD: `bad terrible awful horrible poor worst pesimo malo mauvais nul schlecht schlechter`,
  SERVICE: `service support assistance servicio soporte atencion kundenservice kundendienst`,
  // --- people
  HUMAN: `human humans person persons people agent agents representative representatives rep operator operators
    someone somebody staff employee manager supervisor
    humano persona agente representante alguien operador
    humain conseiller conseillere quelqun
    mensch menschen mitarbeiter berater beraterin jemand jemanden jemandem sachbearbeiter kundenberater`,
  ASSISTANT: `assistant asistente assistent assistentin`,
  CONTACT: `talk talking speak speaking spoke contact contacting call calling chat chatting transfer connect reach escalate
    hablar hable contactar llamar comunicar
    parler contacter appeler joindre
    sprechen reden kontaktieren anrufen verbinden erreichen weiterleiten`,
  // --- framing
  WANT: `want wanted need needs wish demand
    quiero quisiera necesito deseo gustaria
    veux voudrais souhaite souhaiterais aimerais besoin
    mochte mochten brauche benotige`,
  PLEASE: `please por favor svp stp plait bitte`,
  INFO: `know* check* see seeing find finding information info tell telling learn* understand show* look* wondering wonder explain*
    saber informacion ver consultar savoir voir consulter wissen erfahren sehen prufen`,
  POLICY: `policy policies politica politique richtlinie* *richtlinie conditions condiciones terms terminos rules reglas regle regles
    *bedingungen agb guidelines`,
  FEE: `fee fees penalty penalties charge charges cost costs free gratis gratuit gratuite gratuits kostenlos tarifa comision penalizacion frais penalite gebuhr gebuhren`,
  CASES: `cases circumstances eligible eligibility refundable returnable casos circunstancias elegible remboursable cas fallen`,
  OFFER: `offer accept allow provide ofrecen aceptan permiten proposez acceptez offrez bietet bieten akzeptieren erlauben`,
  GENERIC: `sale clearance discounted reduced used worn opened unopened personalised personalized custom final underwear swimwear gift gifts
    rebajados rebajas soldes solde reduit reduits reduziert reduzierte`,
  POSS: `my mine this these those it them mi mis este esta estos estas esto eso mon ma mes cet cette ces mein meine meinen meinem meiner diese dieses diesen`,
  RECEIPT: `get getting receive receiving expect see recibir recibire recevoir recevrai bekomme bekommen erhalte kriege`,
  ANGRY: `damn goddamn bloody fucking fuck shit wtf ridiculous unacceptable scam fraud disgusting pathetic useless worst
    mierda joder inaceptable estafa verguenza merde arnaque inadmissible scandaleux honteux
    scheisse frechheit betrug unverschamt inakzeptabel`,
  LEGAL: `lawyer lawyers attorney sue suing lawsuit court legal abogado demanda demandar denunciar tribunal avocat avocats poursuivre anwalt gericht verklagen klage`,
  REPEAT: `again times third fourth repeatedly otra nuevo vez encore nochmal erneut wieder`,
  BANK: `bank banco banque bankd`,
};

/**
 * Real words one typo away from a keyword. They are taken at face value,
 * never "corrected" into the keyword ("older" is not "order").
 */
const KNOWN_WORDS = `older border borders other others orders under offer after enter ender
  order ordered ordering assistance assist customer custom customers support
  personal personally personnel present prevent percent person
  retail retain detail details detain cancer
  charge charger change chance hanger
  refuse result
  address
  store story stole
  price prize pride
  these those there their three where here
  paying playing saying
  claim clean
  card care cart hard
  late later latest plate
  lost last list most
  back pack bank book
  send sent seen
  make made
  delay
  account amount accent
  email
  issue tissue
  money monday
  items item
  world would could should
  thing think thank thanks
  sizes seize
  right night light
  watch match
  again
  agent agenda urgent
  calling
  color colour
  month mouth
  please place plate
  sales
  weeks
  brand bread
  shirt short
  shoes shows
  gift
  blue
  black
  track
  today
  there
  information
  remember
  receipt
  number
  cancellation cancelation
  wonder wander
  transfer
  reached
  about
  phone
  paypal
  invoice voice
  options
  delivery
  updates
  where
  jeans
  leave leaves leaving left
  review
  status
  shipping
  shop
  online
  month
  speaking speaker
  sign
  signal
  spoke
  stock
  steps
  guide
  tarda tardan tardara canada`;

export const LEXICON = new Lexicon(CONCEPTS, KNOWN_WORDS);
