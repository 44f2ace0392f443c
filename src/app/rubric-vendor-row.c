/* rubric-vendor-row.c — a vendor of the Vendors page's list: name, rating, grade, range, flags
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page's list is a GtkListBox bound to a GListStore of
 * RubricRatingItem (gtk_list_box_bind_model): a new period replaces the
 * store's items, and the list box makes a row of this template for each.
 * A row reads whole to a screen reader, with its flags.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rubric-rating-figures.h"
#include "rubric-vendor-detail.h"
#include "rubric-vendor-row.h"

/* ------------------------------------------------------------------ item */

struct _RubricRatingItem
{
  GObject    parent_instance;

  GPtrArray *ratings;
  guint      index;
};

G_DEFINE_FINAL_TYPE (RubricRatingItem, rubric_rating_item, G_TYPE_OBJECT)

static void
rubric_rating_item_finalize (GObject *object)
{
  RubricRatingItem *self = RUBRIC_RATING_ITEM (object);

  g_clear_pointer (&self->ratings, g_ptr_array_unref);

  G_OBJECT_CLASS (rubric_rating_item_parent_class)->finalize (object);
}

static void
rubric_rating_item_class_init (RubricRatingItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rubric_rating_item_finalize;
}

static void
rubric_rating_item_init (RubricRatingItem *self)
{
}

RubricRatingItem *
rubric_rating_item_new (GPtrArray *ratings,
                        guint      index)
{
  RubricRatingItem *self;

  g_return_val_if_fail (ratings != NULL, NULL);
  g_return_val_if_fail (index < ratings->len, NULL);

  self = g_object_new (RUBRIC_TYPE_RATING_ITEM, NULL);
  self->ratings = g_ptr_array_ref (ratings);
  self->index = index;

  return self;
}

const RubricRating *
rubric_rating_item_get_rating (RubricRatingItem *self)
{
  g_return_val_if_fail (RUBRIC_IS_RATING_ITEM (self), NULL);

  return g_ptr_array_index (self->ratings, self->index);
}

/* ------------------------------------------------------------------- row */

struct _RubricVendorRow
{
  GtkListBoxRow  parent_instance;

  /* Template widgets */
  GtkLabel      *name_label;
  GtkLabel      *rating_label;
  GtkLabel      *grade_label;
  GtkLabel      *facts_label;
  GtkBox        *tags_box;
};

G_DEFINE_FINAL_TYPE (RubricVendorRow, rubric_vendor_row, GTK_TYPE_LIST_BOX_ROW)

static GtkWidget *
tag_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "rubric-tag");
  return label;
}

static void
show_rating (RubricVendorRow    *self,
             const RubricRating *rating)
{
  g_autofree char *flags = rubric_rating_flags_string (rating, ";");
  g_auto(GStrv) flag_names = g_strsplit (flags, ";", -1);
  g_autoptr(GString) accessible = g_string_new (NULL);
  g_autofree char *credits = rubric_percent_format (rating->credits);
  g_autofree char *credits_text = NULL;
  g_autofree char *facts_text = NULL;
  g_autofree char *rating_text = NULL;

  gtk_label_set_label (self->name_label, rating->vendor);
  rating_text = rating->has_rating ? rubric_rating_format (rating->rating) : g_strdup ("—");
  gtk_label_set_label (self->rating_label, rating_text);
  rubric_vendor_detail_set_grade_label (self->grade_label, rating);

  /* Translators: the credits a vendor owes, in the vendor list, "8 % credits" */
  credits_text = g_strdup_printf (_("%s credits"), credits);
  if (rating->has_rating)
    {
      g_autofree char *low = rubric_rating_format (rating->rating_low);
      g_autofree char *high = rubric_rating_format (rating->rating_high);
      g_autofree char *range = g_strdup_printf (_("Range %s–%s"), low, high);

      facts_text = g_strdup_printf ("%s · %s", range, credits_text);
      /* Translators: the accessible name of a vendor in the vendor list,
       * "Acme Outsourcing, rating 91.5, grade B, range 79.4 to 94.6, credits owed 8 %" */
      g_string_printf (accessible, _("%s, rating %s, grade %s, range %s to %s, credits owed %s"),
                       rating->vendor, rating_text, rating->grade != NULL ? rating->grade : "—",
                       low, high, credits);
    }
  else
    {
      facts_text = g_strdup_printf ("%s · %s", _("No rating"), credits_text);
      /* Translators: the accessible name of a vendor without a rating in the vendor list */
      g_string_printf (accessible, _("%s, no rating, credits owed %s"), rating->vendor, credits);
    }
  gtk_label_set_label (self->facts_label, facts_text);

  for (guint i = 0; flag_names[i] != NULL; i++)
    if (*flag_names[i] != '\0')
      {
        const char *title = rubric_rating_flag_title (flag_names[i]);

        gtk_box_append (self->tags_box, tag_label (title));
        g_string_append (accessible, _(", "));
        g_string_append (accessible, title);
      }
  gtk_widget_set_visible (GTK_WIDGET (self->tags_box),
                          gtk_widget_get_first_child (GTK_WIDGET (self->tags_box)) != NULL);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible->str,
                                  -1);
}

GtkWidget *
rubric_vendor_row_new (RubricRatingItem *item)
{
  RubricVendorRow *self;

  g_return_val_if_fail (RUBRIC_IS_RATING_ITEM (item), NULL);

  self = g_object_new (RUBRIC_TYPE_VENDOR_ROW, NULL);
  show_rating (self, rubric_rating_item_get_rating (item));

  return GTK_WIDGET (self);
}

static void
rubric_vendor_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), RUBRIC_TYPE_VENDOR_ROW);

  G_OBJECT_CLASS (rubric_vendor_row_parent_class)->dispose (object);
}

static void
rubric_vendor_row_class_init (RubricVendorRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = rubric_vendor_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rubricqa/Rubric/rubric-vendor-row.ui");
  gtk_widget_class_bind_template_child (widget_class, RubricVendorRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, RubricVendorRow, rating_label);
  gtk_widget_class_bind_template_child (widget_class, RubricVendorRow, grade_label);
  gtk_widget_class_bind_template_child (widget_class, RubricVendorRow, facts_label);
  gtk_widget_class_bind_template_child (widget_class, RubricVendorRow, tags_box);
}

static void
rubric_vendor_row_init (RubricVendorRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
