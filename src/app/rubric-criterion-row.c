/* rubric-criterion-row.c — one criterion of the evaluation form: text, guidance, answers, comment
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rubric-criterion-row.h"

/* The answer buttons side by side, all as wide as the widest, when they fit
 * at their natural width; else one under the other, the full width of the
 * row. A narrow window (360 px) stacks the long options of a choice rather
 * than break their words into fragments. */
#define RUBRIC_TYPE_ANSWER_BOX (rubric_answer_box_get_type ())
G_DECLARE_FINAL_TYPE (RubricAnswerBox, rubric_answer_box, RUBRIC, ANSWER_BOX, GtkWidget)

struct _RubricAnswerBox
{
  GtkWidget parent_instance;
};

G_DEFINE_FINAL_TYPE (RubricAnswerBox, rubric_answer_box, GTK_TYPE_WIDGET)

#define ANSWER_SPACING 6

static guint
answer_box_count (GtkWidget *widget,
                  int       *max_nat_width)
{
  guint n = 0;

  *max_nat_width = 0;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int nat;

      if (!gtk_widget_should_layout (child))
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &nat, NULL, NULL);
      *max_nat_width = MAX (*max_nat_width, nat);
      n++;
    }
  return n;
}

/* Whether the buttons go side by side at @width. */
static gboolean
answer_box_fits (GtkWidget *widget,
                 int        width)
{
  int max_nat;
  guint n = answer_box_count (widget, &max_nat);

  return n == 0 || width < 0 ||
         width >= (int) n * max_nat + ((int) n - 1) * ANSWER_SPACING;
}

static void
rubric_answer_box_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  int max_nat;
  guint n = answer_box_count (widget, &max_nat);
  gboolean side_by_side = orientation == GTK_ORIENTATION_VERTICAL &&
                          answer_box_fits (widget, for_size);
  int cell = n > 0 && for_size >= 0
             ? (for_size - ((int) n - 1) * ANSWER_SPACING) / (int) n : -1;

  *minimum = *natural = 0;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_min;
      int child_nat;

      if (!gtk_widget_should_layout (child))
        continue;

      if (orientation == GTK_ORIENTATION_HORIZONTAL)
        {
          /* At least the widest button, stacked; naturally all side by side. */
          gtk_widget_measure (child, orientation, -1, &child_min, NULL, NULL, NULL);
          *minimum = MAX (*minimum, child_min);
        }
      else if (side_by_side)
        {
          gtk_widget_measure (child, orientation, for_size < 0 ? -1 : MAX (cell, 0),
                              &child_min, &child_nat, NULL, NULL);
          *minimum = MAX (*minimum, child_min);
          *natural = MAX (*natural, child_nat);
        }
      else
        {
          gtk_widget_measure (child, orientation, for_size, &child_min, &child_nat, NULL, NULL);
          *minimum += child_min + (*minimum > 0 ? ANSWER_SPACING : 0);
          *natural += child_nat + (*natural > 0 ? ANSWER_SPACING : 0);
        }
    }

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *natural = MAX (*minimum, (int) n * max_nat + ((int) MAX (n, 1) - 1) * ANSWER_SPACING);
}

static void
rubric_answer_box_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  int max_nat;
  guint n = answer_box_count (widget, &max_nat);
  gboolean side_by_side = answer_box_fits (widget, width);
  int cell = n > 0 ? (width - ((int) n - 1) * ANSWER_SPACING) / (int) n : 0;
  int position = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_height;

      if (!gtk_widget_should_layout (child))
        continue;

      if (side_by_side)
        {
          gtk_widget_size_allocate (child, &(GtkAllocation) { position, 0, cell, height }, -1);
          position += cell + ANSWER_SPACING;
        }
      else
        {
          gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, width, &child_height, NULL,
                              NULL, NULL);
          gtk_widget_size_allocate (child, &(GtkAllocation) { 0, position, width, child_height },
                                    -1);
          position += child_height + ANSWER_SPACING;
        }
    }
}

static GtkSizeRequestMode
rubric_answer_box_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
rubric_answer_box_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))))
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (rubric_answer_box_parent_class)->dispose (object);
}

static void
rubric_answer_box_class_init (RubricAnswerBoxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rubric_answer_box_dispose;
  widget_class->measure = rubric_answer_box_measure;
  widget_class->size_allocate = rubric_answer_box_size_allocate;
  widget_class->get_request_mode = rubric_answer_box_get_request_mode;
  gtk_widget_class_set_css_name (widget_class, "rubric-answers");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
rubric_answer_box_init (RubricAnswerBox *self)
{
}

struct _RubricCriterionRow
{
  AdwPreferencesRow parent_instance;

  /* Template widgets */
  GtkLabel         *number_label;
  GtkLabel         *text_label;
  GtkLabel         *critical_label;
  GtkToggleButton  *guidance_button;
  GtkLabel         *guidance_label;
  RubricAnswerBox  *answer_box;
  GtkEntry         *comment_entry;

  /* Owned references */
  char             *answer;
  GPtrArray        *buttons;     /* GtkToggleButton, in answer-box order */

  /* Borrowed references */
  RubricCriterion  *criterion;

  guint             number;
  gboolean          updating;    /* showing a value, not the user's change */
  gboolean          editable;
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
#define LABEL_KEY "rubric-label"
#define CHECK_KEY "rubric-check"

/* The answer in words, for the row's accessible description: what a
 * screen reader says when the row gets the focus or its answer changes. */
static char *
describe_answer (RubricCriterionRow *self)
{
  if (self->answer == NULL)
    return g_strdup (_("Not answered"));

  for (guint i = 0; i < self->buttons->len; i++)
    {
      GObject *button = g_ptr_array_index (self->buttons, i);

      if (g_strcmp0 (g_object_get_data (button, VALUE_KEY), self->answer) == 0)
        /* TRANSLATORS: the answer given to a criterion, "Answer: No" */
        return g_strdup_printf (_("Answer: %s"),
                                (const char *) g_object_get_data (button, LABEL_KEY));
    }

  return g_strdup_printf (_("Answer: %s"), self->answer);
}

/* The chosen answer is unmistakable: filled with the accent colour and
 * ticked, not only pressed in; the row says it to screen readers. */
static void
update_chosen (RubricCriterionRow *self)
{
  g_autofree char *description = describe_answer (self);

  for (guint i = 0; i < self->buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (self->buttons, i);
      gboolean chosen = g_strcmp0 (g_object_get_data (G_OBJECT (button), VALUE_KEY),
                                   self->answer) == 0;

      if (chosen)
        gtk_widget_add_css_class (button, "suggested-action");
      else
        gtk_widget_remove_css_class (button, "suggested-action");
      gtk_widget_set_visible (g_object_get_data (G_OBJECT (button), CHECK_KEY), chosen);
      /* Read-only, the answers not given step back; the chosen one stays. */
      gtk_widget_set_sensitive (button, self->editable || chosen);
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

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
  update_chosen (self);
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
  rubric_criterion_row_focus (self);
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
                   const char         *keys)
{
  GtkWidget *button = gtk_toggle_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");
  GtkWidget *child = gtk_label_new (label);
  g_autofree char *name = NULL;

  /* Long option labels wrap between words, never inside one: the answer
   * box stacks the buttons when they do not fit side by side. */
  gtk_label_set_wrap (GTK_LABEL (child), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (child), PANGO_WRAP_WORD);
  gtk_label_set_justify (GTK_LABEL (child), GTK_JUSTIFY_CENTER);
  gtk_label_set_max_width_chars (GTK_LABEL (child), 14);
  /* Naturally on one line (up to 14 characters), not at its longest word. */
  gtk_label_set_natural_wrap_mode (GTK_LABEL (child), GTK_NATURAL_WRAP_NONE);
  gtk_widget_set_visible (check, FALSE);
  gtk_accessible_update_state (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), check);
  gtk_box_append (GTK_BOX (box), child);
  gtk_button_set_child (GTK_BUTTON (button), box);

  if (keys != NULL)
    gtk_widget_set_tooltip_text (button, keys);

  /* Every criterion has its "Yes", "No" and "N/A": the name says which
   * one this is, for whoever finds the button outside its row. */
  /* TRANSLATORS: the accessible name of an answer button: the answer, then the
   * criterion it answers, "Yes — Was the issue resolved?" */
  name = g_strdup_printf (_("%s — %s"), label, rubric_criterion_get_text (self->criterion));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
  g_object_set_data_full (G_OBJECT (button), VALUE_KEY, g_strdup (value), g_free);
  g_object_set_data_full (G_OBJECT (button), LABEL_KEY, g_strdup (label), g_free);
  g_object_set_data (G_OBJECT (button), CHECK_KEY, check);

  if (self->buttons->len > 0)
    gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button),
                                 g_ptr_array_index (self->buttons, 0));

  g_signal_connect_object (button, "toggled", G_CALLBACK (answer_toggled_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_set_parent (button, GTK_WIDGET (self->answer_box));
  g_ptr_array_add (self->buttons, button);
}

/* "Key 4", the hint of an answer button. */
static char *
key_hint (int digit)
{
  /* TRANSLATORS: the keyboard key that gives this answer */
  return digit >= 0 && digit <= 9 ? g_strdup_printf (_("Key %d"), digit) : NULL;
}

static void
build_answers (RubricCriterionRow *self)
{
  RubricCriterion *criterion = self->criterion;
  g_autofree char *na_keys = NULL;

  switch (criterion->type)
    {
    case RUBRIC_ANSWER_YES_NO:
      {
        g_autofree char *yes = key_hint (1);
        g_autofree char *no = key_hint (2);

        add_answer_button (self, _("Yes"), "yes", yes);
        add_answer_button (self, _("No"), "no", no);
        /* TRANSLATORS: the keyboard keys that answer N/A on a yes/no criterion */
        na_keys = g_strdup (_("Key 0 or 3"));
      }
      break;

    case RUBRIC_ANSWER_SCALE:
      for (int v = criterion->min; v <= criterion->max; v++)
        {
          g_autofree char *value = g_strdup_printf ("%d", v);
          g_autofree char *hint = key_hint (v);

          add_answer_button (self, value, value, hint);
        }
      /* On a scale that holds 0, the key 0 gives the value 0. */
      if (!(criterion->min <= 0 && criterion->max >= 0))
        na_keys = key_hint (0);
      break;

    case RUBRIC_ANSWER_CHOICE:
      for (guint i = 0; i < criterion->options->len; i++)
        {
          RubricOption *option = g_ptr_array_index (criterion->options, i);
          g_autofree char *hint = key_hint (i < 9 ? (int) i + 1 : -1);

          add_answer_button (self, rubric_option_get_label (option), option->key, hint);
        }
      na_keys = key_hint (0);
      break;

    default:
      g_assert_not_reached ();
    }

  if (criterion->na)
    /* TRANSLATORS: the answer "not applicable" */
    add_answer_button (self, _("N/A"), "na", na_keys);
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

  g_type_ensure (RUBRIC_TYPE_ANSWER_BOX);
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
  self->editable = TRUE;

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
  g_autofree char *row_label = NULL;
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
  /* The row takes the focus itself (Enter on it answers nothing) and
   * reads as "4. Was the issue resolved?", then its answer. */
  /* TRANSLATORS: a criterion with its number in the form, "4. Did the agent…" */
  row_label = g_strdup_printf (_("%u. %s"), number, rubric_criterion_get_text (criterion));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, row_label,
                                  -1);
  update_chosen (self);

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
  update_chosen (self);
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

  self->editable = editable;

  /* Read-only answers stay readable: the chosen one keeps its look, the
   * others are dimmed, none takes a click or the focus. */
  for (guint i = 0; i < self->buttons->len; i++)
    {
      gtk_widget_set_can_target (g_ptr_array_index (self->buttons, i), editable);
      gtk_widget_set_focusable (g_ptr_array_index (self->buttons, i), editable);
    }
  if (editable)
    gtk_widget_remove_css_class (GTK_WIDGET (self), "rubric-read-only");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self), "rubric-read-only");
  update_chosen (self);
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
rubric_criterion_row_focus (RubricCriterionRow *self)
{
  g_return_val_if_fail (RUBRIC_IS_CRITERION_ROW (self), FALSE);

  return gtk_widget_grab_focus (GTK_WIDGET (self));
}

GtkWidget *
rubric_criterion_row_get_answer_button (RubricCriterionRow *self,
                                        const char         *value)
{
  g_return_val_if_fail (RUBRIC_IS_CRITERION_ROW (self), NULL);

  for (guint i = 0; i < self->buttons->len; i++)
    if (g_strcmp0 (g_object_get_data (g_ptr_array_index (self->buttons, i), VALUE_KEY),
                   value) == 0)
      return g_ptr_array_index (self->buttons, i);
  return NULL;
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
      if (criterion->na && digit == 0)
        return g_strdup ("na");
      return NULL;

    default:
      g_assert_not_reached ();
    }
}
