/* rubric-csv.c — RFC 4180 CSV reading (streaming, with line numbers) and writing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "rubric-csv.h"
#include "rubric-error.h"
#include "rubric-private.h"
#include "rubric-time.h"

#define BUFFER_SIZE (64 * 1024)

/* A record longer than this is refused instead of held in memory: in a file
 * of gigabytes, a quote left open would otherwise swallow all the rest. */
#define MAX_RECORD_SIZE (16 * 1024 * 1024)

typedef enum
{
  STATE_FIELD_START,
  STATE_UNQUOTED,
  STATE_QUOTED,
  STATE_QUOTE_IN_QUOTED,  /* a quote inside a quoted field: closing or doubled */
  STATE_AFTER_CR,         /* a carriage return outside quotes */
} State;

struct _RubricCsvReader
{
  /* Owned references */
  GInputStream *stream;
  char         *label;
  guint8       *buffer;
  GString      *record;   /* the fields' bytes, each followed by a NUL */
  GArray       *starts;   /* where each field begins in @record */
  GPtrArray    *fields;   /* pointers into @record, handed out */

  gsize         buffer_len;
  gsize         buffer_pos;
  guint64       offset;
  gint64        line;         /* physical line of the read position */
  gint64        record_line;  /* line on which the last record began */
  char          separator;
  guint         bom_checked : 1;
  guint         eof : 1;
  guint         failed : 1;
};

RubricCsvReader *
rubric_csv_reader_new (GInputStream *stream,
                       const char   *label,
                       char          separator)
{
  RubricCsvReader *self;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);
  g_return_val_if_fail (separator > 0 && separator != '"' && separator != '\r' &&
                        separator != '\n', NULL);

  self = g_new0 (RubricCsvReader, 1);
  self->stream = g_object_ref (stream);
  self->label = g_strdup (label != NULL ? label : "-");
  self->buffer = g_malloc (BUFFER_SIZE);
  self->record = g_string_sized_new (256);
  self->starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  self->fields = g_ptr_array_new ();
  self->separator = separator;
  self->line = 1;
  self->record_line = 0;

  return self;
}

void
rubric_csv_reader_free (RubricCsvReader *self)
{
  if (self == NULL)
    return;

  g_clear_object (&self->stream);
  g_free (self->label);
  g_free (self->buffer);
  g_string_free (self->record, TRUE);
  g_array_unref (self->starts);
  g_ptr_array_unref (self->fields);
  g_free (self);
}

gint64
rubric_csv_reader_get_line (RubricCsvReader *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->record_line;
}

guint64
rubric_csv_reader_get_offset (RubricCsvReader *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->offset;
}

/* Reads more of the stream behind the bytes not yet consumed. Returns 1 when
 * there is more, 0 at the end, -1 on error. */
static int
fill (RubricCsvReader  *self,
      GCancellable     *cancellable,
      GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  gsize kept = self->buffer_len - self->buffer_pos;
  gssize n = -1;

  if (self->eof)
    return 0;

  if (kept > 0 && self->buffer_pos > 0)
    memmove (self->buffer, self->buffer + self->buffer_pos, kept);
  self->buffer_pos = 0;
  self->buffer_len = kept;

  if (!g_cancellable_set_error_if_cancelled (cancellable, &local_error))
    n = g_input_stream_read (self->stream, self->buffer + kept, BUFFER_SIZE - kept,
                             cancellable, &local_error);

  if (n < 0)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                     _("%s: cancelled"), self->label);
      else
        g_set_error (error, RUBRIC_ERROR, RUBRIC_ERROR_IO,
                     _("%s: cannot read: %s"), self->label, local_error->message);
      return -1;
    }

  if (n == 0)
    {
      self->eof = TRUE;
      return 0;
    }

  self->buffer_len += (gsize) n;
  return 1;
}

static gboolean
skip_bom (RubricCsvReader  *self,
          GCancellable     *cancellable,
          GError          **error)
{
  static const guint8 bom[] = { 0xEF, 0xBB, 0xBF };

  while (self->buffer_len - self->buffer_pos < sizeof bom)
    {
      int r = fill (self, cancellable, error);

      if (r < 0)
        return FALSE;
      if (r == 0)
        break;
    }

  if (self->buffer_len - self->buffer_pos >= sizeof bom &&
      memcmp (self->buffer + self->buffer_pos, bom, sizeof bom) == 0)
    {
      self->buffer_pos += sizeof bom;
      self->offset += sizeof bom;
    }

  self->bom_checked = TRUE;
  return TRUE;
}

static inline void
end_field (RubricCsvReader *self)
{
  gsize start;

  g_string_append_c (self->record, '\0');
  start = self->record->len;
  g_array_append_val (self->starts, start);
}

/* What a byte outside quotes (in an unquoted field, or after a quoted
 * field's closing quote) does when it ends the field: the separator starts
 * the next field, a line feed ends the record, a carriage return must come
 * before a line feed. FALSE for any other byte. */
static inline gboolean
end_unquoted (RubricCsvReader *self,
              guint8           c,
              State           *state,
              gboolean        *done)
{
  if (c == (guint8) self->separator)
    {
      end_field (self);
      *state = STATE_FIELD_START;
    }
  else if (c == '\n')
    {
      self->line++;
      *done = TRUE;
    }
  else if (c == '\r')
    *state = STATE_AFTER_CR;
  else
    return FALSE;

  return TRUE;
}

/* Hands out the record's fields; each must be valid UTF-8. A bad byte is
 * reported on its own physical line, found by counting the line breaks of
 * the record before it (only quoted fields hold any, as they were). */
static gboolean
finish_record (RubricCsvReader  *self,
               GPtrArray       **fields,
               GError          **error)
{
  /* The last start points past the last field's NUL. */
  guint n_fields = self->starts->len - 1;

  for (guint i = 0; i < n_fields; i++)
    {
      gsize start = g_array_index (self->starts, gsize, i);
      gsize end = g_array_index (self->starts, gsize, i + 1) - 1;
      const char *field = self->record->str + start;
      const char *bad = NULL;

      if (!g_utf8_validate (field, (gssize) (end - start), &bad))
        {
          gint64 line = self->record_line;

          for (const char *p = self->record->str; p < bad; p++)
            if (*p == '\n')
              line++;

          rubric_set_input_error (error, self->label, line, _("invalid UTF-8 text"));
          return FALSE;
        }

      g_ptr_array_add (self->fields, (gpointer) field);
    }

  *fields = self->fields;
  return TRUE;
}

gboolean
rubric_csv_reader_next (RubricCsvReader  *self,
                        GPtrArray       **fields,
                        GCancellable     *cancellable,
                        GError          **error)
{
  State state = STATE_FIELD_START;
  gboolean any = FALSE;
  gboolean done = FALSE;
  gsize zero = 0;
  char separator;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (fields != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *fields = NULL;
  separator = self->separator;

  if (self->failed)
    return FALSE;

  if (!self->bom_checked && !skip_bom (self, cancellable, error))
    goto failed;

  g_string_truncate (self->record, 0);
  g_array_set_size (self->starts, 0);
  g_array_append_val (self->starts, zero);
  g_ptr_array_set_size (self->fields, 0);
  self->record_line = self->line;

  while (!done)
    {
      const guint8 *begin;
      const guint8 *p;
      const guint8 *end;

      if (self->buffer_pos == self->buffer_len)
        {
          int r = fill (self, cancellable, error);

          if (r < 0)
            goto failed;
          if (r == 0)
            break;
        }

      any = TRUE;
      begin = p = self->buffer + self->buffer_pos;
      end = self->buffer + self->buffer_len;

      while (p < end && !done)
        {
          switch (state)
            {
            case STATE_FIELD_START:
              if (*p == '"')
                {
                  state = STATE_QUOTED;
                  p++;
                  break;
                }
              state = STATE_UNQUOTED;
              G_GNUC_FALLTHROUGH;

            case STATE_UNQUOTED:
              {
                const guint8 *span = p;

                while (p < end && *p != separator && *p != '"' &&
                       *p != '\r' && *p != '\n' && *p != '\0')
                  p++;
                g_string_append_len (self->record, (const char *) span, p - span);

                if (p == end)
                  break;

                if (!end_unquoted (self, *p, &state, &done))
                  {
                    if (*p != '"')
                      goto nul_byte;
                    rubric_set_input_error (error, self->label, self->line,
                                            _("a quote inside a field that does not "
                                              "begin with one"));
                    goto failed;
                  }
                p++;
              }
              break;

            case STATE_QUOTED:
              {
                const guint8 *span = p;

                while (p < end && *p != '"' && *p != '\n' && *p != '\0')
                  p++;
                g_string_append_len (self->record, (const char *) span, p - span);

                if (p == end)
                  break;

                if (*p == '\n')
                  {
                    g_string_append_c (self->record, '\n');
                    self->line++;
                  }
                else if (*p == '"')
                  state = STATE_QUOTE_IN_QUOTED;
                else
                  goto nul_byte;
                p++;
              }
              break;

            case STATE_QUOTE_IN_QUOTED:
              if (*p == '"')
                {
                  g_string_append_c (self->record, '"');
                  state = STATE_QUOTED;
                }
              else if (!end_unquoted (self, *p, &state, &done))
                {
                  if (*p == '\0')
                    goto nul_byte;
                  rubric_set_input_error (error, self->label, self->line,
                                          _("text after the closing quote of a field "
                                            "(a quote inside a quoted field is "
                                            "written twice)"));
                  goto failed;
                }
              p++;
              break;

            case STATE_AFTER_CR:
              if (*p != '\n')
                {
                  rubric_set_input_error (error, self->label, self->line,
                                          _("a carriage return that does not end a line"));
                  goto failed;
                }
              self->line++;
              done = TRUE;
              p++;
              break;

            default:
              g_assert_not_reached ();
            }
        }

      self->buffer_pos += (gsize) (p - begin);
      self->offset += (guint64) (p - begin);

      if (self->record->len > MAX_RECORD_SIZE)
        {
          rubric_set_input_error (error, self->label, self->record_line,
                                  _("the record beginning here is longer than %d MiB "
                                    "(is a quote left open?)"),
                                  MAX_RECORD_SIZE / (1024 * 1024));
          goto failed;
        }
    }

  /* The end of the data: a record that was begun ends here, but an empty
   * last line is not a record. */
  if (!done)
    {
      if (!any)
        return FALSE;

      if (state == STATE_QUOTED)
        {
          rubric_set_input_error (error, self->label, self->record_line,
                                  _("a quoted field that begins on this line is never "
                                    "closed"));
          goto failed;
        }
    }

  end_field (self);
  if (!finish_record (self, fields, error))
    goto failed;

  return TRUE;

nul_byte:
  rubric_set_input_error (error, self->label, self->line,
                          _("a NUL byte (this is not a text file)"));

failed:
  self->failed = TRUE;
  g_ptr_array_set_size (self->fields, 0);
  *fields = NULL;
  return FALSE;
}

/* A cell that a spreadsheet would run as a formula (SPEC §8.6); numbers such
 * as "-3.5" are left alone. */
static gboolean
is_formula_like (const char *field)
{
  double value;

  switch (field[0])
    {
    case '=':
    case '+':
    case '-':
    case '@':
    case '\t':
    case '\r':
      return !rubric_parse_double (field, &value);

    default:
      return FALSE;
    }
}

void
rubric_csv_append_field (GString    *out,
                         const char *field)
{
  gboolean guard;

  g_return_if_fail (out != NULL);

  if (field == NULL || *field == '\0')
    return;

  guard = is_formula_like (field);

  if (strpbrk (field, ",\"\r\n") == NULL)
    {
      if (guard)
        g_string_append_c (out, '\'');
      g_string_append (out, field);
      return;
    }

  g_string_append_c (out, '"');
  if (guard)
    g_string_append_c (out, '\'');
  for (const char *p = field; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

void
rubric_csv_append_record (GString            *out,
                          const char * const *fields,
                          gsize               n_fields)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (fields != NULL || n_fields == 0);

  for (gsize i = 0; i < n_fields; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      rubric_csv_append_field (out, fields[i]);
    }
  g_string_append (out, "\r\n");
}

/* Infinities are left empty like NaN: no reader of ours would take them. */
void
rubric_csv_append_number (GString *out,
                          double   value)
{
  /* "%.2f" of the largest double has 309 digits before the point. */
  char buffer[G_ASCII_DTOSTR_BUF_SIZE + 320];

  g_return_if_fail (out != NULL);

  if (!isfinite (value))
    return;

  g_ascii_formatd (buffer, sizeof buffer, "%.2f", value);

  /* A small negative value rounds to "-0.00", which reads as a typo. */
  if (strcmp (buffer, "-0.00") == 0)
    g_string_append (out, "0.00");
  else
    g_string_append (out, buffer);
}
