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

#include "rubric-chart-util.h"
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
  GPtrArray *titles;     /* char *, one per point, or NULL */
  GPtrArray *values;     /* char *, one per point, or NULL */
  char      *note;
  gboolean   has_scale;
  double     min;
  double     max;
  gboolean   compact;
};

G_DEFINE_FINAL_TYPE (RubricRatingChart, rubric_rating_chart, GTK_TYPE_WIDGET)

#define PAD 6.0
/* Up to this many values, each is written over its dot. */
#define FEW_POINTS 4
/* A sparkline written out: from a dot to its figure, and to the next dot. */
#define DOT_GAP 11
#define VALUE_GAP 10

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

static void
take_labels (GPtrArray          **array,
             const char * const  *labels,
             guint                n_labels)
{
  g_clear_pointer (array, g_ptr_array_unref);
  if (labels == NULL)
    return;

  *array = g_ptr_array_new_full (n_labels, g_free);
  for (guint i = 0; i < n_labels; i++)
    g_ptr_array_add (*array, g_strdup (labels[i]));
}

void
rubric_rating_chart_set_labels (RubricRatingChart  *self,
                                const char * const *titles,
                                const char * const *values,
                                guint               n_labels)
{
  g_return_if_fail (RUBRIC_IS_RATING_CHART (self));

  take_labels (&self->titles, titles, n_labels);
  take_labels (&self->values, values, n_labels);
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

static char *
scale_text (double value)
{
  return g_strdup_printf ("%.0f", value);
}

static const char *
label_at (GPtrArray *labels,
          guint      i)
{
  return labels != NULL && i < labels->len ? g_ptr_array_index (labels, i) : NULL;
}

static guint
n_values (RubricRatingChart *self)
{
  guint n = 0;

  for (guint i = 0; i < self->points->len; i++)
    n += g_array_index (self->points, RubricChartPoint, i).has_value;

  return n;
}

/* Where things go at a size: the plot's box, its scale, one slot per
 * point (a point in the middle of its slot, so that two points are not
 * pushed to the edges). */
typedef struct
{
  double left, right, top, bottom;
  double min, max;
  double slot;
  gboolean as_values;   /* a sparkline of one or two points, written out */
} Layout;

static gboolean
compute_layout (RubricRatingChart *self,
                int                width,
                int                height,
                Layout            *layout)
{
  GtkWidget *widget = GTK_WIDGET (self);
  guint n = self->points->len;

  layout->left = PAD;
  layout->right = width - PAD;
  layout->top = PAD;
  layout->bottom = height - PAD;
  layout->as_values = FALSE;
  get_scale (self, &layout->min, &layout->max);

  if (!self->compact)
    {
      g_autofree char *min_text = scale_text (layout->min);
      g_autofree char *max_text = scale_text (layout->max);
      int guide_width = 0;

      layout->left = PAD + MAX (rubric_chart_text_width (widget, min_text), rubric_chart_text_width (widget, max_text)) + PAD;
      for (guint i = 0; i < self->guides->len; i++)
        {
          const char *label = g_array_index (self->guides, Guide, i).label;

          if (label != NULL)
            guide_width = MAX (guide_width, rubric_chart_text_width (widget, label));
        }
      layout->right = width - PAD - (guide_width > 0 ? guide_width + PAD : 0);
      /* Room over the top for the values written over their dots. */
      layout->top = PAD + rubric_chart_text_height (widget) / 2.0;
      if (self->values != NULL && n_values (self) <= FEW_POINTS)
        layout->top += rubric_chart_text_height (widget);
      if (self->titles != NULL)
        layout->bottom = height - PAD - rubric_chart_text_height (widget) - PAD;
    }
  else if (self->values != NULL && n_values (self) > 0 && n_values (self) <= 2)
    {
      /* "● 71.2 %  ● 67.8 %": when it fits. */
      int needed = 0;

      for (guint i = 0; i < n; i++)
        if (g_array_index (self->points, RubricChartPoint, i).has_value &&
            label_at (self->values, i) != NULL)
          needed += DOT_GAP + rubric_chart_text_width (widget, label_at (self->values, i)) + VALUE_GAP;
      layout->as_values = needed <= width;
    }

  layout->slot = n > 0 ? (layout->right - layout->left) / n : 0;

  return layout->right - layout->left >= 10 && layout->bottom - layout->top >= 10;
}

#define X(l, i) ((l)->left + ((i) + 0.5) * (l)->slot)
#define Y(l, v) ((l)->bottom - ((CLAMP ((v), (l)->min, (l)->max) - (l)->min) / \
                                ((l)->max - (l)->min)) * ((l)->bottom - (l)->top))

/* A sparkline of one or two values: each a dot and its figure, left to
 * right, oldest first. */
static void
draw_values (RubricRatingChart *self,
             cairo_t           *cr,
             int                height,
             const GdkRGBA     *fg,
             const GdkRGBA     *accent)
{
  GtkWidget *widget = GTK_WIDGET (self);
  double x = 0;
  guint n = self->points->len;

  for (guint i = 0; i < n; i++)
    {
      const RubricChartPoint *p = &g_array_index (self->points, RubricChartPoint, i);
      const char *value = label_at (self->values, i);
      gboolean last = i + 1 == n;

      if (!p->has_value || value == NULL)
        continue;

      gdk_cairo_set_source_rgba (cr, accent);
      cairo_arc (cr, x + 3.5, height / 2.0, last ? 3.5 : 2.5, 0, 2 * G_PI);
      cairo_fill (cr);
      x += DOT_GAP;
      if (last)
        gdk_cairo_set_source_rgba (cr, fg);
      else
        cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.6);
      rubric_chart_show_text (cr, widget, value, x, height / 2.0, 0, 0.5);
      x += rubric_chart_text_width (widget, value) + VALUE_GAP;
    }
}

/* The titles under the points: every one when they all fit, else the
 * first and the last, each kept inside the chart. */
static void
draw_titles (RubricRatingChart *self,
             cairo_t           *cr,
             const Layout      *l,
             int                width,
             int                height)
{
  GtkWidget *widget = GTK_WIDGET (self);
  guint n = self->points->len;
  gboolean all = TRUE;
  double first_end = 0;

  for (guint i = 0; i < n && all; i++)
    {
      const char *title = label_at (self->titles, i);

      if (title != NULL && rubric_chart_text_width (widget, title) + PAD > l->slot)
        all = FALSE;
    }

  for (guint i = 0; i < n; i++)
    {
      const char *title = label_at (self->titles, i);
      double w, x;

      if (title == NULL || (!all && i != 0 && i + 1 != n))
        continue;

      w = rubric_chart_text_width (widget, title);
      x = CLAMP (X (l, i) - w / 2, 0, width - w);
      /* The first one only when it does not run into the last. */
      if (!all && i + 1 == n && n > 1 && x < first_end + 2 * PAD)
        continue;
      if (!all && i == 0 && n > 1)
        {
          double last_w = label_at (self->titles, n - 1) != NULL
                          ? rubric_chart_text_width (widget, label_at (self->titles, n - 1)) : 0;
          double last_x = CLAMP (X (l, n - 1) - last_w / 2, 0, width - last_w);

          if (x + w + 2 * PAD > last_x)
            continue;
        }
      rubric_chart_show_text (cr, widget, title, x, height - PAD, 0, 1);
      first_end = x + w;
    }
}

static void
draw (RubricRatingChart *self,
      cairo_t           *cr,
      int                width,
      int                height)
{
  GtkWidget *widget = GTK_WIDGET (self);
  g_autofree char *min_text = NULL;
  g_autofree char *max_text = NULL;
  g_autoptr(PangoLayout) note = NULL;
  PangoRectangle note_rect = { 0 };
  double note_x = 0, note_y = 0;
  GdkRGBA fg, accent;
  Layout layout, *l = &layout;
  guint n = self->points->len;
  gboolean few;

  rubric_chart_theme_colors (widget, &fg, &accent);

  if (!compute_layout (self, width, height, l))
    return;

  if (l->as_values)
    {
      draw_values (self, cr, height, &fg, &accent);
      return;
    }

  few = n_values (self) <= FEW_POINTS;
  min_text = scale_text (l->min);
  max_text = scale_text (l->max);

  /* The note, placed first: the lines go round it. */
  if (self->note != NULL && !self->compact)
    {
      note = rubric_chart_small_layout (widget, self->note);
      pango_layout_get_pixel_extents (note, NULL, &note_rect);
      if (note_rect.width > l->right - l->left)
        {
          pango_layout_set_width (note, (int) (l->right - l->left) * PANGO_SCALE);
          pango_layout_set_alignment (note, PANGO_ALIGN_CENTER);
          pango_layout_get_pixel_extents (note, NULL, &note_rect);
        }
      note_x = round ((l->left + l->right) / 2 - note_rect.x - note_rect.width / 2.0);
      note_y = round ((l->top + l->bottom - note_rect.height) / 2);
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
      cairo_move_to (cr, l->left, round (Y (l, l->max)) + 0.5);
      cairo_line_to (cr, l->right, round (Y (l, l->max)) + 0.5);
      cairo_move_to (cr, l->left, round (Y (l, l->min)) + 0.5);
      cairo_line_to (cr, l->right, round (Y (l, l->min)) + 0.5);
      cairo_stroke (cr);
    }

  /* Guides: dashed. */
  for (guint i = 0; i < self->guides->len; i++)
    {
      const Guide *guide = &g_array_index (self->guides, Guide, i);
      double dash[] = { 3, 3 };
      double y;

      if (guide->value < l->min || guide->value > l->max)
        continue;
      y = round (Y (l, guide->value)) + 0.5;
      cairo_save (cr);
      cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, self->compact ? 0.25 : 0.3);
      cairo_move_to (cr, l->left, y);
      cairo_line_to (cr, l->right, y);
      cairo_stroke (cr);
      cairo_restore (cr);
    }
  cairo_restore (cr);

  /* The labels: the scale's at the left, the guides' at the right. */
  if (!self->compact)
    {
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.55);
      rubric_chart_show_text (cr, widget, max_text, l->left - PAD, Y (l, l->max), 1, 0.5);
      rubric_chart_show_text (cr, widget, min_text, l->left - PAD, Y (l, l->min), 1, 0.5);
      for (guint i = 0; i < self->guides->len; i++)
        {
          const Guide *guide = &g_array_index (self->guides, Guide, i);

          if (guide->label != NULL && guide->value >= l->min && guide->value <= l->max)
            rubric_chart_show_text (cr, widget, guide->label, l->right + PAD,
                       round (Y (l, guide->value)) + 0.5, 0, 0.5);
        }
      if (self->titles != NULL)
        draw_titles (self, cr, l, width, height);
    }

  if (note != NULL)
    {
      cairo_move_to (cr, note_x, note_y);
      pango_cairo_show_layout (cr, note);
    }

  if (n == 0)
    return;

  /* The range: a band over runs of three points or more, where its shape
   * says something; a bar on each point of a shorter run. */
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
      if (end - i < 3)
        for (guint j = i; j < end; j++)
          {
            const RubricChartPoint *p = &g_array_index (self->points, RubricChartPoint, j);
            double half = MIN (8, l->slot / 4);

            cairo_rectangle (cr, X (l, j) - half, Y (l, p->high), 2 * half,
                             Y (l, p->low) - Y (l, p->high));
          }
      else
        {
          for (guint j = i; j < end; j++)
            {
              const RubricChartPoint *p = &g_array_index (self->points, RubricChartPoint, j);

              cairo_line_to (cr, X (l, j), Y (l, p->high));
            }
          for (guint j = end; j > i; j--)
            {
              const RubricChartPoint *p = &g_array_index (self->points, RubricChartPoint, j - 1);

              cairo_line_to (cr, X (l, j - 1), Y (l, p->low));
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
      cairo_line_to (cr, X (l, i), Y (l, p->value));
    }
  cairo_stroke (cr);

  /* Dots on every point, the last one larger; with few points, the value
   * over each dot. */
  for (guint i = 0; i < n; i++)
    {
      const RubricChartPoint *p = &g_array_index (self->points, RubricChartPoint, i);
      gboolean last = i == n - 1;
      const char *value = label_at (self->values, i);

      if (!p->has_value)
        continue;
      gdk_cairo_set_source_rgba (cr, &accent);
      cairo_arc (cr, X (l, i), Y (l, p->value),
                 self->compact ? (last ? 2.5 : 1.5) : (last ? 4 : 3), 0, 2 * G_PI);
      cairo_fill (cr);
      if (!self->compact && few && value != NULL)
        {
          double y = p->has_band ? MIN (Y (l, p->high), Y (l, p->value) - 4) : Y (l, p->value) - 4;

          cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, last ? 0.9 : 0.7);
          rubric_chart_show_text (cr, widget, value, X (l, i), MAX (y - 2, rubric_chart_text_height (widget)), 0.5, 1);
        }
    }
}

gboolean
rubric_rating_chart_get_point (RubricRatingChart *self,
                               guint              i,
                               double            *x,
                               double            *y)
{
  Layout layout;

  g_return_val_if_fail (RUBRIC_IS_RATING_CHART (self), FALSE);

  if (i >= self->points->len ||
      !g_array_index (self->points, RubricChartPoint, i).has_value ||
      !compute_layout (self, gtk_widget_get_width (GTK_WIDGET (self)),
                       gtk_widget_get_height (GTK_WIDGET (self)), &layout) ||
      layout.as_values)
    return FALSE;

  if (x != NULL)
    *x = X (&layout, i);
  if (y != NULL)
    *y = Y (&layout, g_array_index (self->points, RubricChartPoint, i).value);
  return TRUE;
}

gboolean
rubric_rating_chart_get_shows_values (RubricRatingChart *self)
{
  Layout layout;

  g_return_val_if_fail (RUBRIC_IS_RATING_CHART (self), FALSE);

  return compute_layout (self, gtk_widget_get_width (GTK_WIDGET (self)),
                         gtk_widget_get_height (GTK_WIDGET (self)), &layout) &&
         layout.as_values;
}

#undef X
#undef Y

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
      /* A sparkline gives way to its row's title when narrow (and then
       * draws dots where it would write its values). */
      *minimum = self->compact ? 48 : 160;
      *natural = self->compact ? 140 : 480;
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
  g_clear_pointer (&self->titles, g_ptr_array_unref);
  g_clear_pointer (&self->values, g_ptr_array_unref);
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
