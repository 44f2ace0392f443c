/* rubric-import.h — what the imports share (core-private)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rubric-calls.h"
#include "rubric-db.h"

G_BEGIN_DECLS

/* A gint64 id in its own allocation (g_free it), for the id caches. */
gint64     *rubric_id_new                 (gint64               id);

/* rubric_db_ensure_vendor, remembered in @cache (vendor name → gint64 id,
 * keys and values freed with g_free): an import meets a vendor many times. */
gint64      rubric_cached_vendor_id       (RubricDb            *db,
                                           GHashTable          *cache,
                                           const char          *name,
                                           GError             **error);

typedef struct _RubricCallImport RubricCallImport;

/* The part of a call import that reads @stream (of @size bytes, 0 if
 * unknown) into the open transaction. */
typedef gboolean (*RubricCallImportBody) (const RubricCallImport  *import,
                                          GInputStream            *stream,
                                          guint64                  size,
                                          GError                 **error);

/* A call import (CSV or queue_log), as rubric_call_import_run runs it. */
struct _RubricCallImport
{
  const char           *vendor;         /* --vendor, or NULL */
  const char           *source;         /* --source, or NULL */
  RubricCallImportBody  body;
  GDestroyNotify        clear;          /* finishes the statements of @data */
  gpointer              data;
  RubricProgressFunc    progress;       /* or NULL */
  gpointer              progress_data;
  GCancellable         *cancellable;
};

/* The frame of every call import: checks --vendor and --source, opens
 * @path (RUBRIC_ERROR_INPUT "FILE: cannot open the file"), runs the body in
 * one transaction, which it commits when the body succeeds and rolls back
 * otherwise, and reports progress 1.0 after the commit. The import's
 * clear is called on every path, before the transaction ends. */
gboolean    rubric_call_import_run        (RubricDb                *db,
                                           const char              *path,
                                           const RubricCallImport  *import,
                                           GError                 **error);

G_END_DECLS
