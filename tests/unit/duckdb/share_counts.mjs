// DuckDB (its official Node binding, @duckdb/node-api) over a share's records folder, as
// docs/office-analytics.md describes: explicit columns, trailer lines excluded, records whose
// content disagrees with their partition folder left out (merge refuses them), duplicates
// removed by record id. Prints {"total": N, "per_kiosk": {"c/k": n}, "per_kind": {...}} as JSON.
//   node share_counts.mjs SHARE
import { DuckDBInstance } from '@duckdb/node-api';

const share = process.argv[2];
const instance = await DuckDBInstance.create(':memory:');
const db = await instance.connect();
const glob = `${share.replace(/'/g, "''")}/records/centre=*/kiosk=*/date=*/*.jsonl`;
await db.run(`
  CREATE VIEW records AS
  SELECT * FROM (
    SELECT *, row_number() OVER (PARTITION BY record_id ORDER BY filename) AS copy_no
    FROM read_json('${glob}',
      format = 'newline_delimited',
      columns = {centre_id: 'VARCHAR', kiosk_id: 'VARCHAR', seq: 'BIGINT', record_id: 'VARCHAR',
                 kind: 'VARCHAR', created_utc: 'VARCHAR', local_date: 'VARCHAR', payload: 'JSON'},
      hive_partitioning = true, filename = true, ignore_errors = true)
    WHERE record_id IS NOT NULL AND centre_id = centre AND kiosk_id = kiosk)
  WHERE copy_no = 1`);
const rows = async (sql) => (await db.runAndReadAll(sql)).getRowObjects();
const total = await rows('SELECT count(*) AS n FROM records');
const perKiosk = await rows(`SELECT centre_id || '/' || kiosk_id AS k, count(*) AS n FROM records GROUP BY 1 ORDER BY 1`);
const perKind = await rows('SELECT kind AS k, count(*) AS n FROM records GROUP BY 1 ORDER BY 1');
const out = { total: Number(total[0].n), per_kiosk: {}, per_kind: {} };
for (const r of perKiosk) out.per_kiosk[r.k] = Number(r.n);
for (const r of perKind) out.per_kind[r.k] = Number(r.n);
console.log(JSON.stringify(out));
