/* rubric-contract.c — a vendor's contract: KPI definitions, objectives and grades
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The format is SPEC §8.5, its grammar data/schemas/contract.rng. The schema
 * checks the shape and the value types; this reader checks what a grammar
 * cannot, and names the file and the line of the element at fault.
 *
 * Decisions where the SPEC is silent:
 *  - vendor is required and not blank; timezone is required and must be an
 *    IANA zone this system knows (rubric_time_zone_is_valid), and shaped
 *    like one: GLib would also take a file path, a POSIX TZ rule or a bare
 *    offset, none of which names a place whose clocks follow its law.
 *  - period is day, week, month, quarter or year (default month); custom
 *    ranges are asked for on the command line, not fixed by a contract.
 *  - valid-from is a real day "YYYY-MM-DD"; without it the contract is in
 *    force since always (0001-01-01). A vendor has one contract version per
 *    valid-from; the version in force on a day is the latest one that
 *    starts on or before it.
 *  - minimum-evaluations is a whole number ≥ 0 (default 30); credit-cap is
 *    a percent 0..100, and without it credits are not capped.
 *  - <service-level>: threshold and short-abandon are whole seconds
 *    0..RUBRIC_MAX_THRESHOLD_S (defaults 20 and 5; short-abandon 0 turns
 *    short abandons off), formula defaults to abandons-negative. Whole
 *    seconds keep the rollup buckets exact (rubric-rollups.h).
 *  - <repeat-contact days> is 1..365 (default 7).
 *  - <objective>: metric is one of SPEC §5.1, qa-KEY for a scorecard
 *    category key, or custom:NAME (NAME without whitespace); one objective
 *    per metric; target ≥ 0, and ≤ 100 for the percent metrics and the QA
 *    scores, which cannot go above 100 (a target of 800 is a typo for 80,
 *    and could never be met); weight > 0; credit a percent 0..100.
 *    direction="higher|lower" is required for custom metrics and refused
 *    for the others, whose direction is fixed.
 *  - <grades>: names not blank and distinct, mins distinct percents, and
 *    one of them 0, so that every rating gets a grade. Without <grades> the
 *    SPEC's bands apply (A 95, B 85, C 70, D 0).
 *  - Numbers are plain decimals in the C locale (xsd:decimal: no exponent,
 *    NaN or infinity).
 *  - The children come in the SPEC's order (service-level, repeat-contact,
 *    objectives, grades), which is also the canonical form's: objectives in
 *    file order, grades by min descending, every default written out.
 *  - The schema leaves the values of required attributes to this reader:
 *    libxml2 cannot say which required attribute it refused.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "rubric-contract.h"
#include "rubric-error.h"
#include "rubric-private.h"
#include "rubric-rollups.h"
#include "rubric-time.h"
#include "rubric-xml.h"

#define DEFAULT_PERIOD              "month"
#define DEFAULT_MINIMUM_EVALUATIONS 30
#define DEFAULT_THRESHOLD           20
#define DEFAULT_SHORT_ABANDON       5
#define DEFAULT_FORMULA             RUBRIC_SL_ABANDONS_NEGATIVE
#define DEFAULT_REPEAT_DAYS         7
#define MAX_REPEAT_DAYS             365

/* The FCR look-ahead must stay within what the gap buckets resolve. */
G_STATIC_ASSERT (MAX_REPEAT_DAYS <= RUBRIC_GAP_BUCKET_DAYS);

static const char * const periods[] = {
  "day", "week", "month", "quarter", "year", NULL
};

static const char * const formulas[] = {
  [RUBRIC_SL_ANSWERED] = "answered",
  [RUBRIC_SL_ABANDONS_NEGATIVE] = "abandons-negative",
  [RUBRIC_SL_ABANDONS_IGNORED] = "abandons-ignored",
  [RUBRIC_SL_ABANDONS_POSITIVE] = "abandons-positive",
};

static const struct
{
  const char *name;
  double      min;
} default_grades[] = {
  { "A", 95 },
  { "B", 85 },
  { "C", 70 },
  { "D", 0 },
};

const char *
rubric_sl_formula_to_string (RubricSlFormula formula)
{
  g_return_val_if_fail (formula < G_N_ELEMENTS (formulas), NULL);

  return formulas[formula];
}

gboolean
rubric_sl_formula_from_string (const char      *text,
                               RubricSlFormula *formula)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (formulas); i++)
    if (g_str_equal (text, formulas[i]))
      {
        if (formula != NULL)
          *formula = (RubricSlFormula) i;
        return TRUE;
      }

  return FALSE;
}

/* A scorecard category key (SPEC §1): lowercase letters, digits and '-',
 * not starting with '-'. */
static gboolean
is_category_key (const char *key)
{
  if (!g_ascii_islower (*key) && !g_ascii_isdigit (*key))
    return FALSE;

  for (const char *p = key; *p != '\0'; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '-')
      return FALSE;

  return TRUE;
}

static gboolean
is_lower_better (const char *metric)
{
  return g_str_equal (metric, "abandon-rate") ||
         g_str_equal (metric, "asa") ||
         g_str_equal (metric, "aht");
}

/* Whether a metric's values are percents or QA scores, which never go
 * above 100. */
static gboolean
is_bounded_by_100 (const char *metric)
{
  return g_str_equal (metric, "service-level") ||
         g_str_equal (metric, "abandon-rate") ||
         g_str_equal (metric, "fcr") ||
         g_str_has_prefix (metric, "qa-");
}

static gboolean
is_custom (const char *metric)
{
  return g_str_has_prefix (metric, "custom:");
}

gboolean
rubric_metric_is_valid (const char *metric)
{
  static const char * const fixed[] = {
    "service-level", "abandon-rate", "fcr", "asa", "aht", NULL
  };

  if (metric == NULL)
    return FALSE;

  if (g_strv_contains (fixed, metric))
    return TRUE;

  /* qa-overall is the mean evaluation score; any other qa-KEY a category. */
  if (g_str_has_prefix (metric, "qa-"))
    return is_category_key (metric + strlen ("qa-"));

  if (is_custom (metric))
    return rubric_is_custom_metric_name (metric + strlen ("custom:"));

  return FALSE;
}

RubricBetter
rubric_metric_better (const char *metric)
{
  g_return_val_if_fail (metric != NULL, RUBRIC_BETTER_HIGHER);

  return is_lower_better (metric) ? RUBRIC_BETTER_LOWER : RUBRIC_BETTER_HIGHER;
}

static void
objective_free (gpointer data)
{
  RubricObjective *objective = data;

  g_free (objective->metric);
  g_free (objective);
}

static void
grade_free (gpointer data)
{
  RubricGrade *grade = data;

  g_free (grade->name);
  g_free (grade);
}

static void
add_grade (RubricContract *self,
           const char     *name,
           double          min)
{
  RubricGrade *grade = g_new0 (RubricGrade, 1);

  grade->name = g_strdup (name);
  grade->min = min;
  g_ptr_array_add (self->grades, grade);
}

static void
add_default_grades (RubricContract *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (default_grades); i++)
    add_grade (self, default_grades[i].name, default_grades[i].min);
}

static RubricContract *
contract_new_empty (void)
{
  RubricContract *self = g_new0 (RubricContract, 1);

  self->period = g_strdup (DEFAULT_PERIOD);
  self->valid_from = g_strdup (RUBRIC_CONTRACT_ALWAYS);
  self->minimum_evaluations = DEFAULT_MINIMUM_EVALUATIONS;
  self->threshold = DEFAULT_THRESHOLD;
  self->short_abandon = DEFAULT_SHORT_ABANDON;
  self->formula = DEFAULT_FORMULA;
  self->repeat_days = DEFAULT_REPEAT_DAYS;
  self->objectives = g_ptr_array_new_with_free_func (objective_free);
  self->grades = g_ptr_array_new_with_free_func (grade_free);
  return self;
}

RubricContract *
rubric_contract_new (const char *vendor,
                     const char *timezone)
{
  RubricContract *self;

  g_return_val_if_fail (vendor != NULL, NULL);
  g_return_val_if_fail (timezone != NULL, NULL);

  self = contract_new_empty ();
  self->vendor = g_strdup (vendor);
  self->timezone = g_strdup (timezone);
  add_default_grades (self);
  return self;
}

void
rubric_contract_free (RubricContract *self)
{
  if (self == NULL)
    return;

  g_free (self->vendor);
  g_free (self->timezone);
  g_free (self->period);
  g_free (self->valid_from);
  g_ptr_array_unref (self->objectives);
  g_ptr_array_unref (self->grades);
  g_free (self);
}

/* Attribute readers: an absent attribute leaves *value alone (the default)
 * and returns TRUE. The schema has checked the types already; the ranges
 * are checked again here so that no value can slip past a looser schema. */

static gboolean
read_uint (xmlNode     *node,
           const char  *attribute,
           guint        min,
           guint        max,
           guint       *value,
           const char  *label,
           GError     **error)
{
  g_autofree char *text = rubric_xml_get (node, attribute);
  g_autofree char *copy = NULL;
  const char *digits;
  guint64 parsed;

  if (text == NULL)
    return TRUE;

  /* xsd:integer collapses whitespace and allows a leading '+'. */
  copy = g_strstrip (g_strdup (text));
  digits = copy[0] == '+' ? copy + 1 : copy;

  if (!g_ascii_isdigit (digits[0]) ||
      !g_ascii_string_to_unsigned (digits, 10, min, max, &parsed, NULL))
    {
      rubric_set_input_error (error, label, xmlGetLineNo (node),
                              _("%s of <%s> must be a whole number from %u to %u, not “%s”"),
                              attribute, (const char *) node->name, min, max, text);
      return FALSE;
    }

  *value = (guint) parsed;
  return TRUE;
}

typedef enum
{
  AT_LEAST_ZERO,   /* ≥ 0 */
  ABOVE_ZERO,      /* > 0 */
  PERCENT,         /* 0..100 */
} DecimalRange;

static gboolean
read_decimal (xmlNode       *node,
              const char    *attribute,
              DecimalRange   range,
              gboolean      *present,
              double        *value,
              const char    *label,
              GError       **error)
{
  g_autofree char *text = rubric_xml_get (node, attribute);
  g_autofree char *copy = NULL;
  gboolean ok;
  double parsed;

  if (present != NULL)
    *present = text != NULL;

  if (text == NULL)
    return TRUE;

  copy = g_strstrip (g_strdup (text));
  ok = rubric_parse_double (copy, &parsed);
  if (ok)
    {
      /* "-0" is 0, and written back as "0". */
      if (parsed == 0)
        parsed = 0;

      switch (range)
        {
        case AT_LEAST_ZERO:
          ok = parsed >= 0;
          break;
        case ABOVE_ZERO:
          ok = parsed > 0;
          break;
        case PERCENT:
          ok = parsed >= 0 && parsed <= 100;
          break;
        default:
          g_assert_not_reached ();
        }
    }

  if (!ok)
    {
      switch (range)
        {
        case AT_LEAST_ZERO:
          rubric_set_input_error (error, label, xmlGetLineNo (node),
                                  _("%s of <%s> must be a number of at least 0, not “%s”"),
                                  attribute, (const char *) node->name, text);
          break;
        case ABOVE_ZERO:
          rubric_set_input_error (error, label, xmlGetLineNo (node),
                                  _("%s of <%s> must be a number above 0, not “%s”"),
                                  attribute, (const char *) node->name, text);
          break;
        case PERCENT:
          rubric_set_input_error (error, label, xmlGetLineNo (node),
                                  _("%s of <%s> must be a percent from 0 to 100, not “%s”"),
                                  attribute, (const char *) node->name, text);
          break;
        default:
          g_assert_not_reached ();
        }
      return FALSE;
    }

  *value = parsed;
  return TRUE;
}

/* "Europe/Riga", "America/Argentina/Buenos_Aires", "Etc/GMT+3", "UTC". */
static gboolean
is_blank (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;

  return TRUE;
}

static gboolean
parse_root (RubricContract  *self,
            xmlNode         *root,
            const char      *label,
            GError         **error)
{
  g_autofree char *period = rubric_xml_get (root, "period");
  g_autofree char *valid_from = rubric_xml_get (root, "valid-from");
  long line = xmlGetLineNo (root);
  GDate date;

  self->vendor = rubric_xml_get (root, "vendor");
  self->timezone = rubric_xml_get (root, "timezone");

  if (self->vendor == NULL || is_blank (self->vendor))
    {
      rubric_set_input_error (error, label, line, _("the contract names no vendor"));
      return FALSE;
    }

  if (self->timezone == NULL || !rubric_time_zone_is_valid (self->timezone))
    {
      rubric_set_input_error (error, label, line,
                              _("“%s” is not a time zone this system knows "
                                "(an IANA name such as Europe/Riga)"),
                              self->timezone != NULL ? self->timezone : "");
      return FALSE;
    }

  if (period != NULL)
    {
      if (!g_strv_contains (periods, period))
        {
          rubric_set_input_error (error, label, line,
                                  _("the period must be day, week, month, quarter or year, "
                                    "not “%s”"), period);
          return FALSE;
        }
      g_free (self->period);
      self->period = g_steal_pointer (&period);
    }

  if (valid_from != NULL)
    {
      if (!rubric_time_parse_date (valid_from, &date))
        {
          rubric_set_input_error (error, label, line,
                                  _("valid-from must be a day written YYYY-MM-DD, not “%s”"),
                                  valid_from);
          return FALSE;
        }
      g_free (self->valid_from);
      self->valid_from = g_steal_pointer (&valid_from);
    }

  return read_uint (root, "minimum-evaluations", 0, G_MAXINT32, &self->minimum_evaluations,
                    label, error) &&
         read_decimal (root, "credit-cap", PERCENT, &self->has_credit_cap, &self->credit_cap,
                       label, error);
}

static gboolean
parse_service_level (RubricContract  *self,
                     xmlNode         *node,
                     const char      *label,
                     GError         **error)
{
  g_autofree char *formula = rubric_xml_get (node, "formula");

  if (!read_uint (node, "threshold", 0, RUBRIC_MAX_THRESHOLD_S, &self->threshold,
                  label, error) ||
      !read_uint (node, "short-abandon", 0, RUBRIC_MAX_THRESHOLD_S, &self->short_abandon,
                  label, error))
    return FALSE;

  if (formula != NULL && !rubric_sl_formula_from_string (formula, &self->formula))
    {
      rubric_set_input_error (error, label, xmlGetLineNo (node),
                              _("the service level formula must be answered, "
                                "abandons-negative, abandons-ignored or abandons-positive, "
                                "not “%s”"), formula);
      return FALSE;
    }

  return TRUE;
}

static gboolean
parse_objective (RubricContract  *self,
                 xmlNode         *node,
                 const char      *label,
                 GError         **error)
{
  g_autofree char *direction = rubric_xml_get (node, "direction");
  g_autofree char *target = rubric_xml_get (node, "target");
  g_autofree char *weight = rubric_xml_get (node, "weight");
  RubricObjective *objective;
  long line = xmlGetLineNo (node);

  objective = g_new0 (RubricObjective, 1);
  objective->metric = rubric_xml_get (node, "metric");
  g_ptr_array_add (self->objectives, objective);

  if (!rubric_metric_is_valid (objective->metric))
    {
      rubric_set_input_error (error, label, line,
                              _("unknown metric “%s” (expected service-level, abandon-rate, "
                                "fcr, asa, aht, qa-overall, qa-CATEGORY or custom:NAME)"),
                              objective->metric != NULL ? objective->metric : "");
      return FALSE;
    }

  for (guint i = 0; i + 1 < self->objectives->len; i++)
    {
      RubricObjective *other = g_ptr_array_index (self->objectives, i);

      if (g_str_equal (other->metric, objective->metric))
        {
          rubric_set_input_error (error, label, line,
                                  _("metric “%s” has two objectives"), objective->metric);
          return FALSE;
        }
    }

  if (is_custom (objective->metric))
    {
      if (g_strcmp0 (direction, "higher") == 0)
        objective->better = RUBRIC_BETTER_HIGHER;
      else if (g_strcmp0 (direction, "lower") == 0)
        objective->better = RUBRIC_BETTER_LOWER;
      else if (direction == NULL)
        {
          rubric_set_input_error (error, label, line,
                                  _("the custom metric “%s” needs direction=\"higher\" or "
                                    "direction=\"lower\""), objective->metric);
          return FALSE;
        }
      else
        {
          rubric_set_input_error (error, label, line,
                                  _("direction must be higher or lower, not “%s”"), direction);
          return FALSE;
        }
    }
  else
    {
      if (direction != NULL)
        {
          rubric_set_input_error (error, label, line,
                                  _("the direction of “%s” is fixed; direction is only for "
                                    "custom metrics"), objective->metric);
          return FALSE;
        }
      objective->better = rubric_metric_better (objective->metric);
    }

  if (target == NULL || weight == NULL)
    {
      rubric_set_input_error (error, label, line,
                              _("the objective for “%s” needs a target and a weight"),
                              objective->metric);
      return FALSE;
    }

  if (!read_decimal (node, "target", AT_LEAST_ZERO, NULL, &objective->target, label, error) ||
      !read_decimal (node, "weight", ABOVE_ZERO, NULL, &objective->weight, label, error) ||
      !read_decimal (node, "credit", PERCENT, &objective->has_credit, &objective->credit,
                     label, error))
    return FALSE;

  if (is_bounded_by_100 (objective->metric) && objective->target > 100)
    {
      rubric_set_input_error (error, label, line,
                              _("the target of “%s” cannot be above 100, not “%s”"),
                              objective->metric, target);
      return FALSE;
    }

  return TRUE;
}

static int
compare_grades (gconstpointer a,
                gconstpointer b)
{
  const RubricGrade *ga = *(RubricGrade * const *) a;
  const RubricGrade *gb = *(RubricGrade * const *) b;

  return (gb->min > ga->min) - (gb->min < ga->min);
}

static gboolean
parse_grades (RubricContract  *self,
              xmlNode         *node,
              const char      *label,
              GError         **error)
{
  gboolean has_zero = FALSE;

  for (xmlNode *child = node->children; child; child = child->next)
    {
      g_autofree char *name = NULL;
      g_autofree char *min_text = NULL;
      long line;
      double min = 0;

      if (!rubric_xml_is (child, RUBRIC_CONTRACT_NS, "grade"))
        continue;

      line = xmlGetLineNo (child);
      name = rubric_xml_get (child, "name");
      if (name == NULL || is_blank (name))
        {
          rubric_set_input_error (error, label, line, _("a grade has no name"));
          return FALSE;
        }

      min_text = rubric_xml_get (child, "min");
      if (min_text == NULL)
        {
          rubric_set_input_error (error, label, line, _("grade “%s” has no min"), name);
          return FALSE;
        }

      if (!read_decimal (child, "min", PERCENT, NULL, &min, label, error))
        return FALSE;

      for (guint i = 0; i < self->grades->len; i++)
        {
          RubricGrade *other = g_ptr_array_index (self->grades, i);

          if (g_str_equal (other->name, name))
            {
              rubric_set_input_error (error, label, line,
                                      _("grade “%s” is given twice"), name);
              return FALSE;
            }
          if (other->min == min)
            {
              rubric_set_input_error (error, label, line,
                                      _("grades “%s” and “%s” have the same min"),
                                      other->name, name);
              return FALSE;
            }
        }

      has_zero |= min == 0;
      add_grade (self, name, min);
    }

  if (self->grades->len == 0)
    {
      rubric_set_input_error (error, label, xmlGetLineNo (node), _("<grades> has no grade"));
      return FALSE;
    }

  if (!has_zero)
    {
      rubric_set_input_error (error, label, xmlGetLineNo (node),
                              _("the lowest grade must have min=\"0\", so that every rating "
                                "gets a grade"));
      return FALSE;
    }

  g_ptr_array_sort (self->grades, compare_grades);
  return TRUE;
}

RubricContract *
rubric_contract_new_from_xml (const char  *label,
                              const char  *data,
                              gssize       length,
                              GError     **error)
{
  g_autoptr(xmlDoc) doc = NULL;
  g_autoptr(RubricContract) self = NULL;
  gboolean has_grades = FALSE;
  xmlNode *root;

  g_return_val_if_fail (label != NULL, NULL);
  g_return_val_if_fail (data != NULL || length <= 0, NULL);

  if (length < 0)
    length = data != NULL ? (gssize) strlen (data) : 0;

  doc = rubric_xml_parse (label, data, (gsize) length, RUBRIC_CONTRACT_NS, "contract",
                          "contract.rng", error);
  if (doc == NULL)
    return NULL;

  root = xmlDocGetRootElement (doc);
  self = contract_new_empty ();
  if (!parse_root (self, root, label, error))
    return NULL;

  for (xmlNode *child = root->children; child; child = child->next)
    {
      if (rubric_xml_is (child, RUBRIC_CONTRACT_NS, "service-level"))
        {
          if (!parse_service_level (self, child, label, error))
            return NULL;
        }
      else if (rubric_xml_is (child, RUBRIC_CONTRACT_NS, "repeat-contact"))
        {
          if (!read_uint (child, "days", 1, MAX_REPEAT_DAYS, &self->repeat_days, label, error))
            return NULL;
        }
      else if (rubric_xml_is (child, RUBRIC_CONTRACT_NS, "objective"))
        {
          if (!parse_objective (self, child, label, error))
            return NULL;
        }
      else if (rubric_xml_is (child, RUBRIC_CONTRACT_NS, "grades"))
        {
          /* The schema allows one <grades>; a second would mix two scales. */
          if (has_grades)
            {
              rubric_set_input_error (error, label, xmlGetLineNo (child),
                                      _("<grades> is given twice"));
              return NULL;
            }
          has_grades = TRUE;
          if (!parse_grades (self, child, label, error))
            return NULL;
        }
    }

  if (!has_grades)
    add_default_grades (self);

  return g_steal_pointer (&self);
}

RubricContract *
rubric_contract_new_from_file (const char  *path,
                               GError     **error)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);

  if (!rubric_read_input_file (path, &data, &length, error))
    return NULL;

  if (length > G_MAXSSIZE)
    {
      rubric_set_input_error (error, path, 0, _("the file is too large"));
      return NULL;
    }

  return rubric_contract_new_from_xml (path, data, (gssize) length, error);
}

/* The canonical form: the store compares it to tell an identical import
 * from a changed one, so the same content must always give the same bytes. */
char *
rubric_contract_to_xml (const RubricContract *self)
{
  g_autoptr(xmlBuffer) buffer = NULL;
  g_autoptr(xmlTextWriter) writer = NULL;
  g_autoptr(GPtrArray) grades = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  writer = rubric_xml_writer_new (&buffer);
  xmlTextWriterStartDocument (writer, "1.0", "UTF-8", NULL);
  xmlTextWriterStartElement (writer, (const xmlChar *) "contract");
  rubric_xml_write_attribute (writer, "xmlns", RUBRIC_CONTRACT_NS);
  rubric_xml_write_attribute (writer, "vendor", self->vendor);
  rubric_xml_write_attribute (writer, "timezone", self->timezone);
  rubric_xml_write_attribute (writer, "period", self->period);
  rubric_xml_write_attribute (writer, "valid-from", self->valid_from);
  rubric_xml_write_uint_attribute (writer, "minimum-evaluations", self->minimum_evaluations);
  if (self->has_credit_cap)
    rubric_xml_write_double_attribute (writer, "credit-cap", self->credit_cap);

  xmlTextWriterStartElement (writer, (const xmlChar *) "service-level");
  rubric_xml_write_uint_attribute (writer, "threshold", self->threshold);
  rubric_xml_write_uint_attribute (writer, "short-abandon", self->short_abandon);
  rubric_xml_write_attribute (writer, "formula", rubric_sl_formula_to_string (self->formula));
  xmlTextWriterEndElement (writer);

  xmlTextWriterStartElement (writer, (const xmlChar *) "repeat-contact");
  rubric_xml_write_uint_attribute (writer, "days", self->repeat_days);
  xmlTextWriterEndElement (writer);

  for (guint i = 0; i < self->objectives->len; i++)
    {
      RubricObjective *objective = g_ptr_array_index (self->objectives, i);

      xmlTextWriterStartElement (writer, (const xmlChar *) "objective");
      rubric_xml_write_attribute (writer, "metric", objective->metric);
      rubric_xml_write_double_attribute (writer, "target", objective->target);
      if (is_custom (objective->metric))
        rubric_xml_write_attribute (writer, "direction",
                         objective->better == RUBRIC_BETTER_LOWER ? "lower" : "higher");
      rubric_xml_write_double_attribute (writer, "weight", objective->weight);
      if (objective->has_credit)
        rubric_xml_write_double_attribute (writer, "credit", objective->credit);
      xmlTextWriterEndElement (writer);
    }

  /* Sorted here too, in case the caller built the list by hand. */
  grades = g_ptr_array_copy (self->grades, NULL, NULL);
  g_ptr_array_set_free_func (grades, NULL);  /* the copy borrows the grades */
  g_ptr_array_sort (grades, compare_grades);

  xmlTextWriterStartElement (writer, (const xmlChar *) "grades");
  for (guint i = 0; i < grades->len; i++)
    {
      RubricGrade *grade = g_ptr_array_index (grades, i);

      xmlTextWriterStartElement (writer, (const xmlChar *) "grade");
      rubric_xml_write_attribute (writer, "name", grade->name);
      rubric_xml_write_double_attribute (writer, "min", grade->min);
      xmlTextWriterEndElement (writer);
    }
  xmlTextWriterEndElement (writer);

  xmlTextWriterEndDocument (writer);
  g_clear_pointer (&writer, xmlFreeTextWriter);

  return g_strdup ((const char *) xmlBufferContent (buffer));
}

const char *
rubric_contract_grade_for (const RubricContract *self,
                           double                rating)
{
  const RubricGrade *best = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  if (isnan (rating))
    return NULL;

  /* Every band is looked at, not only up to the first match, so that a
   * list built by hand in any order still gives the right grade. */
  for (guint i = 0; i < self->grades->len; i++)
    {
      const RubricGrade *grade = g_ptr_array_index (self->grades, i);

      if (grade->min <= rating && (best == NULL || grade->min > best->min))
        best = grade;
    }

  return best != NULL ? best->name : NULL;
}
