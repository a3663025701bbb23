import { CliError, requireFlag } from '../lib.mjs';

const expectation = (e) =>
  'products' in e ? `shows ${e.products.join(', ')}` : 'policyQuoteContains' in e ? `quotes "${e.policyQuoteContains}"` : 'handoff' in e ? `hands off as ${e.handoff}` : 'no handoff';

export default {
  name: 'test',
  usage: 'test --shop <id>',
  summary: "run the shop's test questions through the real pipeline in dry-run; exits 4 when one fails (admin key)",
  async run({ flags, api, print, json }) {
    const shop = encodeURIComponent(requireFlag(flags, 'shop', 'the shop id'));
    // Said before running: a merchant on a model pays for these tokens.
    if (!json) console.error('Running test questions: nothing is filed or sent, but the tokens count against the daily budget.');
    const { run } = await api('POST', `/v1/shops/${shop}/test-questions/run`, {});
    const lines = run.results.map((r) => {
      const who = r.as === 'guest' ? '' : ` (as ${r.as})`;
      return `${r.pass ? 'PASS' : 'FAIL'}  ${r.question}${who}: ${expectation(r.expect)}${r.pass ? '' : `\n      ${r.reasons.join('; ')}`}`;
    });
    const total = run.results.length
      ? `${run.passed} passed, ${run.failed} failed (engine ${run.engine}, ${run.tokens} tokens, run ${run.id})`
      : 'No test questions yet: add them with POST /v1/shops/:shop/test-questions or in the console.';
    print([...lines, total].join('\n'), run);
    if (run.failed > 0) throw new CliError(`${run.failed} test question${run.failed === 1 ? '' : 's'} failed`, { exitCode: 4, code: 'test_failed', body: { code: 'test_failed', message: `${run.failed} failed`, runId: run.id } });
  },
};
