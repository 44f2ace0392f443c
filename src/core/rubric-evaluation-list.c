/* rubric-evaluation-list.c — every evaluation, filtered and sorted, as a paged list model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "rubric-evaluation-list.h"
#include "rubric-private.h"

/* ------------------------------------------------------------------ row */

struct _RubricEvaluationRow
{
  RubricPagedRow  parent_instance;

  double          score;     /* NAN when undefined */
  gboolean        auto_failed;
};

G_DEFINE_FINAL_TYPE (RubricEvaluationRow, rubric_evaluation_row, RUBRIC_TYPE_PAGED_ROW)

/* The texts a row shows, in the order of text_names. */
enum {
  TEXT_UUID,
  TEXT_TIME,
  TEXT_VENDOR,
  TEXT_AGENT,
  TEXT_REVIEWER,
  TEXT_STATUS,
  TEXT_CALL,
};

static const char *text_names[] = {
  "uuid", "time", "vendor", "agent", "reviewer", "status", "call", NULL
};

enum {
  ROW_PROP_STATUS_LABEL = G_N_ELEMENTS (text_names) + 1,
  ROW_PROP_SCORE,
  ROW_PROP_SCORE_LABEL,
  ROW_PROP_AUTO_FAILED,
};

#define TEXT(self, index) rubric_paged_row_get_text (RUBRIC_PAGED_ROW (self), (index))

const char *
rubric_status_get_label (const char *status)
{
  if (g_strcmp0 (status, "draft") == 0)
    return C_("evaluation status", "Draft");
  if (g_strcmp0 (status, "submitted") == 0)
    return C_("evaluation status", "Submitted");
  if (g_strcmp0 (status, "calibration") == 0)
    return C_("evaluation status", "Calibration");
  return status != NULL ? status : "";
}

static void
rubric_evaluation_row_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  RubricEvaluationRow *self = RUBRIC_EVALUATION_ROW (object);
  const char *status = TEXT (self, TEXT_STATUS);

  switch (prop_id)
    {
    case ROW_PROP_STATUS_LABEL:
      g_value_set_string (value, status != NULL ? rubric_status_get_label (status) : "");
      break;
    case ROW_PROP_SCORE:        g_value_set_double (value, self->score); break;
    case ROW_PROP_SCORE_LABEL:
      /* In the user's locale: this is for reading, not for spreadsheets. */
      g_value_take_string (value, isnan (self->score) ? g_strdup ("—")
                                                      : g_strdup_printf ("%.1f", self->score));
      break;
    case ROW_PROP_AUTO_FAILED:  g_value_set_boolean (value, self->auto_failed); break;
    default:
      rubric_paged_row_get_property (object, prop_id, value, pspec);
    }
}

static void
rubric_evaluation_row_class_init (RubricEvaluationRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;
  guint first;

  object_class->get_property = rubric_evaluation_row_get_property;

  first = rubric_paged_row_class_install (object_class, text_names);
  g_assert (first == ROW_PROP_STATUS_LABEL);
  g_object_class_install_property (object_class, ROW_PROP_STATUS_LABEL,
                                   g_param_spec_string ("status-label", NULL, NULL, NULL, flags));
  g_object_class_install_property (object_class, ROW_PROP_SCORE,
                                   g_param_spec_double ("score", NULL, NULL, -G_MAXDOUBLE,
                                                        G_MAXDOUBLE, 0, flags));
  g_object_class_install_property (object_class, ROW_PROP_SCORE_LABEL,
                                   g_param_spec_string ("score-label", NULL, NULL, NULL, flags));
  g_object_class_install_property (object_class, ROW_PROP_AUTO_FAILED,
                                   g_param_spec_boolean ("auto-failed", NULL, NULL, FALSE, flags));
}

static void
rubric_evaluation_row_init (RubricEvaluationRow *self)
{
  self->score = NAN;
}

const char *
rubric_evaluation_row_get_uuid (RubricEvaluationRow *self)
{
  return TEXT (self, TEXT_UUID);
}

const char *
rubric_evaluation_row_get_status (RubricEvaluationRow *self)
{
  return TEXT (self, TEXT_STATUS);
}

/* ----------------------------------------------------------------- list */

struct _RubricEvaluationList
{
  RubricPagedList       parent_instance;

  char                 *status;
  gint64                vendor_id;
  char                 *search;
};

G_DEFINE_FINAL_TYPE (RubricEvaluationList, rubric_evaluation_list, RUBRIC_TYPE_PAGED_LIST)

/* Time is the wall-clock time the row shows, in the vendor's zone
 * (docs/DECISIONS.md); ties go to the earlier instant, then the row id. */
static const char * const sort_keys[] = {
  [RUBRIC_EVALUATION_SORT_TIME]        = "rubric_local_clock (e.call_time, v.timezone)",
  [RUBRIC_EVALUATION_SORT_VENDOR]      = "lower (v.name), v.name",
  [RUBRIC_EVALUATION_SORT_AGENT]       = "lower (coalesce (a.name, a.external_id)), coalesce (a.name, a.external_id)",
  [RUBRIC_EVALUATION_SORT_REVIEWER]    = "lower (e.reviewer), e.reviewer",
  [RUBRIC_EVALUATION_SORT_STATUS]      = "e.status",
  [RUBRIC_EVALUATION_SORT_SCORE]       = "e.score",
  [RUBRIC_EVALUATION_SORT_AUTO_FAILED] = "e.auto_failed",
};

static const char * const sort_ties[] = { "e.call_time", "e.id", NULL };

static RubricPagedQuery *
rubric_evaluation_list_build_query (RubricPagedList *list)
{
  RubricEvaluationList *self = RUBRIC_EVALUATION_LIST (list);
  g_autofree char *order_by = rubric_paged_list_order_by (list);
  g_autofree char *sql = NULL;
  RubricPagedQuery *query;

  /* The ORDER BY comes from the constant sort keys; every value is a
   * bound parameter. */
  sql = g_strconcat ("SELECT e.id FROM evaluations AS e"
                     " LEFT JOIN vendors AS v ON v.id = e.vendor_id"
                     " LEFT JOIN agents AS a ON a.id = e.agent_id"
                     " WHERE (?1 IS NULL OR e.status = ?1)"
                     "   AND (?2 = 0 OR e.vendor_id = ?2)"
                     "   AND (?3 IS NULL OR like (?3, a.external_id, '\\')"
                     "        OR like (?3, a.name, '\\') OR like (?3, e.reviewer, '\\')"
                     "        OR like (?3, e.call, '\\'))",
                     order_by, NULL);

  query = rubric_paged_query_new (sql);
  if (self->status != NULL)
    rubric_paged_query_add (query, g_variant_new_string (self->status));
  else
    rubric_paged_query_add (query, g_variant_new_maybe (G_VARIANT_TYPE_STRING, NULL));
  rubric_paged_query_add (query, g_variant_new_int64 (self->vendor_id));
  rubric_paged_query_add_like (query, self->search);

  return query;
}

static void
rubric_evaluation_list_fill_row (RubricPagedList *list,
                                 RubricPagedRow  *text,
                                 RubricStmt    *stmt)
{
  RubricEvaluationRow *row = RUBRIC_EVALUATION_ROW (text);

  /* The texts, from the uuid (column 1) on; the zone and time apart. */
  for (guint t = TEXT_UUID; t <= TEXT_CALL; t++)
    {
      static const int columns[] = {
        [TEXT_UUID] = 1, [TEXT_TIME] = -1, [TEXT_VENDOR] = 3, [TEXT_AGENT] = 5,
        [TEXT_REVIEWER] = 6, [TEXT_STATUS] = 7, [TEXT_CALL] = 8,
      };

      if (columns[t] >= 0)
        rubric_paged_row_take_text (text, t,
                                    g_strdup (rubric_stmt_column_text (stmt,
                                                                                  columns[t])));
    }
  if (rubric_stmt_column_type (stmt, 2) != RUBRIC_NULL)
    {
      const char *tzid = rubric_stmt_column_text (stmt, 4);
      char *time = rubric_paged_list_format_local_time (list, rubric_stmt_column_int64 (stmt, 2),
                                                        tzid);

      rubric_paged_row_take_text (text, TEXT_TIME, time);
    }
  if (rubric_stmt_column_type (stmt, 9) != RUBRIC_NULL)
    row->score = rubric_stmt_column_double (stmt, 9);
  row->auto_failed = rubric_stmt_column_int (stmt, 10) != 0;
}

static void
rubric_evaluation_list_finalize (GObject *object)
{
  RubricEvaluationList *self = RUBRIC_EVALUATION_LIST (object);

  g_free (self->status);
  g_free (self->search);

  G_OBJECT_CLASS (rubric_evaluation_list_parent_class)->finalize (object);
}

static void
rubric_evaluation_list_class_init (RubricEvaluationListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  RubricPagedListClass *list_class = RUBRIC_PAGED_LIST_CLASS (klass);

  object_class->finalize = rubric_evaluation_list_finalize;

  list_class->item_type = RUBRIC_TYPE_EVALUATION_ROW;
  list_class->sort_keys = sort_keys;
  list_class->n_sort_keys = G_N_ELEMENTS (sort_keys);
  list_class->sort_ties = sort_ties;
  list_class->row_sql = "SELECT e.id, e.uuid, e.call_time, v.name, v.timezone,"
                        "  coalesce (a.name, a.external_id), e.reviewer, e.status,"
                        "  e.call, e.score, e.auto_failed"
                        " FROM evaluations AS e"
                        " LEFT JOIN vendors AS v ON v.id = e.vendor_id"
                        " LEFT JOIN agents AS a ON a.id = e.agent_id"
                        " WHERE e.id = ?1";
  list_class->build_query = rubric_evaluation_list_build_query;
  list_class->fill_row = rubric_evaluation_list_fill_row;
}

static void
rubric_evaluation_list_init (RubricEvaluationList *self)
{
}

RubricEvaluationList *
rubric_evaluation_list_new (RubricDb *db)
{
  g_return_val_if_fail (db != NULL, NULL);

  return g_object_new (RUBRIC_TYPE_EVALUATION_LIST, "db", db, NULL);
}

void
rubric_evaluation_list_set_filter (RubricEvaluationList             *self,
                                   const RubricEvaluationListFilter *filter)
{
  g_return_if_fail (RUBRIC_IS_EVALUATION_LIST (self));

  g_clear_pointer (&self->status, g_free);
  g_clear_pointer (&self->search, g_free);
  self->vendor_id = 0;

  if (filter == NULL)
    return;

  self->status = g_strdup (filter->status);
  self->vendor_id = filter->vendor_id;
  if (filter->search != NULL && *filter->search != '\0')
    self->search = g_strdup (filter->search);
}
