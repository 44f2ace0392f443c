/* rubric-metrics.c — aggregate metrics that vendors report (SPEC §4.4, §8.4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "rubric-csv.h"
#include "rubric-error.h"
#include "rubric-import.h"
#include "rubric-metrics.h"
#include "rubric-period.h"
#include "rubric-private.h"
#include "rubric-time.h"
#include "rubric-xml.h"

/* As long as a name in a contract may be (contract.rng). */
#define MAX_NAME_CHARS 200

typedef enum
{
  FIELD_VENDOR,
  FIELD_START,
  FIELD_END,
  FIELD_METRIC,
  FIELD_VALUE,
  FIELD_N,
  N_FIELDS
} Field;

/* What each field is called in the two formats, for messages. */
static const char * const csv_names[N_FIELDS] = {
  "vendor", "period_start", "period_end", "metric", "value", "n",
};
static const char * const xml_names[N_FIELDS] = {
  "vendor", "start", "end", "name", "value", "n",
};

typedef enum
{
  RANGE_PERCENT,
  RANGE_SECONDS,
  RANGE_ANY,
} ValueRange;

static const struct
{
  const char *name;
  ValueRange  range;
} known_metrics[] = {
  { "service-level", RANGE_PERCENT },
  { "abandon-rate", RANGE_PERCENT },
  { "fcr", RANGE_PERCENT },
  { "asa", RANGE_SECONDS },
  { "aht", RANGE_SECONDS },
};

#define CUSTOM_PREFIX "custom:"

void
rubric_metric_free (RubricMetric *metric)
{
  if (metric == NULL)
    return;

  g_free (metric->vendor);
  g_free (metric->period_start);
  g_free (metric->period_end);
  g_free (metric->metric);
  g_free (metric);
}

/* Custom names are keys that contracts refer to: no white space, nothing
 * invisible, so that what a user reads is what matches. */
gboolean
rubric_is_custom_metric_name (const char *name)
{
  if (*name == '\0' || !g_utf8_validate (name, -1, NULL))
    return FALSE;

  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || g_unichar_iscntrl (c) ||
          g_unichar_type (c) == G_UNICODE_FORMAT)
        return FALSE;
    }

  return TRUE;
}

/* FALSE when @name is not a metric; *@range says what values it takes. */
static gboolean
lookup_metric (const char *name,
               ValueRange *range)
{
  if (name == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (known_metrics); i++)
    {
      if (strcmp (name, known_metrics[i].name) == 0)
        {
          *range = known_metrics[i].range;
          return TRUE;
        }
    }

  if (!g_str_has_prefix (name, CUSTOM_PREFIX) ||
      !rubric_is_custom_metric_name (name + strlen (CUSTOM_PREFIX)) ||
      g_utf8_strlen (name, -1) > MAX_NAME_CHARS)
    return FALSE;

  *range = RANGE_ANY;
  return TRUE;
}

gboolean
rubric_metric_name_is_valid (const char *name)
{
  ValueRange range;

  return lookup_metric (name, &range);
}

/* A whole number of 0 or more: digits only, no sign, no spaces. */
static gboolean
parse_count (const char *text,
             gint64     *count)
{
  guint64 value;

  if (*text == '\0')
    return FALSE;

  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;

  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXINT64, &value, NULL))
    return FALSE;

  *count = (gint64) value;
  return TRUE;
}

static gboolean
check_day (const char          *label,
           gint64               line,
           const char * const  *names,
           Field                field,
           const char          *text,
           gint32              *day,
           GError             **error)
{
  if (!rubric_day_parse (text, day))
    {
      rubric_set_input_error (error, label, line,
                              _("%s: “%s” is not a day (YYYY-MM-DD)"), names[field],
                              text != NULL ? text : "");
      return FALSE;
    }

  return TRUE;
}

/* Checks one aggregate, whichever format it came in. @n is NULL or ""
 * when it is not given. */
static RubricMetric *
read_metric (const char          *label,
             gint64               line,
             const char * const  *names,
             const char          *vendor,
             const char          *start,
             const char          *end,
             const char          *name,
             const char          *value,
             const char          *n,
             GError             **error)
{
  g_autoptr(RubricMetric) metric = NULL;
  g_autofree char *vendor_copy = g_strstrip (g_strdup (vendor != NULL ? vendor : ""));
  ValueRange range;
  gint32 first, last;
  double number;

  if (*vendor_copy == '\0')
    {
      rubric_set_input_error (error, label, line, _("%s is empty"), names[FIELD_VENDOR]);
      return NULL;
    }

  if (g_utf8_strlen (vendor_copy, -1) > MAX_NAME_CHARS)
    {
      rubric_set_input_error (error, label, line,
                              _("%s: the name is longer than %d characters"),
                              names[FIELD_VENDOR], MAX_NAME_CHARS);
      return NULL;
    }

  if (!check_day (label, line, names, FIELD_START, start, &first, error) ||
      !check_day (label, line, names, FIELD_END, end, &last, error))
    return NULL;

  if (first > last)
    {
      rubric_set_input_error (error, label, line,
                              _("the period ends (%s) before it begins (%s)"), end, start);
      return NULL;
    }

  if (!lookup_metric (name, &range))
    {
      rubric_set_input_error (error, label, line,
                              _("%s: “%s” is not a metric (service-level, abandon-rate, "
                                "asa, aht, fcr or custom:NAME without spaces)"),
                              names[FIELD_METRIC], name != NULL ? name : "");
      return NULL;
    }

  if (value == NULL || !rubric_parse_double (value, &number))
    {
      rubric_set_input_error (error, label, line,
                              _("%s: “%s” is not a number (a plain decimal with a dot, "
                                "such as 81.5)"),
                              names[FIELD_VALUE], value != NULL ? value : "");
      return NULL;
    }

  if (range == RANGE_PERCENT && (number < 0 || number > 100))
    {
      rubric_set_input_error (error, label, line,
                              _("%s: %s is a percentage from 0 to 100, not %s"),
                              names[FIELD_VALUE], name, value);
      return NULL;
    }

  if (range == RANGE_SECONDS && number < 0)
    {
      rubric_set_input_error (error, label, line,
                              _("%s: %s is a number of seconds, 0 or more, not %s"),
                              names[FIELD_VALUE], name, value);
      return NULL;
    }

  metric = g_new0 (RubricMetric, 1);
  metric->vendor = g_steal_pointer (&vendor_copy);
  metric->period_start = g_strdup (start);
  metric->period_end = g_strdup (end);
  metric->metric = g_strdup (name);
  /* Adding 0 turns -0 into 0, which the database would otherwise keep. */
  metric->value = number + 0.0;

  if (n != NULL && *n != '\0')
    {
      if (!parse_count (n, &metric->n))
        {
          rubric_set_input_error (error, label, line,
                                  _("%s: “%s” is not a whole number of 0 or more"),
                                  names[FIELD_N], n);
          return NULL;
        }
      metric->has_n = TRUE;
    }

  return g_steal_pointer (&metric);
}

/* Adds @metric, refusing a second aggregate for the same vendor, period and
 * metric: which of the two values counts would be a coin toss. */
static gboolean
add_metric (GPtrArray     *metrics,
            GHashTable    *seen,
            RubricMetric  *metric,
            const char    *label,
            gint64         line,
            GError       **error)
{
  /* The days and the metric hold no U+001F, so the vendor may come last
   * whatever it holds. */
  char *key = g_strjoin ("\x1f", metric->period_start, metric->period_end, metric->metric,
                         metric->vendor, NULL);
  gpointer earlier = g_hash_table_lookup (seen, key);

  if (earlier != NULL)
    {
      rubric_set_input_error (error, label, line,
                              _("%s of “%s” for %s..%s is given twice, on lines %lld and %lld"),
                              metric->metric, metric->vendor, metric->period_start,
                              metric->period_end, (long long) *(gint64 *) earlier,
                              (long long) line);
      g_free (key);
      rubric_metric_free (metric);
      return FALSE;
    }

  g_hash_table_insert (seen, key, g_memdup2 (&line, sizeof line));
  g_ptr_array_add (metrics, metric);
  return TRUE;
}

static GHashTable *
seen_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static GPtrArray *
metrics_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) rubric_metric_free);
}

static gboolean
read_header (const char  *label,
             GPtrArray   *fields,
             gint64       line,
             int         *columns,
             GError     **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GString) missing = g_string_new (NULL);

  for (guint i = 0; i < fields->len; i++)
    {
      char *name = g_strstrip ((char *) g_ptr_array_index (fields, i));

      if (*name == '\0')
        continue;

      if (!g_hash_table_insert (seen, name, GUINT_TO_POINTER (i + 1)))
        {
          rubric_set_input_error (error, label, line,
                                  _("the column “%s” appears twice in the header"), name);
          return FALSE;
        }
    }

  for (guint f = 0; f < N_FIELDS; f++)
    {
      gpointer found = g_hash_table_lookup (seen, csv_names[f]);

      columns[f] = found != NULL ? (int) GPOINTER_TO_UINT (found) - 1 : -1;

      /* n is the only optional column. */
      if (found == NULL && f != FIELD_N)
        {
          if (missing->len > 0)
            g_string_append (missing, ", ");
          g_string_append (missing, csv_names[f]);
        }
    }

  if (missing->len > 0)
    {
      rubric_set_input_error (error, label, line,
                              _("the header lacks the required columns: %s"), missing->str);
      return FALSE;
    }

  return TRUE;
}

/* The cell of @field, trimmed, or NULL when the file has no such column. */
static const char *
cell (GPtrArray *fields,
      const int *columns,
      Field      field)
{
  if (columns[field] < 0)
    return NULL;

  return g_strstrip ((char *) g_ptr_array_index (fields, columns[field]));
}

static GPtrArray *
parse_csv (const char  *label,
           const char  *data,
           gsize        length,
           GError     **error)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (data, (gssize) length,
                                                                        NULL);
  g_autoptr(RubricCsvReader) reader = rubric_csv_reader_new (stream, label, ',');
  g_autoptr(GPtrArray) metrics = metrics_new ();
  g_autoptr(GHashTable) seen = seen_new ();
  g_autoptr(GError) local_error = NULL;
  GPtrArray *fields = NULL;
  int columns[N_FIELDS];
  guint n_columns;

  if (!rubric_csv_reader_next (reader, &fields, NULL, &local_error))
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        rubric_set_input_error (error, label, 0, _("the file is empty"));
      return NULL;
    }

  if (!read_header (label, fields, rubric_csv_reader_get_line (reader), columns, error))
    return NULL;
  n_columns = fields->len;

  while (rubric_csv_reader_next (reader, &fields, NULL, &local_error))
    {
      gint64 line = rubric_csv_reader_get_line (reader);
      RubricMetric *metric;

      /* A blank line is no row (a header has several columns). */
      if (fields->len == 1 && *(const char *) g_ptr_array_index (fields, 0) == '\0')
        continue;

      if (fields->len != n_columns)
        {
          rubric_set_input_error (error, label, line,
                                  g_dngettext (GETTEXT_PACKAGE,
                                               "the row has %u field, the header %u",
                                               "the row has %u fields, the header %u",
                                               fields->len),
                                  fields->len, n_columns);
          return NULL;
        }

      metric = read_metric (label, line, csv_names,
                            cell (fields, columns, FIELD_VENDOR),
                            cell (fields, columns, FIELD_START),
                            cell (fields, columns, FIELD_END),
                            cell (fields, columns, FIELD_METRIC),
                            cell (fields, columns, FIELD_VALUE),
                            cell (fields, columns, FIELD_N),
                            error);
      if (metric == NULL || !add_metric (metrics, seen, metric, label, line, error))
        return NULL;
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return g_steal_pointer (&metrics);
}

static GPtrArray *
parse_xml (const char  *label,
           const char  *data,
           gsize        length,
           GError     **error)
{
  g_autoptr(xmlDoc) doc = NULL;
  g_autoptr(GPtrArray) metrics = metrics_new ();
  g_autoptr(GHashTable) seen = seen_new ();
  xmlNode *root;

  doc = rubric_xml_parse (label, data, length, RUBRIC_METRICS_NS, "metrics", "metrics.rng",
                          error);
  if (doc == NULL)
    return NULL;

  root = xmlDocGetRootElement (doc);
  for (xmlNode *child = root->children; child != NULL; child = child->next)
    {
      g_autofree char *vendor = NULL;
      g_autofree char *start = NULL;
      g_autofree char *end = NULL;
      g_autofree char *name = NULL;
      g_autofree char *value = NULL;
      g_autofree char *n = NULL;
      gint64 line;
      RubricMetric *metric;

      if (!rubric_xml_is (child, RUBRIC_METRICS_NS, "metric"))
        continue;

      line = xmlGetLineNo (child);
      vendor = rubric_xml_get (child, "vendor");
      start = rubric_xml_get (child, "start");
      end = rubric_xml_get (child, "end");
      name = rubric_xml_get (child, "name");
      value = rubric_xml_get (child, "value");
      n = rubric_xml_get (child, "n");

      metric = read_metric (label, line, xml_names, vendor, start, end, name, value, n, error);
      if (metric == NULL || !add_metric (metrics, seen, metric, label, line, error))
        return NULL;
    }

  return g_steal_pointer (&metrics);
}

/* XML begins with '<' (after a byte order mark and white space, if any); a
 * metrics CSV begins with its header, which never does. UTF-16 and UTF-32
 * go to the XML reader too, which says that they are not UTF-8. */
static gboolean
looks_like_xml (const char *data,
                gsize       length)
{
  gsize i = 0;

  if ((guchar) data[0] == 0xfe || (guchar) data[0] == 0xff || data[0] == '\0')
    return TRUE;

  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    i = 3;

  while (i < length && g_ascii_isspace (data[i]))
    i++;

  return i < length && data[i] == '<';
}

GPtrArray *
rubric_metrics_parse (const char  *label,
                      const char  *data,
                      gsize        length,
                      GError     **error)
{
  g_return_val_if_fail (label != NULL, NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length == 0)
    {
      rubric_set_input_error (error, label, 0, _("the file is empty"));
      return NULL;
    }

  if (looks_like_xml (data, length))
    return parse_xml (label, data, length, error);

  return parse_csv (label, data, length, error);
}

typedef struct
{
  RubricStmt *find;
  RubricStmt *insert;
  RubricStmt *update;
  GHashTable   *vendors;   /* name → gint64 id */
} Writer;

static void
writer_clear (Writer *self)
{
  g_clear_pointer (&self->find, rubric_stmt_finalize);
  g_clear_pointer (&self->insert, rubric_stmt_finalize);
  g_clear_pointer (&self->update, rubric_stmt_finalize);
  g_clear_pointer (&self->vendors, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Writer, writer_clear)

static gint64
writer_vendor (Writer       *self,
               RubricDb     *db,
               const char   *name,
               GError      **error)
{
  return rubric_cached_vendor_id (db, self->vendors, name, error);
}

typedef enum
{
  WRITE_FAILED,
  WRITE_INSERTED,
  WRITE_REPLACED,
  WRITE_UNCHANGED,
} WriteResult;

static void
bind_n (RubricStmt       *stmt,
        int                 index,
        const RubricMetric *metric)
{
  if (metric->has_n)
    rubric_stmt_bind_int64 (stmt, index, metric->n);
  else
    rubric_stmt_bind_null (stmt, index);
}

static WriteResult
write_metric (Writer              *self,
              RubricDb            *db,
              const RubricMetric  *metric,
              GError             **error)
{
  gint64 vendor = writer_vendor (self, db, metric->vendor, error);
  gint64 id;
  gboolean same;
  int rc;

  if (vendor < 0)
    return WRITE_FAILED;

  rubric_stmt_bind_int64 (self->find, 1, vendor);
  rubric_stmt_bind_text_static (self->find, 2, metric->period_start);
  rubric_stmt_bind_text_static (self->find, 3, metric->period_end);
  rubric_stmt_bind_text_static (self->find, 4, metric->metric);

  rc = rubric_stmt_step (self->find);
  if (rc == RUBRIC_DONE)
    {
      rubric_stmt_reset (self->find);

      rubric_stmt_bind_int64 (self->insert, 1, vendor);
      rubric_stmt_bind_text_static (self->insert, 2, metric->period_start);
      rubric_stmt_bind_text_static (self->insert, 3, metric->period_end);
      rubric_stmt_bind_text_static (self->insert, 4, metric->metric);
      rubric_stmt_bind_double (self->insert, 5, metric->value);
      bind_n (self->insert, 6, metric);

      return rubric_db_step_done (db, self->insert, error) ? WRITE_INSERTED : WRITE_FAILED;
    }

  if (rc != RUBRIC_ROW)
    {
      rubric_db_set_error (db, error);
      rubric_stmt_reset (self->find);
      return WRITE_FAILED;
    }

  /* A REAL holds a double exactly, so equal numbers read back equal. */
  id = rubric_stmt_column_int64 (self->find, 0);
  same = rubric_stmt_column_double (self->find, 1) == metric->value;
  if (rubric_stmt_column_type (self->find, 2) == RUBRIC_NULL)
    same = same && !metric->has_n;
  else
    same = same && metric->has_n && rubric_stmt_column_int64 (self->find, 2) == metric->n;
  rubric_stmt_reset (self->find);

  if (same)
    return WRITE_UNCHANGED;

  rubric_stmt_bind_int64 (self->update, 1, id);
  rubric_stmt_bind_double (self->update, 2, metric->value);
  bind_n (self->update, 3, metric);

  return rubric_db_step_done (db, self->update, error) ? WRITE_REPLACED : WRITE_FAILED;
}

static gboolean
write_metrics (RubricDb                   *db,
               GPtrArray                  *metrics,
               RubricMetricsImportReport  *counts,
               GError                    **error)
{
  g_auto(Writer) writer = { NULL, };

  writer.vendors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  writer.find = rubric_db_prepare (db,
                                   "SELECT id, value, n FROM metrics"
                                   " WHERE vendor_id = ?1 AND period_start = ?2"
                                   "   AND period_end = ?3 AND metric = ?4",
                                   error);
  if (writer.find == NULL)
    return FALSE;

  writer.insert = rubric_db_prepare (db,
                                     "INSERT INTO metrics (vendor_id, period_start,"
                                     "  period_end, metric, value, n)"
                                     " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                                     error);
  if (writer.insert == NULL)
    return FALSE;

  writer.update = rubric_db_prepare (db, "UPDATE metrics SET value = ?2, n = ?3 WHERE id = ?1",
                                     error);
  if (writer.update == NULL)
    return FALSE;

  for (guint i = 0; i < metrics->len; i++)
    {
      switch (write_metric (&writer, db, g_ptr_array_index (metrics, i), error))
        {
        case WRITE_INSERTED:
          counts->inserted++;
          break;
        case WRITE_REPLACED:
          counts->replaced++;
          break;
        case WRITE_UNCHANGED:
          counts->unchanged++;
          break;
        case WRITE_FAILED:
        default:
          return FALSE;
        }
    }

  return TRUE;
}

gboolean
rubric_metrics_import (RubricDb                   *db,
                       const char                 *path,
                       RubricMetricsImportReport  *report,
                       GError                    **error)
{
  g_autoptr(GPtrArray) metrics = NULL;
  g_autofree char *data = NULL;
  RubricMetricsImportReport counts = { 0, 0, 0, 0 };
  gsize length = 0;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Aggregates are a few rows per vendor and period: the file is read
   * whole, and checked whole before anything is written. */
  if (!rubric_read_input_file (path, &data, &length, error))
    return FALSE;

  metrics = rubric_metrics_parse (path, data, length, error);
  if (metrics == NULL)
    return FALSE;

  counts.rows = metrics->len;

  if (metrics->len > 0)
    {
      if (!rubric_db_begin (db, error))
        return FALSE;

      if (!write_metrics (db, metrics, &counts, error))
        {
          rubric_db_rollback (db);
          return FALSE;
        }

      if (!rubric_db_commit (db, error))
        return FALSE;
    }

  if (report != NULL)
    *report = counts;

  return TRUE;
}

GPtrArray *
rubric_metrics_list (RubricDb    *db,
                     gint64       vendor_id,
                     const char  *first,
                     const char  *last,
                     GError     **error)
{
  g_autoptr(RubricStmt) stmt = NULL;
  g_autoptr(GPtrArray) metrics = NULL;
  int rc;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (first != NULL && last != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Days are "YYYY-MM-DD", which sorts as text the way it does in time. */
  stmt = rubric_db_prepare (db,
                            "SELECT v.name, m.period_start, m.period_end, m.metric,"
                            "       m.value, m.n"
                            "  FROM metrics m JOIN vendors v ON v.id = m.vendor_id"
                            " WHERE m.vendor_id = ?1 AND m.period_start >= ?2"
                            "   AND m.period_end <= ?3"
                            " ORDER BY m.metric, m.period_start, m.period_end",
                            error);
  if (stmt == NULL)
    return NULL;

  rubric_stmt_bind_int64 (stmt, 1, vendor_id);
  rubric_stmt_bind_text_static (stmt, 2, first);
  rubric_stmt_bind_text_static (stmt, 3, last);

  metrics = metrics_new ();
  while ((rc = rubric_stmt_step (stmt)) == RUBRIC_ROW)
    {
      RubricMetric *metric = g_new0 (RubricMetric, 1);

      metric->vendor = g_strdup (rubric_stmt_column_text (stmt, 0));
      metric->period_start = g_strdup (rubric_stmt_column_text (stmt, 1));
      metric->period_end = g_strdup (rubric_stmt_column_text (stmt, 2));
      metric->metric = g_strdup (rubric_stmt_column_text (stmt, 3));
      metric->value = rubric_stmt_column_double (stmt, 4);
      metric->has_n = rubric_stmt_column_type (stmt, 5) != RUBRIC_NULL;
      metric->n = metric->has_n ? rubric_stmt_column_int64 (stmt, 5) : 0;
      g_ptr_array_add (metrics, metric);
    }

  if (rc != RUBRIC_DONE)
    {
      rubric_db_set_error (db, error);
      return NULL;
    }

  return g_steal_pointer (&metrics);
}
