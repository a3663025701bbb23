import type { LanguagePack } from '../types';

/** English. */
export default {
  lang: 'en',
  name: 'English',
  stopWords: `a an the and or but if of to in on at by for from with without about into over under than then so as is are was were be
    been being am do does did done have has had having i me my mine we us our you your yours he she it its they them their this that
    these those there here what which who whom whose when where why how can could would should will shall may might must not no yes
    any some all each every more most much many very too also just only please hi hello hey thanks thank get got give tell know let
    want wanted need needs like looking look find show see buy order sell sells selling offer available availability stock still one
    ones something anything thing things kind sort type really quite long take takes taking make doing go going s t d ll m re ve im
    dont cant whats`,
  questionStarts: `how what when which where can could do does is are will would may shall should why who whats`,
  concepts: {
    REFUND: `refund* reimburs* rebate rebates repayment`,
    MONEY: `money cash`,
    BACK: `back`,
    RETURN: `return returns returned returning returnable`,
    SEND: `send sending sent ship shipping`,
    EXCHANGE: `exchange* swap swapping replace replacement replacing`,
    CANCEL: `cancel* cancelation* rescind*`,
    NONORDER: `account* subscription* subscribe* unsubscribe* newsletter* membership* profile* user username users
      password* passwd pwd pin passcode login email* mail emails notification* invoice* receipt* bill
      website site page link app contract contracts plan`,
    CART: `cart carts basket bag wishlist favorites favourites`,
    ORDER: `order* orderref purchase purchases purchased`,
    PARCEL: `parcel* package* shipment* delivery deliveries item items`,
    ITEM: `item items product products article articles thing things something anything piece goods`,
    ITEMATTR: `size sizes colour colours color colors quantity quantities`,
    CHANGE: `change changes changed changing modify modified modifying modification edit editing edited update updating updated
      alter altering switch correct correcting corrected amend amending fix`,
    ADD: `add adding added include including`,
    REMOVE: `remove removing removed delete`,
    FORGOT: `forgot forgotten forget missed`,
    ADDRESS: `address* addres adress`,
    EMAILWORD: `email mail`,
    WRONG: `wrong incorrect mistake mistaken mistakenly error erroneous old outdated`,
    MOVE: `moved move moving relocated`,
    DISCOUNT: `discount discounts coupon coupons promo promocode promocodes voucher vouchers`,
    PRICE: `price prices`,
    PRICEADJ: `match adjust adjustment adjusted drop dropped lower lowered cheaper reduced`,
    PAYMENT: `payment payments pay paying paid payed charged overcharged billed card transaction transactions`,
    CHARGED: `charged overcharged billed`,
    PAYMETHOD: `method methods option options ways way accept accepted available forms types kinds paypal klarna applepay`,
    PROBLEM: `problem problems issue issues error errors trouble fail failed failing failure declined decline rejected denied bounced`,
    TWICE: `twice double doubled duplicate duplicated`,
    CHARGEBACK: `chargeback chargebacks dispute disputed`,
    HELP: `help question questions regarding`,
    DELAY: `late delayed delay delays lost stolen stuck overdue`,
    ARRIVE: `arrive arrived arriving arrives came come received receive delivered`,
    MISSING: `missing`,
    NEG: `not no never nothing cannot`,
    STILL: `still already`,
    YET: `yet`,
    DURATION: `weeks week days month months ago`,
    LEADTIME: `leadtime`,
    DAMAGED: `damage damaged broken broke defective faulty torn ripped cracked stained scratched dented shattered smashed crushed leaking`,
    WORK: `work works working`,
    COMPLAINT: `complain complaint complaints complaining claim claims compensation compensate compensations
      unhappy unsatisfied dissatisfied disappointed`,
    SATISFIED: `happy satisfied pleased content`,
    BAD: `bad terrible awful horrible poor worst`,
    SERVICE: `service support assistance`,
    HUMAN: `human humans person persons people agent agents representative representatives rep operator operators
      someone somebody staff employee manager supervisor`,
    ASSISTANT: `assistant`,
    CONTACT: `talk talking speak speaking spoke contact contacting call calling chat chatting transfer connect reach escalate`,
    WANT: `want wanted need needs wish demand`,
    PLEASE: `please`,
    INFO: `know* check* see seeing find finding information info tell telling learn* understand show* look* wondering wonder explain*`,
    POLICY: `policy policies conditions terms rules guidelines`,
    FEE: `fee fees penalty penalties charge charges cost costs free`,
    CASES: `cases circumstances eligible eligibility refundable returnable`,
    OFFER: `offer accept allow provide`,
    GENERIC: `sale clearance discounted reduced used worn opened unopened personalised personalized custom final underwear swimwear gift gifts`,
    POSS: `my mine this these those it them`,
    RECEIPT: `get getting receive receiving expect see`,
    ANGRY: `damn goddamn bloody fucking fuck shit wtf ridiculous unacceptable scam fraud disgusting pathetic useless worst`,
    LEGAL: `lawyer lawyers attorney sue suing lawsuit court legal`,
    REPEAT: `again times third fourth repeatedly`,
    BANK: `bank bankd`,
    GREETING: `hi hii hello hey heya hiya yo`,
    GREETWORD: `good`,
    DAYTIME: `morning afternoon evening`,
    THANKS: `thanks thank thx ty cheers appreciated`,
    STATUS: `where track tracking trace status eta arrive arrives arriving arrived ship shipped dispatched sent deliver delivered delivery when`,
    PRODUCTCUE: `have has sell sells stock available availability looking search find recommend recommendation price cost costs size sizes
      colour color colours colors material made waterproof fit fits buy model version`,
    SHOPTALK: `looking look search searching find finding want wanted need needs like would get buy sell sells selling stock available
      availability recommend recommendation suggest something anything one ones kind sort type ok okay yes yeah no nope so much lot lots
      great cool perfect awesome nice good fine bye goodbye all well right sure`,
    SELF: `i`,
    AFFIRM: `yes yeah yep yup sure ok okay please do it go ahead instead that one other correct right exactly`,
    DECLINE: `nevermind mind forget`,
    ORDERED: `ordered wanted bought purchased buy`,
    STRONGWRONG: `wrong incorrect`,
    HOWLONG: `long soon many`,
    USUALLY: `usually normally generally typically deadline timeframe limit window`,
    GENERICPLURAL: `items products things articles goods clothes shoes`,
    DETERMINER: `my the these those this that our your`,
    TRACKING: `tracking`,
    LATEST: `last latest newest recent`,
    SIZEGUIDE: `chart charts guide guides table tables`,
    PAYVERB: `pay paying`,
    PAYNOUN: `payment* transaction*`,
    NEVER: `never`,
    GETBACK: `recover`,
    REAL: `real live actual`,
    WROTE: `asked emailed wrote written waiting`,
    VARIANT: `blue red black white green small medium large`,
    NEWTHING: `set setup new another different additional second`,
    SIZE: `size sizes sizing`,
    ASKWORD: `happen happens exactly possible allowed able okay ok shop store website site online number numbers`,
    PRICEBOUND: `under below less more than over above max maximum most least upto up`,
    OF: `of`,
    // The promise guard (issue 15): actions the assistant cannot take, and what makes a sentence claim one.
    CLAIMACT: `save saved saving apply applied applying credit credited crediting approve approved approving issued issuing waive waived waiving resend resent reship reshipped reimburse reimbursed adjusted`,
    DONEFORM: `refunded reimbursed cancelled canceled changed updated modified saved applied issued credited approved replaced resent reshipped waived adjusted switched swapped`,
    COMPLETE: `done complete completed successfully success already finished confirmed sorted handled now`,
    FUTURE: `will ll shall gonna going`,
    COMMIT: `promise promised guarantee guaranteed consider assured assure certainly definitely let`,
    YOU: `you your yours yourself`,
    FIRSTPERSON: `i we me us our`,
    BE: `is are be being`,
    HAVE: `have has had ve was were been`,
    CONDITIONAL: `if once when whenever after unless until provided`,
    REQUEST: `request requests ticket tickets case requested requesting`,
    UNABLE: `unable impossible cannot cant`,
    MODAL: `can could may might must should`,
    THIRDPARTY: `they them their theirs customer customers member members user users buyer buyers client clients`,
  },
  topics: {
    shipping: `shipping ship ships shipped delivery deliver postage courier carrier express`,
    returns: `return returns returning returnable`,
    refunds: `refund* reimburs*`,
    exchanges: `exchange* swap`,
    warranty: `warranty warranties guarantee guaranty repair repairs`,
    payment: `payment payments pay paying paypal klarna card cards installments`,
    privacy: `privacy data gdpr cookies cookie personal`,
    contact: `contact phone telephone call email hours opening open store stores`,
    cancellation: `cancel*`,
    discounts: `discount* coupon* promo* voucher* sale`,
    sizing: `sizing fit fits measurements`,
    'gift cards': `giftcard giftcards`,
  },
  knownWords: `older border borders other others orders under offer after enter ender order ordered ordering assistance assist customer
    custom customers support personal personally personnel present prevent percent person retail retain detail details detain cancer
    charge charger change chance hanger refuse result address store story stole price prize pride these those there their three where
    here paying playing saying claim clean card care cart hard late later latest plate lost last list most back pack bank book send
    sent seen make made delay account amount accent email issue tissue money monday items item world would could should thing think
    thank thanks sizes seize right night light watch match again agent agenda urgent calling color colour month mouth please place
    sales weeks brand bread shirt short shoes shows gift blue black track today information remember receipt number cancellation
    cancelation wonder wander transfer reached about phone paypal invoice voice options delivery updates jeans leave leaves leaving
    left review status shipping shop online speaking speaker sign signal spoke stock steps guide noise notice`,
  contractions: {
    dont: 'do not', doesnt: 'does not', didnt: 'did not', cant: 'cannot', cannt: 'cannot', couldnt: 'could not', wont: 'will not',
    wouldnt: 'would not', isnt: 'is not', arent: 'are not', wasnt: 'was not', werent: 'were not', hasnt: 'has not', havent: 'have not',
    hadnt: 'had not', aint: 'is not', im: 'i am', ive: 'i have', wanna: 'want to', gotta: 'got to', pls: 'please', plz: 'please',
    plese: 'please', u: 'you', ur: 'your', uhelp: 'you help', utell: 'you tell',
  },
  detect: {
    words: `the my i is and to you your order please want how what where when can it me of for with have not this was did`,
    stems: ``,
    letters: ``,
  },
  orderRef: {
    words: `order orders ordernumber purchase`,
    numberWords: `number no nr num id`,
    units: `day days week weeks month months hour hours item items piece pieces unit units euro euros dollar dollars pound pounds`,
  },
  // Read by grounding (issue 15): how dates, durations and spelled-out numbers are written.
  values: {
    months: `january|jan february|feb march|mar april|apr may june|jun july|jul august|aug september|sept|sep october|oct november|nov december|dec`,
    units: { hour: `hour hours hr hrs`, day: `day days`, week: `week weeks`, month: `month months`, year: `year years` },
    numbers: `one two three four five six seven eight nine ten eleven twelve`,
    percent: `percent|per cent`,
  },
} satisfies LanguagePack;
