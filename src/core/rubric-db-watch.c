/* rubric-db-watch.c — told when another connection changed the database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rubric-db-watch.h"
#include "rubric-error.h"

#define DEBOUNCE_MS 300

struct _RubricDbWatch
{
  RubricDbWatchFunc  func;
  gpointer           user_data;
  GMainContext      *context;

  /* SQLite */
  GFileMonitor      *monitors[2];   /* the file, its -wal */
  GSource           *debounce;
  RubricDb          *own;           /* borrowed */
  gint64             own_version;

  /* PostgreSQL */
  RubricPgListen    *listen;
};

/* PRAGMA data_version of @own: changes when another connection commits. */
static gint64
own_data_version (RubricDb *own)
{
  g_autoptr(RubricStmt) stmt = rubric_db_prepare (own, "PRAGMA data_version", NULL);

  if (stmt == NULL || rubric_stmt_step (stmt) != RUBRIC_ROW)
    return -1;
  return rubric_stmt_column_int64 (stmt, 0);
}

static gboolean
debounce_cb (gpointer user_data)
{
  RubricDbWatch *self = user_data;

  g_clear_pointer (&self->debounce, g_source_unref);

  if (self->own != NULL)
    {
      gint64 version = own_data_version (self->own);

      /* Only our own writes (or nothing committed yet): no news. */
      if (version >= 0 && version == self->own_version)
        return G_SOURCE_REMOVE;
      self->own_version = version;
    }

  self->func (self->user_data);
  return G_SOURCE_REMOVE;
}

static void
file_changed_cb (GFileMonitor      *monitor,
                 GFile             *file,
                 GFile             *other,
                 GFileMonitorEvent  event,
                 gpointer           user_data)
{
  RubricDbWatch *self = user_data;

  if (event != G_FILE_MONITOR_EVENT_CHANGED && event != G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT &&
      event != G_FILE_MONITOR_EVENT_CREATED && event != G_FILE_MONITOR_EVENT_DELETED)
    return;

  /* Restarted on every change: one report ~300 ms after the last one. */
  if (self->debounce != NULL)
    {
      g_source_destroy (self->debounce);
      g_clear_pointer (&self->debounce, g_source_unref);
    }
  self->debounce = g_timeout_source_new (DEBOUNCE_MS);
  g_source_set_callback (self->debounce, debounce_cb, self, NULL);
  g_source_attach (self->debounce, self->context);
}

RubricDbWatch *
rubric_db_watch_new (const char         *name,
                     RubricDbWatchFunc   func,
                     gpointer            user_data,
                     GError            **error)
{
  g_autoptr(RubricDbWatch) self = NULL;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (func != NULL, NULL);

  self = g_new0 (RubricDbWatch, 1);
  self->func = func;
  self->user_data = user_data;
  self->context = g_main_context_ref_thread_default ();
  self->own_version = -1;

  if (rubric_db_name_is_uri (name))
    {
      self->listen = rubric_pg_listen_new (name, "rubric_evaluations", func, user_data);
      return g_steal_pointer (&self);
    }

  for (guint i = 0; i < G_N_ELEMENTS (self->monitors); i++)
    {
      g_autofree char *path = g_strconcat (name, i == 0 ? "" : "-wal", NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);

      self->monitors[i] = g_file_monitor_file (file, G_FILE_MONITOR_NONE, NULL, error);
      if (self->monitors[i] == NULL)
        return NULL;
      g_signal_connect (self->monitors[i], "changed", G_CALLBACK (file_changed_cb), self);
    }

  return g_steal_pointer (&self);
}

void
rubric_db_watch_set_own (RubricDbWatch *self,
                         RubricDb      *own)
{
  g_return_if_fail (self != NULL);

  self->own = own;
  self->own_version = own != NULL && !rubric_db_is_postgres (own) ? own_data_version (own) : -1;
  if (own != NULL && rubric_db_is_postgres (own))
    self->own = NULL;
}

gboolean
rubric_db_watch_get_ready (RubricDbWatch *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->listen == NULL || rubric_pg_listen_get_connected (self->listen);
}

void
rubric_db_watch_free (RubricDbWatch *self)
{
  if (self == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (self->monitors); i++)
    if (self->monitors[i] != NULL)
      {
        g_signal_handlers_disconnect_by_data (self->monitors[i], self);
        g_file_monitor_cancel (self->monitors[i]);
        g_object_unref (self->monitors[i]);
      }
  if (self->debounce != NULL)
    {
      g_source_destroy (self->debounce);
      g_source_unref (self->debounce);
    }
  g_clear_pointer (&self->listen, rubric_pg_listen_free);
  g_main_context_unref (self->context);
  g_free (self);
}
