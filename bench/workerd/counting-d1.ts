/**
 * A D1 binding that counts the statements sent through it (one per first/all/run/raw, one per
 * statement of a batch), for the benchmarks' "D1 statements per turn". The real binding does the work.
 */
export interface D1Count {
  statements: number;
  /** Calls that go to D1 and wait for it: one per first/all/run/raw, one per batch. */
  roundTrips?: number;
  /** What D1 reports spending on the SQL (meta.duration), where the call returns it (not first()). */
  sqlMs?: number;
  /** Rows D1 reports written and read (meta.rows_written / rows_read; what the plans bill), not for first(). */
  rowsWritten?: number;
  rowsRead?: number;
  /** When set, the SQL of every statement sent, in order. */
  sql?: string[];
}

const addSql = <T extends { meta?: { duration?: number; rows_written?: number; rows_read?: number } }>(count: D1Count, r: T) => {
  count.sqlMs = (count.sqlMs ?? 0) + (r.meta?.duration ?? 0);
  count.rowsWritten = (count.rowsWritten ?? 0) + (r.meta?.rows_written ?? 0);
  count.rowsRead = (count.rowsRead ?? 0) + (r.meta?.rows_read ?? 0);
  return r;
};

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
    this.count.roundTrips = (this.count.roundTrips ?? 0) + 1;
    return column === undefined ? this.real.first() : this.real.first(column);
  }
  all() {
    this.count.statements++;
    this.count.roundTrips = (this.count.roundTrips ?? 0) + 1;
    return this.real.all().then((r) => addSql(this.count, r));
  }
  run() {
    this.count.statements++;
    this.count.roundTrips = (this.count.roundTrips ?? 0) + 1;
    return this.real.run().then((r) => addSql(this.count, r));
  }
  raw(options?: { columnNames?: boolean }) {
    this.count.statements++;
    this.count.roundTrips = (this.count.roundTrips ?? 0) + 1;
    return this.real.raw(options as { columnNames: true });
  }
}

export function countingD1(db: D1Database, count: D1Count): D1Database {
  const wrapped = {
    prepare: (sql: string) => (count.sql?.push(sql.replace(/\s+/g, ' ').trim()), new CountingStatement(db.prepare(sql), count)),
    batch: (statements: CountingStatement[]) => {
      count.statements += statements.length;
      count.roundTrips = (count.roundTrips ?? 0) + 1;
      return db.batch(statements.map((s) => s.real)).then((rs) => (rs.forEach((r) => addSql(count, r)), rs));
    },
    exec: (sql: string) => {
      count.statements++;
      count.roundTrips = (count.roundTrips ?? 0) + 1;
      return db.exec(sql);
    },
    dump: () => db.dump(),
    withSession: () => wrapped,
  };
  return wrapped as unknown as D1Database;
}
