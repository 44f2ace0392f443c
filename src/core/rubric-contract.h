/* rubric-contract.h — a vendor's contract: KPI definitions, objectives and grades
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define RUBRIC_CONTRACT_NS "urn:rubric:contract:1"

/* valid-from of a contract that is in force since always. */
#define RUBRIC_CONTRACT_ALWAYS "0001-01-01"

/* How the service level counts abandoned calls (SPEC §4.3). */
typedef enum
{
  RUBRIC_SL_ANSWERED,
  RUBRIC_SL_ABANDONS_NEGATIVE,
  RUBRIC_SL_ABANDONS_IGNORED,
  RUBRIC_SL_ABANDONS_POSITIVE,
} RubricSlFormula;

typedef enum
{
  RUBRIC_BETTER_HIGHER,
  RUBRIC_BETTER_LOWER,
} RubricBetter;

typedef struct
{
  char         *metric;      /* "service-level", "qa-resolution", "custom:csat", … */
  double        target;      /* ≥ 0 */
  double        weight;      /* > 0 */
  gboolean      has_credit;
  double        credit;      /* percent of the period's fee, 0..100 */
  RubricBetter  better;      /* fixed by the metric, or the file's direction for custom:NAME */
} RubricObjective;

typedef struct
{
  char   *name;
  double  min;               /* 0..100 */
} RubricGrade;

typedef struct
{
  char            *vendor;
  char            *timezone;             /* IANA zone the periods are counted in */
  char            *period;               /* day, week, month, quarter or year */
  char            *valid_from;           /* "YYYY-MM-DD", RUBRIC_CONTRACT_ALWAYS by default */
  guint            minimum_evaluations;
  gboolean         has_credit_cap;
  double           credit_cap;           /* percent, 0..100 */
  guint            threshold;            /* T, seconds */
  guint            short_abandon;        /* S, seconds; 0 disables */
  RubricSlFormula  formula;
  guint            repeat_days;          /* D, days */
  GPtrArray       *objectives;           /* RubricObjective, in file order */
  GPtrArray       *grades;               /* RubricGrade, sorted by min descending */
} RubricContract;

const char     *rubric_sl_formula_to_string    (RubricSlFormula        formula);
gboolean        rubric_sl_formula_from_string  (const char            *text,
                                                RubricSlFormula       *formula);

/* The fixed direction of a metric of SPEC §5.1 (higher for service-level,
 * fcr and qa-*, lower for abandon-rate, asa and aht). A custom:NAME metric
 * has none: its objective's direction comes from the contract, and this
 * returns RUBRIC_BETTER_HIGHER for it. */
RubricBetter    rubric_metric_better           (const char            *metric);
/* Whether @metric may be the metric of an objective: one of SPEC §5.1's,
 * qa-KEY for a category key, or custom:NAME (NAME without whitespace). */
gboolean        rubric_metric_is_valid         (const char            *metric);

/* A contract with every default (SPEC §4.3, §5.1): no objectives, the
 * default grades. */
RubricContract *rubric_contract_new            (const char            *vendor,
                                                const char            *timezone);
void            rubric_contract_free           (RubricContract        *contract);

/* Parses and checks a contract file; every refusal is RUBRIC_ERROR_INPUT
 * with "LABEL:LINE: message". @length may be -1 for a NUL-terminated text. */
RubricContract *rubric_contract_new_from_xml   (const char            *label,
                                                const char            *data,
                                                gssize                 length,
                                                GError               **error);
RubricContract *rubric_contract_new_from_file  (const char            *path,
                                                GError               **error);

/* The canonical form: every attribute written, defaults included, so the
 * same contract always gives the same bytes. */
char           *rubric_contract_to_xml         (const RubricContract  *contract);

/* The name of the highest grade whose min is ≤ @rating, or NULL (no such
 * grade, or @rating is NaN). */
const char     *rubric_contract_grade_for      (const RubricContract  *contract,
                                                double                 rating);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RubricContract, rubric_contract_free)

G_END_DECLS
