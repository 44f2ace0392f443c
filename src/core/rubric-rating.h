/* rubric-rating.h — a vendor's rating for a period under its contract (SPEC §5.2)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rubric-contract.h"
#include "rubric-db.h"
#include "rubric-kpis.h"
#include "rubric-period.h"

G_BEGIN_DECLS

#define RUBRIC_RATINGS_NS "urn:rubric:ratings:1"

/* How many periods the trend of a rating covers, the rated one last. */
#define RUBRIC_RATING_TREND_PERIODS 12

/* Where the actual of an objective came from (SPEC §8.6 `source`). */
typedef enum
{
  RUBRIC_RATING_SOURCE_NONE,
  RUBRIC_RATING_SOURCE_CALLS,
  RUBRIC_RATING_SOURCE_METRICS,
  RUBRIC_RATING_SOURCE_EVALUATIONS,
} RubricRatingSource;

const char *rubric_rating_source_to_string (RubricRatingSource source);

/* A mean score over evaluations (SPEC §3.3): n counts the defined scores;
 * has_ci only with n ≥ 2 (Student-t, clipped to 0..100). */
typedef struct
{
  guint64  n;
  gboolean has_mean;
  double   mean;
  gboolean has_ci;
  double   low;
  double   high;
} RubricQaMean;

/* One QA category of the period's evaluations, for the category chart. */
typedef struct
{
  char         *key;      /* "resolution", "ownership", … or a scorecard's own */
  RubricQaMean  mean;
} RubricQaCategory;

/* One objective of the contract and how the period did against it. */
typedef struct
{
  char               *metric;
  double              target;
  double              weight;
  gboolean            has_credit;
  double              credit;         /* percent of the period's fee, owed when missed */
  RubricBetter        better;

  RubricRatingSource  source;         /* NONE: no data, left out of the rating */
  gboolean            has_actual;     /* FALSE exactly when source is NONE */
  double              actual;
  gboolean            has_n;
  guint64             n;              /* SPEC §8.6: denominator, count, or the aggregate's n */
  gboolean            has_ci;
  double              ci_low;
  double              ci_high;
  double              score;          /* attainment 0..100, when has_actual */
  gboolean            met;            /* when has_actual */
  double              score_low;      /* attainment at the CI's low/high end for QA */
  double              score_high;     /* objectives with a CI, else = score */

  gboolean            has_previous;   /* the previous period had an actual */
  double              previous_actual;
} RubricRatingObjective;

/* One point of the trend: the period's rating and its call KPIs. */
typedef struct
{
  RubricDayRange range;
  gboolean       has_rating;
  double         rating;
  double         low;
  double         high;
  RubricKpis     kpis;
} RubricRatingPoint;

typedef struct
{
  char             *vendor;
  char             *timezone;          /* the IANA zone the days are counted in */
  RubricDayRange    range;
  RubricPeriodKind  kind;              /* of the rated period (RANGE for custom ranges) */
  RubricContract   *contract;          /* the version applied */

  gboolean          has_rating;        /* FALSE when no objective has data */
  double            rating;            /* R */
  double            rating_low;        /* R_low, R_high */
  double            rating_high;
  char             *grade;             /* NULL without a rating */
  guint             objectives_met;
  guint             objectives_total;  /* every objective of the contract */
  double            credits;           /* owed, percent, capped */
  double            credits_uncapped;
  guint64           evaluations;       /* submitted evaluations of the period */
  guint64           calls;             /* call records of the period (offered) */
  gboolean          small_sample;      /* a QA objective has n below the contract minimum */
  gboolean          incomplete;        /* objectives without data hold > half the weight */
  double            weight_total;
  double            weight_without_data;

  GPtrArray        *objectives;        /* RubricRatingObjective, in contract order */
  RubricKpis        kpis;              /* of the call records (all zero without calls) */
  RubricQaMean      qa_overall;        /* of the period's submitted evaluations */
  GPtrArray        *qa_categories;     /* RubricQaCategory, sorted by key */

  /* The previous period, with RUBRIC_RATING_WITH_PREVIOUS. */
  gboolean          has_previous;
  RubricDayRange    previous_range;
  gboolean          previous_has_rating;
  double            previous_rating;

  /* RUBRIC_RATING_TREND_PERIODS points, oldest first, the rated period last,
   * with RUBRIC_RATING_WITH_TREND; else NULL. */
  GArray           *trend;             /* RubricRatingPoint */
} RubricRating;

typedef enum
{
  RUBRIC_RATING_WITH_PREVIOUS = 1 << 0,
  RUBRIC_RATING_WITH_TREND    = 1 << 1,
} RubricRatingFlags;

void          rubric_rating_free         (RubricRating       *rating);

/* Rates @vendor_id over @range (local days in the vendor's zone) under the
 * contract version in force on its first day (before the first version:
 * the first version). NULL with RUBRIC_ERROR_NOT_FOUND when the vendor has
 * no contract. */
RubricRating *rubric_rating_compute      (RubricDb           *db,
                                          gint64              vendor_id,
                                          RubricDayRange      range,
                                          RubricPeriodKind    kind,
                                          RubricRatingFlags   flags,
                                          GError            **error);

/* The ratings of @vendor (or, NULL, of every vendor with a contract, by
 * name) over @range: a GPtrArray of RubricRating. */
GPtrArray    *rubric_ratings_compute     (RubricDb           *db,
                                          const char         *vendor,
                                          RubricDayRange      range,
                                          RubricPeriodKind    kind,
                                          RubricRatingFlags   flags,
                                          GError            **error);

/* The attainment score of SPEC §5.2 and whether the objective is met. */
double        rubric_rating_attainment   (double              actual,
                                          double              target,
                                          RubricBetter        better);
gboolean      rubric_rating_is_met       (double              actual,
                                          double              target,
                                          RubricBetter        better);

/* "small-sample;incomplete", "" without flags. */
char         *rubric_rating_flags_string (const RubricRating *rating,
                                          const char         *separator);

/* The exports of SPEC §8.6. CSV: the summary, or with @detail one row per
 * objective; numbers in the C locale, cells guarded against formulas. */
char         *rubric_ratings_to_csv      (GPtrArray          *ratings,
                                          gboolean            detail);
/* XML (urn:rubric:ratings:1, data/schemas/ratings.rng): summary, objectives,
 * KPI definitions and the change against the previous period. */
char         *rubric_ratings_to_xml      (GPtrArray          *ratings);

/* What rubric_ratings_export () writes. */
typedef enum
{
  RUBRIC_RATINGS_EXPORT_CSV,         /* the summary (SPEC §8.6) */
  RUBRIC_RATINGS_EXPORT_DETAIL_CSV,  /* one row per objective */
  RUBRIC_RATINGS_EXPORT_XML,         /* with the previous period */
  RUBRIC_RATINGS_EXPORT_PDF,         /* the report: previous period and trend */
} RubricRatingsExport;

/* What @format shows besides the period itself: the CSV columns are fixed
 * by SPEC §8.6; the XML adds the previous period, the report the trend. */
RubricRatingFlags rubric_ratings_export_flags (RubricRatingsExport format);
/* Writes @ratings (computed with rubric_ratings_export_flags (@format)). */
gboolean      rubric_ratings_write       (GPtrArray          *ratings,
                                          RubricRatingsExport format,
                                          GOutputStream      *out,
                                          GCancellable       *cancellable,
                                          GError            **error);
/* Rates @vendor (NULL: every vendor with a contract) over @range for
 * @format and writes it to @out, as `rubric-cli ratings` does: the app's
 * exports. */
gboolean      rubric_ratings_export      (RubricDb           *db,
                                          const char         *vendor,
                                          RubricDayRange      range,
                                          RubricPeriodKind    kind,
                                          RubricRatingsExport format,
                                          GOutputStream      *out,
                                          GCancellable       *cancellable,
                                          GError            **error);

/* The contract-review report (SPEC §10): A4 pages, cairo + pango, fonts
 * embedded, written to @out. The ratings should carry their previous
 * period and trend. Texts in the current gettext language. */
gboolean      rubric_ratings_write_pdf   (GPtrArray          *ratings,
                                          GOutputStream      *out,
                                          GCancellable       *cancellable,
                                          GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RubricRating, rubric_rating_free)

G_END_DECLS
