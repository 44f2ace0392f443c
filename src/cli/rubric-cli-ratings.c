/* rubric-cli-ratings.c — `rubric-cli ratings` (SPEC §5.2, §8.6, §9)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <unistd.h>

#include <glib/gi18n.h>

#include "rubric-cli.h"
#include "rubric-error.h"
#include "rubric-rating.h"

static gboolean
format_from_string (const char          *text,
                    RubricRatingsExport *format)
{
  if (g_ascii_strcasecmp (text, "csv") == 0)
    *format = RUBRIC_RATINGS_EXPORT_CSV;
  else if (g_ascii_strcasecmp (text, "xml") == 0)
    *format = RUBRIC_RATINGS_EXPORT_XML;
  else if (g_ascii_strcasecmp (text, "pdf") == 0)
    *format = RUBRIC_RATINGS_EXPORT_PDF;
  else
    return FALSE;
  return TRUE;
}

/* Without --format, an output file named *.xml or *.pdf says which. */
static RubricRatingsExport
format_from_output (const char *path)
{
  const char *dot = path != NULL ? strrchr (path, '.') : NULL;
  RubricRatingsExport format = RUBRIC_RATINGS_EXPORT_CSV;

  if (dot != NULL && strchr (dot, '/') == NULL)
    format_from_string (dot + 1, &format);
  return format;
}

int
cmd_ratings (Invocation *inv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricDb) db = NULL;
  g_autoptr(GPtrArray) ratings = NULL;
  g_autoptr(GOutputStream) out = NULL;
  RubricOutput *file = NULL;
  const char *vendor = option (inv, "--vendor");
  const char *period = option (inv, "--period");
  const char *output = option (inv, "-o") ? option (inv, "-o") : option (inv, "--output");
  const char *format_text = option (inv, "--format");
  RubricRatingsExport format;
  RubricPeriodKind kind;
  RubricDayRange range;
  gboolean ok;

  if (inv->args->len > 0)
    return fail_usage (_("ratings takes options only"));
  if (period == NULL)
    return fail_usage (_("ratings needs --period PERIOD"));
  if (format_text != NULL)
    {
      if (!format_from_string (format_text, &format))
        return fail_usage (_("--format must be csv, xml or pdf, not “%s”"), format_text);
    }
  else
    format = format_from_output (output);

  if (format == RUBRIC_RATINGS_EXPORT_PDF && (output == NULL || g_str_equal (output, "-")) &&
      isatty (STDOUT_FILENO))
    return fail_usage (_("a PDF is not written to a terminal: give -o FILE.pdf"));
  if (format == RUBRIC_RATINGS_EXPORT_CSV && option (inv, "--detail") != NULL)
    format = RUBRIC_RATINGS_EXPORT_DETAIL_CSV;

  if (!rubric_period_parse (period, &range, &kind, &error))
    return fail (error);

  if (!(db = open_existing_db (inv, &error)))
    return fail (error);

  /* Every rating is computed before the output is opened: a vendor
   * without a contract leaves -o FILE untouched or unmade. */
  ratings = rubric_ratings_compute (db, vendor, range, kind,
                                    rubric_ratings_export_flags (format), &error);
  if (ratings == NULL)
    return fail (error);

  if (!(out = open_output (inv, &file, &error)))
    return fail (error);

  /* The report writes numbers as the user's language does by itself:
   * LC_NUMERIC stays C for the files. */
  ok = rubric_ratings_write (ratings, format, out, NULL, &error);

  if (!close_output (g_steal_pointer (&out), file, ok, &error))
    {
      if (error != NULL && error->domain != RUBRIC_ERROR)
        {
          error->domain = RUBRIC_ERROR;
          error->code = RUBRIC_ERROR_IO;
        }
      return fail (error);
    }

  return EXIT_OK;
}
