/* rubric-criterion-row.c — one criterion of the evaluation form: text, guidance, answers, comment
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rubric-criterion-row.h"

struct _RubricCriterionRow
{
  AdwPreferencesRow parent_instance;

  /* Template widgets */
  GtkLabel         *number_label;
  GtkLabel         *text_label;
  GtkLabel         *critical_label;
  GtkToggleButton  *guidance_button;
  GtkLabel         *guidance_label;
  GtkBox           *answer_box;
  GtkEntry         *comment_entry;

  /* Owned references */
  char             *answer;
  GPtrArray        *buttons;     /* GtkToggleButton, in answer-box order */

  /* Borrowed references */
  RubricCriterion  *criterion;

  guint             number;
  gboolean          updating;    /* showing a value, not the user's change */
};

G_DEFINE_FINAL_TYPE (RubricCriterionRow, rubric_criterion_row, ADW_TYPE_PREFERENCES_ROW)

enum {
  ANSWER_CHANGED,
  COMMENT_CHANGED,
  FOCUS_ENTERED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define VALUE_KEY "rubric-value"

static void
answer_toggled_cb (RubricCriterionRow *self,
                   GtkToggleButton    *button)
{
  const char *value = g_object_get_data (G_OBJECT (button), VALUE_KEY);

  /* A group unsets the old answer and sets the new one: only the latter
   * is a change. */
  if (self->updating || !gtk_toggle_button_get_active (button))
    return;

  if (g_strcmp0 (self->answer, value) == 0)
    return;

  g_free (self->answer);
  self->answer = g_strdup (value);
  g_signal_emit (self, signals[ANSWER_CHANGED], 0, value);
}

static void
comment_changed_cb (RubricCriterionRow *self)
{
  if (self->updating)
    return;

  g_signal_emit (self, signals[COMMENT_CHANGED], 0,
                 gtk_editable_get_text (GTK_EDITABLE (self->comment_entry)));
}

static void
comment_activate_cb (RubricCriterionRow *self)
{
  /* Enter ends the comment and gives the keys back to the form. */
  rubric_criterion_row_focus_answer (self);
}

static void
focus_enter_cb (RubricCriterionRow *self)
{
  g_signal_emit (self, signals[FOCUS_ENTERED], 0);
}

static void
add_answer_button (RubricCriterionRow *self,
                   const char         *label,
                   const char         *value,
                   int                 key)
{
  GtkWidget *button = gtk_toggle_button_new ();
  GtkWidget *child = gtk_label_new (label);
  g_autofree char *tooltip = NULL;
  g_autofree char *name = NULL;

  /* Long option labels wrap rather than widen the form. */
  gtk_label_set_wrap (GTK_LABEL (child), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (child), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_justify (GTK_LABEL (child), GTK_JUSTIFY_CENTER);
  gtk_label_set_max_width_chars (GTK_LABEL (child), 12);
  gtk_button_set_child (GTK_BUTTON (button), child);

  if (key >= 0)
    {
      /* TRANSLATORS: the keyboard key that gives this answer */
      tooltip = g_strdup_printf (_("Key %d"), key);
      gtk_widget_set_tooltip_text (button, tooltip);
    }

  /* Every criterion has its "Yes", "No" and "N/A": the name says which
   * one this is, for whoever finds the button outside its row. */
  /* TRANSLATORS: the accessible name of an answer button: the answer, then the
   * criterion it answers, "Yes — Was the issue resolved?" */
  name = g_strdup_printf (_("%s — %s"), label, rubric_criterion_get_text (self->criterion));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
  g_object_set_data_full (G_OBJECT (button), VALUE_KEY, g_strdup (value), g_free);

  if (self->buttons->len > 0)
    gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button),
                                 g_ptr_array_index (self->buttons, 0));

  g_signal_connect_object (button, "toggled", G_CALLBACK (answer_toggled_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (self->answer_box, button);
  g_ptr_array_add (self->buttons, button);
}

static void
build_answers (RubricCriterionRow *self)
{
  RubricCriterion *criterion = self->criterion;
  int na_key = -1;

  switch (criterion->type)
    {
    case RUBRIC_ANSWER_YES_NO:
      add_answer_button (self, _("Yes"), "yes", 1);
      add_answer_button (self, _("No"), "no", 2);
      na_key = 3;
      break;

    case RUBRIC_ANSWER_SCALE:
      for (int v = criterion->min; v <= criterion->max; v++)
        {
          g_autofree char *value = g_strdup_printf ("%d", v);

          add_answer_button (self, value, value, v >= 0 && v <= 9 ? v : -1);
        }
      na_key = criterion->min <= 0 && criterion->max >= 0 ? -1 : 0;
      break;

    case RUBRIC_ANSWER_CHOICE:
      for (guint i = 0; i < criterion->options->len; i++)
        {
          RubricOption *option = g_ptr_array_index (criterion->options, i);

          add_answer_button (self, rubric_option_get_label (option), option->key,
                             i < 9 ? (int) i + 1 : -1);
        }
      na_key = criterion->options->len < 9 ? (int) criterion->options->len + 1 : 0;
      break;

    default:
      g_assert_not_reached ();
    }

  if (criterion->na)
    /* TRANSLATORS: the answer "not applicable" */
    add_answer_button (self, _("N/A"), "na", na_key);
}

static void
rubric_criterion_row_dispose (GObject *object)
{
  RubricCriterionRow *self = RUBRIC_CRITERION_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RUBRIC_TYPE_CRITERION_ROW);
  g_clear_pointer (&self->buttons, g_ptr_array_unref);

  G_OBJECT_CLASS (rubric_criterion_row_parent_class)->dispose (object);
}

static void
rubric_criterion_row_finalize (GObject *object)
{
  RubricCriterionRow *self = RUBRIC_CRITERION_ROW (object);

  g_free (self->answer);

  G_OBJECT_CLASS (rubric_criterion_row_parent_class)->finalize (object);
}

static void
rubric_criterion_row_class_init (RubricCriterionRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rubric_criterion_row_dispose;
  object_class->finalize = rubric_criterion_row_finalize;

  /* The user picked an answer ("yes", "3", an option key or "na"). */
  signals[ANSWER_CHANGED] =
    g_signal_new ("answer-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /* The user edited the comment. */
  signals[COMMENT_CHANGED] =
    g_signal_new ("comment-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /* The keyboard focus moved into the row. */
  signals[FOCUS_ENTERED] =
    g_signal_new ("focus-entered", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rubricqa/Rubric/"
                                               "rubric-criterion-row.ui");
  gtk_widget_class_bind_template_child (widget_class, RubricCriterionRow, number_label);
  gtk_widget_class_bind_template_child (widget_class, RubricCriterionRow, text_label);
  gtk_widget_class_bind_template_child (widget_class, RubricCriterionRow, critical_label);
  gtk_widget_class_bind_template_child (widget_class, RubricCriterionRow, guidance_button);
  gtk_widget_class_bind_template_child (widget_class, RubricCriterionRow, guidance_label);
  gtk_widget_class_bind_template_child (widget_class, RubricCriterionRow, answer_box);
  gtk_widget_class_bind_template_child (widget_class, RubricCriterionRow, comment_entry);
  gtk_widget_class_bind_template_callback (widget_class, comment_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, comment_activate_cb);
}

static void
rubric_criterion_row_init (RubricCriterionRow *self)
{
  GtkEventController *focus;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->buttons = g_ptr_array_new ();

  focus = gtk_event_controller_focus_new ();
  g_signal_connect_object (focus, "enter", G_CALLBACK (focus_enter_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);
}

GtkWidget *
rubric_criterion_row_new (RubricCriterion *criterion,
                          guint            number)
{
  RubricCriterionRow *self;
  g_autofree char *number_text = NULL;
  g_autofree char *comment_label = NULL;
  const char *guidance;

  g_return_val_if_fail (criterion != NULL, NULL);

  self = g_object_new (RUBRIC_TYPE_CRITERION_ROW, NULL);
  self->criterion = criterion;
  self->number = number;

  number_text = g_strdup_printf ("%u.", number);
  gtk_label_set_label (self->number_label, number_text);
  gtk_label_set_label (self->text_label, rubric_criterion_get_text (criterion));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), rubric_criterion_get_text (criterion));
  gtk_widget_set_visible (GTK_WIDGET (self->critical_label), criterion->critical);

  guidance = criterion->guidance->len > 0 ? rubric_texts_lookup (criterion->guidance) : NULL;
  gtk_label_set_label (self->guidance_label, guidance ? guidance : "");
  gtk_widget_set_visible (GTK_WIDGET (self->guidance_button), guidance != NULL);

  build_answers (self);

  /* TRANSLATORS: the accessible name of a criterion's comment field */
  comment_label = g_strdup_printf (_("Comment on criterion %u"), number);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->comment_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, comment_label,
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->answer_box),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  rubric_criterion_get_text (criterion),
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  rubric_criterion_get_text (criterion),
                                  -1);

  return GTK_WIDGET (self);
}

RubricCriterion *
rubric_criterion_row_get_criterion (RubricCriterionRow *self)
{
  g_return_val_if_fail (RUBRIC_IS_CRITERION_ROW (self), NULL);

  return self->criterion;
}

void
rubric_criterion_row_set_answer (RubricCriterionRow *self,
                                 const char         *value)
{
  g_return_if_fail (RUBRIC_IS_CRITERION_ROW (self));

  g_free (self->answer);
  self->answer = g_strdup (value);

  self->updating = TRUE;
  for (guint i = 0; i < self->buttons->len; i++)
    {
      GtkToggleButton *button = g_ptr_array_index (self->buttons, i);
      const char *button_value = g_object_get_data (G_OBJECT (button), VALUE_KEY);

      gtk_toggle_button_set_active (button, g_strcmp0 (button_value, value) == 0);
    }
  self->updating = FALSE;
}

const char *
rubric_criterion_row_get_answer (RubricCriterionRow *self)
{
  g_return_val_if_fail (RUBRIC_IS_CRITERION_ROW (self), NULL);

  return self->answer;
}

void
rubric_criterion_row_set_comment (RubricCriterionRow *self,
                                  const char         *text)
{
  g_return_if_fail (RUBRIC_IS_CRITERION_ROW (self));

  self->updating = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->comment_entry), text ? text : "");
  self->updating = FALSE;
}

void
rubric_criterion_row_set_current (RubricCriterionRow *self,
                                  gboolean            current)
{
  g_return_if_fail (RUBRIC_IS_CRITERION_ROW (self));

  if (current)
    gtk_widget_add_css_class (GTK_WIDGET (self), "rubric-current");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "rubric-current");
}

void
rubric_criterion_row_set_editable (RubricCriterionRow *self,
                                   gboolean            editable)
{
  g_return_if_fail (RUBRIC_IS_CRITERION_ROW (self));

  /* Read-only answers stay readable: the chosen one keeps its look, the
   * buttons just stop taking clicks. */
  for (guint i = 0; i < self->buttons->len; i++)
    gtk_widget_set_can_target (g_ptr_array_index (self->buttons, i), editable);
  for (guint i = 0; i < self->buttons->len; i++)
    gtk_widget_set_focusable (g_ptr_array_index (self->buttons, i), editable);
  gtk_editable_set_editable (GTK_EDITABLE (self->comment_entry), editable);
  gtk_widget_set_visible (GTK_WIDGET (self->comment_entry),
                          editable || *gtk_editable_get_text (GTK_EDITABLE (self->comment_entry)));
}

void
rubric_criterion_row_toggle_guidance (RubricCriterionRow *self)
{
  g_return_if_fail (RUBRIC_IS_CRITERION_ROW (self));

  if (gtk_widget_get_visible (GTK_WIDGET (self->guidance_button)))
    gtk_toggle_button_set_active (self->guidance_button,
                                  !gtk_toggle_button_get_active (self->guidance_button));
}

gboolean
rubric_criterion_row_focus_answer (RubricCriterionRow *self)
{
  g_return_val_if_fail (RUBRIC_IS_CRITERION_ROW (self), FALSE);

  for (guint i = 0; i < self->buttons->len; i++)
    {
      GtkToggleButton *button = g_ptr_array_index (self->buttons, i);

      if (gtk_toggle_button_get_active (button))
        return gtk_widget_grab_focus (GTK_WIDGET (button));
    }

  if (self->buttons->len > 0 &&
      gtk_widget_grab_focus (g_ptr_array_index (self->buttons, 0)))
    return TRUE;

  return gtk_widget_grab_focus (GTK_WIDGET (self->guidance_button));
}

char *
rubric_criterion_row_value_for_digit (RubricCriterionRow *self,
                                      int                 digit)
{
  RubricCriterion *criterion;

  g_return_val_if_fail (RUBRIC_IS_CRITERION_ROW (self), NULL);

  criterion = self->criterion;

  switch (criterion->type)
    {
    case RUBRIC_ANSWER_YES_NO:
      if (digit == 1)
        return g_strdup ("yes");
      if (digit == 2)
        return g_strdup ("no");
      if ((digit == 3 || digit == 0) && criterion->na)
        return g_strdup ("na");
      return NULL;

    case RUBRIC_ANSWER_SCALE:
      if (digit >= criterion->min && digit <= criterion->max)
        return g_strdup_printf ("%d", digit);
      if (digit == 0 && criterion->na)
        return g_strdup ("na");
      return NULL;

    case RUBRIC_ANSWER_CHOICE:
      if (digit >= 1 && (guint) digit <= criterion->options->len)
        {
          RubricOption *option = g_ptr_array_index (criterion->options, digit - 1);

          return g_strdup (option->key);
        }
      if (criterion->na && (digit == 0 || (guint) digit == criterion->options->len + 1))
        return g_strdup ("na");
      return NULL;

    default:
      g_assert_not_reached ();
    }
}
