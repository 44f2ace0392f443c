/* rubric-drafts.c — drafts kept on this computer while the team database is away
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * When the editor's autosave fails because the database cannot be reached,
 * the draft is written as interchange XML (the format of "evaluations
 * import") to $XDG_STATE_HOME/rubric/drafts/UUID.xml, and saved to the
 * database when it answers again (the window's reconnection, and each
 * start), then the file is removed. A draft is never lost.
 */

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "rubric-drafts.h"
#include "rubric-error.h"
#include "rubric-evaluation-store.h"
#include "rubric-output.h"

char *
rubric_drafts_dir (void)
{
  return g_build_filename (g_get_user_state_dir (), "rubric", "drafts", NULL);
}

gboolean
rubric_drafts_keep (RubricEvaluation  *evaluation,
                    GError           **error)
{
  g_autofree char *dir = rubric_drafts_dir ();
  g_autofree char *name = g_strconcat (evaluation->id, ".xml", NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GPtrArray) one = g_ptr_array_new ();
  g_autofree char *xml = NULL;
  RubricOutput *output;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s: %s", dir,
                   g_strerror (saved));
      return FALSE;
    }

  g_ptr_array_add (one, evaluation);
  xml = rubric_evaluations_to_xml (one);

  output = rubric_output_open (path, RUBRIC_OUTPUT_PRIVATE, error);
  if (output == NULL)
    return FALSE;
  if (!g_output_stream_write_all (rubric_output_get_stream (output), xml, strlen (xml), NULL,
                                  NULL, error) ||
      !rubric_output_commit (output, error))
    {
      rubric_output_free (output);
      return FALSE;
    }
  rubric_output_free (output);

  return TRUE;
}

void
rubric_drafts_forget (const char *uuid)
{
  g_autofree char *dir = rubric_drafts_dir ();
  g_autofree char *name = g_strconcat (uuid, ".xml", NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_unlink (path);
}

int
rubric_drafts_send (RubricDb    *db,
                    const char  *reviewer,
                    GError     **error)
{
  g_autofree char *dir = rubric_drafts_dir ();
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  int sent = 0;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autoptr(GPtrArray) evaluations = NULL;

      if (!g_str_has_suffix (name, ".xml"))
        continue;
      path = g_build_filename (dir, name, NULL);
      evaluations = rubric_evaluations_from_file (path, error);
      if (evaluations == NULL)
        return -1;
      for (guint i = 0; i < evaluations->len; i++)
        {
          RubricEvaluation *kept = g_ptr_array_index (evaluations, i);
          g_autoptr(GError) local_error = NULL;

          if (rubric_evaluation_store_save (db, kept, reviewer, NULL, &local_error))
            continue;
          if (!g_error_matches (local_error, RUBRIC_ERROR, RUBRIC_ERROR_CONFLICT))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return -1;
            }
          /* The file does not carry the revision the copy was made from, so
           * a stored version (saved before going offline, or by another
           * machine since) is a conflict: this copy is kept over it, and
           * the stored one goes into the history beside it (SPEC §15). */
          if (!rubric_evaluation_store_save_over (db, kept, reviewer,
                                                  _("Kept on this computer while offline"),
                                                  error))
            return -1;
        }
      g_unlink (path);
      sent++;
    }

  return sent;
}
