/* rubric-vendor-detail.c — one vendor's rating for a period: summary, objectives, charts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything here is rebuilt from a RubricRating each time one is
 * shown: a vendor has a handful of objectives, categories and KPIs, so
 * plain list boxes do, with size groups to line up the objectives'
 * columns. Each row carries an accessible name that reads the whole row.
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "rubric-rating-chart.h"
#include "rubric-rating-figures.h"
#include "rubric-rating-text.h"
#include "rubric-vendor-detail-private.h"
#include "rubric-widget-util.h"

G_DEFINE_FINAL_TYPE (RubricVendorDetail, rubric_vendor_detail, ADW_TYPE_BIN)

/* ---------------------------------------------------------------- style */

void
rubric_vendor_detail_ensure_style (void)
{
  static gsize loaded = 0;

  if (g_once_init_enter (&loaded))
    {
      g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

      gtk_css_provider_load_from_resource (provider,
                                           "/io/github/rubricqa/Rubric/rubric-vendors.css");
      gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                  GTK_STYLE_PROVIDER (provider),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
      g_once_init_leave (&loaded, 1);
    }
}

void
rubric_vendor_detail_set_grade_label (GtkLabel           *label,
                                      const RubricRating *rating)
{
  static const char * const ranks[] = { "rubric-grade-best", "rubric-grade-good",
                                        "rubric-grade-fair", "rubric-grade-poor" };
  g_autofree char *accessible = NULL;
  GPtrArray *grades;
  guint rank = G_N_ELEMENTS (ranks) - 1;

  g_return_if_fail (GTK_IS_LABEL (label));
  g_return_if_fail (rating != NULL);

  for (guint i = 0; i < G_N_ELEMENTS (ranks); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (label), ranks[i]);

  gtk_widget_set_visible (GTK_WIDGET (label), rating->grade != NULL);
  if (rating->grade == NULL)
    return;

  /* The grades go from the best down: the first is green, the last red,
   * the others spread in between. */
  grades = rating->contract->grades;
  for (guint i = 0; i < grades->len; i++)
    {
      RubricGrade *grade = g_ptr_array_index (grades, i);

      if (g_str_equal (grade->name, rating->grade))
        {
          if (i == 0)
            rank = 0;
          else if (i + 1 < grades->len)
            rank = 1 + (i - 1) * 2 / MAX (grades->len - 2, 1u);
          break;
        }
    }
  rank = MIN (rank, G_N_ELEMENTS (ranks) - 1);

  gtk_label_set_label (label, rating->grade);
  gtk_widget_add_css_class (GTK_WIDGET (label), ranks[rank]);
  /* Translators: the accessible name of a rating's grade, "Grade B" */
  accessible = g_strdup_printf (_("Grade %s"), rating->grade);
  gtk_accessible_update_property (GTK_ACCESSIBLE (label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
}

/* -------------------------------------------------------------- helpers */

void
rubric_vendor_detail_clear (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    {
      if (GTK_IS_LIST_BOX (box))
        gtk_list_box_remove (GTK_LIST_BOX (box), child);
      else
        gtk_box_remove (GTK_BOX (box), child);
    }
}

GtkWidget *
rubric_vendor_detail_new_label (const char *text,
                                float       xalign,
                                const char *style,
                                ...)
{
  GtkWidget *label = gtk_label_new (text);
  va_list args;

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  va_start (args, style);
  for (const char *name = style; name != NULL; name = va_arg (args, const char *))
    gtk_widget_add_css_class (label, name);
  va_end (args);

  return label;
}

/* Whether @change (new − old) of a figure is for the better. */
static gboolean
is_better (RubricBetter better,
           double       change)
{
  return better == RUBRIC_BETTER_LOWER ? change < 0 : change > 0;
}

/* ------------------------------------------------------------- summary */

/* A summary tile reads whole to a screen reader: "Credits Owed: 8 %. Of
 * the period’s fee". */
static void
name_tile (GtkWidget  *tile,
           const char *title,
           const char *value,
           const char *detail)
{
  /* Translators: a title and what it says, "Credits Owed: 8 %", "Small sample: …" */
  g_autofree char *head = g_strdup_printf (_("%s: %s"), title, value);
  g_autofree char *name = detail != NULL && *detail != '\0'
                          ? g_strconcat (head, ". ", detail, NULL) : g_strdup (head);

  gtk_accessible_update_property (GTK_ACCESSIBLE (tile),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
}

static void
show_summary (RubricVendorDetail *self,
              const RubricRating *rating)
{
  const RubricContract *contract = rating->contract;
  g_autofree char *first = rubric_day_format (rating->range.first);
  g_autofree char *last = rubric_day_format (rating->range.last);
  g_autofree char *days = g_strdup_printf (_("%s to %s"), first, last);
  g_autofree char *subtitle = NULL;
  g_autofree char *met = NULL;
  g_autofree char *credits = NULL;
  g_autofree char *credits_detail = NULL;
  g_autofree char *evaluations = NULL;
  g_autofree char *calls = NULL;
  g_autofree char *sample = NULL;
  g_autofree char *evaluations_n = g_strdup_printf ("%" G_GUINT64_FORMAT, rating->evaluations);
  g_autofree char *calls_n = g_strdup_printf ("%" G_GUINT64_FORMAT, rating->calls);
  g_autofree char *rating_head = NULL;
  g_autofree char *rating_name = NULL;

  gtk_label_set_label (self->name_label, rating->vendor);
  if (g_strcmp0 (contract->valid_from, RUBRIC_CONTRACT_ALWAYS) != 0)
    /* Translators: under a vendor's name: the days rated, the vendor's time zone and
     * the first day of the contract version applied, "2026-11-01 to 2026-11-30 ·
     * Europe/Riga · contract of 2026-01-01" */
    subtitle = g_strdup_printf (_("%s · %s · contract of %s"), days, rating->timezone,
                                contract->valid_from);
  else
    subtitle = g_strdup_printf ("%s · %s", days, rating->timezone);
  gtk_label_set_label (self->subtitle_label, subtitle);

  /* The rating, its grade, range and change. */
  rubric_vendor_detail_set_grade_label (self->grade_label, rating);
  gtk_widget_remove_css_class (GTK_WIDGET (self->change_label), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->change_label), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->change_label), "dim-label");
  if (rating->has_rating)
    {
      g_autofree char *value = rubric_rating_format (rating->rating);
      g_autofree char *low = rubric_rating_format (rating->rating_low);
      g_autofree char *high = rubric_rating_format (rating->rating_high);
      g_autofree char *range = NULL;
      g_autofree char *accessible = NULL;

      gtk_label_set_label (self->rating_label, value);
      /* Translators: the range of a rating, "Range 79.4–94.6" */
      range = g_strdup_printf (_("Range %s–%s"), low, high);
      gtk_label_set_label (self->range_label, range);
      /* Translators: the accessible name of a rating and its grade, "Rating 91.5, grade B" */
      accessible = g_strdup_printf (_("Rating %s, grade %s"), value,
                                    rating->grade != NULL ? rating->grade : "—");
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->rating_label),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                      -1);
      rating_head = g_steal_pointer (&accessible);
    }
  else
    {
      gtk_label_set_label (self->rating_label, "—");
      gtk_label_set_label (self->range_label, _("No objective has data in this period"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->rating_label),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("No rating"),
                                      -1);
      rating_head = g_strdup (_("No rating"));
    }

  if (rating->has_previous)
    {
      g_autofree char *previous = rubric_period_title (rating->previous_range, rating->kind);
      g_autofree char *text = NULL;

      if (rating->has_rating && rating->previous_has_rating)
        {
          double change = rubric_rating_floor (rating->rating) -
                          rubric_rating_floor (rating->previous_rating);
          g_autofree char *number = rubric_metric_format_change ("qa-overall", change);

          /* Translators: the change of a rating against the previous period,
           * "+2.3 since October 2026" */
          text = g_strdup_printf (_("%s since %s"), number, previous);
          if (fabs (change) >= 0.05)
            gtk_widget_add_css_class (GTK_WIDGET (self->change_label),
                                      change > 0 ? "success" : "error");
          else
            gtk_widget_add_css_class (GTK_WIDGET (self->change_label), "dim-label");
        }
      else
        {
          /* Translators: the previous period had no rating, "No rating in October 2026" */
          text = g_strdup_printf (_("No rating in %s"), previous);
          gtk_widget_add_css_class (GTK_WIDGET (self->change_label), "dim-label");
        }
      gtk_label_set_label (self->change_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->change_label), rating->has_previous);

  /* Credits. */
  credits = rubric_percent_format (rating->credits);
  gtk_label_set_label (self->credits_label, credits);
  if (contract->has_credit_cap && rating->credits_uncapped > rating->credits + 1e-9)
    {
      g_autofree char *cap = rubric_percent_format (contract->credit_cap);
      g_autofree char *uncapped = rubric_percent_format (rating->credits_uncapped);

      /* Translators: "Capped at 10 % (13 % before the cap)" */
      credits_detail = g_strdup_printf (_("Capped at %s (%s before the cap)"), cap, uncapped);
    }
  else if (contract->has_credit_cap)
    {
      g_autofree char *cap = rubric_percent_format (contract->credit_cap);

      /* Translators: "Of the period’s fee, capped at 10 %" */
      credits_detail = g_strdup_printf (_("Of the period’s fee, capped at %s"), cap);
    }
  else
    credits_detail = g_strdup (_("Of the period’s fee"));
  gtk_label_set_label (self->credits_detail_label, credits_detail);

  /* Objectives met, and what they rest on. */
  /* Translators: objectives met out of the contract's objectives, "3 of 6" */
  met = g_strdup_printf (_("%u of %u"), rating->objectives_met, rating->objectives_total);
  gtk_label_set_label (self->met_label, met);
  evaluations = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s evaluation",
                                              "%s evaluations", rating->evaluations),
                                 evaluations_n);
  calls = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s call", "%s calls", rating->calls),
                           calls_n);
  sample = g_strdup_printf ("%s · %s", evaluations, calls);
  gtk_label_set_label (self->sample_label, sample);

  rating_name = g_strconcat (rating_head, ". ", gtk_label_get_label (self->range_label),
                             rating->has_previous ? ". " : NULL,
                             gtk_label_get_label (self->change_label), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->rating_child),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, rating_name,
                                  -1);
  name_tile (self->credits_child, _("Credits Owed"), credits, credits_detail);
  name_tile (self->met_child, _("Objectives Met"), met, sample);
}

static void
show_flags (RubricVendorDetail *self,
            const RubricRating *rating)
{
  g_autofree char *flags = rubric_rating_flags_string (rating, ";");
  g_auto(GStrv) names = g_strsplit (flags, ";", -1);

  rubric_vendor_detail_clear (GTK_WIDGET (self->flags_box));

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *explanation = NULL;
      g_autofree char *text = NULL;
      GtkWidget *box, *image, *label;

      if (*names[i] == '\0')
        continue;

      explanation = rubric_rating_flag_explain (rating, names[i]);
      /* Translators: a flag of a rating and what it means, "Small sample: …" */
      text = g_strdup_printf (_("%s: %s"), rubric_rating_flag_title (names[i]), explanation);

      box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      gtk_widget_add_css_class (box, "rubric-flag");
      image = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      gtk_widget_set_valign (image, GTK_ALIGN_START);
      gtk_accessible_update_property (GTK_ACCESSIBLE (image),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Warning"),
                                      -1);
      label = rubric_vendor_detail_new_label (text, 0, NULL);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_box_append (GTK_BOX (box), image);
      gtk_box_append (GTK_BOX (box), label);
      gtk_box_append (self->flags_box, box);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->flags_box),
                          gtk_widget_get_first_child (GTK_WIDGET (self->flags_box)) != NULL);
}

/* ---------------------------------------------------------- objectives */

static GtkWidget *
objectives_row (RubricVendorDetail *self,
                GtkWidget          *metric,
                GtkWidget          *target,
                GtkWidget          *actual,
                GtkWidget          *change,
                GtkWidget          *result)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *cells[N_COLUMNS] = { target, actual, change, result };

  gtk_widget_add_css_class (box, "rubric-objective");
  gtk_widget_set_hexpand (metric, TRUE);
  gtk_widget_set_valign (metric, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), metric);
  for (guint i = 0; i < N_COLUMNS; i++)
    {
      gtk_widget_set_valign (cells[i], GTK_ALIGN_CENTER);
      gtk_size_group_add_widget (self->columns[i], cells[i]);
      gtk_box_append (GTK_BOX (box), cells[i]);
    }

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);

  return row;
}

static GtkWidget *
column_title (const char *text,
              float       xalign)
{
  return rubric_vendor_detail_new_label (text, xalign, "caption-heading", "dim-label", NULL);
}

static GtkWidget *
header_row (RubricVendorDetail *self)
{
  GtkWidget *row;

  row = objectives_row (self, column_title (_("Objective"), 0), column_title (_("Target"), 1),
                        column_title (_("Actual"), 1), column_title (_("Change"), 1),
                        column_title (_("Result"), 0));
  gtk_widget_add_css_class (row, "rubric-header-row");
  gtk_widget_set_focusable (row, FALSE);
  /* Every row reads whole: the titles would only repeat. */
  gtk_accessible_update_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);

  return row;
}

/* The objective's row of the table, and in *@compact (when not NULL) its
 * row of the narrow list. */
static GtkWidget *
objective_row (RubricVendorDetail          *self,
               const RubricRatingObjective *objective,
               GtkWidget                  **compact)
{
  g_autofree char *title = rubric_metric_name (objective->metric);
  g_autofree char *target = rubric_objective_format_target (objective);
  g_autofree char *actual = NULL;
  g_autofree char *change = NULL;
  g_autofree char *accessible = NULL;
  g_autoptr(GPtrArray) facts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *facts_text = NULL;
  g_autofree char *weight = NULL;
  g_autofree char *target_text = NULL;
  g_autofree char *subtitle = NULL;
  GtkWidget *metric_box, *actual_box, *result_box, *change_label, *image, *row, *compact_row;
  const char *result;
  const char *icon;
  const char *result_class;

  /* Under the metric: where the figure comes from and what it weighs. */
  g_ptr_array_add (facts, g_strdup (rubric_rating_source_name (objective->source)));
  if (objective->has_n)
    {
      g_autofree char *n = g_strdup_printf ("%" G_GUINT64_FORMAT, objective->n);

      /* Translators: the number of calls or evaluations a figure is taken over, "n = 171" */
      g_ptr_array_add (facts, g_strdup_printf (_("n = %s"), n));
    }
  weight = g_strdup_printf ("%g", objective->weight);
  /* Translators: an objective's weight in the rating, "weight 25" */
  g_ptr_array_add (facts, g_strdup_printf (_("weight %s"), weight));
  if (objective->has_credit)
    {
      g_autofree char *credit = rubric_percent_format (objective->credit);

      /* Translators: the credit owed when an objective is missed, "credit 3 %" */
      g_ptr_array_add (facts, g_strdup_printf (_("credit %s"), credit));
    }
  /* Lines break between the facts, not inside one ("weight 25"). */
  for (guint i = 0; i < facts->len; i++)
    g_ptr_array_index (facts, i) = rubric_keep_together (g_ptr_array_index (facts, i));
  g_ptr_array_add (facts, NULL);
  facts_text = g_strjoinv (" · ", (char **) facts->pdata);

  metric_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  /* Below this, the narrow list takes over (the squeezer in the .ui). */
  gtk_widget_set_size_request (metric_box, 150, -1);
  gtk_box_append (GTK_BOX (metric_box), rubric_vendor_detail_new_label (title, 0, NULL));
  gtk_box_append (GTK_BOX (metric_box),
                  rubric_vendor_detail_new_label (facts_text, 0, "caption", "dim-label", NULL));
  for (GtkWidget *child = gtk_widget_get_first_child (metric_box);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      gtk_label_set_wrap (GTK_LABEL (child), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (child), PANGO_WRAP_WORD_CHAR);
    }

  /* The actual, with its confidence interval when it has one. */
  actual_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  if (objective->has_actual)
    {
      actual = rubric_metric_format_value (objective->metric, objective->actual);
      gtk_box_append (GTK_BOX (actual_box),
                      rubric_vendor_detail_new_label (actual, 1, "numeric", NULL));
      if (objective->has_ci)
        {
          /* The unit is the actual's, just above. */
          g_autofree char *low = rubric_metric_format_number (objective->metric,
                                                              objective->ci_low);
          g_autofree char *high = rubric_metric_format_number (objective->metric,
                                                               objective->ci_high);
          g_autofree char *ci = g_strdup_printf ("%s–%s", low, high);

          gtk_box_append (GTK_BOX (actual_box),
                          rubric_vendor_detail_new_label (ci, 1, "caption", "dim-label",
                                                          "numeric", NULL));
        }
    }
  else
    gtk_box_append (GTK_BOX (actual_box),
                    rubric_vendor_detail_new_label ("—", 1, "dim-label", NULL));

  /* The change against the previous period, coloured by its direction. */
  if (objective->has_actual && objective->has_previous)
    {
      double delta = objective->actual - objective->previous_actual;

      change = rubric_metric_format_change (objective->metric, delta);
      change_label = rubric_vendor_detail_new_label (change, 1, "numeric", NULL);
      if (change[0] == '+' || g_str_has_prefix (change, "−"))
        gtk_widget_add_css_class (change_label,
                                  is_better (objective->better, delta) ? "success" : "error");
      else
        gtk_widget_add_css_class (change_label, "dim-label");
    }
  else
    change_label = rubric_vendor_detail_new_label ("—", 1, "dim-label", NULL);

  if (!objective->has_actual)
    {
      result = C_("objective", "No data");
      icon = "action-unavailable-symbolic";
      result_class = "dim-label";
    }
  else if (objective->met)
    {
      result = C_("objective", "Met");
      icon = "emblem-ok-symbolic";
      result_class = "success";
    }
  else
    {
      result = C_("objective", "Missed");
      icon = "dialog-warning-symbolic";
      result_class = "error";
    }
  result_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  image = gtk_image_new_from_icon_name (icon);
  gtk_accessible_update_property (GTK_ACCESSIBLE (image),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, result,
                                  -1);
  gtk_box_append (GTK_BOX (result_box), image);
  gtk_box_append (GTK_BOX (result_box), rubric_vendor_detail_new_label (result, 0, NULL));
  gtk_widget_add_css_class (result_box, result_class);

  row = objectives_row (self, metric_box,
                        rubric_vendor_detail_new_label (target, 1, "numeric", NULL),
                        actual_box, change_label, result_box);

  if (objective->has_actual)
    /* Translators: the accessible name of an objective's row: the metric, its target,
     * the actual, the result, then where the figure comes from and what it weighs,
     * "Service level: target ≥ 75 %, actual 67.8 %, Missed. Call records · n = 171 ·
     * weight 25" */
    accessible = g_strdup_printf (_("%s: target %s, actual %s, %s. %s"), title, target,
                                  actual, result, facts_text);
  else
    /* Translators: the accessible name of an objective's row without data,
     * "Service level: target ≥ 75 %, No data. weight 25" */
    accessible = g_strdup_printf (_("%s: target %s, %s. %s"), title, target, result,
                                  facts_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);

  if (compact == NULL)
    return row;

  /* The same for narrow widths: the target and facts under the metric,
   * the actual and the result's icon at the end. */
  compact_row = adw_action_row_new ();
  target_text = g_strdup_printf (_("target %s"), target);
  subtitle = g_strconcat (target_text, " · ", facts_text, NULL);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (compact_row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (compact_row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (compact_row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (compact_row),
                             rubric_vendor_detail_new_label (actual != NULL ? actual : "—", 1,
                                                             "numeric", NULL));
  image = gtk_image_new_from_icon_name (icon);
  gtk_widget_add_css_class (image, result_class);
  gtk_widget_set_tooltip_text (image, result);
  gtk_accessible_update_property (GTK_ACCESSIBLE (image),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, result,
                                  -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (compact_row), image);
  gtk_accessible_update_property (GTK_ACCESSIBLE (compact_row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
  *compact = compact_row;

  return row;
}

/* An objective of a rating, as an item of the objectives' GListModels:
 * it keeps the rating's objectives alive (or, with index HEADER_ITEM, the
 * table's row of column titles). */
#define HEADER_ITEM G_MAXUINT

#define RUBRIC_TYPE_OBJECTIVE_ITEM (rubric_objective_item_get_type ())
G_DECLARE_FINAL_TYPE (RubricObjectiveItem, rubric_objective_item, RUBRIC, OBJECTIVE_ITEM, GObject)

struct _RubricObjectiveItem
{
  GObject    parent_instance;

  GPtrArray *objectives;   /* RubricRatingObjective, or NULL for the header */
  guint      index;
};

G_DEFINE_FINAL_TYPE (RubricObjectiveItem, rubric_objective_item, G_TYPE_OBJECT)

static void
rubric_objective_item_finalize (GObject *object)
{
  g_clear_pointer (&RUBRIC_OBJECTIVE_ITEM (object)->objectives, g_ptr_array_unref);

  G_OBJECT_CLASS (rubric_objective_item_parent_class)->finalize (object);
}

static void
rubric_objective_item_class_init (RubricObjectiveItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rubric_objective_item_finalize;
}

static void
rubric_objective_item_init (RubricObjectiveItem *self)
{
}

static RubricObjectiveItem *
objective_item_new (GPtrArray *objectives,
                    guint      index)
{
  RubricObjectiveItem *self = g_object_new (RUBRIC_TYPE_OBJECTIVE_ITEM, NULL);

  self->objectives = objectives != NULL ? g_ptr_array_ref (objectives) : NULL;
  self->index = index;
  return self;
}

static GtkWidget *
table_row_cb (gpointer item,
              gpointer user_data)
{
  RubricObjectiveItem *objective = item;

  if (objective->index == HEADER_ITEM)
    return header_row (user_data);
  return objective_row (user_data, g_ptr_array_index (objective->objectives, objective->index),
                        NULL);
}

static GtkWidget *
compact_row_cb (gpointer item,
                gpointer user_data)
{
  RubricObjectiveItem *objective = item;
  GtkWidget *compact = NULL;
  GtkWidget *row;

  row = objective_row (user_data, g_ptr_array_index (objective->objectives, objective->index),
                       &compact);
  /* Only the compact one is wanted here. */
  g_object_unref (g_object_ref_sink (row));

  return compact;
}

/* The table (a header, then the objectives) and the narrow list are bound
 * to two stores of the same items: a new rating replaces them. */
static void
show_objectives (RubricVendorDetail *self,
                 const RubricRating *rating)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < rating->objectives->len; i++)
    g_ptr_array_add (items, objective_item_new (rating->objectives, i));
  g_list_store_splice (self->objectives_compact,
                       0, g_list_model_get_n_items (G_LIST_MODEL (self->objectives_compact)),
                       items->pdata, items->len);

  g_ptr_array_insert (items, 0, objective_item_new (NULL, HEADER_ITEM));
  g_list_store_splice (self->objectives,
                       0, g_list_model_get_n_items (G_LIST_MODEL (self->objectives)),
                       items->pdata, items->len);
}

/* ----------------------------------------------------------------- API */

void
rubric_vendor_detail_show (RubricVendorDetail       *self,
                           const RubricRating       *rating)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkAdjustment *adjustment;
  gboolean focused;

  g_return_if_fail (RUBRIC_IS_VENDOR_DETAIL (self));
  g_return_if_fail (rating != NULL);

  focused = focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self));

  /* Another vendor starts at the top; the same one stays where it was. */
  if (g_strcmp0 (self->vendor, rating->vendor) != 0)
    {
      adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_lower (adjustment));
      g_free (self->vendor);
      self->vendor = g_strdup (rating->vendor);
    }

  show_summary (self, rating);
  show_flags (self, rating);
  show_objectives (self, rating);
  rubric_vendor_detail_show_trend (self, rating);
  rubric_vendor_detail_show_kpis (self, rating);
  rubric_vendor_detail_show_qa (self, rating);

  /* The rows that had the keyboard are gone: it goes to the first
   * objective of the list on screen. */
  if (focused)
    {
      GtkWidget *list = gtk_widget_get_mapped (GTK_WIDGET (self->objectives_list))
                        ? GTK_WIDGET (self->objectives_list)
                        : GTK_WIDGET (self->objectives_compact_list);

      for (GtkWidget *row = gtk_widget_get_first_child (list);
           row != NULL && !gtk_widget_grab_focus (row);
           row = gtk_widget_get_next_sibling (row))
        ;
    }
}

void
rubric_vendor_detail_scroll_to_end (RubricVendorDetail *self)
{
  GtkAdjustment *adjustment;

  g_return_if_fail (RUBRIC_IS_VENDOR_DETAIL (self));

  adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) -
                                        gtk_adjustment_get_page_size (adjustment));
}

GtkListBox *
rubric_vendor_detail_get_objectives (RubricVendorDetail *self)
{
  g_return_val_if_fail (RUBRIC_IS_VENDOR_DETAIL (self), NULL);

  return self->objectives_list;
}

GListModel *
rubric_vendor_detail_get_objectives_model (RubricVendorDetail *self)
{
  g_return_val_if_fail (RUBRIC_IS_VENDOR_DETAIL (self), NULL);

  return G_LIST_MODEL (self->objectives);
}

/* Beside the vendor list the detail wants this much room: the vendors
 * page's leaflet folds (on natural widths) below it. Its minimum stays
 * small, so the folded page fits a narrow window. (AdwBin lays out with
 * a GtkBinLayout, which would bypass the measuring: rubric_vendor_detail_init
 * takes it away.) */
#define NATURAL_WIDTH 480

static void
rubric_vendor_detail_dispose (GObject *object)
{
  RubricVendorDetail *self = RUBRIC_VENDOR_DETAIL (object);

  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RUBRIC_TYPE_VENDOR_DETAIL);
  g_clear_object (&self->objectives);
  g_clear_object (&self->objectives_compact);
  for (guint i = 0; i < N_COLUMNS; i++)
    g_clear_object (&self->columns[i]);

  G_OBJECT_CLASS (rubric_vendor_detail_parent_class)->dispose (object);
}

static void
rubric_vendor_detail_finalize (GObject *object)
{
  RubricVendorDetail *self = RUBRIC_VENDOR_DETAIL (object);

  g_free (self->vendor);

  G_OBJECT_CLASS (rubric_vendor_detail_parent_class)->finalize (object);
}

static void
rubric_vendor_detail_class_init (RubricVendorDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rubric_vendor_detail_dispose;
  object_class->finalize = rubric_vendor_detail_finalize;
  rubric_widget_class_lay_out_bin_child (widget_class, NATURAL_WIDTH);

  g_type_ensure (RUBRIC_TYPE_RATING_CHART);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rubricqa/Rubric/"
                                               "rubric-vendor-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, RubricVendorDetail, scroller);
  gtk_widget_class_bind_template_child (widget_class, RubricVendorDetail, name_label);
  gtk_widget_class_bind_template_child (widget_class, RubricVendorDetail, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, RubricVendorDetail, rating_child);
  gtk_widget_class_bind_template_child (widget_class, RubricVendorDetail, credits_child);
  gtk_widget_class_bind_template_child (widget_class, RubricVendorDetail, met_child);
  gtk_widget_class_bind_template_child (widget_class, RubricVendorDetail, rating_label);
  gtk_widget_class_bind_template_child (widget_class, RubricVendorDetail, grade_label);
  gtk_widget_class_bind_template_child (widget_class, RubricVendorDetail, range_label);
  gtk_widget_class_bind_template_child (widget_class, RubricVendorDetail, change_label);
  gtk_widget_class_bind_template_child (widget_class, RubricVendorDetail, credits_label);
  gtk_widget_class_bind_template_child (widget_class, RubricVendorDetail, credits_detail_label);
  gtk_widget_class_bind_template_child (widget_class, RubricVendorDetail, met_label);
  gtk_widget_class_bind_template_child (widget_class, RubricVendorDetail, sample_label);
  gtk_widget_class_bind_template_child (widget_class, RubricVendorDetail, flags_box);
  gtk_widget_class_bind_template_child (widget_class, RubricVendorDetail, objectives_list);
  gtk_widget_class_bind_template_child (widget_class, RubricVendorDetail,
                                        objectives_compact_list);
  gtk_widget_class_bind_template_child (widget_class, RubricVendorDetail, trend_chart);
  gtk_widget_class_bind_template_child (widget_class, RubricVendorDetail, kpi_section);
  gtk_widget_class_bind_template_child (widget_class, RubricVendorDetail, kpi_list);
  gtk_widget_class_bind_template_child (widget_class, RubricVendorDetail, qa_section);
  gtk_widget_class_bind_template_child (widget_class, RubricVendorDetail, qa_list);
}

static void
rubric_vendor_detail_init (RubricVendorDetail *self)
{
  rubric_vendor_detail_ensure_style ();
  gtk_widget_set_layout_manager (GTK_WIDGET (self), NULL);
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < N_COLUMNS; i++)
    self->columns[i] = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);

  self->objectives = g_list_store_new (RUBRIC_TYPE_OBJECTIVE_ITEM);
  self->objectives_compact = g_list_store_new (RUBRIC_TYPE_OBJECTIVE_ITEM);
  gtk_list_box_bind_model (self->objectives_list, G_LIST_MODEL (self->objectives), table_row_cb,
                           self, NULL);
  gtk_list_box_bind_model (self->objectives_compact_list, G_LIST_MODEL (self->objectives_compact),
                           compact_row_cb, self, NULL);
}
