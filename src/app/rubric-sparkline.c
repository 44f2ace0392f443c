/* rubric-sparkline.c — an agent's recent scores as a small line, for the rows of the Agents page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One is made per visible row of a list of thousands of agents and rebound
 * as the list scrolls: setting the values keeps the widget's buffer when it
 * is big enough, and a frame draws one cairo node and allocates nothing
 * else. Drawn in the text colour, so it follows the dark style and the
 * row's selection. A picture for screen readers (role img) whose label
 * reads the scores.
 *
 * The vertical scale is the values' own range, but never narrower than
 * MIN_SPAN points, kept inside 0..100: a row's ups and downs show, and a
 * wobble of one point does not look like a fall.
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "rubric-rating-text.h"
#include "rubric-sparkline.h"

struct _RubricSparkline
{
  GtkWidget         parent_instance;

  double           *values;
  guint             n_values;
  guint             capacity;
  RubricPeriodKind  by;
};

G_DEFINE_FINAL_TYPE (RubricSparkline, rubric_sparkline, GTK_TYPE_WIDGET)

#define PAD      3.0
#define MIN_SPAN 20.0

GtkWidget *
rubric_sparkline_new (void)
{
  return g_object_new (RUBRIC_TYPE_SPARKLINE, NULL);
}

/* "Scores over the last 12 weeks: 71.0, 74.0, no evaluations, 80.0". */
static void
update_label (RubricSparkline *self)
{
  g_autoptr(GString) list = g_string_new (NULL);
  g_autofree char *label = NULL;

  for (guint i = 0; i < self->n_values; i++)
    {
      if (i > 0)
        /* Translators: between the scores of a sparkline read aloud; French and
         * Latvian write a decimal comma, so they part scores with a semicolon */
        g_string_append (list, C_("sparkline", ", "));
      if (isnan (self->values[i]))
        g_string_append (list, C_("sparkline", "no evaluations"));
      else
        {
          g_autofree char *figure = rubric_figure_format (self->values[i], 1);

          g_string_append (list, figure);
        }
    }

  if (self->by == RUBRIC_PERIOD_MONTH)
    /* Translators: the accessible label of an agent's sparkline; %u is the
     * number of months, %s the scores, oldest first */
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Scores over the last %u month: %s",
                                          "Scores over the last %u months: %s",
                                          self->n_values),
                             self->n_values, list->str);
  else
    /* Translators: the accessible label of an agent's sparkline; %u is the
     * number of weeks, %s the scores, oldest first */
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Scores over the last %u week: %s",
                                          "Scores over the last %u weeks: %s",
                                          self->n_values),
                             self->n_values, list->str);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

void
rubric_sparkline_set_values (RubricSparkline *self,
                             const double    *values,
                             guint            n_values)
{
  g_return_if_fail (RUBRIC_IS_SPARKLINE (self));
  g_return_if_fail (values != NULL || n_values == 0);

  if (n_values > self->capacity)
    {
      self->values = g_renew (double, self->values, n_values);
      self->capacity = n_values;
    }
  if (n_values > 0)
    memcpy (self->values, values, n_values * sizeof (double));
  self->n_values = n_values;

  update_label (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
rubric_sparkline_set_by (RubricSparkline  *self,
                         RubricPeriodKind  by)
{
  g_return_if_fail (RUBRIC_IS_SPARKLINE (self));
  g_return_if_fail (by == RUBRIC_PERIOD_WEEK || by == RUBRIC_PERIOD_MONTH);

  if (self->by == by)
    return;

  self->by = by;
  update_label (self);
}

/* The plot's scale: see the top of the file. FALSE without a value. */
static gboolean
get_scale (RubricSparkline *self,
           double          *min,
           double          *max)
{
  gboolean any = FALSE;

  for (guint i = 0; i < self->n_values; i++)
    {
      double v = self->values[i];

      if (isnan (v))
        continue;
      v = CLAMP (v, 0, 100);
      *min = any ? MIN (*min, v) : v;
      *max = any ? MAX (*max, v) : v;
      any = TRUE;
    }
  if (!any)
    return FALSE;

  if (*max - *min < MIN_SPAN)
    {
      double middle = (*min + *max) / 2;

      *min = CLAMP (middle - MIN_SPAN / 2, 0, 100 - MIN_SPAN);
      *max = *min + MIN_SPAN;
    }

  return TRUE;
}

typedef struct
{
  double left, top, width, height;
  double min, max;
} Layout;

static gboolean
compute_layout (RubricSparkline *self,
                int              width,
                int              height,
                Layout          *l)
{
  l->left = PAD;
  l->top = PAD;
  l->width = width - 2 * PAD;
  l->height = height - 2 * PAD;

  return l->width >= 4 && l->height >= 4 && get_scale (self, &l->min, &l->max);
}

/* Evenly spaced from edge to edge; a single value in the middle. */
static double
x_at (const Layout *l,
      guint         i,
      guint         n)
{
  return n > 1 ? l->left + l->width * i / (n - 1) : l->left + l->width / 2;
}

static double
y_at (const Layout *l,
      double        value)
{
  value = CLAMP (value, l->min, l->max);
  return l->top + l->height * (l->max - value) / (l->max - l->min);
}

gboolean
rubric_sparkline_get_point (RubricSparkline *self,
                            guint            i,
                            double          *x,
                            double          *y)
{
  Layout l;

  g_return_val_if_fail (RUBRIC_IS_SPARKLINE (self), FALSE);

  if (i >= self->n_values || isnan (self->values[i]) ||
      !compute_layout (self, gtk_widget_get_width (GTK_WIDGET (self)),
                       gtk_widget_get_height (GTK_WIDGET (self)), &l))
    return FALSE;

  if (x != NULL)
    *x = x_at (&l, i, self->n_values);
  if (y != NULL)
    *y = y_at (&l, self->values[i]);
  return TRUE;
}

static gboolean
defined (RubricSparkline *self,
         int              i)
{
  return i >= 0 && (guint) i < self->n_values && !isnan (self->values[i]);
}

static void
rubric_sparkline_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  RubricSparkline *self = RUBRIC_SPARKLINE (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  guint n = self->n_values;
  int last = -1;
  GdkRGBA fg;
  Layout l;
  cairo_t *cr;

  if (width <= 0 || height <= 0 || !compute_layout (self, width, height, &l))
    return;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gdk_cairo_set_source_rgba (cr, &fg);
  cairo_set_line_width (cr, 1.5);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  /* The line, broken at every gap. */
  for (guint i = 0; i < n; i++)
    {
      if (!defined (self, i))
        {
          cairo_new_sub_path (cr);
          continue;
        }
      cairo_line_to (cr, x_at (&l, i, n), y_at (&l, self->values[i]));
      last = i;
    }
  cairo_stroke (cr);

  /* A dot for each value alone between gaps (it has no line), and for the
   * latest one. */
  for (guint i = 0; i < n; i++)
    if (defined (self, i) &&
        (((int) i == last) || (!defined (self, (int) i - 1) && !defined (self, i + 1))))
      {
        cairo_new_sub_path (cr);
        cairo_arc (cr, x_at (&l, i, n), y_at (&l, self->values[i]),
                   (int) i == last ? 2.5 : 2, 0, 2 * G_PI);
      }
  cairo_fill (cr);

  cairo_destroy (cr);
}

static void
rubric_sparkline_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 48;
      *natural = 96;
    }
  else
    {
      *minimum = 16;
      *natural = 24;
    }
}

static void
rubric_sparkline_css_changed (GtkWidget         *widget,
                              GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (rubric_sparkline_parent_class)->css_changed (widget, change);
  gtk_widget_queue_draw (widget);
}

static void
rubric_sparkline_finalize (GObject *object)
{
  RubricSparkline *self = RUBRIC_SPARKLINE (object);

  g_free (self->values);

  G_OBJECT_CLASS (rubric_sparkline_parent_class)->finalize (object);
}

static void
rubric_sparkline_class_init (RubricSparklineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = rubric_sparkline_finalize;
  widget_class->snapshot = rubric_sparkline_snapshot;
  widget_class->measure = rubric_sparkline_measure;
  widget_class->css_changed = rubric_sparkline_css_changed;

  gtk_widget_class_set_css_name (widget_class, "rubric-sparkline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
rubric_sparkline_init (RubricSparkline *self)
{
  self->by = RUBRIC_PERIOD_WEEK;
}
