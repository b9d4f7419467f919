import { execFileSync } from 'node:child_process';
import path from 'node:path';

/**
 * The container engine a test may use: CONTAINER_ENGINE, else podman, else docker, from PATH.
 * podman is configured for these machines by docker/container-engine.sh (storage, runtime,
 * ulimits, the local Debian base image), whose settings every command that runs the engine
 * must be given (`env`). None found: the reason a test is skipped.
 */

const ROOT = path.resolve(__dirname, '../..');

export interface ContainerEngine {
  /** The engine's command, or null when there is none. */
  command: string | null;
  reason: string;
  /** The environment to run the engine (and scripts that run it) in. */
  env: NodeJS.ProcessEnv;
}

function onPath(command: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** docker/container-engine.sh's `export A='x' B='y'` line, as variables. */
function exported(line: string): Record<string, string> {
  return Object.fromEntries([...line.matchAll(/(\w+)='([^']*)'/g)].map(([, name, value]) => [name!, value!]));
}

let found: ContainerEngine | undefined;

export function containerEngine(): ContainerEngine {
  if (found) return found;
  const command = process.env.CONTAINER_ENGINE ?? (onPath('podman') ? 'podman' : onPath('docker') ? 'docker' : null);
  if (!command) {
    found = {
      command: null,
      reason: 'no container engine: neither podman nor docker is on PATH (docker/README.md says how to add podman)',
      env: {},
    };
    return found;
  }
  try {
    const settings =
      path.basename(command) === 'podman'
        ? exported(execFileSync(path.join(ROOT, 'docker/container-engine.sh'), ['env'], { encoding: 'utf8' }))
        : {};
    const env = { ...process.env, ...settings, CONTAINER_ENGINE: command };
    execFileSync(command, ['info'], { stdio: 'ignore', env });
    found = { command, reason: '', env };
  } catch (error) {
    found = { command: null, reason: `${command} is installed but cannot run containers here: ${(error as Error).message}`, env: {} };
  }
  return found;
}
