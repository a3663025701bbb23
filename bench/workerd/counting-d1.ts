/**
 * A D1 binding that counts the statements sent through it (one per first/all/run/raw, one per
 * statement of a batch), for the benchmarks' "D1 statements per turn". The real binding does the work.
 */
export interface D1Count {
  statements: number;
  /** What D1 reports spending on the SQL (meta.duration), where the call returns it (not first()). */
  sqlMs?: number;
}

const addSql = <T extends { meta?: { duration?: number } }>(count: D1Count, r: T) => ((count.sqlMs = (count.sqlMs ?? 0) + (r.meta?.duration ?? 0)), r);

class CountingStatement {
  constructor(
    readonly real: D1PreparedStatement,
    private readonly count: D1Count,
  ) {}
  bind(...values: unknown[]) {
    return new CountingStatement(this.real.bind(...values), this.count);
  }
  first(column?: string) {
    this.count.statements++;
    return column === undefined ? this.real.first() : this.real.first(column);
  }
  all() {
    this.count.statements++;
    return this.real.all().then((r) => addSql(this.count, r));
  }
  run() {
    this.count.statements++;
    return this.real.run().then((r) => addSql(this.count, r));
  }
  raw(options?: { columnNames?: boolean }) {
    this.count.statements++;
    return this.real.raw(options as { columnNames: true });
  }
}

export function countingD1(db: D1Database, count: D1Count): D1Database {
  const wrapped = {
    prepare: (sql: string) => new CountingStatement(db.prepare(sql), count),
    batch: (statements: CountingStatement[]) => {
      count.statements += statements.length;
      return db.batch(statements.map((s) => s.real)).then((rs) => (rs.forEach((r) => addSql(count, r)), rs));
    },
    exec: (sql: string) => {
      count.statements++;
      return db.exec(sql);
    },
    dump: () => db.dump(),
    withSession: () => wrapped,
  };
  return wrapped as unknown as D1Database;
}
