import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse } from '../../edge/src/language';

/**
 * The detector only chooses the reply language: when it is unsure the page's language is used,
 * so being unsure is fine and being sure of the wrong language is the failure that matters.
 */
const TUNING = path.resolve(import.meta.dirname, '../corpus/tuning');

describe('reply language of Italian and Portuguese shoppers', () => {
  for (const lang of ['it', 'pt'] as const) {
    it(`is never confidently another language than ${lang}, and mostly ${lang} (tuning corpus)`, () => {
      const cases = JSON.parse(readFileSync(path.join(TUNING, `${lang}.json`), 'utf8')) as { turns: { user: string }[] }[];
      const messages = cases.flatMap((c) => c.turns.map((t) => t.user));
      const guesses = messages.map((m) => analyse(m).languageConfident);
      expect(messages.filter((_, i) => guesses[i] !== null && guesses[i] !== lang)).toEqual([]);
      expect(guesses.filter((g) => g === lang).length / messages.length).toBeGreaterThan(0.5);
    });
  }

  it('keeps Spanish, French and German messages in their language', () => {
    expect(analyse('¿Cuánto tarda el envío a Alemania?').languageConfident).toBe('es');
    expect(analyse('Je veux un remboursement pour ma commande').languageConfident).toBe('fr');
    expect(analyse('Das Paket ist noch nicht da, ja wirklich').languageConfident).toBe('de');
  });
});
