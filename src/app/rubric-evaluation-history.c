/* rubric-evaluation-history.c — who changed a submitted evaluation, when, why, and what
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "rubric-evaluation-history.h"

struct _RubricEvaluationHistory
{
  AdwWindow   parent_instance;

  /* Template widgets */
  GtkStack   *stack;
  GtkListBox *list;
};

G_DEFINE_FINAL_TYPE (RubricEvaluationHistory, rubric_evaluation_history, ADW_TYPE_WINDOW)

static void
rubric_evaluation_history_class_init (RubricEvaluationHistoryClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rubricqa/Rubric/"
                                               "rubric-evaluation-history.ui");
  gtk_widget_class_bind_template_child (widget_class, RubricEvaluationHistory, stack);
  gtk_widget_class_bind_template_child (widget_class, RubricEvaluationHistory, list);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rubric_evaluation_history_init (RubricEvaluationHistory *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* An answer as the form shows it. */
static char *
answer_text (RubricCriterion *criterion,
             const char      *value)
{
  if (value == NULL)
    return g_strdup (_("unanswered"));
  if (g_str_equal (value, "na"))
    return g_strdup (_("N/A"));
  if (criterion->type == RUBRIC_ANSWER_YES_NO)
    return g_strdup (g_str_equal (value, "yes") ? _("Yes") : _("No"));
  if (criterion->type == RUBRIC_ANSWER_CHOICE)
    for (guint i = 0; i < criterion->options->len; i++)
      {
        RubricOption *option = g_ptr_array_index (criterion->options, i);

        if (g_str_equal (option->key, value))
          return g_strdup (rubric_option_get_label (option));
      }
  return g_strdup (value);
}

static RubricEvaluation *
parse_one (const char *xml)
{
  g_autoptr(GPtrArray) list = NULL;

  if (xml == NULL ||
      !(list = rubric_evaluations_from_xml ("history", xml, strlen (xml), NULL)) ||
      list->len != 1)
    return NULL;

  return rubric_evaluation_copy (g_ptr_array_index (list, 0));
}

static void
add_change (AdwExpanderRow *expander,
            const char     *title,
            const char     *before,
            const char     *after)
{
  GtkWidget *row = adw_action_row_new ();
  /* TRANSLATORS: an answer changed in an evaluation's history, "Yes → No" */
  g_autofree char *change = g_strdup_printf (_("%s → %s"), before, after);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), change);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
  adw_expander_row_add_row (expander, row);
}

static guint
add_changes (AdwExpanderRow   *expander,
             RubricScorecard  *scorecard,
             RubricEvaluation *before,
             RubricEvaluation *after)
{
  guint changes = 0;

  if (before->status != after->status)
    {
      add_change (expander, _("Status"), rubric_status_to_string (before->status),
                  rubric_status_to_string (after->status));
      changes++;
    }

  for (guint i = 0; i < scorecard->criteria->len; i++)
    {
      RubricCriterion *criterion = g_ptr_array_index (scorecard->criteria, i);
      const char *old_value = rubric_evaluation_get_answer (before, criterion->key);
      const char *new_value = rubric_evaluation_get_answer (after, criterion->key);
      g_autofree char *old_text = NULL;
      g_autofree char *new_text = NULL;

      if (g_strcmp0 (old_value, new_value) == 0)
        continue;

      old_text = answer_text (criterion, old_value);
      new_text = answer_text (criterion, new_value);
      add_change (expander, rubric_criterion_get_text (criterion), old_text, new_text);
      changes++;
    }

  if (before->comments->len != after->comments->len)
    {
      g_autofree char *old_count = g_strdup_printf ("%u", before->comments->len);
      g_autofree char *new_count = g_strdup_printf ("%u", after->comments->len);

      add_change (expander, _("Comments"), old_count, new_count);
      changes++;
    }
  else
    for (guint i = 0; i < before->comments->len; i++)
      {
        RubricComment *a = g_ptr_array_index (before->comments, i);
        RubricComment *b = g_ptr_array_index (after->comments, i);

        if (g_strcmp0 (a->text, b->text) != 0)
          {
            add_change (expander, _("Comment"), a->text, b->text);
            changes++;
          }
      }

  return changes;
}

GtkWidget *
rubric_evaluation_history_new (GtkWindow       *parent,
                               RubricScorecard *scorecard,
                               GPtrArray       *entries)
{
  RubricEvaluationHistory *self;

  g_return_val_if_fail (scorecard != NULL, NULL);
  g_return_val_if_fail (entries != NULL, NULL);

  self = g_object_new (RUBRIC_TYPE_EVALUATION_HISTORY,
                       "transient-for", parent,
                       NULL);

  /* Newest first: that is what one opens a history for. */
  for (guint i = entries->len; i-- > 0;)
    {
      RubricHistoryEntry *entry = g_ptr_array_index (entries, i);
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (entry->changed_at);
      g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;
      g_autofree char *when = local ? g_date_time_format (local, "%Y-%m-%d %H:%M") : NULL;
      g_autofree char *subtitle = NULL;
      g_autoptr(RubricEvaluation) before = parse_one (entry->before);
      g_autoptr(RubricEvaluation) after = parse_one (entry->after);
      GtkWidget *row = adw_expander_row_new ();
      guint changes = 0;

      /* TRANSLATORS: who changed an evaluation and when, "ana · 2026-03-02 14:05" */
      subtitle = g_strdup_printf (_("%s · %s"), entry->changed_by, when ? when : "");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     entry->reason && *entry->reason ? entry->reason
                                                                      : _("No reason given"));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);

      if (before != NULL && after != NULL)
        changes = add_changes (ADW_EXPANDER_ROW (row), scorecard, before, after);
      gtk_widget_set_sensitive (row, changes > 0);

      gtk_list_box_append (self->list, row);
    }

  gtk_stack_set_visible_child_name (self->stack, entries->len > 0 ? "list" : "empty");

  return GTK_WIDGET (self);
}
