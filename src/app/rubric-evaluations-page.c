/* rubric-evaluations-page.c — every evaluation, to find, open and export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rubric-column-sort.h"
#include "rubric-evaluations-page.h"
#include "rubric-file-chooser.h"
#include "rubric-jobs.h"
#include "rubric-vendor-choice.h"
#include "rubric-window.h"

struct _RubricEvaluationsPage
{
  RubricListPage        parent_instance;

  /* Template widgets */
  GtkDropDown          *status_dropdown;
  GtkMenuButton        *export_button;
  GtkColumnViewColumn  *vendor_column;
  GtkColumnViewColumn  *agent_column;
  GtkColumnViewColumn  *reviewer_column;
  GtkColumnViewColumn  *status_column;
  GtkColumnViewColumn  *score_column;
  GtkColumnViewColumn  *auto_failed_column;

  /* Owned references */
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (RubricEvaluationsPage, rubric_evaluations_page, RUBRIC_TYPE_LIST_PAGE)

/* The list, its filter bar and its sorting, as the other list page has them */
#define PARTS(self) (rubric_list_page_get_parts (RUBRIC_LIST_PAGE (self)))

/* The status drop-down's items, in order. */
static const char * const statuses[] = { NULL, "draft", "submitted", "calibration" };

static const char *
chosen_status (RubricEvaluationsPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->status_dropdown);

  return selected < G_N_ELEMENTS (statuses) ? statuses[selected] : NULL;
}

static void
show_count (RubricListPage *page,
            guint           n)
{
  RubricEvaluationsPage *self = RUBRIC_EVALUATIONS_PAGE (page);
  g_autofree char *text = NULL;

  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u evaluation", "%u evaluations", n), n);
  gtk_label_set_label (PARTS (self)->count_label, text);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "evaluations.export", n > 0);
}

static void
apply_filters (RubricListPage *page)
{
  RubricEvaluationsPage *self = RUBRIC_EVALUATIONS_PAGE (page);
  RubricEvaluationListFilter filter = { 0 };

  if (PARTS (self)->list == NULL || PARTS (self)->filling)
    return;

  filter.status = chosen_status (self);
  filter.vendor_id = rubric_vendor_choice_get_id (PARTS (self)->vendor_dropdown);
  filter.search = gtk_editable_get_text (GTK_EDITABLE (PARTS (self)->search_entry));

  rubric_evaluation_list_set_filter (RUBRIC_EVALUATION_LIST (PARTS (self)->list), &filter);
  rubric_paged_list_reload (PARTS (self)->list);
}

static void
clear_filters (RubricListPage *page)
{
  RubricEvaluationsPage *self = RUBRIC_EVALUATIONS_PAGE (page);

  gtk_drop_down_set_selected (self->status_dropdown, 0);
}

static void
activate (RubricListPage *page,
          guint           position)
{
  RubricEvaluationsPage *self = RUBRIC_EVALUATIONS_PAGE (page);
  g_autoptr(RubricEvaluationRow) row = NULL;

  row = g_list_model_get_item (G_LIST_MODEL (PARTS (self)->list), position);
  if (row != NULL && rubric_evaluation_row_get_uuid (row) != NULL)
    rubric_list_page_open_evaluation (page, rubric_evaluation_row_get_uuid (row), 0);
}

/* The Auto-Fail cell shows an icon or nothing; a screen reader gets words
 * instead. */
static void
auto_failed_setup_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *item)
{
  GtkWidget *image = gtk_image_new ();

  gtk_widget_add_css_class (image, "error");
  gtk_list_item_set_child (item, image);
}

static const char *
auto_failed_text (gboolean auto_failed)
{
  /* TRANSLATORS: the Auto-Fail cell of an evaluation that did not auto-fail, for screen readers */
  return auto_failed ? _("Auto-failed") : _("No auto-fail");
}

static void
auto_failed_bind_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item)
{
  GtkWidget *image = gtk_list_item_get_child (item);
  gboolean auto_failed = FALSE;

  g_object_get (gtk_list_item_get_item (item), "auto-failed", &auto_failed, NULL);
  gtk_image_set_from_icon_name (GTK_IMAGE (image),
                                auto_failed ? "dialog-warning-symbolic" : NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (image),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, auto_failed_text (auto_failed),
                                  -1);
}

/* The Agent cell, which every width shows, names the row: it sums up the
 * evaluation, hidden columns included. */
static void
agent_setup_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
agent_bind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item)
{
  GtkWidget *label = gtk_list_item_get_child (item);
  g_autofree char *time = NULL, *vendor = NULL, *agent = NULL, *reviewer = NULL;
  g_autofree char *status = NULL, *score = NULL, *reviewer_text = NULL, *score_text = NULL;
  gboolean auto_failed = FALSE;

  g_object_get (gtk_list_item_get_item (item),
                "time", &time, "vendor", &vendor, "agent", &agent, "reviewer", &reviewer,
                "status-label", &status, "score-label", &score, "auto-failed", &auto_failed,
                NULL);

  gtk_label_set_label (GTK_LABEL (label), agent);

  if (reviewer != NULL && *reviewer != '\0')
    /* TRANSLATORS: part of an evaluation's accessible name, "reviewer Anna Berg" */
    reviewer_text = g_strdup_printf (_("reviewer %s"), reviewer);
  if (score != NULL && *score != '\0')
    /* TRANSLATORS: part of an evaluation's accessible name, "score 87" */
    score_text = g_strdup_printf (_("score %s"), score);

  /* "2026-11-21 16:34 CET, Priya Shah, Acme Outsourcing, reviewer Anna Berg,
   * Submitted, score 87, No auto-fail" */
  {
    const char *parts[] = { time, agent, vendor, reviewer_text, status, score_text,
                            auto_failed_text (auto_failed) };

    rubric_list_page_name_row (label, parts, G_N_ELEMENTS (parts));
  }
}

typedef struct
{
  RubricEvaluationsPage *self;
  RubricWindow          *window;
  char                  *name;
  guint                  count;
} ExportJob;

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  ExportJob *job = user_data;
  g_autoptr(GError) error = NULL;

  rubric_window_end_job (job->window);

  if (!rubric_export_evaluations_finish (result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        rubric_window_show_error (job->window, _("Could Not Export the Evaluations"),
                                  error->message);
    }
  else
    {
      g_autofree char *title =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Exported %u evaluation to %s",
                                      "Exported %u evaluations to %s", job->count),
                         job->count, job->name);
      rubric_window_add_toast (job->window, title);
    }

  g_object_unref (job->self);
  g_object_unref (job->window);
  g_free (job->name);
  g_free (job);
}

void
rubric_evaluations_page_export (RubricEvaluationsPage *self,
                                GFile                 *file,
                                gboolean               xml)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  RubricEvaluationFilter filter = { 0 };
  g_autofree char *label = NULL;
  GCancellable *cancellable;
  ExportJob *job;

  g_return_if_fail (RUBRIC_IS_EVALUATIONS_PAGE (self));
  g_return_if_fail (RUBRIC_IS_WINDOW (root));

  if (rubric_window_get_job_running (RUBRIC_WINDOW (root)))
    return;

  job = g_new0 (ExportJob, 1);
  job->self = g_object_ref (self);
  job->window = g_object_ref (RUBRIC_WINDOW (root));
  job->name = g_file_get_basename (file);
  job->count = g_list_model_get_n_items (G_LIST_MODEL (PARTS (self)->list));

  /* Exactly what the page shows. */
  filter.status = chosen_status (self);
  filter.vendor = rubric_vendor_choice_get_name (PARTS (self)->vendor_dropdown);
  filter.search = gtk_editable_get_text (GTK_EDITABLE (PARTS (self)->search_entry));

  label = g_strdup_printf (_("Exporting evaluations to %s…"), job->name);
  cancellable = rubric_window_begin_job (job->window, label);
  rubric_export_evaluations_async (PARTS (self)->db, &filter, xml ? RUBRIC_EXPORT_XML : RUBRIC_EXPORT_CSV,
                                   file, cancellable, export_done_cb, job);
}

static void
export_chosen_cb (GtkWidget *owner,
                  GFile     *file,
                  gpointer   user_data)
{
  rubric_evaluations_page_export (RUBRIC_EVALUATIONS_PAGE (owner), file,
                                  GPOINTER_TO_INT (user_data));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RubricEvaluationsPage *self = RUBRIC_EVALUATIONS_PAGE (widget);
  gboolean xml = g_strcmp0 (g_variant_get_string (parameter, NULL), "xml") == 0;
  GtkFileChooserNative *chooser;

  chooser = rubric_file_chooser_new (&self->chooser, widget,
                                     xml ? _("Export Evaluations as XML")
                                         : _("Export Evaluations as CSV"),
                                     GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                     export_chosen_cb, GINT_TO_POINTER (xml));
  if (chooser == NULL)
    return;
  rubric_file_chooser_add_filter (chooser, xml ? _("XML files") : _("CSV files"),
                                  xml ? "*.xml" : "*.csv", NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser),
                                     xml ? "evaluations.xml" : "evaluations.csv");
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

RubricEvaluationList *
rubric_evaluations_page_get_list (RubricEvaluationsPage *self)
{
  g_return_val_if_fail (RUBRIC_IS_EVALUATIONS_PAGE (self), NULL);

  return RUBRIC_EVALUATION_LIST (PARTS (self)->list);
}

static RubricPagedList *
new_list (RubricDb *db)
{
  return RUBRIC_PAGED_LIST (rubric_evaluation_list_new (db));
}

static void
rubric_evaluations_page_dispose (GObject *object)
{
  RubricEvaluationsPage *self = RUBRIC_EVALUATIONS_PAGE (object);

  rubric_file_chooser_destroy (&self->chooser);

  G_OBJECT_CLASS (rubric_evaluations_page_parent_class)->dispose (object);
}

static void
rubric_evaluations_page_class_init (RubricEvaluationsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  RubricListPageClass *list_page_class = RUBRIC_LIST_PAGE_CLASS (klass);

  object_class->dispose = rubric_evaluations_page_dispose;
  list_page_class->new_list = new_list;
  list_page_class->apply_filters = apply_filters;
  list_page_class->clear_filters = clear_filters;
  list_page_class->activate = activate;
  list_page_class->show_count = show_count;

  g_type_ensure (RUBRIC_TYPE_EVALUATION_ROW);

  gtk_widget_class_install_action (widget_class, "evaluations.export", "s", export_action);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rubricqa/Rubric/rubric-evaluations-page.ui");
  rubric_list_page_bind_template (widget_class);
  gtk_widget_class_bind_template_child (widget_class, RubricEvaluationsPage, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RubricEvaluationsPage, export_button);
  gtk_widget_class_bind_template_child (widget_class, RubricEvaluationsPage, vendor_column);
  gtk_widget_class_bind_template_child (widget_class, RubricEvaluationsPage, agent_column);
  gtk_widget_class_bind_template_child (widget_class, RubricEvaluationsPage, reviewer_column);
  gtk_widget_class_bind_template_child (widget_class, RubricEvaluationsPage, status_column);
  gtk_widget_class_bind_template_child (widget_class, RubricEvaluationsPage, score_column);
  gtk_widget_class_bind_template_child (widget_class, RubricEvaluationsPage, auto_failed_column);
}

static void
rubric_evaluations_page_init (RubricEvaluationsPage *self)
{
  rubric_list_page_init_template (RUBRIC_LIST_PAGE (self));

  rubric_list_page_set_factory (self->auto_failed_column, G_CALLBACK (auto_failed_setup_cb),
                                G_CALLBACK (auto_failed_bind_cb));
  rubric_list_page_set_factory (self->agent_column, G_CALLBACK (agent_setup_cb),
                                G_CALLBACK (agent_bind_cb));

  /* In the order of RubricEvaluationSort. */
  rubric_column_sort_set_keys (PARTS (self)->time_column, self->vendor_column, self->agent_column,
                               self->reviewer_column, self->status_column, self->score_column,
                               self->auto_failed_column, NULL);

  /* Narrow, the time, agent and score stay (360 px: a phone). */
  rubric_list_page_fold_columns (RUBRIC_LIST_PAGE (self),
                                 self->reviewer_column, self->vendor_column,
                                 self->status_column, self->auto_failed_column, NULL);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "evaluations.export", FALSE);
}
