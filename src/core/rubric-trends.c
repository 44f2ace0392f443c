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

/* The category keys a computation met, each with a number: a slot keeps
 * its category scores by that number. Rows list their keys in the same
 * order nearly always, so a row's keys are first compared with the last
 * row's, position by position, before the table is asked. */
typedef struct
{
  const char *name;    /* borrowed from names */
  gsize       length;
  guint       index;
} RecentKey;

typedef struct
{
  GHashTable *index;   /* name → index + 1 */
  GPtrArray  *names;   /* char *, by index */
  GArray     *recent;  /* RecentKey: the last row's keys, by position */
  GArray     *parsed;  /* ParsedScore: the current row's */
} Keys;

typedef struct
{
  guint  index;
  double score;        /* NAN when undefined */
} ParsedScore;

static void
keys_init (Keys *keys)
{
  keys->index = g_hash_table_new (g_str_hash, g_str_equal);
  keys->names = g_ptr_array_new_with_free_func (g_free);
  keys->recent = g_array_new (FALSE, FALSE, sizeof (RecentKey));
  keys->parsed = g_array_new (FALSE, FALSE, sizeof (ParsedScore));
}

static void
keys_clear (Keys *keys)
{
  g_clear_pointer (&keys->index, g_hash_table_unref);
  g_clear_pointer (&keys->names, g_ptr_array_unref);
  g_clear_pointer (&keys->recent, g_array_unref);
  g_clear_pointer (&keys->parsed, g_array_unref);
}

static guint
keys_lookup (Keys       *keys,
             guint       position,
             const char *key,
             gsize       length)
{
  g_autofree char *name = NULL;
  RecentKey recent;
  gpointer found;

  if (position < keys->recent->len)
    {
      const RecentKey *last = &g_array_index (keys->recent, RecentKey, position);

      if (last->length == length && memcmp (last->name, key, length) == 0)
        return last->index;
    }

  name = g_strndup (key, length);
  found = g_hash_table_lookup (keys->index, name);
  if (found != NULL)
    recent.index = GPOINTER_TO_UINT (found) - 1;
  else
    {
      recent.index = keys->names->len;
      g_ptr_array_add (keys->names, g_steal_pointer (&name));
      g_hash_table_insert (keys->index, g_ptr_array_index (keys->names, recent.index),
                           GUINT_TO_POINTER (recent.index + 1));
    }
  recent.name = g_ptr_array_index (keys->names, recent.index);
  recent.length = length;

  if (position < keys->recent->len)
    g_array_index (keys->recent, RecentKey, position) = recent;
  else
    g_array_append_val (keys->recent, recent);
  return recent.index;
}

/* Reads evaluations.category_scores ("key=score;…", rubric-score.h) into
 * keys->parsed, as rubric_category_scores_parse does, without copying. */
static void
keys_parse (Keys       *keys,
            const char *text)
{
  const char *p = text;
  guint position = 0;

  g_array_set_size (keys->parsed, 0);
  while (p != NULL && *p != '\0')
    {
      const char *equals = strchr (p, '=');
      const char *end;
      ParsedScore parsed;

      if (equals == NULL)
        return;
      end = strchr (equals, ';');
      if (end == NULL)
        end = equals + strlen (equals);
      parsed.score = end > equals + 1 ? g_ascii_strtod (equals + 1, NULL) : NAN;
      parsed.index = keys_lookup (keys, position++, p, (gsize) (equals - p));
      g_array_append_val (keys->parsed, parsed);
      p = *end == ';' ? end + 1 : end;
    }
}

/* The evaluations of one agent, team or vendor, per slot. */
typedef struct
{
  GArray       *scores;      /* double: the defined overall scores */
  GPtrArray    *categories;  /* by key index: GArray of double (NAN when undefined), or NULL */
  guint64       count;       /* submitted evaluations */
  gboolean      has_mean;    /* mean and sum, worked out once */
  RubricQaMean  mean;
  double        sum;
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
      g_clear_pointer (&series->slots[i].categories, g_ptr_array_unref);
    }
  g_free (series->slots);
  g_free (series);
}

/* Categories a slot has not seen are NULL in its array. */
static void
array_unref0 (gpointer array)
{
  if (array != NULL)
    g_array_unref (array);
}

static void
series_add (Series      *series,
            int          slot_index,
            double       score,
            const Keys  *keys,
            gboolean     with_categories)
{
  Slot *slot = &series->slots[slot_index];

  slot->count++;
  if (!isnan (score))
    {
      if (slot->scores == NULL)
        slot->scores = g_array_new (FALSE, FALSE, sizeof (double));
      g_array_append_val (slot->scores, score);
    }

  if (!with_categories || keys->parsed->len == 0)
    return;
  if (slot->categories == NULL)
    slot->categories = g_ptr_array_new_with_free_func (array_unref0);
  for (guint k = 0; k < keys->parsed->len; k++)
    {
      const ParsedScore *parsed = &g_array_index (keys->parsed, ParsedScore, k);
      GArray *category;

      if (parsed->index >= slot->categories->len)
        g_ptr_array_set_size (slot->categories, (int) parsed->index + 1);
      category = g_ptr_array_index (slot->categories, parsed->index);
      if (category == NULL)
        {
          category = g_array_new (FALSE, FALSE, sizeof (double));
          g_ptr_array_index (slot->categories, parsed->index) = category;
        }
      g_array_append_val (category, parsed->score);
    }
}

/* The mean of a slot's defined overall scores. */
static const RubricQaMean *
slot_mean (Slot *slot)
{
  if (!slot->has_mean)
    {
      if (slot->scores != NULL)
        qa_mean_from (&slot->mean, (const double *) slot->scores->data, slot->scores->len);
      else
        qa_mean_from (&slot->mean, NULL, 0);
      slot->sum = 0;
      for (guint i = 0; slot->scores != NULL && i < slot->scores->len; i++)
        slot->sum += g_array_index (slot->scores, double, i);
      slot->has_mean = TRUE;
    }
  return &slot->mean;
}

static const char agent_range_sql[] =
  "SELECT call_time, score, category_scores FROM evaluations"
  " WHERE agent_id = ?1 AND status = 'submitted' AND call_time >= ?2 AND call_time < ?3";
static const char vendor_range_sql[] =
  "SELECT call_time, score, category_scores FROM evaluations"
  " WHERE vendor_id = ?1 AND status = 'submitted' AND call_time >= ?2 AND call_time < ?3";

/* Reads the submitted evaluations of agent @id (or with @vendor_range_sql,
 * of vendor @id) within @slots into each of @targets (NULL-terminated).
 * Category scores are kept for the slots of the range (@first_kept on)
 * only. */
static gboolean
read_series (RubricDb     *db,
             const char   *sql,
             gint64        id,
             const Slots  *slots,
             guint         first_kept,
             Keys         *keys,
             Series      **targets,
             GError      **error)
{
  g_autoptr(RubricCachedStmt) stmt = NULL;
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
      gboolean with_categories;
      double score;

      if (slot < 0)
        continue;
      score = rubric_stmt_column_type (stmt, 1) == RUBRIC_NULL
                ? NAN : rubric_stmt_column_double (stmt, 1);
      with_categories = (guint) slot >= first_kept;
      if (with_categories)
        keys_parse (keys, column_text_or_null (stmt, 2));
      for (guint t = 0; targets[t] != NULL; t++)
        series_add (targets[t], slot, score, keys, with_categories);
    }
  if (rc != RUBRIC_DONE)
    return rubric_db_set_error (db, error);
  return TRUE;
}

/* ---- Score trend ---------------------------------------------------------- */

static void
collect_keys (const Series *series,
              const Keys   *keys,
              GHashTable   *set)
{
  for (guint i = FIRST_SHOWN; i < series->n_slots; i++)
    {
      const GPtrArray *categories = series->slots[i].categories;

      for (guint k = 0; categories != NULL && k < categories->len; k++)
        if (g_ptr_array_index (categories, k) != NULL)
          g_hash_table_add (set, g_strdup (g_ptr_array_index (keys->names, k)));
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
pool (Slot    *slot,
      double  *sum,
      guint64 *n)
{
  slot_mean (slot);
  *sum += slot->sum;
  *n += slot->mean.n;
}

/* The slots of calendar bucket @k (0: the first bucket's, -1 the one
 * before, …) — the first calendar bucket is the days before the range and
 * its first bucket as clipped. */
static void
pool_calendar (Series  *series,
               int      k,
               double  *sum,
               guint64 *n)
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

/* The columns: their keys, and each one's number in Keys (G_MAXUINT for
 * one no evaluation had). */
typedef struct
{
  GPtrArray *names;
  GArray    *indices;
} Columns;

static RubricTrendRow *
trend_row (const ScopeVendor *vendor,
           const ScopeAgent  *agent,
           const char        *team,
           Series            *series,
           Series            *comparison,
           const Slots       *slots,
           guint              bucket,
           const Columns     *columns)
{
  RubricTrendRow *row = g_new0 (RubricTrendRow, 1);
  Slot *slot = &series->slots[FIRST_SHOWN + bucket];
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
  row->score = *slot_mean (slot);

  /* SPEC §6: pooled over this bucket (as clipped) and the whole calendar
   * buckets before its own, even those before the range. */
  pool (slot, &sum, &n);
  for (int k = 1; k <= MOVING_BUCKETS; k++)
    pool_calendar (series, (int) bucket - k, &sum, &n);
  row->has_moving_avg = n > 0;
  row->moving_avg = n > 0 ? sum / (double) n : NAN;

  row->team_mean = *slot_mean (&comparison->slots[FIRST_SHOWN + bucket]);
  row->has_team_score = row->team_mean.has_mean;
  row->team_score = row->team_mean.mean;
  row->team_n = row->team_mean.n;

  row->categories = g_ptr_array_new_with_free_func (category_free);
  for (guint k = 0; k < columns->names->len; k++)
    {
      RubricQaCategory *category = g_new0 (RubricQaCategory, 1);
      guint index = g_array_index (columns->indices, guint, k);
      GArray *values = NULL;

      if (slot->categories != NULL && index < slot->categories->len)
        values = g_ptr_array_index (slot->categories, index);
      category->key = g_strdup (g_ptr_array_index (columns->names, k));
      if (values != NULL)
        qa_mean_from (&category->mean, (const double *) values->data, values->len);
      else
        qa_mean_from (&category->mean, NULL, 0);
      g_ptr_array_add (row->categories, category);
    }

  return row;
}

/* How many submitted evaluations of vendor @id are within @slots; -1 on
 * error. */
static gint64
vendor_count (RubricDb     *db,
              gint64        id,
              const Slots  *slots,
              GError      **error)
{
  g_autoptr(RubricCachedStmt) stmt = NULL;
  gint64 count;

  stmt = rubric_db_cached (db, "SELECT count (*) FROM evaluations"
                               " WHERE vendor_id = ?1 AND status = 'submitted'"
                               " AND call_time >= ?2 AND call_time < ?3",
                           error);
  if (stmt == NULL)
    return -1;
  rubric_stmt_bind_int64 (stmt, 1, id);
  rubric_stmt_bind_int64 (stmt, 2, slots->bounds[0]);
  rubric_stmt_bind_int64 (stmt, 3, slots->bounds[slots->n_slots]);
  if (rubric_stmt_step (stmt) != RUBRIC_ROW)
    {
      rubric_db_set_error (db, error);
      return -1;
    }
  count = rubric_stmt_column_int64 (stmt, 0);
  return count;
}

static void
append_values (GArray      **to,
               const GArray *from)
{
  if (from == NULL || from->len == 0)
    return;
  if (*to == NULL)
    *to = g_array_new (FALSE, FALSE, sizeof (double));
  g_array_append_vals (*to, from->data, from->len);
}

/* Adds every evaluation of @from into @to. */
static void
series_merge (Series       *to,
              const Series *from)
{
  for (guint i = 0; i < to->n_slots; i++)
    {
      Slot *slot = &to->slots[i];
      const Slot *other = &from->slots[i];

      slot->count += other->count;
      append_values (&slot->scores, other->scores);
      if (other->categories == NULL)
        continue;
      if (slot->categories == NULL)
        slot->categories = g_ptr_array_new_with_free_func (array_unref0);
      if (slot->categories->len < other->categories->len)
        g_ptr_array_set_size (slot->categories, (int) other->categories->len);
      for (guint k = 0; k < other->categories->len; k++)
        append_values ((GArray **) &g_ptr_array_index (slot->categories, k),
                       g_ptr_array_index (other->categories, k));
    }
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
                   Keys                    *keys,
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
      if (!read_series (db, agent_range_sql, agent->id, &trend->slots, FIRST_SHOWN, keys,
                        targets, error))
        goto failed;
    }

  /* With every agent of the vendor read, the vendor is their union, when
   * no evaluation of it lacks an agent of its own: the counts tell. */
  if (vendor->whole_vendor)
    {
      gint64 count = vendor_count (db, vendor->id, &trend->slots, error);
      guint64 read = 0;
      GHashTableIter iter;
      gpointer value;

      if (count < 0)
        goto failed;
      g_hash_table_iter_init (&iter, trend->agents);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        for (guint i = 0; i < trend->slots.n_slots; i++)
          read += ((Series *) value)->slots[i].count;
      if ((guint64) count == read)
        {
          trend->vendor = series_new (trend->slots.n_slots);
          g_hash_table_iter_init (&iter, trend->agents);
          while (g_hash_table_iter_next (&iter, NULL, &value))
            series_merge (trend->vendor, value);
          need_vendor = FALSE;
        }
    }

  if (need_vendor)
    {
      Series *targets[2] = { NULL, NULL };

      trend->vendor = targets[0] = series_new (trend->slots.n_slots);
      if (!read_series (db, vendor_range_sql, vendor->id, &trend->slots, FIRST_SHOWN, keys,
                        targets, error))
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
  g_autoptr(GPtrArray) rows = NULL;
  Columns columns = { NULL, NULL };
  Keys keys;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (query->by != RUBRIC_PERIOD_RANGE, NULL);
  g_return_val_if_fail (!query->has_range || query->range.first <= query->range.last, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (query->has_range)
    {
      g_autoptr(GArray) buckets = rubric_period_split (query->range, query->by);

      if (buckets->len > RUBRIC_TRENDS_MAX_BUCKETS)
        {
          g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_USAGE,
                       query->by == RUBRIC_PERIOD_MONTH
                         ? _("the range holds %u months; a trend shows at most %u: narrow --from and --to")
                         : _("the range holds %u weeks; a trend shows at most %u: narrow --from and --to"),
                       buckets->len, RUBRIC_TRENDS_MAX_BUCKETS);
          return NULL;
        }
    }

  vendors = resolve_scope (db, query, error);
  if (vendors == NULL)
    return NULL;

  keys_init (&keys);
  for (guint v = 0; v < vendors->len; v++)
    {
      const ScopeVendor *vendor = g_ptr_array_index (vendors, v);
      VendorTrend *trend = read_vendor_trend (db, query, vendor, &keys, error);
      GHashTableIter iter;
      gpointer value;

      if (trend == NULL)
        {
          keys_clear (&keys);
          return NULL;
        }
      g_ptr_array_add (trends, trend);

      /* The columns: what the rows shown hold. */
      g_hash_table_iter_init (&iter, trend->agents);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        collect_keys (value, &keys, key_set);
      if (query->kind == RUBRIC_TREND_TEAM)
        collect_keys (g_hash_table_lookup (trend->teams, query->team), &keys, key_set);
      if (query->kind == RUBRIC_TREND_VENDOR)
        collect_keys (trend->vendor, &keys, key_set);
    }
  columns.names = column_keys (key_set);
  columns.indices = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint k = 0; k < columns.names->len; k++)
    {
      gpointer found = g_hash_table_lookup (keys.index, g_ptr_array_index (columns.names, k));
      guint index = found != NULL ? GPOINTER_TO_UINT (found) - 1 : G_MAXUINT;

      g_array_append_val (columns.indices, index);
    }

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) rubric_trend_row_free);
  for (guint v = 0; v < vendors->len; v++)
    {
      const ScopeVendor *vendor = g_ptr_array_index (vendors, v);
      VendorTrend *trend = g_ptr_array_index (trends, v);
      guint m = trend->slots.buckets->len;

      for (guint i = 0; i < vendor->agents->len; i++)
        {
          const ScopeAgent *agent = g_ptr_array_index (vendor->agents, i);
          Series *series = g_hash_table_lookup (trend->agents, &agent->id);
          Series *comparison = agent->team != NULL
                                       ? g_hash_table_lookup (trend->teams, agent->team)
                                       : trend->vendor;

          for (guint b = 0; b < m; b++)
            g_ptr_array_add (rows, trend_row (vendor, agent, agent->team, series, comparison,
                                              &trend->slots, b, &columns));
        }

      if (query->kind == RUBRIC_TREND_TEAM)
        {
          Series *series = g_hash_table_lookup (trend->teams, query->team);

          for (guint b = 0; b < m; b++)
            g_ptr_array_add (rows, trend_row (vendor, NULL, query->team, series, series,
                                              &trend->slots, b, &columns));
        }
      else if (query->kind == RUBRIC_TREND_VENDOR)
        {
          for (guint b = 0; b < m; b++)
            g_ptr_array_add (rows, trend_row (vendor, NULL, NULL, trend->vendor, trend->vendor,
                                              &trend->slots, b, &columns));
        }
    }

  g_ptr_array_unref (columns.names);
  g_array_unref (columns.indices);
  keys_clear (&keys);
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

/* ---- The evaluations of a scope ------------------------------------------ */

/* Runs @agent_sql for each agent of @vendor in scope, or @vendor_sql once
 * for a whole vendor: ?1 the id, ?2 and ?3 the range's instants, then the
 * texts of @texts (NULL-terminated, may be NULL) and @limit when > 0. */
typedef gboolean (*ScopeRowFunc) (RubricStmt        *stmt,
                                  const ScopeVendor *vendor,
                                  gpointer           user_data,
                                  GError           **error);

static gboolean
for_each_scope_row (RubricDb           *db,
                    const ScopeVendor  *vendor,
                    const char         *agent_sql,
                    const char         *vendor_sql,
                    const char * const *texts,
                    gint64              limit,
                    ScopeRowFunc        func,
                    gpointer            user_data,
                    GError            **error)
{
  guint n_sources = vendor->whole_vendor ? 1 : vendor->agents->len;

  for (guint i = 0; i < n_sources; i++)
    {
      g_autoptr(RubricCachedStmt) stmt = NULL;
      gint64 id;
      int param = 4;
      int rc;

      if (vendor->whole_vendor)
        {
          stmt = rubric_db_cached (db, vendor_sql, error);
          id = vendor->id;
        }
      else
        {
          stmt = rubric_db_cached (db, agent_sql, error);
          id = ((ScopeAgent *) g_ptr_array_index (vendor->agents, i))->id;
        }
      if (stmt == NULL)
        return FALSE;

      rubric_stmt_bind_int64 (stmt, 1, id);
      rubric_stmt_bind_int64 (stmt, 2, vendor->since);
      rubric_stmt_bind_int64 (stmt, 3, vendor->until);
      for (guint t = 0; texts != NULL && texts[t] != NULL; t++)
        rubric_stmt_bind_text_static (stmt, param++, texts[t]);
      if (limit > 0)
        rubric_stmt_bind_int64 (stmt, param, limit);

      while ((rc = rubric_stmt_step (stmt)) == RUBRIC_ROW)
        if (!func (stmt, vendor, user_data, error))
          return FALSE;
      if (rc != RUBRIC_DONE)
        return rubric_db_set_error (db, error);
    }

  return TRUE;
}

/* The two forms of a query over the evaluations of a scope: by agent (the
 * index of migration 6) or by vendor (migration 4's). */
#define SCOPED_SQL(name, head, tail)                                        \
  static const char name##_by_agent[] =                                     \
    head " WHERE e.agent_id = ?1 AND e.status = 'submitted'"                \
    " AND e.call_time >= ?2 AND e.call_time < ?3" tail;                     \
  static const char name##_by_vendor[] =                                    \
    head " WHERE e.vendor_id = ?1 AND e.status = 'submitted'"               \
    " AND e.call_time >= ?2 AND e.call_time < ?3" tail

/* ---- Lowest evaluations ----------------------------------------------------- */

SCOPED_SQL (lowest,
            "SELECT e.id, e.uuid, e.call, e.call_time, e.reviewer, e.score, e.auto_failed,"
            " a.external_id FROM evaluations AS e LEFT JOIN agents AS a ON a.id = e.agent_id",
            " AND e.score IS NOT NULL ORDER BY e.score, e.call_time, e.id LIMIT ?4");

static gboolean
add_lowest (RubricStmt        *stmt,
            const ScopeVendor *vendor,
            gpointer           user_data,
            GError           **error)
{
  GPtrArray *list = user_data;
  RubricTrendEvaluation *evaluation = g_new0 (RubricTrendEvaluation, 1);

  evaluation->evaluation_id = rubric_stmt_column_int64 (stmt, 0);
  evaluation->uuid = g_strdup (rubric_stmt_column_text (stmt, 1));
  evaluation->call = g_strdup (column_text_or_null (stmt, 2));
  evaluation->call_time = rubric_stmt_column_int64 (stmt, 3);
  evaluation->reviewer = g_strdup (column_text_or_null (stmt, 4));
  evaluation->score = rubric_stmt_column_double (stmt, 5);
  evaluation->auto_failed = rubric_stmt_column_int (stmt, 6) != 0;
  evaluation->agent = g_strdup (column_text_or_null (stmt, 7));
  evaluation->vendor = g_strdup (vendor->name);
  g_ptr_array_add (list, evaluation);
  return TRUE;
}

static gint
compare_lowest (gconstpointer a,
                gconstpointer b)
{
  const RubricTrendEvaluation *x = *(RubricTrendEvaluation * const *) a;
  const RubricTrendEvaluation *y = *(RubricTrendEvaluation * const *) b;

  if (x->score != y->score)
    return x->score < y->score ? -1 : 1;
  if (x->call_time != y->call_time)
    return x->call_time < y->call_time ? -1 : 1;
  return x->evaluation_id < y->evaluation_id ? -1 : x->evaluation_id > y->evaluation_id;
}

GPtrArray *
rubric_trends_lowest (RubricDb                *db,
                      const RubricTrendQuery  *query,
                      guint                    limit,
                      GError                 **error)
{
  g_autoptr(GPtrArray) vendors = NULL;
  g_autoptr(GPtrArray) list = NULL;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  vendors = resolve_scope (db, query, error);
  if (vendors == NULL)
    return NULL;

  list = g_ptr_array_new_with_free_func ((GDestroyNotify) rubric_trend_evaluation_free);
  if (limit == 0)
    return g_steal_pointer (&list);

  for (guint v = 0; v < vendors->len; v++)
    if (!for_each_scope_row (db, g_ptr_array_index (vendors, v), lowest_by_agent,
                             lowest_by_vendor, NULL, limit, add_lowest, list, error))
      return NULL;

  g_ptr_array_sort (list, compare_lowest);
  if (list->len > limit)
    g_ptr_array_remove_range (list, limit, list->len - limit);
  return g_steal_pointer (&list);
}

/* ---- Comments on a criterion ---------------------------------------------- */

SCOPED_SQL (comments,
            "SELECT c.text, e.call_time, e.id, c.position FROM evaluation_comments AS c"
            " JOIN evaluations AS e ON e.id = c.evaluation_id"
            " JOIN scorecards AS s ON s.id = e.scorecard_id",
            " AND s.key = ?4 AND c.criterion = ?5"
            " ORDER BY e.call_time DESC, e.id DESC, c.position LIMIT ?6");

typedef struct
{
  char   *text;
  gint64  call_time;
  gint64  evaluation_id;
  gint64  position;
} Comment;

static void
comment_free (gpointer data)
{
  Comment *comment = data;

  g_free (comment->text);
  g_free (comment);
}

static gboolean
add_comment (RubricStmt        *stmt,
             const ScopeVendor *vendor,
             gpointer           user_data,
             GError           **error)
{
  Comment *comment = g_new0 (Comment, 1);

  comment->text = g_strdup (rubric_stmt_column_text (stmt, 0));
  comment->call_time = rubric_stmt_column_int64 (stmt, 1);
  comment->evaluation_id = rubric_stmt_column_int64 (stmt, 2);
  comment->position = rubric_stmt_column_int64 (stmt, 3);
  g_ptr_array_add (user_data, comment);
  return TRUE;
}

static gint
compare_comments (gconstpointer a,
                  gconstpointer b)
{
  const Comment *x = *(Comment * const *) a;
  const Comment *y = *(Comment * const *) b;

  if (x->call_time != y->call_time)
    return x->call_time > y->call_time ? -1 : 1;
  if (x->evaluation_id != y->evaluation_id)
    return x->evaluation_id > y->evaluation_id ? -1 : 1;
  return x->position < y->position ? -1 : x->position > y->position;
}

GPtrArray *
rubric_trends_criterion_comments (RubricDb                *db,
                                  const RubricTrendQuery  *query,
                                  const char              *scorecard,
                                  const char              *criterion,
                                  guint                    limit,
                                  GError                 **error)
{
  g_autoptr(GPtrArray) vendors = NULL;
  g_autoptr(GPtrArray) comments = g_ptr_array_new_with_free_func (comment_free);
  GPtrArray *texts;
  const char *params[] = { scorecard, criterion, NULL };

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (scorecard != NULL && criterion != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  vendors = resolve_scope (db, query, error);
  if (vendors == NULL)
    return NULL;

  texts = g_ptr_array_new_with_free_func (g_free);
  if (limit == 0)
    return texts;

  for (guint v = 0; v < vendors->len; v++)
    if (!for_each_scope_row (db, g_ptr_array_index (vendors, v), comments_by_agent,
                             comments_by_vendor, params, limit, add_comment, comments, error))
      {
        g_ptr_array_unref (texts);
        return NULL;
      }

  g_ptr_array_sort (comments, compare_comments);
  for (guint i = 0; i < comments->len && i < limit; i++)
    {
      Comment *comment = g_ptr_array_index (comments, i);

      g_ptr_array_add (texts, g_steal_pointer (&comment->text));
    }
  return texts;
}

/* ---- Scorecards ------------------------------------------------------------ */

/* Scorecard versions by id, loaded once per call. */
static RubricScorecard *
scorecard_for (RubricDb    *db,
               GHashTable  *cards,
               gint64       id,
               GError     **error)
{
  RubricScorecard *card = g_hash_table_lookup (cards, &id);
  gint64 *key;

  if (card != NULL)
    return card;
  card = rubric_scorecard_store_load_id (db, id, error);
  if (card == NULL)
    return NULL;
  key = g_new (gint64, 1);
  *key = id;
  g_hash_table_insert (cards, key, card);
  return card;
}

static GHashTable *
scorecards_new (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                (GDestroyNotify) rubric_scorecard_unref);
}

/* ---- Weakest criteria ------------------------------------------------------- */

SCOPED_SQL (criteria,
            "SELECT s.key, s.version, s.id, a.criterion,"
            " count (CASE WHEN a.value <> 'na' THEN 1 END),"
            " count (CASE WHEN a.value <> 'na' AND a.credit < 1 THEN 1 END)"
            " FROM evaluations AS e JOIN scorecards AS s ON s.id = e.scorecard_id"
            " JOIN evaluation_answers AS a ON a.evaluation_id = e.id",
            " GROUP BY s.key, s.version, s.id, a.criterion");

typedef struct
{
  RubricTrendCriterion *criterion;
  int                   version;       /* the newest version it was seen in */
  gint64                scorecard_id;  /* and its row */
} CriterionTally;

static gboolean
add_criterion (RubricStmt        *stmt,
               const ScopeVendor *vendor,
               gpointer           user_data,
               GError           **error)
{
  GHashTable *tallies = user_data;
  const char *card = rubric_stmt_column_text (stmt, 0);
  int version = rubric_stmt_column_int (stmt, 1);
  const char *key = rubric_stmt_column_text (stmt, 3);
  g_autofree char *name = g_strdup_printf ("%s%c%s", card, 0x1f, key);
  CriterionTally *tally = g_hash_table_lookup (tallies, name);

  if (tally == NULL)
    {
      tally = g_new0 (CriterionTally, 1);
      tally->criterion = g_new0 (RubricTrendCriterion, 1);
      tally->criterion->scorecard = g_strdup (card);
      tally->criterion->criterion = g_strdup (key);
      g_hash_table_insert (tallies, g_steal_pointer (&name), tally);
    }
  tally->criterion->answers += (guint64) rubric_stmt_column_int64 (stmt, 4);
  tally->criterion->failures += (guint64) rubric_stmt_column_int64 (stmt, 5);
  if (version > tally->version)
    {
      tally->version = version;
      tally->scorecard_id = rubric_stmt_column_int64 (stmt, 2);
    }
  return TRUE;
}

static void
criterion_tally_free (gpointer data)
{
  CriterionTally *tally = data;

  rubric_trend_criterion_free (tally->criterion);
  g_free (tally);
}

static gint
compare_criteria (gconstpointer a,
                  gconstpointer b)
{
  const RubricTrendCriterion *x = *(RubricTrendCriterion * const *) a;
  const RubricTrendCriterion *y = *(RubricTrendCriterion * const *) b;
  int order;

  if (x->has_failure_rate != y->has_failure_rate)
    return x->has_failure_rate ? -1 : 1;
  if (x->has_failure_rate && x->failure_rate != y->failure_rate)
    return x->failure_rate > y->failure_rate ? -1 : 1;
  if (x->answers != y->answers)
    return x->answers > y->answers ? -1 : 1;
  order = strcmp (x->scorecard, y->scorecard);
  return order != 0 ? order : strcmp (x->criterion, y->criterion);
}

GPtrArray *
rubric_trends_criteria (RubricDb                *db,
                        const RubricTrendQuery  *query,
                        GError                 **error)
{
  g_autoptr(GPtrArray) vendors = NULL;
  g_autoptr(GHashTable) tallies = NULL;
  g_autoptr(GHashTable) cards = scorecards_new ();
  g_autoptr(GPtrArray) criteria = NULL;
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  vendors = resolve_scope (db, query, error);
  if (vendors == NULL)
    return NULL;

  tallies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, criterion_tally_free);
  for (guint v = 0; v < vendors->len; v++)
    if (!for_each_scope_row (db, g_ptr_array_index (vendors, v), criteria_by_agent,
                             criteria_by_vendor, NULL, 0, add_criterion, tallies, error))
      return NULL;

  criteria = g_ptr_array_new_with_free_func ((GDestroyNotify) rubric_trend_criterion_free);
  g_hash_table_iter_init (&iter, tallies);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      CriterionTally *tally = value;
      RubricTrendCriterion *criterion = tally->criterion;
      RubricScorecard *card = scorecard_for (db, cards, tally->scorecard_id, error);
      RubricCriterion *definition;

      if (card == NULL)
        return NULL;
      definition = rubric_scorecard_lookup_criterion (card, criterion->criterion);
      if (definition != NULL)
        {
          criterion->category = g_strdup (definition->category);
          criterion->text = g_strdup (rubric_criterion_get_text (definition));
        }
      criterion->has_failure_rate = criterion->answers > 0;
      criterion->failure_rate = criterion->answers > 0
                                  ? 100.0 * (double) criterion->failures /
                                    (double) criterion->answers
                                  : NAN;
      tally->criterion = NULL;
      g_ptr_array_add (criteria, criterion);
    }
  g_ptr_array_sort (criteria, compare_criteria);
  return g_steal_pointer (&criteria);
}

/* ---- N/A rate per reviewer ---------------------------------------------------- */

SCOPED_SQL (reviewer_scores,
            "SELECT e.reviewer, e.score FROM evaluations AS e", "");
SCOPED_SQL (reviewer_answers,
            "SELECT e.reviewer, e.scorecard_id, a.criterion, count (*),"
            " count (CASE WHEN a.value = 'na' THEN 1 END)"
            " FROM evaluations AS e JOIN evaluation_answers AS a ON a.evaluation_id = e.id",
            " GROUP BY e.reviewer, e.scorecard_id, a.criterion");

typedef struct
{
  RubricTrendReviewer *reviewer;
  GArray              *scores;
} ReviewerTally;

static void
reviewer_tally_free (gpointer data)
{
  ReviewerTally *tally = data;

  rubric_trend_reviewer_free (tally->reviewer);
  g_clear_pointer (&tally->scores, g_array_unref);
  g_free (tally);
}

typedef struct
{
  RubricDb   *db;
  GHashTable *tallies;  /* name ("" without one) → ReviewerTally */
  GHashTable *cards;
} ReviewerWork;

static ReviewerTally *
reviewer_tally (GHashTable *tallies,
                const char *name)
{
  ReviewerTally *tally;

  if (name == NULL)
    name = "";
  tally = g_hash_table_lookup (tallies, name);
  if (tally == NULL)
    {
      tally = g_new0 (ReviewerTally, 1);
      tally->reviewer = g_new0 (RubricTrendReviewer, 1);
      tally->reviewer->reviewer = g_strdup (name);
      tally->scores = g_array_new (FALSE, FALSE, sizeof (double));
      g_hash_table_insert (tallies, g_strdup (name), tally);
    }
  return tally;
}

static gboolean
add_reviewer_score (RubricStmt        *stmt,
                    const ScopeVendor *vendor,
                    gpointer           user_data,
                    GError           **error)
{
  ReviewerWork *work = user_data;
  ReviewerTally *tally = reviewer_tally (work->tallies, column_text_or_null (stmt, 0));

  tally->reviewer->evaluations++;
  if (rubric_stmt_column_type (stmt, 1) != RUBRIC_NULL)
    {
      double score = rubric_stmt_column_double (stmt, 1);

      g_array_append_val (tally->scores, score);
    }
  return TRUE;
}

static gboolean
add_reviewer_answers (RubricStmt        *stmt,
                      const ScopeVendor *vendor,
                      gpointer           user_data,
                      GError           **error)
{
  ReviewerWork *work = user_data;
  ReviewerTally *tally = reviewer_tally (work->tallies, column_text_or_null (stmt, 0));
  RubricScorecard *card = scorecard_for (work->db, work->cards,
                                         rubric_stmt_column_int64 (stmt, 1), error);
  RubricCriterion *criterion;

  if (card == NULL)
    return FALSE;
  /* Only the criteria that allow N/A, in the evaluation's version. */
  criterion = rubric_scorecard_lookup_criterion (card, rubric_stmt_column_text (stmt, 2));
  if (criterion == NULL || !criterion->na)
    return TRUE;
  tally->reviewer->answers += (guint64) rubric_stmt_column_int64 (stmt, 3);
  tally->reviewer->na += (guint64) rubric_stmt_column_int64 (stmt, 4);
  return TRUE;
}

static gint
compare_reviewers (gconstpointer a,
                   gconstpointer b)
{
  const RubricTrendReviewer *x = *(RubricTrendReviewer * const *) a;
  const RubricTrendReviewer *y = *(RubricTrendReviewer * const *) b;

  return strcmp (x->reviewer, y->reviewer);
}

GPtrArray *
rubric_trends_reviewers (RubricDb                *db,
                         const RubricTrendQuery  *query,
                         GError                 **error)
{
  g_autoptr(GPtrArray) vendors = NULL;
  g_autoptr(GHashTable) tallies = NULL;
  g_autoptr(GHashTable) cards = scorecards_new ();
  g_autoptr(GPtrArray) reviewers = NULL;
  ReviewerWork work;
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  vendors = resolve_scope (db, query, error);
  if (vendors == NULL)
    return NULL;

  tallies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, reviewer_tally_free);
  work.db = db;
  work.tallies = tallies;
  work.cards = cards;
  for (guint v = 0; v < vendors->len; v++)
    {
      const ScopeVendor *vendor = g_ptr_array_index (vendors, v);

      if (!for_each_scope_row (db, vendor, reviewer_scores_by_agent, reviewer_scores_by_vendor,
                               NULL, 0, add_reviewer_score, &work, error) ||
          !for_each_scope_row (db, vendor, reviewer_answers_by_agent,
                               reviewer_answers_by_vendor, NULL, 0, add_reviewer_answers, &work,
                               error))
        return NULL;
    }

  reviewers = g_ptr_array_new_with_free_func ((GDestroyNotify) rubric_trend_reviewer_free);
  g_hash_table_iter_init (&iter, tallies);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      ReviewerTally *tally = value;
      RubricTrendReviewer *reviewer = g_steal_pointer (&tally->reviewer);

      reviewer->has_na_rate = reviewer->answers > 0;
      reviewer->na_rate = reviewer->answers > 0
                            ? 100.0 * (double) reviewer->na / (double) reviewer->answers
                            : NAN;
      qa_mean_from (&reviewer->mean_score, (const double *) tally->scores->data,
                    tally->scores->len);
      g_ptr_array_add (reviewers, reviewer);
    }

  g_ptr_array_sort (reviewers, compare_reviewers);
  return g_steal_pointer (&reviewers);
}

/* ---- QA-judged resolution against repeat contact ----------------------------- */

/* A call is found by its id through the calls' unique index (source, call
 * id, queue, time), once per source: there are few sources, and calls has
 * no index that starts with the call id (every import would grow it). The
 * CROSS JOINs keep SQLite to that order; "+" keeps it off the vendor's
 * time index, which would scan every call of the vendor per evaluation. */
SCOPED_SQL (resolution,
            "SELECT e.id, e.call_time, e.category_scores, c.id, c.entered_at, c.outcome,"
            " c.caller IS NOT NULL, c.next_gap"
            " FROM evaluations AS e CROSS JOIN sources AS s CROSS JOIN calls AS c",
            " AND c.source_id = s.id AND c.call_id = e.call AND +c.vendor_id = e.vendor_id");

/* The repeat-contact days of the contract in force on each day. */
typedef struct
{
  gint32 valid_from;
  guint  days;
} RepeatDays;

/* An evaluation and the best of its calls so far. */
typedef struct
{
  gint64   evaluation;
  gboolean has_resolution;
  double   resolution;
  gint64   call_time;
  gint64   call_id;
  gint64   entered_at;
  int      outcome;
  gboolean has_caller;
  gint64   next_gap;    /* -1: none */
} ResolutionPick;

typedef struct
{
  GHashTable *picks;    /* evaluation id → ResolutionPick */
  GPtrArray  *keys;
  GArray     *values;
} ResolutionWork;

static guint
repeat_days_on (GArray *repeat,
                gint32  day)
{
  guint days = 7;

  for (guint i = 0; i < repeat->len; i++)
    {
      const RepeatDays *version = &g_array_index (repeat, RepeatDays, i);

      if (version->valid_from > day)
        break;
      days = version->days;
    }
  return days;
}

/* Counts @pick when its call qualifies (SPEC §6). */
static void
resolution_count (RubricTrendResolution *row,
                  const ResolutionPick  *pick,
                  RubricDayCache        *day_cache,
                  GArray                *repeat)
{
  gboolean qa, fcr;
  gint64 bucket;
  guint days;

  if (!pick->has_resolution || pick->outcome != 1 /* answered */ || !pick->has_caller)
    return;

  /* The KPI's comparison (rubric-kpis.c): no later record of the caller
   * within D days ⇔ its gap's bucket is 0 (none) or above D. */
  days = repeat_days_on (repeat, rubric_day_cache_day (day_cache, pick->entered_at));
  bucket = rubric_gap_bucket (pick->next_gap);
  fcr = bucket == 0 || bucket > (gint64) days;
  qa = pick->resolution >= 50;

  row->n++;
  if (qa && fcr)
    row->both_resolved++;
  else if (!qa && !fcr)
    row->both_unresolved++;
  else if (qa)
    row->qa_only++;
  else
    row->fcr_only++;
}

static gboolean
add_resolution (RubricStmt        *stmt,
                const ScopeVendor *vendor,
                gpointer           user_data,
                GError           **error)
{
  ResolutionWork *work = user_data;
  gint64 evaluation = rubric_stmt_column_int64 (stmt, 0);
  gint64 call_time = rubric_stmt_column_int64 (stmt, 1);
  gint64 call_id = rubric_stmt_column_int64 (stmt, 3);
  gint64 entered_at = rubric_stmt_column_int64 (stmt, 4);
  ResolutionPick *pick = g_hash_table_lookup (work->picks, &evaluation);

  if (pick == NULL)
    {
      pick = g_new0 (ResolutionPick, 1);
      pick->evaluation = evaluation;
      pick->call_time = call_time;
      g_hash_table_insert (work->picks, &pick->evaluation, pick);

      g_ptr_array_set_size (work->keys, 0);
      g_array_set_size (work->values, 0);
      rubric_category_scores_parse (column_text_or_null (stmt, 2), work->keys, work->values);
      for (guint k = 0; k < work->keys->len; k++)
        if (g_str_equal (g_ptr_array_index (work->keys, k), "resolution"))
          {
            pick->resolution = g_array_index (work->values, double, k);
            pick->has_resolution = !isnan (pick->resolution);
          }
    }
  else
    {
      /* Of several calls: the one entered closest to the call time, then
       * the earlier, then the lower id. */
      gint64 best = ABS (pick->entered_at - call_time);
      gint64 distance = ABS (entered_at - call_time);

      if (distance > best ||
          (distance == best && (entered_at > pick->entered_at ||
                                (entered_at == pick->entered_at && call_id > pick->call_id))))
        return TRUE;
    }

  pick->call_id = call_id;
  pick->entered_at = entered_at;
  pick->outcome = rubric_stmt_column_int (stmt, 5);
  pick->has_caller = rubric_stmt_column_int (stmt, 6) != 0;
  pick->next_gap = rubric_stmt_column_type (stmt, 7) == RUBRIC_NULL
                     ? -1 : rubric_stmt_column_int64 (stmt, 7);
  return TRUE;
}

static gboolean
load_repeat_days (RubricDb  *db,
                  gint64     vendor_id,
                  GArray    *repeat,
                  GError   **error)
{
  g_autoptr(RubricCachedStmt) stmt = NULL;
  int rc;

  stmt = rubric_db_cached (db, "SELECT valid_from, repeat_days FROM contracts"
                               " WHERE vendor_id = ?1 ORDER BY valid_from",
                           error);
  if (stmt == NULL)
    return FALSE;
  rubric_stmt_bind_int64 (stmt, 1, vendor_id);
  while ((rc = rubric_stmt_step (stmt)) == RUBRIC_ROW)
    {
      RepeatDays version = { 0, (guint) rubric_stmt_column_int (stmt, 1) };

      if (rubric_day_parse (rubric_stmt_column_text (stmt, 0), &version.valid_from))
        g_array_append_val (repeat, version);
    }
  if (rc != RUBRIC_DONE)
    return rubric_db_set_error (db, error);
  return TRUE;
}

GPtrArray *
rubric_trends_resolution (RubricDb                *db,
                          const RubricTrendQuery  *query,
                          GError                 **error)
{
  g_autoptr(GPtrArray) vendors = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  vendors = resolve_scope (db, query, error);
  if (vendors == NULL)
    return NULL;

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) rubric_trend_resolution_free);
  for (guint v = 0; v < vendors->len; v++)
    {
      const ScopeVendor *vendor = g_ptr_array_index (vendors, v);
      g_autoptr(RubricDayCache) days = rubric_day_cache_new (vendor->tzid);
      g_autoptr(GArray) repeat = g_array_new (FALSE, FALSE, sizeof (RepeatDays));
      g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GHashTable) picks = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                           NULL, g_free);
      RubricTrendResolution *row = g_new0 (RubricTrendResolution, 1);
      ResolutionWork work = { picks, keys, values };
      GHashTableIter iter;
      gpointer value;

      row->vendor = g_strdup (vendor->name);
      g_ptr_array_add (rows, row);

      if (!load_repeat_days (db, vendor->id, repeat, error))
        return NULL;
      if (!for_each_scope_row (db, vendor, resolution_by_agent, resolution_by_vendor, NULL, 0,
                               add_resolution, &work, error))
        return NULL;
      g_hash_table_iter_init (&iter, picks);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        resolution_count (row, value, days, repeat);

      if (row->n > 0)
        {
          double n = (double) row->n;
          double p_o = (double) (row->both_resolved + row->both_unresolved) / n;
          double p_q = (double) (row->both_resolved + row->qa_only) / n;
          double p_f = (double) (row->both_resolved + row->fcr_only) / n;
          double p_e = p_q * p_f + (1 - p_q) * (1 - p_f);

          row->has_agreement = TRUE;
          row->agreement = 100.0 * p_o;
          /* p_e = 1 only when both judge every call alike (all resolved,
           * or none): κ is 0 / 0 then. */
          row->has_kappa = p_e < 1.0 - 1e-12;
          row->kappa = row->has_kappa ? (p_o - p_e) / (1 - p_e) : NAN;
        }
      else
        {
          row->agreement = NAN;
          row->kappa = NAN;
        }
    }

  return g_steal_pointer (&rows);
}

/* ---- The Agents page ---------------------------------------------------------- */

static gint
compare_summaries (gconstpointer a,
                   gconstpointer b)
{
  const RubricAgentSummary *x = *(RubricAgentSummary * const *) a;
  const RubricAgentSummary *y = *(RubricAgentSummary * const *) b;
  int order = strcmp (x->vendor, y->vendor);

  return order != 0 ? order : strcmp (x->agent, y->agent);
}

GPtrArray *
rubric_agents_summaries (RubricDb          *db,
                         const char        *vendor,
                         const char        *team,
                         RubricPeriodKind   by,
                         gint32             day,
                         GError           **error)
{
  g_autoptr(RubricCachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) summaries = NULL;
  g_autoptr(GHashTable) zones = NULL;
  g_autoptr(GPtrArray) zone_names = NULL;
  g_autoptr(GArray) zone_of = NULL;
  gint64 the_vendor_id = 0;
  Series **pre = NULL;
  int rc;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (by != RUBRIC_PERIOD_RANGE, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (vendor != NULL)
    {
      gint64 id = rubric_db_lookup_vendor (db, vendor, error);

      if (id < 0)
        return NULL;
      if (id == 0)
        {
          g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_NOT_FOUND,
                       _("there is no vendor “%s”"), vendor);
          return NULL;
        }
      the_vendor_id = id;
      stmt = rubric_db_cached (db,
                               "SELECT a.id, v.name, v.timezone, a.external_id, a.name, a.team"
                               " FROM agents AS a JOIN vendors AS v ON v.id = a.vendor_id"
                               " WHERE v.id = ?1",
                               error);
      if (stmt == NULL)
        return NULL;
      rubric_stmt_bind_int64 (stmt, 1, id);
    }
  else
    {
      stmt = rubric_db_cached (db,
                               "SELECT a.id, v.name, v.timezone, a.external_id, a.name, a.team"
                               " FROM agents AS a JOIN vendors AS v ON v.id = a.vendor_id",
                               error);
      if (stmt == NULL)
        return NULL;
    }

  /* The agents first (the statement must be done before the next runs). */
  summaries = g_ptr_array_new_with_free_func ((GDestroyNotify) rubric_agent_summary_free);
  zones = g_hash_table_new (g_str_hash, g_str_equal);
  zone_names = g_ptr_array_new_with_free_func (g_free);
  zone_of = g_array_new (FALSE, FALSE, sizeof (guint));
  while ((rc = rubric_stmt_step (stmt)) == RUBRIC_ROW)
    {
      const char *agent_team = column_text_or_null (stmt, 5);
      const char *tzid = rubric_stmt_column_text (stmt, 2);
      RubricAgentSummary *summary;
      gpointer index;

      if (agent_team != NULL && *agent_team == '\0')
        agent_team = NULL;
      if (team != NULL && !g_str_equal (team_key (agent_team), team))
        continue;

      summary = g_new0 (RubricAgentSummary, 1);
      summary->agent_id = rubric_stmt_column_int64 (stmt, 0);
      summary->vendor = g_strdup (rubric_stmt_column_text (stmt, 1));
      summary->agent = g_strdup (rubric_stmt_column_text (stmt, 3));
      summary->name = g_strdup (column_text_or_null (stmt, 4));
      summary->team = g_strdup (agent_team);
      g_ptr_array_add (summaries, summary);

      if (!g_hash_table_lookup_extended (zones, tzid, NULL, &index))
        {
          index = GUINT_TO_POINTER (zone_names->len);
          g_ptr_array_add (zone_names, g_strdup (tzid));
          g_hash_table_insert (zones, g_ptr_array_index (zone_names, zone_names->len - 1), index);
        }
      /* summary->evaluations holds the zone's index until it is read. */
      summary->evaluations = GPOINTER_TO_UINT (index);
    }
  if (rc != RUBRIC_DONE)
    {
      rubric_db_set_error (db, error);
      return NULL;
    }
  g_clear_pointer (&stmt, rubric_cached_stmt_release);

  {
    g_autofree Slots *slots = g_new0 (Slots, zone_names->len);
    RubricDayRange range = buckets_ending_at (day, by, RUBRIC_TRENDS_SPARK_BUCKETS);
    gboolean ok = TRUE;
    Keys keys;

    keys_init (&keys);

    /* The same buckets in every zone, cut at each zone's midnights; the
     * three slots before them stay empty. */
    for (guint z = 0; z < zone_names->len; z++)
      {
        slots_init (&slots[z], range, by, g_ptr_array_index (zone_names, z));
        for (guint k = 0; k < FIRST_SHOWN; k++)
          slots[z].bounds[k] = slots[z].bounds[FIRST_SHOWN];
      }

    /* On PostgreSQL a round trip per agent costs more than the reading:
     * one statement for the whole vendor, sorted out by agent here. */
    if (the_vendor_id > 0 && zone_names->len == 1 && rubric_db_is_postgres (db))
      {
        g_autoptr(GHashTable) index = g_hash_table_new (g_int64_hash, g_int64_equal);
        g_autoptr(RubricCachedStmt) all_stmt = NULL;

        pre = g_new0 (Series *, summaries->len);
        for (guint i = 0; i < summaries->len; i++)
          {
            RubricAgentSummary *summary = g_ptr_array_index (summaries, i);

            pre[i] = series_new (slots[0].n_slots);
            g_hash_table_insert (index, &summary->agent_id, GUINT_TO_POINTER (i + 1));
          }
        all_stmt = rubric_db_cached (db,
                                     "SELECT e.call_time, e.score, a.id FROM agents AS a"
                                     " JOIN evaluations AS e ON e.agent_id = a.id"
                                     " WHERE a.vendor_id = ?1 AND e.status = 'submitted'"
                                     " AND e.call_time >= ?2 AND e.call_time < ?3", error);
        ok = all_stmt != NULL;
        if (ok)
          {
            rubric_stmt_bind_int64 (all_stmt, 1, the_vendor_id);
            rubric_stmt_bind_int64 (all_stmt, 2, slots[0].bounds[0]);
            rubric_stmt_bind_int64 (all_stmt, 3, slots[0].bounds[slots[0].n_slots]);
            while ((rc = rubric_stmt_step (all_stmt)) == RUBRIC_ROW)
              {
                int slot = slots_find (&slots[0], rubric_stmt_column_int64 (all_stmt, 0));
                gint64 agent = rubric_stmt_column_int64 (all_stmt, 2);
                guint at = GPOINTER_TO_UINT (g_hash_table_lookup (index, &agent));
                double score;

                if (slot < 0 || at == 0)
                  continue;
                score = rubric_stmt_column_type (all_stmt, 1) == RUBRIC_NULL
                          ? NAN : rubric_stmt_column_double (all_stmt, 1);
                series_add (pre[at - 1], slot, score, &keys, FALSE);
              }
            if (rc != RUBRIC_DONE)
              ok = rubric_db_set_error (db, error);
          }
      }

    for (guint i = 0; i < summaries->len && ok; i++)
      {
        RubricAgentSummary *summary = g_ptr_array_index (summaries, i);
        const Slots *zone_slots = &slots[summary->evaluations];
        Series *series = pre != NULL ? pre[i] : series_new (zone_slots->n_slots);
        Series *targets[2] = { series, NULL };
        g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (double));
        guint n_buckets = zone_slots->buckets->len;

        summary->evaluations = 0;
        if (pre == NULL)
          ok = read_series (db, agent_range_sql, summary->agent_id, zone_slots,
                            zone_slots->n_slots, &keys, targets, error);

        for (guint b = 0; b < RUBRIC_TRENDS_SPARK_BUCKETS; b++)
          summary->spark[b] = NAN;
        for (guint b = 0; ok && b < n_buckets; b++)
          {
            Slot *slot = &series->slots[FIRST_SHOWN + b];
            /* Near the year 1 there may be fewer buckets: they end right. */
            guint at = RUBRIC_TRENDS_SPARK_BUCKETS - n_buckets + b;

            summary->evaluations += slot->count;
            if (slot->scores == NULL)
              continue;
            summary->spark[at] = slot_mean (slot)->mean;
            g_array_append_vals (all, slot->scores->data, slot->scores->len);
          }
        qa_mean_from (&summary->current, (const double *) all->data, all->len);
        series_free (series);
        if (pre != NULL)
          pre[i] = NULL;
      }
    if (pre != NULL)
      {
        for (guint i = 0; i < summaries->len; i++)
          if (pre[i] != NULL)
            series_free (pre[i]);
        g_free (pre);
      }

    for (guint z = 0; z < zone_names->len; z++)
      slots_clear (&slots[z]);
    keys_clear (&keys);
    if (!ok)
      return NULL;
  }

  g_ptr_array_sort (summaries, compare_summaries);
  return g_steal_pointer (&summaries);
}

GStrv
rubric_agents_teams (RubricDb    *db,
                     const char  *vendor,
                     GError     **error)
{
  g_autoptr(RubricCachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) teams = g_ptr_array_new_with_free_func (g_free);
  int rc;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (vendor != NULL)
    {
      gint64 id = rubric_db_lookup_vendor (db, vendor, error);

      if (id < 0)
        return NULL;
      if (id == 0)
        {
          g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_NOT_FOUND,
                       _("there is no vendor “%s”"), vendor);
          return NULL;
        }
      stmt = rubric_db_cached (db, "SELECT DISTINCT team FROM agents"
                                   " WHERE vendor_id = ?1 AND team IS NOT NULL AND team <> ''",
                               error);
      if (stmt == NULL)
        return NULL;
      rubric_stmt_bind_int64 (stmt, 1, id);
    }
  else
    {
      stmt = rubric_db_cached (db, "SELECT DISTINCT team FROM agents"
                                   " WHERE team IS NOT NULL AND team <> ''",
                               error);
      if (stmt == NULL)
        return NULL;
    }

  while ((rc = rubric_stmt_step (stmt)) == RUBRIC_ROW)
    g_ptr_array_add (teams, g_strdup (rubric_stmt_column_text (stmt, 0)));
  if (rc != RUBRIC_DONE)
    {
      rubric_db_set_error (db, error);
      return NULL;
    }

  g_ptr_array_sort (teams, compare_strings);
  g_ptr_array_add (teams, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&teams), FALSE);
}
