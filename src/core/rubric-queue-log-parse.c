/* rubric-queue-log-parse.c — splits and checks one line of an Asterisk queue_log (SPEC §4.2)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything here depends on the line alone, never on the calls seen before:
 * the import applies the checked lines, and the scans for unmapped queues
 * share the splitting and the event table.
 */

#include "config.h"

#include <string.h>

#include "rubric-error.h"
#include "rubric-private.h"
#include "rubric-queue-log-private.h"
#include "rubric-time.h"

/* The largest time and duration believed: year 5138, and 30 years. */
#define MAX_EPOCH   G_GINT64_CONSTANT (99999999999)
#define MAX_SECONDS 1e9

/* SPEC §4.2. Data fields count from 1 (data1 is the sixth field). */
static const EventInfo events[] = {
  { "ENTERQUEUE",       EVENT_ENTERQUEUE, 0, 0, RUBRIC_OUTCOME_PENDING },
  { "CONNECT",          EVENT_CONNECT,    1, 0, RUBRIC_OUTCOME_ANSWERED },
  { "COMPLETECALLER",   EVENT_COMPLETE,   1, 2, RUBRIC_OUTCOME_ANSWERED },
  { "COMPLETEAGENT",    EVENT_COMPLETE,   1, 2, RUBRIC_OUTCOME_ANSWERED },
  { "BLINDTRANSFER",    EVENT_COMPLETE,   3, 4, RUBRIC_OUTCOME_ANSWERED },
  { "ATTENDEDTRANSFER", EVENT_COMPLETE,   3, 4, RUBRIC_OUTCOME_ANSWERED },
  { "TRANSFER",         EVENT_COMPLETE,   3, 4, RUBRIC_OUTCOME_ANSWERED },
  { "ABANDON",          EVENT_LEAVE,      3, 0, RUBRIC_OUTCOME_ABANDONED },
  { "EXITWITHTIMEOUT",  EVENT_LEAVE,      3, 0, RUBRIC_OUTCOME_TIMEOUT },
  { "EXITEMPTY",        EVENT_LEAVE,      3, 0, RUBRIC_OUTCOME_OTHER },
  { "EXITWITHKEY",      EVENT_LEAVE,      4, 0, RUBRIC_OUTCOME_OTHER },
  { "WITHDRAW",         EVENT_LEAVE,      3, 0, RUBRIC_OUTCOME_OTHER },
};

static gboolean
is_ascii (const char *text,
          gsize       length)
{
  guchar any = 0;

  for (gsize i = 0; i < length; i++)
    any |= (guchar) text[i];

  return (any & 0x80) == 0;
}

/* A non-negative number of seconds: "" is absent (TRUE, *present FALSE). */
static gboolean
parse_seconds (const char *text,
               gboolean   *present,
               double     *value)
{
  const char *p = text;
  guint64 whole = 0;

  *present = *text != '\0';
  if (!*present)
    return TRUE;

  /* The common case, plain digits, without strtod. */
  while (*p >= '0' && *p <= '9' && p - text < 10)
    whole = whole * 10 + (guint64) (*p++ - '0');

  if (*p == '\0')
    {
      *value = (double) whole;
      return TRUE;
    }

  return rubric_parse_double (text, value) && *value >= 0 && *value <= MAX_SECONDS;
}

static gboolean
parse_epoch (const char *text,
             gint64     *value)
{
  gint64 t = 0;
  const char *p = text;

  if (*p == '\0')
    return FALSE;

  for (; *p != '\0'; p++)
    {
      if (*p < '0' || *p > '9' || p - text >= 11)
        return FALSE;
      t = t * 10 + (*p - '0');
    }

  *value = t;
  return t <= MAX_EPOCH;
}

/* Splits @text in place at '|' into at most @max_fields fields; the last
 * one keeps the rest of the line. Returns the number of fields. */
guint
rubric_queue_log_split_fields (char  *text,
                               char **field,
                               guint  max_fields)
{
  guint n = 0;

  for (;;)
    {
      char *bar;

      field[n++] = text;
      if (n == max_fields)
        break;
      bar = strchr (text, '|');
      if (bar == NULL)
        break;
      *bar = '\0';
      text = bar + 1;
    }

  return n;
}

const EventInfo *
rubric_queue_log_find_event (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (events); i++)
    if (strcmp (name, events[i].name) == 0)
      return &events[i];

  return NULL;
}

/* Splits @text (NUL-terminated at @length, modified in place) and checks
 * everything that does not depend on the calls seen before. */
gboolean
rubric_queue_log_parse_line (char    *text,
                             gsize    length,
                             Line    *line,
                             GError **error)
{
  const char *name;

  if (memchr (text, '\0', length) != NULL)
    {
      g_set_error_literal (error, RUBRIC_ERROR, RUBRIC_ERROR_INPUT,
                           _("the line holds a NUL byte"));
      return FALSE;
    }

  if (!is_ascii (text, length) && !g_utf8_validate_len (text, length, NULL))
    {
      g_set_error_literal (error, RUBRIC_ERROR, RUBRIC_ERROR_INPUT,
                           _("the line is not valid UTF-8"));
      return FALSE;
    }

  line->n_fields = rubric_queue_log_split_fields (text, line->field,
                                                  RUBRIC_QUEUE_LOG_MAX_FIELDS);
  line->event = NULL;
  line->has_wait = line->has_talk = FALSE;

  if (line->n_fields < 5)
    {
      g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_INPUT,
                   _("the line has %u fields; a queue_log line has at least 5 "
                     "(time|call|queue|agent|EVENT|…)"),
                   line->n_fields);
      return FALSE;
    }

  if (!parse_epoch (line->field[0], &line->time))
    {
      g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_INPUT,
                   _("the time “%s” is not Unix epoch seconds"), line->field[0]);
      return FALSE;
    }

  name = line->field[4];
  if (*name == '\0')
    {
      g_set_error_literal (error, RUBRIC_ERROR, RUBRIC_ERROR_INPUT,
                           _("the event name is empty"));
      return FALSE;
    }

  line->event = rubric_queue_log_find_event (name);
  if (line->event == NULL)
    return TRUE;

  if (is_none (line->field[1]) || is_none (line->field[2]))
    {
      g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_INPUT,
                   _("%s without a call id or a queue"), name);
      return FALSE;
    }

  if (line->event->wait_field > 0 &&
      !parse_seconds (data_field (line, line->event->wait_field),
                      &line->has_wait, &line->wait_s))
    {
      g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_INPUT,
                   _("%s: data%u “%s” is not a number of seconds"),
                   name, line->event->wait_field, data_field (line, line->event->wait_field));
      return FALSE;
    }

  if (line->event->talk_field > 0)
    {
      if (!parse_seconds (data_field (line, line->event->talk_field),
                          &line->has_talk, &line->talk_s))
        {
          g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_INPUT,
                       _("%s: data%u “%s” is not a number of seconds"),
                       name, line->event->talk_field, data_field (line, line->event->talk_field));
          return FALSE;
        }
      if (!line->has_talk)
        {
          g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_INPUT,
                       _("%s has no call time (data%u)"), name, line->event->talk_field);
          return FALSE;
        }
    }

  return TRUE;
}

gboolean
rubric_queue_log_check_line (const char  *line,
                             gsize        length,
                             GError     **error)
{
  g_autofree char *copy = g_strndup (line, length);
  Line parsed;

  /* g_strndup stops at a NUL: check the original bytes. */
  if (memchr (line, '\0', length) != NULL)
    {
      g_set_error_literal (error, RUBRIC_ERROR, RUBRIC_ERROR_INPUT,
                           _("the line holds a NUL byte"));
      return FALSE;
    }

  return rubric_queue_log_parse_line (copy, length, &parsed, error);
}

gboolean
rubric_queue_log_looks_like (const char *data,
                             gsize       length)
{
  const char *p = data;
  const char *end = data + length;

  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    p += 3;
  while (p < end && g_ascii_isspace (*p))
    p++;
  if (p == end || !g_ascii_isdigit (*p))
    return FALSE;
  while (p < end && g_ascii_isdigit (*p))
    p++;

  return p < end && *p == '|';
}
