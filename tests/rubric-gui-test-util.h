/* rubric-gui-test-util.h — what the widget tests share: waiting, and a window on a fresh database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The tests wait on frames, notifications and the window's own "busy"
 * state, never on the clock; a watchdog turns a wait that never ends into
 * a failure.
 */

#pragma once

#include <dlfcn.h>

#include <gtk/gtk.h>

#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

#include "rubric-application.h"
#include "rubric-test-util.h"
#include "rubric-window.h"

static inline gboolean
test_watchdog_cb (gpointer data)
{
  g_error ("timed out waiting for %s", (const char *) data);
  return G_SOURCE_REMOVE;
}

/* 30 s, or RUBRIC_TEST_WATCHDOG seconds (sanitizer builds are slower). */
static inline guint
test_watchdog_seconds (void)
{
  const char *text = g_getenv ("RUBRIC_TEST_WATCHDOG");
  guint64 seconds;

  if (text != NULL && g_ascii_string_to_unsigned (text, 10, 1, 3600, &seconds, NULL))
    return (guint) seconds;
  return 30;
}

#define WAIT_FOR(cond) \
  G_STMT_START { \
    guint watchdog = g_timeout_add_seconds (test_watchdog_seconds (), test_watchdog_cb, \
                                            (gpointer) #cond); \
    while (!(cond)) \
      g_main_context_iteration (NULL, TRUE); \
    g_source_remove (watchdog); \
  } G_STMT_END

static inline gboolean
test_count_frame_cb (GtkWidget     *widget,
                     GdkFrameClock *clock,
                     gpointer       data)
{
  int *left = data;

  return --(*left) > 0 ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

/* Until @widget drew @n more frames. */
static inline void
test_wait_frames (GtkWidget *widget,
                  int        n)
{
  int left = n;

  gtk_widget_add_tick_callback (widget, test_count_frame_cb, &left, NULL);
  WAIT_FOR (left == 0);
}

static inline void
test_collect_widgets (GtkWidget *widget,
                      GType      type,
                      GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (found, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    test_collect_widgets (child, type, found);
}

/* Every widget of @type under @widget (itself included), in tree order. */
static inline GPtrArray *
test_find_all (GtkWidget *widget,
               GType      type)
{
  GPtrArray *found = g_ptr_array_new ();

  test_collect_widgets (widget, type, found);
  return found;
}

typedef struct
{
  RubricWindow *window;
  int           settled;
} TestSettle;

static inline gboolean
test_settle_tick_cb (GtkWidget     *widget,
                     GdkFrameClock *clock,
                     gpointer       data)
{
  TestSettle *settle = data;

  if (rubric_window_get_busy (settle->window))
    settle->settled = 0;
  else
    settle->settled++;

  return settle->settled < 3 ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

/* Until the window's lists and ratings loaded, no job runs and three
 * frames were drawn since. */
static inline void
wait_settled (RubricWindow *window)
{
  TestSettle settle = { window, 0 };

  gtk_widget_add_tick_callback (GTK_WIDGET (window), test_settle_tick_cb, &settle, NULL);
  WAIT_FOR (settle.settled >= 3);
}

/* Every key of the app's settings back to its default: the memory
 * backend lives as long as the process, and no test may see what the one
 * before it chose (as GNOME Console's tests do). */
static inline void
test_reset_settings (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.rubricqa.Rubric");
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (settings, keys[i]);
  g_settings_sync ();
}

/* A window of a new application (not unique, so tests never meet) on the
 * database @name in @dir, 1100 × 760, shown on the review queue and
 * settled. */
static inline RubricWindow *
test_window_open (const char         *dir,
                  const char         *name,
                  RubricApplication **app)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  RubricWindow *window;

  test_reset_settings ();
  *app = rubric_application_new ();
  g_application_set_flags (G_APPLICATION (*app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (*app), NULL, &error);
  g_assert_no_error (error);
  rubric_application_open_database (*app, path, &error);
  g_assert_no_error (error);

  window = RUBRIC_WINDOW (rubric_window_new (*app));
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  rubric_window_show_page (window, "review");
  gtk_window_present (GTK_WINDOW (window));
  wait_settled (window);
  return window;
}

/* Destroys @window and drops the last reference to @app, which closes the
 * database. */
static inline void
test_window_close (RubricWindow       *window,
                   RubricApplication **app)
{
  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (app);
}

/* ------------------------------------------------------------ real input */

/* Presses @keyval, with @modifier (a keyval, or 0) held, as the X server's
 * keyboard would (XTest, looked up at run time: the tests link no X
 * library of their own), so the key goes through GTK's whole propagation
 * from the focus widget up, as a user's does. FALSE when this display
 * cannot (not X11, no XTest). */
static inline gboolean
test_press_key (GtkWidget *window,
                guint      modifier,
                guint      keyval)
{
#ifdef GDK_WINDOWING_X11
  typedef int (*FakeKey) (Display *, unsigned int, Bool, unsigned long);
  typedef KeyCode (*KeysymToKeycode) (Display *, KeySym);
  typedef int (*SetInputFocus) (Display *, Window, int, Time);
  typedef int (*Sync) (Display *, Bool);
  static void *xtst;
  GdkDisplay *display = gtk_widget_get_display (window);
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  FakeKey fake_key;
  KeysymToKeycode to_keycode;
  SetInputFocus set_focus;
  Sync sync;
  Display *xdisplay;
  KeyCode held = 0, key;

  if (!GDK_IS_X11_DISPLAY (display))
    return FALSE;
  if (xtst == NULL)
    xtst = dlopen ("libXtst.so.6", RTLD_NOW | RTLD_GLOBAL);
  if (xtst == NULL)
    return FALSE;
  fake_key = (FakeKey) dlsym (xtst, "XTestFakeKeyEvent");
  to_keycode = (KeysymToKeycode) dlsym (RTLD_DEFAULT, "XKeysymToKeycode");
  set_focus = (SetInputFocus) dlsym (RTLD_DEFAULT, "XSetInputFocus");
  sync = (Sync) dlsym (RTLD_DEFAULT, "XSync");
  if (fake_key == NULL || to_keycode == NULL || set_focus == NULL || sync == NULL)
    return FALSE;

  xdisplay = gdk_x11_display_get_xdisplay (display);
  if (modifier != 0)
    held = to_keycode (xdisplay, modifier);
  key = to_keycode (xdisplay, keyval);
  /* No window manager gives the window the keyboard under Xvfb. */
  set_focus (xdisplay, gdk_x11_surface_get_xid (surface), RevertToParent, CurrentTime);
  if (held != 0)
    fake_key (xdisplay, held, True, CurrentTime);
  fake_key (xdisplay, key, True, CurrentTime);
  fake_key (xdisplay, key, False, CurrentTime);
  if (held != 0)
    fake_key (xdisplay, held, False, CurrentTime);
  sync (xdisplay, False);
  return TRUE;
#else
  return FALSE;
#endif
}

/* GTK and libadwaita, for main (): FALSE, with every test skipped, when
 * there is no display, unless RUBRIC_REQUIRE_DISPLAY=1 makes that an
 * error (the CI runs these under xvfb-run). */
static inline gboolean
test_gui_init (void)
{
  if (!gtk_init_check ())
    {
      if (g_strcmp0 (g_getenv ("RUBRIC_REQUIRE_DISPLAY"), "1") == 0)
        g_error ("No display, and RUBRIC_REQUIRE_DISPLAY=1: run under xvfb-run");
      g_test_skip ("No display (run under xvfb-run)");
      return FALSE;
    }
  adw_init ();
  return TRUE;
}
