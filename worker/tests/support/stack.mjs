// Starts scripts/stack.sh (sandbox + Prism proxy + worker on workerd) for a test file
// and stops its whole process group afterwards.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/**
 * Starts the stack on the given ports; resolves once `stack ready:` is printed. The
 * worker runs in demo mode unless `demoMode: false`.
 */
export async function startStack({ sandboxPort, workerPort, prismPort, demoMode = true, timeoutMs = 420_000 }) {
  const envFile = path.join(mkdtempSync(path.join(tmpdir(), 'cx-stack-')), 'stack.env');
  const args = ['--sandbox-port', String(sandboxPort), '--worker-port', String(workerPort),
    '--env-file', envFile];
  if (prismPort) args.push('--prism-port', String(prismPort));
  if (process.env.STACK_NO_BUILD === '1') args.push('--no-build');
  const child = spawn(path.join(ROOT, 'scripts/stack.sh'), args, {
    cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, STACK_DEMO_MODE: demoMode ? 'true' : 'false' },
  });
  let output = '';
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`stack not ready in time:\n${output}`)), timeoutMs);
    const onData = (chunk) => {
      output += chunk.toString();
      if (/stack ready: /.test(output)) { clearTimeout(timer); resolve(); }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`stack.sh exited ${code}:\n${output}`)); });
  });
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
  };
  try {
    await ready;
  } catch (e) {
    await stop();
    throw e;
  }
  child.removeAllListeners('exit');
  const env = {};
  if (existsSync(envFile)) {
    for (const line of readFileSync(envFile, 'utf8').split('\n')) {
      const i = line.indexOf('=');
      if (i > 0) env[line.slice(0, i)] = line.slice(i + 1);
    }
  }
  return { env, stop, output: () => output };
}
