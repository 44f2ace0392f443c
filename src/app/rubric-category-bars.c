/* rubric-category-bars.c — the score per QA category as bars, with their intervals and the team's
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row per category, in SPEC §1's order: the category's name and figures
 * over a track of 0..100, the score a bar in the accent colour, its 95 %
 * interval a whisker, the team's mean a tick across the track. Drawn with
 * cairo in the theme's colours; a picture to screen readers (role img)
 * whose description reads every row.
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "rubric-category-bars.h"
#include "rubric-chart-util.h"
#include "rubric-rating-text.h"
#include "rubric-rating.h"

typedef struct
{
  char         *key;
  RubricQaMean  mean;
  gboolean      has_team;
  RubricQaMean  team;
} Row;

struct _RubricCategoryBars
{
  GtkWidget  parent_instance;

  GArray    *rows;   /* Row, in SPEC §1's order */
};

G_DEFINE_FINAL_TYPE (RubricCategoryBars, rubric_category_bars, GTK_TYPE_WIDGET)

#define PAD        6.0
#define BAR        10.0
#define ROW_GAP    12.0
#define SWATCH     22.0
#define LEGEND_GAP 16.0

static void
row_clear (gpointer data)
{
  Row *row = data;

  g_free (row->key);
}

GtkWidget *
rubric_category_bars_new (void)
{
  return g_object_new (RUBRIC_TYPE_CATEGORY_BARS, NULL);
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  return rubric_category_compare (((const Row *) a)->key, ((const Row *) b)->key);
}

static char *
figure (double value)
{
  return rubric_figure_format (value, 1);
}

/* "First-call resolution: score 74.2 (n 12, 95 % interval 70.1–78.3),
 * team 75.1"; the phrases are the trend chart's. */
static char *
describe_row (const Row *row)
{
  g_autoptr(GPtrArray) phrases = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *figures = NULL;

  g_ptr_array_add (phrases, rubric_chart_score_phrase (&row->mean));

  if (row->has_team)
    {
      g_autofree char *team = figure (row->team.mean);

      g_ptr_array_add (phrases, g_strdup_printf (C_("trend chart", "team %s"), team));
    }

  g_ptr_array_add (phrases, NULL);
  figures = g_strjoinv (C_("trend chart", ", "), (char **) phrases->pdata);
  return g_strdup_printf (C_("trend chart", "%s: %s"), rubric_category_name (row->key), figures);
}

static void
update_description (RubricCategoryBars *self)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *description = NULL;

  for (guint i = 0; i < self->rows->len; i++)
    g_ptr_array_add (parts, describe_row (&g_array_index (self->rows, Row, i)));
  g_ptr_array_add (parts, NULL);
  /* Translators: between the categories of a chart read aloud */
  description = g_strjoinv (C_("category bars", "; "), (char **) parts->pdata);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

void
rubric_category_bars_set (RubricCategoryBars *self,
                          GPtrArray          *categories,
                          GPtrArray          *team_categories)
{
  g_return_if_fail (RUBRIC_IS_CATEGORY_BARS (self));

  g_array_set_size (self->rows, 0);
  for (guint i = 0; categories != NULL && i < categories->len; i++)
    {
      const RubricQaCategory *category = g_ptr_array_index (categories, i);
      Row row = { g_strdup (category->key), category->mean, FALSE, { 0 } };

      for (guint j = 0; team_categories != NULL && j < team_categories->len; j++)
        {
          const RubricQaCategory *team = g_ptr_array_index (team_categories, j);

          if (g_strcmp0 (team->key, category->key) == 0 && team->mean.has_mean)
            {
              row.has_team = TRUE;
              row.team = team->mean;
            }
        }
      g_array_append_val (self->rows, row);
    }
  g_array_sort (self->rows, compare_rows);

  update_description (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/* ------------------------------------------------------------- layout */

typedef enum
{
  SWATCH_SCORE,
  SWATCH_INTERVAL,
  SWATCH_TEAM,
} SwatchKind;

typedef struct
{
  SwatchKind  kind;
  const char *text;
  double      x, y;
} LegendItem;

typedef struct
{
  double     left, right;
  double     first_row;     /* the top of the first row's name */
  double     row_height;
  int        text_height;
  LegendItem legend[3];
  guint      n_legend;
  double     legend_height;
} Layout;

static void
compute_layout (RubricCategoryBars *self,
                int                 width,
                Layout             *l)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean any_ci = FALSE, any_team = FALSE;
  double x = PAD, y = PAD;

  l->text_height = rubric_chart_text_height (widget);
  for (guint i = 0; i < self->rows->len; i++)
    {
      any_ci |= g_array_index (self->rows, Row, i).mean.has_ci;
      any_team |= g_array_index (self->rows, Row, i).has_team;
    }

  l->n_legend = 0;
  l->legend[l->n_legend++] = (LegendItem) { SWATCH_SCORE, C_("category bars", "Score") };
  if (any_ci)
    /* xgettext:no-c-format */
    l->legend[l->n_legend++] = (LegendItem) { SWATCH_INTERVAL, C_("category bars", "95 % interval") };
  if (any_team)
    l->legend[l->n_legend++] = (LegendItem) { SWATCH_TEAM, C_("category bars", "Team") };
  for (guint i = 0; i < l->n_legend; i++)
    {
      double w = SWATCH + 4 + rubric_chart_text_width (widget, l->legend[i].text);

      if (x > PAD && x + w > width - PAD)
        {
          x = PAD;
          y += l->text_height + 4;
        }
      l->legend[i].x = x;
      l->legend[i].y = y;
      x += w + LEGEND_GAP;
    }
  l->legend_height = y + l->text_height - PAD;

  l->left = PAD;
  l->right = width - PAD;
  l->first_row = PAD + l->legend_height + ROW_GAP;
  l->row_height = l->text_height + 4 + BAR + ROW_GAP;
}

static int
measure_height (RubricCategoryBars *self,
                int                 width)
{
  Layout l;

  compute_layout (self, width, &l);
  /* The rows, then the scale under them. */
  return (int) ceil (l.first_row + self->rows->len * l.row_height + l.text_height + PAD);
}

#define X(l, v) ((l)->left + CLAMP ((v), 0, 100) / 100.0 * ((l)->right - (l)->left))
#define BAR_TOP(l, i) ((l)->first_row + (i) * (l)->row_height + (l)->text_height + 4)

const char *
rubric_category_bars_get_key (RubricCategoryBars *self,
                              guint               i)
{
  g_return_val_if_fail (RUBRIC_IS_CATEGORY_BARS (self), NULL);

  return i < self->rows->len ? g_array_index (self->rows, Row, i).key : NULL;
}

gboolean
rubric_category_bars_get_position (RubricCategoryBars *self,
                                   guint               i,
                                   double              value,
                                   double             *x,
                                   double             *y)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  Layout l;

  g_return_val_if_fail (RUBRIC_IS_CATEGORY_BARS (self), FALSE);

  if (i >= self->rows->len || width <= 2 * PAD)
    return FALSE;

  compute_layout (self, width, &l);
  if (x != NULL)
    *x = X (&l, value);
  if (y != NULL)
    *y = BAR_TOP (&l, i) + BAR / 2;
  return TRUE;
}

/* ------------------------------------------------------------- drawing */

typedef struct
{
  GdkRGBA fg;
  GdkRGBA accent;
} Colors;

static void
draw_whisker (cairo_t       *cr,
              double         x1,
              double         x2,
              double         middle,
              const Colors  *colors)
{
  rubric_chart_set_alpha (cr, &colors->fg, 0.85);
  cairo_set_line_width (cr, 1.5);
  cairo_move_to (cr, x1, middle);
  cairo_line_to (cr, x2, middle);
  cairo_move_to (cr, x1, middle - BAR / 2 + 1);
  cairo_line_to (cr, x1, middle + BAR / 2 - 1);
  cairo_move_to (cr, x2, middle - BAR / 2 + 1);
  cairo_line_to (cr, x2, middle + BAR / 2 - 1);
  cairo_stroke (cr);
}

/* The team's mean: a tick through the track, past it on both sides. */
static void
draw_team (cairo_t       *cr,
           double         x,
           double         top,
           const Colors  *colors)
{
  rubric_chart_set_alpha (cr, &colors->fg, 0.9);
  cairo_rectangle (cr, round (x) - 1, top - 3, 2, BAR + 6);
  cairo_fill (cr);
}

static void
draw_swatch (cairo_t       *cr,
             SwatchKind     kind,
             double         x,
             double         y,
             double         height,
             const Colors  *colors)
{
  double middle = round (y + height / 2);

  switch (kind)
    {
    case SWATCH_SCORE:
      gdk_cairo_set_source_rgba (cr, &colors->accent);
      cairo_rectangle (cr, x, middle - BAR / 2, SWATCH, BAR);
      cairo_fill (cr);
      break;
    case SWATCH_INTERVAL:
      draw_whisker (cr, x + 2, x + SWATCH - 2, middle, colors);
      break;
    case SWATCH_TEAM:
      draw_team (cr, x + SWATCH / 2, middle - BAR / 2, colors);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
show_layout (cairo_t     *cr,
             PangoLayout *layout,
             double       x,
             double       y)
{
  cairo_move_to (cr, round (x), round (y));
  pango_cairo_show_layout (cr, layout);
}

static void
draw (RubricCategoryBars *self,
      cairo_t            *cr,
      int                 width,
      int                 height)
{
  GtkWidget *widget = GTK_WIDGET (self);
  Colors colors;
  Layout layout, *l = &layout;
  double scale_y;

  rubric_chart_theme_colors (widget, &colors.fg, &colors.accent);

  if (width <= 2 * PAD + 20)
    return;
  compute_layout (self, width, l);

  for (guint i = 0; i < l->n_legend; i++)
    {
      g_autoptr(PangoLayout) text = rubric_chart_small_layout (widget, l->legend[i].text);

      draw_swatch (cr, l->legend[i].kind, l->legend[i].x, l->legend[i].y, l->text_height,
                   &colors);
      rubric_chart_set_alpha (cr, &colors.fg, 0.8);
      show_layout (cr, text, l->legend[i].x + SWATCH + 4, l->legend[i].y);
    }

  for (guint i = 0; i < self->rows->len; i++)
    {
      const Row *row = &g_array_index (self->rows, Row, i);
      double top = BAR_TOP (l, i);
      double name_y = l->first_row + i * l->row_height;
      g_autoptr(PangoLayout) name = rubric_chart_small_layout (widget, rubric_category_name (row->key));
      g_autoptr(PangoLayout) value = NULL;
      g_autofree char *value_text = NULL;
      int value_width;

      /* The figures at the right, the name in the room left. */
      if (row->mean.has_mean && row->has_team)
        {
          g_autofree char *mean = figure (row->mean.mean);
          g_autofree char *team = figure (row->team.mean);

          /* Translators: a category's score and its team's beside its bar, "74.2 · team 75.1" */
          value_text = g_strdup_printf (C_("category bars", "%s · team %s"), mean, team);
        }
      else if (row->mean.has_mean)
        value_text = figure (row->mean.mean);
      else
        value_text = g_strdup (C_("trend chart", "no evaluations"));
      value = rubric_chart_small_layout (widget, value_text);
      pango_layout_get_pixel_size (value, &value_width, NULL);
      pango_layout_set_width (name, (int) MAX (l->right - l->left - value_width - PAD, 10) *
                                    PANGO_SCALE);
      pango_layout_set_ellipsize (name, PANGO_ELLIPSIZE_END);
      rubric_chart_set_alpha (cr, &colors.fg, 1);
      show_layout (cr, name, l->left, name_y);
      rubric_chart_set_alpha (cr, &colors.fg, row->mean.has_mean ? 0.9 : 0.55);
      show_layout (cr, value, l->right - value_width, name_y);

      /* The track, with faint quarters. */
      rubric_chart_set_alpha (cr, &colors.fg, 0.08);
      cairo_rectangle (cr, l->left, top, l->right - l->left, BAR);
      cairo_fill (cr);
      rubric_chart_set_alpha (cr, &colors.fg, 0.12);
      for (int q = 1; q < 4; q++)
        cairo_rectangle (cr, round (X (l, q * 25)), top, 1, BAR);
      cairo_fill (cr);

      if (row->mean.has_mean)
        {
          gdk_cairo_set_source_rgba (cr, &colors.accent);
          cairo_rectangle (cr, l->left, top, X (l, row->mean.mean) - l->left, BAR);
          cairo_fill (cr);
        }
      if (row->mean.has_ci)
        draw_whisker (cr, X (l, row->mean.low), X (l, row->mean.high), top + BAR / 2, &colors);
      if (row->has_team)
        draw_team (cr, X (l, row->team.mean), top, &colors);
    }

  /* The scale under the rows. */
  scale_y = l->first_row + self->rows->len * l->row_height - ROW_GAP + 2;
  rubric_chart_set_alpha (cr, &colors.fg, 0.55);
  for (int v = 0; v <= 100; v += 50)
    {
      char text[8];
      g_autoptr(PangoLayout) tick = NULL;
      int w;

      g_snprintf (text, sizeof text, "%d", v);
      tick = rubric_chart_small_layout (widget, text);
      pango_layout_get_pixel_size (tick, &w, NULL);
      show_layout (cr, tick, CLAMP (X (l, v) - w / 2.0, l->left, l->right - w), scale_y);
    }
}

#undef X
#undef BAR_TOP

static void
rubric_category_bars_snapshot (GtkWidget   *widget,
                               GtkSnapshot *snapshot)
{
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  draw (RUBRIC_CATEGORY_BARS (widget), cr, width, height);
  cairo_destroy (cr);
}

static GtkSizeRequestMode
rubric_category_bars_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
rubric_category_bars_measure (GtkWidget      *widget,
                              GtkOrientation  orientation,
                              int             for_size,
                              int            *minimum,
                              int            *natural,
                              int            *minimum_baseline,
                              int            *natural_baseline)
{
  RubricCategoryBars *self = RUBRIC_CATEGORY_BARS (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 160;
      *natural = 420;
    }
  else
    {
      /* The legend takes more rows when narrow. */
      *minimum = *natural = measure_height (self, for_size > 0 ? for_size : 420);
    }
}

static void
rubric_category_bars_css_changed (GtkWidget         *widget,
                                  GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (rubric_category_bars_parent_class)->css_changed (widget, change);
  gtk_widget_queue_resize (widget);
}

static void
rubric_category_bars_finalize (GObject *object)
{
  RubricCategoryBars *self = RUBRIC_CATEGORY_BARS (object);

  g_array_unref (self->rows);

  G_OBJECT_CLASS (rubric_category_bars_parent_class)->finalize (object);
}

static void
rubric_category_bars_class_init (RubricCategoryBarsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = rubric_category_bars_finalize;
  widget_class->snapshot = rubric_category_bars_snapshot;
  widget_class->get_request_mode = rubric_category_bars_get_request_mode;
  widget_class->measure = rubric_category_bars_measure;
  widget_class->css_changed = rubric_category_bars_css_changed;

  gtk_widget_class_set_css_name (widget_class, "rubric-category-bars");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
rubric_category_bars_init (RubricCategoryBars *self)
{
  self->rows = g_array_new (FALSE, TRUE, sizeof (Row));
  g_array_set_clear_func (self->rows, row_clear);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  C_("category bars", "Scores by category"),
                                  -1);
}
