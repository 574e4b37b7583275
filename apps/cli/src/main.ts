import 'reflect-metadata';
import { ConfigError, loadConfig, type EmberConfig } from '#ember/config';
import { auditCommand } from './commands/audit.command.js';
import { migrateCommand } from './commands/migrate.command.js';
import { replayCommand } from './commands/replay.command.js';
import { scrubCommand } from './commands/scrub.command.js';
import { verifyCommand } from './commands/verify.command.js';

const COMMANDS: Record<string, { summary: string; run: (config: EmberConfig, args: string[]) => Promise<number> }> = {
  migrate: { summary: 'create the database if needed and apply pending migrations', run: migrateCommand },
  scrub: { summary: 're-hash every snapshot image against its recorded checksum [--json]', run: scrubCommand },
  verify: { summary: 'check the event log for tampering (hash chains, seals) [--seal] [--anchor n:hash] [--json]', run: verifyCommand },
  audit: { summary: "a snapshot's or volume's history: audit snapshot|volume <id> [--as-of <time>] [--json]", run: auditCommand },
  replay: { summary: 'rebuild the read models from the event log and swap them in; --verify: compare only, exit 1 on differences', run: replayCommand },
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
