import { describe, expect, it } from 'vitest';
import type { AislePart } from '../../shared/chat';
import { analyse } from '../../edge/src/language';
import type { Step, StepKind } from '../../edge/src/understanding/plan';
import { PRECEDENCE, ranked, runsAfter, withHandoff } from '../../edge/src/understanding/precedence';
import { understand, type ShopContext } from '../../edge/src/understanding/understand';

// An invented shop: its product names hold action words of several packs on purpose.
const TITLES = ['Noise-Cancelling Earbuds Pro', 'Self-Return Tape Measure', 'Replacement Filter Cartridge', 'Broken Slate Tile Pack', 'Refund Envelope Organiser', 'Linen Sofa'];
const OWN = [
  { number: 'KT-40817', items: [{ name: 'Glazed Ceramic Planter Set' }] },
  { number: 'KT-40552', items: [{ name: 'Trail Boot' }, { name: 'Wool Socks' }] },
];

const shop = (over: Partial<ShopContext> = {}): ShopContext => ({
  identity: 'verified',
  ownOrders: OWN,
  productTitles: TITLES,
  policyHeadings: ['Returns and refunds', 'Plant guarantee', 'Delivery'],
  ...over,
});

const plan = (text: string, ctx: ShopContext = shop(), history: { role: string; parts: AislePart[] }[] = []) => understand(analyse(text), history, ctx);
const kinds = (text: string, ctx?: ShopContext) => plan(text, ctx).steps.map((s) => s.kind);
const first = <K extends StepKind>(steps: Step[], kind: K) => steps.find((s): s is Extract<Step, { kind: K }> => s.kind === kind);

describe('understand(): plan kinds', () => {
  it('a greeting, thanks, and a greeting with thanks greets once', () => {
    expect(kinds('hi there')).toEqual(['greeting']);
    expect(kinds('thank you so much!')).toEqual(['thanks']);
    expect(kinds('hi, thanks')).toEqual(['greeting']);
  });

  it('a policy question carries its topic and is not handed off', () => {
    const p = plan('what is your return policy?');
    expect(p.gate.handoff).toBe(false);
    const step = first(p.steps, 'policy_question');
    expect(step?.topics).toContain('returns');
    expect(step?.headings).toBeUndefined();
  });

  it('a product search carries its query and its price filter', () => {
    const step = first(plan('linen sofa under 900').steps, 'product_search');
    expect(step?.query).toContain('linen sofa');
    expect(step?.filters).toEqual({ maxPrice: 900 });
  });

  it('when the team is available is a support-hours step, not a catalog search', () => {
    expect(kinds('when is your team available?')).toEqual(['support_hours']);
  });

  it('a money request is a handoff with the rule ids of the gate, and the order it names is still looked up', () => {
    const p = plan('I want my money back for order KT-40817');
    expect(p.steps[0]).toMatchObject({ kind: 'handoff', categories: expect.arrayContaining(['refund']) });
    expect((p.steps[0] as Extract<Step, { kind: 'handoff' }>).rules.length).toBeGreaterThan(0);
    expect(withHandoff(p.steps)).toEqual([{ kind: 'order_status', target: { by: 'number', numbers: ['KT-40817'] } }]);
  });

  it('"is it in stock?" after a product card is a follow-up about that product', () => {
    const card = { id: 'sofa-1', title: 'Linen Sofa', price: 850, currency: 'EUR', availability: 'in_stock' as const };
    const history = [
      { role: 'user', parts: [{ type: 'text', text: 'linen sofa' }] as AislePart[] },
      { role: 'assistant', parts: [{ type: 'data-products', data: { products: [card] } }] as AislePart[] },
    ];
    const p = plan('is it in stock?', shop(), history);
    expect(p.steps[0]).toMatchObject({ kind: 'follow_up', ref: { to: 'product', card: { id: 'sofa-1' } } });
  });

  it('a question of no known topic tries the catalog, then the policies, then says the catalog has none', () => {
    const p = plan('do your prices include VAT?');
    expect(p.steps).toMatchObject([{ kind: 'product_search', probe: 'any' }, { kind: 'policy_question', probe: 'any' }, { kind: 'other', notFound: 'products' }]);
    // With a price range the search itself answers (it says when nothing is in range).
    expect(plan('do you have a linen sofa under 900?').steps).toMatchObject([{ kind: 'product_search', filters: { maxPrice: 900 } }]);
  });

  it('a guest asking about an order with the order form on: answered by code', () => {
    expect(plan('where is my order?', shop({ identity: 'guest', ownOrders: [], guestOrderHelp: true })).answeredBy).toBe('code');
    expect(plan('where is my order?', shop({ identity: 'guest', ownOrders: [] })).answeredBy).toBe('engine');
  });
});

describe('understand(): order references in many shapes', () => {
  const shapes = ['KT-40817', 'kt 40817', 'KT40817', '#40817', '40817', 'order 40817', 'order #KT - 40817', '４０８１７', 'where is kt-40817?', 'Bestellung 40817'];
  for (const typed of shapes) {
    it(`"${typed}" is the customer's own KT-40817`, () => {
      const step = first(plan(typed).steps, 'order_status');
      expect(step?.target).toEqual({ by: 'number', numbers: ['KT-40817'] });
    });
  }

  it('a number of their shape that is not theirs is kept, to be answered "not found"', () => {
    const step = first(plan('where is KT-49999?').steps, 'order_status');
    expect(step?.target).toMatchObject({ by: 'number' });
    expect((step?.target as { numbers: string[] }).numbers).not.toContain('KT-40817');
  });

  it('"my <item> order" is an order question about the order holding that item', () => {
    const step = first(plan("what's happening with my ceramic planter order?").steps, 'order_status');
    expect(step?.target).toEqual({ by: 'item', items: ['Glazed Ceramic Planter Set'] });
    expect(kinds("what's happening with my ceramic planter order?")).not.toContain('product_search');
  });

  it('an item named in another language, as a compound or with a typo still names the item bought', () => {
    const orders = shop({ ownOrders: [{ number: 'KT-1', items: [{ name: 'Cordless Grass Trimmer 18V' }] }, { number: 'KT-2', items: [{ name: 'Rattan Bistro Set' }, { name: 'Glazed Ceramic Planter Set' }] }] });
    const cases: [string, string][] = [
      ['¿dónde está mi pedido de las macetas de cerámica?', 'Glazed Ceramic Planter Set'],
      ['wo ist meine Bestellung mit dem Rasentrimmer?', 'Cordless Grass Trimmer 18V'],
      ['a che punto è il mio ordine del set bistrot in rattan?', 'Rattan Bistro Set'],
      ["what's the status of my trimmr parcel", 'Cordless Grass Trimmer 18V'],
    ];
    for (const [text, item] of cases) expect(first(plan(text, orders).steps, 'order_status')?.target, text).toEqual({ by: 'item', items: [item] });
    // Not an order question: shopping for the same kind of thing.
    expect(kinds('do you sell planters?', orders)[0]).toBe('product_search');
    expect(kinds('do you sell planters?', orders)).not.toContain('order_status');
  });

  it('"when is my <item> arriving?" without the word order is an order question about it; a question about the item is not', () => {
    expect(first(plan('when are my wool socks arriving').steps, 'order_status')?.target).toEqual({ by: 'item', items: ['Wool Socks'] });
    expect(first(plan('wann kommen meine Trail Boots?').steps, 'order_status')?.target).toEqual({ by: 'item', items: ['Trail Boot'] });
    expect(kinds('do my wool socks come in grey?')).not.toContain('order_status');
  });

  it('an item of theirs in their own words, with where, when or not yet and no word for an order, is an order question about it', () => {
    const orders = shop({ ownOrders: [{ number: 'KT-7', items: [{ name: 'Lumen Down Sleeping Bag' }, { name: 'Sparrow 2 Tent' }] }, { number: 'KT-8', items: [{ name: 'Tundra Down Jacket' }, { name: 'Track & Find Bluetooth Tag' }] }] });
    const cases: [string, string][] = [
      ['Wann kommt meine Jacke?', 'Tundra Down Jacket'],
      ['Ist meine Daunenjacke schon unterwegs?', 'Tundra Down Jacket'],
      ['¿cuándo llega mi saco de dormir?', 'Lumen Down Sleeping Bag'],
      ['il sacco a pelo non è ancora arrivato', 'Lumen Down Sleeping Bag'],
      ['e os Track & Find tags que encomendei?', 'Track & Find Bluetooth Tag'],
    ];
    for (const [text, item] of cases) expect(first(plan(text, orders).steps, 'order_status')?.target, text).toEqual({ by: 'item', items: [item] });
    expect(kinds('do you have the Tundra jacket in blue?', orders)).not.toContain('order_status');
  });

  it('two items of two orders named: both, each the best match of its own words', () => {
    const target = first(plan('when are my trail boots coming? and the ceramic planters?').steps, 'order_status')?.target;
    expect(target).toEqual({ by: 'item', items: expect.arrayContaining(['Trail Boot', 'Glazed Ceramic Planter Set']) });
    expect(target?.by === 'item' && target.items).not.toContain('Wool Socks');
  });

  it('a question about their own order that asks for nothing else asks where it stands; one with a request or a topic does not', () => {
    for (const text of ['what about my order?', '¿qué pasa con mi pedido?', 'Was ist mit meiner Bestellung?', 'e a minha encomenda?', 'che fine ha fatto il mio ordine?', 'et ma commande alors ?']) {
      expect(kinds(text), text).toContain('order_status');
    }
    expect(kinds('can I pay for my order with PayPal?')).not.toContain('order_status');
    expect(kinds('can I add socks to my order?')).not.toContain('order_status');
  });

  it('a guest asking when their thing arrives asks about an order (answered by the sign-in notice)', () => {
    for (const text of ["when's my router getting here?", '¿ya salió mi pedido?', 'quand arrivent mes chaussures ?', 'quando chega a minha encomenda?', 'Wann kommt meine Lichterkette?', 'quando arriva la mia giacca?']) {
      expect(kinds(text, shop({ identity: 'guest', ownOrders: [] })), text).toContain('order_status');
    }
  });

  it('"where is my last order?" is the latest order', () => {
    expect(first(plan('where is my last order?').steps, 'order_status')?.target).toEqual({ by: 'latest' });
  });
});

describe("understand(): the shop's product titles suppress action words inside product names", () => {
  const noTitles = shop({ productTitles: [] });
  const named = [
    'is the self-return tape measure in stock',
    'I need a replacement filter cartridge',
    'broken slate tile pack price',
    'refund envelope organiser in blue?',
  ];
  for (const text of named) {
    it(`"${text}": a product search, no handoff, with the product's own words`, () => {
      const p = plan(text);
      expect(p.gate.handoff).toBe(false);
      expect(p.steps[0].kind).toBe('product_search');
      expect(p.titlesNamed.length).toBe(1);
      const query = (p.steps[0] as Extract<Step, { kind: 'product_search' }>).query.toLowerCase();
      for (const w of p.titlesNamed[0].toLowerCase().split(/[\s-]+/).slice(0, 2)) expect(query).toContain(w);
      // The same words in a shop that sells no such product are read as a request: the rule is the shop's titles.
      expect(plan(text, noTitles).gate.handoff).toBe(true);
    });
  }

  it('an action word outside the product name still acts', () => {
    const p = plan('please cancel my order of the noise cancelling earbuds pro');
    expect(p.gate.handoff).toBe(true);
    expect(p.gate.categories).toContain('cancellation');
  });

  it('a fault report about a product whose name holds an action word is still handed off', () => {
    expect(plan('my replacement filter cartridge arrived cracked and leaking').gate.handoff).toBe(true);
  });
});

describe("understand(): the product's name in the shopper's language suppresses action words too", () => {
  // Titles and the tags and option values of more than one word, one list, as the shop context reads them.
  const names = shop({ identity: 'guest', productTitles: TITLES, productNames: [...TITLES, 'Replacement Battery Pack', '4 person'] });
  const named = [
    'tenéis los auriculares con cancelación de ruido?',
    'des écouteurs à réduction de bruit',
    'Gibt es einen Ersatzakku?',
    'uma tenda para 4 pessoas',
  ];
  for (const text of named) {
    it(`"${text}": a product search, no handoff`, () => {
      const p = plan(text, names);
      expect(p.gate.handoff).toBe(false);
      expect(p.steps[0].kind).toBe('product_search');
    });
  }

  it('the same words outside a name still act', () => {
    expect(plan('quiero cancelar mi pedido', names).gate.handoff).toBe(true);
    expect(plan('quero falar com uma pessoa', names).gate.handoff).toBe(true);
  });

  it('a product noun of the lexicon is no typo of a request or topic word', () => {
    // "carrete" (a reel) was read as a near spelling of a payment word.
    const p = plan('¿tenéis un carrete de manguera?', names);
    expect(p.intents.policyTopics).toEqual([]);
    expect(p.steps[0].kind).toBe('product_search');
  });

  it('only names the shop has count: no title spells the phrase, no span', () => {
    const other = shop({ identity: 'guest', productTitles: ['Linen Sofa'], productNames: ['Linen Sofa'] });
    expect(plan('des écouteurs à réduction de bruit', other).titlesNamed).toEqual([]);
    expect(plan('des écouteurs à réduction de bruit', names).titlesNamed).toEqual(['Noise-Cancelling Earbuds Pro']);
  });
});

describe('precedence table', () => {
  it('is data: every row explains itself, one row per kind and probe', () => {
    const keys = PRECEDENCE.map((r) => `${r.kind}:${r.probe ?? ''}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const r of PRECEDENCE) expect(r.why.length).toBeGreaterThan(10);
  });

  it('ranks a handoff first and a follow-up below an order question (which drops it)', () => {
    const steps: Step[] = [
      { kind: 'product_search', query: 'x', filters: {} },
      { kind: 'follow_up', ref: { to: 'orders', numbers: ['1'] } },
      { kind: 'order_status', target: { by: 'recent' } },
      { kind: 'handoff', categories: ['refund'], rules: ['r'] },
    ];
    expect(ranked(steps).map((s) => s.kind)).toEqual(['handoff', 'order_status', 'product_search']);
  });

  it('after an order answer a policy question still runs; a product search does not', () => {
    const order: Step = { kind: 'order_status', target: { by: 'recent' } };
    expect(runsAfter({ kind: 'policy_question', topics: ['returns'], query: 'returns' }, [order])).toBe(true);
    expect(runsAfter({ kind: 'product_search', query: 'x', filters: {} }, [order])).toBe(false);
    // A shopping request of its own beside the order question does run.
    expect(runsAfter({ kind: 'product_search', query: 'x', filters: {}, probe: 'apart' }, [order])).toBe(true);
  });

  it('several requests in one message: the order, then a shopping request of its own, searched by its own words', () => {
    for (const text of [
      "two things: where's my trail boot, and do you have the linen sofa in grey?",
      '¿cuándo llegan mis calcetines? y otra cosa, ¿tenéis el Linen Sofa?',
      'Wo ist KT-40552? Und habt ihr auch das Linen Sofa?',
      'where is KT 40552 and do you have a linen sofa',
    ]) {
      const p = plan(text);
      expect(p.steps.map((s) => s.kind), text).toEqual(['order_status', 'product_search']);
      expect(first(p.steps, 'order_status')?.target, text).not.toEqual({ by: 'recent' });
      const search = first(p.steps, 'product_search');
      expect(search?.probe, text).toBe('apart');
      expect(search?.query.toLowerCase(), text).toContain('sofa');
      expect(search?.query.toLowerCase(), text).not.toMatch(/boot|calcetines|40552/);
    }
    // One request: no search apart ("where's my trail boot order?" is about the order).
    expect(plan("where's my trail boot order?").steps.map((s) => s.kind)).toEqual(['order_status']);
  });

  it('beside a handoff only where the order stands is answered', () => {
    const steps: Step[] = [
      { kind: 'handoff', categories: ['refund'], rules: ['r'] },
      { kind: 'order_status', target: { by: 'recent' } },
      { kind: 'policy_question', topics: ['refunds'], query: 'refunds' },
      { kind: 'product_search', query: 'x', filters: {} },
    ];
    expect(withHandoff(steps).map((s) => s.kind)).toEqual(['order_status']);
  });
});
