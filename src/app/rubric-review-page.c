/* rubric-review-page.c — the review queue: the calls to score
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The calls come from a RubricCallList, which pages them from SQLite and
 * sorts and filters there, so the view stays smooth over a million calls.
 * Only answered calls have someone to score: the others show only when
 * the filter asks, and do not open. The rows are in the order of the
 * column the user sorted by and no other.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rubric-clock.h"
#include "rubric-column-sort.h"
#include "rubric-review-page.h"
#include "rubric-period.h"
#include "rubric-vendor-choice.h"
#include "rubric-window.h"

struct _RubricReviewPage
{
  RubricListPage       parent_instance;

  /* Template widgets */
  GtkMenuButton       *dates_button;
  GtkLabel            *dates_label;
  GtkToggleButton     *from_toggle;
  GtkToggleButton     *to_toggle;
  GtkCalendar         *calendar;
  GtkDropDown         *show_dropdown;
  GtkColumnViewColumn *vendor_column;
  GtkColumnViewColumn *agent_column;
  GtkColumnViewColumn *queue_column;
  GtkColumnViewColumn *wait_column;
  GtkColumnViewColumn *talk_column;
  GtkColumnViewColumn *recording_column;
  GtkColumnViewColumn *state_column;

  GDate                from;     /* the days filter, each invalid for none */
  GDate                to;
  const char          *days_preset;  /* its translated name, or NULL */
};

G_DEFINE_FINAL_TYPE (RubricReviewPage, rubric_review_page, RUBRIC_TYPE_LIST_PAGE)

/* The list, its filter bar and its sorting, as the other list page has them */
#define PARTS(self) (rubric_list_page_get_parts (RUBRIC_LIST_PAGE (self)))

static char *
format_day (const GDate *date)
{
  char text[16] = "";

  if (g_date_valid (date))
    g_date_strftime (text, sizeof text, "%Y-%m-%d", date);
  return g_strdup (text);
}

/* The days button names the preset the days are, else the days. */
static void
update_dates_label (RubricReviewPage *self)
{
  g_autofree char *a = format_day (&self->from);
  g_autofree char *b = format_day (&self->to);
  g_autofree char *label = NULL;
  g_autofree char *from_label = NULL;
  g_autofree char *to_label = NULL;
  const char *preset = self->days_preset;

  if (preset != NULL)
    label = g_strdup (preset);
  else if (*a != '\0' && g_strcmp0 (a, b) == 0)
    label = g_strdup (a);
  else if (*a != '\0' && *b != '\0')
    /* Translators: a range of days, "2026-01-02 – 2026-01-05" */
    label = g_strdup_printf (_("%s – %s"), a, b);
  else if (*a != '\0')
    /* Translators: calls from this day on */
    label = g_strdup_printf (_("From %s"), a);
  else if (*b != '\0')
    /* Translators: calls up to this day */
    label = g_strdup_printf (_("Until %s"), b);
  else
    label = g_strdup (_("Any Day"));

  gtk_label_set_label (self->dates_label, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->dates_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);

  /* Translators: the button that picks the first day of the filter in the calendar */
  from_label = g_strdup_printf (_("From %s"), *a != '\0' ? a : "…");
  /* Translators: the button that picks the last day of the filter in the calendar */
  to_label = g_strdup_printf (_("To %s"), *b != '\0' ? b : "…");
  gtk_button_set_label (GTK_BUTTON (self->from_toggle), from_label);
  gtk_button_set_label (GTK_BUTTON (self->to_toggle), to_label);
}

static void
show_count (RubricListPage *page,
            guint           n)
{
  RubricReviewPage *self = RUBRIC_REVIEW_PAGE (page);
  g_autofree char *text = NULL;

  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u call", "%u calls", n), n);
  gtk_label_set_label (PARTS (self)->count_label, text);
}

static void
apply_filters (RubricListPage *page)
{
  RubricReviewPage *self = RUBRIC_REVIEW_PAGE (page);
  RubricCallFilter filter = { 0 };
  guint show;

  if (PARTS (self)->list == NULL || PARTS (self)->filling)
    return;

  filter.vendor_id = rubric_vendor_choice_get_id (PARTS (self)->vendor_dropdown);
  filter.agent = gtk_editable_get_text (GTK_EDITABLE (PARTS (self)->search_entry));
  filter.from = &self->from;
  filter.to = &self->to;
  /* All Calls, Unscored, Scored, Unanswered Too. */
  show = gtk_drop_down_get_selected (self->show_dropdown);
  filter.show = show <= RUBRIC_CALL_SHOW_SCORED ? (RubricCallShow) show : RUBRIC_CALL_SHOW_ALL;
  filter.unanswered = show == 3;

  update_dates_label (self);
  rubric_call_list_set_filter (RUBRIC_CALL_LIST (PARTS (self)->list), &filter);
  rubric_paged_list_reload (PARTS (self)->list);
}

/* Shows @from to @to (either may be invalid: no bound); @preset names
 * them on the days button, or NULL for the days themselves. */
static void
set_days (RubricReviewPage *self,
          const GDate      *from,
          const GDate      *to,
          const char       *preset)
{
  self->from = *from;
  self->to = *to;
  self->days_preset = preset;

  /* The calendar follows the end it edits. */
  PARTS (self)->filling = TRUE;
  {
    const GDate *shown = gtk_toggle_button_get_active (self->to_toggle) ? to : from;

    if (g_date_valid (shown))
      {
        g_autoptr(GDateTime) time =
          g_date_time_new_local (g_date_get_year (shown), g_date_get_month (shown),
                                 g_date_get_day (shown), 12, 0, 0);
        gtk_calendar_select_day (self->calendar, time);
      }
  }
  PARTS (self)->filling = FALSE;

  apply_filters (RUBRIC_LIST_PAGE (self));
}

static void
show_days_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RubricReviewPage *self = RUBRIC_REVIEW_PAGE (widget);
  const char *preset = g_variant_get_string (parameter, NULL);
  /* The reviewer's today, on this computer's clock; each vendor's calls
   * are then taken on those days in its own zone (docs/DECISIONS.md). */
  gint32 today = rubric_clock_today (NULL);
  RubricDayRange range = { today, today };
  const char *label = NULL;
  GDate from, to;

  g_date_clear (&from, 1);
  g_date_clear (&to, 1);

  if (g_str_equal (preset, "today"))
    label = _("Today");
  else if (g_str_equal (preset, "yesterday"))
    {
      range.first = range.last = today - 1;
      label = _("Yesterday");
    }
  else if (g_str_equal (preset, "week"))
    {
      range.first = today - 6;
      label = _("Last 7 Days");
    }
  else if (g_str_equal (preset, "month"))
    {
      range = rubric_period_containing (today, RUBRIC_PERIOD_MONTH);
      range.last = today;
      label = _("This Month");
    }

  if (label != NULL)
    {
      rubric_day_to_date (range.first, &from);
      rubric_day_to_date (range.last, &to);
    }

  set_days (self, &from, &to, label);
  gtk_popover_popdown (gtk_menu_button_get_popover (self->dates_button));
}

/* A day picked in the calendar sets the end the toggles point at; a
 * range turned round is put right. */
static void
day_selected_cb (RubricReviewPage *self)
{
  g_autoptr(GDateTime) time = NULL;
  GDate day, from = self->from, to = self->to;

  if (PARTS (self)->filling)
    return;

  time = gtk_calendar_get_date (self->calendar);
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, g_date_time_get_day_of_month (time), g_date_time_get_month (time),
                  g_date_time_get_year (time));

  if (gtk_toggle_button_get_active (self->to_toggle))
    {
      to = day;
      if (!g_date_valid (&from) || g_date_compare (&from, &to) > 0)
        from = to;
    }
  else
    {
      from = day;
      if (!g_date_valid (&to) || g_date_compare (&from, &to) > 0)
        to = from;
    }

  set_days (self, &from, &to, NULL);
}

static void
end_toggled_cb (RubricReviewPage *self,
                GtkToggleButton  *toggle)
{
  const GDate *shown = toggle == self->to_toggle ? &self->to : &self->from;

  if (!gtk_toggle_button_get_active (toggle) || !g_date_valid (shown))
    return;

  PARTS (self)->filling = TRUE;
  {
    g_autoptr(GDateTime) time =
      g_date_time_new_local (g_date_get_year (shown), g_date_get_month (shown),
                             g_date_get_day (shown), 12, 0, 0);
    gtk_calendar_select_day (self->calendar, time);
  }
  PARTS (self)->filling = FALSE;
}

static void
clear_filters (RubricListPage *page)
{
  RubricReviewPage *self = RUBRIC_REVIEW_PAGE (page);

  g_date_clear (&self->from, 1);
  g_date_clear (&self->to, 1);
  self->days_preset = NULL;
  gtk_drop_down_set_selected (self->show_dropdown, RUBRIC_CALL_SHOW_ALL);
}

void
rubric_review_page_open_position (RubricReviewPage *self,
                                  guint             position)
{
  g_autoptr(RubricCallRow) row = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = NULL;

  g_return_if_fail (RUBRIC_IS_REVIEW_PAGE (self));

  if (PARTS (self)->list == NULL)
    return;

  row = g_list_model_get_item (G_LIST_MODEL (PARTS (self)->list), position);
  if (row == NULL || rubric_call_row_get_call_id (row) == NULL)
    return;

  /* No one answered: there is no one to score, and the editor would
   * only make an evaluation of nobody. */
  if (!rubric_call_row_get_answered (row))
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

      if (RUBRIC_IS_WINDOW (root))
        rubric_window_add_toast (RUBRIC_WINDOW (root),
                                 _("No agent answered this call: there is nothing to score"));
      return;
    }

  /* The call's draft if it has one, else what was submitted for it. */
  uuid = rubric_call_find_evaluation (PARTS (self)->db, rubric_call_row_get_call_id (row),
                                      rubric_call_row_get_vendor_id (row), &error);
  if (error != NULL)
    g_warning ("Looking up the evaluations of call %s: %s",
               rubric_call_row_get_call_id (row), error->message);

  rubric_list_page_open_evaluation (RUBRIC_LIST_PAGE (self), uuid, rubric_call_row_get_id (row));
}

static void
activate (RubricListPage *page,
          guint           position)
{
  rubric_review_page_open_position (RUBRIC_REVIEW_PAGE (page), position);
}

/* The Audio and Scored cells show an icon or nothing; a screen reader
 * gets words instead, and each row a name that sums up the call. */
static void
recording_setup_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item)
{
  gtk_list_item_set_child (item, gtk_image_new ());
}

static void
recording_bind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item)
{
  GtkWidget *image = gtk_list_item_get_child (item);
  g_autofree char *recording = NULL;

  g_object_get (gtk_list_item_get_item (item), "recording", &recording, NULL);
  gtk_image_set_from_icon_name (GTK_IMAGE (image),
                                recording ? "audio-x-generic-symbolic" : NULL);
  gtk_widget_set_tooltip_text (image, recording);
  gtk_accessible_update_property (GTK_ACCESSIBLE (image),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  recording ? _("Recording") : _("No recording"),
                                  -1);
}

static void
state_setup_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_list_item_set_child (item, label);
}

static void
state_bind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item)
{
  GtkWidget *label = gtk_list_item_get_child (item);
  g_autofree char *time = NULL, *vendor = NULL, *agent = NULL, *queue = NULL;
  g_autofree char *wait = NULL, *talk = NULL, *recording = NULL, *state = NULL;
  g_autofree char *wait_text = NULL, *talk_text = NULL;

  g_object_get (gtk_list_item_get_item (item),
                "time", &time, "vendor", &vendor, "agent", &agent, "queue", &queue,
                "wait", &wait, "talk", &talk, "recording", &recording,
                "state-label", &state,
                NULL);

  gtk_label_set_label (GTK_LABEL (label), state);
  if (state == NULL || *state == '\0')
    {
      g_free (state);
      /* TRANSLATORS: the Scored cell of a call without any evaluation, for screen readers */
      state = g_strdup (_("Not scored"));
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, state,
                                  -1);

  if (wait != NULL && *wait != '\0')
    /* TRANSLATORS: part of a call's accessible name, "wait 0:26" */
    wait_text = g_strdup_printf (_("wait %s"), wait);
  if (talk != NULL && *talk != '\0')
    /* TRANSLATORS: part of a call's accessible name, "talk 3:05" */
    talk_text = g_strdup_printf (_("talk %s"), talk);

  /* "2026-11-21 16:34, Priya Shah, Acme Outsourcing, acme-helpdesk, wait 0:26,
   * talk 0:19, Recording, Not scored" */
  {
    const char *parts[] = { time, agent, vendor, queue, wait_text, talk_text,
                            recording ? _("Recording") : _("No recording"), state };

    rubric_list_page_name_row (label, parts, G_N_ELEMENTS (parts));
  }
}

void
rubric_review_page_invalidate (RubricReviewPage *self)
{
  g_return_if_fail (RUBRIC_IS_REVIEW_PAGE (self));

  if (PARTS (self)->list != NULL)
    rubric_paged_list_invalidate (PARTS (self)->list);
}

RubricCallList *
rubric_review_page_get_list (RubricReviewPage *self)
{
  g_return_val_if_fail (RUBRIC_IS_REVIEW_PAGE (self), NULL);

  return RUBRIC_CALL_LIST (PARTS (self)->list);
}

static RubricPagedList *
new_list (RubricDb *db)
{
  return RUBRIC_PAGED_LIST (rubric_call_list_new (db));
}

static void
rubric_review_page_class_init (RubricReviewPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  RubricListPageClass *list_page_class = RUBRIC_LIST_PAGE_CLASS (klass);

  list_page_class->new_list = new_list;
  list_page_class->apply_filters = apply_filters;
  list_page_class->clear_filters = clear_filters;
  list_page_class->activate = activate;
  list_page_class->show_count = show_count;

  g_type_ensure (RUBRIC_TYPE_CALL_ROW);

  /* "today", "yesterday", "week" (the last 7 days), "month" (this month
   * so far) or "all". */
  gtk_widget_class_install_action (widget_class, "review.show-days", "s", show_days_action);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rubricqa/Rubric/rubric-review-page.ui");
  rubric_list_page_bind_template (widget_class);
  gtk_widget_class_bind_template_child (widget_class, RubricReviewPage, dates_button);
  gtk_widget_class_bind_template_child (widget_class, RubricReviewPage, dates_label);
  gtk_widget_class_bind_template_child (widget_class, RubricReviewPage, from_toggle);
  gtk_widget_class_bind_template_child (widget_class, RubricReviewPage, to_toggle);
  gtk_widget_class_bind_template_child (widget_class, RubricReviewPage, calendar);
  gtk_widget_class_bind_template_child (widget_class, RubricReviewPage, show_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RubricReviewPage, vendor_column);
  gtk_widget_class_bind_template_child (widget_class, RubricReviewPage, agent_column);
  gtk_widget_class_bind_template_child (widget_class, RubricReviewPage, queue_column);
  gtk_widget_class_bind_template_child (widget_class, RubricReviewPage, wait_column);
  gtk_widget_class_bind_template_child (widget_class, RubricReviewPage, talk_column);
  gtk_widget_class_bind_template_child (widget_class, RubricReviewPage, recording_column);
  gtk_widget_class_bind_template_child (widget_class, RubricReviewPage, state_column);
  gtk_widget_class_bind_template_callback (widget_class, day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, end_toggled_cb);
}

static void
rubric_review_page_init (RubricReviewPage *self)
{
  rubric_list_page_init_template (RUBRIC_LIST_PAGE (self));

  rubric_list_page_set_factory (self->recording_column, G_CALLBACK (recording_setup_cb),
                                G_CALLBACK (recording_bind_cb));

  rubric_list_page_set_factory (self->state_column, G_CALLBACK (state_setup_cb),
                                G_CALLBACK (state_bind_cb));

  /* In the order of RubricCallSort. */
  rubric_column_sort_set_keys (PARTS (self)->time_column, self->vendor_column, self->agent_column,
                               self->queue_column, self->wait_column, self->talk_column,
                               self->recording_column, NULL);

  /* Narrow, the time, agent and state stay (360 px: a phone). */
  rubric_list_page_fold_columns (RUBRIC_LIST_PAGE (self),
                                 self->recording_column, self->talk_column, self->wait_column,
                                 self->queue_column, self->vendor_column, NULL);

  g_date_clear (&self->from, 1);
  g_date_clear (&self->to, 1);
  update_dates_label (self);
}
