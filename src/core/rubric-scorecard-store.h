/* rubric-scorecard-store.h — scorecards in the database, with their versions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rubric-db.h"
#include "rubric-scorecard.h"

G_BEGIN_DECLS

typedef enum
{
  RUBRIC_SCORECARD_ADDED,        /* a new key: version 1 */
  RUBRIC_SCORECARD_NEW_VERSION,  /* a known key with changed content */
  RUBRIC_SCORECARD_UNCHANGED,    /* identical to a stored version */
} RubricScorecardImport;

typedef struct
{
  gint64  id;
  char   *key;
  int     version;
  char   *title;
  gint64  created_at;
  gint64  evaluations;
} RubricScorecardInfo;

/* Stores @scorecard unless an identical version exists; sets
 * scorecard->version and ->id to the stored row either way. Runs inside the
 * caller's transaction if one is open. */
gboolean         rubric_scorecard_store_save      (RubricDb               *db,
                                                   RubricScorecard        *scorecard,
                                                   RubricScorecardImport  *result,
                                                   GError                **error);
/* Stores a parsed scorecard in a transaction of its own. */
gboolean         rubric_scorecard_store_add       (RubricDb               *db,
                                                   RubricScorecard        *scorecard,
                                                   RubricScorecardImport  *result,
                                                   GError                **error);
/* Parses, validates and stores a scorecard file in one transaction. */
gboolean         rubric_scorecard_store_import    (RubricDb               *db,
                                                   const char             *path,
                                                   RubricScorecard       **scorecard,
                                                   RubricScorecardImport  *result,
                                                   GError                **error);
/* @version 0 is the latest. NOT_FOUND when there is no such scorecard. */
RubricScorecard *rubric_scorecard_store_load      (RubricDb               *db,
                                                   const char             *key,
                                                   int                     version,
                                                   GError                **error);
RubricScorecard *rubric_scorecard_store_load_id   (RubricDb               *db,
                                                   gint64                  id,
                                                   GError                **error);
/* Gives a database that has no scorecard yet the one Rubric ships
 * (contact-centre-qa), so that a reviewer can start; does nothing where
 * there is one. In a transaction of its own. */
gboolean         rubric_scorecard_store_ensure_default (RubricDb          *db,
                                                        GError           **error);
/* RubricScorecardInfo for every version, by key then version. */
GPtrArray       *rubric_scorecard_store_list      (RubricDb               *db,
                                                   GError                **error);
void             rubric_scorecard_info_free       (RubricScorecardInfo    *info);

G_END_DECLS
