/* rubric-scorecard.h — a scorecard: sections of criteria and how they score
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define RUBRIC_SCORECARD_NS "urn:rubric:scorecard:1"

/* One text in one language; lang is "" for the untagged (default) text. */
typedef struct
{
  char *lang;
  char *text;
} RubricText;

typedef enum
{
  RUBRIC_ANSWER_YES_NO,
  RUBRIC_ANSWER_SCALE,
  RUBRIC_ANSWER_CHOICE,
} RubricAnswerType;

typedef struct
{
  char      *key;
  double     credit;
  GPtrArray *labels;    /* RubricText */
} RubricOption;

typedef struct
{
  char             *key;
  char             *category;
  char             *section;
  double            weight;
  RubricAnswerType  type;
  int               min;       /* scale only */
  int               max;       /* scale only */
  gboolean          na;
  gboolean          critical;
  GPtrArray        *texts;     /* RubricText */
  GPtrArray        *guidance;  /* RubricText */
  GPtrArray        *options;   /* RubricOption, choice only */
} RubricCriterion;

typedef struct
{
  char      *key;
  GPtrArray *titles;    /* RubricText */
  GPtrArray *criteria;  /* borrowed RubricCriterion */
} RubricSection;

typedef struct
{
  char      *key;
  GPtrArray *titles;    /* RubricText */
} RubricCategory;

/* Reference-counted: the store hands out shared copies of stored versions,
 * which must not be modified (a stored version never changes). */
typedef struct
{
  gatomicrefcount ref_count;
  char       *key;
  int         version;       /* assigned by the database; 0 when not stored */
  gint64      id;            /* database row, 0 when not stored */
  GPtrArray  *titles;        /* RubricText */
  GPtrArray  *descriptions;  /* RubricText */
  GPtrArray  *categories;    /* RubricCategory: declared display titles */
  GPtrArray  *sections;      /* RubricSection */
  GPtrArray  *criteria;      /* RubricCriterion, in document order */
  GPtrArray  *category_keys; /* char *: categories used, in first-use order */
  GHashTable *by_key;        /* criterion key → borrowed RubricCriterion */
} RubricScorecard;

RubricScorecard       *rubric_scorecard_new_from_xml     (const char        *label,
                                                          const char        *data,
                                                          gsize              length,
                                                          GError           **error);
RubricScorecard       *rubric_scorecard_new_from_file    (const char        *path,
                                                          GError           **error);
char                  *rubric_scorecard_to_xml           (RubricScorecard   *self,
                                                          gboolean           with_version);
RubricScorecard       *rubric_scorecard_ref              (RubricScorecard   *self);
void                   rubric_scorecard_unref            (RubricScorecard   *self);
RubricCriterion       *rubric_scorecard_lookup_criterion (RubricScorecard   *self,
                                                          const char        *key);
const char            *rubric_scorecard_get_title        (RubricScorecard   *self);
const char            *rubric_scorecard_get_category_title (RubricScorecard *self,
                                                          const char        *category);

/* Checks @value against the criterion's answer type. On success sets
 * *is_na, and *credit in [0, 1] (left alone for N/A). */
gboolean               rubric_criterion_credit           (RubricCriterion   *self,
                                                          const char        *value,
                                                          double            *credit,
                                                          gboolean          *is_na);
const char            *rubric_criterion_get_text         (RubricCriterion   *self);
/* The option's label in the user's language, or its key when it has none. */
const char            *rubric_option_get_label           (RubricOption      *self);
const char            *rubric_answer_type_to_string      (RubricAnswerType   type);

/* The text that best matches the user's languages (g_get_language_names),
 * falling back to the untagged one, then to the first. */
const char            *rubric_texts_lookup               (GPtrArray         *texts);
const char            *rubric_texts_lookup_for           (GPtrArray         *texts,
                                                          const char * const *languages);

gboolean               rubric_is_standard_category       (const char        *key);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RubricScorecard, rubric_scorecard_unref)

G_END_DECLS
