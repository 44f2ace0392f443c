/* rubric-import.c — what the imports share: id caches and the frame of a
 * call import
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rubric-call-writer.h"
#include "rubric-import.h"

gint64 *
rubric_id_new (gint64 id)
{
  gint64 *boxed = g_new (gint64, 1);

  *boxed = id;
  return boxed;
}

gint64
rubric_cached_vendor_id (RubricDb    *db,
                         GHashTable  *cache,
                         const char  *name,
                         GError     **error)
{
  gint64 *cached = g_hash_table_lookup (cache, name);
  gint64 id;

  if (cached != NULL)
    return *cached;

  id = rubric_db_ensure_vendor (db, name, error);
  if (id > 0)
    g_hash_table_insert (cache, g_strdup (name), rubric_id_new (id));

  return id;
}

gboolean
rubric_call_import_run (RubricDb                *db,
                        const char              *path,
                        const RubricCallImport  *import,
                        GError                 **error)
{
  g_autoptr(GInputStream) stream = NULL;
  guint64 size = 0;
  gboolean ok;

  if (!rubric_call_import_check_names (import->vendor, import->source, error) ||
      !(stream = rubric_open_input (path, &size, import->cancellable, error)) ||
      !rubric_db_begin (db, error))
    {
      import->clear (import->data);
      return FALSE;
    }

  ok = import->body (import, stream, size, error);

  /* The statements are finished before the transaction ends. */
  import->clear (import->data);

  if (!ok)
    {
      rubric_db_rollback (db);
      return FALSE;
    }

  if (!rubric_db_commit (db, error))
    return FALSE;

  if (import->progress != NULL)
    import->progress (1.0, import->progress_data);

  return TRUE;
}
