/* rubric-scorecards-page.c — the scorecards: list, import, view, edit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Scorecards are few: the list shows each key once, at its latest version,
 * and is read again whenever the page is refreshed.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rubric-file-chooser.h"
#include "rubric-scorecard-store.h"
#include "rubric-scorecards-page.h"
#include "rubric-window.h"

struct _RubricScorecardsPage
{
  AdwBin                parent_instance;

  /* Template widgets */
  GtkStack             *stack;
  GtkLabel             *count_label;
  GtkListBox           *list_box;
  RubricScorecardView  *view;

  /* Owned references */
  GtkFileChooserNative *chooser;

  /* Borrowed references */
  RubricDb             *db;
};

G_DEFINE_FINAL_TYPE (RubricScorecardsPage, rubric_scorecards_page, ADW_TYPE_BIN)

#define KEY_DATA "rubric-scorecard-key"

static GtkWidget *
scorecard_row (RubricScorecard     *card,
               RubricScorecardInfo *info)
{
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *arrow = g_object_new (GTK_TYPE_IMAGE,
                                   "icon-name", "go-next-symbolic",
                                   "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                   NULL);

  /* Translators: the key of a scorecard, its version and its number of criteria */
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · version %d · %u criterion",
                                           "%s · version %d · %u criteria", card->criteria->len),
                              info->key, info->version, card->criteria->len);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), rubric_scorecard_get_title (card));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
  g_object_set_data_full (G_OBJECT (row), KEY_DATA, g_strdup (info->key), g_free);

  return row;
}

void
rubric_scorecards_page_reload (RubricScorecardsPage *self)
{
  g_autoptr(GPtrArray) infos = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *count = NULL;
  GtkWidget *child;
  guint n = 0;

  g_return_if_fail (RUBRIC_IS_SCORECARDS_PAGE (self));

  if (self->db == NULL)
    return;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);

  infos = rubric_scorecard_store_list (self->db, &error);
  if (infos == NULL)
    {
      g_warning ("Listing the scorecards: %s", error->message);
      return;
    }

  /* By key then version: the last of each key is its latest. */
  for (guint i = 0; i < infos->len; i++)
    {
      RubricScorecardInfo *info = g_ptr_array_index (infos, i);
      RubricScorecardInfo *next = i + 1 < infos->len ? g_ptr_array_index (infos, i + 1) : NULL;
      g_autoptr(RubricScorecard) card = NULL;

      if (next != NULL && g_str_equal (next->key, info->key))
        continue;

      card = rubric_scorecard_store_load (self->db, info->key, info->version, &error);
      if (card == NULL)
        {
          g_warning ("Loading scorecard %s: %s", info->key, error->message);
          g_clear_error (&error);
          continue;
        }

      gtk_list_box_append (self->list_box, scorecard_row (card, info));
      n++;
    }

  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u scorecard", "%u scorecards", n), n);
  gtk_label_set_label (self->count_label, count);
}

gboolean
rubric_scorecards_page_open (RubricScorecardsPage *self,
                             const char           *key)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (RUBRIC_IS_SCORECARDS_PAGE (self), FALSE);

  if (!rubric_scorecard_view_show (self->view, self->db, key, &error))
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

      if (RUBRIC_IS_WINDOW (root))
        rubric_window_show_error (RUBRIC_WINDOW (root), _("Could Not Open the Scorecard"),
                                  error->message);
      return FALSE;
    }

  gtk_stack_set_visible_child_name (self->stack, "detail");
  return TRUE;
}

void
rubric_scorecards_page_show_list (RubricScorecardsPage *self)
{
  g_return_if_fail (RUBRIC_IS_SCORECARDS_PAGE (self));

  rubric_scorecard_view_set_editing (self->view, FALSE);
  gtk_stack_set_visible_child_name (self->stack, "list");
}

RubricScorecardView *
rubric_scorecards_page_get_view (RubricScorecardsPage *self)
{
  g_return_val_if_fail (RUBRIC_IS_SCORECARDS_PAGE (self), NULL);

  return self->view;
}

static void
row_activated_cb (RubricScorecardsPage *self,
                  GtkListBoxRow        *row)
{
  rubric_scorecards_page_open (self, g_object_get_data (G_OBJECT (row), KEY_DATA));
}

static void
view_back_cb (RubricScorecardsPage *self)
{
  rubric_scorecards_page_show_list (self);
}

static void
view_saved_cb (RubricScorecardsPage *self,
               int                   version,
               gboolean              changed)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *title = NULL;

  if (changed)
    title = g_strdup_printf (_("Saved as version %d"), version);
  else
    title = g_strdup_printf (_("Nothing changed: still version %d"), version);

  rubric_scorecards_page_reload (self);
  if (RUBRIC_IS_WINDOW (root))
    {
      GtkApplication *app = gtk_window_get_application (GTK_WINDOW (root));

      if (changed && RUBRIC_IS_APPLICATION (app))
        rubric_application_data_changed (RUBRIC_APPLICATION (app), RUBRIC_DATA_SCORECARDS);
      rubric_window_add_toast (RUBRIC_WINDOW (root), title);
    }
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RubricScorecardsPage *self = RUBRIC_SCORECARDS_PAGE (widget);
  GtkFileChooserNative *chooser;

  chooser = rubric_file_chooser_new (&self->chooser, widget, _("Import a Scorecard"),
                                     GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"),
                                     rubric_file_chooser_import, NULL);
  if (chooser == NULL)
    return;
  rubric_file_chooser_add_filter (chooser, _("Scorecards (XML)"), "*.xml", "application/xml", NULL);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
rubric_scorecards_page_set_db (RubricScorecardsPage *self,
                               RubricDb             *db)
{
  g_return_if_fail (RUBRIC_IS_SCORECARDS_PAGE (self));

  self->db = db;
  rubric_scorecards_page_reload (self);
}

static void
rubric_scorecards_page_dispose (GObject *object)
{
  RubricScorecardsPage *self = RUBRIC_SCORECARDS_PAGE (object);

  /* AdwBin keeps its child: let go of it before the template's children
   * are unparented, or it would unparent one a second time. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RUBRIC_TYPE_SCORECARDS_PAGE);
  rubric_file_chooser_destroy (&self->chooser);

  G_OBJECT_CLASS (rubric_scorecards_page_parent_class)->dispose (object);
}

static void
rubric_scorecards_page_class_init (RubricScorecardsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rubric_scorecards_page_dispose;

  g_type_ensure (RUBRIC_TYPE_SCORECARD_VIEW);

  gtk_widget_class_install_action (widget_class, "scorecards.import", NULL, import_action);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rubricqa/Rubric/rubric-scorecards-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RubricScorecardsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, RubricScorecardsPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, RubricScorecardsPage, list_box);
  gtk_widget_class_bind_template_child (widget_class, RubricScorecardsPage, view);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, view_back_cb);
  gtk_widget_class_bind_template_callback (widget_class, view_saved_cb);
}

static void
rubric_scorecards_page_init (RubricScorecardsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
