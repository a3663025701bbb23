import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import type { HandoffPart, NoticePart } from '../../../shared/chat';
import { chat, dataOf, seedDemoShop, signCustomerToken, type TestShop } from '../helpers';

/**
 * Acceptance 3 of issue 16: after a handoff the assistant keeps answering ordinary product,
 * policy and order-status questions (it used to say "your request is already with our team").
 */

let shop: TestShop;
let token: string;
beforeAll(async () => {
  shop = await seedDemoShop();
  token = await signCustomerToken(shop, 'cus_1001');
});

const QUESTIONS: { locale: string; text: string; kind: 'product' | 'policy' | 'order' }[] = [
  { locale: 'en', text: 'How long is your return window?', kind: 'policy' },
  { locale: 'en', text: 'Do you have a waterproof rain jacket?', kind: 'product' },
  { locale: 'en', text: 'Where is my order NW-10231?', kind: 'order' },
  { locale: 'es', text: '¿Cuánto cuesta el envío?', kind: 'policy' },
  { locale: 'es', text: '¿Tenéis la Tundra Down Jacket en talla M?', kind: 'product' },
  { locale: 'es', text: '¿Dónde está mi pedido NW-10118?', kind: 'order' },
  { locale: 'fr', text: 'Quels sont les délais de livraison ?', kind: 'policy' },
  { locale: 'fr', text: 'Avez-vous une veste polaire ?', kind: 'product' },
  { locale: 'de', text: 'Wie lange dauert der Versand?', kind: 'policy' },
  { locale: 'de', text: 'Habt ihr die Harbour Fleece Vest?', kind: 'product' },
  { locale: 'de', text: 'Wo ist meine Bestellung NW-10187?', kind: 'order' },
];

describe('after a handoff, ordinary questions are answered', () => {
  it('hands off a refund, then answers each question instead of deflecting it (11 questions, 4 languages)', async () => {
    const failures: string[] = [];
    // One handed-off conversation per language keeps each under the per-conversation flood limit.
    for (const locale of ['en', 'es', 'fr', 'de']) {
      const first = await chat(shop.shopId, { text: 'My jacket from order NW-10231 arrived torn, I want a refund.' }, { token });
      const [handoff] = dataOf<HandoffPart>(first.parts, 'handoff');
      expect(handoff?.ticketId).toMatch(/^tkt_/);
      const conv = await env.DB.prepare('SELECT state FROM conversations WHERE id = ?').bind(first.conversationId).first<{ state: string }>();
      expect(conv?.state).toBe('handed_off');
      for (const q of QUESTIONS.filter((x) => x.locale === locale)) {
        const r = await chat(shop.shopId, { conversationId: first.conversationId, text: q.text, locale: q.locale }, { token });
        expect(r.res.status).toBe(200);
        const again = dataOf<HandoffPart>(r.parts, 'handoff');
        const deflected = again.length > 0 || dataOf<NoticePart>(r.parts, 'notice').some((n) => n.code === 'handed_off');
        const answered =
          q.kind === 'product' ? dataOf(r.parts, 'products').length > 0 : q.kind === 'order' ? dataOf(r.parts, 'order').length > 0 : dataOf(r.parts, 'citations').length > 0;
        if (deflected || !answered) failures.push(`${q.locale} "${q.text}" -> ${deflected ? 'deflected' : 'not answered'}: ${r.text.slice(0, 160)}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
