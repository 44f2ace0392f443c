/* rubric-application.c — the Rubric application: its database, settings and app-wide actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <time.h>
#include <unistd.h>

#include "rubric-a11y.h"
#include "rubric-application.h"
#include "rubric-db-watch.h"
#include "rubric-drafts.h"
#include "rubric-evaluations-page.h"
#include "rubric-preferences-window.h"
#include "rubric-review-page.h"
#include "rubric-scorecard-store.h"
#include "rubric-screenshots.h"
#include "rubric-team-secret.h"
#include "rubric-window.h"

struct _RubricApplication
{
  AdwApplication  parent_instance;

  /* Owned references */
  RubricDb       *db;
  GSettings      *settings;
  char           *database_option;     /* --database */
  char           *screenshots_option;  /* --screenshots */
  char           *scratch_dir;         /* the screenshots' own database, removed at exit */

  RubricDbWatch  *watch;               /* others' writes (rubric-db-watch.h) */

  guint           data_changed_source;
  RubricDataChange data_changed;       /* what changed since the last "data-changed" */
};

enum {
  DATA_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (RubricApplication, rubric_application, ADW_TYPE_APPLICATION)

/* Benchmark hook (bench/run-app-startup.sh, SPEC §12), only with RUBRIC_STARTUP_PROBE=FILE.
 * "First data": the end (frame clock after-paint) of the first frame drawn once the list of the
 * page on screen has loaded, so with its first rows (the welcome page has nothing to load).
 * "Settled": then no list is loading any more (polled every 5 ms). At settled, FILE gets one
 * line: both moments in µs since the process started (/proc/self/stat: 10 ms ticks), the page,
 * VmRSS and VmHWM in kB; then the app quits. */
static gint64 probe_first_us;

static gint64
probe_since_exec (void)
{
  g_autofree char *stat = NULL;
  g_auto(GStrv) fields = NULL;
  struct timespec now;
  const char *end;

  clock_gettime (CLOCK_BOOTTIME, &now);
  if (!g_file_get_contents ("/proc/self/stat", &stat, NULL, NULL) ||
      (end = strrchr (stat, ')')) == NULL ||
      g_strv_length (fields = g_strsplit (end + 2, " ", 0)) < 20)
    return -1;
  /* Field 22, starttime, in clock ticks since boot. */
  return (gint64) now.tv_sec * G_USEC_PER_SEC + now.tv_nsec / 1000 -
         g_ascii_strtoll (fields[19], NULL, 10) * G_USEC_PER_SEC / sysconf (_SC_CLK_TCK);
}

static gint64
probe_status_kb (const char *status,
                 const char *key)
{
  const char *line = status != NULL ? strstr (status, key) : NULL;

  return line != NULL ? g_ascii_strtoll (line + strlen (key), NULL, 10) : -1;
}

static gboolean
probe_settled_cb (gpointer user_data)
{
  RubricWindow *window = user_data;
  g_autofree char *status = NULL;
  g_autofree char *line = NULL;

  if (rubric_window_get_busy (window))
    return G_SOURCE_CONTINUE;

  g_file_get_contents ("/proc/self/status", &status, NULL, NULL);
  line = g_strdup_printf ("first_data_us %" G_GINT64_FORMAT " settled_us %" G_GINT64_FORMAT
                          " page %s rss_kb %" G_GINT64_FORMAT " hwm_kb %" G_GINT64_FORMAT "\n",
                          probe_first_us, probe_since_exec (),
                          rubric_window_get_visible_page (window),
                          probe_status_kb (status, "VmRSS:"), probe_status_kb (status, "VmHWM:"));
  g_file_set_contents (g_getenv ("RUBRIC_STARTUP_PROBE"), line, -1, NULL);
  g_application_quit (g_application_get_default ());

  return G_SOURCE_REMOVE;
}

static void
probe_after_paint_cb (GdkFrameClock *clock,
                      RubricWindow  *window)
{
  GtkWidget *page = rubric_window_get_page_widget (window, rubric_window_get_visible_page (window));

  if (RUBRIC_IS_LIST_PAGE (page) && rubric_list_page_get_loading (RUBRIC_LIST_PAGE (page)))
    return;

  probe_first_us = probe_since_exec ();
  g_signal_handlers_disconnect_by_func (clock, probe_after_paint_cb, window);
  g_timeout_add_full (G_PRIORITY_DEFAULT, 5, probe_settled_cb, g_object_ref (window),
                      g_object_unref);
}
/* End of the benchmark hook. */

RubricApplication *
rubric_application_new (void)
{
  /* RUBRIC_LOCALEDIR: the translations of a build folder (meson devenv). */
  const char *localedir = g_getenv ("RUBRIC_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  return g_object_new (RUBRIC_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "resource-base-path", "/io/github/rubricqa/Rubric",
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       NULL);
}

RubricDb *
rubric_application_get_db (RubricApplication *self)
{
  g_return_val_if_fail (RUBRIC_IS_APPLICATION (self), NULL);

  return self->db;
}

GSettings *
rubric_application_get_settings (RubricApplication *self)
{
  g_return_val_if_fail (RUBRIC_IS_APPLICATION (self), NULL);

  return self->settings;
}

char *
rubric_application_dup_reviewer (RubricApplication *self)
{
  g_autofree char *name = NULL;
  const char *real;

  g_return_val_if_fail (RUBRIC_IS_APPLICATION (self), NULL);

  if (self->settings != NULL)
    name = g_strstrip (g_settings_get_string (self->settings, "reviewer-name"));
  if (name != NULL && *name != '\0')
    return g_steal_pointer (&name);

  /* GLib says "Unknown" when the system has no real name. */
  real = g_get_real_name ();
  if (real != NULL && *real != '\0' && g_strcmp0 (real, "Unknown") != 0)
    return g_strdup (real);

  return g_strdup (g_get_user_name ());
}

static void
watch_cb (gpointer user_data)
{
  RubricApplication *self = user_data;

  /* On PostgreSQL the trigger speaks of evaluations; a file could have
   * changed in any way. */
  rubric_application_data_changed (self, self->db != NULL && rubric_db_is_postgres (self->db)
                                         ? RUBRIC_DATA_EVALUATIONS : RUBRIC_DATA_ALL);
}

/* Makes @db the app's, watched for others' writes. @name is what opened it
 * (with a team database's password, if any: in memory only). */
static void
set_db (RubricApplication *self,
        RubricDb          *db,
        const char        *name)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->watch, rubric_db_watch_free);
  g_clear_pointer (&self->db, rubric_db_close);
  self->db = db;

  self->watch = rubric_db_watch_new (name, watch_cb, self, &error);
  if (self->watch == NULL)
    g_debug ("Not watching the database for others' changes: %s", error->message);
  else
    rubric_db_watch_set_own (self->watch, db);
}

/* A team database (SPEC §15): its password comes from the keyring, looked
 * up here, at start-up before the window shows (a call on the session
 * bus); without a keyring libpq reads ~/.pgpass. The password is given to
 * libpq in memory only: appended to the URI of this connection and the
 * watch's, and kept by the core (rubric_db_set_password) for the
 * connections the worker threads open from rubric_db_get_path (), which
 * has no password. */
static gboolean
open_team_database (RubricApplication  *self,
                    const char         *uri,
                    GError            **error)
{
  g_autofree char *password = NULL;
  g_autofree char *bare = rubric_team_strip_password (uri, &password);
  g_autofree char *full = NULL;
  RubricDb *db;

  if (password == NULL)
    password = rubric_team_lookup_password (bare);
  /* A server that does not answer costs at most 10 s of a connection
   * attempt (libpq waits for ever by default), and a peer gone silent over
   * TCP is found out in about 25 s rather than the kernel's two hours,
   * unless the URI says otherwise. */
  if (strstr (bare, "connect_timeout=") == NULL)
    {
      char *bounded = g_strconcat (bare, strchr (bare, '?') != NULL ? "&" : "?",
                                   "connect_timeout=10", NULL);

      g_free (bare);
      bare = bounded;
    }
  if (strstr (bare, "keepalives_idle=") == NULL)
    {
      char *bounded = g_strconcat (bare, "&keepalives_idle=10&keepalives_interval=5"
                                   "&keepalives_count=3", NULL);

      g_free (bare);
      bare = bounded;
    }
  /* Every connection of this process to it, the worker threads' too. */
  rubric_db_set_password (bare, password);
  full = rubric_team_add_password (bare, password);

  db = rubric_db_open (full, error);
  if (password != NULL)
    memset (password, 0, strlen (password));
  if (db == NULL)
    {
      memset (full, 0, strlen (full));
      return FALSE;
    }

  set_db (self, db, full);
  memset (full, 0, strlen (full));

  return TRUE;
}

gboolean
rubric_application_open_database (RubricApplication  *self,
                                  const char         *path,
                                  GError            **error)
{
  g_autofree char *chosen = NULL;
  g_autofree char *parent = NULL;
  RubricDb *db;

  g_return_val_if_fail (RUBRIC_IS_APPLICATION (self), FALSE);

  if (path == NULL && self->settings != NULL)
    {
      chosen = g_settings_get_string (self->settings, "database-path");
      if (*chosen == '\0')
        g_clear_pointer (&chosen, g_free);
    }
  if (path == NULL && chosen == NULL)
    chosen = rubric_db_default_path ();
  if (path == NULL)
    path = chosen;

  if (rubric_db_name_is_uri (path))
    return open_team_database (self, path, error);

  parent = g_path_get_dirname (path);
  if (g_mkdir_with_parents (parent, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Could not create the folder %s: %s"), parent, g_strerror (saved));
      return FALSE;
    }

  db = rubric_db_open (path, error);
  if (db == NULL)
    return FALSE;

  /* A new database gets the shipped scorecard, so a reviewer can start. */
  if (!rubric_scorecard_store_ensure_default (db, error))
    {
      rubric_db_close (db);
      return FALSE;
    }

  set_db (self, db, path);

  return TRUE;
}

static void
rubric_application_quit_action (GSimpleAction *action,
                                GVariant      *parameter,
                                gpointer       user_data)
{
  RubricApplication *self = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  /* Closing the windows lets them save their state. */
  for (GList *l = g_list_copy (windows), *next; l != NULL; l = next)
    {
      next = l->next;
      gtk_window_close (l->data);
      g_list_free_1 (l);
    }

  g_application_quit (G_APPLICATION (self));
}

/* ---------------------------------------------------------- data changed */

static gboolean
emit_data_changed_cb (gpointer user_data)
{
  RubricApplication *self = user_data;
  RubricDataChange what = self->data_changed;

  self->data_changed_source = 0;
  self->data_changed = 0;
  g_signal_emit (self, signals[DATA_CHANGED], 0, (guint) what);

  return G_SOURCE_REMOVE;
}

void
rubric_application_data_changed (RubricApplication *self,
                                 RubricDataChange   what)
{
  g_return_if_fail (RUBRIC_IS_APPLICATION (self));

  self->data_changed |= what;
  if (self->data_changed_source == 0)
    self->data_changed_source = g_idle_add_full (G_PRIORITY_DEFAULT, emit_data_changed_cb, self,
                                                 NULL);
}

gboolean
rubric_application_get_data_change_pending (RubricApplication *self)
{
  g_return_val_if_fail (RUBRIC_IS_APPLICATION (self), FALSE);

  return self->data_changed_source != 0;
}

/* ---------------------------------------------------------------- about */

/* Who wrote Rubric, in the about window's three places. */
static const char *
developers_name (void)
{
  return _("The Rubric developers");
}

/* libadwaita 1.2 has no Latvian catalogue on Debian 12: the words of its
 * about window stay English in a Latvian session. The ones libadwaita did
 * not translate are put in our own catalogue's words (a French session
 * keeps libadwaita's). */
static const char * const about_words[] = {
  N_("About"),
  N_("_What’s New"), N_("What’s New"),
  N_("_Details"), N_("Details"),
  N_("_Website"), N_("Website"),
  N_("_Support Questions"),
  N_("_Report an Issue"),
  N_("_Troubleshooting"), N_("Troubleshooting"),
  N_("_Debugging Information"), N_("Debugging Information"),
  N_("_Credits"), N_("Credits"),
  N_("_Legal"), N_("Legal"),
  N_("_Acknowledgements"), N_("Acknowledgements"),
  N_("Code by"), N_("Design by"), N_("Artwork by"), N_("Documentation by"),
  N_("Translated by"),
  N_("GNU General Public License, version 3 or later"),
};

#define ABOUT_LICENSE_URL "https://www.gnu.org/licenses/gpl-3.0.html"
/* libadwaita's own sentence, with the URL and title it gives GPL 3.0+. */
#define ABOUT_LICENSE_TEXT \
  "This application comes with absolutely no warranty. See the <a href=\"%s\">%s</a> for details."

static const char *
about_word (const char *text)
{
  if (text == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (about_words); i++)
    if (g_str_equal (text, about_words[i]))
      return _(about_words[i]);

  return NULL;
}

static void
translate_about_tree (GtkWidget *widget)
{
  const char *ours;

  if (GTK_IS_LABEL (widget))
    {
      const char *label = gtk_label_get_label (GTK_LABEL (widget));
      g_autofree char *license =
        g_strdup_printf (ABOUT_LICENSE_TEXT, ABOUT_LICENSE_URL,
                         "GNU General Public License, version 3 or later");

      const char *found = label != NULL ? strstr (label, license) : NULL;

      if ((ours = about_word (label)) != NULL)
        gtk_label_set_label (GTK_LABEL (widget), ours);
      else if (found != NULL)
        {
          /* The copyright, then the licence's sentence. */
          /* Translators: under the licence in the about window; the first %s is
           * the licence's web address, the second its name */
          g_autofree char *text = g_strdup_printf (_("This application comes with absolutely no "
                                                     "warranty. See the <a href=\"%s\">%s</a> "
                                                     "for details."),
                                                   ABOUT_LICENSE_URL,
                                                   _("GNU General Public License, version 3 or "
                                                     "later"));
          g_autofree char *head = g_strndup (label, found - label);
          g_autofree char *whole = g_strconcat (head, text, found + strlen (license), NULL);

          gtk_label_set_label (GTK_LABEL (widget), whole);
        }
    }
  else if (ADW_IS_PREFERENCES_ROW (widget) &&
           (ours = about_word (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)))))
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (widget), ours);
  else if (ADW_IS_PREFERENCES_GROUP (widget) &&
           (ours = about_word (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget)))))
    adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (widget), ours);
  else if (ADW_IS_WINDOW_TITLE (widget) &&
           (ours = about_word (adw_window_title_get_title (ADW_WINDOW_TITLE (widget)))))
    adw_window_title_set_title (ADW_WINDOW_TITLE (widget), ours);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    translate_about_tree (child);
}

GtkWidget *
rubric_application_new_about_window (RubricApplication *self)
{
  const char *developers[] = { developers_name (), NULL };
  g_autofree char *copyright = NULL;
  GtkWidget *about;
  const char *ours;

  g_return_val_if_fail (RUBRIC_IS_APPLICATION (self), NULL);

  /* Not translated: the year and the sign read the same everywhere. */
  copyright = g_strdup_printf ("© 2026 %s", developers_name ());
  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "modal", TRUE,
                        "application-name", _("Rubric"),
                        "application-icon", APP_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", developers_name (),
                        "developers", developers,
                        "copyright", copyright,
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "website", "https://github.com/rubricqa/rubric",
                        "issue-url", "https://github.com/rubricqa/rubric/issues",
                        /* Translators: your names, one per line */
                        "translator-credits", _("translator-credits"),
                        "comments", _("Score recorded calls against your service level objectives "
                                      "and rate the vendors who take them."),
                        NULL);
  if ((ours = about_word (gtk_window_get_title (GTK_WINDOW (about)))) != NULL)
    gtk_window_set_title (GTK_WINDOW (about), ours);
  translate_about_tree (about);

  return about;
}

static void
rubric_application_about_action (GSimpleAction *action,
                                 GVariant      *parameter,
                                 gpointer       user_data)
{
  gtk_window_present (GTK_WINDOW (rubric_application_new_about_window (user_data)));
}

static void
rubric_application_preferences_action (GSimpleAction *action,
                                       GVariant      *parameter,
                                       gpointer       user_data)
{
  RubricApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *preferences;

  preferences = rubric_preferences_window_new (self->settings,
                                               self->db != NULL ? rubric_db_get_path (self->db) : NULL);
  gtk_window_set_transient_for (GTK_WINDOW (preferences), window);
  gtk_window_set_application (GTK_WINDOW (preferences), GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
rubric_application_shortcuts_action (GSimpleAction *action,
                                     GVariant      *parameter,
                                     gpointer       user_data)
{
  RubricApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  /* RubricWindow has this action, and makes the shortcuts window when
   * asked for (see show_help_overlay_cb ()). */
  if (window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
}

static const GActionEntry app_actions[] = {
  { "quit", rubric_application_quit_action },
  { "about", rubric_application_about_action },
  { "preferences", rubric_application_preferences_action },
  { "shortcuts", rubric_application_shortcuts_action },
};

static void
rubric_application_startup (GApplication *application)
{
  RubricApplication *self = RUBRIC_APPLICATION (application);
  g_autoptr(GSettingsSchema) schema = NULL;
  static const struct {
    const char *action;
    const char *accels[2];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "app.shortcuts", { "<Control>question", NULL } },
    { "win.import-calls", { "<Control>i", NULL } },
    { "win.search", { "<Control>f", NULL } },
    { "win.show-page::review", { "<Alt>1", NULL } },
    { "win.show-page::evaluations", { "<Alt>2", NULL } },
    { "win.show-page::agents", { "<Alt>3", NULL } },
    { "win.show-page::vendors", { "<Alt>4", NULL } },
    { "win.show-page::scorecards", { "<Alt>5", NULL } },
  };

  G_APPLICATION_CLASS (rubric_application_parent_class)->startup (application);

  /* Without its schema GSettings would abort: say how to run from a build. */
  schema = g_settings_schema_source_lookup (g_settings_schema_source_get_default (), APP_ID, TRUE);
  if (schema != NULL)
    self->settings = g_settings_new (APP_ID);
  else
    g_printerr (_("The settings schema %s is not installed: settings will not be kept. From a "
                  "build folder, run Rubric with “meson devenv -C BUILD rubric”.\n"), APP_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions),
                                   self);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action,
                                           accels[i].accels);
}

static void
fatal_dialog_response_cb (AdwMessageDialog *dialog,
                          const char       *response,
                          gpointer          user_data)
{
  g_application_release (G_APPLICATION (user_data));
}

/* Nothing works without the database: say why, then leave. */
static void
show_fatal_error (RubricApplication *self,
                  const GError      *error)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (NULL, _("Could Not Open the Database"), error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  g_application_hold (G_APPLICATION (self));
  g_signal_connect (dialog, "response", G_CALLBACK (fatal_dialog_response_cb), self);
  rubric_a11y_fix_tree (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
screenshots_done_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(RubricApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!rubric_screenshots_finish (result, &error))
    g_printerr ("rubric: %s\n", error->message);

  g_application_release (G_APPLICATION (self));
  g_application_quit (G_APPLICATION (self));
}

/* Drafts kept on this computer while the team database was away
 * (rubric-drafts.c) go to the database at start-up. */
static void
send_kept_drafts (RubricApplication *self,
                  RubricWindow      *window)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *reviewer = rubric_application_dup_reviewer (self);
  int sent = rubric_drafts_send (self->db, reviewer, &error);

  if (sent < 0)
    {
      if (!rubric_window_report_error (window, error))
        rubric_window_add_toast (window, error->message);
    }
  else if (sent > 0)
    rubric_application_data_changed (self, RUBRIC_DATA_EVALUATIONS);
}

static void
rubric_application_activate (GApplication *application)
{
  RubricApplication *self = RUBRIC_APPLICATION (application);
  g_autoptr(GError) error = NULL;
  const char *database = self->database_option;
  g_autofree char *scratch_db = NULL;
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  /* Screenshots of a fresh database, unless one is given: the welcome
   * page first, then every page over the sample data. */
  if (self->screenshots_option != NULL && database == NULL)
    {
      self->scratch_dir = g_dir_make_tmp ("rubric-screenshots-XXXXXX", &error);
      if (self->scratch_dir == NULL)
        {
          g_printerr ("rubric: %s\n", error->message);
          return;
        }
      scratch_db = g_build_filename (self->scratch_dir, "sample.db", NULL);
      database = scratch_db;
    }

  if (self->db == NULL && !rubric_application_open_database (self, database, &error))
    {
      if (self->screenshots_option != NULL)
        g_printerr ("rubric: %s\n", error->message);
      else
        show_fatal_error (self, error);
      return;
    }

  window = GTK_WINDOW (rubric_window_new (self));
  gtk_window_present (window);
  send_kept_drafts (self, RUBRIC_WINDOW (window));

  /* Benchmark hook: see probe_after_paint_cb (). */
  if (g_getenv ("RUBRIC_STARTUP_PROBE") != NULL && self->screenshots_option == NULL)
    g_signal_connect_object (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                             G_CALLBACK (probe_after_paint_cb), window, 0);

  if (self->screenshots_option != NULL)
    {
      g_application_hold (application);
      rubric_screenshots_run_async (RUBRIC_WINDOW (window), self->screenshots_option,
                                    self->scratch_dir != NULL, screenshots_done_cb,
                                    g_object_ref (self));
    }
}

static int
rubric_application_handle_local_options (GApplication *application,
                                         GVariantDict *options)
{
  RubricApplication *self = RUBRIC_APPLICATION (application);
  const char *value;

  if (g_variant_dict_lookup (options, "database", "^&ay", &value))
    /* A team database's URI as given, a file made absolute. */
    self->database_option = rubric_db_name_is_uri (value) ? g_strdup (value)
                                                          : g_canonicalize_filename (value, NULL);

  if (g_variant_dict_lookup (options, "screenshots", "^&ay", &value))
    {
      self->screenshots_option = g_canonicalize_filename (value, NULL);
      /* A batch job of its own, whatever other Rubric runs. */
      g_application_set_flags (application,
                               g_application_get_flags (application) | G_APPLICATION_NON_UNIQUE);
    }

  /* Another instance would open its own database: stay on our own. */
  if (self->database_option != NULL)
    g_application_set_flags (application,
                             g_application_get_flags (application) | G_APPLICATION_NON_UNIQUE);

  return -1;
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

static void
rubric_application_shutdown (GApplication *application)
{
  RubricApplication *self = RUBRIC_APPLICATION (application);

  G_APPLICATION_CLASS (rubric_application_parent_class)->shutdown (application);

  g_clear_pointer (&self->watch, rubric_db_watch_free);
  g_clear_pointer (&self->db, rubric_db_close);
  if (self->scratch_dir != NULL)
    remove_tree (self->scratch_dir);
}

static void
rubric_application_finalize (GObject *object)
{
  RubricApplication *self = RUBRIC_APPLICATION (object);

  g_clear_handle_id (&self->data_changed_source, g_source_remove);
  g_clear_pointer (&self->watch, rubric_db_watch_free);
  g_clear_pointer (&self->db, rubric_db_close);
  g_clear_object (&self->settings);
  g_free (self->database_option);
  g_free (self->screenshots_option);
  g_free (self->scratch_dir);

  G_OBJECT_CLASS (rubric_application_parent_class)->finalize (object);
}

static void
rubric_application_class_init (RubricApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = rubric_application_finalize;

  /* RubricApplication::data-changed:
   * @what: the RubricDataChange flags of what changed
   *
   * Something was written to the database: every page reloads what it
   * shows. Emitted once per turn of the main loop, however many changes. */
  signals[DATA_CHANGED] =
    g_signal_new ("data-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  app_class->startup = rubric_application_startup;
  app_class->activate = rubric_application_activate;
  app_class->handle_local_options = rubric_application_handle_local_options;
  app_class->shutdown = rubric_application_shutdown;
}

static void
rubric_application_init (RubricApplication *self)
{
  static const GOptionEntry entries[] = {
    { "database", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Open this database instead of the one in the preferences"), N_("FILE") },
    { "screenshots", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Save a picture of every page into DIR, then quit"), N_("DIR") },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
}
