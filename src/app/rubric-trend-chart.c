/* rubric-trend-chart.c — an agent's or a team's score over weeks, against the team band
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Drawn with cairo inside the snapshot in the theme's colours, like
 * rubric-rating-chart.c: the score in the accent colour (a line broken
 * where a bucket has no evaluation, a dot on every bucket that has one),
 * the moving average dashed in the same colour, the team's mean a thin
 * line in the text colour inside its 95 % interval shaded.
 *
 * The chart takes the focus: Left and Right (Home, End) move the focused
 * bucket, whose figures are written in a box over the plot and become the
 * accessible description, so a screen reader reads them bucket by bucket;
 * the pointer shows the figures of the bucket under it the same way.
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "rubric-chart-util.h"
#include "rubric-rating-text.h"
#include "rubric-trend-chart.h"
#include "rubric-trends.h"

typedef struct
{
  RubricDayRange range;
  RubricQaMean   mean;
  gboolean       has_avg;
  double         avg;
  gboolean       has_team;
  double         team;
  gboolean       has_band;
  double         low;
  double         high;
  char          *label;      /* under the axis: "W12", "Mar" */
  int            label_width;  /* in pixels; -1 until measured (again after a style change) */
} Bucket;

struct _RubricTrendChart
{
  GtkWidget         parent_instance;

  GArray           *buckets;   /* Bucket */
  char             *category;
  RubricPeriodKind  by;
  int               focused;
  int               hovered;
};

G_DEFINE_FINAL_TYPE (RubricTrendChart, rubric_trend_chart, GTK_TYPE_WIDGET)

#define PAD          6.0
#define LEGEND_GAP   16.0
#define SWATCH       22.0
#define LABEL_GAP    12.0

static void
bucket_clear (gpointer data)
{
  Bucket *bucket = data;

  g_free (bucket->label);
}

GtkWidget *
rubric_trend_chart_new (void)
{
  return g_object_new (RUBRIC_TYPE_TREND_CHART, NULL);
}

/* ------------------------------------------------------------- words */

static const char *
short_month (int month)
{
  switch (month)
    {
    case 1: return C_("short month", "Jan");
    case 2: return C_("short month", "Feb");
    case 3: return C_("short month", "Mar");
    case 4: return C_("short month", "Apr");
    case 5: return C_("short month", "May");
    case 6: return C_("short month", "Jun");
    case 7: return C_("short month", "Jul");
    case 8: return C_("short month", "Aug");
    case 9: return C_("short month", "Sep");
    case 10: return C_("short month", "Oct");
    case 11: return C_("short month", "Nov");
    case 12: return C_("short month", "Dec");
    default: return "";
    }
}

/* The ISO week's Monday, or the month's first day, that holds @day. */
static gint32
bucket_start (RubricTrendChart *self,
              gint32            day)
{
  return rubric_period_containing (day, self->by).first;
}

static char *
bucket_label (RubricTrendChart *self,
              gint32            day)
{
  GDate date;

  if (self->by == RUBRIC_PERIOD_MONTH)
    {
      rubric_day_to_date (day, &date);
      return g_strdup (short_month (g_date_get_month (&date)));
    }

  /* An ISO week is numbered by its Thursday. */
  rubric_day_to_date (bucket_start (self, day) + 3, &date);
  /* Translators: an ISO week under the axis of a trend chart, "W12" */
  return g_strdup_printf (C_("trend chart", "W%u"), g_date_get_iso8601_week_of_year (&date));
}

static char *
bucket_title (RubricTrendChart *self,
              const Bucket     *bucket)
{
  RubricDayRange whole = rubric_period_containing (bucket->range.first, self->by);
  g_autofree char *monday = NULL;

  if (self->by == RUBRIC_PERIOD_MONTH)
    return rubric_period_title (whole, RUBRIC_PERIOD_MONTH);

  monday = rubric_day_title (whole.first);
  /* Translators: a week of a trend chart, by its Monday, "Week of 2 March 2026" */
  return g_strdup_printf (C_("trend chart", "Week of %s"), monday);
}

static char *
figure (double value)
{
  return rubric_figure_format (value, 1);
}

/* The figures of @bucket, one phrase each: "score 74.2 (n 12, 95 %
 * interval 70.1–78.3)", "moving average 72.0", "team 75.1". */
static GPtrArray *
bucket_phrases (RubricTrendChart *self,
                const Bucket     *bucket)
{
  GPtrArray *phrases = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (phrases, rubric_chart_score_phrase (&bucket->mean));

  if (bucket->has_avg)
    {
      g_autofree char *avg = figure (bucket->avg);

      /* Translators: the mean over this bucket and the 3 before it, "moving average 72.0" */
      g_ptr_array_add (phrases, g_strdup_printf (C_("trend chart", "moving average %s"), avg));
    }

  if (bucket->has_team && bucket->has_band)
    {
      g_autofree char *team = figure (bucket->team);
      g_autofree char *low = figure (bucket->low);
      g_autofree char *high = figure (bucket->high);

      /* Translators: the team's mean score of a bucket and its 95 % confidence interval,
       * "team 75.1 (95 % interval 71.0–79.2)" */
      g_ptr_array_add (phrases, g_strdup_printf (C_("trend chart", "team %s (95 %% interval %s–%s)"),
                                                 team, low, high));
    }
  else if (bucket->has_team)
    {
      g_autofree char *team = figure (bucket->team);

      /* Translators: the team's mean score of a bucket, "team 75.1" */
      g_ptr_array_add (phrases, g_strdup_printf (C_("trend chart", "team %s"), team));
    }

  return phrases;
}

char *
rubric_trend_chart_describe (RubricTrendChart *self,
                             guint             i)
{
  g_autoptr(GPtrArray) phrases = NULL;
  g_autofree char *title = NULL;
  g_autofree char *figures = NULL;
  const Bucket *bucket;

  g_return_val_if_fail (RUBRIC_IS_TREND_CHART (self), NULL);
  g_return_val_if_fail (i < self->buckets->len, NULL);

  bucket = &g_array_index (self->buckets, Bucket, i);
  title = bucket_title (self, bucket);
  phrases = bucket_phrases (self, bucket);
  g_ptr_array_add (phrases, NULL);
  /* Translators: between the figures of a bucket read aloud; French and Latvian
   * write a decimal comma, so they part them with a semicolon */
  figures = g_strjoinv (C_("trend chart", ", "), (char **) phrases->pdata);

  /* Translators: a bucket of a trend chart and its figures,
   * "Week of 2 March 2026: score 74.2 (n 12), team 75.1" */
  return g_strdup_printf (C_("trend chart", "%s: %s"), title, figures);
}

static void
update_description (RubricTrendChart *self)
{
  g_autofree char *description = NULL;

  if (self->focused >= 0)
    description = rubric_trend_chart_describe (self, self->focused);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description != NULL ? description : "",
                                  -1);
}

static void
update_label (RubricTrendChart *self)
{
  g_autofree char *label = NULL;
  gboolean months = self->by == RUBRIC_PERIOD_MONTH;

  if (self->category == NULL)
    label = g_strdup (months ? C_("trend chart", "Overall score by month")
                             : C_("trend chart", "Overall score by week"));
  else if (months)
    /* Translators: the accessible label of a category's trend chart, "Ownership by month" */
    label = g_strdup_printf (C_("trend chart", "%s by month"),
                             rubric_category_name (self->category));
  else
    /* Translators: the accessible label of a category's trend chart, "Ownership by week" */
    label = g_strdup_printf (C_("trend chart", "%s by week"),
                             rubric_category_name (self->category));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

/* ------------------------------------------------------------- data */

static const RubricQaMean *
find_category (GPtrArray  *categories,
               const char *key)
{
  for (guint i = 0; categories != NULL && i < categories->len; i++)
    {
      const RubricQaCategory *category = g_ptr_array_index (categories, i);

      if (g_strcmp0 (category->key, key) == 0)
        return &category->mean;
    }

  return NULL;
}

/* The team's row of the bucket that starts on @first: by position when
 * the buckets line up, else looked for. */
static const RubricTrendRow *
find_team_row (GPtrArray *team_rows,
               guint      i,
               gint32     first)
{
  if (team_rows == NULL)
    return NULL;
  if (i < team_rows->len &&
      ((const RubricTrendRow *) g_ptr_array_index (team_rows, i))->range.first == first)
    return g_ptr_array_index (team_rows, i);
  for (guint j = 0; j < team_rows->len; j++)
    if (((const RubricTrendRow *) g_ptr_array_index (team_rows, j))->range.first == first)
      return g_ptr_array_index (team_rows, j);

  return NULL;
}

void
rubric_trend_chart_set_series (RubricTrendChart *self,
                               GPtrArray        *rows,
                               GPtrArray        *team_rows,
                               const char       *category)
{
  guint n;

  g_return_if_fail (RUBRIC_IS_TREND_CHART (self));

  n = rows != NULL ? rows->len : 0;
  g_array_set_size (self->buckets, 0);
  g_free (self->category);
  self->category = g_strdup (category);

  /* Weeks, unless a bucket is longer than one (a month clipped to a few
   * days in a short range reads as a month all the same). */
  self->by = RUBRIC_PERIOD_WEEK;
  for (guint i = 0; i < n; i++)
    {
      const RubricTrendRow *row = g_ptr_array_index (rows, i);

      if (rubric_period_containing (row->range.first, RUBRIC_PERIOD_WEEK).last < row->range.last)
        self->by = RUBRIC_PERIOD_MONTH;
    }

  for (guint i = 0; i < n; i++)
    {
      const RubricTrendRow *row = g_ptr_array_index (rows, i);
      Bucket bucket = { 0 };

      bucket.range = row->range;
      bucket.label = bucket_label (self, row->range.first);
      bucket.label_width = -1;
      if (category == NULL)
        {
          bucket.mean = row->score;
          bucket.has_avg = row->has_moving_avg;
          bucket.avg = row->moving_avg;
          bucket.has_team = row->has_team_score;
          bucket.team = row->team_score;
          bucket.has_band = row->has_team_score && row->team_mean.has_ci;
          bucket.low = row->team_mean.low;
          bucket.high = row->team_mean.high;
        }
      else
        {
          const RubricQaMean *mean = find_category (row->categories, category);
          const RubricTrendRow *team_row = find_team_row (team_rows, i, row->range.first);
          const RubricQaMean *team = team_row != NULL
                                     ? find_category (team_row->categories, category) : NULL;

          if (mean != NULL)
            bucket.mean = *mean;
          if (team != NULL && team->has_mean)
            {
              bucket.has_team = TRUE;
              bucket.team = team->mean;
              bucket.has_band = team->has_ci;
              bucket.low = team->low;
              bucket.high = team->high;
            }
        }
      g_array_append_val (self->buckets, bucket);
    }

  /* The latest bucket with a score, else the latest. */
  self->focused = (int) n - 1;
  for (guint i = n; i > 0; i--)
    if (g_array_index (self->buckets, Bucket, i - 1).mean.has_mean)
      {
        self->focused = i - 1;
        break;
      }
  self->hovered = -1;

  update_label (self);
  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

int
rubric_trend_chart_get_focused (RubricTrendChart *self)
{
  g_return_val_if_fail (RUBRIC_IS_TREND_CHART (self), -1);

  return self->focused;
}

void
rubric_trend_chart_set_focused (RubricTrendChart *self,
                                int               bucket)
{
  g_return_if_fail (RUBRIC_IS_TREND_CHART (self));

  if (self->buckets->len == 0)
    return;
  bucket = CLAMP (bucket, 0, (int) self->buckets->len - 1);
  if (self->focused == bucket)
    return;

  self->focused = bucket;
  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ------------------------------------------------------------- layout */

/* The label's width, measured once: the pointer's every move lays the
 * chart out again. */
static int
label_width (GtkWidget *widget,
             Bucket    *bucket)
{
  if (bucket->label_width < 0)
    bucket->label_width = rubric_chart_text_width (widget, bucket->label);

  return bucket->label_width;
}

typedef enum
{
  SWATCH_SCORE,
  SWATCH_AVERAGE,
  SWATCH_TEAM,
} SwatchKind;

typedef struct
{
  SwatchKind  kind;
  const char *text;
  double      x, y;        /* of the swatch's top left */
} LegendItem;

typedef struct
{
  double     left, right, top, bottom;
  double     slot;
  int        text_height;
  LegendItem legend[3];
  guint      n_legend;
  guint      label_step;   /* every how many buckets a label is written */
} Layout;

static gboolean
compute_layout (RubricTrendChart *self,
                int               width,
                int               height,
                Layout           *l)
{
  GtkWidget *widget = GTK_WIDGET (self);
  g_autoptr(PangoLayout) probe = rubric_chart_small_layout (widget, "100");
  guint n = self->buckets->len;
  int axis_width;
  double x, y;
  int max_label = 0;

  pango_layout_get_pixel_size (probe, &axis_width, &l->text_height);

  /* The legend, in as many rows as the width needs. */
  l->n_legend = 0;
  l->legend[l->n_legend++] = (LegendItem) { SWATCH_SCORE, C_("trend chart", "Score") };
  if (self->category == NULL)
    l->legend[l->n_legend++] = (LegendItem) { SWATCH_AVERAGE, C_("trend chart", "Moving average") };
  l->legend[l->n_legend++] = (LegendItem) {
    SWATCH_TEAM,
    /* xgettext:no-c-format */
    C_("trend chart", "Team (95 % interval)")
  };
  x = PAD;
  y = PAD;
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

  l->left = PAD + axis_width + PAD;
  l->right = width - PAD;
  l->top = y + l->text_height + PAD + l->text_height / 2.0;
  l->bottom = height - PAD - l->text_height - PAD;
  l->slot = n > 0 ? (l->right - l->left) / n : 0;

  for (guint i = 0; i < n; i++)
    max_label = MAX (max_label, label_width (widget, &g_array_index (self->buckets, Bucket, i)));
  l->label_step = l->slot > 0 ? (guint) ceil ((max_label + LABEL_GAP) / l->slot) : 1;
  l->label_step = MAX (l->label_step, 1);

  return l->right - l->left >= 20 && l->bottom - l->top >= 20;
}

#define X(l, i) ((l)->left + ((i) + 0.5) * (l)->slot)
#define Y(l, v) ((l)->bottom - (CLAMP ((v), 0, 100) / 100.0) * ((l)->bottom - (l)->top))

gboolean
rubric_trend_chart_get_position (RubricTrendChart *self,
                                 guint             i,
                                 double            value,
                                 double           *x,
                                 double           *y)
{
  Layout l;

  g_return_val_if_fail (RUBRIC_IS_TREND_CHART (self), FALSE);

  if (i >= self->buckets->len ||
      !compute_layout (self, gtk_widget_get_width (GTK_WIDGET (self)),
                       gtk_widget_get_height (GTK_WIDGET (self)), &l))
    return FALSE;

  if (x != NULL)
    *x = X (&l, i);
  if (y != NULL)
    *y = Y (&l, value);
  return TRUE;
}

/* ------------------------------------------------------------- drawing */

typedef struct
{
  GdkRGBA fg;
  GdkRGBA accent;
  GdkRGBA box_bg;
  GdkRGBA box_fg;
} Colors;

static void
draw_swatch (cairo_t       *cr,
             SwatchKind     kind,
             double         x,
             double         y,
             double         height,
             const Colors  *colors)
{
  double middle = round (y + height / 2) + 0.5;

  cairo_save (cr);
  switch (kind)
    {
    case SWATCH_SCORE:
      gdk_cairo_set_source_rgba (cr, &colors->accent);
      cairo_set_line_width (cr, 2);
      cairo_move_to (cr, x, middle);
      cairo_line_to (cr, x + SWATCH, middle);
      cairo_stroke (cr);
      cairo_arc (cr, x + SWATCH / 2, middle, 3, 0, 2 * G_PI);
      cairo_fill (cr);
      break;
    case SWATCH_AVERAGE:
      {
        double dash[] = { 4, 3 };

        gdk_cairo_set_source_rgba (cr, &colors->accent);
        cairo_set_line_width (cr, 1.5);
        cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
        cairo_move_to (cr, x, middle);
        cairo_line_to (cr, x + SWATCH, middle);
        cairo_stroke (cr);
      }
      break;
    case SWATCH_TEAM:
      rubric_chart_set_alpha (cr, &colors->fg, 0.12);
      cairo_rectangle (cr, x, middle - 5, SWATCH, 10);
      cairo_fill (cr);
      rubric_chart_set_alpha (cr, &colors->fg, 0.6);
      cairo_set_line_width (cr, 1);
      cairo_move_to (cr, x, middle);
      cairo_line_to (cr, x + SWATCH, middle);
      cairo_stroke (cr);
      break;
    default:
      g_assert_not_reached ();
    }
  cairo_restore (cr);
}

static void
draw_legend (RubricTrendChart *self,
             cairo_t          *cr,
             const Layout     *l,
             const Colors     *colors)
{
  for (guint i = 0; i < l->n_legend; i++)
    {
      const LegendItem *item = &l->legend[i];

      draw_swatch (cr, item->kind, item->x, item->y, l->text_height, colors);
      rubric_chart_set_alpha (cr, &colors->fg, 0.8);
      rubric_chart_show_text (cr, GTK_WIDGET (self), item->text, item->x + SWATCH + 4, item->y, 0, 0);
    }
}

/* 0, 25, 50, 75 and 100; in a short chart 0, 50 and 100. */
static void
draw_grid (RubricTrendChart *self,
           cairo_t          *cr,
           const Layout     *l,
           const Colors     *colors)
{
  guint step = l->bottom - l->top >= 120 ? 25 : 50;

  cairo_set_line_width (cr, 1);
  for (guint value = 0; value <= 100; value += step)
    {
      double y = round (Y (l, (double) value)) + 0.5;
      char text[8];

      rubric_chart_set_alpha (cr, &colors->fg, value == 0 ? 0.25 : 0.1);
      cairo_move_to (cr, l->left, y);
      cairo_line_to (cr, l->right, y);
      cairo_stroke (cr);

      g_snprintf (text, sizeof text, "%u", value);
      rubric_chart_set_alpha (cr, &colors->fg, 0.55);
      rubric_chart_show_text (cr, GTK_WIDGET (self), text, l->left - PAD, y, 1, 0.5);
    }
}

/* Every label_step-th bucket counted back from the latest, which always
 * has its label; each kept inside the chart. */
static void
draw_labels (RubricTrendChart *self,
             cairo_t          *cr,
             const Layout     *l,
             int               width,
             int               height,
             const Colors     *colors)
{
  GtkWidget *widget = GTK_WIDGET (self);
  guint n = self->buckets->len;

  rubric_chart_set_alpha (cr, &colors->fg, 0.55);
  for (guint i = 0; i < n; i++)
    {
      Bucket *bucket = &g_array_index (self->buckets, Bucket, i);
      double w, x;

      if ((n - 1 - i) % l->label_step != 0)
        continue;
      w = label_width (widget, bucket);
      x = CLAMP (X (l, i) - w / 2, 0, width - w);
      rubric_chart_show_text (cr, widget, bucket->label, x, height - PAD, 0, 1);
    }
}

/* The team's interval: a band over each run of two buckets or more, a bar
 * on a bucket alone. */
static void
draw_band (RubricTrendChart *self,
           cairo_t          *cr,
           const Layout     *l,
           const Colors     *colors)
{
  guint n = self->buckets->len;

  rubric_chart_set_alpha (cr, &colors->fg, 0.12);
  for (guint i = 0; i < n;)
    {
      guint end = i;

      while (end < n && g_array_index (self->buckets, Bucket, end).has_band)
        end++;
      if (end == i)
        {
          i++;
          continue;
        }
      cairo_new_path (cr);
      if (end - i == 1)
        {
          const Bucket *b = &g_array_index (self->buckets, Bucket, i);
          double half = MAX (2, MIN (8, l->slot / 3));

          cairo_rectangle (cr, X (l, i) - half, Y (l, b->high), 2 * half,
                           Y (l, b->low) - Y (l, b->high));
        }
      else
        {
          for (guint j = i; j < end; j++)
            cairo_line_to (cr, X (l, j), Y (l, g_array_index (self->buckets, Bucket, j).high));
          for (guint j = end; j > i; j--)
            cairo_line_to (cr, X (l, j - 1), Y (l, g_array_index (self->buckets, Bucket, j - 1).low));
          cairo_close_path (cr);
        }
      cairo_fill (cr);
      i = end;
    }
}

typedef enum
{
  SERIES_SCORE,
  SERIES_AVERAGE,
  SERIES_TEAM,
} Series;

static gboolean
series_value (const Bucket *bucket,
              Series        series,
              double       *value)
{
  switch (series)
    {
    case SERIES_SCORE:
      *value = bucket->mean.mean;
      return bucket->mean.has_mean;
    case SERIES_AVERAGE:
      *value = bucket->avg;
      return bucket->has_avg;
    case SERIES_TEAM:
      *value = bucket->team;
      return bucket->has_team;
    default:
      g_assert_not_reached ();
    }
}

/* A line through the buckets that have a value, broken at those that do
 * not; a bucket alone between gaps gets a short tick so it still shows. */
static void
trace_series (RubricTrendChart *self,
              cairo_t          *cr,
              const Layout     *l,
              Series            series)
{
  guint n = self->buckets->len;
  double value;

  cairo_new_path (cr);
  for (guint i = 0; i < n; i++)
    {
      const Bucket *bucket = &g_array_index (self->buckets, Bucket, i);

      if (!series_value (bucket, series, &value))
        {
          cairo_new_sub_path (cr);
          continue;
        }
      cairo_line_to (cr, X (l, i), Y (l, value));
    }
}

static void
draw_box (RubricTrendChart *self,
          cairo_t          *cr,
          const Layout     *l,
          int               width,
          guint             i,
          const Colors     *colors)
{
  GtkWidget *widget = GTK_WIDGET (self);
  const Bucket *bucket = &g_array_index (self->buckets, Bucket, i);
  g_autoptr(GPtrArray) phrases = bucket_phrases (self, bucket);
  g_autofree char *title = bucket_title (self, bucket);
  g_autofree char *escaped = g_markup_escape_text (title, -1);
  g_autoptr(GString) markup = g_string_new (NULL);
  g_autoptr(PangoLayout) layout = rubric_chart_small_layout (widget, NULL);
  double point_y = bucket->mean.has_mean ? Y (l, bucket->mean.mean) : (l->top + l->bottom) / 2;
  double max_width = MIN (320, l->right - l->left - 2 * PAD);
  int w, h;
  double x, y;

  g_string_append_printf (markup, "<b>%s</b>", escaped);
  for (guint p = 0; p < phrases->len; p++)
    {
      g_autofree char *phrase = g_markup_escape_text (g_ptr_array_index (phrases, p), -1);
      g_auto(GStrv) parts = g_strsplit (phrase, "–", -1);
      g_autofree char *joined = NULL;

      /* An interval never parts at its dash when the box wraps a line. */
      joined = g_strjoinv ("\u2060–\u2060", parts);
      g_string_append_printf (markup, "\n%s", joined);
    }
  pango_layout_set_markup (layout, markup->str, -1);
  pango_layout_set_width (layout, (int) (max_width - 2 * PAD) * PANGO_SCALE);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_get_pixel_size (layout, &w, &h);

  /* Beside the bucket, on the side with more room, in the half of the
   * plot away from the point. */
  if (X (l, i) + PAD + w + 2 * PAD <= l->right)
    x = X (l, i) + PAD;
  else
    x = X (l, i) - PAD - w - 2 * PAD;
  x = CLAMP (x, l->left, MAX (l->left, width - PAD - w - 2 * PAD));
  if (point_y < (l->top + l->bottom) / 2)
    y = l->bottom - h - 2 * PAD - 2;
  else
    y = l->top + 2;
  y = MAX (y, l->top - l->text_height / 2.0);
  x = round (x);
  y = round (y);

  gdk_cairo_set_source_rgba (cr, &colors->box_bg);
  cairo_rectangle (cr, x, y, w + 2 * PAD, h + 2 * PAD);
  cairo_fill_preserve (cr);
  rubric_chart_set_alpha (cr, &colors->fg, 0.25);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);

  gdk_cairo_set_source_rgba (cr, &colors->box_fg);
  cairo_move_to (cr, x + PAD, y + PAD);
  pango_cairo_show_layout (cr, layout);
}

static void
draw (RubricTrendChart *self,
      cairo_t          *cr,
      int               width,
      int               height)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkStyleContext *style = gtk_widget_get_style_context (widget);
  guint n = self->buckets->len;
  gboolean any = FALSE;
  int shown;
  Colors colors;
  Layout layout, *l = &layout;

  rubric_chart_theme_colors (widget, &colors.fg, &colors.accent);
  if (!gtk_style_context_lookup_color (style, "popover_bg_color", &colors.box_bg))
    gdk_rgba_parse (&colors.box_bg, "#ffffff");
  if (!gtk_style_context_lookup_color (style, "popover_fg_color", &colors.box_fg))
    colors.box_fg = colors.fg;

  if (!compute_layout (self, width, height, l))
    return;

  draw_legend (self, cr, l, &colors);
  draw_grid (self, cr, l, &colors);
  draw_labels (self, cr, l, width, height, &colors);

  for (guint i = 0; i < n; i++)
    any |= g_array_index (self->buckets, Bucket, i).mean.has_mean;
  if (!any)
    {
      const char *note = self->by == RUBRIC_PERIOD_MONTH
                         ? C_("trend chart", "No evaluations in these months")
                         : C_("trend chart", "No evaluations in these weeks");

      rubric_chart_set_alpha (cr, &colors.fg, 0.7);
      rubric_chart_show_text (cr, widget, note, (l->left + l->right) / 2, (l->top + l->bottom) / 2, 0.5, 0.5);
    }

  /* The bucket pointed at, else the focused one while the chart has the
   * focus (from the keyboard or a click). */
  shown = self->hovered >= 0 ? self->hovered
          : gtk_widget_has_focus (widget) ? self->focused : -1;
  if (shown >= 0)
    {
      rubric_chart_set_alpha (cr, &colors.accent, 0.12);
      cairo_rectangle (cr, round (X (l, shown) - l->slot / 2), l->top,
                       MAX (2, round (l->slot)), l->bottom - l->top);
      cairo_fill (cr);
    }

  draw_band (self, cr, l, &colors);

  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  /* The team: thin, in the text colour. */
  rubric_chart_set_alpha (cr, &colors.fg, 0.6);
  cairo_set_line_width (cr, 1);
  trace_series (self, cr, l, SERIES_TEAM);
  cairo_stroke (cr);

  /* The moving average: dashed. */
  if (self->category == NULL)
    {
      double dash[] = { 4, 3 };

      cairo_save (cr);
      gdk_cairo_set_source_rgba (cr, &colors.accent);
      cairo_set_line_width (cr, 1.5);
      cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
      trace_series (self, cr, l, SERIES_AVERAGE);
      cairo_stroke (cr);
      cairo_restore (cr);
    }

  /* The score: a line and a dot on each bucket with evaluations. */
  gdk_cairo_set_source_rgba (cr, &colors.accent);
  cairo_set_line_width (cr, 2);
  trace_series (self, cr, l, SERIES_SCORE);
  cairo_stroke (cr);
  for (guint i = 0; i < n; i++)
    {
      const Bucket *bucket = &g_array_index (self->buckets, Bucket, i);

      if (!bucket->mean.has_mean)
        continue;
      cairo_new_sub_path (cr);
      cairo_arc (cr, X (l, i), Y (l, bucket->mean.mean), (int) i == shown ? 4.5 : 3, 0, 2 * G_PI);
    }
  cairo_fill (cr);

  if (shown >= 0)
    draw_box (self, cr, l, width, shown, &colors);
}

#undef X
#undef Y

/* ------------------------------------------------------------- events */

static int
bucket_at (RubricTrendChart *self,
           double            x,
           double            y)
{
  Layout l;
  int i;

  if (self->buckets->len == 0 ||
      !compute_layout (self, gtk_widget_get_width (GTK_WIDGET (self)),
                       gtk_widget_get_height (GTK_WIDGET (self)), &l) ||
      x < l.left || x >= l.right || y < l.top - l.text_height || y > l.bottom + l.text_height)
    return -1;

  i = (int) floor ((x - l.left) / l.slot);
  return CLAMP (i, 0, (int) self->buckets->len - 1);
}

static void
set_hovered (RubricTrendChart *self,
             int               bucket)
{
  if (self->hovered == bucket)
    return;

  self->hovered = bucket;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           RubricTrendChart         *self)
{
  set_hovered (self, bucket_at (self, x, y));
}

static void
leave_cb (GtkEventControllerMotion *controller,
          RubricTrendChart         *self)
{
  set_hovered (self, -1);
}

static void
pressed_cb (GtkGestureClick  *gesture,
            int               n_press,
            double            x,
            double            y,
            RubricTrendChart *self)
{
  int bucket = bucket_at (self, x, y);

  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (bucket >= 0)
    rubric_trend_chart_set_focused (self, bucket);
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                RubricTrendChart      *self)
{
  int last = (int) self->buckets->len - 1;

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != 0 || last < 0)
    return FALSE;

  /* The keys move what they show: the pointer's bucket gives way. */
  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      set_hovered (self, -1);
      rubric_trend_chart_set_focused (self, MAX (self->focused - 1, 0));
      return TRUE;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      set_hovered (self, -1);
      rubric_trend_chart_set_focused (self, MIN (self->focused + 1, last));
      return TRUE;
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      set_hovered (self, -1);
      rubric_trend_chart_set_focused (self, 0);
      return TRUE;
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      set_hovered (self, -1);
      rubric_trend_chart_set_focused (self, last);
      return TRUE;
    default:
      return FALSE;
    }
}

static void
focus_changed_cb (GtkEventControllerFocus *controller,
                  RubricTrendChart        *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ------------------------------------------------------------- widget */

static void
rubric_trend_chart_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  RubricTrendChart *self = RUBRIC_TREND_CHART (widget);
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
rubric_trend_chart_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 200;
      *natural = 640;
    }
  else
    {
      /* A scrolled window gives its child its minimum height. */
      *minimum = 240;
      *natural = 240;
    }
}

static void
rubric_trend_chart_css_changed (GtkWidget         *widget,
                                GtkCssStyleChange *change)
{
  RubricTrendChart *self = RUBRIC_TREND_CHART (widget);

  GTK_WIDGET_CLASS (rubric_trend_chart_parent_class)->css_changed (widget, change);
  for (guint i = 0; i < self->buckets->len; i++)
    g_array_index (self->buckets, Bucket, i).label_width = -1;
  gtk_widget_queue_draw (widget);
}

static void
rubric_trend_chart_finalize (GObject *object)
{
  RubricTrendChart *self = RUBRIC_TREND_CHART (object);

  g_array_unref (self->buckets);
  g_free (self->category);

  G_OBJECT_CLASS (rubric_trend_chart_parent_class)->finalize (object);
}

static void
rubric_trend_chart_class_init (RubricTrendChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = rubric_trend_chart_finalize;
  widget_class->snapshot = rubric_trend_chart_snapshot;
  widget_class->measure = rubric_trend_chart_measure;
  widget_class->css_changed = rubric_trend_chart_css_changed;

  gtk_widget_class_set_css_name (widget_class, "rubric-trend-chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
rubric_trend_chart_init (RubricTrendChart *self)
{
  GtkEventController *controller;

  self->buckets = g_array_new (FALSE, TRUE, sizeof (Bucket));
  g_array_set_clear_func (self->buckets, bucket_clear);
  self->focused = -1;
  self->hovered = -1;
  self->by = RUBRIC_PERIOD_WEEK;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focus_on_click (GTK_WIDGET (self), TRUE);

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (controller, "enter", G_CALLBACK (motion_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = GTK_EVENT_CONTROLLER (gtk_gesture_click_new ());
  g_signal_connect (controller, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect (controller, "enter", G_CALLBACK (focus_changed_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (focus_changed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}
