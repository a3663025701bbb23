import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../shared/chat';
import { analyse, CONCEPT_IDS, LANGS, PACKS, PHRASE_IDS, REPLY_MESSAGES, splitWords, TOPIC_IDS, type ReplyWording } from '../../edge/src/language';

/** Every string of a reply wording with its path ("handoff.topics.refund"). */
function entries(value: unknown, at = ''): [string, string][] {
  if (typeof value === 'string') return [[at, value]];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => entries(v, at ? `${at}.${k}` : k));
}
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const english = new Map(entries(PACKS.en.reply));

describe('language packs', () => {
  for (const lang of LANGS) {
    describe(lang, () => {
      const pack = PACKS[lang];
      it('gives every concept and every policy topic its words', () => {
        for (const id of CONCEPT_IDS) expect(splitWords(pack.concepts[id]).length, `${lang} ${id}`).toBeGreaterThan(0);
        for (const id of TOPIC_IDS) expect(splitWords(pack.topics[id]).length, `${lang} topic ${id}`).toBeGreaterThan(0);
        expect(splitWords(pack.stopWords).length).toBeGreaterThan(20);
        expect(splitWords(pack.questionStarts).length).toBeGreaterThan(5);
        expect(splitWords(pack.detect.words).length).toBeGreaterThan(10);
        expect(splitWords(pack.orderRef.words).length).toBeGreaterThan(0);
      });

      it('gives every phrase and every search entry its words', () => {
        for (const id of PHRASE_IDS) expect(splitWords(pack.phrases[id]).length, `${lang} phrase ${id}`).toBeGreaterThan(0);
        for (const [key, value] of entries(pack.search)) expect(splitWords(value).length, `${lang} search ${key}`).toBeGreaterThan(0);
        expect(Object.keys(pack.search.factWords).length, `${lang} factWords`).toBeGreaterThan(0);
      });

      it('reads every word of its concepts back as that concept', () => {
        for (const id of CONCEPT_IDS) {
          for (const word of splitWords(pack.concepts[id])) {
            const plain = word.replace(/\*/g, '');
            const a = analyse(plain);
            // A word may also be something else; it must at least be itself.
            if (a.length === 1) expect(a.is(0, id), `${lang} ${id} ${word}`).toBe(true);
          }
        }
      });

      it('gives every reply entry its words, with the placeholders the English one has', () => {
        const reply: ReplyWording = pack.reply;
        for (const key of REPLY_MESSAGES) expect(reply.messages[key].trim().length, `${lang} ${key}`).toBeGreaterThan(5);
        const own = entries(reply);
        expect(own.map(([k]) => k).sort()).toEqual([...english.keys()].sort());
        for (const [key, text] of own) {
          // Parts that are only a value ("{title} in {options}...") still need words around it, except the drafts' greeting.
          expect(text.replace(/\{\w+\}/g, '').trim().length, `${lang} ${key} has words`).toBeGreaterThan(key === 'intl' ? 1 : 2);
          expect(placeholders(text), `${lang} ${key} placeholders`).toEqual(placeholders(english.get(key)!));
        }
        // The last suggestion asks for a person, in the pack's own words, and the model is told the language by name.
        expect(reply.suggestions[3].length).toBeGreaterThan(5);
        expect(new Intl.Locale(reply.intl).language).toBe(lang);
      });
    });
  }

  it('reads a separable verb with its infinitive particle inside as the verb (packs\' infinitiveInfix)', () => {
    // Each prefix + "zu" + a verb the packs know: the verb's concept, whatever the prefix.
    const cases: [string, string][] = [
      ['zurückzuschicken', 'RETURN'],
      ['zurückzugeben', 'RETURN'],
      ['abzubestellen', 'CANCEL'],
      ['umzutauschen', 'EXCHANGE'],
    ];
    for (const [word, concept] of cases) expect(analyse(`Ich habe vergessen, die Jacke ${word}`).has(concept as (typeof CONCEPT_IDS)[number]), word).toBe(true);
    // A word that only starts like one is not read as a verb it does not hold.
    expect(analyse('Ich komme gern zurück zu euch').has('RETURN')).toBe(false);
    expect(analyse('Die Aufzucht der Pflanzen').has('RETURN')).toBe(false);
  });

  it('has one pack for every reply language of the chat contract', () => {
    expect([...LANGS].sort()).toEqual([...LOCALES].sort());
    expect(Object.keys(PACKS).sort()).toEqual([...LOCALES].sort());
  });
});
