/* rubric-cli-ratings.c — `rubric-cli ratings` (SPEC §5.2, §8.6, §9)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "rubric-cli.h"
#include "rubric-error.h"
#include "rubric-rating.h"

typedef enum
{
  FORMAT_CSV,
  FORMAT_XML,
  FORMAT_PDF,
} Format;

static gboolean
format_from_string (const char *text,
                    Format     *format)
{
  if (g_ascii_strcasecmp (text, "csv") == 0)
    *format = FORMAT_CSV;
  else if (g_ascii_strcasecmp (text, "xml") == 0)
    *format = FORMAT_XML;
  else if (g_ascii_strcasecmp (text, "pdf") == 0)
    *format = FORMAT_PDF;
  else
    return FALSE;
  return TRUE;
}

/* Without --format, an output file named *.xml or *.pdf says which. */
static Format
format_from_output (const char *path)
{
  const char *dot = path != NULL ? strrchr (path, '.') : NULL;
  Format format = FORMAT_CSV;

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
  g_autoptr(GFileOutputStream) file_stream = NULL;
  g_autofree char *text = NULL;
  const char *vendor = option (inv, "--vendor");
  const char *period = option (inv, "--period");
  const char *output = option (inv, "-o") ? option (inv, "-o") : option (inv, "--output");
  const char *format_text = option (inv, "--format");
  gboolean detail = option (inv, "--detail") != NULL;
  RubricRatingFlags flags = 0;
  RubricPeriodKind kind;
  RubricDayRange range;
  Format format;
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

  if (format == FORMAT_PDF && (output == NULL || g_str_equal (output, "-")) &&
      isatty (STDOUT_FILENO))
    return fail_usage (_("a PDF is not written to a terminal: give -o FILE.pdf"));

  if (!rubric_period_parse (period, &range, &kind, &error))
    return fail (error);

  if (!(db = open_existing_db (inv, &error)))
    return fail (error);

  /* The PDF shows the change against the previous period and a trend; the
   * XML the change; the CSV columns are fixed by SPEC §8.6. */
  if (format == FORMAT_XML)
    flags = RUBRIC_RATING_WITH_PREVIOUS;
  else if (format == FORMAT_PDF)
    flags = RUBRIC_RATING_WITH_PREVIOUS | RUBRIC_RATING_WITH_TREND;

  ratings = rubric_ratings_compute (db, vendor, range, kind, flags, &error);
  if (ratings == NULL)
    return fail (error);

  if (!(out = open_output (inv, &file_stream, &error)))
    return fail (error);

  switch (format)
    {
    case FORMAT_PDF:
      /* The report is read by people: numbers as their language writes them. */
      setlocale (LC_NUMERIC, "");
      ok = rubric_ratings_write_pdf (ratings, out, NULL, &error);
      setlocale (LC_NUMERIC, "C");
      break;
    case FORMAT_XML:
      text = rubric_ratings_to_xml (ratings);
      ok = g_output_stream_write_all (out, text, strlen (text), NULL, NULL, &error);
      break;
    case FORMAT_CSV:
    default:
      text = rubric_ratings_to_csv (ratings, detail);
      ok = g_output_stream_write_all (out, text, strlen (text), NULL, NULL, &error);
      break;
    }

  if (!close_output (g_steal_pointer (&out), g_steal_pointer (&file_stream), ok, &error))
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
