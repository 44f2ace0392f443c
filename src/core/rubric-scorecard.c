/* rubric-scorecard.c — a scorecard: sections of criteria and how they score
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "rubric-error.h"
#include "rubric-private.h"
#include "rubric-rating-text.h"
#include "rubric-scorecard.h"
#include "rubric-xml.h"

static const char * const standard_categories[] = {
  "resolution", "ownership", "policy", "documentation", NULL
};

gboolean
rubric_is_standard_category (const char *key)
{
  return key != NULL && g_strv_contains (standard_categories, key);
}

static void
text_free (gpointer data)
{
  RubricText *text = data;

  g_free (text->lang);
  g_free (text->text);
  g_free (text);
}

static GPtrArray *
texts_new (void)
{
  return g_ptr_array_new_with_free_func (text_free);
}

static void
option_free (gpointer data)
{
  RubricOption *option = data;

  g_free (option->key);
  g_ptr_array_unref (option->labels);
  g_free (option);
}

static void
criterion_free (gpointer data)
{
  RubricCriterion *criterion = data;

  g_free (criterion->key);
  g_free (criterion->category);
  g_free (criterion->section);
  g_ptr_array_unref (criterion->texts);
  g_ptr_array_unref (criterion->guidance);
  g_ptr_array_unref (criterion->options);
  g_free (criterion);
}

static void
section_free (gpointer data)
{
  RubricSection *section = data;

  g_free (section->key);
  g_ptr_array_unref (section->titles);
  g_ptr_array_unref (section->criteria);
  g_free (section);
}

static void
category_free (gpointer data)
{
  RubricCategory *category = data;

  g_free (category->key);
  g_ptr_array_unref (category->titles);
  g_free (category);
}

RubricScorecard *
rubric_scorecard_ref (RubricScorecard *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
rubric_scorecard_unref (RubricScorecard *self)
{
  if (self == NULL || !g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_free (self->key);
  g_ptr_array_unref (self->titles);
  g_ptr_array_unref (self->descriptions);
  g_ptr_array_unref (self->categories);
  g_ptr_array_unref (self->sections);
  g_ptr_array_unref (self->criteria);
  g_ptr_array_unref (self->category_keys);
  g_hash_table_unref (self->by_key);
  g_free (self);
}

static RubricScorecard *
scorecard_new (void)
{
  RubricScorecard *self = g_new0 (RubricScorecard, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->titles = texts_new ();
  self->descriptions = texts_new ();
  self->categories = g_ptr_array_new_with_free_func (category_free);
  self->sections = g_ptr_array_new_with_free_func (section_free);
  self->criteria = g_ptr_array_new_with_free_func (criterion_free);
  self->category_keys = g_ptr_array_new_with_free_func (g_free);
  self->by_key = g_hash_table_new (g_str_hash, g_str_equal);
  return self;
}

/* Adds a localized text, refusing two texts of one element in one language:
 * which one the UI shows would be a coin toss. */
static gboolean
add_text (GPtrArray   *texts,
          xmlNode     *node,
          const char  *label,
          GError     **error)
{
  g_autofree char *lang = rubric_xml_get_lang (node);
  RubricText *text;

  for (guint i = 0; i < texts->len; i++)
    {
      RubricText *other = g_ptr_array_index (texts, i);

      if (g_ascii_strcasecmp (other->lang, lang) == 0)
        {
          if (*lang == '\0')
            rubric_set_input_error (error, label, xmlGetLineNo (node),
                                    _("<%s> is given twice without xml:lang"),
                                    (const char *) node->name);
          else
            rubric_set_input_error (error, label, xmlGetLineNo (node),
                                    _("<%s> is given twice for language “%s”"),
                                    (const char *) node->name, lang);
          return FALSE;
        }
    }

  text = g_new0 (RubricText, 1);
  text->lang = g_steal_pointer (&lang);
  text->text = rubric_xml_get_text (node);
  g_ptr_array_add (texts, text);
  return TRUE;
}

static gboolean
parse_bool (const char *text,
            gboolean    fallback)
{
  if (text == NULL)
    return fallback;

  return g_str_equal (text, "true") || g_str_equal (text, "1");
}

static gboolean
parse_decimal (const char *text,
               double     *value)
{
  char *end = NULL;
  g_autofree char *copy = g_strstrip (g_strdup (text));

  *value = g_ascii_strtod (copy, &end);
  return end != copy && *end == '\0' && isfinite (*value);
}

static gboolean
parse_int (const char *text,
           int        *value)
{
  gint64 parsed;
  g_autofree char *copy = g_strstrip (g_strdup (text));

  if (!g_ascii_string_to_signed (copy, 10, -1000000, 1000000, &parsed, NULL))
    return FALSE;

  *value = (int) parsed;
  return TRUE;
}

static gboolean
parse_option (RubricCriterion  *criterion,
              xmlNode          *node,
              const char       *label,
              GError          **error)
{
  g_autofree char *key = rubric_xml_get (node, "key");
  g_autofree char *credit = rubric_xml_get (node, "credit");
  RubricOption *option;

  if (g_str_equal (key, "na"))
    {
      rubric_set_input_error (error, label, xmlGetLineNo (node),
                              _("the option key “na” is reserved for N/A"));
      return FALSE;
    }

  for (guint i = 0; i < criterion->options->len; i++)
    {
      RubricOption *other = g_ptr_array_index (criterion->options, i);

      if (g_str_equal (other->key, key))
        {
          rubric_set_input_error (error, label, xmlGetLineNo (node),
                                  _("criterion “%s” has two options “%s”"),
                                  criterion->key, key);
          return FALSE;
        }
    }

  option = g_new0 (RubricOption, 1);
  option->key = g_steal_pointer (&key);
  option->labels = texts_new ();
  g_ptr_array_add (criterion->options, option);

  if (!parse_decimal (credit, &option->credit) || option->credit < 0 || option->credit > 1)
    {
      rubric_set_input_error (error, label, xmlGetLineNo (node),
                              _("the credit of option “%s” must be between 0 and 1"),
                              option->key);
      return FALSE;
    }

  for (xmlNode *child = node->children; child; child = child->next)
    if (rubric_xml_is (child, RUBRIC_SCORECARD_NS, "label") &&
        !add_text (option->labels, child, label, error))
      return FALSE;

  return TRUE;
}

static void
note_category (RubricScorecard *self,
               const char      *category)
{
  for (guint i = 0; i < self->category_keys->len; i++)
    if (g_str_equal (g_ptr_array_index (self->category_keys, i), category))
      return;

  g_ptr_array_add (self->category_keys, g_strdup (category));
}

static gboolean
parse_criterion (RubricScorecard  *self,
                 RubricSection    *section,
                 xmlNode          *node,
                 const char       *label,
                 GError          **error)
{
  RubricCriterion *criterion = g_new0 (RubricCriterion, 1);
  g_autofree char *weight = rubric_xml_get (node, "weight");
  g_autofree char *type = rubric_xml_get (node, "type");
  g_autofree char *na = rubric_xml_get (node, "na");
  g_autofree char *critical = rubric_xml_get (node, "critical");
  g_autofree char *min = rubric_xml_get (node, "min");
  g_autofree char *max = rubric_xml_get (node, "max");
  long line = xmlGetLineNo (node);

  criterion->key = rubric_xml_get (node, "key");
  criterion->category = rubric_xml_get (node, "category");
  criterion->section = g_strdup (section->key);
  criterion->texts = texts_new ();
  criterion->guidance = texts_new ();
  criterion->options = g_ptr_array_new_with_free_func (option_free);
  criterion->na = parse_bool (na, FALSE);
  criterion->critical = parse_bool (critical, FALSE);
  criterion->min = 1;
  criterion->max = 5;
  g_ptr_array_add (self->criteria, criterion);

  if (g_hash_table_contains (self->by_key, criterion->key))
    {
      rubric_set_input_error (error, label, line, _("criterion “%s” is defined twice"),
                              criterion->key);
      return FALSE;
    }
  g_hash_table_insert (self->by_key, criterion->key, criterion);
  g_ptr_array_add (section->criteria, criterion);

  /* Without a category, a criterion counts in its section's: the usual
   * layout is one section per SLO category. */
  if (criterion->category == NULL)
    {
      if (!g_regex_match_simple ("^[a-z0-9][a-z0-9-]*$", section->key, 0, 0))
        {
          rubric_set_input_error (error, label, line,
                                  _("criterion “%s” has no category, and its section key "
                                    "“%s” cannot be one"), criterion->key, section->key);
          return FALSE;
        }
      criterion->category = g_strdup (section->key);
    }
  note_category (self, criterion->category);

  criterion->weight = 1.0;
  if (weight != NULL && (!parse_decimal (weight, &criterion->weight) || criterion->weight <= 0))
    {
      rubric_set_input_error (error, label, line,
                              _("the weight of criterion “%s” must be a number above 0"),
                              criterion->key);
      return FALSE;
    }

  if (g_strcmp0 (type, "yes-no") == 0)
    criterion->type = RUBRIC_ANSWER_YES_NO;
  else if (g_strcmp0 (type, "scale") == 0)
    criterion->type = RUBRIC_ANSWER_SCALE;
  else if (g_strcmp0 (type, "choice") == 0)
    criterion->type = RUBRIC_ANSWER_CHOICE;
  else
    {
      rubric_set_input_error (error, label, line,
                              _("criterion “%s” has an unknown answer type “%s”"),
                              criterion->key, type ? type : "");
      return FALSE;
    }

  if (criterion->type == RUBRIC_ANSWER_SCALE)
    {
      if ((min != NULL && !parse_int (min, &criterion->min)) ||
          (max != NULL && !parse_int (max, &criterion->max)) ||
          criterion->min >= criterion->max)
        {
          rubric_set_input_error (error, label, line,
                                  _("the scale of criterion “%s” needs whole numbers with "
                                    "min below max"), criterion->key);
          return FALSE;
        }
    }
  else if (min != NULL || max != NULL)
    {
      rubric_set_input_error (error, label, line,
                              _("min and max are only for scale criteria (“%s”)"),
                              criterion->key);
      return FALSE;
    }

  for (xmlNode *child = node->children; child; child = child->next)
    {
      if (rubric_xml_is (child, RUBRIC_SCORECARD_NS, "text"))
        {
          if (!add_text (criterion->texts, child, label, error))
            return FALSE;
        }
      else if (rubric_xml_is (child, RUBRIC_SCORECARD_NS, "guidance"))
        {
          if (!add_text (criterion->guidance, child, label, error))
            return FALSE;
        }
      else if (rubric_xml_is (child, RUBRIC_SCORECARD_NS, "option"))
        {
          if (!parse_option (criterion, child, label, error))
            return FALSE;
        }
    }

  if (criterion->type == RUBRIC_ANSWER_CHOICE && criterion->options->len == 0)
    {
      rubric_set_input_error (error, label, line, _("choice criterion “%s” has no options"),
                              criterion->key);
      return FALSE;
    }

  return TRUE;
}

static gboolean
parse_section (RubricScorecard  *self,
               xmlNode          *node,
               const char       *label,
               GError          **error)
{
  RubricSection *section = g_new0 (RubricSection, 1);

  section->key = rubric_xml_get (node, "key");
  section->titles = texts_new ();
  section->criteria = g_ptr_array_new ();
  g_ptr_array_add (self->sections, section);

  for (guint i = 0; i + 1 < self->sections->len; i++)
    {
      RubricSection *other = g_ptr_array_index (self->sections, i);

      if (g_str_equal (other->key, section->key))
        {
          rubric_set_input_error (error, label, xmlGetLineNo (node),
                                  _("section “%s” is defined twice"), section->key);
          return FALSE;
        }
    }

  for (xmlNode *child = node->children; child; child = child->next)
    {
      if (rubric_xml_is (child, RUBRIC_SCORECARD_NS, "title"))
        {
          if (!add_text (section->titles, child, label, error))
            return FALSE;
        }
      else if (rubric_xml_is (child, RUBRIC_SCORECARD_NS, "criterion"))
        {
          if (!parse_criterion (self, section, child, label, error))
            return FALSE;
        }
    }

  return TRUE;
}

static gboolean
parse_category (RubricScorecard  *self,
                xmlNode          *node,
                const char       *label,
                GError          **error)
{
  RubricCategory *category = g_new0 (RubricCategory, 1);

  category->key = rubric_xml_get (node, "key");
  category->titles = texts_new ();
  g_ptr_array_add (self->categories, category);

  for (guint i = 0; i + 1 < self->categories->len; i++)
    {
      RubricCategory *other = g_ptr_array_index (self->categories, i);

      if (g_str_equal (other->key, category->key))
        {
          rubric_set_input_error (error, label, xmlGetLineNo (node),
                                  _("category “%s” is declared twice"), category->key);
          return FALSE;
        }
    }

  for (xmlNode *child = node->children; child; child = child->next)
    if (rubric_xml_is (child, RUBRIC_SCORECARD_NS, "title") &&
        !add_text (category->titles, child, label, error))
      return FALSE;

  return TRUE;
}

RubricScorecard *
rubric_scorecard_new_from_xml (const char  *label,
                               const char  *data,
                               gsize        length,
                               GError     **error)
{
  g_autoptr(xmlDoc) doc = NULL;
  g_autoptr(RubricScorecard) self = NULL;
  g_autofree char *version = NULL;
  xmlNode *root;

  doc = rubric_xml_parse (label, data, length, RUBRIC_SCORECARD_NS, "scorecard",
                          "scorecard.rng", error);
  if (doc == NULL)
    return NULL;

  root = xmlDocGetRootElement (doc);
  self = scorecard_new ();
  self->key = rubric_xml_get (root, "key");
  version = rubric_xml_get (root, "version");
  if (version != NULL)
    parse_int (version, &self->version);

  for (xmlNode *child = root->children; child; child = child->next)
    {
      if (rubric_xml_is (child, RUBRIC_SCORECARD_NS, "title"))
        {
          if (!add_text (self->titles, child, label, error))
            return NULL;
        }
      else if (rubric_xml_is (child, RUBRIC_SCORECARD_NS, "description"))
        {
          if (!add_text (self->descriptions, child, label, error))
            return NULL;
        }
      else if (rubric_xml_is (child, RUBRIC_SCORECARD_NS, "category"))
        {
          if (!parse_category (self, child, label, error))
            return NULL;
        }
      else if (rubric_xml_is (child, RUBRIC_SCORECARD_NS, "section"))
        {
          if (!parse_section (self, child, label, error))
            return NULL;
        }
    }

  return g_steal_pointer (&self);
}

RubricScorecard *
rubric_scorecard_new_from_file (const char  *path,
                                GError     **error)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  if (!rubric_read_input_file (path, &data, &length, error))
    return NULL;

  return rubric_scorecard_new_from_xml (path, data, length, error);
}

static void
write_texts (xmlTextWriter *writer,
             const char    *element,
             GPtrArray     *texts)
{
  for (guint i = 0; i < texts->len; i++)
    {
      RubricText *text = g_ptr_array_index (texts, i);

      xmlTextWriterStartElement (writer, (const xmlChar *) element);
      if (*text->lang != '\0')
        xmlTextWriterWriteAttribute (writer, (const xmlChar *) "xml:lang",
                                     (const xmlChar *) text->lang);
      xmlTextWriterWriteString (writer, (const xmlChar *) text->text);
      xmlTextWriterEndElement (writer);
    }
}

static void
write_criterion (xmlTextWriter   *writer,
                 RubricCriterion *criterion)
{
  xmlTextWriterStartElement (writer, (const xmlChar *) "criterion");
  rubric_xml_write_attribute (writer, "key", criterion->key);
  rubric_xml_write_attribute (writer, "category", criterion->category);
  rubric_xml_write_double_attribute (writer, "weight", criterion->weight);
  rubric_xml_write_attribute (writer, "type", rubric_answer_type_to_string (criterion->type));

  if (criterion->type == RUBRIC_ANSWER_SCALE)
    {
      xmlTextWriterWriteFormatAttribute (writer, (const xmlChar *) "min", "%d", criterion->min);
      xmlTextWriterWriteFormatAttribute (writer, (const xmlChar *) "max", "%d", criterion->max);
    }

  rubric_xml_write_attribute (writer, "na", criterion->na ? "true" : "false");
  rubric_xml_write_attribute (writer, "critical", criterion->critical ? "true" : "false");
  write_texts (writer, "text", criterion->texts);
  write_texts (writer, "guidance", criterion->guidance);

  for (guint i = 0; i < criterion->options->len; i++)
    {
      RubricOption *option = g_ptr_array_index (criterion->options, i);

      xmlTextWriterStartElement (writer, (const xmlChar *) "option");
      rubric_xml_write_attribute (writer, "key", option->key);
      rubric_xml_write_double_attribute (writer, "credit", option->credit);
      write_texts (writer, "label", option->labels);
      xmlTextWriterEndElement (writer);
    }

  xmlTextWriterEndElement (writer);
}

/* The canonical form: the same content always gives the same bytes, which
 * is what the store hashes to recognise an identical scorecard. */
char *
rubric_scorecard_to_xml (RubricScorecard *self,
                         gboolean         with_version)
{
  g_autoptr(xmlBuffer) buffer = NULL;
  g_autoptr(xmlTextWriter) writer = rubric_xml_writer_new (&buffer);

  xmlTextWriterStartDocument (writer, "1.0", "UTF-8", NULL);
  xmlTextWriterStartElement (writer, (const xmlChar *) "scorecard");
  rubric_xml_write_attribute (writer, "xmlns", RUBRIC_SCORECARD_NS);
  rubric_xml_write_attribute (writer, "key", self->key);
  if (with_version && self->version > 0)
    xmlTextWriterWriteFormatAttribute (writer, (const xmlChar *) "version", "%d", self->version);

  write_texts (writer, "title", self->titles);
  write_texts (writer, "description", self->descriptions);

  for (guint i = 0; i < self->categories->len; i++)
    {
      RubricCategory *category = g_ptr_array_index (self->categories, i);

      xmlTextWriterStartElement (writer, (const xmlChar *) "category");
      rubric_xml_write_attribute (writer, "key", category->key);
      write_texts (writer, "title", category->titles);
      xmlTextWriterEndElement (writer);
    }

  for (guint i = 0; i < self->sections->len; i++)
    {
      RubricSection *section = g_ptr_array_index (self->sections, i);

      xmlTextWriterStartElement (writer, (const xmlChar *) "section");
      rubric_xml_write_attribute (writer, "key", section->key);
      write_texts (writer, "title", section->titles);
      for (guint j = 0; j < section->criteria->len; j++)
        write_criterion (writer, g_ptr_array_index (section->criteria, j));
      xmlTextWriterEndElement (writer);
    }

  xmlTextWriterEndDocument (writer);
  g_clear_pointer (&writer, xmlFreeTextWriter);

  return g_strdup ((const char *) xmlBufferContent (buffer));
}

RubricCriterion *
rubric_scorecard_lookup_criterion (RubricScorecard *self,
                                   const char      *key)
{
  return g_hash_table_lookup (self->by_key, key);
}

const char *
rubric_texts_lookup_for (GPtrArray          *texts,
                         const char * const *languages)
{
  RubricText *fallback = NULL;

  if (texts == NULL || texts->len == 0)
    return NULL;

  for (guint l = 0; languages != NULL && languages[l] != NULL; l++)
    {
      if (g_str_equal (languages[l], "C") || g_str_equal (languages[l], "POSIX"))
        break;

      for (guint i = 0; i < texts->len; i++)
        {
          RubricText *text = g_ptr_array_index (texts, i);
          g_autofree char *normal = g_strdelimit (g_strdup (text->lang), "-", '_');

          if (*text->lang != '\0' && g_ascii_strcasecmp (normal, languages[l]) == 0)
            return text->text;
        }
    }

  for (guint i = 0; i < texts->len && fallback == NULL; i++)
    {
      RubricText *text = g_ptr_array_index (texts, i);

      if (*text->lang == '\0')
        fallback = text;
    }

  if (fallback == NULL)
    fallback = g_ptr_array_index (texts, 0);

  return fallback->text;
}

const char *
rubric_texts_lookup (GPtrArray *texts)
{
  return rubric_texts_lookup_for (texts, (const char * const *) g_get_language_names ());
}

const char *
rubric_scorecard_get_title (RubricScorecard *self)
{
  return rubric_texts_lookup (self->titles);
}

const char *
rubric_scorecard_get_category_title (RubricScorecard *self,
                                     const char      *category)
{
  /* SPEC §1's four have one name everywhere, the one the Vendors page and
   * the report give them (rubric-rating-text.c), whatever a scorecard
   * calls them; a scorecard's own categories keep the titles it gives. */
  if (category != NULL && g_strcmp0 (rubric_category_name (category), category) != 0)
    return rubric_category_name (category);

  for (guint i = 0; i < self->categories->len; i++)
    {
      RubricCategory *declared = g_ptr_array_index (self->categories, i);

      if (g_str_equal (declared->key, category))
        return rubric_texts_lookup (declared->titles);
    }

  /* The four of SPEC §1 under the names the ratings give them too. */
  return category != NULL ? rubric_category_name (category) : NULL;
}

const char *
rubric_criterion_get_text (RubricCriterion *self)
{
  return rubric_texts_lookup (self->texts);
}

const char *
rubric_option_get_label (RubricOption *self)
{
  const char *label = rubric_texts_lookup (self->labels);

  return label != NULL ? label : self->key;
}

const char *
rubric_answer_type_to_string (RubricAnswerType type)
{
  switch (type)
    {
    case RUBRIC_ANSWER_YES_NO:
      return "yes-no";
    case RUBRIC_ANSWER_SCALE:
      return "scale";
    case RUBRIC_ANSWER_CHOICE:
      return "choice";
    default:
      g_assert_not_reached ();
    }
}

gboolean
rubric_criterion_credit (RubricCriterion *self,
                         const char      *value,
                         double          *credit,
                         gboolean        *is_na)
{
  g_return_val_if_fail (self != NULL, FALSE);

  *is_na = FALSE;

  if (value == NULL)
    return FALSE;

  if (g_str_equal (value, "na"))
    {
      *is_na = TRUE;
      return self->na;
    }

  switch (self->type)
    {
    case RUBRIC_ANSWER_YES_NO:
      if (g_str_equal (value, "yes"))
        *credit = 1.0;
      else if (g_str_equal (value, "no"))
        *credit = 0.0;
      else
        return FALSE;
      return TRUE;

    case RUBRIC_ANSWER_SCALE:
      {
        gint64 v;

        /* Whole numbers only, written plainly: "3", not "+3", "03" or "3.0". */
        if (!g_ascii_string_to_signed (value, 10, self->min, self->max, &v, NULL) ||
            value[0] == '+' || (value[0] == '0' && value[1] != '\0') ||
            (value[0] == '-' && value[1] == '0'))
          return FALSE;

        *credit = (double) (v - self->min) / (double) (self->max - self->min);
        return TRUE;
      }

    case RUBRIC_ANSWER_CHOICE:
      for (guint i = 0; i < self->options->len; i++)
        {
          RubricOption *option = g_ptr_array_index (self->options, i);

          if (g_str_equal (option->key, value))
            {
              *credit = option->credit;
              return TRUE;
            }
        }
      return FALSE;

    default:
      g_assert_not_reached ();
    }
}
