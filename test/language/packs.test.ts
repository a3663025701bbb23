import { describe, expect, it } from 'vitest';
import { analyse, CONCEPT_IDS, LANGS, PACKS, splitWords, TOPIC_IDS } from '../../edge/src/language';

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
    });
  }
});
