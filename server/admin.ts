import { parseArgs } from 'node:util';
import type { z } from 'zod';
import { CASE_ROLES, type CaseRole } from '../shared/roles.ts';
import { CaseIdParam, CreateCaseInput, CreateUserInput, Username } from '../shared/schemas.ts';
import { Audit, type AuditActor } from './audit/Audit.ts';
import { assignMember, createCase } from './commands/createCase.ts';
import { createUser } from './commands/createUser.ts';
import { ConfigError, parseConfig } from './config.ts';
import { AppError } from './errors.ts';
import { createLogger } from './logger.ts';
import { buildStores } from './stores.ts';
import { verifyChain } from './workflow/eventChain.ts';
import type { Stores } from './store/ports.ts';

/**
 * The admin command line (`npm run admin -- <command> [options]`): the same
 * commands as the admin API, run against the configured store.
 */
const USAGE = `Usage: npm run admin -- <command> [options]

Commands:
  create-user  --username <name> --name <display name> --role <bedrijfsarts|verzekeringsarts|admin>
               --password <password>        (at least 10 characters; not a common password,
                                             a repeated pattern, a sequence, or containing the username)
  create-case  --title <title> --pseudonym <employee pseudonym> --employer <name>
               --first-sick-day <YYYY-MM-DD> --ba <username> --va <username>
  assign-member --case <case id> --role <ba|va> --username <name>
  list-users
  list-cases
  verify-log <case id>                  checks the case's hash-chained event log; exit 1 when tampered

Uses the same environment as the server (STORE, DATA_DIR, …).`;

const CLI_ACTOR: AuditActor = { userId: null, username: 'admin-cli', role: 'admin', ip: 'cli', userAgent: 'admin-cli' };

class UsageError extends Error {}

/** The log does not verify: reported on stderr with exit code 1. */
class TamperedError extends Error {}

type Handler = (stores: Stores, audit: Audit, options: Record<string, string | undefined>, positionals: string[]) => Promise<string>;

const COMMANDS: Record<string, { options: string[]; positionals?: number; run: Handler }> = {
  'create-user': {
    options: ['username', 'name', 'role', 'password'],
    run: async (stores, audit, o) => {
      const user = await createUser({ records: stores.records, audit }, CLI_ACTOR, parse(CreateUserInput, o));
      return `created user ${user.username} (${user.role}) with id ${user.id}`;
    },
  },
  'create-case': {
    options: ['title', 'pseudonym', 'employer', 'first-sick-day', 'ba', 'va'],
    run: async (stores, audit, o) => {
      const input = parse(CreateCaseInput, {
        title: o.title,
        employeePseudonym: o.pseudonym,
        employer: o.employer,
        firstSickDay: o['first-sick-day'],
        ba: o.ba,
        va: o.va,
      });
      const created = await createCase({ records: stores.records, audit }, CLI_ACTOR, input);
      return `created case ${created.id}`;
    },
  },
  'assign-member': {
    options: ['case', 'role', 'username'],
    run: async (stores, audit, o) => {
      const caseId = parse(CaseIdParam, o.case, 'case');
      if (!CASE_ROLES.includes(o.role as CaseRole)) throw new UsageError(`--role must be one of ${CASE_ROLES.join(', ')}`);
      const username = parse(Username, o.username, 'username');
      await assignMember({ records: stores.records, audit }, CLI_ACTOR, caseId, o.role as CaseRole, username);
      return `${username} is now the ${o.role} of case ${caseId}`;
    },
  },
  'list-users': {
    options: [],
    run: async (stores) => {
      const users = await stores.records.listUsers();
      return users.map((u) => `${u.username}\t${u.role}\t${u.name}`).join('\n') || '(no users)';
    },
  },
  'verify-log': {
    options: [],
    positionals: 1,
    run: async (stores, _audit, _options, [caseId]) => {
      const id = parse(CaseIdParam, caseId, 'case');
      if (!(await stores.records.getCase(id))) throw new UsageError(`case: no case with id "${id}"`);
      const check = verifyChain(await stores.workflow.listEvents(id));
      if (check.ok) return `case ${id}: the event log is intact (${check.events} events)`;
      throw new TamperedError(`case ${id}: event ${check.seq} was tampered with: ${check.reason}`);
    },
  },
  'list-cases': {
    options: [],
    run: async (stores) => {
      const cases = await stores.records.listCases();
      return cases.map((c) => `${c.id}\t${c.firstSickDay}\t${c.title}`).join('\n') || '(no cases)';
    },
  },
};

/** Parses CLI input with an API schema; a failure names the field like the API does. */
function parse<T extends z.ZodType>(schema: T, value: unknown, name?: string): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.path.join('.') || name || 'value';
  throw new UsageError(`${field}: ${issue.message}`);
}

async function run(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    process.stderr.write(`${name ? `Unknown command "${name}".\n\n` : ''}${USAGE}\n`);
    return 64;
  }
  const { values, positionals } = parseArgs({
    args: rest,
    options: Object.fromEntries(command.options.map((option) => [option, { type: 'string' as const }])),
    strict: true,
    allowPositionals: (command.positionals ?? 0) > 0,
  });
  if (positionals.length !== (command.positionals ?? 0)) throw new UsageError(`${name} takes ${command.positionals ?? 0} argument(s)`);
  const config = parseConfig(process.env);
  const { stores } = await buildStores(config, createLogger('silent'));
  try {
    const audit = new Audit(stores.audit, createLogger('silent'));
    process.stdout.write(`${await command.run(stores, audit, values as Record<string, string | undefined>, positionals)}\n`);
    return 0;
  } finally {
    await stores.close();
  }
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError || error instanceof AppError || error instanceof ConfigError || error instanceof TamperedError) {
      process.stderr.write(`error: ${error.message}\n`);
      process.exit(1);
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`error: ${message}\n\n${USAGE}\n`);
    process.exit(64);
  },
);
