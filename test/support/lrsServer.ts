// A real LRS for tests: Learning Locker's statements service (npm xapi-statements) as a child
// process on a loopback port, models in memory (so a restarted instance starts empty), any basic
// auth accepted. Each instance runs in its own process group, which stop() kills, and every
// instance still running when the test process exits is killed too: no orphans.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const ENTRY = path.resolve(import.meta.dirname, '../../node_modules/xapi-statements/dist/index.js');
const AUTH = `Basic ${Buffer.from('test-key:test-secret').toString('base64')}`;

export interface LrsServer {
  port: number;
  /** The xAPI base address, e.g. http://127.0.0.1:40123/xAPI (statements are under /statements). */
  endpoint: string;
  /** Every statement the LRS holds, following `more` page by page until the end. */
  statements(pageSize?: number): Promise<{ id: string; [key: string]: unknown }[]>;
  /** Kills the process group (SIGKILL: the models are lost, as in a crash) and waits for exit. */
  stop(): Promise<void>;
}

const live = new Set<ChildProcess>();
let exitHookInstalled = false;

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const child of live) killGroup(child);
  });
}

/** A port that was free a moment ago on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function startLrs(options: { port?: number; timeoutMs?: number } = {}): Promise<LrsServer> {
  installExitHook();
  const port = options.port ?? (await freePort());
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-lrs-'));
  fs.mkdirSync(path.join(cwd, 'storage'));
  const child = spawn(process.execPath, [ENTRY], {
    cwd,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH ?? '',
      AUTH_REPO: 'test',
      EVENTS_REPO: 'test',
      MODELS_REPO: 'memory',
      STORAGE_REPO: 'local',
      EXPRESS_PORT: String(port),
      WINSTON_CONSOLE_LEVEL: 'error',
      LANG: 'en',
    },
  });
  live.add(child);
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      live.delete(child);
      fs.rmSync(cwd, { recursive: true, force: true });
      resolve();
    });
  });

  const base = `http://127.0.0.1:${port}`;
  const endpoint = `${base}/xAPI`;
  const stop = async () => {
    killGroup(child);
    await exited;
  };

  const deadline = Date.now() + (options.timeoutMs ?? 20_000);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`The test LRS exited before answering on port ${port}:\n${output}`);
    }
    try {
      const res = await fetch(`${endpoint}/statements?limit=1`, {
        headers: { Authorization: AUTH, 'X-Experience-API-Version': '1.0.3' },
        signal: AbortSignal.timeout(1000),
      });
      await res.arrayBuffer();
      if (res.status === 200) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`The test LRS did not answer on port ${port} in time:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  return {
    port,
    endpoint,
    stop,
    async statements(pageSize = 100) {
      const out: { id: string; [key: string]: unknown }[] = [];
      let next: string | null = `/xAPI/statements?limit=${pageSize}`;
      while (next !== null && next !== '') {
        const res = await fetch(`${base}${next}`, {
          headers: { Authorization: AUTH, 'X-Experience-API-Version': '1.0.3' },
        });
        if (res.status !== 200) throw new Error(`GET ${next} answered ${res.status}: ${await res.text()}`);
        const page = (await res.json()) as { statements: { id: string }[]; more?: string };
        out.push(...page.statements);
        next = page.more ?? null;
      }
      return out;
    },
  };
}
