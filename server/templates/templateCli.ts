import { readFile, stat } from 'node:fs/promises';
import { z } from 'zod';
import { CaseIdParam } from '../../shared/schemas.ts';
import { MAX_TEMPLATE_VERSION } from '../../shared/template/schema.ts';
import { SHIPPED_TEMPLATES } from '../../shared/template/shipped.ts';
import { CLI_ACTOR, parse, UsageError, type Command } from '../cli/command.ts';
import { LOG_SECRET_FILE } from '../secret.ts';
import { importTemplate, listTemplates, newestTemplate } from './catalog.ts';
import { migrateCase, type MigrationReport } from './migrateCase.ts';

/** The largest template file read; v1 with its definitions is about a twentieth of it. */
export const MAX_TEMPLATE_FILE_BYTES = 1024 * 1024;

const Version = z.coerce.number().int('a whole number').min(1).max(MAX_TEMPLATE_VERSION);
const SHIPPED_VERSIONS = new Set(SHIPPED_TEMPLATES.map((template) => template.version));

/** The admin command line's template commands (docs/templates.md). */
export const TEMPLATE_COMMANDS: Record<string, Command> = {
  'import-template': {
    options: [],
    positionals: 1,
    run: async ({ stores }, _options, [file]) => {
      if (file === undefined) throw new UsageError('import-template takes the path of a template version file (.json)');
      const result = await importTemplate(stores.templates, await readJson(file));
      if (!result.ok)
        throw new UsageError(
          `${file} is refused (${result.problems.length} problem(s)), nothing was imported:\n${result.problems.map((p) => `  - ${p}`).join('\n')}`,
        );
      const { template } = result;
      const sections = template.groups.reduce((count, group) => count + group.sections.length, 0);
      const newest = await newestTemplate(stores.templates);
      return `template version ${template.version} "${template.name}" imported: ${template.groups.length} groups, ${sections} sections; new cases get version ${newest.version}`;
    },
  },
  'list-templates': {
    options: [],
    run: async ({ stores }) => {
      const summaries = await listTemplates(stores.templates);
      return summaries
        .map((t) => `${t.version}\t${t.sectionCount} sections\t${SHIPPED_VERSIONS.has(t.version) ? 'shipped' : 'imported'}\t${t.name}`)
        .join('\n');
    },
  },
  'migrate-case': {
    options: ['case', 'to'],
    run: async ({ stores, audit, logKey }, o) => {
      const caseId = parse(CaseIdParam, o.case, 'case');
      const to = parse(Version, o.to, 'to');
      if (!logKey) throw new UsageError(`no log key: set LOG_SECRET as the server has it, or run this where the server keeps DATA_DIR/${LOG_SECRET_FILE}`);
      const deps = { ...stores, logKey, audit, notificationDelivery: { delivered: () => {}, emailAvailable: false }, now: () => new Date() };
      return describeMigration(await migrateCase(deps, CLI_ACTOR, caseId, to));
    },
  },
};

async function readJson(file: string): Promise<unknown> {
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch {
    throw new UsageError(`${file}: no such file`);
  }
  if (size > MAX_TEMPLATE_FILE_BYTES) throw new UsageError(`${file}: ${size} bytes, more than a template file may have (${MAX_TEMPLATE_FILE_BYTES})`);
  try {
    return JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`${file}: not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
}

function describeMigration(report: MigrationReport): string {
  const lines = [
    `case ${report.caseId} moved from template version ${report.from} to ${report.to}; the case log records it (template.migrated)`,
    `  carried over by id: ${report.carried.length} sections`,
    `  new, open: ${report.added.length ? report.added.join(', ') : 'none'}`,
  ];
  if (report.unplaced.length === 0) lines.push('  without a place in the new version: none');
  else {
    lines.push(`  without a place in the new version (kept in the documents and the history, no longer shown): ${report.unplaced.length}`);
    for (const { id, label, holds } of report.unplaced)
      lines.push(`    - ${id} (${label}): ${holds.length ? `holds content in ${holds.join(', ')}` : 'empty'}`);
  }
  return lines.join('\n');
}
