/* rubric-scorecard-view.c — one scorecard: its sections and criteria, and a simple editor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A stored scorecard version never changes: the editor works on a private
 * copy (parsed again from the stored XML) and saves it as a new version,
 * so evaluations scored with the old one keep their meaning.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rubric-error.h"
#include "rubric-scorecard-store.h"
#include "rubric-scorecard-view.h"
#include "rubric-widget-util.h"
#include "rubric-window.h"

typedef struct
{
  RubricCriterion *criterion;  /* of the draft */
  AdwEntryRow     *text;
  GtkSpinButton   *weight;
  GtkCheckButton  *critical;
} EditRow;

struct _RubricScorecardView
{
  AdwBin           parent_instance;

  /* Template widgets */
  GtkLabel        *title_label;
  GtkLabel        *subtitle_label;
  GtkButton       *edit_button;
  GtkButton       *cancel_button;
  GtkButton       *save_button;
  GtkScrolledWindow *scroller;
  GtkBox          *content;

  /* Owned references */
  RubricScorecard *card;       /* the stored version shown */
  RubricScorecard *draft;      /* the private copy being edited */
  GArray          *edit_rows;  /* EditRow */
  AdwEntryRow     *title_row;

  /* Borrowed references */
  RubricDb        *db;
};

G_DEFINE_FINAL_TYPE (RubricScorecardView, rubric_scorecard_view, ADW_TYPE_BIN)

enum {
  BACK,
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
clear_content (RubricScorecardView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->content))) != NULL)
    gtk_box_remove (self->content, child);

  g_array_set_size (self->edit_rows, 0);
  self->title_row = NULL;
}

static char *
format_weight (double weight)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  /* A weight as the scorecard file writes it, in the user's notation. */
  g_snprintf (buffer, sizeof buffer, "%g", weight);
  return g_strdup (buffer);
}

static char *
describe_criterion (RubricScorecard *card,
                    RubricCriterion *criterion)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *weight = format_weight (criterion->weight);

  switch (criterion->type)
    {
    case RUBRIC_ANSWER_YES_NO:
      g_ptr_array_add (parts, g_strdup (_("Yes or no")));
      break;
    case RUBRIC_ANSWER_SCALE:
      /* Translators: an answer on a scale from the first number to the second */
      g_ptr_array_add (parts, g_strdup_printf (_("Scale %d–%d"), criterion->min, criterion->max));
      break;
    case RUBRIC_ANSWER_CHOICE:
    default:
      g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u choice",
                                                            "%u choices", criterion->options->len),
                                               criterion->options->len));
      break;
    }

  g_ptr_array_add (parts, g_strdup_printf (_("weight %s"), weight));
  /* The category, where the section does not already say it. */
  if (g_strcmp0 (criterion->category, criterion->section) != 0)
    g_ptr_array_add (parts, g_strdup (rubric_scorecard_get_category_title (card, criterion->category)));
  if (criterion->na)
    g_ptr_array_add (parts, g_strdup (_("N/A allowed")));
  if (criterion->critical)
    g_ptr_array_add (parts, g_strdup (_("critical")));
  g_ptr_array_add (parts, NULL);

  return g_strjoinv (" · ", (char **) parts->pdata);
}

static GtkWidget *
wrapped_label (const char *text,
               gboolean    dim)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 12);
  if (dim)
    gtk_widget_add_css_class (label, "dim-label");

  return label;
}

static GtkWidget *
criterion_view_row (RubricScorecard *card,
                    RubricCriterion *criterion)
{
  g_autofree char *subtitle = describe_criterion (card, criterion);
  const char *guidance = rubric_texts_lookup (criterion->guidance);
  GtkWidget *row = adw_expander_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), rubric_criterion_get_text (criterion));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  if (criterion->critical)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_set_tooltip_text (icon, _("Critical: answered with no credit, the whole "
                                           "evaluation scores 0"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Critical"), -1);
      gtk_widget_add_css_class (icon, "warning");
      adw_expander_row_add_action (ADW_EXPANDER_ROW (row), icon);
    }

  for (guint i = 0; criterion->options != NULL && i < criterion->options->len; i++)
    {
      RubricOption *option = g_ptr_array_index (criterion->options, i);
      g_autofree char *credit = format_weight (option->credit);
      g_autofree char *text = g_strdup_printf (_("Credit %s"), credit);
      GtkWidget *option_row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (option_row),
                                     rubric_option_get_label (option));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (option_row), text);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), option_row);
    }

  adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                            wrapped_label (guidance != NULL ? guidance : _("No guidance"),
                                           guidance == NULL));
  return row;
}

static GtkWidget *
criterion_edit_row (RubricScorecardView *self,
                    RubricCriterion     *criterion)
{
  EditRow edit = { criterion };
  g_autofree char *weight_label = NULL;
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), criterion->key);
  gtk_editable_set_text (GTK_EDITABLE (row), rubric_criterion_get_text (criterion));

  edit.weight = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (0.1, 100, 0.5));
  gtk_spin_button_set_digits (edit.weight, 1);
  gtk_spin_button_set_value (edit.weight, criterion->weight);
  gtk_widget_set_valign (GTK_WIDGET (edit.weight), GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (GTK_WIDGET (edit.weight), _("Weight"));
  weight_label = g_strdup_printf (_("Weight of “%s”"), criterion->key);
  gtk_accessible_update_property (GTK_ACCESSIBLE (edit.weight), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  weight_label, -1);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), GTK_WIDGET (edit.weight));

  edit.critical = GTK_CHECK_BUTTON (gtk_check_button_new_with_mnemonic (_("Critical")));
  gtk_check_button_set_active (edit.critical, criterion->critical);
  gtk_widget_set_valign (GTK_WIDGET (edit.critical), GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (GTK_WIDGET (edit.critical),
                               _("Answered with no credit, the whole evaluation scores 0"));
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), GTK_WIDGET (edit.critical));

  edit.text = ADW_ENTRY_ROW (row);
  g_array_append_val (self->edit_rows, edit);

  return row;
}

static void
build (RubricScorecardView *self)
{
  RubricScorecard *card = self->draft != NULL ? self->draft : self->card;
  gboolean editing = self->draft != NULL;
  const char *description = rubric_texts_lookup (card->descriptions);
  g_autofree char *subtitle = NULL;

  clear_content (self);

  gtk_label_set_label (self->title_label, rubric_scorecard_get_title (card));
  /* Translators: the key of a scorecard, its version and its number of criteria */
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · version %d · %u criterion",
                                           "%s · version %d · %u criteria", card->criteria->len),
                              card->key, self->card->version, card->criteria->len);
  gtk_label_set_label (self->subtitle_label, subtitle);

  /* Leaving while editing would drop the changes: Cancel or Save first. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "scorecard.back", !editing);
  gtk_widget_set_visible (GTK_WIDGET (self->edit_button), !editing);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), editing);
  gtk_widget_set_visible (GTK_WIDGET (self->save_button), editing);

  if (editing)
    {
      GtkWidget *group = adw_preferences_group_new ();

      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                             _("Saving keeps the current version for the "
                                               "evaluations scored with it and adds a new one."));
      self->title_row = ADW_ENTRY_ROW (adw_entry_row_new ());
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->title_row), _("Title"));
      gtk_editable_set_text (GTK_EDITABLE (self->title_row), rubric_scorecard_get_title (card));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->title_row));
      gtk_box_append (self->content, group);
    }
  else if (description != NULL)
    {
      GtkWidget *label = gtk_label_new (description);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (self->content, label);
    }

  for (guint i = 0; i < card->sections->len; i++)
    {
      RubricSection *section = g_ptr_array_index (card->sections, i);
      GtkWidget *group = adw_preferences_group_new ();
      const char *title = rubric_texts_lookup (section->titles);

      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group),
                                       title != NULL ? title : section->key);
      for (guint j = 0; j < section->criteria->len; j++)
        {
          RubricCriterion *criterion = g_ptr_array_index (section->criteria, j);

          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                     editing ? criterion_edit_row (self, criterion)
                                             : criterion_view_row (card, criterion));
        }
      gtk_box_append (self->content, group);
    }
}

gboolean
rubric_scorecard_view_show (RubricScorecardView  *self,
                            RubricDb             *db,
                            const char           *key,
                            GError              **error)
{
  RubricScorecard *card;

  g_return_val_if_fail (RUBRIC_IS_SCORECARD_VIEW (self), FALSE);
  g_return_val_if_fail (db != NULL && key != NULL, FALSE);

  card = rubric_scorecard_store_load (db, key, 0, error);
  if (card == NULL)
    return FALSE;

  self->db = db;
  g_clear_pointer (&self->card, rubric_scorecard_unref);
  g_clear_pointer (&self->draft, rubric_scorecard_unref);
  self->card = card;
  build (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);

  return TRUE;
}

gboolean
rubric_scorecard_view_get_editing (RubricScorecardView *self)
{
  g_return_val_if_fail (RUBRIC_IS_SCORECARD_VIEW (self), FALSE);

  return self->draft != NULL;
}

void
rubric_scorecard_view_set_editing (RubricScorecardView *self,
                                   gboolean             editing)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = NULL;

  g_return_if_fail (RUBRIC_IS_SCORECARD_VIEW (self));

  if (self->card == NULL || editing == (self->draft != NULL))
    return;

  g_clear_pointer (&self->draft, rubric_scorecard_unref);
  if (editing)
    {
      xml = rubric_scorecard_to_xml (self->card, FALSE);
      self->draft = rubric_scorecard_new_from_xml (self->card->key, xml, strlen (xml), &error);
      if (self->draft == NULL)
        g_critical ("A stored scorecard does not read back: %s", error->message);
    }

  build (self);
  if (self->title_row != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
}

/* Replaces the text shown (the one of the user's language) with @value. */
static void
replace_text (GPtrArray  *texts,
              const char *value)
{
  const char *shown = rubric_texts_lookup (texts);

  for (guint i = 0; texts != NULL && i < texts->len; i++)
    {
      RubricText *text = g_ptr_array_index (texts, i);

      if (text->text == shown && g_strcmp0 (text->text, value) != 0)
        {
          g_free (text->text);
          text->text = g_strdup (value);
          return;
        }
    }
}

gboolean
rubric_scorecard_view_save (RubricScorecardView  *self,
                            int                  *version,
                            gboolean             *changed,
                            GError              **error)
{
  RubricScorecardImport result;
  g_autofree char *title = NULL;

  g_return_val_if_fail (RUBRIC_IS_SCORECARD_VIEW (self), FALSE);
  g_return_val_if_fail (self->draft != NULL, FALSE);

  title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));
  if (*title == '\0')
    {
      g_set_error_literal (error, RUBRIC_ERROR, RUBRIC_ERROR_INPUT,
                           _("The scorecard needs a title."));
      return FALSE;
    }
  replace_text (self->draft->titles, title);

  for (guint i = 0; i < self->edit_rows->len; i++)
    {
      EditRow *edit = &g_array_index (self->edit_rows, EditRow, i);
      g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (edit->text))));

      if (*text == '\0')
        {
          g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_INPUT,
                       _("The criterion “%s” needs a text."), edit->criterion->key);
          return FALSE;
        }
      replace_text (edit->criterion->texts, text);
      edit->criterion->weight = gtk_spin_button_get_value (edit->weight);
      edit->criterion->critical = gtk_check_button_get_active (edit->critical);
    }

  if (!rubric_scorecard_store_add (self->db, self->draft, &result, error))
    return FALSE;

  *version = self->draft->version;
  *changed = result != RUBRIC_SCORECARD_UNCHANGED;

  return rubric_scorecard_view_show (self, self->db, self->draft->key, error);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RubricScorecardView *self = RUBRIC_SCORECARD_VIEW (widget);

  rubric_scorecard_view_set_editing (self, FALSE);
  g_signal_emit (self, signals[BACK], 0);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  rubric_scorecard_view_set_editing (RUBRIC_SCORECARD_VIEW (widget), TRUE);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  rubric_scorecard_view_set_editing (RUBRIC_SCORECARD_VIEW (widget), FALSE);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RubricScorecardView *self = RUBRIC_SCORECARD_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GError) error = NULL;
  gboolean changed = FALSE;
  int version = 0;

  if (!rubric_scorecard_view_save (self, &version, &changed, &error))
    {
      if (RUBRIC_IS_WINDOW (root))
        rubric_window_show_error (RUBRIC_WINDOW (root), _("Could Not Save the Scorecard"),
                                  error->message);
      return;
    }

  g_signal_emit (self, signals[SAVED], 0, version, changed);
}

static void
rubric_scorecard_view_dispose (GObject *object)
{
  RubricScorecardView *self = RUBRIC_SCORECARD_VIEW (object);

  /* AdwBin keeps its child: let go of it before the template's children
   * are unparented, or it would unparent one a second time. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RUBRIC_TYPE_SCORECARD_VIEW);
  g_clear_pointer (&self->card, rubric_scorecard_unref);
  g_clear_pointer (&self->draft, rubric_scorecard_unref);

  G_OBJECT_CLASS (rubric_scorecard_view_parent_class)->dispose (object);
}

static void
rubric_scorecard_view_finalize (GObject *object)
{
  RubricScorecardView *self = RUBRIC_SCORECARD_VIEW (object);

  g_array_unref (self->edit_rows);

  G_OBJECT_CLASS (rubric_scorecard_view_parent_class)->finalize (object);
}

static void
rubric_scorecard_view_class_init (RubricScorecardViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rubric_scorecard_view_dispose;
  object_class->finalize = rubric_scorecard_view_finalize;

  /* The user wants the list of scorecards back. */
  signals[BACK] = g_signal_new ("back", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* Saved: the version stored, and whether it is a new one. */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_BOOLEAN);

  gtk_widget_class_install_action (widget_class, "scorecard.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "scorecard.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "scorecard.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "scorecard.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "scorecard.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "scorecard.save", NULL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rubricqa/Rubric/rubric-scorecard-view.ui");
  gtk_widget_class_bind_template_child (widget_class, RubricScorecardView, title_label);
  gtk_widget_class_bind_template_child (widget_class, RubricScorecardView, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, RubricScorecardView, edit_button);
  gtk_widget_class_bind_template_child (widget_class, RubricScorecardView, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, RubricScorecardView, save_button);
  gtk_widget_class_bind_template_child (widget_class, RubricScorecardView, scroller);
  gtk_widget_class_bind_template_child (widget_class, RubricScorecardView, content);
}

static void
rubric_scorecard_view_init (RubricScorecardView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Editing fits a 360 px window in every language. */
  rubric_widget_wrap_button_label (self->save_button);
  rubric_widget_wrap_button_label (self->cancel_button);

  self->edit_rows = g_array_new (FALSE, TRUE, sizeof (EditRow));
}
