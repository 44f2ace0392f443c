/* fuzz-xml.c — libFuzzer target for the scorecard and evaluation readers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The first byte picks the reader; the rest is the file. Evaluations that
 * parse are validated and scored against the shipped scorecard, so the
 * whole path from bytes to a score is covered.
 */

#include "config.h"

#include "rubric-evaluation.h"
#include "rubric-scorecard.h"
#include "rubric-xml.h"

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

static RubricScorecard *
shipped_scorecard (void)
{
  static RubricScorecard *card;

  if (card == NULL)
    {
      g_autoptr(GBytes) bytes = rubric_core_resource ("scorecards/contact-centre-qa.xml");
      gsize length;
      const char *text = g_bytes_get_data (bytes, &length);

      card = rubric_scorecard_new_from_xml ("shipped", text, length, NULL);
      g_assert (card != NULL);
    }

  return card;
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  const char *text = (const char *) data + 1;
  gsize length = size > 0 ? size - 1 : 0;

  if (size == 0)
    return 0;

  if (data[0] & 1)
    {
      g_autoptr(RubricScorecard) card = rubric_scorecard_new_from_xml ("fuzz", text, length, NULL);

      if (card != NULL)
        {
          g_autofree char *xml = rubric_scorecard_to_xml (card, TRUE);
          g_autoptr(RubricScorecard) again = rubric_scorecard_new_from_xml ("again", xml,
                                                                            strlen (xml), NULL);
          g_autofree char *xml2 = NULL;

          /* What we write we must read back the same. */
          g_assert (again != NULL);
          xml2 = rubric_scorecard_to_xml (again, TRUE);
          g_assert (g_str_equal (xml, xml2));
        }
    }
  else
    {
      g_autoptr(GPtrArray) evaluations = rubric_evaluations_from_xml ("fuzz", text, length, NULL);

      for (guint i = 0; evaluations != NULL && i < evaluations->len; i++)
        {
          RubricEvaluation *evaluation = g_ptr_array_index (evaluations, i);

          if (rubric_evaluation_validate (evaluation, shipped_scorecard (), "fuzz", NULL))
            {
              g_autoptr(RubricScore) score = rubric_evaluation_score (evaluation,
                                                                     shipped_scorecard ());
              g_assert (score->auto_failed ? score->overall == 0.0
                                           : (score->overall != score->overall ||
                                              (score->overall >= 0.0 && score->overall <= 100.0)));
            }
        }

      if (evaluations != NULL)
        {
          g_autofree char *xml = rubric_evaluations_to_xml (evaluations);
          g_autoptr(GPtrArray) again = rubric_evaluations_from_xml ("again", xml, strlen (xml),
                                                                   NULL);
          g_assert (again != NULL && again->len == evaluations->len);
        }
    }

  return 0;
}
