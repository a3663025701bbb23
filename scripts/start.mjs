// `npm start`: build the widget and demo pages, then run the whole product locally.
import { spawnSync } from 'node:child_process';
import { ROOT, startStack } from './stack.mjs';

if (!process.argv.includes('--no-build')) {
  const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const port = Number(process.env.PORT ?? 8787);
const stack = await startStack({ port });
const { demo, url, secrets } = stack;
const engine = secrets.OPENAI_API_KEY ? `model (${process.env.OPENAI_MODEL ?? 'shop default'})` : 'offline (set OPENAI_API_KEY to use a model)';
console.log(`
  Aisle is running.

  Demo storefront   ${url}/
  Agent workspace   ${url}/agent/demo     (sign in with the agent key below)
  Merchant console  ${url}/console/demo   (sign in with the admin key below)
  Chat API          POST ${url}/v1/shops/demo/chat
  Engine            ${engine}

  Demo shop keys (local only):
    admin key        ${demo.adminKey}
    agent key        ${demo.agentKey}
    identity secret  ${demo.identitySecret}
    operator key     ${secrets.AISLE_OPERATOR_KEY}
  Imported: ${Object.entries(demo.counts).map(([k, v]) => `${v} ${k}`).join(', ') || 'nothing yet'}
  Demo customers: ${demo.customers.map((c) => `${c.id} (${c.name})`).join(', ') || 'none'}

  Try:  npm run aisle -- token --shop demo --customer cus_1001 --key ${demo.adminKey}
  Stop: Ctrl+C
`);
const shutdown = async () => {
  await stack.stop();
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
