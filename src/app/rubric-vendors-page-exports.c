/* rubric-vendors-page-exports.c — the vendors page's exports and its contract import
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The exports rate the period shown again, in a worker thread on a
 * connection of their own (rubric-vendor-ratings.c), with the window's job
 * bar; a contract goes through the window's import, which knows it by its
 * root element.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rubric-file-chooser.h"
#include "rubric-rating-figures.h"
#include "rubric-rating-text.h"
#include "rubric-vendors-page-private.h"

typedef struct
{
  RubricWindow *window;
  char         *name;
  char         *period;
} ExportJob;

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  ExportJob *job = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  rubric_window_end_job (job->window);

  if (rubric_ratings_export_finish (result, &error))
    /* Translators: a period's name and a file name, "Exported the ratings of
     * November 2026 to ratings-2026-11.csv" */
    title = g_strdup_printf (_("Exported the ratings of %s to %s"), job->period, job->name);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    title = g_strdup (_("Export cancelled"));
  else
    /* Translators: %s says what went wrong */
    title = g_strdup_printf (_("Could not export the ratings: %s"), error->message);
  rubric_window_add_toast (job->window, title);

  g_object_unref (job->window);
  g_free (job->name);
  g_free (job->period);
  g_free (job);
}

void
rubric_vendors_page_export (RubricVendorsPage   *self,
                            GFile               *file,
                            RubricRatingsExport  format)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *label = NULL;
  GCancellable *cancellable;
  ExportJob *job;

  g_return_if_fail (RUBRIC_IS_VENDORS_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (RUBRIC_IS_WINDOW (root));

  if (self->db == NULL || !self->has_period)
    return;
  if (rubric_window_get_job_running (RUBRIC_WINDOW (root)))
    {
      rubric_window_add_toast (RUBRIC_WINDOW (root),
                               _("Wait for the import or export under way to finish"));
      return;
    }

  job = g_new0 (ExportJob, 1);
  job->window = g_object_ref (RUBRIC_WINDOW (root));
  job->name = g_file_get_basename (file);
  job->period = rubric_period_title (self->range, self->kind);

  /* Translators: %s is a file name */
  label = g_strdup_printf (_("Exporting the ratings to %s…"), job->name);
  cancellable = rubric_window_begin_job (job->window, label);
  rubric_window_set_job_progress (job->window, -1);
  rubric_ratings_export_async (self->db, self->range, self->kind, format, file, cancellable,
                               export_done_cb, job);
}

typedef struct
{
  const char          *target;
  RubricRatingsExport  format;
  const char          *suffix;     /* of the file name offered */
  const char          *pattern;
} ExportChoice;

static const ExportChoice export_choices[] = {
  { "csv", RUBRIC_RATINGS_EXPORT_CSV, ".csv", "*.csv" },
  { "detail-csv", RUBRIC_RATINGS_EXPORT_DETAIL_CSV, "-detail.csv", "*.csv" },
  { "xml", RUBRIC_RATINGS_EXPORT_XML, ".xml", "*.xml" },
  { "pdf", RUBRIC_RATINGS_EXPORT_PDF, ".pdf", "*.pdf" },
};

static void
export_chosen_cb (GtkWidget *owner,
                  GFile     *file,
                  gpointer   user_data)
{
  const ExportChoice *choice = user_data;

  rubric_vendors_page_export (RUBRIC_VENDORS_PAGE (owner), file, choice->format);
}

void
rubric_vendors_page_export_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  RubricVendorsPage *self = RUBRIC_VENDORS_PAGE (widget);
  const char *target = g_variant_get_string (parameter, NULL);
  GtkFileChooserNative *chooser;
  g_autofree char *code = NULL;
  g_autofree char *name = NULL;
  const ExportChoice *choice = NULL;
  const char *title;
  const char *filter_name;
  const char *prefix;

  for (guint i = 0; i < G_N_ELEMENTS (export_choices); i++)
    if (g_str_equal (export_choices[i].target, target))
      choice = &export_choices[i];
  if (choice == NULL || self->chooser != NULL || !self->has_period)
    return;

  switch (choice->format)
    {
    case RUBRIC_RATINGS_EXPORT_DETAIL_CSV:
      title = _("Export the Objectives of Every Rating as CSV");
      filter_name = _("CSV files");
      break;
    case RUBRIC_RATINGS_EXPORT_XML:
      title = _("Export the Ratings as XML");
      filter_name = _("XML files");
      break;
    case RUBRIC_RATINGS_EXPORT_PDF:
      title = _("Export the Contract-Review Report as PDF");
      filter_name = _("PDF files");
      break;
    case RUBRIC_RATINGS_EXPORT_CSV:
    default:
      title = _("Export the Ratings as CSV");
      filter_name = _("CSV files");
      break;
    }

  if (choice->format == RUBRIC_RATINGS_EXPORT_PDF)
    /* Translators: the start of the file name offered for the report, before
     * "-2026-11.pdf"; keep it a valid file name */
    prefix = C_("file name", "contract-review");
  else
    /* Translators: the start of the file name offered for the ratings, before
     * "-2026-11.csv"; keep it a valid file name */
    prefix = C_("file name", "ratings");
  code = rubric_period_code (self->range, self->kind);
  name = g_strdup_printf ("%s-%s%s", prefix, code, choice->suffix);

  chooser = rubric_file_chooser_new (&self->chooser, widget, title, GTK_FILE_CHOOSER_ACTION_SAVE,
                                     _("_Export"), export_chosen_cb, (gpointer) choice);
  rubric_file_chooser_add_filter (chooser, filter_name, choice->pattern, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* --------------------------------------------------------------- import */

void
rubric_vendors_page_import_contract_action (GtkWidget  *widget,
                                            const char *action_name,
                                            GVariant   *parameter)
{
  RubricVendorsPage *self = RUBRIC_VENDORS_PAGE (widget);
  GtkFileChooserNative *chooser;

  /* The window's import knows a contract by its root element. */
  chooser = rubric_file_chooser_new (&self->chooser, widget, _("Import a Contract"),
                                     GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"),
                                     rubric_file_chooser_import, NULL);
  if (chooser == NULL)
    return;
  rubric_file_chooser_add_filter (chooser, _("Contracts (XML)"), "*.xml", "application/xml", NULL);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
