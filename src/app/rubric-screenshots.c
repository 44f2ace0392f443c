/* rubric-screenshots.c — `rubric --screenshots DIR`: every page rendered to PNG
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For the README and for looking at every page in every language without
 * clicking through them (LANGUAGE=fr rubric --screenshots /tmp/fr). The
 * window renders itself: no screen grab, so it works under Xvfb. Between
 * steps a tick callback counts frames, and a page only counts as settled
 * when its lists finished loading and a few frames were drawn since.
 */

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>

#include "rubric-agents-page.h"
#include "rubric-review-page.h"
#include "rubric-sample.h"
#include "rubric-screenshots.h"
#include "rubric-scorecards-page.h"
#include "rubric-vendors-page.h"

/* Frames to draw after the window settled (stack transitions take 200 ms),
 * and at most in all per step. */
#define SETTLE_FRAMES 30
#define MAX_FRAMES    900

gboolean
rubric_widget_save_png (GtkWidget   *widget,
                        const char  *path,
                        GError     **error)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot;
  GskRenderer *renderer;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);

  if (width <= 0 || height <= 0 || gtk_widget_get_native (widget) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "%s: the widget is not drawn yet", path);
      return FALSE;
    }

  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: nothing to draw", path);
      return FALSE;
    }

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, path))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: could not write the PNG", path);
      return FALSE;
    }

  return TRUE;
}

typedef struct
{
  RubricWindow *window;
  char         *dir;
  gboolean      load_sample;
  guint         step;
  guint         frames;       /* since the step began */
  guint         settled;      /* frames since the window stopped being busy */
  guint         tick_id;
  GtkWidget    *extra;        /* a window of a step that must go after */
} Run;

/* Windows of their own go once pictured; the help overlay is kept for
 * Ctrl+?, only hidden. */
static void
close_extra (Run *run)
{
  GtkWidget *overlay =
    GTK_WIDGET (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (run->window)));

  if (run->extra == NULL)
    return;

  if (run->extra == overlay)
    gtk_widget_set_visible (run->extra, FALSE);
  else
    gtk_window_destroy (GTK_WINDOW (run->extra));
  run->extra = NULL;
}

static void
run_free (gpointer data)
{
  Run *run = data;

  close_extra (run);
  if (run->tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (run->window), run->tick_id);
  g_object_unref (run->window);
  g_free (run->dir);
  g_free (run);
}

typedef struct
{
  const char *name;
  gboolean    sample_only;  /* only for a fresh database */
} Step;

static const Step steps[] = {
  { "welcome", TRUE },
  { "review" },
  { "evaluations" },
  { "agents" },
  { "agent" },
  { "agent-lists" },
  { "agent-team" },
  { "vendors" },
  { "vendor-detail" },
  { "vendor-charts" },
  { "scorecards" },
  { "scorecard" },
  { "scorecard-edit" },
  { "editor" },
  { "preferences" },
  { "shortcuts" },
};

/* Puts the window in the state step @name pictures. */
static void
prepare_step (Run        *run,
              const char *name)
{
  RubricWindow *window = run->window;
  RubricScorecardsPage *scorecards =
    RUBRIC_SCORECARDS_PAGE (rubric_window_get_page_widget (window, "scorecards"));

  if (g_str_equal (name, "welcome"))
    rubric_window_show_page (window, "review");
  else if (g_str_equal (name, "review"))
    {
      g_autoptr(GError) error = NULL;

      /* As "Try with Sample Data" does, without its toast over the pictures. */
      if (run->load_sample && !rubric_sample_load (rubric_window_get_db (window), &error))
        g_warning ("Loading the sample data: %s", error->message);
      rubric_window_refresh (window);
      rubric_window_show_page (window, "review");
    }
  else if (g_str_equal (name, "vendor-detail") || g_str_equal (name, "vendor-charts"))
    {
      RubricVendorsPage *vendors =
        RUBRIC_VENDORS_PAGE (rubric_window_get_page_widget (window, "vendors"));

      /* The same vendor as "vendors" (one step on when narrow), then further
       * down: the trend and the bars. */
      rubric_window_show_page (window, "vendors");
      rubric_vendors_page_show_detail (vendors);
      if (g_str_equal (name, "vendor-charts"))
        rubric_vendor_detail_scroll_to_end (rubric_vendors_page_get_detail (vendors));
    }
  else if (g_str_equal (name, "agent-lists"))
    {
      RubricAgentsPage *agents =
        RUBRIC_AGENTS_PAGE (rubric_window_get_page_widget (window, "agents"));

      /* The same agent, further down: criteria, evaluations, resolution. */
      rubric_agent_detail_scroll_to_end (rubric_agents_page_get_detail (agents));
    }
  else if (g_str_equal (name, "agent"))
    {
      RubricAgentsPage *agents =
        RUBRIC_AGENTS_PAGE (rubric_window_get_page_widget (window, "agents"));

      /* The sample's agent with the most to coach, one step on when narrow. */
      rubric_window_show_page (window, "agents");
      rubric_agents_page_select_agent (agents, "Acme Outsourcing", "TOM");
      rubric_agents_page_show_detail (agents);
    }
  else if (g_str_equal (name, "agent-team"))
    {
      RubricAgentsPage *agents =
        RUBRIC_AGENTS_PAGE (rubric_window_get_page_widget (window, "agents"));

      rubric_window_show_page (window, "agents");
      rubric_agents_page_show_team (agents, "Orders");
      rubric_agents_page_show_detail (agents);
    }
  else if (g_str_equal (name, "scorecard"))
    {
      rubric_window_show_page (window, "scorecards");
      rubric_scorecards_page_open (scorecards, "contact-centre-qa");
    }
  else if (g_str_equal (name, "scorecard-edit"))
    rubric_scorecard_view_set_editing (rubric_scorecards_page_get_view (scorecards), TRUE);
  else if (g_str_equal (name, "editor"))
    {
      rubric_scorecards_page_show_list (scorecards);
      rubric_window_show_page (window, "review");
      /* The first call of the queue: answered, with a recording. */
      rubric_review_page_open_position (RUBRIC_REVIEW_PAGE (rubric_window_get_page_widget (window, "review")), 0);
    }
  else if (g_str_equal (name, "preferences"))
    {
      GApplication *app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (window)));

      GList *windows;

      g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
      /* The newest window comes first. */
      windows = gtk_application_get_windows (GTK_APPLICATION (app));
      if (windows != NULL && windows->data != (gpointer) window)
        run->extra = windows->data;
    }
  else if (g_str_equal (name, "shortcuts"))
    {
      gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
      run->extra = GTK_WIDGET (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
    }
  else
    rubric_window_show_page (window, name);
}

static void
begin_step (Run *run)
{
  while (run->step < G_N_ELEMENTS (steps) && steps[run->step].sample_only && !run->load_sample)
    run->step++;

  run->frames = 0;
  run->settled = 0;
  if (run->step < G_N_ELEMENTS (steps))
    {
      GtkApplication *app = gtk_window_get_application (GTK_WINDOW (run->window));
      GSettings *settings = rubric_application_get_settings (RUBRIC_APPLICATION (app));

      /* The size asked for, at every step: a wider page before (the review
       * queue's columns) leaves the window wider than a narrow one needs. */
      if (settings != NULL)
        gtk_window_set_default_size (GTK_WINDOW (run->window),
                                     g_settings_get_int (settings, "window-width"),
                                     g_settings_get_int (settings, "window-height"));
      prepare_step (run, steps[run->step].name);
    }
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  GTask *task = user_data;
  Run *run = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  GtkWidget *target;

  if (run->step >= G_N_ELEMENTS (steps))
    {
      run->tick_id = 0;
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return G_SOURCE_REMOVE;
    }

  run->frames++;
  if (rubric_window_get_busy (run->window))
    run->settled = 0;
  else
    run->settled++;

  target = run->extra != NULL ? run->extra : GTK_WIDGET (run->window);
  if ((run->settled < SETTLE_FRAMES || gtk_widget_get_width (target) == 0) &&
      run->frames < MAX_FRAMES)
    return G_SOURCE_CONTINUE;

  file = g_strconcat (steps[run->step].name, ".png", NULL);
  path = g_build_filename (run->dir, file, NULL);
  if (!rubric_widget_save_png (target, path, &error))
    {
      run->tick_id = 0;
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return G_SOURCE_REMOVE;
    }
  g_print ("%s\n", path);

  close_extra (run);

  run->step++;
  begin_step (run);
  return G_SOURCE_CONTINUE;
}

void
rubric_screenshots_run_async (RubricWindow        *window,
                              const char          *dir,
                              gboolean             load_sample,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task;
  Run *run;

  g_return_if_fail (RUBRIC_IS_WINDOW (window));
  g_return_if_fail (dir != NULL);

  task = g_task_new (NULL, NULL, callback, user_data);
  g_task_set_source_tag (task, rubric_screenshots_run_async);

  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      int saved = errno;

      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved),
                               "%s: %s", dir, g_strerror (saved));
      g_object_unref (task);
      return;
    }

  run = g_new0 (Run, 1);
  run->window = g_object_ref (window);
  run->dir = g_strdup (dir);
  run->load_sample = load_sample;
  g_task_set_task_data (task, run, run_free);

  /* No transitions: a page caught in the middle of one (a leaflet's
   * slide) is pictured blank. The window's size is its settings'
   * (build-aux/screenshots gives each run its own). */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  /* The task is the tick callback's until the last step. */
  begin_step (run);
  run->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (window), tick_cb, task, NULL);
}

gboolean
rubric_screenshots_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
