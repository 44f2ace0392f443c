/* rubric-rating-chart.c — a small line chart of a figure over periods, with its range as a band
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Drawn with cairo inside the snapshot, in the theme's accent and text
 * colours, so it follows the dark style. It is a picture for screen
 * readers (role img): whoever uses it names it with what it shows.
 */

#include "config.h"

#include <math.h>

#include "rubric-rating-chart.h"

typedef struct
{
  double  value;
  char   *label;
} Guide;

struct _RubricRatingChart
{
  GtkWidget  parent_instance;

  GArray    *points;     /* RubricChartPoint */
  GArray    *guides;     /* Guide */
  char      *first_label;
  char      *last_label;
  char      *note;
  gboolean   has_scale;
  double     min;
  double     max;
  gboolean   compact;
};

G_DEFINE_FINAL_TYPE (RubricRatingChart, rubric_rating_chart, GTK_TYPE_WIDGET)

#define PAD 6.0

static void
guide_clear (gpointer data)
{
  Guide *guide = data;

  g_free (guide->label);
}

GtkWidget *
rubric_rating_chart_new (void)
{
  return g_object_new (RUBRIC_TYPE_RATING_CHART, NULL);
}

void
rubric_rating_chart_set_points (RubricRatingChart      *self,
                                const RubricChartPoint *points,
                                guint                   n_points)
{
  g_return_if_fail (RUBRIC_IS_RATING_CHART (self));
  g_return_if_fail (points != NULL || n_points == 0);

  g_array_set_size (self->points, 0);
  g_array_append_vals (self->points, points, n_points);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
rubric_rating_chart_set_scale (RubricRatingChart *self,
                               double             min,
                               double             max)
{
  g_return_if_fail (RUBRIC_IS_RATING_CHART (self));
  g_return_if_fail (min < max);

  self->has_scale = TRUE;
  self->min = min;
  self->max = max;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
rubric_rating_chart_add_guide (RubricRatingChart *self,
                               double             value,
                               const char        *label)
{
  Guide guide = { value, g_strdup (label) };

  g_return_if_fail (RUBRIC_IS_RATING_CHART (self));

  g_array_append_val (self->guides, guide);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
rubric_rating_chart_clear_guides (RubricRatingChart *self)
{
  g_return_if_fail (RUBRIC_IS_RATING_CHART (self));

  g_array_set_size (self->guides, 0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
rubric_rating_chart_set_labels (RubricRatingChart *self,
                                const char        *first,
                                const char        *last)
{
  g_return_if_fail (RUBRIC_IS_RATING_CHART (self));

  g_free (self->first_label);
  self->first_label = g_strdup (first);
  g_free (self->last_label);
  self->last_label = g_strdup (last);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
rubric_rating_chart_set_compact (RubricRatingChart *self,
                                 gboolean           compact)
{
  g_return_if_fail (RUBRIC_IS_RATING_CHART (self));

  compact = !!compact;
  if (self->compact == compact)
    return;

  self->compact = compact;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
rubric_rating_chart_set_note (RubricRatingChart *self,
                              const char        *note)
{
  g_return_if_fail (RUBRIC_IS_RATING_CHART (self));

  g_free (self->note);
  self->note = g_strdup (note);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ------------------------------------------------------------- drawing */

/* The points' own range, with a little room, when no scale was given. */
static void
get_scale (RubricRatingChart *self,
           double            *min,
           double            *max)
{
  gboolean any = FALSE;

  if (self->has_scale)
    {
      *min = self->min;
      *max = self->max;
      return;
    }

  *min = *max = 0;
  for (guint i = 0; i < self->points->len; i++)
    {
      const RubricChartPoint *p = &g_array_index (self->points, RubricChartPoint, i);
      double low, high;

      if (!p->has_value)
        continue;
      low = p->has_band ? MIN (p->low, p->value) : p->value;
      high = p->has_band ? MAX (p->high, p->value) : p->value;
      *min = any ? MIN (*min, low) : low;
      *max = any ? MAX (*max, high) : high;
      any = TRUE;
    }
  for (guint i = 0; i < self->guides->len; i++)
    {
      double value = g_array_index (self->guides, Guide, i).value;

      *min = any ? MIN (*min, value) : value;
      *max = any ? MAX (*max, value) : value;
      any = TRUE;
    }

  if (*max - *min < 1e-9)
    {
      *min -= 1;
      *max += 1;
    }
  else
    {
      double room = (*max - *min) * 0.1;

      *min -= room;
      *max += room;
    }
}

static PangoLayout *
small_layout (GtkWidget  *widget,
              const char *text)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_scale_new (0.83));
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);

  return layout;
}

static int
text_width (GtkWidget  *widget,
            const char *text)
{
  g_autoptr(PangoLayout) layout = small_layout (widget, text);
  int width;

  pango_layout_get_pixel_size (layout, &width, NULL);
  return width;
}

static int
text_height (GtkWidget *widget)
{
  g_autoptr(PangoLayout) layout = small_layout (widget, "0");
  int height;

  pango_layout_get_pixel_size (layout, NULL, &height);
  return height;
}

static void
show_text (cairo_t    *cr,
           GtkWidget  *widget,
           const char *text,
           double      x,
           double      y,
           double      xalign,
           double      yalign)
{
  g_autoptr(PangoLayout) layout = small_layout (widget, text);
  int width, height;

  pango_layout_get_pixel_size (layout, &width, &height);
  cairo_move_to (cr, round (x - width * xalign), round (y - height * yalign));
  pango_cairo_show_layout (cr, layout);
}

static char *
scale_text (double value)
{
  return g_strdup_printf ("%.0f", value);
}

static void
draw (RubricRatingChart *self,
      cairo_t           *cr,
      int                width,
      int                height)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkStyleContext *style = gtk_widget_get_style_context (widget);
  g_autofree char *min_text = NULL;
  g_autofree char *max_text = NULL;
  g_autoptr(PangoLayout) note = NULL;
  PangoRectangle note_rect = { 0 };
  double note_x = 0, note_y = 0;
  GdkRGBA fg, accent;
  double min, max;
  double left = PAD, right = width - PAD, top = PAD, bottom = height - PAD;
  double step;
  guint n = self->points->len;

  gtk_style_context_get_color (style, &fg);
  if (!gtk_style_context_lookup_color (style, "accent_color", &accent))
    gdk_rgba_parse (&accent, "#3584e4");

  get_scale (self, &min, &max);

  if (!self->compact)
    {
      int guide_width = 0;

      min_text = scale_text (min);
      max_text = scale_text (max);
      left = PAD + MAX (text_width (widget, min_text), text_width (widget, max_text)) + PAD;
      for (guint i = 0; i < self->guides->len; i++)
        {
          const char *label = g_array_index (self->guides, Guide, i).label;

          if (label != NULL)
            guide_width = MAX (guide_width, text_width (widget, label));
        }
      right = width - PAD - (guide_width > 0 ? guide_width + PAD : 0);
      top = PAD + text_height (widget) / 2.0;
      if (self->first_label != NULL || self->last_label != NULL)
        bottom = height - PAD - text_height (widget) - PAD;
    }

  if (right - left < 10 || bottom - top < 10)
    return;

#define Y(v) (bottom - ((CLAMP ((v), min, max) - min) / (max - min)) * (bottom - top))

  /* The note, placed first: the lines go round it. */
  if (self->note != NULL && !self->compact)
    {
      note = small_layout (widget, self->note);
      pango_layout_get_pixel_extents (note, NULL, &note_rect);
      if (note_rect.width > right - left)
        {
          pango_layout_set_width (note, (int) (right - left) * PANGO_SCALE);
          pango_layout_set_alignment (note, PANGO_ALIGN_CENTER);
          pango_layout_get_pixel_extents (note, NULL, &note_rect);
        }
      note_x = round ((left + right) / 2 - note_rect.x - note_rect.width / 2.0);
      note_y = round ((top + bottom - note_rect.height) / 2);
    }

  cairo_set_line_width (cr, 1);

  /* The scale's lines, clipped round the note. */
  cairo_save (cr);
  if (note != NULL)
    {
      cairo_rectangle (cr, 0, 0, width, height);
      cairo_rectangle (cr, note_x + note_rect.x - PAD, note_y - PAD / 2,
                       note_rect.width + 2 * PAD, note_rect.height + PAD);
      cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
      cairo_clip (cr);
    }

  /* The frame of the scale: its top and bottom. */
  if (!self->compact)
    {
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.12);
      cairo_move_to (cr, left, round (Y (max)) + 0.5);
      cairo_line_to (cr, right, round (Y (max)) + 0.5);
      cairo_move_to (cr, left, round (Y (min)) + 0.5);
      cairo_line_to (cr, right, round (Y (min)) + 0.5);
      cairo_stroke (cr);
    }

  /* Guides: dashed. */
  for (guint i = 0; i < self->guides->len; i++)
    {
      const Guide *guide = &g_array_index (self->guides, Guide, i);
      double dash[] = { 3, 3 };
      double y;

      if (guide->value < min || guide->value > max)
        continue;
      y = round (Y (guide->value)) + 0.5;
      cairo_save (cr);
      cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, self->compact ? 0.25 : 0.3);
      cairo_move_to (cr, left, y);
      cairo_line_to (cr, right, y);
      cairo_stroke (cr);
      cairo_restore (cr);
    }
  cairo_restore (cr);

  /* The labels: the scale's at the left, the guides' at the right. */
  if (!self->compact)
    {
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.55);
      show_text (cr, widget, max_text, left - PAD, Y (max), 1, 0.5);
      show_text (cr, widget, min_text, left - PAD, Y (min), 1, 0.5);
      for (guint i = 0; i < self->guides->len; i++)
        {
          const Guide *guide = &g_array_index (self->guides, Guide, i);

          if (guide->label != NULL && guide->value >= min && guide->value <= max)
            show_text (cr, widget, guide->label, right + PAD, round (Y (guide->value)) + 0.5,
                       0, 0.5);
        }
    }

  if (note != NULL)
    {
      cairo_move_to (cr, note_x, note_y);
      pango_cairo_show_layout (cr, note);
    }

  if (n == 0)
    return;

  step = n > 1 ? (right - left) / (n - 1) : 0;
#define X(i) (n > 1 ? left + (i) * step : (left + right) / 2)

  /* The band, run by run of points that have one. */
  cairo_set_source_rgba (cr, accent.red, accent.green, accent.blue, 0.18);
  for (guint i = 0; i < n;)
    {
      guint end = i;

      while (end < n && g_array_index (self->points, RubricChartPoint, end).has_value &&
             g_array_index (self->points, RubricChartPoint, end).has_band)
        end++;
      if (end == i)
        {
          i++;
          continue;
        }
      cairo_new_path (cr);
      if (end - i == 1)
        {
          const RubricChartPoint *p = &g_array_index (self->points, RubricChartPoint, i);

          cairo_rectangle (cr, X (i) - 3, Y (p->high), 6, Y (p->low) - Y (p->high));
        }
      else
        {
          for (guint j = i; j < end; j++)
            {
              const RubricChartPoint *p = &g_array_index (self->points, RubricChartPoint, j);

              cairo_line_to (cr, X (j), Y (p->high));
            }
          for (guint j = end; j > i; j--)
            {
              const RubricChartPoint *p = &g_array_index (self->points, RubricChartPoint, j - 1);

              cairo_line_to (cr, X (j - 1), Y (p->low));
            }
          cairo_close_path (cr);
        }
      cairo_fill (cr);
      i = end;
    }

  /* The line, broken where a period has no value. */
  cairo_new_path (cr);
  gdk_cairo_set_source_rgba (cr, &accent);
  cairo_set_line_width (cr, self->compact ? 1.5 : 2);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  for (guint i = 0; i < n; i++)
    {
      const RubricChartPoint *p = &g_array_index (self->points, RubricChartPoint, i);

      if (!p->has_value)
        {
          cairo_stroke (cr);
          continue;
        }
      cairo_line_to (cr, X (i), Y (p->value));
    }
  cairo_stroke (cr);

  /* Dots: every point in the full chart, the last one in a sparkline. */
  for (guint i = 0; i < n; i++)
    {
      const RubricChartPoint *p = &g_array_index (self->points, RubricChartPoint, i);
      gboolean last = i == n - 1;

      if (!p->has_value || (self->compact && !last))
        continue;
      cairo_arc (cr, X (i), Y (p->value), last ? (self->compact ? 2.5 : 4) : 2.5, 0, 2 * G_PI);
      cairo_fill (cr);
    }

  if (!self->compact)
    {
      int first_width = self->first_label != NULL ? text_width (widget, self->first_label) : 0;
      int last_width = self->last_label != NULL ? text_width (widget, self->last_label) : 0;

      /* The first label only when both fit side by side. */
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.55);
      if (self->first_label != NULL && n > 1 &&
          first_width + 2 * PAD + last_width <= X (n - 1) - X (0))
        show_text (cr, widget, self->first_label, X (0), height - PAD, 0, 1);
      if (self->last_label != NULL)
        show_text (cr, widget, self->last_label, X (n - 1), height - PAD, n > 1 ? 1 : 0.5, 1);
    }

#undef X
#undef Y
}

static void
rubric_rating_chart_snapshot (GtkWidget   *widget,
                              GtkSnapshot *snapshot)
{
  RubricRatingChart *self = RUBRIC_RATING_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  draw (self, cr, width, height);
  cairo_destroy (cr);
}

static void
rubric_rating_chart_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  RubricRatingChart *self = RUBRIC_RATING_CHART (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = self->compact ? 48 : 160;
      *natural = self->compact ? 96 : 480;
    }
  else
    {
      /* A scrolled window gives its child its minimum height: that is
       * the height. */
      *minimum = self->compact ? 28 : 170;
      *natural = *minimum;
    }
}

static void
rubric_rating_chart_css_changed (GtkWidget         *widget,
                                 GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (rubric_rating_chart_parent_class)->css_changed (widget, change);
  gtk_widget_queue_draw (widget);
}

static void
rubric_rating_chart_finalize (GObject *object)
{
  RubricRatingChart *self = RUBRIC_RATING_CHART (object);

  g_array_unref (self->points);
  g_array_unref (self->guides);
  g_free (self->first_label);
  g_free (self->last_label);
  g_free (self->note);

  G_OBJECT_CLASS (rubric_rating_chart_parent_class)->finalize (object);
}

static void
rubric_rating_chart_class_init (RubricRatingChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = rubric_rating_chart_finalize;
  widget_class->snapshot = rubric_rating_chart_snapshot;
  widget_class->measure = rubric_rating_chart_measure;
  widget_class->css_changed = rubric_rating_chart_css_changed;

  gtk_widget_class_set_css_name (widget_class, "rubric-chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
rubric_rating_chart_init (RubricRatingChart *self)
{
  self->points = g_array_new (FALSE, TRUE, sizeof (RubricChartPoint));
  self->guides = g_array_new (FALSE, TRUE, sizeof (Guide));
  g_array_set_clear_func (self->guides, guide_clear);
}
