/* rubric-migrations.c — the numbered schema migrations of the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Migration N brings a database from user_version N-1 to N. They are only
 * ever appended to: a released migration never changes, because databases
 * in the field were built by it.
 */

#include "config.h"

#include "rubric-db-private.h"
#include "rubric-rollups.h"

static const char migration_1[] =
  /* Who is rated, and the phone system's side of the story. Times are Unix
   * seconds (UTC); periods are cut in each vendor's time zone when queried. */
  "CREATE TABLE vendors ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE,"
  "  timezone TEXT NOT NULL DEFAULT 'UTC'"
  ") STRICT;"
  "CREATE TABLE agents ("
  "  id INTEGER PRIMARY KEY,"
  "  vendor_id INTEGER REFERENCES vendors (id) ON DELETE CASCADE,"
  "  external_id TEXT NOT NULL,"
  "  name TEXT,"
  "  team TEXT,"
  "  UNIQUE (vendor_id, external_id)"
  ") STRICT;"
  "CREATE TABLE queues ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE,"
  "  vendor_id INTEGER REFERENCES vendors (id) ON DELETE SET NULL"
  ") STRICT;"
  "CREATE TABLE sources ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE"
  ") STRICT;"
  /* One offer of a call to a queue (SPEC §4.1). outcome: 0 pending,
   * 1 answered, 2 abandoned, 3 timeout, 4 other. */
  "CREATE TABLE calls ("
  "  id INTEGER PRIMARY KEY,"
  "  source_id INTEGER NOT NULL REFERENCES sources (id),"
  "  call_id TEXT NOT NULL,"
  "  queue_id INTEGER NOT NULL REFERENCES queues (id),"
  "  entered_at INTEGER NOT NULL,"
  "  vendor_id INTEGER NOT NULL REFERENCES vendors (id),"
  "  agent_id INTEGER REFERENCES agents (id),"
  "  outcome INTEGER NOT NULL CHECK (outcome BETWEEN 0 AND 4),"
  "  wait_s REAL CHECK (wait_s IS NULL OR wait_s >= 0),"
  "  talk_s REAL,"
  "  hold_s REAL,"
  "  wrap_s REAL,"
  "  caller TEXT,"
  "  recording TEXT,"
  "  UNIQUE (source_id, call_id, queue_id, entered_at)"
  ") STRICT;"
  "CREATE INDEX calls_vendor_time ON calls (vendor_id, entered_at);"
  "CREATE INDEX calls_agent_time ON calls (agent_id, entered_at);";

static const char migration_2[] =
  /* Scorecards are kept as their canonical XML (without the version, which
   * the database assigns) and its SHA-256, so an identical import is
   * recognised and an export gives back the same content. */
  "CREATE TABLE scorecards ("
  "  id INTEGER PRIMARY KEY,"
  "  key TEXT NOT NULL,"
  "  version INTEGER NOT NULL CHECK (version > 0),"
  "  declared_version INTEGER,"
  "  title TEXT NOT NULL,"
  "  digest TEXT NOT NULL,"
  "  definition TEXT NOT NULL,"
  "  created_at INTEGER NOT NULL,"
  "  UNIQUE (key, version)"
  ") STRICT;"
  "CREATE TABLE evaluations ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  scorecard_id INTEGER NOT NULL REFERENCES scorecards (id),"
  "  status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'calibration')),"
  "  reviewer TEXT,"
  "  vendor_id INTEGER REFERENCES vendors (id),"
  "  agent_id INTEGER REFERENCES agents (id),"
  "  call TEXT,"
  "  call_time INTEGER,"
  "  scored_at INTEGER,"
  "  updated_at INTEGER NOT NULL,"
  "  score REAL,"
  "  auto_failed INTEGER NOT NULL DEFAULT 0 CHECK (auto_failed IN (0, 1))"
  ") STRICT;"
  "CREATE INDEX evaluations_vendor_time ON evaluations (vendor_id, status, call_time);"
  "CREATE INDEX evaluations_agent_time ON evaluations (agent_id, call_time);"
  "CREATE INDEX evaluations_call ON evaluations (call);"
  /* value is the answer as written ('yes', '3', an option key or 'na');
   * credit is NULL for N/A so that failure rates can be read with SQL. */
  "CREATE TABLE evaluation_answers ("
  "  evaluation_id INTEGER NOT NULL REFERENCES evaluations (id) ON DELETE CASCADE,"
  "  criterion TEXT NOT NULL,"
  "  value TEXT NOT NULL,"
  "  credit REAL,"
  "  position INTEGER NOT NULL,"
  "  PRIMARY KEY (evaluation_id, criterion)"
  ") STRICT, WITHOUT ROWID;"
  "CREATE TABLE evaluation_comments ("
  "  id INTEGER PRIMARY KEY,"
  "  evaluation_id INTEGER NOT NULL REFERENCES evaluations (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  at REAL CHECK (at IS NULL OR at >= 0),"
  "  criterion TEXT,"
  "  text TEXT NOT NULL"
  ") STRICT;"
  "CREATE INDEX evaluation_comments_evaluation ON evaluation_comments (evaluation_id);"
  /* Category scores kept beside the evaluation so aggregates never re-score;
   * score is NULL when undefined. */
  "CREATE TABLE evaluation_scores ("
  "  evaluation_id INTEGER NOT NULL REFERENCES evaluations (id) ON DELETE CASCADE,"
  "  category TEXT NOT NULL,"
  "  score REAL,"
  "  PRIMARY KEY (evaluation_id, category)"
  ") STRICT, WITHOUT ROWID;"
  /* Every change to a submitted evaluation: who, when, why, and the whole
   * evaluation before and after, as interchange XML. */
  "CREATE TABLE evaluation_history ("
  "  id INTEGER PRIMARY KEY,"
  "  evaluation_id INTEGER NOT NULL REFERENCES evaluations (id) ON DELETE CASCADE,"
  "  changed_at INTEGER NOT NULL,"
  "  changed_by TEXT NOT NULL,"
  "  reason TEXT NOT NULL,"
  "  before TEXT NOT NULL,"
  "  after TEXT NOT NULL"
  ") STRICT;"
  "CREATE INDEX evaluation_history_evaluation ON evaluation_history (evaluation_id);";

static const char migration_3[] =
  /* The phone system's side (SPEC §4, §5.1). next_gap: seconds from this
   * record to the next record (strictly later) of the same caller for the
   * same vendor, NULL when there is none: repeat-contact FCR reads it. */
  "ALTER TABLE calls ADD COLUMN next_gap INTEGER;"
  /* Each caller's records in order, for the repeat-contact links: a table
   * of its own, written in key order in batches by the imports, rather
   * than an index on calls that every import would grow at random. */
  "CREATE TABLE call_contacts ("
  "  vendor_id INTEGER NOT NULL,"
  "  caller TEXT NOT NULL,"
  "  entered_at INTEGER NOT NULL,"
  "  call INTEGER NOT NULL,"
  "  PRIMARY KEY (vendor_id, caller, entered_at, call)"
  ") STRICT, WITHOUT ROWID;"
  "INSERT INTO call_contacts (vendor_id, caller, entered_at, call)"
  "  SELECT vendor_id, caller, entered_at, id FROM calls WHERE caller IS NOT NULL"
  "  ORDER BY 1, 2, 3, 4;"
  "UPDATE calls SET next_gap = (SELECT min (later.entered_at) FROM call_contacts AS later"
  "                              WHERE later.vendor_id = calls.vendor_id"
  "                                AND later.caller = calls.caller"
  "                                AND later.entered_at > calls.entered_at) - entered_at"
  "  WHERE caller IS NOT NULL;"
  /* Records a queue_log import may still complete: pending ones, and
   * answered ones whose talk time has not been logged yet. */
  "CREATE TABLE calls_open ("
  "  call INTEGER PRIMARY KEY REFERENCES calls (id) ON DELETE CASCADE,"
  "  source_id INTEGER NOT NULL REFERENCES sources (id)"
  ") STRICT;"
  "CREATE INDEX calls_open_source ON calls_open (source_id);"
  /* Calls are listed by vendor and time; an agent's are among its
   * vendor's. One index fewer for every import to grow. */
  "DROP INDEX calls_agent_time;"
  /* The scorecards page counts each scorecard's evaluations. */
  "CREATE INDEX evaluations_scorecard ON evaluations (scorecard_id);"
  /* Daily rollups of the call records, kept in step with every import in
   * its transaction, so KPIs never scan the calls (docs/KPIS.md). day: the
   * local day in the vendor's time zone, as days since 1970-01-01. kind:
   * 1 answered, 2 abandoned, 3 timeout (bucket: wait), 4 other, 5 handle
   * time of answered calls with a talk time, 6 answered calls with a caller
   * (bucket: days to the caller's next record, 0 when none). */
  "CREATE TABLE call_rollups ("
  "  vendor_id INTEGER NOT NULL REFERENCES vendors (id) ON DELETE CASCADE,"
  "  day INTEGER NOT NULL,"
  "  kind INTEGER NOT NULL CHECK (kind BETWEEN 1 AND 6),"
  "  bucket INTEGER NOT NULL,"
  "  n INTEGER NOT NULL CHECK (n >= 0),"
  "  total REAL NOT NULL,"
  "  PRIMARY KEY (vendor_id, day, kind, bucket)"
  ") STRICT, WITHOUT ROWID;"
  RUBRIC_ROLLUPS_REBUILD_ALL_SQL ";"
  /* Contracts (SPEC §5.1, §8.5): one version per vendor and valid-from day,
   * kept as canonical XML; the KPI definitions beside it for queries. */
  "CREATE TABLE contracts ("
  "  id INTEGER PRIMARY KEY,"
  "  vendor_id INTEGER NOT NULL REFERENCES vendors (id) ON DELETE CASCADE,"
  "  valid_from TEXT NOT NULL,"
  "  timezone TEXT NOT NULL,"
  "  period TEXT NOT NULL,"
  "  threshold INTEGER NOT NULL,"
  "  short_abandon INTEGER NOT NULL,"
  "  formula TEXT NOT NULL,"
  "  repeat_days INTEGER NOT NULL,"
  "  definition TEXT NOT NULL,"
  "  imported_at INTEGER NOT NULL,"
  "  UNIQUE (vendor_id, valid_from)"
  ") STRICT;"
  /* Aggregate metrics (SPEC §4.4): days are inclusive, "YYYY-MM-DD". */
  "CREATE TABLE metrics ("
  "  id INTEGER PRIMARY KEY,"
  "  vendor_id INTEGER NOT NULL REFERENCES vendors (id) ON DELETE CASCADE,"
  "  period_start TEXT NOT NULL,"
  "  period_end TEXT NOT NULL CHECK (period_end >= period_start),"
  "  metric TEXT NOT NULL,"
  "  value REAL NOT NULL,"
  "  n INTEGER CHECK (n IS NULL OR n >= 0),"
  "  UNIQUE (vendor_id, period_start, period_end, metric)"
  ") STRICT;"
  "CREATE INDEX metrics_vendor_period ON metrics (vendor_id, period_start);";

/* Version 4: ratings. A vendor's month may hold tens of thousands of
 * submitted evaluations; reading each one's row and category scores took
 * 200 ms over a million evaluations. Their category scores are kept beside
 * the overall score too ("key=score;…", keys sorted, empty when undefined),
 * and the vendor/time index covers both, so a period is one index range. */
static const char migration_4[] =
  "ALTER TABLE evaluations ADD COLUMN category_scores TEXT;"
  "UPDATE evaluations SET category_scores ="
  "  (SELECT group_concat (category || '=' ||"
  "            CASE WHEN score IS NULL THEN '' ELSE printf ('%!.17g', score) END, ';')"
  "     FROM (SELECT category, score FROM evaluation_scores"
  "            WHERE evaluation_id = evaluations.id ORDER BY category));"
  "DROP INDEX evaluations_vendor_time;"
  "CREATE INDEX evaluations_vendor_time"
  "  ON evaluations (vendor_id, status, call_time, score, category_scores);";

/* Version 5: every save of an evaluation counts its revision up, so that a
 * save made from a copy that another machine has saved since is noticed
 * (SPEC §15). The team database (rubric-migrations-pg.c) adds the roles
 * and their rules in its migration 5. */
static const char migration_5[] =
  "ALTER TABLE evaluations ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;";

/* Version 6: agent trends (SPEC §6, docs/TRENDS.md). An agent's submitted
 * evaluations over a year are one range of the agent index, which holds
 * the scores too, so a team of 50 agents is 50 index ranges and no table
 * row. It replaces the (agent, call time) index, which no query needs
 * beside it. */
static const char migration_6[] =
  "DROP INDEX evaluations_agent_time;"
  "CREATE INDEX evaluations_agent_time"
  "  ON evaluations (agent_id, status, call_time, score, category_scores);";

const char * const rubric_db_migrations[] = {
  NULL,
  migration_1,
  migration_2,
  migration_3,
  migration_4,
  migration_5,
  migration_6,
};

G_STATIC_ASSERT (G_N_ELEMENTS (rubric_db_migrations) == RUBRIC_DB_SCHEMA_VERSION + 1);
