import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Whether a CLI is installed (the e2e tests that drive it skip, saying why, when it is not). */
export const hasCommand = (name: string): boolean =>
  (process.env.PATH ?? '').split(':').some((dir) => existsSync(`${dir}/${name}`));

/** Runs a real OpenStack client with only the given environment (plus PATH/HOME). */
export async function cli(command: string, args: string[], env: Record<string, string>): Promise<string> {
  const { stdout } = await run(command, args, {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/root', ...env },
    timeout: 60_000,
  });
  return stdout;
}
