/* rubric-evaluation.c — one reviewer's scoring of one call, and its XML form
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "rubric-error.h"
#include "rubric-evaluation.h"
#include "rubric-private.h"
#include "rubric-time.h"
#include "rubric-xml.h"

static void
comment_free (gpointer data)
{
  RubricComment *comment = data;

  g_free (comment->criterion);
  g_free (comment->text);
  g_free (comment);
}

RubricEvaluation *
rubric_evaluation_new (const char *id)
{
  RubricEvaluation *self = g_new0 (RubricEvaluation, 1);

  self->id = id ? g_ascii_strdown (id, -1) : g_uuid_string_random ();
  self->call_time = RUBRIC_NO_TIME;
  self->scored_at = RUBRIC_NO_TIME;
  self->answers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->answer_order = g_ptr_array_new_with_free_func (g_free);
  self->comments = g_ptr_array_new_with_free_func (comment_free);
  return self;
}

void
rubric_evaluation_free (RubricEvaluation *self)
{
  if (self == NULL)
    return;

  g_free (self->id);
  g_free (self->scorecard);
  g_free (self->reviewer);
  g_free (self->vendor);
  g_free (self->agent);
  g_free (self->call);
  g_hash_table_unref (self->answers);
  g_ptr_array_unref (self->answer_order);
  g_ptr_array_unref (self->comments);
  g_free (self);
}

RubricEvaluation *
rubric_evaluation_copy (RubricEvaluation *self)
{
  RubricEvaluation *copy = rubric_evaluation_new (self->id);

  copy->scorecard = g_strdup (self->scorecard);
  copy->scorecard_version = self->scorecard_version;
  copy->status = self->status;
  copy->reviewer = g_strdup (self->reviewer);
  copy->vendor = g_strdup (self->vendor);
  copy->agent = g_strdup (self->agent);
  copy->call = g_strdup (self->call);
  copy->call_time = self->call_time;
  copy->scored_at = self->scored_at;
  copy->line = self->line;
  copy->revision = self->revision;

  for (guint i = 0; i < self->answer_order->len; i++)
    {
      const char *key = g_ptr_array_index (self->answer_order, i);

      rubric_evaluation_set_answer (copy, key, g_hash_table_lookup (self->answers, key));
    }

  for (guint i = 0; i < self->comments->len; i++)
    {
      RubricComment *comment = g_ptr_array_index (self->comments, i);

      rubric_evaluation_add_comment (copy, comment->at, comment->criterion, comment->text);
    }

  return copy;
}

/* Same content: what an export of either would say. */
gboolean
rubric_evaluation_equal (RubricEvaluation *a,
                         RubricEvaluation *b)
{
  g_autoptr(GPtrArray) list_a = g_ptr_array_new ();
  g_autoptr(GPtrArray) list_b = g_ptr_array_new ();
  g_autofree char *xml_a = NULL;
  g_autofree char *xml_b = NULL;

  g_ptr_array_add (list_a, a);
  g_ptr_array_add (list_b, b);
  xml_a = rubric_evaluations_to_xml (list_a);
  xml_b = rubric_evaluations_to_xml (list_b);
  return g_str_equal (xml_a, xml_b);
}

const char *
rubric_evaluation_get_answer (RubricEvaluation *self,
                              const char       *criterion)
{
  return g_hash_table_lookup (self->answers, criterion);
}

void
rubric_evaluation_set_answer (RubricEvaluation *self,
                              const char       *criterion,
                              const char       *value)
{
  gboolean known = g_hash_table_contains (self->answers, criterion);

  if (value == NULL)
    {
      if (known)
        {
          g_hash_table_remove (self->answers, criterion);
          for (guint i = 0; i < self->answer_order->len; i++)
            if (g_str_equal (g_ptr_array_index (self->answer_order, i), criterion))
              {
                g_ptr_array_remove_index (self->answer_order, i);
                break;
              }
        }
      return;
    }

  if (!known)
    g_ptr_array_add (self->answer_order, g_strdup (criterion));
  g_hash_table_insert (self->answers, g_strdup (criterion), g_strdup (value));
}

void
rubric_evaluation_add_comment (RubricEvaluation *self,
                               double            at,
                               const char       *criterion,
                               const char       *text)
{
  RubricComment *comment = g_new0 (RubricComment, 1);

  comment->at = at;
  comment->criterion = g_strdup (criterion);
  comment->text = g_strdup (text ? text : "");
  g_ptr_array_add (self->comments, comment);
}

GPtrArray *
rubric_evaluation_unanswered (RubricEvaluation *self,
                              RubricScorecard  *scorecard)
{
  GPtrArray *missing = g_ptr_array_new ();

  for (guint i = 0; i < scorecard->criteria->len; i++)
    {
      RubricCriterion *criterion = g_ptr_array_index (scorecard->criteria, i);

      if (!g_hash_table_contains (self->answers, criterion->key))
        g_ptr_array_add (missing, criterion->key);
    }

  return missing;
}

gboolean
rubric_evaluation_validate (RubricEvaluation  *self,
                            RubricScorecard   *scorecard,
                            const char        *label,
                            GError           **error)
{
  for (guint i = 0; i < self->answer_order->len; i++)
    {
      const char *key = g_ptr_array_index (self->answer_order, i);
      const char *value = g_hash_table_lookup (self->answers, key);
      RubricCriterion *criterion = rubric_scorecard_lookup_criterion (scorecard, key);
      double credit;
      gboolean is_na;

      if (criterion == NULL)
        {
          rubric_set_input_error (error, label, self->line,
                                  _("evaluation %s: scorecard “%s” version %d has no "
                                    "criterion “%s”"),
                                  self->id, scorecard->key, scorecard->version, key);
          return FALSE;
        }

      if (!rubric_criterion_credit (criterion, value, &credit, &is_na))
        {
          if (is_na)
            rubric_set_input_error (error, label, self->line,
                                    _("evaluation %s: criterion “%s” does not allow N/A"),
                                    self->id, key);
          else
            rubric_set_input_error (error, label, self->line,
                                    _("evaluation %s: “%s” is not a valid answer to "
                                      "criterion “%s” (%s)"),
                                    self->id, value, key,
                                    rubric_answer_type_to_string (criterion->type));
          return FALSE;
        }
    }

  for (guint i = 0; i < self->comments->len; i++)
    {
      RubricComment *comment = g_ptr_array_index (self->comments, i);

      if (comment->criterion != NULL &&
          rubric_scorecard_lookup_criterion (scorecard, comment->criterion) == NULL)
        {
          rubric_set_input_error (error, label, self->line,
                                  _("evaluation %s: a comment refers to the unknown "
                                    "criterion “%s”"), self->id, comment->criterion);
          return FALSE;
        }

      if (!isnan (comment->at) && (comment->at < 0 || !isfinite (comment->at)))
        {
          rubric_set_input_error (error, label, self->line,
                                  _("evaluation %s: a comment's time must be 0 or more "
                                    "seconds"), self->id);
          return FALSE;
        }
    }

  if (self->status == RUBRIC_STATUS_SUBMITTED)
    {
      g_autoptr(GPtrArray) missing = rubric_evaluation_unanswered (self, scorecard);

      if (missing->len > 0)
        {
          g_autofree char *names = NULL;

          g_ptr_array_add (missing, NULL);
          names = g_strjoinv (", ", (char **) missing->pdata);
          rubric_set_input_error (error, label, self->line,
                                  g_dngettext (GETTEXT_PACKAGE,
                                               "evaluation %s is submitted but criterion %s "
                                               "is unanswered",
                                               "evaluation %s is submitted but criteria %s "
                                               "are unanswered",
                                               missing->len - 1),
                                  self->id, names);
          return FALSE;
        }
    }

  return TRUE;
}

RubricScore *
rubric_evaluation_score (RubricEvaluation *self,
                         RubricScorecard  *scorecard)
{
  return rubric_score_compute (scorecard, self->answers);
}

const char *
rubric_status_to_string (RubricStatus status)
{
  switch (status)
    {
    case RUBRIC_STATUS_DRAFT:
      return "draft";
    case RUBRIC_STATUS_SUBMITTED:
      return "submitted";
    case RUBRIC_STATUS_CALIBRATION:
      return "calibration";
    default:
      g_assert_not_reached ();
    }
}

gboolean
rubric_status_from_string (const char   *text,
                           RubricStatus *status)
{
  if (g_strcmp0 (text, "draft") == 0)
    *status = RUBRIC_STATUS_DRAFT;
  else if (g_strcmp0 (text, "submitted") == 0)
    *status = RUBRIC_STATUS_SUBMITTED;
  else if (g_strcmp0 (text, "calibration") == 0)
    *status = RUBRIC_STATUS_CALIBRATION;
  else
    return FALSE;

  return TRUE;
}

static gboolean
read_instant (xmlNode     *node,
              const char  *attribute,
              gint64      *value,
              const char  *label,
              GError     **error)
{
  g_autofree char *text = rubric_xml_get (node, attribute);

  if (text == NULL)
    return TRUE;

  if (!rubric_time_parse_instant (text, FALSE, value))
    {
      rubric_set_input_error (error, label, xmlGetLineNo (node),
                              _("%s “%s” is not a date and time with a zone"),
                              attribute, text);
      return FALSE;
    }

  return TRUE;
}

static RubricEvaluation *
read_evaluation (xmlNode     *node,
                 const char  *label,
                 GError     **error)
{
  g_autofree char *id = rubric_xml_get (node, "id");
  g_autofree char *version = rubric_xml_get (node, "scorecard-version");
  g_autofree char *status = rubric_xml_get (node, "status");
  g_autoptr(RubricEvaluation) self = NULL;
  long line = xmlGetLineNo (node);

  if (!g_uuid_string_is_valid (id))
    {
      rubric_set_input_error (error, label, line, _("“%s” is not a UUID"), id);
      return NULL;
    }

  self = rubric_evaluation_new (id);
  self->line = line;
  self->scorecard = rubric_xml_get (node, "scorecard");
  self->reviewer = rubric_xml_get (node, "reviewer");
  self->vendor = rubric_xml_get (node, "vendor");
  self->agent = rubric_xml_get (node, "agent");
  self->call = rubric_xml_get (node, "call");

  if (version != NULL)
    {
      gint64 v;

      if (!g_ascii_string_to_unsigned (version, 10, 1, G_MAXINT, (guint64 *) &v, NULL))
        {
          rubric_set_input_error (error, label, line,
                                  _("scorecard-version “%s” is not a version number"), version);
          return NULL;
        }
      self->scorecard_version = (int) v;
    }

  if (!rubric_status_from_string (status, &self->status))
    {
      rubric_set_input_error (error, label, line, _("unknown status “%s”"), status);
      return NULL;
    }

  if (!read_instant (node, "call-time", &self->call_time, label, error) ||
      !read_instant (node, "scored-at", &self->scored_at, label, error))
    return NULL;

  for (xmlNode *child = node->children; child; child = child->next)
    {
      if (rubric_xml_is (child, RUBRIC_EVALUATIONS_NS, "answer"))
        {
          g_autofree char *criterion = rubric_xml_get (child, "criterion");
          g_autofree char *value = rubric_xml_get (child, "value");

          if (rubric_evaluation_get_answer (self, criterion) != NULL)
            {
              rubric_set_input_error (error, label, xmlGetLineNo (child),
                                      _("criterion “%s” is answered twice"), criterion);
              return NULL;
            }
          rubric_evaluation_set_answer (self, criterion, value);
        }
      else if (rubric_xml_is (child, RUBRIC_EVALUATIONS_NS, "comment"))
        {
          g_autofree char *at = rubric_xml_get (child, "at");
          g_autofree char *criterion = rubric_xml_get (child, "criterion");
          g_autofree char *text = rubric_xml_get_text (child);
          double seconds = NAN;

          if (at != NULL && (!rubric_parse_double (at, &seconds) || seconds < 0))
            {
              rubric_set_input_error (error, label, xmlGetLineNo (child),
                                      _("comment time “%s” is not a number of seconds"), at);
              return NULL;
            }
          rubric_evaluation_add_comment (self, seconds, criterion, text);
        }
    }

  return g_steal_pointer (&self);
}

GPtrArray *
rubric_evaluations_from_xml (const char  *label,
                             const char  *data,
                             gsize        length,
                             GError     **error)
{
  g_autoptr(xmlDoc) doc = NULL;
  g_autoptr(GPtrArray) evaluations = NULL;
  g_autoptr(GHashTable) seen = NULL;
  xmlNode *root;

  doc = rubric_xml_parse (label, data, length, RUBRIC_EVALUATIONS_NS, "evaluations",
                          "evaluations.rng", error);
  if (doc == NULL)
    return NULL;

  evaluations = g_ptr_array_new_with_free_func ((GDestroyNotify) rubric_evaluation_free);
  seen = g_hash_table_new (g_str_hash, g_str_equal);
  root = xmlDocGetRootElement (doc);

  for (xmlNode *child = root->children; child; child = child->next)
    {
      RubricEvaluation *evaluation;

      if (!rubric_xml_is (child, RUBRIC_EVALUATIONS_NS, "evaluation"))
        continue;

      if (!(evaluation = read_evaluation (child, label, error)))
        return NULL;

      g_ptr_array_add (evaluations, evaluation);

      if (!g_hash_table_add (seen, evaluation->id))
        {
          rubric_set_input_error (error, label, evaluation->line,
                                  _("evaluation %s appears twice in the file"), evaluation->id);
          return NULL;
        }
    }

  return g_steal_pointer (&evaluations);
}

GPtrArray *
rubric_evaluations_from_file (const char  *path,
                              GError     **error)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  if (!rubric_read_input_file (path, &data, &length, error))
    return NULL;

  return rubric_evaluations_from_xml (path, data, length, error);
}

static void
write_text_attribute (xmlTextWriter *writer,
                      const char    *name,
                      const char    *value)
{
  if (value != NULL)
    xmlTextWriterWriteAttribute (writer, (const xmlChar *) name, (const xmlChar *) value);
}

static void
write_instant_attribute (xmlTextWriter *writer,
                         const char    *name,
                         gint64         value)
{
  g_autofree char *text = NULL;

  if (value == RUBRIC_NO_TIME)
    return;

  text = rubric_time_format_instant (value);
  write_text_attribute (writer, name, text);
}

char *
rubric_evaluations_to_xml (GPtrArray *evaluations)
{
  g_autoptr(xmlBuffer) buffer = NULL;
  g_autoptr(xmlTextWriter) writer = rubric_xml_writer_new (&buffer);

  xmlTextWriterStartDocument (writer, "1.0", "UTF-8", NULL);
  xmlTextWriterStartElement (writer, (const xmlChar *) "evaluations");
  write_text_attribute (writer, "xmlns", RUBRIC_EVALUATIONS_NS);

  for (guint i = 0; i < evaluations->len; i++)
    {
      RubricEvaluation *self = g_ptr_array_index (evaluations, i);

      xmlTextWriterStartElement (writer, (const xmlChar *) "evaluation");
      write_text_attribute (writer, "id", self->id);
      write_text_attribute (writer, "scorecard", self->scorecard);
      if (self->scorecard_version > 0)
        xmlTextWriterWriteFormatAttribute (writer, (const xmlChar *) "scorecard-version", "%d",
                                           self->scorecard_version);
      write_text_attribute (writer, "status", rubric_status_to_string (self->status));
      write_text_attribute (writer, "reviewer", self->reviewer);
      write_text_attribute (writer, "vendor", self->vendor);
      write_text_attribute (writer, "agent", self->agent);
      write_text_attribute (writer, "call", self->call);
      write_instant_attribute (writer, "call-time", self->call_time);
      write_instant_attribute (writer, "scored-at", self->scored_at);

      for (guint j = 0; j < self->answer_order->len; j++)
        {
          const char *key = g_ptr_array_index (self->answer_order, j);

          xmlTextWriterStartElement (writer, (const xmlChar *) "answer");
          write_text_attribute (writer, "criterion", key);
          write_text_attribute (writer, "value", g_hash_table_lookup (self->answers, key));
          xmlTextWriterEndElement (writer);
        }

      for (guint j = 0; j < self->comments->len; j++)
        {
          RubricComment *comment = g_ptr_array_index (self->comments, j);

          xmlTextWriterStartElement (writer, (const xmlChar *) "comment");
          if (!isnan (comment->at))
            {
              g_autofree char *at = rubric_xml_format_double (comment->at);
              write_text_attribute (writer, "at", at);
            }
          write_text_attribute (writer, "criterion", comment->criterion);
          xmlTextWriterWriteString (writer, (const xmlChar *) comment->text);
          xmlTextWriterEndElement (writer);
        }

      xmlTextWriterEndElement (writer);
    }

  xmlTextWriterEndDocument (writer);
  g_clear_pointer (&writer, xmlFreeTextWriter);

  return g_strdup ((const char *) xmlBufferContent (buffer));
}
