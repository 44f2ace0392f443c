/* rubric-score-panel.c — the live overall and category scores of the evaluation being edited
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "rubric-rating-text.h"
#include "rubric-score-panel.h"

struct _RubricScorePanel
{
  GtkWidget    parent_instance;

  /* Template widgets */
  GtkLabel    *overall_label;
  GtkLevelBar *overall_bar;
  GtkLabel    *status_label;
  GtkGrid     *category_grid;

  /* Owned references */
  GPtrArray   *category_values;  /* GtkLabel, one per category */
  GPtrArray   *category_bars;    /* GtkLevelBar, one per category */
  GPtrArray   *category_keys;    /* char * */
};

G_DEFINE_FINAL_TYPE (RubricScorePanel, rubric_score_panel, GTK_TYPE_WIDGET)

char *
rubric_format_score (double score)
{
  if (isnan (score))
    return g_strdup ("—");
  /* As many decimals as the Vendors page and the report give a score. */
  return rubric_figure_format (score, rubric_metric_unit_decimals (RUBRIC_METRIC_UNIT_SCORE));
}

static void
rubric_score_panel_dispose (GObject *object)
{
  RubricScorePanel *self = RUBRIC_SCORE_PANEL (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), RUBRIC_TYPE_SCORE_PANEL);
  /* The template's root box is not a bound child: unparent it here. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_pointer (&self->category_values, g_ptr_array_unref);
  g_clear_pointer (&self->category_bars, g_ptr_array_unref);
  g_clear_pointer (&self->category_keys, g_ptr_array_unref);

  G_OBJECT_CLASS (rubric_score_panel_parent_class)->dispose (object);
}

static void
rubric_score_panel_class_init (RubricScorePanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rubric_score_panel_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rubricqa/Rubric/rubric-score-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, RubricScorePanel, overall_label);
  gtk_widget_class_bind_template_child (widget_class, RubricScorePanel, overall_bar);
  gtk_widget_class_bind_template_child (widget_class, RubricScorePanel, status_label);
  gtk_widget_class_bind_template_child (widget_class, RubricScorePanel, category_grid);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
rubric_score_panel_init (RubricScorePanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->category_values = g_ptr_array_new ();
  self->category_bars = g_ptr_array_new ();
  self->category_keys = g_ptr_array_new_with_free_func (g_free);
}

GtkWidget *
rubric_score_panel_new (void)
{
  return g_object_new (RUBRIC_TYPE_SCORE_PANEL, NULL);
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  return rubric_category_compare (*(const char * const *) a, *(const char * const *) b);
}

void
rubric_score_panel_set_scorecard (RubricScorePanel *self,
                                  RubricScorecard  *scorecard)
{
  g_autoptr(GPtrArray) keys = NULL;
  GtkWidget *child;

  g_return_if_fail (RUBRIC_IS_SCORE_PANEL (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->category_grid))))
    gtk_grid_remove (self->category_grid, child);
  g_ptr_array_set_size (self->category_values, 0);
  g_ptr_array_set_size (self->category_bars, 0);
  g_ptr_array_set_size (self->category_keys, 0);

  if (scorecard == NULL)
    return;

  /* In the order of the Vendors page and the report. */
  keys = g_ptr_array_sized_new (scorecard->category_keys->len);
  for (guint i = 0; i < scorecard->category_keys->len; i++)
    g_ptr_array_add (keys, g_ptr_array_index (scorecard->category_keys, i));
  g_ptr_array_sort (keys, compare_keys);
  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = g_ptr_array_index (keys, i);
      const char *title = rubric_scorecard_get_category_title (scorecard, key);
      GtkWidget *name = gtk_label_new (title);
      GtkWidget *value = gtk_label_new ("—");
      GtkWidget *bar = gtk_level_bar_new_for_interval (0, 100);

      gtk_label_set_xalign (GTK_LABEL (name), 0);
      gtk_label_set_wrap (GTK_LABEL (name), TRUE);
      gtk_widget_set_hexpand (name, TRUE);
      gtk_label_set_xalign (GTK_LABEL (value), 1);
      gtk_widget_add_css_class (value, "numeric");
      gtk_widget_set_valign (value, GTK_ALIGN_END);
      gtk_widget_set_margin_bottom (bar, 6);
      gtk_accessible_update_property (GTK_ACCESSIBLE (bar),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                      -1);

      gtk_grid_attach (self->category_grid, name, 0, 2 * i, 1, 1);
      gtk_grid_attach (self->category_grid, value, 1, 2 * i, 1, 1);
      gtk_grid_attach (self->category_grid, bar, 0, 2 * i + 1, 2, 1);

      g_ptr_array_add (self->category_values, value);
      g_ptr_array_add (self->category_bars, bar);
      g_ptr_array_add (self->category_keys, g_strdup (key));
    }
}

static void
show_value (GtkLabel    *label,
            GtkLevelBar *bar,
            double       score)
{
  g_autofree char *text = rubric_format_score (score);

  gtk_label_set_label (label, text);
  gtk_level_bar_set_value (bar, isnan (score) ? 0 : CLAMP (score, 0, 100));
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text,
                                  -1);
}

void
rubric_score_panel_update (RubricScorePanel *self,
                           RubricScore      *score,
                           gboolean          final)
{
  g_autofree char *status = NULL;
  guint total;

  g_return_if_fail (RUBRIC_IS_SCORE_PANEL (self));
  g_return_if_fail (score != NULL);

  show_value (self->overall_label, self->overall_bar, score->overall);
  if (score->auto_failed)
    gtk_widget_add_css_class (GTK_WIDGET (self->overall_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->overall_label), "error");

  for (guint i = 0; i < self->category_keys->len; i++)
    show_value (g_ptr_array_index (self->category_values, i),
                g_ptr_array_index (self->category_bars, i),
                rubric_score_get_category (score,
                                           g_ptr_array_index (self->category_keys, i)));

  total = score->answered + score->unanswered;
  if (score->auto_failed)
    status = g_strdup (_("Auto-failed: a critical criterion was not met"));
  else if (final)
    status = g_strdup (_("Final score"));
  else
    /* TRANSLATORS: a draft's score, over the criteria answered so far */
    status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Provisional: %u of %u criterion answered",
                                           "Provisional: %u of %u criteria answered",
                                           total),
                              score->answered, total);
  gtk_label_set_label (self->status_label, status);
}

const char *
rubric_score_panel_get_overall_text (RubricScorePanel *self)
{
  g_return_val_if_fail (RUBRIC_IS_SCORE_PANEL (self), NULL);

  return gtk_label_get_label (self->overall_label);
}
