/* rubric-agents.c — who the agents are: names and teams (SPEC §8.7)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The agents CSV is small (a row per agent): it is read and checked whole,
 * then written in one transaction, so a bad file changes nothing. A row
 * whose name and team are already stored writes nothing, so importing the
 * same file again leaves the database byte for byte as it was.
 */
#include "config.h"

#include <string.h>

#include "rubric-agents.h"
#include "rubric-csv.h"
#include "rubric-error.h"
#include "rubric-import.h"
#include "rubric-private.h"
#include "rubric-xml.h"

/* As long as a name in a contract may be (contract.rng), like the vendors
 * of the metrics import: for every field of the file. */
#define MAX_FIELD_CHARS 200

typedef enum
{
  FIELD_VENDOR,
  FIELD_AGENT,
  FIELD_NAME,
  FIELD_TEAM,
  N_FIELDS
} Field;

static const char * const field_names[N_FIELDS] = { "vendor", "agent", "name", "team" };

typedef struct
{
  char   *vendor;
  char   *agent;
  char   *name;   /* NULL: none */
  char   *team;   /* NULL: none */
  gint64  line;
} Row;

static void
row_free (Row *row)
{
  if (row == NULL)
    return;
  g_free (row->vendor);
  g_free (row->agent);
  g_free (row->name);
  g_free (row->team);
  g_free (row);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Row, row_free)

/* What the database may hold for "none": NULL, or "" written elsewhere. */
static const char *
none_if_empty (const char *text)
{
  return text != NULL && *text != '\0' ? text : NULL;
}

void
rubric_agent_free (RubricAgent *agent)
{
  if (agent == NULL)
    return;
  g_free (agent->vendor);
  g_free (agent->agent);
  g_free (agent->name);
  g_free (agent->team);
  g_free (agent);
}

/* Only leads and admins change agents (SPEC §15, migration 6): said before
 * anything is read or written. The server refuses too; this names why. */
static gboolean
check_may_change_agents (RubricDb  *db,
                         GError   **error)
{
  if (rubric_db_get_role (db) >= RUBRIC_DB_ROLE_LEAD)
    return TRUE;

  g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_NOT_PERMITTED,
               _("%s: not permitted: only team leads and admins may change agents"),
               rubric_db_get_path (db));
  return FALSE;
}

/* A field's value: trimmed; NULL when empty. Refused (FALSE, @error set)
 * when longer than MAX_FIELD_CHARS or holding a control character (a line
 * break in quotes, a tab): it names someone on a page and in a report. */
static gboolean
read_value (const char  *label,
            gint64       line,
            Field        field,
            const char  *cell,
            char       **value,
            GError     **error)
{
  g_autofree char *text = g_strstrip (g_strdup (cell));

  *value = NULL;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      {
        rubric_set_input_error (error, label, line, _("%s: a control character (such as a "
                                                      "tab or a line break) is not allowed"),
                                field_names[field]);
        return FALSE;
      }

  if (g_utf8_strlen (text, -1) > MAX_FIELD_CHARS)
    {
      rubric_set_input_error (error, label, line, _("%s is longer than %d characters"),
                              field_names[field], MAX_FIELD_CHARS);
      return FALSE;
    }

  if (*text != '\0')
    *value = g_steal_pointer (&text);
  return TRUE;
}

static gboolean
check_header (const char  *label,
              gint64       line,
              GPtrArray   *fields,
              GError     **error)
{
  gboolean same = fields->len == N_FIELDS;

  for (guint i = 0; same && i < N_FIELDS; i++)
    {
      g_autofree char *name = g_strstrip (g_strdup (g_ptr_array_index (fields, i)));

      same = g_str_equal (name, field_names[i]);
    }

  if (!same)
    rubric_set_input_error (error, label, line,
                            _("the header must be “vendor,agent,name,team”"));
  return same;
}

static GPtrArray *
parse_agents (const char    *label,
              const char    *data,
              gsize          length,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (data, (gssize) length,
                                                                        NULL);
  g_autoptr(RubricCsvReader) reader = rubric_csv_reader_new (stream, label, ',');
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  /* vendor U+001F agent → the line of its row */
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GError) local_error = NULL;
  GPtrArray *fields = NULL;

  if (!rubric_csv_reader_next (reader, &fields, cancellable, &local_error))
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        rubric_set_input_error (error, label, 0, _("the file is empty"));
      return NULL;
    }

  if (!check_header (label, rubric_csv_reader_get_line (reader), fields, error))
    return NULL;

  while (rubric_csv_reader_next (reader, &fields, cancellable, &local_error))
    {
      gint64 line = rubric_csv_reader_get_line (reader);
      g_autoptr(Row) row = NULL;
      char *key;
      gint64 *earlier;

      /* A blank line is no row (the header has four columns). */
      if (fields->len == 1 && *(const char *) g_ptr_array_index (fields, 0) == '\0')
        continue;

      if (fields->len != N_FIELDS)
        {
          rubric_set_input_error (error, label, line,
                                  g_dngettext (GETTEXT_PACKAGE,
                                               "the row has %u field, the header %u",
                                               "the row has %u fields, the header %u",
                                               fields->len),
                                  fields->len, (guint) N_FIELDS);
          return NULL;
        }

      row = g_new0 (Row, 1);
      row->line = line;
      if (!read_value (label, line, FIELD_VENDOR, g_ptr_array_index (fields, 0), &row->vendor,
                       error) ||
          !read_value (label, line, FIELD_AGENT, g_ptr_array_index (fields, 1), &row->agent,
                       error) ||
          !read_value (label, line, FIELD_NAME, g_ptr_array_index (fields, 2), &row->name,
                       error) ||
          !read_value (label, line, FIELD_TEAM, g_ptr_array_index (fields, 3), &row->team,
                       error))
        return NULL;

      if (row->vendor == NULL || row->agent == NULL)
        {
          rubric_set_input_error (error, label, line, _("%s is empty"),
                                  field_names[row->vendor == NULL ? FIELD_VENDOR : FIELD_AGENT]);
          return NULL;
        }

      /* The vendor holds no U+001F (a control character, refused above). */
      key = g_strjoin ("\x1f", row->vendor, row->agent, NULL);
      earlier = g_hash_table_lookup (seen, key);
      if (earlier != NULL)
        {
          rubric_set_input_error (error, label, line,
                                  _("agent “%s” of “%s” is given twice, on lines %lld and %lld"),
                                  row->agent, row->vendor, (long long) *earlier,
                                  (long long) line);
          g_free (key);
          return NULL;
        }
      g_hash_table_insert (seen, key, g_memdup2 (&line, sizeof line));
      g_ptr_array_add (rows, g_steal_pointer (&row));
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return g_steal_pointer (&rows);
}

static gboolean
write_agents (RubricDb   *db,
              GPtrArray  *rows,
              guint      *added,
              guint      *changed,
              GError    **error)
{
  g_autoptr(GHashTable) vendors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                         g_free);
  g_autoptr(RubricStmt) find = NULL;
  g_autoptr(RubricStmt) insert = NULL;
  g_autoptr(RubricStmt) update = NULL;

  if (!(find = rubric_db_prepare (db,
                                  "SELECT id, name, team FROM agents"
                                  " WHERE vendor_id = ?1 AND external_id = ?2",
                                  error)) ||
      !(insert = rubric_db_prepare (db,
                                    "INSERT INTO agents (vendor_id, external_id, name, team)"
                                    " VALUES (?1, ?2, ?3, ?4)",
                                    error)) ||
      !(update = rubric_db_prepare (db, "UPDATE agents SET name = ?2, team = ?3 WHERE id = ?1",
                                    error)))
    return FALSE;

  for (guint i = 0; i < rows->len; i++)
    {
      const Row *row = g_ptr_array_index (rows, i);
      gint64 vendor = rubric_cached_vendor_id (db, vendors, row->vendor, error);
      gint64 id;
      gboolean same;
      int rc;

      if (vendor < 0)
        return FALSE;

      rubric_stmt_bind_int64 (find, 1, vendor);
      rubric_stmt_bind_text_static (find, 2, row->agent);
      rc = rubric_stmt_step (find);

      if (rc == RUBRIC_DONE)
        {
          rubric_stmt_reset (find);
          rubric_stmt_bind_int64 (insert, 1, vendor);
          rubric_stmt_bind_text_static (insert, 2, row->agent);
          rubric_stmt_bind_text_static (insert, 3, row->name);
          rubric_stmt_bind_text_static (insert, 4, row->team);
          if (!rubric_db_step_done (db, insert, error))
            return FALSE;
          (*added)++;
          continue;
        }

      if (rc != RUBRIC_ROW)
        {
          rubric_db_set_error (db, error);
          rubric_stmt_reset (find);
          return FALSE;
        }

      id = rubric_stmt_column_int64 (find, 0);
      same = g_strcmp0 (row->name, none_if_empty (rubric_stmt_column_text (find, 1))) == 0 &&
             g_strcmp0 (row->team, none_if_empty (rubric_stmt_column_text (find, 2))) == 0;
      rubric_stmt_reset (find);

      if (same)
        continue;

      rubric_stmt_bind_int64 (update, 1, id);
      rubric_stmt_bind_text_static (update, 2, row->name);
      rubric_stmt_bind_text_static (update, 3, row->team);
      if (!rubric_db_step_done (db, update, error))
        return FALSE;
      (*changed)++;
    }

  return TRUE;
}

gboolean
rubric_agents_import (RubricDb      *db,
                      GFile         *file,
                      guint         *added,
                      guint         *changed,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autofree char *label = NULL;
  g_autofree char *data = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  gsize length = 0;
  guint n_added = 0, n_changed = 0;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_may_change_agents (db, error))
    return FALSE;

  if (g_file_peek_path (file) != NULL)
    {
      label = g_strdup (g_file_peek_path (file));
      if (!rubric_read_input_file (label, &data, &length, error))
        return FALSE;
    }
  else
    {
      g_autoptr(GError) local_error = NULL;

      label = g_file_get_parse_name (file);
      if (!g_file_load_contents (file, cancellable, &data, &length, NULL, &local_error))
        {
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            g_propagate_error (error, g_steal_pointer (&local_error));
          else
            rubric_set_input_error (error, label, 0, _("cannot read the file: %s"),
                                    local_error->message);
          return FALSE;
        }
    }

  if (length > G_MAXSSIZE)
    {
      rubric_set_input_error (error, label, 0, _("the file is too large"));
      return FALSE;
    }

  if (!(rows = parse_agents (label, data, length, cancellable, error)))
    return FALSE;

  if (rows->len > 0)
    {
      if (!rubric_db_begin (db, error))
        return FALSE;

      if (!write_agents (db, rows, &n_added, &n_changed, error))
        {
          rubric_db_rollback (db);
          return FALSE;
        }

      if (!rubric_db_commit (db, error))
        return FALSE;
    }

  if (added != NULL)
    *added = n_added;
  if (changed != NULL)
    *changed = n_changed;
  return TRUE;
}

GPtrArray *
rubric_agents_list (RubricDb    *db,
                    const char  *vendor,
                    const char  *team,
                    GError     **error)
{
  g_autoptr(RubricStmt) stmt = NULL;
  g_autoptr(GPtrArray) agents = NULL;
  int rc;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (vendor != NULL)
    {
      gint64 vendor_id = rubric_db_lookup_vendor (db, vendor, error);

      if (vendor_id == 0)
        g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_NOT_FOUND, _("there is no vendor “%s”"),
                     vendor);
      if (vendor_id <= 0)
        return NULL;
    }

  /* Answered calls and submitted evaluations only (TRENDS decisions):
   * drafts and calibration evaluations are nobody's record. Both counts
   * run on the agent's index. "" and NULL are both "no team". */
  stmt = rubric_db_prepare (db,
                            "SELECT a.id, v.name, a.external_id, a.name, a.team,"
                            "       (SELECT count(*) FROM calls c"
                            "         WHERE c.agent_id = a.id AND c.outcome = 1),"
                            "       (SELECT count(*) FROM evaluations e"
                            "         WHERE e.agent_id = a.id AND e.status = 'submitted')"
                            "  FROM agents a JOIN vendors v ON v.id = a.vendor_id"
                            " WHERE (?3 = 0 OR v.name = ?1)"
                            "   AND (?4 = 0 OR coalesce (a.team, '') = ?2)"
                            " ORDER BY v.name, a.external_id",
                            error);
  if (stmt == NULL)
    return NULL;

  rubric_stmt_bind_text_static (stmt, 1, vendor != NULL ? vendor : "");
  rubric_stmt_bind_text_static (stmt, 2, team != NULL ? team : "");
  rubric_stmt_bind_int (stmt, 3, vendor != NULL);
  rubric_stmt_bind_int (stmt, 4, team != NULL);

  agents = g_ptr_array_new_with_free_func ((GDestroyNotify) rubric_agent_free);
  while ((rc = rubric_stmt_step (stmt)) == RUBRIC_ROW)
    {
      RubricAgent *agent = g_new0 (RubricAgent, 1);
      const char *name = rubric_stmt_column_text (stmt, 3);
      const char *agent_team = rubric_stmt_column_text (stmt, 4);

      agent->agent_id = rubric_stmt_column_int64 (stmt, 0);
      agent->vendor = g_strdup (rubric_stmt_column_text (stmt, 1));
      agent->agent = g_strdup (rubric_stmt_column_text (stmt, 2));
      agent->name = g_strdup (none_if_empty (name));
      agent->team = g_strdup (none_if_empty (agent_team));
      agent->calls = (guint64) rubric_stmt_column_int64 (stmt, 5);
      agent->evaluations = (guint64) rubric_stmt_column_int64 (stmt, 6);
      g_ptr_array_add (agents, agent);
    }

  if (rc != RUBRIC_DONE)
    {
      rubric_db_set_error (db, error);
      return NULL;
    }

  return g_steal_pointer (&agents);
}

gboolean
rubric_agents_set (RubricDb    *db,
                   gint64       agent_id,
                   const char  *name,
                   const char  *team,
                   GError     **error)
{
  g_autoptr(RubricStmt) stmt = NULL;
  g_autofree char *name_value = NULL;
  g_autofree char *team_value = NULL;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_may_change_agents (db, error))
    return FALSE;

  /* The same rules as a row of the file (no line to name). */
  if (!read_value (NULL, 0, FIELD_NAME, name != NULL ? name : "", &name_value, error) ||
      !read_value (NULL, 0, FIELD_TEAM, team != NULL ? team : "", &team_value, error))
    return FALSE;

  stmt = rubric_db_prepare (db, "UPDATE agents SET name = ?2, team = ?3 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  rubric_stmt_bind_int64 (stmt, 1, agent_id);
  rubric_stmt_bind_text_static (stmt, 2, name_value);
  rubric_stmt_bind_text_static (stmt, 3, team_value);
  if (!rubric_db_step_done (db, stmt, error))
    return FALSE;

  if (rubric_db_changes (db) == 0)
    {
      g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_NOT_FOUND, _("there is no agent %lld"),
                   (long long) agent_id);
      return FALSE;
    }

  return TRUE;
}
