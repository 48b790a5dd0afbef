import { parseArgs } from 'node:util';
import { CASE_ROLES, type CaseRole } from '../shared/roles.ts';
import { CaseIdParam, CreateCaseInput, CreateUserInput, Username } from '../shared/schemas.ts';
import { CreateOrganisationInput } from '../shared/organisations.ts';
import { Audit } from './audit/Audit.ts';
import { createOrganisation } from './commands/admin/organisations.ts';
import { assignMember, createCase } from './commands/createCase.ts';
import { createUser } from './commands/createUser.ts';
import { ConfigError, parseConfig } from './config.ts';
import { AppError } from './errors.ts';
import { createLogger } from './logger.ts';
import { CLI_ACTOR, parse, UsageError, type Command } from './cli/command.ts';
import { buildStores } from './stores.ts';
import { TEMPLATE_COMMANDS } from './templates/templateCli.ts';
import { LOG_SECRET_FILE, readSecret } from './secret.ts';
import type { CaseCheck } from './workflow/caseCheck.ts';
import { createLogKey } from './workflow/logKey.ts';
import { verifyCase } from './workflow/verifyCase.ts';

/**
 * The admin command line (`npm run admin -- <command> [options]`): the same
 * commands as the admin API, run against the configured store.
 */
const USAGE = `Usage: npm run admin -- <command> [options]

Commands:
  create-user  --username <name> --name <display name> --role <bedrijfsarts|verzekeringsarts|admin>
               --password <password>        (at least 10 characters; not a common password,
                                             a repeated pattern, a sequence, or containing the username)
               [--organisation <organisation id>]   (default: the default organisation)
  create-organisation --name <name> --kind <arbodienst|uwv|verzekeraar|zelfstandig> [--mfa-required]
  list-organisations
  create-case  --title <title> --pseudonym <employee pseudonym> --employer <name>
               --first-sick-day <YYYY-MM-DD> --ba <username> --va <username>
  assign-member --case <case id> --role <ba|va> --username <name>
  list-users
  list-cases
  verify-log <case id>                  checks the case against its event log: the keyed hash chain, the
                                        head and seal of its state row, its state and reviewer grants
                                        against a replay of the log; names the problem, exit 1
  verify-log --all                      the same for every case
  import-template <file.json>           adds a template version (docs/templates.md); names every invalid
                                        field; a version number that exists is refused
  list-templates                        the template versions: number, sections, shipped or imported, name
  migrate-case --case <case id> --to <version>
                                        moves a case to a newer template version: sections carried over by id,
                                        lists those without a place, records template.migrated in the case log

Uses the same environment as the server (STORE, DATA_DIR, …).`;

/** The log does not verify: reported on stderr with exit code 1. */
class TamperedError extends Error {}

const COMMANDS: Record<string, Command> = {
  ...TEMPLATE_COMMANDS,
  'create-user': {
    options: ['username', 'name', 'role', 'password', 'organisation'],
    run: async ({ stores, audit }, o) => {
      const { organisation, ...fields } = o;
      const input = parse(CreateUserInput, { ...fields, ...(organisation === undefined ? {} : { organisationId: organisation }) });
      const user = await createUser({ records: stores.records, audit }, CLI_ACTOR, input);
      return `created user ${user.username} (${user.role}) with id ${user.id}`;
    },
  },
  'create-organisation': {
    options: ['name', 'kind'],
    flags: ['mfa-required'],
    run: async ({ stores, audit }, o) => {
      const input = parse(CreateOrganisationInput, { name: o.name, kind: o.kind, mfaRequired: Boolean(o['mfa-required']) });
      const created = await createOrganisation({ records: stores.records, audit }, CLI_ACTOR, input);
      return `created organisation ${created.name} (${created.kind}) with id ${created.id}`;
    },
  },
  'list-organisations': {
    options: [],
    run: async ({ stores }) => {
      const organisations = await stores.records.listOrganisations();
      return organisations.map((org) => `${org.id}\t${org.kind}\t${org.name}${org.mfaRequired ? '\tMFA' : ''}${org.oidc ? '\tSSO' : ''}`).join('\n');
    },
  },
  'create-case': {
    options: ['title', 'pseudonym', 'employer', 'first-sick-day', 'ba', 'va'],
    run: async ({ stores, audit }, o) => {
      const input = parse(CreateCaseInput, {
        title: o.title,
        employeePseudonym: o.pseudonym,
        employer: o.employer,
        firstSickDay: o['first-sick-day'],
        ba: o.ba,
        va: o.va,
      });
      const created = await createCase({ records: stores.records, audit, templates: stores.templates }, CLI_ACTOR, input);
      return `created case ${created.id}`;
    },
  },
  'assign-member': {
    options: ['case', 'role', 'username'],
    run: async ({ stores, audit }, o) => {
      const caseId = parse(CaseIdParam, o.case, 'case');
      if (!CASE_ROLES.includes(o.role as CaseRole)) throw new UsageError(`--role must be one of ${CASE_ROLES.join(', ')}`);
      const username = parse(Username, o.username, 'username');
      await assignMember({ records: stores.records, audit }, CLI_ACTOR, caseId, o.role as CaseRole, username);
      return `${username} is now the ${o.role} of case ${caseId}`;
    },
  },
  'list-users': {
    options: [],
    run: async ({ stores }) => {
      const users = await stores.records.listUsers();
      return users.map((u) => `${u.username}\t${u.role}\t${u.name}\t${u.organisationId}`).join('\n') || '(no users)';
    },
  },
  'verify-log': {
    options: [],
    flags: ['all'],
    positionals: 1,
    run: async ({ stores, logKey }, o, [caseId]) => {
      if (Boolean(o.all) === (caseId !== undefined)) throw new UsageError('verify-log takes a case id, or --all');
      if (!logKey) throw new UsageError(`no log key: set LOG_SECRET as the server has it, or run this where the server keeps DATA_DIR/${LOG_SECRET_FILE}`);
      if (caseId !== undefined) {
        const id = parse(CaseIdParam, caseId, 'case');
        if (!(await stores.records.getCase(id))) throw new UsageError(`case: no case with id "${id}"`);
        const check = await verifyCase(stores, logKey, id);
        if (check.ok) return describeIntact(id, check);
        throw new TamperedError(describeProblem(id, check));
      }
      const cases = await stores.records.listCases();
      const problems: string[] = [];
      for (const { id } of cases) {
        const check = await verifyCase(stores, logKey, id);
        if (!check.ok) problems.push(describeProblem(id, check));
      }
      if (problems.length === 0) return `all ${cases.length} cases match their event logs`;
      throw new TamperedError(`${problems.join('\n')}\n${problems.length} of ${cases.length} cases do not match their event logs`);
    },
  },
  'list-cases': {
    options: [],
    run: async ({ stores }) => {
      const cases = await stores.records.listCases();
      return cases.map((c) => `${c.id}\t${c.firstSickDay}\t${c.title}`).join('\n') || '(no cases)';
    },
  },
};

function describeIntact(caseId: string, check: Extract<CaseCheck, { ok: true }>): string {
  const legacy = check.legacyEvents > 0 ? `, the first ${check.legacyEvents} hashed before the log was keyed` : '';
  return `case ${caseId}: the event log is intact (${check.events} events${legacy}); the state, its reviewer grants and its seal match it`;
}

function describeProblem(caseId: string, check: Extract<CaseCheck, { ok: false }>): string {
  return `case ${caseId}: ${check.problem}${check.seq === undefined ? '' : ` at event ${check.seq}`}: ${check.detail}`;
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
    options: Object.fromEntries([
      ...command.options.map((option) => [option, { type: 'string' as const }]),
      ...(command.flags ?? []).map((flag) => [flag, { type: 'boolean' as const }]),
    ]),
    strict: true,
    allowPositionals: (command.positionals ?? 0) > 0,
  });
  if (positionals.length > (command.positionals ?? 0)) throw new UsageError(`${name} takes at most ${command.positionals ?? 0} argument(s)`);
  const config = parseConfig(process.env);
  // Read, never created: a new key here would make every sealed case look tampered with.
  const logSecret = config.LOG_SECRET ?? readSecret(config.DATA_DIR, LOG_SECRET_FILE);
  const { stores } = await buildStores(config, createLogger('silent'));
  try {
    const context = { stores, audit: new Audit(stores.audit, createLogger('silent')), logKey: logSecret ? createLogKey(logSecret) : null };
    process.stdout.write(`${await command.run(context, values as Record<string, string | boolean | undefined>, positionals)}\n`);
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
