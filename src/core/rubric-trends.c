/* rubric-trends.c — agents, teams and vendors followed over weeks (SPEC §6)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A trend reads each agent's submitted evaluations of the range as one
 * range of the (agent, status, call time, score, category scores) index
 * (migration 6), and a vendor's as one of the (vendor, status, …) index
 * (migration 4): both hold everything a bucket needs, so no table row is
 * read. Each evaluation is placed into its bucket by a binary search over
 * the buckets' first instants (rubric_day_start_utc in the vendor's zone).
 * See docs/TRENDS.md.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "rubric-clock.h"
#include "rubric-error.h"
#include "rubric-rating-text.h"
#include "rubric-rollups.h"
#include "rubric-score.h"
#include "rubric-scorecard-store.h"
#include "rubric-trends.h"

/* The buckets before a bucket that its moving average pools (SPEC §6). */
#define MOVING_BUCKETS 3

void
rubric_trend_row_free (RubricTrendRow *row)
{
  if (row == NULL)
    return;
  g_free (row->vendor);
  g_free (row->agent);
  g_free (row->agent_name);
  g_free (row->team);
  g_clear_pointer (&row->categories, g_ptr_array_unref);
  g_free (row);
}

void
rubric_trend_criterion_free (RubricTrendCriterion *criterion)
{
  if (criterion == NULL)
    return;
  g_free (criterion->scorecard);
  g_free (criterion->criterion);
  g_free (criterion->category);
  g_free (criterion->text);
  g_free (criterion);
}

void
rubric_trend_reviewer_free (RubricTrendReviewer *reviewer)
{
  if (reviewer == NULL)
    return;
  g_free (reviewer->reviewer);
  g_free (reviewer);
}

void
rubric_trend_resolution_free (RubricTrendResolution *resolution)
{
  if (resolution == NULL)
    return;
  g_free (resolution->vendor);
  g_free (resolution);
}

void
rubric_trend_evaluation_free (RubricTrendEvaluation *evaluation)
{
  if (evaluation == NULL)
    return;
  g_free (evaluation->uuid);
  g_free (evaluation->vendor);
  g_free (evaluation->agent);
  g_free (evaluation->call);
  g_free (evaluation->reviewer);
  g_free (evaluation);
}

void
rubric_agent_summary_free (RubricAgentSummary *summary)
{
  if (summary == NULL)
    return;
  g_free (summary->vendor);
  g_free (summary->agent);
  g_free (summary->name);
  g_free (summary->team);
  g_free (summary);
}

static void
category_free (gpointer data)
{
  RubricQaCategory *category = data;

  g_free (category->key);
  g_free (category);
}

static void
qa_mean_from (RubricQaMean *mean,
              const double *values,
              gsize         n_values)
{
  double m, low, high;

  mean->n = rubric_mean_with_ci (values, n_values, &m, &low, &high);
  mean->has_mean = mean->n > 0;
  mean->mean = m;
  mean->has_ci = mean->n >= 2;
  mean->low = low;
  mean->high = high;
}

/* ---- Scope: which vendors and agents a query names ---------------------- */

typedef struct
{
  gint64  id;
  char   *external_id;
  char   *name;
  char   *team;     /* NULL without a team ('' is none too) */
} ScopeAgent;

typedef struct
{
  gint64          id;
  char           *name;
  char           *tzid;
  GPtrArray      *all_agents;    /* ScopeAgent: every agent of the vendor, by external id */
  GPtrArray      *agents;        /* borrowed ScopeAgent: those in scope, by external id */
  gboolean        whole_vendor;  /* RUBRIC_TREND_VENDOR: every evaluation of the vendor */
  RubricDayRange  range;         /* the query's days in this vendor's zone */
  gint64          since;         /* their instants: [since, until) */
  gint64          until;
} ScopeVendor;

static void
scope_agent_free (gpointer data)
{
  ScopeAgent *agent = data;

  g_free (agent->external_id);
  g_free (agent->name);
  g_free (agent->team);
  g_free (agent);
}

static void
scope_vendor_free (gpointer data)
{
  ScopeVendor *vendor = data;

  g_free (vendor->name);
  g_free (vendor->tzid);
  g_clear_pointer (&vendor->agents, g_ptr_array_unref);
  g_clear_pointer (&vendor->all_agents, g_ptr_array_unref);
  g_free (vendor);
}

static gint
compare_scope_agents (gconstpointer a,
                      gconstpointer b)
{
  const ScopeAgent *x = *(ScopeAgent * const *) a;
  const ScopeAgent *y = *(ScopeAgent * const *) b;

  return strcmp (x->external_id, y->external_id);
}

static gint
compare_scope_vendors (gconstpointer a,
                       gconstpointer b)
{
  const ScopeVendor *x = *(ScopeVendor * const *) a;
  const ScopeVendor *y = *(ScopeVendor * const *) b;

  return strcmp (x->name, y->name);
}

static gint
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The team an agent's evaluations are compared with: "" for none. */
static const char *
team_key (const char *team)
{
  return team != NULL ? team : "";
}

static char *
dup_team (const char *team)
{
  return team != NULL && *team != '\0' ? g_strdup (team) : NULL;
}

static const char *
column_text_or_null (RubricStmt *stmt,
                     int         column)
{
  return rubric_stmt_column_type (stmt, column) == RUBRIC_NULL
           ? NULL : rubric_stmt_column_text (stmt, column);
}

/* Every agent of @vendor_id, by external id. */
static GPtrArray *
vendor_agents (RubricDb  *db,
               gint64     vendor_id,
               GError   **error)
{
  g_autoptr(RubricCachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) agents = g_ptr_array_new_with_free_func (scope_agent_free);
  int rc;

  stmt = rubric_db_cached (db, "SELECT id, external_id, name, team FROM agents WHERE vendor_id = ?1",
                           error);
  if (stmt == NULL)
    return NULL;
  rubric_stmt_bind_int64 (stmt, 1, vendor_id);
  while ((rc = rubric_stmt_step (stmt)) == RUBRIC_ROW)
    {
      ScopeAgent *agent = g_new0 (ScopeAgent, 1);

      agent->id = rubric_stmt_column_int64 (stmt, 0);
      agent->external_id = g_strdup (rubric_stmt_column_text (stmt, 1));
      agent->name = g_strdup (column_text_or_null (stmt, 2));
      agent->team = dup_team (column_text_or_null (stmt, 3));
      g_ptr_array_add (agents, agent);
    }
  if (rc != RUBRIC_DONE)
    {
      rubric_db_set_error (db, error);
      return NULL;
    }
  g_ptr_array_sort (agents, compare_scope_agents);
  return g_steal_pointer (&agents);
}

/* The calendar bucket of @by before @bucket. */
static RubricDayRange
bucket_before (RubricDayRange   bucket,
               RubricPeriodKind by)
{
  if (bucket.first - 1 < RUBRIC_DAY_FIRST)
    {
      RubricDayRange none = { bucket.first, bucket.first - 1 };

      return none;
    }
  return rubric_period_containing (bucket.first - 1, by);
}

/* The @count buckets of @by ending with the one that holds @day. */
static RubricDayRange
buckets_ending_at (gint32           day,
                   RubricPeriodKind by,
                   guint            count)
{
  RubricDayRange last = rubric_period_containing (day, by);
  RubricDayRange range = last;

  for (guint i = 1; i < count; i++)
    {
      RubricDayRange before = bucket_before (range, by);

      if (before.first > before.last)
        break;
      range.first = before.first;
    }
  return range;
}

static ScopeVendor *
scope_vendor_new (RubricDb                *db,
                  gint64                   vendor_id,
                  const char              *name,
                  const RubricTrendQuery  *query,
                  GError                 **error)
{
  ScopeVendor *vendor = g_new0 (ScopeVendor, 1);

  vendor->id = vendor_id;
  vendor->name = g_strdup (name);
  vendor->tzid = rubric_db_get_vendor_timezone (db, vendor_id);
  if (vendor->tzid == NULL)
    vendor->tzid = g_strdup ("UTC");
  vendor->agents = g_ptr_array_new ();
  vendor->all_agents = vendor_agents (db, vendor_id, error);
  if (vendor->all_agents == NULL)
    {
      scope_vendor_free (vendor);
      return NULL;
    }

  if (query->has_range)
    vendor->range = query->range;
  else
    vendor->range = buckets_ending_at (rubric_clock_today (vendor->tzid), query->by,
                                       RUBRIC_TRENDS_SPARK_BUCKETS);
  vendor->since = rubric_day_start_utc (vendor->range.first, vendor->tzid);
  vendor->until = rubric_day_start_utc (vendor->range.last + 1, vendor->tzid);
  return vendor;
}

/* The vendors (id, name) that have an agent named @agent, or one in @team. */
static gboolean
vendors_with (RubricDb    *db,
              const char  *agent,
              const char  *team,
              GArray      *ids,
              GPtrArray   *names,
              GError     **error)
{
  g_autoptr(RubricCachedStmt) stmt = NULL;
  int rc;

  if (agent != NULL)
    stmt = rubric_db_cached (db,
                             "SELECT DISTINCT v.id, v.name FROM agents AS a"
                             " JOIN vendors AS v ON v.id = a.vendor_id"
                             " WHERE a.external_id = ?1",
                             error);
  else
    stmt = rubric_db_cached (db,
                             "SELECT DISTINCT v.id, v.name FROM agents AS a"
                             " JOIN vendors AS v ON v.id = a.vendor_id"
                             " WHERE coalesce (a.team, '') = ?1",
                             error);
  if (stmt == NULL)
    return FALSE;
  rubric_stmt_bind_text (stmt, 1, agent != NULL ? agent : team);
  while ((rc = rubric_stmt_step (stmt)) == RUBRIC_ROW)
    {
      gint64 id = rubric_stmt_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
      g_ptr_array_add (names, g_strdup (rubric_stmt_column_text (stmt, 1)));
    }
  if (rc != RUBRIC_DONE)
    return rubric_db_set_error (db, error);
  return TRUE;
}

/* The vendors of @query (by name), each with its agents in scope (by
 * external id) and its range. */
static GPtrArray *
resolve_scope (RubricDb                *db,
               const RubricTrendQuery  *query,
               GError                 **error)
{
  g_autoptr(GPtrArray) vendors = g_ptr_array_new_with_free_func (scope_vendor_free);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (query->kind != RUBRIC_TREND_VENDOR || query->vendor != NULL, NULL);
  g_return_val_if_fail (query->kind != RUBRIC_TREND_AGENT || query->agent != NULL, NULL);
  g_return_val_if_fail (query->kind != RUBRIC_TREND_TEAM || query->team != NULL, NULL);

  if (query->vendor != NULL)
    {
      gint64 id = rubric_db_lookup_vendor (db, query->vendor, error);

      if (id < 0)
        return NULL;
      if (id == 0)
        {
          g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_NOT_FOUND,
                       _("there is no vendor “%s”"), query->vendor);
          return NULL;
        }
      g_array_append_val (ids, id);
      g_ptr_array_add (names, g_strdup (query->vendor));
    }
  else if (!vendors_with (db, query->kind == RUBRIC_TREND_AGENT ? query->agent : NULL,
                          query->kind == RUBRIC_TREND_TEAM ? query->team : NULL,
                          ids, names, error))
    return NULL;

  if (query->vendor == NULL && names->len == 0)
    {
      if (query->kind == RUBRIC_TREND_AGENT)
        g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_NOT_FOUND,
                     _("there is no agent “%s”"), query->agent);
      else
        g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_NOT_FOUND,
                     _("there is no team “%s”"), query->team);
      return NULL;
    }

  if (query->kind == RUBRIC_TREND_AGENT && names->len > 1)
    {
      g_autofree char *list = NULL;

      g_ptr_array_sort (names, compare_strings);
      g_ptr_array_add (names, NULL);
      list = g_strjoinv (", ", (char **) names->pdata);
      g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_INPUT,
                   _("agent %s is known at several vendors (%s): give --vendor"),
                   query->agent, list);
      return NULL;
    }

  for (guint i = 0; i < names->len; i++)
    {
      ScopeVendor *vendor = scope_vendor_new (db, g_array_index (ids, gint64, i),
                                              g_ptr_array_index (names, i), query, error);

      if (vendor == NULL)
        return NULL;
      g_ptr_array_add (vendors, vendor);

      vendor->whole_vendor = query->kind == RUBRIC_TREND_VENDOR;
      for (guint j = 0; j < vendor->all_agents->len; j++)
        {
          ScopeAgent *agent = g_ptr_array_index (vendor->all_agents, j);
          gboolean in = FALSE;

          switch (query->kind)
            {
            case RUBRIC_TREND_AGENT:
              in = g_str_equal (agent->external_id, query->agent);
              break;
            case RUBRIC_TREND_TEAM:
              in = g_str_equal (team_key (agent->team), query->team);
              break;
            case RUBRIC_TREND_VENDOR:
            default:
              in = TRUE;
              break;
            }
          if (in)
            g_ptr_array_add (vendor->agents, agent);
        }

      if (vendor->agents->len == 0 && query->kind == RUBRIC_TREND_AGENT)
        {
          g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_NOT_FOUND,
                       _("vendor “%s” has no agent “%s”"), vendor->name, query->agent);
          return NULL;
        }
      if (vendor->agents->len == 0 && query->kind == RUBRIC_TREND_TEAM)
        {
          g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_NOT_FOUND,
                       _("vendor “%s” has no team “%s”"), vendor->name, query->team);
          return NULL;
        }
    }

  g_ptr_array_sort (vendors, compare_scope_vendors);
  return g_steal_pointer (&vendors);
}

/* ---- Buckets ------------------------------------------------------------ */

/* The instants a vendor's trend is cut at. Slots 0..2 are the three
 * calendar buckets before the first one's calendar bucket, slot 3 the days
 * of that calendar bucket before the range (often none), slot 4 + i the
 * i-th bucket of the range as clipped. Slot j holds the instants
 * [bounds[j], bounds[j + 1]). */
#define FIRST_SHOWN (MOVING_BUCKETS + 1)

typedef struct
{
  GArray *buckets;   /* RubricDayRange: the buckets of the range, clipped */
  gint64 *bounds;
  guint   n_slots;
} Slots;

static void
slots_clear (Slots *slots)
{
  g_clear_pointer (&slots->buckets, g_array_unref);
  g_clear_pointer (&slots->bounds, g_free);
}

static void
slots_init (Slots            *slots,
            RubricDayRange    range,
            RubricPeriodKind  by,
            const char       *tzid)
{
  RubricDayRange calendar = rubric_period_containing (range.first, by);
  gint32 starts[MOVING_BUCKETS + 1];
  guint m;

  slots->buckets = rubric_period_split (range, by);
  m = slots->buckets->len;
  slots->n_slots = FIRST_SHOWN + m;
  slots->bounds = g_new (gint64, slots->n_slots + 1);

  starts[MOVING_BUCKETS] = calendar.first;
  for (int k = MOVING_BUCKETS - 1; k >= 0; k--)
    {
      RubricDayRange before = bucket_before (calendar, by);

      /* Before the year 1 the earlier slots are empty. */
      if (before.first <= before.last)
        calendar = before;
      starts[k] = calendar.first;
    }
  for (guint k = 0; k <= MOVING_BUCKETS; k++)
    slots->bounds[k] = rubric_day_start_utc (starts[k], tzid);
  for (guint i = 0; i < m; i++)
    slots->bounds[FIRST_SHOWN + i] =
      rubric_day_start_utc (g_array_index (slots->buckets, RubricDayRange, i).first, tzid);
  slots->bounds[slots->n_slots] = rubric_day_start_utc (range.last + 1, tzid);
}

/* The slot of instant @t, -1 outside them all. */
static int
slots_find (const Slots *slots,
            gint64       t)
{
  guint low = 0, high = slots->n_slots;

  if (t < slots->bounds[0] || t >= slots->bounds[slots->n_slots])
    return -1;

  /* The last j with bounds[j] <= t: empty slots are skipped. */
  while (high - low > 1)
    {
      guint mid = (low + high) / 2;

      if (slots->bounds[mid] <= t)
        low = mid;
      else
        high = mid;
    }
  return (int) low;
}

/* The evaluations of one agent, team or vendor, per slot. */
typedef struct
{
  GArray     *scores;      /* double: the defined overall scores */
  GHashTable *categories;  /* key → GArray of double (NAN when undefined) */
  guint64     count;       /* submitted evaluations */
} Slot;

typedef struct
{
  Slot  *slots;
  guint  n_slots;
} Series;

static Series *
series_new (guint n_slots)
{
  Series *series = g_new0 (Series, 1);

  series->n_slots = n_slots;
  series->slots = g_new0 (Slot, n_slots);
  return series;
}

static void
series_free (gpointer data)
{
  Series *series = data;

  for (guint i = 0; i < series->n_slots; i++)
    {
      g_clear_pointer (&series->slots[i].scores, g_array_unref);
      g_clear_pointer (&series->slots[i].categories, g_hash_table_unref);
    }
  g_free (series->slots);
  g_free (series);
}

static void
series_add (Series    *series,
            int        slot_index,
            double     score,
            GPtrArray *keys,
            GArray    *values)
{
  Slot *slot = &series->slots[slot_index];

  slot->count++;
  if (!isnan (score))
    {
      if (slot->scores == NULL)
        slot->scores = g_array_new (FALSE, FALSE, sizeof (double));
      g_array_append_val (slot->scores, score);
    }

  if (keys == NULL || keys->len == 0)
    return;
  if (slot->categories == NULL)
    slot->categories = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify) g_array_unref);
  for (guint k = 0; k < keys->len; k++)
    {
      const char *key = g_ptr_array_index (keys, k);
      GArray *category = g_hash_table_lookup (slot->categories, key);

      if (category == NULL)
        {
          category = g_array_new (FALSE, FALSE, sizeof (double));
          g_hash_table_insert (slot->categories, g_strdup (key), category);
        }
      g_array_append_val (category, g_array_index (values, double, k));
    }
}

static const char agent_range_sql[] =
  "SELECT call_time, score, category_scores FROM evaluations"
  " WHERE agent_id = ?1 AND status = 'submitted' AND call_time >= ?2 AND call_time < ?3";
static const char vendor_range_sql[] =
  "SELECT call_time, score, category_scores FROM evaluations"
  " WHERE vendor_id = ?1 AND status = 'submitted' AND call_time >= ?2 AND call_time < ?3";

/* Reads the submitted evaluations of agent @id (or with @vendor, of vendor
 * @id) within @slots into each of @targets (NULL-terminated). Category
 * scores are kept for the slots of the range (@first_kept on) only. */
static gboolean
read_series (RubricDb     *db,
             const char   *sql,
             gint64        id,
             const Slots  *slots,
             guint         first_kept,
             Series      **targets,
             GError      **error)
{
  g_autoptr(RubricCachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  int rc;

  stmt = rubric_db_cached (db, sql, error);
  if (stmt == NULL)
    return FALSE;
  rubric_stmt_bind_int64 (stmt, 1, id);
  rubric_stmt_bind_int64 (stmt, 2, slots->bounds[0]);
  rubric_stmt_bind_int64 (stmt, 3, slots->bounds[slots->n_slots]);
  while ((rc = rubric_stmt_step (stmt)) == RUBRIC_ROW)
    {
      int slot = slots_find (slots, rubric_stmt_column_int64 (stmt, 0));
      double score;

      if (slot < 0)
        continue;
      score = rubric_stmt_column_type (stmt, 1) == RUBRIC_NULL
                ? NAN : rubric_stmt_column_double (stmt, 1);
      g_ptr_array_set_size (keys, 0);
      g_array_set_size (values, 0);
      if ((guint) slot >= first_kept)
        rubric_category_scores_parse (column_text_or_null (stmt, 2), keys, values);
      for (guint t = 0; targets[t] != NULL; t++)
        series_add (targets[t], slot, score, keys, values);
    }
  if (rc != RUBRIC_DONE)
    return rubric_db_set_error (db, error);
  return TRUE;
}

/* ---- Score trend ---------------------------------------------------------- */

static void
collect_keys (const Series *series,
              GHashTable   *keys)
{
  for (guint i = FIRST_SHOWN; i < series->n_slots; i++)
    {
      GHashTableIter iter;
      gpointer key;

      if (series->slots[i].categories == NULL)
        continue;
      g_hash_table_iter_init (&iter, series->slots[i].categories);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_hash_table_add (keys, g_strdup (key));
    }
}

static const char * const standard_categories[] = { "resolution", "ownership", "policy",
                                                    "documentation" };

static gint
compare_category_keys (gconstpointer a,
                       gconstpointer b)
{
  return rubric_category_compare (*(const char * const *) a, *(const char * const *) b);
}

/* The keys of @set in column order: the four of SPEC §1 always, then the
 * others sorted. */
static GPtrArray *
column_keys (GHashTable *set)
{
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer key;

  for (guint i = 0; i < G_N_ELEMENTS (standard_categories); i++)
    g_hash_table_add (set, g_strdup (standard_categories[i]));
  g_hash_table_iter_init (&iter, set);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (keys, g_strdup (key));
  g_ptr_array_sort (keys, compare_category_keys);
  return keys;
}

static void
pool (const Slot *slot,
      double     *sum,
      guint64    *n)
{
  if (slot->scores == NULL)
    return;
  for (guint i = 0; i < slot->scores->len; i++)
    *sum += g_array_index (slot->scores, double, i);
  *n += slot->scores->len;
}

/* The slots of calendar bucket @k (0: the first bucket's, -1 the one
 * before, …) — the first calendar bucket is the days before the range and
 * its first bucket as clipped. */
static void
pool_calendar (const Series *series,
               int           k,
               double       *sum,
               guint64      *n)
{
  if (k >= 1)
    pool (&series->slots[FIRST_SHOWN + k], sum, n);
  else if (k == 0)
    {
      pool (&series->slots[MOVING_BUCKETS], sum, n);
      pool (&series->slots[FIRST_SHOWN], sum, n);
    }
  else if (k >= -MOVING_BUCKETS)
    pool (&series->slots[MOVING_BUCKETS + k], sum, n);
}

static RubricTrendRow *
trend_row (const ScopeVendor *vendor,
           const ScopeAgent  *agent,
           const char        *team,
           const Series      *series,
           const Series      *comparison,
           const Slots       *slots,
           guint              bucket,
           GPtrArray         *keys)
{
  RubricTrendRow *row = g_new0 (RubricTrendRow, 1);
  const Slot *slot = &series->slots[FIRST_SHOWN + bucket];
  double sum = 0;
  guint64 n = 0;

  row->vendor = g_strdup (vendor->name);
  if (agent != NULL)
    {
      row->agent = g_strdup (agent->external_id);
      row->agent_name = g_strdup (agent->name);
    }
  row->team = dup_team (team);
  row->range = g_array_index (slots->buckets, RubricDayRange, bucket);

  if (slot->scores != NULL)
    qa_mean_from (&row->score, (const double *) slot->scores->data, slot->scores->len);
  else
    qa_mean_from (&row->score, NULL, 0);

  /* SPEC §6: pooled over this bucket (as clipped) and the whole calendar
   * buckets before its own, even those before the range. */
  pool (slot, &sum, &n);
  for (int k = 1; k <= MOVING_BUCKETS; k++)
    pool_calendar (series, (int) bucket - k, &sum, &n);
  row->has_moving_avg = n > 0;
  row->moving_avg = n > 0 ? sum / (double) n : NAN;

  {
    const Slot *other = &comparison->slots[FIRST_SHOWN + bucket];

    if (other->scores != NULL)
      qa_mean_from (&row->team_mean, (const double *) other->scores->data, other->scores->len);
    else
      qa_mean_from (&row->team_mean, NULL, 0);
    row->has_team_score = row->team_mean.has_mean;
    row->team_score = row->team_mean.mean;
    row->team_n = row->team_mean.n;
  }

  row->categories = g_ptr_array_new_with_free_func (category_free);
  for (guint k = 0; k < keys->len; k++)
    {
      RubricQaCategory *category = g_new0 (RubricQaCategory, 1);
      GArray *values = slot->categories != NULL
                         ? g_hash_table_lookup (slot->categories, g_ptr_array_index (keys, k))
                         : NULL;

      category->key = g_strdup (g_ptr_array_index (keys, k));
      if (values != NULL)
        qa_mean_from (&category->mean, (const double *) values->data, values->len);
      else
        qa_mean_from (&category->mean, NULL, 0);
      g_ptr_array_add (row->categories, category);
    }

  return row;
}

/* What one vendor of a trend read: the series of its agents in scope, of
 * the teams they are compared with, and of the vendor. */
typedef struct
{
  Slots       slots;
  GHashTable *agents;   /* agent id (gint64 *) → Series */
  GHashTable *teams;    /* team ("" for none) → Series */
  Series     *vendor;   /* NULL when nothing needs it */
} VendorTrend;

static void
vendor_trend_free (gpointer data)
{
  VendorTrend *trend = data;

  slots_clear (&trend->slots);
  g_clear_pointer (&trend->agents, g_hash_table_unref);
  g_clear_pointer (&trend->teams, g_hash_table_unref);
  g_clear_pointer (&trend->vendor, series_free);
  g_free (trend);
}

static VendorTrend *
read_vendor_trend (RubricDb                *db,
                   const RubricTrendQuery  *query,
                   const ScopeVendor       *vendor,
                   GError                 **error)
{
  VendorTrend *trend = g_new0 (VendorTrend, 1);
  gboolean need_vendor = vendor->whole_vendor;

  slots_init (&trend->slots, vendor->range, query->by, vendor->tzid);
  trend->agents = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, series_free);
  trend->teams = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, series_free);

  if (query->kind == RUBRIC_TREND_TEAM)
    g_hash_table_insert (trend->teams, g_strdup (query->team),
                         series_new (trend->slots.n_slots));
  for (guint i = 0; i < vendor->agents->len; i++)
    {
      ScopeAgent *agent = g_ptr_array_index (vendor->agents, i);

      g_hash_table_insert (trend->agents, &agent->id, series_new (trend->slots.n_slots));
      if (agent->team == NULL)
        need_vendor = TRUE;
      else if (!g_hash_table_contains (trend->teams, agent->team))
        g_hash_table_insert (trend->teams, g_strdup (agent->team),
                             series_new (trend->slots.n_slots));
    }

  /* Each agent read once, into its own series and its team's. */
  for (guint i = 0; i < vendor->all_agents->len; i++)
    {
      ScopeAgent *agent = g_ptr_array_index (vendor->all_agents, i);
      Series *targets[3] = { NULL, NULL, NULL };
      guint n = 0;

      if ((targets[n] = g_hash_table_lookup (trend->agents, &agent->id)) != NULL)
        n++;
      if ((targets[n] = g_hash_table_lookup (trend->teams, team_key (agent->team))) != NULL)
        n++;
      if (n == 0)
        continue;
      if (!read_series (db, agent_range_sql, agent->id, &trend->slots, FIRST_SHOWN, targets,
                        error))
        goto failed;
    }

  if (need_vendor)
    {
      Series *targets[2] = { NULL, NULL };

      trend->vendor = targets[0] = series_new (trend->slots.n_slots);
      if (!read_series (db, vendor_range_sql, vendor->id, &trend->slots, FIRST_SHOWN, targets,
                        error))
        goto failed;
    }

  return trend;

failed:
  vendor_trend_free (trend);
  return NULL;
}

GPtrArray *
rubric_trends_compute (RubricDb                *db,
                       const RubricTrendQuery  *query,
                       GError                 **error)
{
  g_autoptr(GPtrArray) vendors = NULL;
  g_autoptr(GPtrArray) trends = g_ptr_array_new_with_free_func (vendor_trend_free);
  g_autoptr(GHashTable) key_set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (query->by != RUBRIC_PERIOD_RANGE, NULL);
  g_return_val_if_fail (!query->has_range || query->range.first <= query->range.last, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  vendors = resolve_scope (db, query, error);
  if (vendors == NULL)
    return NULL;

  for (guint v = 0; v < vendors->len; v++)
    {
      const ScopeVendor *vendor = g_ptr_array_index (vendors, v);
      VendorTrend *trend = read_vendor_trend (db, query, vendor, error);
      GHashTableIter iter;
      gpointer value;

      if (trend == NULL)
        return NULL;
      g_ptr_array_add (trends, trend);

      /* The columns: what the rows shown hold. */
      g_hash_table_iter_init (&iter, trend->agents);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        collect_keys (value, key_set);
      if (query->kind == RUBRIC_TREND_TEAM)
        collect_keys (g_hash_table_lookup (trend->teams, query->team), key_set);
      if (query->kind == RUBRIC_TREND_VENDOR)
        collect_keys (trend->vendor, key_set);
    }
  keys = column_keys (key_set);

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) rubric_trend_row_free);
  for (guint v = 0; v < vendors->len; v++)
    {
      const ScopeVendor *vendor = g_ptr_array_index (vendors, v);
      const VendorTrend *trend = g_ptr_array_index (trends, v);
      guint m = trend->slots.buckets->len;

      for (guint i = 0; i < vendor->agents->len; i++)
        {
          const ScopeAgent *agent = g_ptr_array_index (vendor->agents, i);
          const Series *series = g_hash_table_lookup (trend->agents, &agent->id);
          const Series *comparison = agent->team != NULL
                                       ? g_hash_table_lookup (trend->teams, agent->team)
                                       : trend->vendor;

          for (guint b = 0; b < m; b++)
            g_ptr_array_add (rows, trend_row (vendor, agent, agent->team, series, comparison,
                                              &trend->slots, b, keys));
        }

      if (query->kind == RUBRIC_TREND_TEAM)
        {
          const Series *series = g_hash_table_lookup (trend->teams, query->team);

          for (guint b = 0; b < m; b++)
            g_ptr_array_add (rows, trend_row (vendor, NULL, query->team, series, series,
                                              &trend->slots, b, keys));
        }
      else if (query->kind == RUBRIC_TREND_VENDOR)
        {
          for (guint b = 0; b < m; b++)
            g_ptr_array_add (rows, trend_row (vendor, NULL, NULL, trend->vendor, trend->vendor,
                                              &trend->slots, b, keys));
        }
    }

  return g_steal_pointer (&rows);
}

GPtrArray *
rubric_trends_category_keys (GPtrArray *rows)
{
  g_autoptr(GHashTable) set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      const RubricTrendRow *row = g_ptr_array_index (rows, i);

      for (guint k = 0; row->categories != NULL && k < row->categories->len; k++)
        {
          const RubricQaCategory *category = g_ptr_array_index (row->categories, k);

          g_hash_table_add (set, g_strdup (category->key));
        }
    }
  return column_keys (set);
}

static gpointer
not_yet (GError **error)
{
  g_set_error_literal (error, RUBRIC_ERROR, RUBRIC_ERROR_NOT_FOUND, "trends: not implemented yet");
  return NULL;
}

GPtrArray *
rubric_trends_criteria (RubricDb *db, const RubricTrendQuery *query, GError **error)
{
  return not_yet (error);
}

GPtrArray *
rubric_trends_reviewers (RubricDb *db, const RubricTrendQuery *query, GError **error)
{
  return not_yet (error);
}

GPtrArray *
rubric_trends_resolution (RubricDb *db, const RubricTrendQuery *query, GError **error)
{
  return not_yet (error);
}

GPtrArray *
rubric_trends_lowest (RubricDb *db, const RubricTrendQuery *query, guint limit, GError **error)
{
  return not_yet (error);
}

GPtrArray *
rubric_trends_criterion_comments (RubricDb *db, const RubricTrendQuery *query,
                                  const char *scorecard, const char *criterion,
                                  guint limit, GError **error)
{
  return not_yet (error);
}

GPtrArray *
rubric_agents_summaries (RubricDb *db, const char *vendor, const char *team,
                         RubricPeriodKind by, gint32 day, GError **error)
{
  return not_yet (error);
}

GStrv
rubric_agents_teams (RubricDb *db, const char *vendor, GError **error)
{
  return not_yet (error);
}
