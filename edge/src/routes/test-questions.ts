import { Hono } from 'hono';
import { z } from 'zod';
import { TestQuestionInput } from '../../../shared/console';
import { addTestQuestion, deleteTestQuestion, listTestQuestions, listTestRuns, MAX_TEST_QUESTIONS, runTestQuestions } from '../console/test-questions';
import type { AppEnv } from '../env';
import { ApiError } from '../lib/errors';
import { validate } from '../lib/validate';
import { requireAdmin } from '../middleware/admin-access';

/** Added in v1.1: the merchant's test questions, run in dry-run (admin key). */
export const testQuestionRoutes = new Hono<AppEnv>();
const admin = requireAdmin();

testQuestionRoutes.get('/test-questions', admin, async (c) => c.json({ questions: await listTestQuestions(c.env.DB, c.get('shop').id) }));

testQuestionRoutes.post('/test-questions', admin, validate('json', TestQuestionInput), async (c) => {
  const question = await addTestQuestion(c.env.DB, c.get('shop').id, c.req.valid('json'));
  if (!question) throw new ApiError('conflict', `A shop has at most ${MAX_TEST_QUESTIONS} test questions; delete one first`);
  return c.json({ question }, 201);
});

testQuestionRoutes.delete('/test-questions/:id', admin, validate('param', z.object({ shop: z.string(), id: z.string().min(1).max(100) })), async (c) => {
  if (!(await deleteTestQuestion(c.env.DB, c.get('shop').id, c.req.valid('param').id))) throw new ApiError('not_found', 'No such test question');
  return c.body(null, 204);
});

/** Runs every case now; the reply says how many tokens it used (they count against the daily budget). */
testQuestionRoutes.post('/test-questions/run', admin, async (c) => {
  const run = await runTestQuestions(c.env, c.get('shop'), c.req.header('origin') ?? new URL(c.req.url).origin, c.get('turnDeps'));
  return c.json({ run });
});

testQuestionRoutes.get('/test-runs', admin, validate('query', z.strictObject({ limit: z.coerce.number().int().min(1).max(100).default(20) })), async (c) =>
  c.json({ runs: await listTestRuns(c.env.DB, c.get('shop').id, c.req.valid('query').limit) }),
);
