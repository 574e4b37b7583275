import 'reflect-metadata';
import { ConfigError, loadConfig, type EmberConfig } from '#ember/config';

type Run = (config: EmberConfig, args: string[]) => Promise<number>;

// Each command's code is loaded when it runs (`ember replay` does its work in a worker thread: the
// main thread need not load what the worker loads again).
const COMMANDS: Record<string, { summary: string; run: Run }> = {
  migrate: { summary: 'create the database if needed and apply pending migrations', run: (c) => import('./commands/migrate.command.js').then((m) => m.migrateCommand(c)) },
  scrub: { summary: 're-hash every snapshot image against its recorded checksum [--json]', run: (c, a) => import('./commands/scrub.command.js').then((m) => m.scrubCommand(c, a)) },
  verify: { summary: 'check the event log for tampering (hash chains, seals) [--seal] [--anchor n:hash] [--json]', run: (c, a) => import('./commands/verify.command.js').then((m) => m.verifyCommand(c, a)) },
  audit: { summary: "a snapshot's or volume's history: audit snapshot|volume <id> [--as-of <time>] [--json]", run: (c, a) => import('./commands/audit.command.js').then((m) => m.auditCommand(c, a)) },
  replay: { summary: 'rebuild the read models from the event log and swap them in; --verify: compare only, exit 1 on differences', run: (c, a) => import('./commands/replay.command.js').then((m) => m.replayCommand(c, a)) },
};

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`);
  return `usage: ember <command> [options]\n\ncommands:\n${lines.join('\n')}\n\nConfiguration comes from the environment (see .env.example).`;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`ember: unknown command '${name}'\n\n${usage()}`);
    return 2;
  }
  return command.run(loadConfig(), args);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    console.error(e instanceof ConfigError ? e.message : `ember: ${(e as Error).stack ?? e}`);
    process.exit(1);
  },
);
