/* rubric-review-page.c — the review queue: the calls to score
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The calls come from a RubricCallList, which pages them from SQLite and
 * sorts and filters there, so the view stays smooth over a million calls.
 * Answered calls come first (only they have someone to score), those with
 * a recording first among them.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rubric-a11y.h"
#include "rubric-column-sort.h"
#include "rubric-list-page-util.h"
#include "rubric-review-page.h"
#include "rubric-time.h"
#include "rubric-vendor-choice.h"

struct _RubricReviewPage
{
  AdwBin               parent_instance;

  /* Template widgets */
  GtkDropDown         *vendor_dropdown;
  GtkSearchEntry      *agent_entry;
  GtkMenuButton       *dates_button;
  GtkEntry            *from_entry;
  GtkEntry            *to_entry;
  GtkDropDown         *show_dropdown;
  GtkSpinner          *spinner;
  GtkLabel            *count_label;
  GtkButton           *open_button;
  GtkStack            *stack;
  GtkColumnView       *column_view;
  GtkColumnViewColumn *time_column;
  GtkColumnViewColumn *vendor_column;
  GtkColumnViewColumn *agent_column;
  GtkColumnViewColumn *queue_column;
  GtkColumnViewColumn *wait_column;
  GtkColumnViewColumn *talk_column;
  GtkColumnViewColumn *recording_column;
  GtkColumnViewColumn *state_column;

  /* Owned references */
  RubricCallList      *list;
  GtkSingleSelection  *selection;

  /* Borrowed references */
  RubricDb            *db;

  gboolean             filling;  /* setting the filters, not the user */
};

G_DEFINE_FINAL_TYPE (RubricReviewPage, rubric_review_page, ADW_TYPE_BIN)

enum {
  OPEN_EVALUATION,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* A day typed into a date entry: TRUE with @date set, TRUE with @date
 * cleared for an empty entry, FALSE (and the entry marked) otherwise. */
static gboolean
read_day (GtkEntry *entry,
          GDate    *date)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  g_date_clear (date, 1);
  if (*text == '\0' || rubric_time_parse_date (text, date))
    {
      gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
      return TRUE;
    }

  gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
  return FALSE;
}

static void
update_dates_label (RubricReviewPage *self,
                    const GDate      *from,
                    const GDate      *to)
{
  g_autofree char *label = NULL;
  char a[16] = "", b[16] = "";

  if (g_date_valid (from))
    g_date_strftime (a, sizeof a, "%Y-%m-%d", from);
  if (g_date_valid (to))
    g_date_strftime (b, sizeof b, "%Y-%m-%d", to);

  if (*a != '\0' && *b != '\0')
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

  gtk_menu_button_set_label (self->dates_button, label);
  rubric_a11y_fix_tree (GTK_WIDGET (self->dates_button));
}

static void
update_count (RubricReviewPage *self)
{
  g_autofree char *text = NULL;
  guint n;

  n = rubric_list_page_show_state (RUBRIC_PAGED_LIST (self->list), self->spinner, self->stack);
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u call", "%u calls", n), n);
  gtk_label_set_label (self->count_label, text);
}

static void
apply_filters (RubricReviewPage *self)
{
  RubricCallFilter filter = { 0 };
  GDate from, to;

  if (self->list == NULL || self->filling)
    return;

  /* A day half typed keeps the last good filter. */
  if (!read_day (self->from_entry, &from) | !read_day (self->to_entry, &to))
    return;

  filter.vendor_id = rubric_vendor_choice_get_id (self->vendor_dropdown);
  filter.agent = gtk_editable_get_text (GTK_EDITABLE (self->agent_entry));
  filter.from = &from;
  filter.to = &to;
  filter.show = (RubricCallShow) gtk_drop_down_get_selected (self->show_dropdown);
  if (filter.show > RUBRIC_CALL_SHOW_SCORED)
    filter.show = RUBRIC_CALL_SHOW_ALL;

  update_dates_label (self, &from, &to);
  rubric_call_list_set_filter (self->list, &filter);
  rubric_paged_list_reload (RUBRIC_PAGED_LIST (self->list));
}

static void
filter_changed_cb (RubricReviewPage *self)
{
  apply_filters (self);
}

static void
dates_changed_cb (RubricReviewPage *self)
{
  apply_filters (self);
}

static void
clear_dates_cb (RubricReviewPage *self)
{
  self->filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->from_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->to_entry), "");
  self->filling = FALSE;
  gtk_menu_button_popdown (self->dates_button);
  apply_filters (self);
}

static void
clear_filters_cb (RubricReviewPage *self)
{
  self->filling = TRUE;
  gtk_drop_down_set_selected (self->vendor_dropdown, 0);
  gtk_editable_set_text (GTK_EDITABLE (self->agent_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->from_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->to_entry), "");
  gtk_drop_down_set_selected (self->show_dropdown, RUBRIC_CALL_SHOW_ALL);
  self->filling = FALSE;
  apply_filters (self);
}

/* The order the column headers ask for; no column: newest first. */
static void
read_sort (RubricReviewPage *self)
{
  int key = RUBRIC_CALL_SORT_TIME;
  gboolean descending = TRUE;

  rubric_column_sort_get (self->column_view, &key, &descending);
  rubric_call_list_set_sort (self->list, key, descending);
}

static void
sorter_changed_cb (RubricReviewPage *self)
{
  /* Also called while the view is torn down. */
  if (self->list == NULL || self->column_view == NULL)
    return;

  read_sort (self);
  rubric_paged_list_reload (RUBRIC_PAGED_LIST (self->list));
}

void
rubric_review_page_open_position (RubricReviewPage *self,
                                  guint             position)
{
  g_autoptr(RubricCallRow) row = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = NULL;

  g_return_if_fail (RUBRIC_IS_REVIEW_PAGE (self));

  if (self->list == NULL)
    return;

  row = g_list_model_get_item (G_LIST_MODEL (self->list), position);
  if (row == NULL || rubric_call_row_get_call_id (row) == NULL)
    return;

  /* The call's draft if it has one, else what was submitted for it. */
  uuid = rubric_call_find_evaluation (self->db, rubric_call_row_get_call_id (row),
                                      rubric_call_row_get_vendor_id (row), &error);
  if (error != NULL)
    g_warning ("Looking up the evaluations of call %s: %s",
               rubric_call_row_get_call_id (row), error->message);

  g_signal_emit (self, signals[OPEN_EVALUATION], 0, uuid, rubric_call_row_get_id (row));
}

static void
column_view_activate_cb (RubricReviewPage *self,
                         guint             position)
{
  rubric_review_page_open_position (self, position);
}

/* The "Open" button: what Enter does on a row, for whoever selected
 * the row some other way (a screen reader's selection, say). */
static void
open_clicked_cb (RubricReviewPage *self)
{
  guint position = gtk_single_selection_get_selected (self->selection);

  if (position != GTK_INVALID_LIST_POSITION)
    rubric_review_page_open_position (self, position);
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
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
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
  g_autofree char *wait_text = NULL, *talk_text = NULL, *name = NULL;
  const char *parts[9];
  guint n = 0;

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
  if (time != NULL && *time != '\0')
    parts[n++] = time;
  if (agent != NULL && *agent != '\0')
    parts[n++] = agent;
  if (vendor != NULL && *vendor != '\0')
    parts[n++] = vendor;
  if (queue != NULL && *queue != '\0')
    parts[n++] = queue;
  if (wait_text != NULL)
    parts[n++] = wait_text;
  if (talk_text != NULL)
    parts[n++] = talk_text;
  parts[n++] = recording ? _("Recording") : _("No recording");
  parts[n++] = state;
  parts[n] = NULL;
  /* TRANSLATORS: between the parts of the accessible name of a list row, "16:34, Priya Shah, …" */
  name = g_strjoinv (_(", "), (char **) parts);
  rubric_a11y_set_row_label (label, name);
}

void
rubric_review_page_set_db (RubricReviewPage *self,
                           RubricDb         *db)
{
  g_return_if_fail (RUBRIC_IS_REVIEW_PAGE (self));
  g_return_if_fail (db != NULL);

  self->db = db;

  g_clear_object (&self->list);
  self->list = rubric_call_list_new (db);
  rubric_list_page_watch_list (RUBRIC_PAGED_LIST (self->list), G_CALLBACK (update_count), self);

  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->list));

  rubric_review_page_reload (self);
}

void
rubric_review_page_reload (RubricReviewPage *self)
{
  g_return_if_fail (RUBRIC_IS_REVIEW_PAGE (self));

  if (self->db == NULL)
    return;

  self->filling = TRUE;
  rubric_vendor_choice_fill (self->vendor_dropdown, self->db);
  self->filling = FALSE;

  if (self->list != NULL)
    read_sort (self);
  apply_filters (self);
}

void
rubric_review_page_invalidate (RubricReviewPage *self)
{
  g_return_if_fail (RUBRIC_IS_REVIEW_PAGE (self));

  if (self->list != NULL)
    rubric_paged_list_invalidate (RUBRIC_PAGED_LIST (self->list));
}

void
rubric_review_page_focus_search (RubricReviewPage *self)
{
  g_return_if_fail (RUBRIC_IS_REVIEW_PAGE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->agent_entry));
}

gboolean
rubric_review_page_get_loading (RubricReviewPage *self)
{
  g_return_val_if_fail (RUBRIC_IS_REVIEW_PAGE (self), FALSE);

  return self->list != NULL && rubric_paged_list_get_loading (RUBRIC_PAGED_LIST (self->list));
}

RubricCallList *
rubric_review_page_get_list (RubricReviewPage *self)
{
  g_return_val_if_fail (RUBRIC_IS_REVIEW_PAGE (self), NULL);

  return self->list;
}

static void
rubric_review_page_dispose (GObject *object)
{
  RubricReviewPage *self = RUBRIC_REVIEW_PAGE (object);

  rubric_list_page_dispose_template (ADW_BIN (self), RUBRIC_TYPE_REVIEW_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->list);

  G_OBJECT_CLASS (rubric_review_page_parent_class)->dispose (object);
}

static void
rubric_review_page_class_init (RubricReviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rubric_review_page_dispose;

  /* Emitted with the evaluation to open (NULL: a new one) for a call. */
  signals[OPEN_EVALUATION] =
    g_signal_new ("open-evaluation", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_INT64);

  g_type_ensure (RUBRIC_TYPE_CALL_ROW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rubricqa/Rubric/rubric-review-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RubricReviewPage, vendor_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RubricReviewPage, agent_entry);
  gtk_widget_class_bind_template_child (widget_class, RubricReviewPage, dates_button);
  gtk_widget_class_bind_template_child (widget_class, RubricReviewPage, from_entry);
  gtk_widget_class_bind_template_child (widget_class, RubricReviewPage, to_entry);
  gtk_widget_class_bind_template_child (widget_class, RubricReviewPage, show_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RubricReviewPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, RubricReviewPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, RubricReviewPage, open_button);
  gtk_widget_class_bind_template_child (widget_class, RubricReviewPage, stack);
  gtk_widget_class_bind_template_child (widget_class, RubricReviewPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, RubricReviewPage, time_column);
  gtk_widget_class_bind_template_child (widget_class, RubricReviewPage, vendor_column);
  gtk_widget_class_bind_template_child (widget_class, RubricReviewPage, agent_column);
  gtk_widget_class_bind_template_child (widget_class, RubricReviewPage, queue_column);
  gtk_widget_class_bind_template_child (widget_class, RubricReviewPage, wait_column);
  gtk_widget_class_bind_template_child (widget_class, RubricReviewPage, talk_column);
  gtk_widget_class_bind_template_child (widget_class, RubricReviewPage, recording_column);
  gtk_widget_class_bind_template_child (widget_class, RubricReviewPage, state_column);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, dates_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, clear_dates_cb);
  gtk_widget_class_bind_template_callback (widget_class, clear_filters_cb);
  gtk_widget_class_bind_template_callback (widget_class, column_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, open_clicked_cb);
}

static void
rubric_review_page_init (RubricReviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->selection = rubric_list_page_new_selection (self->column_view, self->open_button);

  rubric_list_page_set_factory (self->recording_column, G_CALLBACK (recording_setup_cb),
                                G_CALLBACK (recording_bind_cb));

  rubric_list_page_set_factory (self->state_column, G_CALLBACK (state_setup_cb),
                                G_CALLBACK (state_bind_cb));

  rubric_column_sort_set_key (self->time_column, RUBRIC_CALL_SORT_TIME);
  rubric_column_sort_set_key (self->vendor_column, RUBRIC_CALL_SORT_VENDOR);
  rubric_column_sort_set_key (self->agent_column, RUBRIC_CALL_SORT_AGENT);
  rubric_column_sort_set_key (self->queue_column, RUBRIC_CALL_SORT_QUEUE);
  rubric_column_sort_set_key (self->wait_column, RUBRIC_CALL_SORT_WAIT);
  rubric_column_sort_set_key (self->talk_column, RUBRIC_CALL_SORT_TALK);
  rubric_list_page_watch_sort (self->column_view, self->time_column,
                               G_CALLBACK (sorter_changed_cb), self);

  update_dates_label (self, &(GDate) { 0 }, &(GDate) { 0 });
}
