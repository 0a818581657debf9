import Database from 'better-sqlite3';
const db = new Database('/tmp/probe/big.db', { readonly: true });
const time = (label: string, sql: string, params: unknown[]) => {
  const st = db.prepare(sql);
  for (let i = 0; i < 2; i++) st.all(...params);
  const t = performance.now(); let n = 0;
  for (let i = 0; i < 10; i++) n = st.all(...params).length;
  console.log(label, ((performance.now() - t) / 10).toFixed(1), 'ms rows', n);
  console.log(db.prepare('EXPLAIN QUERY PLAN ' + sql).all(...params).map((r: any) => '   ' + r.detail).join('\n'));
};
const where = `r.experiment_id IN (1) AND r.lifecycle_stage = 'active'
 AND EXISTS (SELECT 1 FROM params t WHERE t.run_id = r.id AND t.key = ? AND t.value = ?)
 AND EXISTS (SELECT 1 FROM latest_metrics t WHERE t.run_id = r.id AND t.key = ? AND (NOT t.is_nan AND t.value > ?))`;
time('count exists', `SELECT COUNT(*) FROM runs r WHERE ${where}`, ['p0', 'v3', 'm0', 0.5]);
time('page exists', `SELECT r.id, (CASE WHEN o0.run_id IS NULL THEN 2 WHEN o0.is_nan THEN 1 ELSE 0 END) AS k0r, o0.value FROM runs r LEFT JOIN latest_metrics o0 ON o0.run_id = r.id AND o0.key = ? WHERE ${where} ORDER BY (CASE WHEN o0.run_id IS NULL THEN 2 WHEN o0.is_nan THEN 1 ELSE 0 END) ASC, o0.value DESC, r.start_time DESC, r.id ASC LIMIT 101`, ['m1', 'p0', 'v3', 'm0', 0.5]);
const whereIn = `r.experiment_id IN (1) AND r.lifecycle_stage = 'active'
 AND r.id IN (SELECT t.run_id FROM params t WHERE t.key = ? AND t.value = ?)
 AND r.id IN (SELECT t.run_id FROM latest_metrics t WHERE t.key = ? AND (NOT t.is_nan AND t.value > ?))`;
time('count in', `SELECT COUNT(*) FROM runs r WHERE ${whereIn}`, ['p0', 'v3', 'm0', 0.5]);
