/* rubric-cli.c — rubric-cli, the headless companion: imports, exports, checks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <gio/gunixoutputstream.h>
#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdio_ext.h>
#include <unistd.h>

#include "rubric-calls.h"
#include "rubric-cli.h"
#include "rubric-csv.h"
#include "rubric-db.h"
#include "rubric-error.h"
#include "rubric-evaluation-store.h"
#include "rubric-scorecard-store.h"
#include "rubric-time.h"
#include "rubric-xml.h"

static const char * const value_options[] = {
  "--db", "--version", "--format", "--vendor", "--agent", "--from", "--to", "--status",
  "--source", "--map", "-o", "--output", "--by", "--period", "--queue", "--threshold",
  "--short-abandon", "--formula", "--repeat-days", "--valid-on", "--team", NULL
};

static const char * const flag_options[] = {
  "--skip-bad-lines", "--detail", "--help", "-h", NULL
};

static const char usage_text[] =
  N_("Usage: rubric-cli [--db FILE|URI] COMMAND [ARGS]\n"
     "\n"
     "Commands:\n"
     "  init                          create or upgrade the database, add the default scorecard\n"
     "  check                         check the database's integrity and references\n"
     "  backup FILE                   copy the database safely, even while in use\n"
     "                                (a team database is backed up as a SQLite file)\n"
     "  copy --to FILE|URI            copy the whole database into a new one: a\n"
     "                                personal file into a team database, or back\n"
     "  scorecard import FILE.xml     add a scorecard, or a new version of one\n"
     "  scorecard export KEY [--version N] [-o FILE]\n"
     "  scorecard list [--format csv]\n"
     "  evaluations import FILE.xml\n"
     "  evaluations export [--format xml|csv] [--vendor V] [--agent A] [--status S]\n"
     "                     [--from DATE] [--to DATE] [-o FILE]\n"
     "  evaluations submit ID         submit a draft (refused while criteria are unanswered)\n"
     "  evaluations history ID        every change to a submitted evaluation\n"
     "  calls import FILE [--format csv|queue-log] [--vendor NAME] [--source NAME]\n"
     "                    [--map SPEC] [--skip-bad-lines]\n"
     "                                (without --format, the file's content decides)\n"
     "  queues map QUEUE VENDOR       the vendor whose calls a queue holds\n"
     "  queues list [--format csv]\n"
     "  metrics import FILE           aggregate metrics, CSV or XML (SPEC 8.4)\n"
     "  contract import FILE.xml | export VENDOR [--valid-on DATE] [-o FILE]\n"
     "  kpis --vendor V [--from DATE] [--to DATE] [--period PERIOD]\n"
     "       [--by day|week|month|quarter|year] [--queue Q] [--agent A] [--format csv]\n"
     "       [--threshold S] [--short-abandon S] [--formula F] [--repeat-days D]\n"
     "                                KPIs per period, days in the vendor's time zone\n"
     "  ratings --period PERIOD [--vendor V] [--detail] [--format csv|xml|pdf] [-o FILE]\n"
     "                                vendor ratings under their contracts (every vendor\n"
     "                                with a contract without --vendor)\n"
     "  agents import FILE.csv        add agents and set their names and teams (SPEC 8.7)\n"
     "  agents list [--vendor V] [--team T] [--format csv]\n"
     "  trends (--agent A | --team T | --vendor V) [--vendor V] [--by week|month]\n"
     "         [--from DATE --to DATE] [--format csv|pdf] [-o FILE]\n"
     "                                score per week or month against the team; the\n"
     "                                coaching report of one agent as PDF\n"
     "  trends criteria | reviewers | resolution  (the same scope) [--from DATE --to DATE]\n"
     "         [--format csv]         weakest criteria, N/A rate per reviewer, QA-judged\n"
     "                                resolution against repeat contact\n"
     "  members add NAME reviewer|lead|admin | list [--format csv] | remove NAME\n"
     "                                who may do what in a team database\n"
     "\n"
     "The database is $RUBRIC_DB, or $XDG_DATA_HOME/rubric/rubric.db; a team database is\n"
     "a PostgreSQL URI (postgresql://HOST/DB).\n"
     "Exit status: 0 success, 1 usage error, 2 bad input (nothing written), 3 database or\n"
     "I/O error, 4 not permitted (team database).\n");

int
fail_usage (const char *format,
            ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("rubric-cli: %s\n", message);
  g_printerr (_("Try “rubric-cli --help”.\n"));
  return EXIT_USAGE;
}

int
fail (GError *error)
{
  const char *message = error->message;

  /* What the server refuses reads "rubric-cli: not permitted: …" (SPEC
   * §15): the core names the team database first ("postgresql://…: not
   * permitted: …"), which says nothing here, where there is only one. */
  if (g_error_matches (error, RUBRIC_ERROR, RUBRIC_ERROR_NOT_PERMITTED) &&
      (g_str_has_prefix (message, "postgresql://") || g_str_has_prefix (message, "postgres://")))
    {
      const char *rest = strstr (message, ": ");

      if (rest != NULL && rest[2] != '\0')
        message = rest + 2;
    }

  g_printerr ("rubric-cli: %s\n", message);

  if (error->domain != RUBRIC_ERROR)
    return EXIT_DATABASE;

  switch ((RubricError) error->code)
    {
    case RUBRIC_ERROR_INPUT:
    case RUBRIC_ERROR_NOT_FOUND:
      return EXIT_INPUT;
    case RUBRIC_ERROR_USAGE:
      return EXIT_USAGE;
    case RUBRIC_ERROR_NOT_PERMITTED:
      return EXIT_NOT_PERMITTED;
    case RUBRIC_ERROR_DATABASE:
    case RUBRIC_ERROR_CONFLICT:
    case RUBRIC_ERROR_NEWER_DATABASE:
    case RUBRIC_ERROR_IO:
    default:
      return EXIT_DATABASE;
    }
}

const char *
option (Invocation *inv,
        const char *name)
{
  return g_hash_table_lookup (inv->options, name);
}

/* Commands that write create the database if needed; those that only
 * read refuse a path where there is none. */
RubricDb *
open_db (Invocation  *inv,
         GError     **error)
{
  return rubric_db_open (inv->db_path, error);
}

RubricDb *
open_existing_db (Invocation  *inv,
                  GError     **error)
{
  return rubric_db_open_existing (inv->db_path, error);
}

/* Where output goes: -o FILE (written beside it and put in place whole by
 * close_output, rubric-output.h) or standard output. Either way the writes
 * are buffered; close_output says whether they all landed. */
GOutputStream *
open_output (Invocation    *inv,
             RubricOutput **file,
             GError       **error)
{
  const char *path = option (inv, "-o") ? option (inv, "-o") : option (inv, "--output");

  *file = NULL;

  if (path == NULL || g_str_equal (path, "-"))
    {
      g_autoptr(GOutputStream) base = NULL;

      /* Whatever g_print () left in stdio's buffer goes first. */
      fflush (stdout);
      base = g_unix_output_stream_new (STDOUT_FILENO, FALSE);
      return g_buffered_output_stream_new_sized (base, 64 * 1024);
    }

  if (!rubric_output_check_not_database (path, inv->db_path, error) ||
      !(*file = rubric_output_open (path, RUBRIC_OUTPUT_NONE, error)))
    return NULL;

  return g_object_ref (rubric_output_get_stream (*file));
}

/* Ends the output opened by open_output (taking @out and @file): on
 * success (@ok) puts -o FILE in place or flushes standard output, and
 * fails (RUBRIC_ERROR_IO) when that does not work; otherwise throws the
 * output away and leaves -o FILE as it was. */
gboolean
close_output (GOutputStream  *out,
              RubricOutput   *file,
              gboolean        ok,
              GError        **error)
{
  g_autoptr(GOutputStream) owned = out;
  g_autoptr(RubricOutput) owned_file = file;

  if (file != NULL)
    {
      if (ok)
        return rubric_output_commit (file, error);
      rubric_output_abort (file);
      return FALSE;
    }

  if (ok)
    {
      g_autoptr(GError) local = NULL;

      if (!g_output_stream_close (out, NULL, &local))
        {
          g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_IO,
                       _("Could not write to standard output: %s"), local->message);
          return FALSE;
        }
      return TRUE;
    }

  {
    g_autoptr(GCancellable) cancelled = g_cancellable_new ();

    g_cancellable_cancel (cancelled);
    g_output_stream_close (out, cancelled, NULL);
  }
  return FALSE;
}

/* @text whole to the output (open_output, close_output). */
gboolean
write_output (Invocation  *inv,
              const char  *text,
              GError     **error)
{
  RubricOutput *file = NULL;
  GOutputStream *out;
  gboolean ok;

  if (!(out = open_output (inv, &file, error)))
    return FALSE;

  ok = g_output_stream_write_all (out, text, strlen (text), NULL, NULL, error);
  return close_output (out, file, ok, error);
}

static int
cmd_init (Invocation *inv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricDb) db = NULL;
  g_autoptr(GPtrArray) list = NULL;

  if (!(db = open_db (inv, &error)))
    return fail (error);

  if (!(list = rubric_scorecard_store_list (db, &error)))
    return fail (error);

  /* A new database gets the shipped scorecard, so reviewers can start. */
  if (list->len == 0)
    {
      g_autoptr(GBytes) bytes = rubric_core_resource ("scorecards/contact-centre-qa.xml");
      g_autoptr(RubricScorecard) scorecard = NULL;
      gsize size;
      const char *data = g_bytes_get_data (bytes, &size);

      if (!(scorecard = rubric_scorecard_new_from_xml ("contact-centre-qa.xml", data, size,
                                                       &error)) ||
          !rubric_db_begin (db, &error) ||
          !rubric_scorecard_store_save (db, scorecard, NULL, &error) ||
          !rubric_db_commit (db, &error))
        {
          rubric_db_rollback (db);
          return fail (error);
        }
    }

  if (rubric_db_get_backup_path (db) != NULL)
    g_print (_("Upgraded %s to schema %d (a copy of the old one is in %s)\n"),
             rubric_db_get_path (db), rubric_db_get_version (db), rubric_db_get_backup_path (db));
  else
    g_print (_("Database %s is ready (schema %d)\n"),
             rubric_db_get_path (db), rubric_db_get_version (db));

  return EXIT_OK;
}

static int
cmd_check (Invocation *inv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricDb) db = NULL;
  g_autoptr(GPtrArray) problems = NULL;

  if (!(db = open_existing_db (inv, &error)))
    return fail (error);

  if (!rubric_db_check (db, &problems, &error))
    return fail (error);

  for (guint i = 0; i < problems->len; i++)
    g_printerr ("rubric-cli: %s: %s\n", rubric_db_get_path (db),
                (const char *) g_ptr_array_index (problems, i));

  if (problems->len > 0)
    return EXIT_DATABASE;

  g_print (_("%s: no problems found\n"), rubric_db_get_path (db));
  return EXIT_OK;
}

static int
cmd_backup (Invocation *inv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricDb) db = NULL;
  const char *destination;

  if (inv->args->len != 1)
    return fail_usage (_("backup needs one FILE"));

  destination = g_ptr_array_index (inv->args, 0);

  /* A backup over the database itself would destroy both. */
  if (!rubric_output_check_not_database (destination, inv->db_path, &error))
    return fail (error);

  if (!(db = open_existing_db (inv, &error)))
    return fail (error);

  if (!rubric_db_backup (db, destination, &error))
    return fail (error);

  g_print (_("Backed up %s to %s\n"), rubric_db_get_path (db), destination);
  return EXIT_OK;
}

/* copy --to NAME: the whole database into a new one. A SQLite file
 * must not exist yet (it is built beside and renamed into place); a team
 * database gets the schema and must hold no data. */
static int
cmd_copy (Invocation *inv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricDb) db = NULL;
  g_autoptr(RubricDb) target = NULL;
  const char *destination = option (inv, "--to");

  if (destination == NULL || inv->args->len != 0)
    return fail_usage (_("copy needs --to FILE or --to URI"));

  if (!rubric_db_name_is_uri (destination) &&
      !rubric_output_check_not_database (destination, inv->db_path, &error))
    return fail (error);

  if (!(db = open_existing_db (inv, &error)))
    return fail (error);

  if (!rubric_db_name_is_uri (destination))
    {
      if (g_file_test (destination, G_FILE_TEST_EXISTS))
        {
          g_printerr (_("rubric-cli: %s: the file exists already (a copy goes into a new "
                        "file)\n"), destination);
          return EXIT_INPUT;
        }
      if (!rubric_db_backup (db, destination, &error))
        return fail (error);
    }
  else if (!(target = rubric_db_open (destination, &error)) ||
           !rubric_db_copy (db, target, &error))
    return fail (error);

  g_print (_("Copied %s to %s\n"), rubric_db_get_path (db),
           target != NULL ? rubric_db_get_path (target) : destination);
  return EXIT_OK;
}

static int
cmd_scorecard (Invocation *inv,
               const char *verb)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricDb) db = NULL;

  if (g_strcmp0 (verb, "import") == 0)
    {
      g_autoptr(RubricScorecard) scorecard = NULL;
      RubricScorecardImport result;

      if (inv->args->len != 1)
        return fail_usage (_("scorecard import needs one FILE"));

      /* A bad file is refused before the database is even opened. */
      if (!(scorecard = rubric_scorecard_new_from_file (g_ptr_array_index (inv->args, 0),
                                                        &error)) ||
          !(db = open_db (inv, &error)) ||
          !rubric_scorecard_store_add (db, scorecard, &result, &error))
        return fail (error);

      switch (result)
        {
        case RUBRIC_SCORECARD_ADDED:
          g_print (_("Added scorecard “%s” version %d\n"), scorecard->key, scorecard->version);
          break;
        case RUBRIC_SCORECARD_NEW_VERSION:
          g_print (_("Added version %d of scorecard “%s”\n"),
                   scorecard->version, scorecard->key);
          break;
        case RUBRIC_SCORECARD_UNCHANGED:
        default:
          g_print (_("Scorecard “%s” is unchanged (version %d)\n"),
                   scorecard->key, scorecard->version);
          break;
        }
      return EXIT_OK;
    }

  if (g_strcmp0 (verb, "export") == 0)
    {
      g_autoptr(RubricScorecard) scorecard = NULL;
      g_autofree char *xml = NULL;
      guint64 version = 0;

      if (inv->args->len != 1)
        return fail_usage (_("scorecard export needs one KEY"));

      if (option (inv, "--version") &&
          !g_ascii_string_to_unsigned (option (inv, "--version"), 10, 1, G_MAXINT, &version, NULL))
        return fail_usage (_("--version needs a version number"));

      if (!(db = open_existing_db (inv, &error)) ||
          !(scorecard = rubric_scorecard_store_load (db, g_ptr_array_index (inv->args, 0),
                                                     (int) version, &error)))
        return fail (error);

      xml = rubric_scorecard_to_xml (scorecard, TRUE);
      if (!write_output (inv, xml, &error))
        return fail (error);
      return EXIT_OK;
    }

  if (g_strcmp0 (verb, "list") == 0)
    {
      g_autoptr(GPtrArray) list = NULL;
      gboolean csv = g_strcmp0 (option (inv, "--format"), "csv") == 0;

      if (option (inv, "--format") && !csv && !g_str_equal (option (inv, "--format"), "text"))
        return fail_usage (_("--format must be csv or text"));

      if (!(db = open_existing_db (inv, &error)) ||
          !(list = rubric_scorecard_store_list (db, &error)))
        return fail (error);

      if (csv)
        g_print ("key,version,title,created_at,evaluations\r\n");

      for (guint i = 0; i < list->len; i++)
        {
          RubricScorecardInfo *info = g_ptr_array_index (list, i);
          g_autofree char *created = rubric_time_format_instant (info->created_at);

          if (csv)
            {
              g_autoptr(GString) line = g_string_new (NULL);
              g_autofree char *version = g_strdup_printf ("%d", info->version);
              g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, info->evaluations);
              const char *fields[] = { info->key, version, info->title, created, count };

              rubric_csv_append_record (line, fields, G_N_ELEMENTS (fields));
              g_print ("%s", line->str);
            }
          else
            g_print ("%-20s %3d  %-40s %s\n", info->key, info->version, info->title, created);
        }
      return EXIT_OK;
    }

  return fail_usage (_("scorecard needs import, export or list"));
}

static gboolean
parse_date_option (Invocation  *inv,
                   const char  *name,
                   GDate       *date,
                   gboolean    *given)
{
  const char *text = option (inv, name);

  *given = text != NULL;
  return text == NULL || rubric_time_parse_date (text, date);
}

static int
cmd_evaluations (Invocation *inv,
                 const char *verb)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricDb) db = NULL;

  if (g_strcmp0 (verb, "import") == 0)
    {
      RubricEvaluationImportReport report;
      g_autoptr(GPtrArray) evaluations = NULL;
      const char *path;

      if (inv->args->len != 1)
        return fail_usage (_("evaluations import needs one FILE"));

      /* Malformed files are refused before the database is opened; what
       * needs the stored scorecards is checked next, before any write. */
      path = g_ptr_array_index (inv->args, 0);
      if (!(evaluations = rubric_evaluations_from_file (path, &error)) ||
          !(db = open_db (inv, &error)) ||
          !rubric_evaluation_store_import_parsed (db, path, evaluations, g_get_user_name (),
                                                  &report, &error))
        return fail (error);

      g_print (_("Imported %s: %u added, %u replaced by a newer version, %u kept\n"),
               (const char *) g_ptr_array_index (inv->args, 0),
               report.added, report.replaced, report.kept);
      return EXIT_OK;
    }

  if (g_strcmp0 (verb, "export") == 0)
    {
      RubricEvaluationFilter filter = { 0 };
      RubricOutput *file = NULL;
      const char *format = option (inv, "--format") ? option (inv, "--format") : "xml";
      GOutputStream *out;
      GDate from, to;
      gboolean has_from, has_to;
      gboolean ok;

      if (!g_str_equal (format, "xml") && !g_str_equal (format, "csv"))
        return fail_usage (_("--format must be xml or csv"));

      if (!parse_date_option (inv, "--from", &from, &has_from) ||
          !parse_date_option (inv, "--to", &to, &has_to))
        return fail_usage (_("--from and --to need a date as YYYY-MM-DD"));

      filter.vendor = option (inv, "--vendor");
      filter.agent = option (inv, "--agent");
      filter.status = option (inv, "--status");
      filter.from = has_from ? &from : NULL;
      filter.to = has_to ? &to : NULL;

      if (filter.status != NULL)
        {
          RubricStatus status;

          if (!rubric_status_from_string (filter.status, &status))
            return fail_usage (_("--status must be draft, submitted or calibration"));
        }

      if (!(db = open_existing_db (inv, &error)))
        return fail (error);

      if (!(out = open_output (inv, &file, &error)))
        return fail (error);

      if (g_str_equal (format, "csv"))
        ok = rubric_evaluation_store_export_csv (db, &filter, out, &error);
      else
        ok = rubric_evaluation_store_export_xml (db, &filter, out, &error);

      if (!close_output (out, file, ok, &error))
        return fail (error);
      return EXIT_OK;
    }

  if (g_strcmp0 (verb, "submit") == 0)
    {
      if (inv->args->len != 1)
        return fail_usage (_("evaluations submit needs one ID"));

      if (!(db = open_existing_db (inv, &error)) ||
          !rubric_evaluation_store_submit (db, g_ptr_array_index (inv->args, 0),
                                           g_get_user_name (), &error))
        return fail (error);

      g_print (_("Submitted evaluation %s\n"), (const char *) g_ptr_array_index (inv->args, 0));
      return EXIT_OK;
    }

  if (g_strcmp0 (verb, "history") == 0)
    {
      g_autoptr(GPtrArray) entries = NULL;

      if (inv->args->len != 1)
        return fail_usage (_("evaluations history needs one ID"));

      if (!(db = open_existing_db (inv, &error)) ||
          !(entries = rubric_evaluation_store_history (db, g_ptr_array_index (inv->args, 0),
                                                       &error)))
        return fail (error);

      for (guint i = 0; i < entries->len; i++)
        {
          RubricHistoryEntry *entry = g_ptr_array_index (entries, i);
          g_autofree char *when = rubric_time_format_instant (entry->changed_at);

          g_print ("%s %s: %s\n", when, entry->changed_by, entry->reason);
          g_print (_("--- before\n%s"), entry->before);
          g_print (_("+++ after\n%s\n"), entry->after);
        }

      if (entries->len == 0)
        g_print (_("No changes since it was submitted\n"));
      return EXIT_OK;
    }

  return fail_usage (_("evaluations needs import, export, submit or history"));
}

/* Told by the core when a write waits for another program's (a long
 * import holds the database for many seconds): on a terminal only. */
static void
wait_cb (const char *path,
         gpointer    user_data)
{
  g_printerr (_("rubric-cli: waiting for another program writing to %s…\n"), path);
}

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  g_printerr ("\r%s %3.0f %%", (const char *) user_data, CLAMP (fraction, 0.0, 1.0) * 100.0);
}

RubricProgressFunc
progress_func (void)
{
  return isatty (STDERR_FILENO) ? progress_cb : NULL;
}

void
progress_end (void)
{
  if (isatty (STDERR_FILENO))
    g_printerr ("\r\033[K");
}

static int
run_command (Invocation *inv,
             const char *command,
             const char *verb)
{
  if (g_str_equal (command, "init"))
    return cmd_init (inv);
  if (g_str_equal (command, "check"))
    return cmd_check (inv);
  if (g_str_equal (command, "backup"))
    return cmd_backup (inv);
  if (g_str_equal (command, "copy"))
    return cmd_copy (inv);
  if (g_str_equal (command, "scorecard"))
    return cmd_scorecard (inv, verb);
  if (g_str_equal (command, "evaluations"))
    return cmd_evaluations (inv, verb);
  if (g_str_equal (command, "calls"))
    return cmd_calls (inv, verb);
  if (g_str_equal (command, "queues"))
    return cmd_queues (inv, verb);
  if (g_str_equal (command, "metrics"))
    return cmd_metrics (inv, verb);
  if (g_str_equal (command, "contract"))
    return cmd_contract (inv, verb);
  if (g_str_equal (command, "kpis"))
    return cmd_kpis (inv);
  if (g_str_equal (command, "ratings"))
    return cmd_ratings (inv);
  if (g_str_equal (command, "members"))
    return cmd_members (inv, verb);
  if (g_str_equal (command, "agents"))
    return cmd_agents (inv, verb);
  if (g_str_equal (command, "trends"))
    return cmd_trends (inv, verb);

  return fail_usage (_("unknown command “%s”"), command);
}

/* The first error of a write to standard output, for the message. */
static int stdout_errno;

/* g_print () without its flush after every string (stdio buffers, and
 * finish_stdout flushes once), keeping why a write failed. */
static void
print_cb (const char *string)
{
  g_autofree char *converted = NULL;
  const char *charset;

  /* As GLib's own handler: text in the terminal's character set. */
  if (!g_get_console_charset (&charset))
    converted = g_convert_with_fallback (string, -1, charset, "UTF-8", "?", NULL, NULL, NULL);

  if (fputs (converted != NULL ? converted : string, stdout) == EOF && stdout_errno == 0)
    stdout_errno = errno != 0 ? errno : EIO;
}

/* What g_print () put on standard output may have failed unseen (a full
 * disk, /dev/full): a command that printed only part of its answer has
 * failed (exit 3), whatever it returned. */
static int
finish_stdout (int status)
{
  gboolean failed = ferror (stdout) != 0;
  gboolean pending = __fpending (stdout) != 0;
  int saved = stdout_errno;

  if (fflush (stdout) != 0)
    {
      failed = TRUE;
      if (saved == 0)
        saved = errno;
    }
  /* A closed standard output (>&-) is no error for a command that had
   * nothing to print there (as coreutils' close_stdout). */
  if (fclose (stdout) != 0 && !(errno == EBADF && !pending && !failed))
    {
      failed = TRUE;
      if (saved == 0)
        saved = errno;
    }

  if (!failed)
    return status;

  if (saved != 0)
    g_printerr ("rubric-cli: %s: %s\n", _("Could not write to standard output"),
                g_strerror (saved));
  else
    g_printerr ("rubric-cli: %s\n", _("Could not write to standard output"));
  return status == EXIT_OK ? EXIT_DATABASE : status;
}

static gboolean
parse_arguments (int          argc,
                 char       **argv,
                 Invocation  *inv,
                 GPtrArray   *words,
                 char       **bad)
{
  for (int i = 1; i < argc; i++)
    {
      const char *arg = argv[i];
      const char *eq = strchr (arg, '=');
      g_autofree char *name = NULL;

      if (arg[0] != '-' || g_str_equal (arg, "-"))
        {
          g_ptr_array_add (words, g_strdup (arg));
          continue;
        }

      if (g_str_equal (arg, "--"))
        {
          for (i++; i < argc; i++)
            g_ptr_array_add (words, g_strdup (argv[i]));
          break;
        }

      name = eq && g_str_has_prefix (arg, "--") ? g_strndup (arg, eq - arg) : g_strdup (arg);

      if (g_strv_contains (flag_options, name))
        g_hash_table_insert (inv->options, g_steal_pointer (&name), g_strdup (""));
      else if (g_strv_contains (value_options, name))
        {
          const char *value;

          if (eq && g_str_has_prefix (arg, "--"))
            value = eq + 1;
          else if (i + 1 < argc)
            value = argv[++i];
          else
            {
              *bad = g_strdup_printf (_("%s needs a value"), name);
              return FALSE;
            }
          g_hash_table_insert (inv->options, g_steal_pointer (&name), g_strdup (value));
        }
      else
        {
          *bad = g_strdup_printf (_("unknown option %s"), arg);
          return FALSE;
        }
    }

  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  Invocation inv = { 0 };
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GHashTable) options = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *bad = NULL;
  g_autofree char *db_path = NULL;
  g_autoptr(GError) error = NULL;
  const char *output;
  const char *localedir = g_getenv ("RUBRIC_LOCALEDIR");
  const char *command;
  const char *verb;
  guint first_arg;

  setlocale (LC_ALL, "");
  /* Numbers in files are always C locale, whatever the UI language. */
  setlocale (LC_NUMERIC, "C");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  inv.options = options;
  inv.args = args;
  g_set_print_handler (print_cb);

  if (isatty (STDERR_FILENO))
    rubric_db_set_wait_func (wait_cb, NULL);

  if (!parse_arguments (argc, argv, &inv, words, &bad))
    return fail_usage ("%s", bad);

  if (g_hash_table_contains (options, "--help") || g_hash_table_contains (options, "-h") ||
      (words->len > 0 && g_str_equal (g_ptr_array_index (words, 0), "help")))
    {
      g_print ("%s", _(usage_text));
      return finish_stdout (EXIT_OK);
    }

  if (words->len == 0)
    {
      g_printerr ("%s", _(usage_text));
      return EXIT_USAGE;
    }

  db_path = option (&inv, "--db") ? g_strdup (option (&inv, "--db")) : rubric_db_default_path ();
  inv.db_path = db_path;

  command = g_ptr_array_index (words, 0);
  verb = words->len > 1 ? g_ptr_array_index (words, 1) : NULL;
  first_arg = (g_str_equal (command, "scorecard") || g_str_equal (command, "evaluations") ||
               g_str_equal (command, "calls") || g_str_equal (command, "queues") ||
               g_str_equal (command, "metrics") || g_str_equal (command, "contract") ||
               g_str_equal (command, "members") || g_str_equal (command, "agents") ||
               g_str_equal (command, "trends")) ? 2 : 1;
  for (guint i = first_arg; i < words->len; i++)
    g_ptr_array_add (args, g_ptr_array_index (words, i));

  /* -o naming the database would replace it with the report: refused
   * before anything is opened. */
  output = option (&inv, "-o") ? option (&inv, "-o") : option (&inv, "--output");
  if (output != NULL && !g_str_equal (output, "-") &&
      !rubric_output_check_not_database (output, inv.db_path, &error))
    return finish_stdout (fail (error));

  return finish_stdout (run_command (&inv, command, verb));
}
