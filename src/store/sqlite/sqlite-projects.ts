import type { Project } from '../../core/index.js';
import type { ProjectActivity, ProjectInput, Projects } from '../store.js';
import { write } from './context.js';
import type { SqliteContext } from './context.js';

interface ProjectRow {
  id: string;
  key: string;
  root: string;
  remote_url: string | null;
  name: string;
  created_at: number;
  machine_id: string;
  hlc: string;
}

const toProject = (r: ProjectRow): Project => ({
  id: r.id,
  key: r.key,
  root: r.root,
  remoteUrl: r.remote_url,
  name: r.name,
  createdAt: r.created_at,
  machineId: r.machine_id,
  hlc: r.hlc,
});

export class SqliteProjects implements Projects {
  constructor(private readonly ctx: SqliteContext) {}

  ensure(input: ProjectInput): Project {
    // The common case, a known project seen from a known folder, needs no write lock.
    const known = this.ctx
      .stmt(
        `SELECT p.* FROM projects p JOIN project_roots r ON r.project_id = p.id
         WHERE p.key = ? AND r.root = ?`,
      )
      .get(input.key, input.root) as ProjectRow | undefined;
    if (known) return toProject(known);
    // Read-check-insert must be one write transaction: other processes create projects too.
    return write(this.ctx, () => this.ensureInside(input));
  }

  private ensureInside(input: ProjectInput): Project {
    const { db } = this.ctx;
    const existing = db.prepare('SELECT * FROM projects WHERE key = ?').get(input.key) as
      ProjectRow | undefined;
    if (existing) {
      db.prepare('INSERT OR IGNORE INTO project_roots (root, project_id) VALUES (?, ?)').run(
        input.root,
        existing.id,
      );
      return toProject(existing);
    }
    const row: ProjectRow = {
      id: this.ctx.ids(),
      key: input.key,
      root: input.root,
      remote_url: input.remoteUrl,
      name: input.name,
      created_at: this.ctx.clock.now(),
      machine_id: this.ctx.machineId,
      hlc: this.ctx.hlc.tick(),
    };
    db.prepare(
      `INSERT INTO projects (id, key, root, remote_url, name, created_at, machine_id, hlc)
       VALUES (@id, @key, @root, @remote_url, @name, @created_at, @machine_id, @hlc)`,
    ).run(row);
    db.prepare('INSERT OR IGNORE INTO project_roots (root, project_id) VALUES (?, ?)').run(
      input.root,
      row.id,
    );
    return toProject(row);
  }

  get(ref: string): Project | null {
    const { db } = this.ctx;
    const row = (db.prepare('SELECT * FROM projects WHERE id = ? OR key = ?').get(ref, ref) ??
      db
        .prepare(
          'SELECT p.* FROM project_roots r JOIN projects p ON p.id = r.project_id WHERE r.root = ?',
        )
        .get(ref) ??
      db.prepare('SELECT * FROM projects WHERE name = ? ORDER BY created_at LIMIT 1').get(ref)) as
      ProjectRow | undefined;
    return row ? toProject(row) : null;
  }

  list(): Project[] {
    return (this.ctx.stmt('SELECT * FROM projects ORDER BY name').all() as ProjectRow[]).map(
      toProject,
    );
  }

  folders(): { key: string; root: string }[] {
    return this.ctx
      .stmt(
        `SELECT p.key, r.root FROM project_roots r JOIN projects p ON p.id = r.project_id
         WHERE r.root <> '' ORDER BY p.key, r.root = p.root DESC, r.root`,
      )
      .all() as { key: string; root: string }[];
  }

  busiest(limit: number): ProjectActivity[] {
    return this.ctx
      .stmt(
        `SELECT p.name, p.root, count(s.id) AS sessions FROM projects p
         JOIN sessions s ON s.project_id = p.id
         GROUP BY p.id ORDER BY sessions DESC, p.name LIMIT ?`,
      )
      .all(limit) as ProjectActivity[];
  }
}
