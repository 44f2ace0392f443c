/* rubric-chart-util.c — what the cairo charts share: the theme's colours, small text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The category bars, the trend chart and the rating chart draw with cairo
 * in the theme's text and accent colours, their labels a little smaller
 * than the body text with tabular figures.
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "rubric-chart-util.h"
#include "rubric-rating-text.h"

/* The text colour and the accent colour (Adwaita's blue where the theme
 * names none). */
void
rubric_chart_theme_colors (GtkWidget *widget,
                           GdkRGBA   *fg,
                           GdkRGBA   *accent)
{
  GtkStyleContext *style = gtk_widget_get_style_context (widget);

  gtk_style_context_get_color (style, fg);
  if (!gtk_style_context_lookup_color (style, "accent_color", accent))
    gdk_rgba_parse (accent, "#3584e4");
}

void
rubric_chart_set_alpha (cairo_t       *cr,
                        const GdkRGBA *color,
                        double         alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

PangoLayout *
rubric_chart_small_layout (GtkWidget  *widget,
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

int
rubric_chart_text_width (GtkWidget  *widget,
                         const char *text)
{
  g_autoptr(PangoLayout) layout = rubric_chart_small_layout (widget, text);
  int width;

  pango_layout_get_pixel_size (layout, &width, NULL);
  return width;
}

int
rubric_chart_text_height (GtkWidget *widget)
{
  g_autoptr(PangoLayout) layout = rubric_chart_small_layout (widget, "0");
  int height;

  pango_layout_get_pixel_size (layout, NULL, &height);
  return height;
}

/* TEXT at (X, Y), XALIGN and YALIGN of its size to the left and above. */
void
rubric_chart_show_text (cairo_t    *cr,
                        GtkWidget  *widget,
                        const char *text,
                        double      x,
                        double      y,
                        double      xalign,
                        double      yalign)
{
  g_autoptr(PangoLayout) layout = rubric_chart_small_layout (widget, text);
  int width, height;

  pango_layout_get_pixel_size (layout, &width, &height);
  cairo_move_to (cr, round (x - width * xalign), round (y - height * yalign));
  pango_cairo_show_layout (cr, layout);
}

/* The phrase a chart's description gives a mean score: "score 74.2 (n 12,
 * 95 % interval 70.1–78.3)", "score 74.2 (n 1)" or "no evaluations". */
char *
rubric_chart_score_phrase (const RubricQaMean *mean)
{
  g_autofree char *score = NULL;
  g_autofree char *n = NULL;

  if (!mean->has_mean)
    return g_strdup (C_("trend chart", "no evaluations"));

  score = rubric_figure_format (mean->mean, 1);
  n = g_strdup_printf ("%" G_GUINT64_FORMAT, mean->n);
  if (mean->has_ci)
    {
      g_autofree char *low = rubric_figure_format (mean->low, 1);
      g_autofree char *high = rubric_figure_format (mean->high, 1);

      /* Translators: a bucket's mean score, its number of evaluations and its
       * 95 % confidence interval, "score 74.2 (n 12, 95 % interval 70.1–78.3)" */
      return g_strdup_printf (C_("trend chart", "score %s (n %s, 95 %% interval %s–%s)"),
                              score, n, low, high);
    }

  /* Translators: a bucket's mean score and its number of evaluations, "score 74.2 (n 1)" */
  return g_strdup_printf (C_("trend chart", "score %s (n %s)"), score, n);
}
