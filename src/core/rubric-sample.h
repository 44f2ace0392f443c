/* rubric-sample.h — a week of realistic sample data for a first look at Rubric
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rubric-db.h"

G_BEGIN_DECLS

/* The six sample calls that have a recording carry the URIs
 * RUBRIC_SAMPLE_RECORDING_PREFIX "call-1.wav" … "call-6.wav": the app
 * compiles data/sample/rubric-sample.gresource.xml, which holds them. */
#define RUBRIC_SAMPLE_RECORDING_PREFIX "resource:///io/github/rubricqa/Rubric/sample/"
#define RUBRIC_SAMPLE_N_RECORDINGS     6

/* Fills an empty database with sample data, in one transaction: the shipped
 * scorecard (if it is not there yet), three vendors with contracts, their
 * queues and nine agents, a week of about 600 calls ending yesterday (UTC)
 * in each vendor's time zone, and 25 evaluations of those calls (drafts, a
 * calibration, an auto-fail), with a history before them: two or three
 * submitted evaluations per agent in each of the 11 ISO weeks before the
 * one that holds the last day, whose calls are not among the call records.
 * The same day always gives the same data. Refused with
 * RUBRIC_ERROR_INPUT, the database untouched, when it already holds calls or
 * evaluations. Takes well under a tenth of a second. */
gboolean rubric_sample_load        (RubricDb  *db,
                                    GError   **error);
/* The same, for the week whose last local day is @last_day (days since
 * 1970-01-01, rubric-period.h). */
gboolean rubric_sample_load_ending (RubricDb  *db,
                                    gint32     last_day,
                                    GError   **error);

G_END_DECLS
