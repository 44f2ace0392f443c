/* test-agent-charts.c — the drawings of the Agents page: sparkline, trend chart, category bars
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb like test-window.c (GDK_BACKEND=x11 GSK_RENDERER=cairo
 * GSETTINGS_BACKEND=memory, GTK's test accessibility backend); skips
 * without a display unless RUBRIC_REQUIRE_DISPLAY=1. Each widget gets
 * crafted rows (gaps, n = 1, every bucket empty, 0 and 100, 53 weeks), is
 * shown in a window, rendered to a texture the way `rubric --screenshots`
 * does, and looked at pixel by pixel where it matters. With
 * RUBRIC_TEST_SHOTS=DIR the pictures are kept, in English, French and
 * Latvian at 360, 800 and 1400 px, and in the dark style.
 */

#include "config.h"

#include <dlfcn.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include <adwaita.h>

#include "rubric-category-bars.h"
#include "rubric-gui-test-util.h"
#include "rubric-period.h"
#include "rubric-sparkline.h"
#include "rubric-trend-chart.h"
#include "rubric-trends.h"

#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

/* --------------------------------------------------------------- data */

static gint32
day_of (const char *text)
{
  gint32 day;

  g_assert_true (rubric_day_parse (text, &day));
  return day;
}

static RubricQaMean
qa_mean (guint64 n,
         double  mean,
         double  low,
         double  high)
{
  RubricQaMean m = { 0 };

  m.n = n;
  m.has_mean = n > 0;
  m.mean = mean;
  m.has_ci = n >= 2 && !isnan (low);
  m.low = low;
  m.high = high;
  return m;
}

static void
category_free (gpointer data)
{
  RubricQaCategory *category = data;

  g_free (category->key);
  g_free (category);
}

static void
add_category (GPtrArray    *categories,
              const char   *key,
              RubricQaMean  mean)
{
  RubricQaCategory *category = g_new0 (RubricQaCategory, 1);

  category->key = g_strdup (key);
  category->mean = mean;
  g_ptr_array_add (categories, category);
}

/* A week's row starting @week weeks after Monday 2 March 2026. */
static RubricTrendRow *
week_row (guint        week,
          RubricQaMean score)
{
  RubricTrendRow *row = g_new0 (RubricTrendRow, 1);
  gint32 monday = day_of ("2026-03-02") + 7 * (gint32) week;

  row->vendor = g_strdup ("Acme");
  row->agent = g_strdup ("PJSIP/400");
  row->range.first = monday;
  row->range.last = monday + 6;
  row->score = score;
  row->categories = g_ptr_array_new_with_free_func (category_free);
  add_category (row->categories, "resolution", score);
  return row;
}

static void
set_team (RubricTrendRow *row,
          double          team,
          double          low,
          double          high)
{
  row->has_team_score = TRUE;
  row->team_score = team;
  row->team_n = 40;
  row->team_mean = qa_mean (40, team, low, high);
}

static void
set_average (RubricTrendRow *row,
             double          average)
{
  row->has_moving_avg = TRUE;
  row->moving_avg = average;
}

/* 53 weeks: a gap at 10 with nothing around it, 20 alone between gaps
 * (n = 1), 0 at 30, 100 at 31, the team band from 40 on, the last weeks
 * like the SPEC's example. */
static GPtrArray *
long_series (void)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) rubric_trend_row_free);

  for (guint w = 0; w < 53; w++)
    {
      RubricTrendRow *row;

      if (w == 10 || w == 19 || w == 21)
        row = week_row (w, qa_mean (0, 0, NAN, NAN));
      else if (w == 20)
        row = week_row (w, qa_mean (1, 55, NAN, NAN));
      else if (w == 30)
        row = week_row (w, qa_mean (3, 0, 0, 0));
      else if (w == 31)
        row = week_row (w, qa_mean (3, 100, 100, 100));
      else if (w >= 40)
        row = week_row (w, qa_mean (8, 30 + (w % 3), 25, 36));
      else
        row = week_row (w, qa_mean (12, 70 + (w % 5), 66, 78));
      if (w != 10 && w != 19 && w != 20 && w != 21)
        set_average (row, 71);
      if (w >= 40)
        set_team (row, 75, 60, 90);
      g_ptr_array_add (rows, row);
    }

  return rows;
}

/* Twelve weeks ending with the SPEC's example week. */
static GPtrArray *
short_series (gboolean with_team)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) rubric_trend_row_free);
  static const double means[] = { 68, 71, 0, 74, 66, 0, 0, 79, 72, 70, 73, 74.2 };

  for (guint w = 0; w < G_N_ELEMENTS (means); w++)
    {
      RubricTrendRow *row;

      if (means[w] == 0)
        row = week_row (w, qa_mean (0, 0, NAN, NAN));
      else
        row = week_row (w, qa_mean (12, means[w], means[w] - 4.1, means[w] + 4.1));
      if (w > 0)
        set_average (row, 72);
      if (with_team)
        {
          set_team (row, 75.1, 71, 79.2);
          if (w == G_N_ELEMENTS (means) - 1)
            row->team_mean.has_ci = FALSE;
        }
      g_ptr_array_add (rows, row);
    }

  return rows;
}

/* --------------------------------------------------------------- windows and pixels */

static GtkWidget *
show_in_window (GtkWidget *child,
                int        width,
                int        height)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *frame = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  /* A size request as well as the default size: GTK keeps a default size
   * inside the screen, and the suite's screen is 1280 px wide. */
  gtk_widget_set_size_request (frame, width, height);
  gtk_widget_set_vexpand (child, gtk_widget_get_valign (child) == GTK_ALIGN_FILL);
  gtk_box_append (GTK_BOX (frame), child);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_set_child (GTK_WINDOW (window), frame);
  gtk_window_present (GTK_WINDOW (window));
  WAIT_FOR (gtk_widget_get_mapped (child) && gtk_widget_get_width (window) == width);
  test_wait_frames (window, 3);
  return window;
}

typedef struct
{
  guchar *data;
  gsize   stride;
  int     width;
  int     height;
} Pixels;

static void
pixels_free (Pixels *pixels)
{
  g_free (pixels->data);
  g_free (pixels);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Pixels, pixels_free)

/* @widget as it is drawn now, like rubric_widget_save_png (), with the
 * window's background under it; kept as DIR/NAME.png with
 * RUBRIC_TEST_SHOTS=DIR. */
static Pixels *
render (GtkWidget  *widget,
        const char *name)
{
  GtkWidget *window = GTK_WIDGET (gtk_widget_get_root (widget));
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  const char *shots = g_getenv ("RUBRIC_TEST_SHOTS");
  int width = gtk_widget_get_width (window);
  int height = gtk_widget_get_height (window);
  graphene_point_t origin;
  Pixels *pixels = g_new0 (Pixels, 1);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (shots != NULL && name != NULL)
    {
      g_autofree char *file = g_strconcat (name, ".png", NULL);
      g_autofree char *path = g_build_filename (shots, file, NULL);

      g_mkdir_with_parents (shots, 0755);
      g_assert_true (gdk_texture_save_to_png (texture, path));
      g_test_message ("%s", path);
    }

  /* The widget's own pixels. */
  g_assert_true (gtk_widget_compute_point (widget, window, &GRAPHENE_POINT_INIT (0, 0), &origin));
  pixels->width = gdk_texture_get_width (texture);
  pixels->height = gdk_texture_get_height (texture);
  pixels->stride = pixels->width * 4;
  pixels->data = g_malloc (pixels->stride * pixels->height);
  gdk_texture_download (texture, pixels->data, pixels->stride);
  /* Shift to the widget's coordinates by moving the start. */
  if (origin.x != 0 || origin.y != 0)
    {
      guchar *moved = g_malloc0 (pixels->stride * pixels->height);
      int ox = (int) origin.x, oy = (int) origin.y;

      for (int y = 0; y + oy < pixels->height; y++)
        memcpy (moved + y * pixels->stride,
                pixels->data + (y + oy) * pixels->stride + ox * 4,
                (pixels->width - ox) * 4);
      g_free (pixels->data);
      pixels->data = moved;
    }
  return pixels;
}

/* Cairo's ARGB32 in memory: B, G, R, A. */
static void
pixel_at (const Pixels *pixels,
          int           x,
          int           y,
          int          *r,
          int          *g,
          int          *b)
{
  const guchar *p;

  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, pixels->width);
  g_assert_cmpint (y, <, pixels->height);
  p = pixels->data + y * pixels->stride + x * 4;
  *b = p[0];
  *g = p[1];
  *r = p[2];
}

/* The accent (Adwaita's blue) or something close to it. */
static gboolean
is_accent (const Pixels *pixels,
           int           x,
           int           y)
{
  int r, g, b;

  pixel_at (pixels, x, y, &r, &g, &b);
  return b - r > 60;
}

/* Any drawing at all on the light window background: darker than it. */
static gboolean
is_ink (const Pixels *pixels,
        int           x,
        int           y)
{
  int r, g, b;

  pixel_at (pixels, x, y, &r, &g, &b);
  return r + g + b < 3 * 235;
}

static gboolean
any_accent_in (const Pixels *pixels,
               int           x1,
               int           y1,
               int           x2,
               int           y2)
{
  for (int y = y1; y <= y2; y++)
    for (int x = x1; x <= x2; x++)
      if (is_accent (pixels, x, y))
        return TRUE;

  return FALSE;
}

static gboolean
accent_near (const Pixels *pixels,
             double        x,
             double        y)
{
  return any_accent_in (pixels, (int) x - 1, (int) y - 1, (int) x + 1, (int) y + 1);
}

/* ------------------------------------------------------------- keys */

/* Moves the pointer to (@x, @y) of @widget as a mouse would (XTest).
 * FALSE when this display cannot. */
static gboolean
move_pointer (GtkWidget *widget,
              double     x,
              double     y)
{
#ifdef GDK_WINDOWING_X11
  typedef int (*FakeMotion) (Display *, int, int, int, unsigned long);
  typedef Bool (*Translate) (Display *, Window, Window, int, int, int *, int *, Window *);
  typedef int (*Sync) (Display *, Bool);
  static void *xtst;
  GtkWidget *window = GTK_WIDGET (gtk_widget_get_root (widget));
  GdkDisplay *display = gtk_widget_get_display (window);
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  graphene_point_t point;
  FakeMotion fake_motion;
  Translate translate;
  Sync sync;
  Display *xdisplay;
  Window child;
  int root_x, root_y;
  double nx, ny;

  if (!GDK_IS_X11_DISPLAY (display))
    return FALSE;
  if (xtst == NULL)
    xtst = dlopen ("libXtst.so.6", RTLD_NOW | RTLD_GLOBAL);
  if (xtst == NULL)
    return FALSE;
  fake_motion = (FakeMotion) dlsym (xtst, "XTestFakeMotionEvent");
  translate = (Translate) dlsym (RTLD_DEFAULT, "XTranslateCoordinates");
  sync = (Sync) dlsym (RTLD_DEFAULT, "XSync");
  if (fake_motion == NULL || translate == NULL || sync == NULL)
    return FALSE;

  g_assert_true (gtk_widget_compute_point (widget, window, &GRAPHENE_POINT_INIT (x, y), &point));
  gtk_native_get_surface_transform (GTK_NATIVE (window), &nx, &ny);
  xdisplay = gdk_x11_display_get_xdisplay (display);
  translate (xdisplay, gdk_x11_surface_get_xid (surface), DefaultRootWindow (xdisplay),
             (int) (point.x + nx), (int) (point.y + ny), &root_x, &root_y, &child);
  fake_motion (xdisplay, -1, root_x, root_y, CurrentTime);
  sync (xdisplay, False);
  return TRUE;
#else
  return FALSE;
#endif
}

/* ------------------------------------------------------------- sparkline */

static void
test_sparkline (void)
{
  static const double values[RUBRIC_TRENDS_SPARK_BUCKETS] = {
    71, 74, NAN, 80, NAN, NAN, 0, 100, NAN, 65, 66, 67.25
  };
  GtkWidget *spark = rubric_sparkline_new ();
  GtkWidget *window;
  g_autoptr(Pixels) pixels = NULL;
  double x1, y1, x3, y3, x, y;
  int w, h;

  rubric_sparkline_set_values (RUBRIC_SPARKLINE (spark), values, G_N_ELEMENTS (values));
  gtk_widget_get_preferred_size (spark, NULL, NULL);
  gtk_widget_measure (spark, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &w, NULL, NULL);
  gtk_widget_measure (spark, GTK_ORIENTATION_VERTICAL, -1, NULL, &h, NULL, NULL);
  g_assert_cmpint (w, ==, 96);
  g_assert_cmpint (h, ==, 24);

  gtk_widget_set_halign (spark, GTK_ALIGN_START);
  gtk_widget_set_valign (spark, GTK_ALIGN_START);
  gtk_widget_set_size_request (spark, 240, 60);
  window = show_in_window (spark, 260, 80);
  pixels = render (spark, "sparkline");

  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (spark), GTK_ACCESSIBLE_ROLE_IMG);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (spark), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Scores over the last 12 weeks: 71.0, 74.0, "
                                       "no evaluations, 80.0, no evaluations, no evaluations, "
                                       "0.0, 100.0, no evaluations, 65.0, 66.0, 67.2");

  /* The gap: nothing drawn between 74 and 80, which has a dot of its own. */
  g_assert_false (rubric_sparkline_get_point (RUBRIC_SPARKLINE (spark), 2, NULL, NULL));
  g_assert_true (rubric_sparkline_get_point (RUBRIC_SPARKLINE (spark), 1, &x1, &y1));
  g_assert_true (rubric_sparkline_get_point (RUBRIC_SPARKLINE (spark), 3, &x3, &y3));
  for (int px = (int) x1 + 4; px <= (int) x3 - 4; px++)
    for (int py = 0; py < 60; py++)
      g_assert_false (is_ink (pixels, px, py));
  g_assert_true (is_ink (pixels, (int) x3, (int) y3));
  /* A line where two values are neighbours, between 65 and 66. */
  g_assert_true (rubric_sparkline_get_point (RUBRIC_SPARKLINE (spark), 9, &x1, &y1));
  g_assert_true (rubric_sparkline_get_point (RUBRIC_SPARKLINE (spark), 10, &x3, &y3));
  g_assert_true (is_ink (pixels, (int) ((x1 + x3) / 2), (int) round ((y1 + y3) / 2)));
  /* 0 and 100 inside the widget. */
  g_assert_true (rubric_sparkline_get_point (RUBRIC_SPARKLINE (spark), 6, &x, &y));
  g_assert_cmpfloat (y, <=, 60 - 2);
  g_assert_true (is_ink (pixels, (int) x, (int) y - 1));
  g_assert_true (rubric_sparkline_get_point (RUBRIC_SPARKLINE (spark), 7, &x, &y));
  g_assert_cmpfloat (y, >=, 2);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Every bucket empty: nothing drawn, every bucket said to be empty. */
static void
test_sparkline_empty (void)
{
  double values[4] = { NAN, NAN, NAN, NAN };
  GtkWidget *spark = rubric_sparkline_new ();
  GtkWidget *window;
  g_autoptr(Pixels) pixels = NULL;

  rubric_sparkline_set_values (RUBRIC_SPARKLINE (spark), values, G_N_ELEMENTS (values));
  window = show_in_window (spark, 96, 24);
  pixels = render (spark, NULL);
  for (int y = 0; y < 24; y++)
    for (int x = 0; x < 96; x++)
      g_assert_false (is_ink (pixels, x, y));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (spark), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Scores over the last 4 weeks: no evaluations, "
                                       "no evaluations, no evaluations, no evaluations");

  /* Set again with fewer values, and with one. */
  values[0] = 50;
  rubric_sparkline_set_values (RUBRIC_SPARKLINE (spark), values, 1);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (spark), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Scores over the last 1 week: 50.0");
  rubric_sparkline_set_by (RUBRIC_SPARKLINE (spark), RUBRIC_PERIOD_MONTH);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (spark), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Scores over the last 1 month: 50.0");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* ------------------------------------------------------------- trend chart */

static void
assert_description (GtkWidget  *widget,
                    const char *expected)
{
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (widget),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, expected);
}

static void
test_trend_long (void)
{
  g_autoptr(GPtrArray) rows = long_series ();
  GtkWidget *chart = rubric_trend_chart_new ();
  RubricTrendChart *trend = RUBRIC_TREND_CHART (chart);
  GtkWidget *window;
  g_autoptr(Pixels) pixels = NULL;
  double x, y, x9, x11, top, bottom;

  rubric_trend_chart_set_series (trend, rows, NULL, NULL);
  window = show_in_window (chart, 1400, 300);
  pixels = render (chart, "trend-53-weeks");

  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_ROLE_IMG);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Overall score by week");
  /* The latest week is the one described at first. */
  g_assert_cmpint (rubric_trend_chart_get_focused (trend), ==, 52);

  /* Week 10 has no evaluation and no average: no line crosses its column. */
  g_assert_true (rubric_trend_chart_get_position (trend, 9, 100, &x9, &top));
  g_assert_true (rubric_trend_chart_get_position (trend, 11, 0, &x11, &bottom));
  g_assert_true (rubric_trend_chart_get_position (trend, 10, 0, &x, NULL));
  g_assert_false (any_accent_in (pixels, (int) x - 2, (int) top, (int) x + 2, (int) bottom - 2));
  /* …while its neighbours have their dots. */
  g_assert_true (rubric_trend_chart_get_position (trend, 9, 74, &x, &y));
  g_assert_true (accent_near (pixels, x, y));

  /* Week 20 (n = 1) alone between empty weeks: a dot, no line out of it. */
  g_assert_true (rubric_trend_chart_get_position (trend, 20, 55, &x, &y));
  g_assert_true (accent_near (pixels, x, y));
  g_assert_true (rubric_trend_chart_get_position (trend, 19, 0, &x9, NULL));
  g_assert_false (any_accent_in (pixels, (int) x9 - 2, (int) top, (int) x9 + 2, (int) bottom - 2));

  /* 0 and 100 on the axis' ends. */
  g_assert_true (rubric_trend_chart_get_position (trend, 30, 0, &x, &y));
  g_assert_true (accent_near (pixels, x, y));
  g_assert_true (rubric_trend_chart_get_position (trend, 31, 100, &x, &y));
  g_assert_true (accent_near (pixels, x, y));
  g_assert_cmpfloat (y, >, 0);

  /* The team band (60–90) from week 40, drawn (and grey) where the agent
   * (about 30) is far below; not before week 40. */
  g_assert_true (rubric_trend_chart_get_position (trend, 45, 65, &x, &y));
  g_assert_true (is_ink (pixels, (int) x + 3, (int) y));
  g_assert_false (is_accent (pixels, (int) x + 3, (int) y));
  g_assert_true (rubric_trend_chart_get_position (trend, 35, 82, &x, &y));
  g_assert_false (is_ink (pixels, (int) x + 3, (int) y));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Left and Right move the focused week, and the description follows:
 * real key presses through the X server. */
static void
test_trend_keys (void)
{
  g_autoptr(GPtrArray) rows = short_series (TRUE);
  GtkWidget *chart = rubric_trend_chart_new ();
  RubricTrendChart *trend = RUBRIC_TREND_CHART (chart);
  GtkWidget *window;
  g_autoptr(Pixels) before = NULL;
  g_autoptr(Pixels) after = NULL;
  double x, y;

  rubric_trend_chart_set_series (trend, rows, NULL, NULL);
  window = show_in_window (chart, 800, 300);

  assert_description (chart, "Week of 18 May 2026: score 74.2 (n 12, 95 % interval 70.1–78.3), "
                             "moving average 72.0, team 75.1");
  g_assert_cmpint (rubric_trend_chart_get_focused (trend), ==, 11);

  gtk_widget_grab_focus (chart);
  g_assert_true (gtk_widget_has_focus (chart));
  before = render (chart, NULL);

  if (!test_press_key (window, 0, GDK_KEY_Left))
    {
      g_test_skip ("No XTest on this display");
      gtk_window_destroy (GTK_WINDOW (window));
      return;
    }
  WAIT_FOR (rubric_trend_chart_get_focused (trend) == 10);
  assert_description (chart, "Week of 11 May 2026: score 73.0 (n 12, 95 % interval 68.9–77.1), "
                             "moving average 72.0, team 75.1 (95 % interval 71.0–79.2)");

  /* Back over the two empty weeks. */
  for (guint i = 0; i < 5; i++)
    test_press_key (window, 0, GDK_KEY_Left);
  WAIT_FOR (rubric_trend_chart_get_focused (trend) == 5);
  assert_description (chart, "Week of 6 April 2026: no evaluations, moving average 72.0, "
                             "team 75.1 (95 % interval 71.0–79.2)");

  /* The first week has no moving average; Left stops there. */
  test_press_key (window, 0, GDK_KEY_Home);
  WAIT_FOR (rubric_trend_chart_get_focused (trend) == 0);
  test_press_key (window, 0, GDK_KEY_Left);
  test_press_key (window, 0, GDK_KEY_Right);
  WAIT_FOR (rubric_trend_chart_get_focused (trend) == 1);
  test_press_key (window, 0, GDK_KEY_Left);
  WAIT_FOR (rubric_trend_chart_get_focused (trend) == 0);
  assert_description (chart, "Week of 2 March 2026: score 68.0 (n 12, 95 % interval 63.9–72.1), "
                             "team 75.1 (95 % interval 71.0–79.2)");

  /* The focused week's figures are written on the chart: its box covers
   * the plot on the right of the first week. */
  test_wait_frames (window, 2);
  after = render (chart, "trend-focused");
  g_assert_true (rubric_trend_chart_get_position (trend, 0, 68, &x, &y));
  {
    int changed = 0;

    for (int py = 0; py < 300; py++)
      for (int px = (int) x + 10; px < (int) x + 150; px++)
        {
          int r1, g1, b1, r2, g2, b2;

          pixel_at (before, px, py, &r1, &g1, &b1);
          pixel_at (after, px, py, &r2, &g2, &b2);
          changed += r1 != r2 || g1 != g2 || b1 != b2;
        }
    g_assert_cmpint (changed, >, 1000);
  }

  test_press_key (window, 0, GDK_KEY_End);
  WAIT_FOR (rubric_trend_chart_get_focused (trend) == 11);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The pointer over a week writes that week's figures as the keys do; away
 * from the chart, nothing is written (the chart has no focus). */
static void
test_trend_hover (void)
{
  g_autoptr(GPtrArray) rows = short_series (TRUE);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *button = gtk_button_new_with_label ("Elsewhere");
  GtkWidget *chart = rubric_trend_chart_new ();
  RubricTrendChart *trend = RUBRIC_TREND_CHART (chart);
  GtkWidget *window;
  g_autoptr(Pixels) plain = NULL;
  g_autoptr(Pixels) hovered = NULL;
  double x, top, bottom;
  int changed = 0;

  rubric_trend_chart_set_series (trend, rows, NULL, NULL);
  gtk_box_append (GTK_BOX (box), button);
  gtk_box_append (GTK_BOX (box), chart);
  window = show_in_window (box, 800, 340);
  gtk_widget_grab_focus (button);
  g_assert_true (rubric_trend_chart_get_position (trend, 3, 100, &x, &top));
  g_assert_true (rubric_trend_chart_get_position (trend, 3, 0, NULL, &bottom));

  if (!move_pointer (button, 2, 2))
    {
      g_test_skip ("No XTest on this display");
      gtk_window_destroy (GTK_WINDOW (window));
      return;
    }
  test_wait_frames (window, 3);
  plain = render (chart, NULL);

  move_pointer (chart, x, (top + bottom) / 2);
  /* The motion goes through the X server: on a busy machine it arrives
   * some frames later (a clean CI run saw none after 3), so wait for it,
   * for at most about 5 s. */
  for (guint tries = 0; tries < 300 && changed <= 1000; tries++)
    {
      test_wait_frames (window, 1);
      g_clear_pointer (&hovered, pixels_free);
      hovered = render (chart, "trend-hover");
      changed = 0;
      /* The box of week 3 at its right, and its column shaded. */
      for (int py = (int) top; py < (int) bottom; py++)
        for (int px = (int) x + 10; px < (int) x + 200; px++)
          {
            int r1, g1, b1, r2, g2, b2;

            pixel_at (plain, px, py, &r1, &g1, &b1);
            pixel_at (hovered, px, py, &r2, &g2, &b2);
            changed += r1 != r2 || g1 != g2 || b1 != b2;
          }
    }
  g_assert_cmpint (changed, >, 1000);
  /* The focus stays where it was, and so does the description. */
  g_assert_cmpint (rubric_trend_chart_get_focused (trend), ==, 11);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* No bucket has an evaluation: no line, no dot; each week said so. */
static void
test_trend_empty (void)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) rubric_trend_row_free);
  GtkWidget *chart = rubric_trend_chart_new ();
  GtkWidget *window;
  g_autoptr(Pixels) pixels = NULL;
  g_autofree char *first = NULL;
  double left, top, right, bottom;

  for (guint w = 0; w < 12; w++)
    g_ptr_array_add (rows, week_row (w, qa_mean (0, 0, NAN, NAN)));
  rubric_trend_chart_set_series (RUBRIC_TREND_CHART (chart), rows, NULL, NULL);
  window = show_in_window (chart, 360, 260);
  pixels = render (chart, "trend-empty");

  /* The plot: from the first week's left to the last's right, 100 to 0
   * (the legend above has its swatch in the accent colour). */
  g_assert_true (rubric_trend_chart_get_position (RUBRIC_TREND_CHART (chart), 0, 100, &left, &top));
  g_assert_true (rubric_trend_chart_get_position (RUBRIC_TREND_CHART (chart), 11, 0, &right,
                                                  &bottom));
  g_assert_false (any_accent_in (pixels, (int) left - 5, (int) top, (int) right + 5, (int) bottom));
  first = rubric_trend_chart_describe (RUBRIC_TREND_CHART (chart), 0);
  g_assert_cmpstr (first, ==, "Week of 2 March 2026: no evaluations");
  assert_description (chart, "Week of 18 May 2026: no evaluations");

  /* Nothing at all: nothing to describe, and no crash. */
  rubric_trend_chart_set_series (RUBRIC_TREND_CHART (chart), NULL, NULL, NULL);
  g_assert_cmpint (rubric_trend_chart_get_focused (RUBRIC_TREND_CHART (chart)), ==, -1);
  test_wait_frames (window, 2);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A category: the agent's category means against the team rows' mean and
 * interval of that category; months read as months. */
static void
test_trend_category (void)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) rubric_trend_row_free);
  g_autoptr(GPtrArray) team = g_ptr_array_new_with_free_func ((GDestroyNotify) rubric_trend_row_free);
  GtkWidget *chart = rubric_trend_chart_new ();
  RubricTrendChart *trend = RUBRIC_TREND_CHART (chart);
  GtkWidget *window;
  g_autoptr(Pixels) pixels = NULL;
  g_autofree char *text = NULL;
  double x, y;

  for (guint m = 0; m < 6; m++)
    {
      RubricTrendRow *row = week_row (0, qa_mean (5, 80, 70, 90));
      RubricTrendRow *team_row = week_row (0, qa_mean (30, 70, 65, 75));
      GDate date;

      g_date_clear (&date, 1);
      g_date_set_dmy (&date, 1, m + 1, 2026);
      row->range.first = team_row->range.first = rubric_day_from_date (&date);
      g_date_add_months (&date, 1);
      row->range.last = team_row->range.last = rubric_day_from_date (&date) - 1;
      add_category (row->categories, "ownership", m == 2 ? qa_mean (0, 0, NAN, NAN)
                                                        : qa_mean (5, 20 + m, 10, 30));
      add_category (team_row->categories, "ownership", qa_mean (30, 60, 50, 70));
      g_ptr_array_add (rows, row);
      g_ptr_array_add (team, team_row);
    }

  rubric_trend_chart_set_series (trend, rows, team, "ownership");
  window = show_in_window (chart, 800, 300);
  pixels = render (chart, "trend-category");

  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Ownership by month");
  text = rubric_trend_chart_describe (trend, 2);
  g_assert_cmpstr (text, ==, "March 2026: no evaluations, team 60.0 (95 % interval 50.0–70.0)");
  assert_description (chart, "June 2026: score 25.0 (n 5, 95 % interval 10.0–30.0), "
                             "team 60.0 (95 % interval 50.0–70.0)");

  /* The team band of the category (50–70), not the overall one. */
  g_assert_true (rubric_trend_chart_get_position (trend, 1, 52, &x, &y));
  g_assert_true (is_ink (pixels, (int) x + 5, (int) y));
  g_assert_true (rubric_trend_chart_get_position (trend, 1, 73, &x, &y));
  g_assert_false (is_ink (pixels, (int) x + 5, (int) y));
  /* The category's score, not the overall 80. */
  g_assert_true (rubric_trend_chart_get_position (trend, 1, 21, &x, &y));
  g_assert_true (accent_near (pixels, x, y));
  g_assert_true (rubric_trend_chart_get_position (trend, 1, 80, &x, &y));
  g_assert_false (accent_near (pixels, x, y));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* ------------------------------------------------------------- category bars */

static GPtrArray *
agent_categories (void)
{
  GPtrArray *categories = g_ptr_array_new_with_free_func (category_free);

  add_category (categories, "tone", qa_mean (1, 100, NAN, NAN));
  add_category (categories, "documentation", qa_mean (12, 40, 30, 50));
  add_category (categories, "policy", qa_mean (0, 0, NAN, NAN));
  add_category (categories, "resolution", qa_mean (12, 74.2, 70.1, 78.3));
  add_category (categories, "ownership", qa_mean (12, 0, 0, 0));
  return categories;
}

static GPtrArray *
team_categories (void)
{
  GPtrArray *categories = g_ptr_array_new_with_free_func (category_free);

  add_category (categories, "resolution", qa_mean (40, 75.1, 72, 78));
  add_category (categories, "documentation", qa_mean (40, 80, 75, 85));
  add_category (categories, "policy", qa_mean (40, 90, 85, 95));
  return categories;
}

static void
test_category_bars (void)
{
  g_autoptr(GPtrArray) categories = agent_categories ();
  g_autoptr(GPtrArray) team = team_categories ();
  GtkWidget *bars = rubric_category_bars_new ();
  RubricCategoryBars *self = RUBRIC_CATEGORY_BARS (bars);
  static const char *order[] = { "resolution", "ownership", "policy", "documentation", "tone" };
  GtkWidget *window;
  g_autoptr(Pixels) pixels = NULL;
  double x, y, x0;

  rubric_category_bars_set (self, categories, team);
  gtk_widget_set_valign (bars, GTK_ALIGN_START);
  window = show_in_window (bars, 800, 400);
  pixels = render (bars, "category-bars");

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    g_assert_cmpstr (rubric_category_bars_get_key (self, i), ==, order[i]);
  g_assert_null (rubric_category_bars_get_key (self, G_N_ELEMENTS (order)));

  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (bars), GTK_ACCESSIBLE_ROLE_IMG);
  assert_description (bars,
                      "First-call resolution: score 74.2 (n 12, 95 % interval 70.1–78.3), "
                      "team 75.1; "
                      "Ownership: score 0.0 (n 12, 95 % interval 0.0–0.0); "
                      "Policy adherence: no evaluations, team 90.0; "
                      "Documentation: score 40.0 (n 12, 95 % interval 30.0–50.0), team 80.0; "
                      "tone: score 100.0 (n 1)");

  /* Resolution: the bar up to 74.2, and not beyond its whisker. */
  g_assert_true (rubric_category_bars_get_position (self, 0, 35, &x, &y));
  g_assert_true (is_accent (pixels, (int) x, (int) y + 3));
  g_assert_true (rubric_category_bars_get_position (self, 0, 85, &x, &y));
  g_assert_false (is_ink (pixels, (int) x, (int) y + 3) && is_accent (pixels, (int) x, (int) y + 3));
  /* Policy has no evaluation: no bar, but the team's tick at 90. */
  g_assert_true (rubric_category_bars_get_position (self, 2, 30, &x, &y));
  g_assert_false (is_accent (pixels, (int) x, (int) y));
  g_assert_true (rubric_category_bars_get_position (self, 2, 90, &x, &y));
  g_assert_true (is_ink (pixels, (int) x, (int) y) && !is_accent (pixels, (int) x, (int) y));
  /* The custom category at 100 fills its track. */
  g_assert_true (rubric_category_bars_get_position (self, 4, 99, &x, &y));
  g_assert_true (is_accent (pixels, (int) x, (int) y));
  /* Ownership at 0: no bar. */
  g_assert_true (rubric_category_bars_get_position (self, 1, 0, &x0, &y));
  g_assert_true (rubric_category_bars_get_position (self, 1, 30, &x, &y));
  g_assert_false (is_accent (pixels, (int) x, (int) y));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* ------------------------------------------------------------- pictures */

/* The three widgets together, as the agent's page would show them, in
 * each language and width: kept with RUBRIC_TEST_SHOTS=DIR for a person
 * to look at; without it they are still laid out and drawn. */
static void
test_pictures (void)
{
  static const char *languages[] = { "en", "fr", "lv", "en-dark" };
  static const int widths[] = { 360, 800, 1400 };
  g_autofree char *localedir = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);

  /* As the application does: the app's files use gi18n.h, whose _() and
   * C_() look in the default domain. */
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
    for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
      {
        /* The dark style once, in English at 800 px. */
        if (g_str_equal (languages[l], "en-dark") && widths[w] != 800)
          continue;

        g_autoptr(GPtrArray) rows = short_series (TRUE);
        g_autoptr(GPtrArray) long_rows = long_series ();
        g_autoptr(GPtrArray) categories = agent_categories ();
        g_autoptr(GPtrArray) team = team_categories ();
        g_autofree char *name = g_strdup_printf ("agent-charts-%s-%d", languages[l], widths[w]);
        static const double spark[RUBRIC_TRENDS_SPARK_BUCKETS] = {
          71, 74, NAN, 80, NAN, NAN, 60, 62, 70, 65, 66, 67
        };
        GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
        GtkWidget *scroller = gtk_scrolled_window_new ();
        GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
        GtkWidget *spark_widget = rubric_sparkline_new ();
        GtkWidget *focused = rubric_trend_chart_new ();
        GtkWidget *long_chart = rubric_trend_chart_new ();
        GtkWidget *bars = rubric_category_bars_new ();
        GtkWidget *window;
        g_autoptr(Pixels) pixels = NULL;

        adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                            g_str_equal (languages[l], "en-dark")
                                            ? ADW_COLOR_SCHEME_FORCE_DARK
                                            : ADW_COLOR_SCHEME_DEFAULT);
        g_setenv ("LANGUAGE", languages[l], TRUE);
        /* gettext sees a new LANGUAGE after a setlocale () only. */
        setlocale (LC_ALL, "");

        gtk_box_append (GTK_BOX (row), gtk_label_new ("PJSIP/400"));
        rubric_sparkline_set_values (RUBRIC_SPARKLINE (spark_widget), spark, G_N_ELEMENTS (spark));
        gtk_box_append (GTK_BOX (row), spark_widget);
        gtk_box_append (GTK_BOX (box), row);
        rubric_trend_chart_set_series (RUBRIC_TREND_CHART (focused), rows, NULL, NULL);
        gtk_box_append (GTK_BOX (box), focused);
        rubric_trend_chart_set_series (RUBRIC_TREND_CHART (long_chart), long_rows, NULL, NULL);
        gtk_box_append (GTK_BOX (box), long_chart);
        rubric_category_bars_set (RUBRIC_CATEGORY_BARS (bars), categories, team);
        gtk_box_append (GTK_BOX (box), bars);
        gtk_widget_set_margin_start (box, 12);
        gtk_widget_set_margin_end (box, 12);
        gtk_widget_set_margin_top (box, 12);
        gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), box);
        gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                        GTK_POLICY_NEVER);

        window = show_in_window (scroller, widths[w], 1000);
        gtk_widget_grab_focus (focused);
        rubric_trend_chart_set_focused (RUBRIC_TREND_CHART (focused), 7);
        test_wait_frames (window, 3);
        g_assert_cmpint (gtk_widget_get_width (focused), <=, widths[w] - 24);
        pixels = render (scroller, name);
        gtk_window_destroy (GTK_WINDOW (window));
      }

  g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_DEFAULT);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  /* GTK's test accessibility backend: the accessible properties can be
   * read back, with no session bus. */
  g_setenv ("GTK_A11Y", "test", TRUE);

  if (!test_gui_init ())
    return g_test_run ();

  g_test_add_func ("/agent-charts/sparkline", test_sparkline);
  g_test_add_func ("/agent-charts/sparkline/empty", test_sparkline_empty);
  g_test_add_func ("/agent-charts/trend/53-weeks", test_trend_long);
  g_test_add_func ("/agent-charts/trend/keys", test_trend_keys);
  g_test_add_func ("/agent-charts/trend/hover", test_trend_hover);
  g_test_add_func ("/agent-charts/trend/empty", test_trend_empty);
  g_test_add_func ("/agent-charts/trend/category", test_trend_category);
  g_test_add_func ("/agent-charts/category-bars", test_category_bars);
  g_test_add_func ("/agent-charts/pictures", test_pictures);

  return g_test_run ();
}
