import type { AssessmentTemplate } from '../../../shared/template/types.ts';
import type { TemplateStore } from '../templatePort.ts';
import type { SqliteDatabase } from './openDatabase.ts';

/** Imported template versions in the workspace database (table `templates`; triggers keep rows unchanged). */
export class SqliteTemplateStore implements TemplateStore {
  private readonly sql;

  constructor(db: SqliteDatabase) {
    this.sql = {
      add: db.prepare('INSERT INTO templates (version, body, imported_at) VALUES (?, ?, ?) ON CONFLICT (version) DO NOTHING'),
      get: db.prepare<[number], { body: string }>('SELECT body FROM templates WHERE version = ?'),
      versions: db.prepare<[], { version: number }>('SELECT version FROM templates ORDER BY version'),
    };
  }

  async add(template: AssessmentTemplate, importedAt: string): Promise<boolean> {
    return this.sql.add.run(template.version, JSON.stringify(template), importedAt).changes === 1;
  }

  async get(version: number): Promise<unknown> {
    const row = this.sql.get.get(version);
    return row ? JSON.parse(row.body) : null;
  }

  async versions(): Promise<number[]> {
    return this.sql.versions.all().map((row) => row.version);
  }
}
