/* rubric-vendors-page.c — vendors rated per period against their contracts, and the exports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page rates every vendor with a contract over one period at a time,
 * in a worker thread (rubric-vendor-ratings.c): the list and the detail of
 * the selected vendor show the last ratings that came back while the next
 * are computed, and a period asked for while one is computed cancels it.
 * It opens on the period of the latest data, of the kind the contracts
 * agree on. The exports rate again in their own thread, as rubric-cli
 * ratings does, so the files never depend on what the page holds.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rubric-file-chooser.h"
#include "rubric-rating-figures.h"
#include "rubric-rating-text.h"
#include "rubric-vendor-row.h"
#include "rubric-vendors-page-private.h"

G_DEFINE_FINAL_TYPE (RubricVendorsPage, rubric_vendors_page, ADW_TYPE_BIN)

/* The period drop-down's items, in order. */
static const RubricPeriodKind kinds[] = {
  RUBRIC_PERIOD_DAY, RUBRIC_PERIOD_WEEK, RUBRIC_PERIOD_MONTH, RUBRIC_PERIOD_QUARTER,
  RUBRIC_PERIOD_YEAR,
};

enum {
  PROP_0,
  PROP_PERIOD_KIND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void start_load (RubricVendorsPage *self);

/* ------------------------------------------------------------- period */

/* The last day a period may reach: today, or later data. */
static gint32
last_day (RubricVendorsPage *self)
{
  return MAX (self->data_day, rubric_vendor_ratings_today ());
}

/* The period before (@step < 0) or after the one shown, within the years
 * 1 to 9999 and never past last_day (); FALSE when there is none. */
static gboolean
neighbour (RubricVendorsPage *self,
           int                step,
           RubricDayRange    *range)
{
  if (!self->has_period)
    return FALSE;

  if (step < 0)
    {
      if (self->range.first <= RUBRIC_DAY_FIRST)
        return FALSE;
      *range = rubric_period_containing (self->range.first - 1, self->kind);
      return range->first >= RUBRIC_DAY_FIRST;
    }

  if (self->range.last >= MIN (last_day (self), RUBRIC_DAY_LAST))
    return FALSE;
  *range = rubric_period_containing (self->range.last + 1, self->kind);
  return range->last <= RUBRIC_DAY_LAST;
}

static void
update_actions (RubricVendorsPage *self)
{
  gboolean ready = self->has_period && self->db != NULL;
  RubricDayRange range;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "vendors.previous-period",
                                 ready && neighbour (self, -1, &range));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "vendors.next-period",
                                 ready && neighbour (self, 1, &range));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "vendors.export",
                                 ready && self->ratings != NULL && self->ratings->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "vendors.import-contract",
                                 self->db != NULL && !self->import_refused);
}

void
rubric_vendors_page_set_can_import (RubricVendorsPage *self,
                                    gboolean           can_import)
{
  g_return_if_fail (RUBRIC_IS_VENDORS_PAGE (self));

  self->import_refused = !can_import;
  update_actions (self);
}

static void
update_period (RubricVendorsPage *self)
{
  g_autofree char *title = NULL;

  if (self->has_period)
    title = rubric_period_title (self->range, self->kind);
  gtk_label_set_label (self->period_label, title != NULL ? title : "");

  self->filling = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (kinds[i] == self->kind)
      gtk_drop_down_set_selected (self->kind_dropdown, i);
  self->filling = FALSE;

  update_actions (self);
}

/* Shows @range, of @kind, without rating it yet. */
static void
take_period (RubricVendorsPage *self,
             RubricDayRange     range,
             RubricPeriodKind   kind)
{
  gboolean kind_changed = kind != self->kind;

  self->range = range;
  self->kind = kind;
  self->has_period = TRUE;
  update_period (self);
  /* The radio items of the narrow menu follow. */
  if (kind_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PERIOD_KIND]);
}

static void
set_period (RubricVendorsPage *self,
            RubricDayRange     range,
            RubricPeriodKind   kind)
{
  take_period (self, range, kind);
  start_load (self);
}

/* One period back (@step < 0) or on; FALSE when there is none. */
static gboolean
step_period (RubricVendorsPage *self,
             int                step)
{
  RubricDayRange range;

  if (!neighbour (self, step, &range))
    return FALSE;

  self->moved = TRUE;
  set_period (self, range, self->kind);
  return TRUE;
}

static void
previous_period_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  step_period (RUBRIC_VENDORS_PAGE (widget), -1);
}

static void
next_period_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  step_period (RUBRIC_VENDORS_PAGE (widget), 1);
}

/* Alt+← and Alt+→ anywhere in the page, folded or not: in the capture
 * phase, before the vendor list, its rows and the leaflets (whose own
 * Alt+← goes back a step, which the back buttons do here) see the keys. */
static gboolean
period_shortcut_cb (GtkWidget *widget,
                    GVariant  *args,
                    gpointer   user_data)
{
  RubricVendorsPage *self = RUBRIC_VENDORS_PAGE (widget);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "ratings") != 0)
    return FALSE;

  return step_period (self, GPOINTER_TO_INT (user_data));
}

static void
add_period_shortcuts (RubricVendorsPage *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();
  const struct { guint keyval; int step; } keys[] = { { GDK_KEY_Left, -1 }, { GDK_KEY_Right, 1 } };

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
      gtk_shortcut_new (gtk_keyval_trigger_new (keys[i].keyval, GDK_ALT_MASK),
                        gtk_callback_action_new (period_shortcut_cb,
                                                 GINT_TO_POINTER (keys[i].step), NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

/* Another length of period: the one that holds the latest data when the
 * old period did, else the one that holds the old period's day nearest to
 * it. */
static void
set_kind (RubricVendorsPage *self,
          RubricPeriodKind   kind)
{
  gint32 anchor;

  if (!self->has_period || kind == self->kind)
    return;

  anchor = CLAMP (self->data_day, self->range.first, self->range.last);
  self->moved = TRUE;
  set_period (self, rubric_period_containing (anchor, kind), kind);
}

static void
kind_changed_cb (RubricVendorsPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->kind_dropdown);

  if (!self->filling && selected < G_N_ELEMENTS (kinds))
    set_kind (self, kinds[selected]);
}

/* -------------------------------------------------------------- vendors */

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  return rubric_vendor_row_new (RUBRIC_RATING_ITEM (item));
}

static void
show_ratings (RubricVendorsPage *self,
              GPtrArray         *ratings)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  gboolean list_focused = focus != NULL &&
                          gtk_widget_is_ancestor (focus, GTK_WIDGET (self->vendor_list));
  GtkListBoxRow *chosen = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  g_clear_pointer (&self->ratings, g_ptr_array_unref);
  self->ratings = ratings;

  /* The list box makes the rows (rubric-vendor-row.c) of the new items. */
  for (guint i = 0; i < ratings->len; i++)
    g_ptr_array_add (items, rubric_rating_item_new (ratings, i));
  self->filling = TRUE;
  g_list_store_splice (self->vendors, 0, g_list_model_get_n_items (G_LIST_MODEL (self->vendors)),
                       items->pdata, items->len);
  self->filling = FALSE;
  for (guint i = 0; i < ratings->len; i++)
    {
      RubricRating *rating = g_ptr_array_index (ratings, i);

      if (chosen == NULL || g_strcmp0 (rating->vendor, self->selected) == 0)
        chosen = gtk_list_box_get_row_at_index (self->vendor_list, i);
    }

  gtk_widget_set_visible (self->toolbar, ratings->len > 0);
  gtk_widget_set_visible (self->toolbar_separator, ratings->len > 0);
  gtk_stack_set_visible_child_name (self->stack, ratings->len > 0 ? "ratings" : "empty");
  update_period (self);

  /* The vendor shown before, or the first; and the keyboard stays on it
   * (Alt+→ in the list). */
  if (chosen != NULL)
    {
      gtk_list_box_select_row (self->vendor_list, chosen);
      if (list_focused)
        gtk_widget_grab_focus (GTK_WIDGET (chosen));
    }
}

static void
vendor_selected_cb (RubricVendorsPage *self,
                    GtkListBoxRow     *row)
{
  RubricRating *rating;
  int index;

  if (self->filling || row == NULL || self->ratings == NULL)
    return;

  index = gtk_list_box_row_get_index (row);
  if (index < 0 || (guint) index >= self->ratings->len)
    return;

  rating = g_ptr_array_index (self->ratings, index);
  g_free (self->selected);
  self->selected = g_strdup (rating->vendor);
  rubric_vendor_detail_show (self->detail, rating);
}

static void
vendor_activated_cb (RubricVendorsPage *self,
                     GtkListBoxRow     *row)
{
  /* Folded, the detail is one step on. */
  adw_leaflet_set_visible_child (self->leaflet, self->detail_box);
}

static void
back_clicked_cb (RubricVendorsPage *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* One back button at a time: folded inside a folded window, the window's
 * header has one already, which comes back to the vendor list first
 * (rubric_vendors_page_navigate_back ()); the page's own shows only when
 * the window has its sidebar beside the page. */
static void
update_back_button (RubricVendorsPage *self)
{
  gboolean outer_folded = self->outer != NULL && adw_leaflet_get_folded (self->outer);

  if (self->back_button == NULL)
    return;
  gtk_widget_set_visible (self->back_button,
                          adw_leaflet_get_folded (self->leaflet) && !outer_folded);
}

void
rubric_vendors_page_show_detail (RubricVendorsPage *self)
{
  g_return_if_fail (RUBRIC_IS_VENDORS_PAGE (self));

  adw_leaflet_set_visible_child (self->leaflet, self->detail_box);
}

gboolean
rubric_vendors_page_navigate_back (RubricVendorsPage *self)
{
  g_return_val_if_fail (RUBRIC_IS_VENDORS_PAGE (self), FALSE);

  if (!adw_leaflet_get_folded (self->leaflet) ||
      adw_leaflet_get_visible_child (self->leaflet) != self->detail_box ||
      g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "ratings") != 0)
    return FALSE;

  return adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
rubric_vendors_page_root (GtkWidget *widget)
{
  RubricVendorsPage *self = RUBRIC_VENDORS_PAGE (widget);
  GtkWidget *outer;

  GTK_WIDGET_CLASS (rubric_vendors_page_parent_class)->root (widget);

  outer = gtk_widget_get_ancestor (gtk_widget_get_parent (widget), ADW_TYPE_LEAFLET);
  if (outer != NULL)
    {
      self->outer = ADW_LEAFLET (outer);
      g_signal_connect_object (outer, "notify::folded", G_CALLBACK (update_back_button), self,
                               G_CONNECT_SWAPPED);
    }
  update_back_button (self);
}

static void
rubric_vendors_page_unroot (GtkWidget *widget)
{
  RubricVendorsPage *self = RUBRIC_VENDORS_PAGE (widget);

  if (self->outer != NULL)
    g_signal_handlers_disconnect_by_func (self->outer, update_back_button, self);
  self->outer = NULL;

  GTK_WIDGET_CLASS (rubric_vendors_page_parent_class)->unroot (widget);
}

gboolean
rubric_vendors_page_select_vendor (RubricVendorsPage *self,
                                   const char        *vendor)
{
  g_return_val_if_fail (RUBRIC_IS_VENDORS_PAGE (self), FALSE);
  g_return_val_if_fail (vendor != NULL, FALSE);

  for (guint i = 0; self->ratings != NULL && i < self->ratings->len; i++)
    {
      RubricRating *rating = g_ptr_array_index (self->ratings, i);

      if (g_str_equal (rating->vendor, vendor))
        {
          gtk_list_box_select_row (self->vendor_list,
                                   gtk_list_box_get_row_at_index (self->vendor_list, i));
          return TRUE;
        }
    }

  return FALSE;
}

/* -------------------------------------------------------------- loading */

static void
load_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(RubricVendorsPage) self = user_data;
  g_autoptr(GPtrArray) ratings = NULL;
  g_autoptr(GError) error = NULL;
  RubricDayRange range;
  RubricPeriodKind kind;
  gint32 latest;

  ratings = rubric_vendor_ratings_finish (result, &range, &kind, &latest, &error);
  g_clear_object (&self->loading);

  if (self->disposed)
    return;

  g_clear_handle_id (&self->stale_source, g_source_remove);

  /* Another period (or the same, after a change) was asked for meanwhile. */
  if (self->reload_pending)
    {
      self->reload_pending = FALSE;
      start_load (self);
      return;
    }

  gtk_spinner_set_spinning (self->spinner, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  gtk_widget_set_opacity (GTK_WIDGET (self->leaflet), 1);

  if (ratings == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      gtk_widget_set_visible (self->toolbar, self->has_period);
      gtk_widget_set_visible (self->toolbar_separator, self->has_period);
      return;
    }

  /* Until the user moves, the period shown is the one the data suggests,
   * found again after every change (an import, sample data). */
  self->data_day = latest;
  if (!self->moved)
    take_period (self, range, kind);

  show_ratings (self, g_steal_pointer (&ratings));
}

/* The ratings shown are of another period than the one named above them:
 * after a moment, they say so by fading. */
static gboolean
stale_cb (gpointer user_data)
{
  RubricVendorsPage *self = user_data;

  self->stale_source = 0;
  gtk_widget_set_opacity (GTK_WIDGET (self->leaflet), 0.5);

  return G_SOURCE_REMOVE;
}

static void
start_load (RubricVendorsPage *self)
{
  if (self->db == NULL || self->disposed)
    return;

  /* One computation at a time: the one under way stops at its next vendor
   * and this one starts when it is back. */
  if (self->loading != NULL)
    {
      self->reload_pending = TRUE;
      g_cancellable_cancel (self->loading);
      return;
    }

  self->loading = g_cancellable_new ();
  gtk_spinner_set_spinning (self->spinner, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), TRUE);
  if (self->ratings == NULL)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  else if (self->stale_source == 0)
    self->stale_source = g_timeout_add (300, stale_cb, self);

  rubric_vendor_ratings_async (self->db, self->moved ? &self->range : NULL, self->kind,
                               self->loading, load_done_cb, g_object_ref (self));
}

void
rubric_vendors_page_set_db (RubricVendorsPage *self,
                            RubricDb          *db)
{
  g_return_if_fail (RUBRIC_IS_VENDORS_PAGE (self));
  g_return_if_fail (db != NULL);

  self->db = db;
  update_actions (self);
  start_load (self);
}

void
rubric_vendors_page_reload (RubricVendorsPage *self)
{
  g_return_if_fail (RUBRIC_IS_VENDORS_PAGE (self));

  start_load (self);
}

gboolean
rubric_vendors_page_get_loading (RubricVendorsPage *self)
{
  g_return_val_if_fail (RUBRIC_IS_VENDORS_PAGE (self), FALSE);

  return self->loading != NULL;
}

gboolean
rubric_vendors_page_get_period (RubricVendorsPage *self,
                                RubricDayRange    *range,
                                RubricPeriodKind  *kind)
{
  g_return_val_if_fail (RUBRIC_IS_VENDORS_PAGE (self), FALSE);

  if (range != NULL)
    *range = self->range;
  if (kind != NULL)
    *kind = self->kind;

  return self->has_period;
}

GPtrArray *
rubric_vendors_page_get_ratings (RubricVendorsPage *self)
{
  g_return_val_if_fail (RUBRIC_IS_VENDORS_PAGE (self), NULL);

  return self->ratings;
}

GtkListBox *
rubric_vendors_page_get_vendor_list (RubricVendorsPage *self)
{
  g_return_val_if_fail (RUBRIC_IS_VENDORS_PAGE (self), NULL);

  return self->vendor_list;
}

RubricVendorDetail *
rubric_vendors_page_get_detail (RubricVendorsPage *self)
{
  g_return_val_if_fail (RUBRIC_IS_VENDORS_PAGE (self), NULL);

  return self->detail;
}

/* ----------------------------------------------------------------- page */

static void
rubric_vendors_page_dispose (GObject *object)
{
  RubricVendorsPage *self = RUBRIC_VENDORS_PAGE (object);

  self->disposed = TRUE;
  g_clear_handle_id (&self->stale_source, g_source_remove);
  if (self->loading != NULL)
    g_cancellable_cancel (self->loading);
  rubric_file_chooser_destroy (&self->chooser);

  /* AdwBin keeps its child: let go of it before the template's children
   * are unparented, or it would unparent one a second time. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RUBRIC_TYPE_VENDORS_PAGE);
  g_clear_object (&self->vendors);
  g_clear_pointer (&self->ratings, g_ptr_array_unref);

  G_OBJECT_CLASS (rubric_vendors_page_parent_class)->dispose (object);
}

static void
rubric_vendors_page_finalize (GObject *object)
{
  RubricVendorsPage *self = RUBRIC_VENDORS_PAGE (object);

  g_clear_object (&self->loading);
  g_free (self->selected);

  G_OBJECT_CLASS (rubric_vendors_page_parent_class)->finalize (object);
}

static void
rubric_vendors_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  RubricVendorsPage *self = RUBRIC_VENDORS_PAGE (object);

  switch (prop_id)
    {
    case PROP_PERIOD_KIND:
      g_value_set_string (value, rubric_period_kind_to_string (self->kind));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rubric_vendors_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  RubricVendorsPage *self = RUBRIC_VENDORS_PAGE (object);
  RubricPeriodKind kind;

  switch (prop_id)
    {
    case PROP_PERIOD_KIND:
      if (rubric_period_kind_from_string (g_value_get_string (value), &kind))
        set_kind (self, kind);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rubric_vendors_page_class_init (RubricVendorsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rubric_vendors_page_dispose;
  object_class->finalize = rubric_vendors_page_finalize;
  object_class->get_property = rubric_vendors_page_get_property;
  object_class->set_property = rubric_vendors_page_set_property;
  widget_class->root = rubric_vendors_page_root;
  widget_class->unroot = rubric_vendors_page_unroot;

  /* The length of the period shown: "day", "week", "month", "quarter" or
   * "year" (the radio items of the narrow menu). */
  properties[PROP_PERIOD_KIND] =
    g_param_spec_string ("period-kind", NULL, NULL, "month",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (RUBRIC_TYPE_VENDOR_DETAIL);

  gtk_widget_class_install_action (widget_class, "vendors.previous-period", NULL,
                                   previous_period_action);
  gtk_widget_class_install_action (widget_class, "vendors.next-period", NULL,
                                   next_period_action);
  gtk_widget_class_install_property_action (widget_class, "vendors.period-kind", "period-kind");
  gtk_widget_class_install_action (widget_class, "vendors.export", "s",
                                   rubric_vendors_page_export_action);
  gtk_widget_class_install_action (widget_class, "vendors.import-contract", NULL,
                                   rubric_vendors_page_import_contract_action);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rubricqa/Rubric/rubric-vendors-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RubricVendorsPage, toolbar);
  gtk_widget_class_bind_template_child (widget_class, RubricVendorsPage, toolbar_separator);
  gtk_widget_class_bind_template_child (widget_class, RubricVendorsPage, period_label);
  gtk_widget_class_bind_template_child (widget_class, RubricVendorsPage, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RubricVendorsPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, RubricVendorsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, RubricVendorsPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, RubricVendorsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, RubricVendorsPage, vendor_list);
  gtk_widget_class_bind_template_child (widget_class, RubricVendorsPage, detail_box);
  gtk_widget_class_bind_template_child (widget_class, RubricVendorsPage, detail);
  gtk_widget_class_bind_template_child (widget_class, RubricVendorsPage, back_button);
  gtk_widget_class_bind_template_callback (widget_class, kind_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, vendor_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, vendor_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, update_back_button);
}

static void
rubric_vendors_page_init (RubricVendorsPage *self)
{
  rubric_vendor_detail_ensure_style ();
  gtk_widget_init_template (GTK_WIDGET (self));
  add_period_shortcuts (self);

  self->vendors = g_list_store_new (RUBRIC_TYPE_RATING_ITEM);
  gtk_list_box_bind_model (self->vendor_list, G_LIST_MODEL (self->vendors), create_row_cb,
                           NULL, NULL);

  self->kind = RUBRIC_PERIOD_MONTH;
  self->data_day = RUBRIC_DAY_FIRST;
  update_period (self);
}
