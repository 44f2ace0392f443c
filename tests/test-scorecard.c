/* test-scorecard.c — scorecards: parsing, languages, canonical XML, the versioned store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "rubric-clock.h"
#include "rubric-db.h"
#include "rubric-error.h"
#include "rubric-scorecard-store.h"
#include "rubric-scorecard.h"
#include "rubric-test-util.h"
#include "rubric-xml.h"

static RubricScorecard *
parse_string (const char *label,
              const char *xml)
{
  g_autoptr(GError) error = NULL;
  RubricScorecard *card = rubric_scorecard_new_from_xml (label, xml, strlen (xml), &error);

  g_assert_no_error (error);
  g_assert_nonnull (card);
  return card;
}

static RubricScorecard *
parse_data_file (const char *name)
{
  g_autofree char *path = g_build_filename (TEST_DATA_DIR, name, NULL);
  g_autoptr(GError) error = NULL;
  RubricScorecard *card = rubric_scorecard_new_from_file (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (card);
  return card;
}

static RubricScorecard *
parse_default_card (void)
{
  g_autoptr(GBytes) bytes = rubric_core_resource ("scorecards/contact-centre-qa.xml");
  g_autoptr(GError) error = NULL;
  RubricScorecard *card;
  const char *data;
  gsize length;

  g_assert_nonnull (bytes);
  data = g_bytes_get_data (bytes, &length);
  card = rubric_scorecard_new_from_xml ("contact-centre-qa.xml", data, length, &error);
  g_assert_no_error (error);
  g_assert_nonnull (card);
  return card;
}

/* The text in exactly @lang ("" for the untagged one), or NULL. */
static const char *
text_in (GPtrArray  *texts,
         const char *lang)
{
  for (guint i = 0; i < texts->len; i++)
    {
      RubricText *text = g_ptr_array_index (texts, i);

      if (g_str_equal (text->lang, lang))
        return text->text;
    }

  return NULL;
}

static void
assert_has_languages (GPtrArray  *texts,
                      const char *what)
{
  static const char * const languages[] = { "", "fr", "lv" };

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      const char *text = text_in (texts, languages[i]);

      if (text == NULL || *text == '\0')
        g_error ("%s has no text in language “%s”", what, languages[i]);
    }
}

static gboolean
category_used (RubricScorecard *card,
               const char      *key)
{
  for (guint i = 0; i < card->category_keys->len; i++)
    if (g_str_equal (g_ptr_array_index (card->category_keys, i), key))
      return TRUE;

  return FALSE;
}

static void
assert_texts_equal (GPtrArray *a,
                    GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      RubricText *ta = g_ptr_array_index (a, i);
      RubricText *tb = g_ptr_array_index (b, i);

      g_assert_cmpstr (ta->lang, ==, tb->lang);
      g_assert_cmpstr (ta->text, ==, tb->text);
    }
}

/* Same content, field by field; doubles compared exactly. */
static void
assert_same_criteria (RubricScorecard *a,
                      RubricScorecard *b)
{
  g_assert_cmpstr (a->key, ==, b->key);
  assert_texts_equal (a->titles, b->titles);
  assert_texts_equal (a->descriptions, b->descriptions);
  g_assert_cmpuint (a->sections->len, ==, b->sections->len);
  g_assert_cmpuint (a->categories->len, ==, b->categories->len);
  g_assert_cmpuint (a->category_keys->len, ==, b->category_keys->len);
  for (guint i = 0; i < a->category_keys->len; i++)
    g_assert_cmpstr (g_ptr_array_index (a->category_keys, i), ==,
                     g_ptr_array_index (b->category_keys, i));

  g_assert_cmpuint (a->criteria->len, ==, b->criteria->len);
  for (guint i = 0; i < a->criteria->len; i++)
    {
      RubricCriterion *ca = g_ptr_array_index (a->criteria, i);
      RubricCriterion *cb = g_ptr_array_index (b->criteria, i);

      g_assert_cmpstr (ca->key, ==, cb->key);
      g_assert_cmpstr (ca->category, ==, cb->category);
      g_assert_cmpstr (ca->section, ==, cb->section);
      g_assert_cmpfloat (ca->weight, ==, cb->weight);
      g_assert_cmpint (ca->type, ==, cb->type);
      if (ca->type == RUBRIC_ANSWER_SCALE)
        {
          g_assert_cmpint (ca->min, ==, cb->min);
          g_assert_cmpint (ca->max, ==, cb->max);
        }
      g_assert_cmpint (ca->na, ==, cb->na);
      g_assert_cmpint (ca->critical, ==, cb->critical);
      assert_texts_equal (ca->texts, cb->texts);
      assert_texts_equal (ca->guidance, cb->guidance);

      g_assert_cmpuint (ca->options->len, ==, cb->options->len);
      for (guint j = 0; j < ca->options->len; j++)
        {
          RubricOption *oa = g_ptr_array_index (ca->options, j);
          RubricOption *ob = g_ptr_array_index (cb->options, j);

          g_assert_cmpstr (oa->key, ==, ob->key);
          g_assert_cmpfloat (oa->credit, ==, ob->credit);
          assert_texts_equal (oa->labels, ob->labels);
        }
    }
}

static void
test_spec_example (void)
{
  g_autoptr(RubricScorecard) card = parse_data_file ("scorecard-spec.xml");
  RubricCriterion *resolved;
  RubricCriterion *courtesy;
  RubricCriterion *verify;
  RubricSection *section;
  static const double credits[] = { 1.0, 0.5, 0.0 };
  static const char * const options[] = { "full", "partial", "none" };
  static const char * const labels[] = { "Fully", "Partly", "Not at all" };

  g_assert_cmpstr (card->key, ==, "slo-standard");
  /* Informative only, but read. */
  g_assert_cmpint (card->version, ==, 1);
  g_assert_cmpint (card->id, ==, 0);
  g_assert_cmpuint (card->titles->len, ==, 2);
  g_assert_cmpstr (text_in (card->titles, ""), ==, "Service level objectives");
  g_assert_cmpstr (text_in (card->titles, "fr"), ==, "Objectifs de niveau de service");
  g_assert_cmpuint (card->descriptions->len, ==, 0);
  g_assert_cmpuint (card->categories->len, ==, 0);

  g_assert_cmpuint (card->sections->len, ==, 1);
  section = g_ptr_array_index (card->sections, 0);
  g_assert_cmpstr (section->key, ==, "resolution");
  g_assert_cmpstr (text_in (section->titles, ""), ==, "Resolution");
  g_assert_cmpuint (section->criteria->len, ==, 3);

  g_assert_cmpuint (card->criteria->len, ==, 3);
  g_assert_cmpuint (g_hash_table_size (card->by_key), ==, 3);
  g_assert_cmpuint (card->category_keys->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (card->category_keys, 0), ==, "resolution");
  g_assert_cmpstr (g_ptr_array_index (card->category_keys, 1), ==, "ownership");
  g_assert_cmpstr (g_ptr_array_index (card->category_keys, 2), ==, "policy");

  resolved = rubric_scorecard_lookup_criterion (card, "resolved");
  g_assert_nonnull (resolved);
  g_assert_true (resolved == g_ptr_array_index (card->criteria, 0));
  g_assert_true (resolved == g_ptr_array_index (section->criteria, 0));
  g_assert_cmpstr (resolved->category, ==, "resolution");
  g_assert_cmpstr (resolved->section, ==, "resolution");
  g_assert_cmpfloat (resolved->weight, ==, 3.0);
  g_assert_cmpint (resolved->type, ==, RUBRIC_ANSWER_YES_NO);
  g_assert_false (resolved->na);
  g_assert_false (resolved->critical);
  g_assert_cmpuint (resolved->texts->len, ==, 1);
  g_assert_cmpstr (text_in (resolved->texts, ""), ==,
                   "Was the customer's issue resolved on this call?");
  g_assert_cmpstr (rubric_texts_lookup_for (resolved->guidance, NULL), ==,
                   "Resolved means no further contact is needed for this issue.");
  g_assert_cmpuint (resolved->options->len, ==, 0);

  courtesy = rubric_scorecard_lookup_criterion (card, "courtesy");
  g_assert_nonnull (courtesy);
  g_assert_cmpstr (courtesy->category, ==, "ownership");
  g_assert_cmpfloat (courtesy->weight, ==, 1.0);
  g_assert_cmpint (courtesy->type, ==, RUBRIC_ANSWER_SCALE);
  g_assert_cmpint (courtesy->min, ==, 1);
  g_assert_cmpint (courtesy->max, ==, 5);
  g_assert_true (courtesy->na);
  g_assert_false (courtesy->critical);
  g_assert_cmpuint (courtesy->guidance->len, ==, 0);

  verify = rubric_scorecard_lookup_criterion (card, "verify-id");
  g_assert_nonnull (verify);
  g_assert_cmpstr (verify->category, ==, "policy");
  g_assert_cmpfloat (verify->weight, ==, 2.0);
  g_assert_cmpint (verify->type, ==, RUBRIC_ANSWER_CHOICE);
  g_assert_false (verify->na);
  g_assert_true (verify->critical);
  g_assert_cmpuint (verify->options->len, ==, 3);
  for (guint i = 0; i < verify->options->len; i++)
    {
      RubricOption *option = g_ptr_array_index (verify->options, i);

      g_assert_cmpstr (option->key, ==, options[i]);
      g_assert_cmpfloat (option->credit, ==, credits[i]);
      g_assert_cmpstr (rubric_texts_lookup_for (option->labels, NULL), ==, labels[i]);
    }

  g_assert_null (rubric_scorecard_lookup_criterion (card, "nothing"));
  g_assert_cmpstr (rubric_answer_type_to_string (verify->type), ==, "choice");
}

static void
test_default_scorecard (void)
{
  g_autoptr(RubricScorecard) card = parse_default_card ();
  static const char * const standard[] = { "resolution", "ownership", "policy", "documentation" };

  g_assert_cmpstr (card->key, ==, "contact-centre-qa");
  g_assert_cmpuint (card->criteria->len, >, 0);
  assert_has_languages (card->titles, "the title");
  assert_has_languages (card->descriptions, "the description");

  for (guint i = 0; i < card->criteria->len; i++)
    {
      RubricCriterion *criterion = g_ptr_array_index (card->criteria, i);
      g_autofree char *what = g_strdup_printf ("criterion “%s”", criterion->key);

      assert_has_languages (criterion->texts, what);
      g_assert_cmpfloat (criterion->weight, >, 0);
      g_assert_true (rubric_scorecard_lookup_criterion (card, criterion->key) == criterion);
      if (criterion->guidance->len > 0)
        assert_has_languages (criterion->guidance, what);

      for (guint j = 0; j < criterion->options->len; j++)
        {
          RubricOption *option = g_ptr_array_index (criterion->options, j);
          g_autofree char *option_what = g_strdup_printf ("option “%s” of %s",
                                                          option->key, what);

          assert_has_languages (option->labels, option_what);
        }
    }

  for (guint i = 0; i < card->sections->len; i++)
    {
      RubricSection *section = g_ptr_array_index (card->sections, i);
      g_autofree char *what = g_strdup_printf ("section “%s”", section->key);

      assert_has_languages (section->titles, what);
    }

  for (guint i = 0; i < G_N_ELEMENTS (standard); i++)
    {
      g_assert_true (rubric_is_standard_category (standard[i]));
      if (!category_used (card, standard[i]))
        g_error ("the default scorecard has no criterion in category “%s”", standard[i]);
    }

  for (guint i = 0; i < card->category_keys->len; i++)
    g_assert_true (rubric_is_standard_category (g_ptr_array_index (card->category_keys, i)));

  g_assert_false (rubric_is_standard_category ("empathy"));
  g_assert_false (rubric_is_standard_category (NULL));
}

static void
test_texts_lookup (void)
{
  g_autoptr(RubricScorecard) card = parse_default_card ();
  RubricCriterion *criterion = g_ptr_array_index (card->criteria, 0);
  const char *untagged = text_in (criterion->texts, "");
  const char *fr = text_in (criterion->texts, "fr");
  const char *lv = text_in (criterion->texts, "lv");
  const char * const want_fr[] = { "fr", NULL };
  const char * const want_lv[] = { "lv", NULL };
  const char * const want_de[] = { "de", NULL };
  const char * const want_c[] = { "C", NULL };
  const char * const lv_then_fr[] = { "lv", "fr", NULL };
  const char * const locale_fr[] = { "fr_FR.UTF-8", "fr_FR", "fr.UTF-8", "fr", "C", NULL };
  const char * const locale_de[] = { "de_DE.UTF-8", "de_DE", "de", "C", NULL };
  /* C ends the list: what comes after it is never preferred. */
  const char * const c_then_fr[] = { "C", "fr", NULL };

  g_assert_nonnull (untagged);
  g_assert_nonnull (fr);
  g_assert_nonnull (lv);
  g_assert_cmpstr (untagged, !=, fr);
  g_assert_cmpstr (untagged, !=, lv);

  g_assert_cmpstr (rubric_texts_lookup_for (criterion->texts, want_fr), ==, fr);
  g_assert_cmpstr (rubric_texts_lookup_for (criterion->texts, want_lv), ==, lv);
  g_assert_cmpstr (rubric_texts_lookup_for (criterion->texts, want_de), ==, untagged);
  g_assert_cmpstr (rubric_texts_lookup_for (criterion->texts, NULL), ==, untagged);
  g_assert_cmpstr (rubric_texts_lookup_for (criterion->texts, want_c), ==, untagged);
  g_assert_cmpstr (rubric_texts_lookup_for (criterion->texts, lv_then_fr), ==, lv);
  g_assert_cmpstr (rubric_texts_lookup_for (criterion->texts, locale_fr), ==, fr);
  g_assert_cmpstr (rubric_texts_lookup_for (criterion->texts, locale_de), ==, untagged);
  g_assert_cmpstr (rubric_texts_lookup_for (criterion->texts, c_then_fr), ==, untagged);

  g_assert_cmpstr (rubric_texts_lookup_for (card->titles, want_lv), ==,
                   "Pakalpojuma līmeņa mērķi — standarta vērtēšanas veidlapa");
  g_assert_null (rubric_texts_lookup_for (NULL, want_fr));
}

static void
test_texts_lookup_order (void)
{
  /* The untagged text is the fallback even when it is not the first one;
   * without one, the first text is. Region tags match the locale's form. */
  static const char xml[] =
    "<scorecard xmlns='urn:rubric:scorecard:1' key='order'>"
    " <title xml:lang='fr'>Titre</title>"
    " <title>Title</title>"
    " <title xml:lang='pt-BR'>Título</title>"
    " <section key='policy'>"
    "  <criterion key='c' type='yes-no'>"
    "   <text xml:lang='lv'>Teksts</text>"
    "   <text xml:lang='fr'>Texte</text>"
    "  </criterion>"
    " </section>"
    "</scorecard>";
  g_autoptr(RubricScorecard) card = parse_string ("order.xml", xml);
  RubricCriterion *c = rubric_scorecard_lookup_criterion (card, "c");
  const char * const want_de[] = { "de", NULL };
  const char * const want_fr[] = { "fr", NULL };
  const char * const want_br[] = { "pt_BR.UTF-8", "pt_BR", "pt", "C", NULL };

  g_assert_cmpstr (rubric_texts_lookup_for (card->titles, want_de), ==, "Title");
  g_assert_cmpstr (rubric_texts_lookup_for (card->titles, NULL), ==, "Title");
  g_assert_cmpstr (rubric_texts_lookup_for (card->titles, want_fr), ==, "Titre");
  g_assert_cmpstr (rubric_texts_lookup_for (card->titles, want_br), ==, "Título");
  g_assert_cmpstr (rubric_texts_lookup_for (c->texts, want_de), ==, "Teksts");
  g_assert_cmpstr (rubric_texts_lookup_for (c->texts, want_fr), ==, "Texte");
}

/* parse → to_xml → parse → to_xml: the same bytes and the same content. */
static void
assert_round_trip (RubricScorecard *card)
{
  g_autofree char *first = rubric_scorecard_to_xml (card, TRUE);
  g_autofree char *second = NULL;
  g_autofree char *unversioned = NULL;
  g_autofree char *unversioned_again = NULL;
  g_autoptr(RubricScorecard) again = parse_string ("round-trip.xml", first);

  second = rubric_scorecard_to_xml (again, TRUE);
  g_assert_cmpstr (first, ==, second);
  g_assert_cmpint (again->version, ==, card->version);
  assert_same_criteria (card, again);

  unversioned = rubric_scorecard_to_xml (card, FALSE);
  unversioned_again = rubric_scorecard_to_xml (again, FALSE);
  g_assert_cmpstr (unversioned, ==, unversioned_again);
  /* Only the XML declaration says version. */
  g_assert_null (strstr (unversioned, "\" version="));
}

static void
test_round_trip (void)
{
  g_autoptr(RubricScorecard) spec = parse_data_file ("scorecard-spec.xml");
  g_autoptr(RubricScorecard) test_card = parse_data_file ("scorecard-test.xml");
  g_autoptr(RubricScorecard) shipped = parse_default_card ();
  g_autofree char *xml = rubric_scorecard_to_xml (spec, TRUE);

  assert_round_trip (spec);
  assert_round_trip (test_card);
  assert_round_trip (shipped);

  /* The canonical form spells out the defaults and keeps the version. */
  g_assert_true (g_str_has_prefix (xml, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"));
  g_assert_nonnull (strstr (xml, "<scorecard xmlns=\"urn:rubric:scorecard:1\" "
                                 "key=\"slo-standard\" version=\"1\">"));
  g_assert_nonnull (strstr (xml, "<criterion key=\"courtesy\" category=\"ownership\" weight=\"1\" "
                                 "type=\"scale\" min=\"1\" max=\"5\" na=\"true\" "
                                 "critical=\"false\">"));
  g_assert_nonnull (strstr (xml, "<option key=\"partial\" credit=\"0.5\">"));
  g_assert_nonnull (strstr (xml, "<title xml:lang=\"fr\">Objectifs de niveau de service</title>"));
}

/* xsd:decimal has no exponent, no sign and no "inf": neither may the
 * weights and credits we write. */
static void
assert_plain_decimals (const char *xml)
{
  g_autoptr(GRegex) attribute = g_regex_new ("(weight|credit)=\"([^\"]*)\"", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  guint count = 0;

  g_regex_match (attribute, xml, 0, &match);
  for (; g_match_info_matches (match); g_match_info_next (match, NULL))
    {
      g_autofree char *value = g_match_info_fetch (match, 2);

      if (!g_regex_match_simple ("^[0-9]+(\\.[0-9]+)?$", value, 0, 0))
        g_error ("“%s” is not a plain decimal", value);
      count++;
    }

  g_assert_cmpuint (count, >, 0);
}

static void
test_decimal_weights (void)
{
  static const char xml[] =
    "<scorecard xmlns='urn:rubric:scorecard:1' key='decimals'>"
    " <title>Decimals</title>"
    " <section key='policy'>"
    "  <criterion key='tenth' weight='0.1' type='yes-no'><text>A</text></criterion>"
    "  <criterion key='quarter' weight='1.25' type='yes-no'><text>B</text></criterion>"
    "  <criterion key='million' weight='1000000' type='yes-no'><text>C</text></criterion>"
    "  <criterion key='padded' weight='002.500' type='yes-no'><text>D</text></criterion>"
    "  <criterion key='small' weight='0.0001' type='yes-no'><text>E</text></criterion>"
    "  <criterion key='long' weight='123456.789' type='yes-no'><text>F</text></criterion>"
    "  <criterion key='pick' type='choice'><text>G</text>"
    "   <option key='a' credit='0.1'><label>A</label></option>"
    "   <option key='b' credit='0.35'><label>B</label></option>"
    "   <option key='c' credit='1.0'><label>C</label></option>"
    "  </criterion>"
    " </section>"
    "</scorecard>";
  static const struct
  {
    const char *key;
    double      weight;
    const char *attribute;
  } expected[] = {
    { "tenth", 0.1, "weight=\"0.1\"" },
    { "quarter", 1.25, "weight=\"1.25\"" },
    { "million", 1000000, "weight=\"1000000\"" },
    { "padded", 2.5, "weight=\"2.5\"" },
    { "small", 0.0001, "weight=\"0.0001\"" },
    { "long", 123456.789, "weight=\"123456.789\"" },
    { "pick", 1.0, "weight=\"1\"" },
  };
  g_autoptr(RubricScorecard) card = parse_string ("decimals.xml", xml);
  g_autofree char *out = rubric_scorecard_to_xml (card, TRUE);
  g_autoptr(RubricScorecard) again = parse_string ("decimals-out.xml", out);
  RubricCriterion *pick;

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      RubricCriterion *criterion = rubric_scorecard_lookup_criterion (card, expected[i].key);
      RubricCriterion *reread = rubric_scorecard_lookup_criterion (again, expected[i].key);

      g_assert_cmpfloat (criterion->weight, ==, expected[i].weight);
      g_assert_cmpfloat (reread->weight, ==, expected[i].weight);
      if (strstr (out, expected[i].attribute) == NULL)
        g_error ("%s is not in\n%s", expected[i].attribute, out);
    }

  assert_plain_decimals (out);

  pick = rubric_scorecard_lookup_criterion (again, "pick");
  g_assert_cmpfloat (((RubricOption *) g_ptr_array_index (pick->options, 0))->credit, ==, 0.1);
  g_assert_cmpfloat (((RubricOption *) g_ptr_array_index (pick->options, 1))->credit, ==, 0.35);
  g_assert_cmpfloat (((RubricOption *) g_ptr_array_index (pick->options, 2))->credit, ==, 1.0);
  g_assert_nonnull (strstr (out, "credit=\"0.1\""));
  g_assert_nonnull (strstr (out, "credit=\"0.35\""));
  g_assert_nonnull (strstr (out, "<option key=\"c\" credit=\"1\">"));

  {
    g_autofree char *second = rubric_scorecard_to_xml (again, TRUE);
    g_assert_cmpstr (out, ==, second);
  }
}

/* Weights and credits the schema accepts but that need more than twelve
 * decimals: the canonical form must still read back as the same number (and
 * a weight as one above 0), or the stored definition changes meaning or no
 * longer loads. */
static void
test_decimal_weights_precise (void)
{
  static const struct
  {
    const char *attribute;
    double      value;
  } cases[] = {
    { "weight='0.1234567890123'", 0.1234567890123 },
    { "weight='0.00000000000001'", 0.00000000000001 },
    { "weight='999999.9999999999'", 999999.9999999999 },
    { "weight='1' credit='0.3333333333333333'", 0.3333333333333333 },
  };
  g_autoptr(GString) problems = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gboolean is_credit = strstr (cases[i].attribute, "credit") != NULL;
      g_autofree char *xml = NULL;
      g_autofree char *out = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(RubricScorecard) card = NULL;
      g_autoptr(RubricScorecard) again = NULL;
      RubricCriterion *criterion;
      double value;

      if (is_credit)
        xml = g_strdup_printf ("<scorecard xmlns='urn:rubric:scorecard:1' key='p'><title>P</title>"
                               "<section key='policy'><criterion key='c' type='choice'>"
                               "<text>C</text><option key='o' %s><label>O</label></option>"
                               "</criterion></section></scorecard>",
                               cases[i].attribute + strlen ("weight='1' "));
      else
        xml = g_strdup_printf ("<scorecard xmlns='urn:rubric:scorecard:1' key='p'><title>P</title>"
                               "<section key='policy'><criterion key='c' type='yes-no' %s>"
                               "<text>C</text></criterion></section></scorecard>",
                               cases[i].attribute);

      card = parse_string ("precise.xml", xml);
      out = rubric_scorecard_to_xml (card, TRUE);
      again = rubric_scorecard_new_from_xml ("precise-out.xml", out, strlen (out), &error);
      if (again == NULL)
        {
          g_string_append_printf (problems, "%s: the canonical XML does not parse: %s; ",
                                  cases[i].attribute, error->message);
          continue;
        }

      criterion = rubric_scorecard_lookup_criterion (again, "c");
      value = is_credit ? ((RubricOption *) g_ptr_array_index (criterion->options, 0))->credit
                        : criterion->weight;
      if (value != cases[i].value)
        g_string_append_printf (problems, "%s reads back as %.17g; ", cases[i].attribute, value);
      else
        assert_plain_decimals (out);
    }

  if (problems->len > 0)
    g_test_fail_printf ("%s", problems->str);
}

static void
test_store_versions (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autofree char *spec_path = g_build_filename (TEST_DATA_DIR, "scorecard-spec.xml", NULL);
  g_autofree char *spec_xml = NULL;
  g_autofree char *heavier_xml = NULL;
  g_autofree char *french_xml = NULL;
  g_autofree char *original_canonical = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricDb) db = test_open_db (dir, "rubric.db");
  g_autoptr(RubricScorecard) first = NULL;
  g_autoptr(RubricScorecard) same = NULL;
  g_autoptr(RubricScorecard) heavier = NULL;
  g_autoptr(RubricScorecard) french = NULL;
  g_autoptr(RubricScorecard) latest = NULL;
  g_autoptr(RubricScorecard) old = NULL;
  g_autoptr(RubricScorecard) middle = NULL;
  RubricScorecardImport result;
  gint64 first_id;

  g_file_get_contents (spec_path, &spec_xml, NULL, &error);
  g_assert_no_error (error);

  first = parse_string (spec_path, spec_xml);
  original_canonical = rubric_scorecard_to_xml (first, FALSE);
  result = -1;
  g_assert_true (rubric_scorecard_store_save (db, first, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, RUBRIC_SCORECARD_ADDED);
  g_assert_cmpint (first->version, ==, 1);
  g_assert_cmpint (first->id, >, 0);
  first_id = first->id;

  /* The identical scorecard again: recognised, not duplicated. */
  same = parse_string (spec_path, spec_xml);
  result = -1;
  g_assert_true (rubric_scorecard_store_save (db, same, &result, &error));
  g_assert_cmpint (result, ==, RUBRIC_SCORECARD_UNCHANGED);
  g_assert_cmpint (same->id, ==, first_id);
  g_assert_cmpint (same->version, ==, 1);

  /* A different weight makes version 2. */
  heavier_xml = test_replace (spec_xml, "weight=\"3\"", "weight=\"3.5\"");
  heavier = parse_string ("heavier.xml", heavier_xml);
  result = -1;
  g_assert_true (rubric_scorecard_store_save (db, heavier, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, RUBRIC_SCORECARD_NEW_VERSION);
  g_assert_cmpint (heavier->version, ==, 2);
  g_assert_cmpint (heavier->id, !=, first_id);

  /* So does a translation added to version 1. */
  french_xml = test_replace (spec_xml, "<text>Courtesy</text>",
                        "<text>Courtesy</text><text xml:lang=\"fr\">Courtoisie</text>");
  french = parse_string ("french.xml", french_xml);
  result = -1;
  g_assert_true (rubric_scorecard_store_save (db, french, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, RUBRIC_SCORECARD_NEW_VERSION);
  g_assert_cmpint (french->version, ==, 3);

  /* An older version is still recognised as itself. */
  g_clear_pointer (&same, rubric_scorecard_unref);
  same = parse_string (spec_path, spec_xml);
  g_assert_true (rubric_scorecard_store_save (db, same, &result, &error));
  g_assert_cmpint (result, ==, RUBRIC_SCORECARD_UNCHANGED);
  g_assert_cmpint (same->version, ==, 1);
  g_assert_cmpint (same->id, ==, first_id);

  /* Version 0 is the latest; the older ones keep their content. */
  latest = rubric_scorecard_store_load (db, "slo-standard", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (latest->version, ==, 3);
  g_assert_cmpint (latest->id, ==, french->id);
  g_assert_cmpstr (text_in (rubric_scorecard_lookup_criterion (latest, "courtesy")->texts, "fr"),
                   ==, "Courtoisie");
  assert_same_criteria (latest, french);

  old = rubric_scorecard_store_load (db, "slo-standard", 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (old->version, ==, 1);
  g_assert_cmpint (old->id, ==, first_id);
  g_assert_cmpfloat (rubric_scorecard_lookup_criterion (old, "resolved")->weight, ==, 3.0);
  g_assert_null (text_in (rubric_scorecard_lookup_criterion (old, "courtesy")->texts, "fr"));
  assert_same_criteria (old, first);
  {
    g_autofree char *stored = rubric_scorecard_to_xml (old, FALSE);
    g_assert_cmpstr (stored, ==, original_canonical);
  }

  middle = rubric_scorecard_store_load (db, "slo-standard", 2, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (rubric_scorecard_lookup_criterion (middle, "resolved")->weight, ==, 3.5);

  {
    g_autoptr(RubricScorecard) by_id = rubric_scorecard_store_load_id (db, heavier->id, &error);
    g_assert_no_error (error);
    g_assert_cmpint (by_id->version, ==, 2);
    g_assert_cmpstr (by_id->key, ==, "slo-standard");
  }

  g_assert_null (rubric_scorecard_store_load (db, "no-such-card", 0, &error));
  g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "no-such-card"));
  g_clear_error (&error);

  g_assert_null (rubric_scorecard_store_load (db, "slo-standard", 9, &error));
  g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_null (rubric_scorecard_store_load_id (db, 4242, &error));
  g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_clear_pointer (&db, rubric_db_close);
  test_rmdir (dir);
}

static void
test_store_version_attribute_is_informative (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autofree char *path = g_build_filename (TEST_DATA_DIR, "scorecard-test.xml", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricDb) db = test_open_db (dir, "rubric.db");
  g_autoptr(RubricScorecard) parsed = parse_data_file ("scorecard-test.xml");
  g_autoptr(RubricScorecard) imported = NULL;
  g_autoptr(RubricScorecard) loaded = NULL;
  RubricScorecardImport result = -1;

  /* The file says version 7. */
  g_assert_cmpint (parsed->version, ==, 7);

  g_assert_true (rubric_scorecard_store_import (db, path, &imported, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, RUBRIC_SCORECARD_ADDED);
  g_assert_cmpint (imported->version, ==, 1);

  loaded = rubric_scorecard_store_load (db, "test-card", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (loaded->version, ==, 1);
  assert_same_criteria (loaded, parsed);

  /* Evaluations made elsewhere may name the version their file declared:
   * with no database version 7, that finds the version stored from it. */
  g_clear_pointer (&loaded, rubric_scorecard_unref);
  loaded = rubric_scorecard_store_load (db, "test-card", 7, &error);
  g_assert_no_error (error);
  g_assert_cmpint (loaded->version, ==, 1);

  g_assert_null (rubric_scorecard_store_load (db, "test-card", 6, &error));
  g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Saving the parsed one (still saying 7) is recognised as version 1. */
  result = -1;
  g_assert_true (rubric_scorecard_store_save (db, parsed, &result, &error));
  g_assert_cmpint (result, ==, RUBRIC_SCORECARD_UNCHANGED);
  g_assert_cmpint (parsed->version, ==, 1);

  g_clear_pointer (&db, rubric_db_close);
  test_rmdir (dir);
}

static void
test_store_inside_transaction (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricDb) db = test_open_db (dir, "rubric.db");
  g_autoptr(RubricScorecard) card = parse_data_file ("scorecard-spec.xml");
  g_autoptr(GPtrArray) list = NULL;

  /* The caller's transaction decides. */
  g_assert_true (rubric_db_begin (db, &error));
  g_assert_true (rubric_scorecard_store_save (db, card, NULL, &error));
  g_assert_no_error (error);
  rubric_db_rollback (db);

  list = rubric_scorecard_store_list (db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 0);
  g_assert_null (rubric_scorecard_store_load (db, "slo-standard", 0, &error));
  g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_NOT_FOUND);

  g_clear_pointer (&db, rubric_db_close);
  test_rmdir (dir);
}

/* Stored versions are parsed once and shared; a row id that a rolled-back
 * import used and a later import reuses must not bring back the old one. */
static void
test_store_cache (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricDb) db = test_open_db (dir, "rubric.db");
  g_autoptr(RubricScorecard) first = parse_data_file ("scorecard-spec.xml");
  g_autoptr(RubricScorecard) changed = NULL;
  g_autoptr(RubricScorecard) a = NULL;
  g_autoptr(RubricScorecard) b = NULL;
  g_autoptr(RubricScorecard) c = NULL;
  g_autofree char *xml = rubric_scorecard_to_xml (first, FALSE);
  g_autoptr(GString) other = g_string_new (xml);
  gint64 gone_id;

  g_assert_true (rubric_db_begin (db, &error));
  g_assert_true (rubric_scorecard_store_save (db, first, NULL, &error));
  gone_id = first->id;
  a = rubric_scorecard_store_load (db, "slo-standard", 1, &error);
  g_assert_no_error (error);
  b = rubric_scorecard_store_load (db, "slo-standard", 1, &error);
  g_assert_true (a == b);
  rubric_db_rollback (db);

  g_assert_cmpuint (g_string_replace (other, "weight=\"3\"", "weight=\"4\"", 1), ==, 1);
  changed = rubric_scorecard_new_from_xml ("changed", other->str, other->len, &error);
  g_assert_no_error (error);
  g_assert_true (rubric_scorecard_store_add (db, changed, NULL, &error));
  /* SQLite hands the rolled-back id out again (the case this test is
   * about); a PostgreSQL sequence never goes back, so the id is new there
   * and the cache must simply not confuse the two. */
  if (rubric_db_is_postgres (db))
    g_assert_cmpint (changed->id, !=, gone_id);
  else
    g_assert_cmpint (changed->id, ==, gone_id);
  g_assert_cmpint (changed->version, ==, 1);

  c = rubric_scorecard_store_load (db, "slo-standard", 1, &error);
  g_assert_no_error (error);
  g_assert_true (c != a);
  g_assert_cmpfloat (rubric_scorecard_lookup_criterion (c, "resolved")->weight, ==, 4.0);
  /* The shared copy outlives the connection that made it. */
  g_clear_pointer (&db, rubric_db_close);
  g_assert_cmpfloat (rubric_scorecard_lookup_criterion (a, "resolved")->weight, ==, 3.0);

  test_rmdir (dir);
}

static void
test_store_list (void)
{
  g_autofree char *dir = test_tmpdir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricDb) db = test_open_db (dir, "rubric.db");
  g_autoptr(RubricScorecard) spec = parse_data_file ("scorecard-spec.xml");
  g_autoptr(RubricScorecard) test_card = parse_data_file ("scorecard-test.xml");
  g_autoptr(RubricScorecard) shipped = parse_default_card ();
  g_autoptr(GPtrArray) list = NULL;
  gint64 now = 1796634000;
  static const struct
  {
    const char *key;
    int         version;
    const char *title;
  } expected[] = {
    { "contact-centre-qa", 1, "Service level objectives — standard evaluation" },
    { "slo-standard", 1, "Service level objectives" },
    { "slo-standard", 2, "Service level objectives" },
    { "test-card", 1, "Test card" },
  };

  rubric_clock_pin (now);
  list = rubric_scorecard_store_list (db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* Saved out of key order; listed by key, then version. */
  g_assert_true (rubric_scorecard_store_save (db, test_card, NULL, &error));
  g_assert_true (rubric_scorecard_store_save (db, spec, NULL, &error));
  rubric_scorecard_lookup_criterion (spec, "courtesy")->weight = 2;
  g_assert_true (rubric_scorecard_store_save (db, spec, NULL, &error));
  g_assert_true (rubric_scorecard_store_save (db, shipped, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (spec->version, ==, 2);

  list = rubric_scorecard_store_list (db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < list->len; i++)
    {
      RubricScorecardInfo *info = g_ptr_array_index (list, i);

      g_assert_cmpstr (info->key, ==, expected[i].key);
      g_assert_cmpint (info->version, ==, expected[i].version);
      g_assert_cmpstr (info->title, ==, expected[i].title);
      g_assert_cmpint (info->id, >, 0);
      g_assert_cmpint (info->evaluations, ==, 0);
      g_assert_cmpint (info->created_at, ==, now);
    }
  g_assert_cmpint (((RubricScorecardInfo *) g_ptr_array_index (list, 2))->id, ==, spec->id);

  rubric_clock_unpin ();
  g_clear_pointer (&db, rubric_db_close);
  test_rmdir (dir);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static void
test_bad_scorecards (void)
{
  g_autofree char *folder = g_build_filename (TEST_DATA_DIR, "bad-scorecards", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (folder, 0, &error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) problems = g_string_new (NULL);
  const char *name;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)))
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_assert_cmpuint (names->len, >, 0);

  for (guint i = 0; i < names->len; i++)
    {
      const char *file = g_ptr_array_index (names, i);
      g_autofree char *path = g_build_filename (folder, file, NULL);
      g_autofree char *data = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autoptr(RubricScorecard) card = NULL;
      gsize length;

      g_file_get_contents (path, &data, &length, &local_error);
      g_assert_no_error (local_error);

      card = rubric_scorecard_new_from_xml (path, data, length, &local_error);
      if (card != NULL)
        g_string_append_printf (problems, "%s: accepted\n", file);
      else if (!g_error_matches (local_error, RUBRIC_ERROR, RUBRIC_ERROR_INPUT))
        g_string_append_printf (problems, "%s: wrong error %s/%d: %s\n", file,
                                local_error ? g_quark_to_string (local_error->domain) : "none",
                                local_error ? local_error->code : -1,
                                local_error ? local_error->message : "");
      else if (!g_str_has_prefix (local_error->message, path))
        g_string_append_printf (problems, "%s: the message does not start with the path: %s\n",
                                file, local_error->message);
      else
        g_test_message ("%s", local_error->message);
    }

  g_assert_cmpstr (problems->str, ==, "");
}

/* STYLE.md: bad input gets an error that names the file and the line. Only
 * a file with no content at all has no line to name. */
static void
test_bad_scorecards_name_line (void)
{
  g_autofree char *folder = g_build_filename (TEST_DATA_DIR, "bad-scorecards", NULL);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  g_autoptr(GString) missing = g_string_new (NULL);
  const char *name;

  while ((name = g_dir_read_name (dir)))
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_autofree char *prefix = g_strconcat (path, ":", NULL);
      g_autofree char *data = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(RubricScorecard) card = NULL;
      const char *rest;
      gsize length;

      if (g_str_equal (name, "empty.xml"))
        continue;

      g_assert_true (g_file_get_contents (path, &data, &length, NULL));
      card = rubric_scorecard_new_from_xml (path, data, length, &error);
      g_assert_null (card);
      g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_INPUT);
      rest = g_str_has_prefix (error->message, prefix) ? error->message + strlen (prefix) : "";
      if (!g_ascii_isdigit (*rest))
        g_string_append_printf (missing, "%s ", name);
    }

  g_assert_cmpstr (missing->str, ==, "");
}

static void
test_option_without_label (void)
{
  static const char xml[] =
    "<scorecard xmlns='urn:rubric:scorecard:1' key='nl'><title>N</title>"
    "<section key='policy'><criterion key='c' type='choice'>"
    "<option key='full' credit='1'/><text>T</text>"
    "<option key='none' credit='0'><label>Not at all</label></option>"
    "</criterion></section></scorecard>";
  g_autoptr(GError) error = NULL;
  g_autoptr(RubricScorecard) card = rubric_scorecard_new_from_xml ("nl", xml, strlen (xml), &error);
  RubricCriterion *criterion;

  g_assert_no_error (error);
  criterion = rubric_scorecard_lookup_criterion (card, "c");
  g_assert_cmpstr (rubric_option_get_label (g_ptr_array_index (criterion->options, 0)), ==, "full");
  g_assert_cmpstr (rubric_option_get_label (g_ptr_array_index (criterion->options, 1)), ==,
                   "Not at all");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/scorecard/spec-example", test_spec_example);
  g_test_add_func ("/scorecard/default-scorecard", test_default_scorecard);
  g_test_add_func ("/scorecard/texts-lookup", test_texts_lookup);
  g_test_add_func ("/scorecard/texts-lookup-order", test_texts_lookup_order);
  g_test_add_func ("/scorecard/round-trip", test_round_trip);
  g_test_add_func ("/scorecard/decimal-weights", test_decimal_weights);
  g_test_add_func ("/scorecard/decimal-weights-precise", test_decimal_weights_precise);
  g_test_add_func ("/scorecard/bad-files", test_bad_scorecards);
  g_test_add_func ("/scorecard/bad-files-name-line", test_bad_scorecards_name_line);
  g_test_add_func ("/scorecard-store/versions", test_store_versions);
  g_test_add_func ("/scorecard-store/version-attribute-is-informative",
                   test_store_version_attribute_is_informative);
  g_test_add_func ("/scorecard-store/inside-transaction", test_store_inside_transaction);
  g_test_add_func ("/scorecard-store/list", test_store_list);
  g_test_add_func ("/scorecard-store/cache", test_store_cache);
  g_test_add_func ("/scorecard/option-without-label", test_option_without_label);

  return g_test_run ();
}
