/* test-csv.c — tests of the RFC 4180 CSV reader and writer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "rubric-csv.h"
#include "rubric-error.h"

/* A stream that hands out at most a few bytes per read, so that every
 * record, quote and line break of a test also falls across the reader's
 * buffer boundaries. */
#define TEST_TYPE_TRICKLE_STREAM (test_trickle_stream_get_type ())
G_DECLARE_FINAL_TYPE (TestTrickleStream, test_trickle_stream, TEST, TRICKLE_STREAM, GInputStream)

struct _TestTrickleStream
{
  GInputStream  parent_instance;

  GBytes       *bytes;
  gsize         pos;
  gsize         chunk;
};

G_DEFINE_TYPE (TestTrickleStream, test_trickle_stream, G_TYPE_INPUT_STREAM)

static gssize
test_trickle_stream_read (GInputStream  *stream,
                          void          *buffer,
                          gsize          count,
                          GCancellable  *cancellable,
                          GError       **error)
{
  TestTrickleStream *self = TEST_TRICKLE_STREAM (stream);
  gsize size;
  const guint8 *data = g_bytes_get_data (self->bytes, &size);
  gsize n = MIN (MIN (count, self->chunk), size - self->pos);

  if (n > 0)  /* an empty GBytes has no data pointer at all */
    memcpy (buffer, data + self->pos, n);
  self->pos += n;
  return (gssize) n;
}

static void
test_trickle_stream_finalize (GObject *object)
{
  TestTrickleStream *self = TEST_TRICKLE_STREAM (object);

  g_bytes_unref (self->bytes);
  G_OBJECT_CLASS (test_trickle_stream_parent_class)->finalize (object);
}

static void
test_trickle_stream_class_init (TestTrickleStreamClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_trickle_stream_finalize;
  G_INPUT_STREAM_CLASS (klass)->read_fn = test_trickle_stream_read;
}

static void
test_trickle_stream_init (TestTrickleStream *self)
{
}

static GInputStream *
make_stream (const char *data,
             gsize       len,
             gsize       chunk)
{
  TestTrickleStream *stream;

  if (chunk == 0)
    return g_memory_input_stream_new_from_data (g_memdup2 (data, len), (gssize) len, g_free);

  stream = g_object_new (TEST_TYPE_TRICKLE_STREAM, NULL);
  stream->bytes = g_bytes_new (data, len);
  stream->chunk = chunk;
  return G_INPUT_STREAM (stream);
}

/* Records as "LINE:f1|f2;" with line breaks inside fields shown as \n, \r. */
static void
append_record (GString   *out,
               gint64     line,
               GPtrArray *fields)
{
  g_string_append_printf (out, "%" G_GINT64_FORMAT ":", line);
  for (guint i = 0; i < fields->len; i++)
    {
      const char *field = g_ptr_array_index (fields, i);

      if (i > 0)
        g_string_append_c (out, '|');
      for (const char *p = field; *p != '\0'; p++)
        {
          if (*p == '\n')
            g_string_append (out, "\\n");
          else if (*p == '\r')
            g_string_append (out, "\\r");
          else
            g_string_append_c (out, *p);
        }
    }
  g_string_append_c (out, ';');
}

/* Reads all of @data through a stream handing out @chunk bytes at a time
 * (0: all at once). Returns the records, or NULL with @error set. */
static char *
read_all_chunked (const char  *data,
                  gssize       len,
                  char         separator,
                  gsize        chunk,
                  GError     **error)
{
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(RubricCsvReader) reader = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  GPtrArray *fields = NULL;
  gsize length = len < 0 ? strlen (data) : (gsize) len;

  stream = make_stream (data, length, chunk);
  reader = rubric_csv_reader_new (stream, "test.csv", separator);

  while (rubric_csv_reader_next (reader, &fields, NULL, error))
    append_record (out, rubric_csv_reader_get_line (reader), fields);

  if (error != NULL && *error != NULL)
    {
      g_assert_null (fields);
      /* After an error the reader stays at its end. */
      g_assert_false (rubric_csv_reader_next (reader, &fields, NULL, NULL));
      return NULL;
    }

  g_assert_cmpuint (rubric_csv_reader_get_offset (reader), ==, length);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static const gsize chunks[] = { 0, 1, 2, 3, 7 };

/* Every chunk size must give the same records. */
static void
check_records (const char *data,
               gssize      len,
               char        separator,
               const char *expected)
{
  for (guint i = 0; i < G_N_ELEMENTS (chunks); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *got = read_all_chunked (data, len, separator, chunks[i], &error);

      g_assert_no_error (error);
      g_assert_cmpstr (got, ==, expected);
    }
}

/* Every chunk size must fail with "test.csv:LINE: " and @fragment. */
static void
check_error (const char *data,
             gssize      len,
             gint64      line,
             const char *fragment)
{
  g_autofree char *prefix = g_strdup_printf ("test.csv:%" G_GINT64_FORMAT ": ", line);

  for (guint i = 0; i < G_N_ELEMENTS (chunks); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *got = read_all_chunked (data, len, ',', chunks[i], &error);

      g_assert_null (got);
      g_assert_error (error, RUBRIC_ERROR, RUBRIC_ERROR_INPUT);
      if (!g_str_has_prefix (error->message, prefix))
        g_error ("expected “%s…”, got “%s”", prefix, error->message);
      g_assert_nonnull (strstr (error->message, fragment));
    }
}

static void
test_csv_simple (void)
{
  check_records ("a,b,c\n1,2,3\n", -1, ',', "1:a|b|c;2:1|2|3;");
  check_records ("a,b\n1,2", -1, ',', "1:a|b;2:1|2;");
  check_records ("a,b\r\n1,2\r\n", -1, ',', "1:a|b;2:1|2;");
  check_records ("a,b\r\n1,2\r", -1, ',', "1:a|b;2:1|2;");
  check_records (",,\n", -1, ',', "1:||;");
  check_records ("a,\n", -1, ',', "1:a|;");
  check_records ("x\n", -1, ',', "1:x;");
  check_records ("ā,€,𝄞\n", -1, ',', "1:ā|€|𝄞;");
  check_records ("a\tb,c\n", -1, '\t', "1:a|b,c;");
}

static void
test_csv_quotes (void)
{
  check_records ("\"a,1\",\"he said \"\"hi\"\"\",\"\"\n", -1, ',',
                 "1:a,1|he said \"hi\"|;");
  check_records ("\"x\"", -1, ',', "1:x;");
  check_records ("\"\"\"\"\n", -1, ',', "1:\";");
  check_records ("\"a\",b,\"c\"\r\n", -1, ',', "1:a|b|c;");
  check_records ("\"tab\tand,comma\"\n", -1, '\t', "1:tab\tand,comma;");
}

static void
test_csv_line_numbers (void)
{
  check_records ("h1,h2\n"
                 "\"multi\nline\",x\n"
                 "\"a\r\nb\",y\r\n"
                 "\"three\n\nlines\",\"and\nmore\"\n"
                 "last,z\n",
                 -1, ',',
                 "1:h1|h2;2:multi\\nline|x;4:a\\r\\nb|y;6:three\\n\\nlines|and\\nmore;"
                 "10:last|z;");
}

static void
test_csv_empty_lines (void)
{
  /* An empty last line is no record; an empty line before it is one with a
   * single empty field, for the caller to judge. */
  check_records ("", -1, ',', "");
  check_records ("a\n", -1, ',', "1:a;");
  check_records ("\n", -1, ',', "1:;");
  check_records ("a\n\nb\n", -1, ',', "1:a;2:;3:b;");
  check_records ("\"\"\n", -1, ',', "1:;");
}

static void
test_csv_bom (void)
{
  check_records ("\xEF\xBB\xBFid,name\n1,x\n", -1, ',', "1:id|name;2:1|x;");
  check_records ("\xEF\xBB\xBF", -1, ',', "");
  check_records ("\xEF\xBB\xBF\"q\"\n", -1, ',', "1:q;");
  /* Only at the start. */
  check_error ("a\n\xEF\xBB\xBF" "b\xFF\n", -1, 2, "UTF-8");
}

static void
test_csv_bad_utf8 (void)
{
  check_error ("a,b\n1,\xFF\n", -1, 2, "UTF-8");
  check_error ("a,b\n1,caf\xC3\n", -1, 2, "UTF-8");
  check_error ("\xC0\xAF\n", -1, 1, "UTF-8");
  /* In a quoted field over several lines, the line of the bad byte. */
  check_error ("a\n\"x\ny\xFF\"\n", -1, 3, "UTF-8");
  check_error ("a,b\n\"x\ny\",\"z\n\xED\xA0\x80\"\n", -1, 4, "UTF-8");
}

static void
test_csv_unterminated (void)
{
  check_error ("a,b\n1,\"open\n2,3\n", -1, 2, "never closed");
  check_error ("\"", -1, 1, "never closed");
  check_error ("a\nb\n\"c\"\"\n", -1, 3, "never closed");
}

static void
test_csv_stray_quote (void)
{
  check_error ("a,b\n1,x\"y\n", -1, 2, "quote");
  check_error ("a,b\n1, \"y\"\n", -1, 2, "quote");
  check_error ("\"a\"b\n", -1, 1, "closing quote");
  check_error ("h\n\"a\nb\" \n", -1, 3, "closing quote");
}

static void
test_csv_nul (void)
{
  check_error ("a,b\n1,\0\n", 8, 2, "NUL");
  check_error ("a,b\n\"1\0\"\n", 9, 2, "NUL");
  check_error ("\"a\"\0\n", 5, 1, "NUL");
}

static void
test_csv_bare_cr (void)
{
  check_error ("a\rb\n", -1, 1, "carriage return");
  check_error ("a\n\"b\"\rc\n", -1, 2, "carriage return");
  /* Inside quotes it is text. */
  check_records ("\"a\rb\"\n", -1, ',', "1:a\\rb;");
}

/* Many records across many buffers, with quotes and line breaks. */
static void
test_csv_large (void)
{
  g_autoptr(GString) data = g_string_new ("id,text\r\n");
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(RubricCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *fields = NULL;
  guint n = 0;

  for (guint i = 0; i < 30000; i++)
    g_string_append_printf (data, "%u,\"row %u, \"\"quoted\"\"\nsecond line\"\r\n", i, i);

  stream = make_stream (data->str, data->len, 0);
  reader = rubric_csv_reader_new (stream, "large.csv", ',');

  g_assert_true (rubric_csv_reader_next (reader, &fields, NULL, &error));
  g_assert_cmpstr (g_ptr_array_index (fields, 0), ==, "id");

  while (rubric_csv_reader_next (reader, &fields, NULL, &error))
    {
      g_autofree char *text = g_strdup_printf ("row %u, \"quoted\"\nsecond line", n);
      g_autofree char *id = g_strdup_printf ("%u", n);

      g_assert_cmpuint (fields->len, ==, 2);
      g_assert_cmpstr (g_ptr_array_index (fields, 0), ==, id);
      g_assert_cmpstr (g_ptr_array_index (fields, 1), ==, text);
      g_assert_cmpint (rubric_csv_reader_get_line (reader), ==, 2 + 2 * (gint64) n);
      n++;
    }

  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 30000);
  g_assert_cmpuint (rubric_csv_reader_get_offset (reader), ==, data->len);
}

static void
test_csv_cancelled (void)
{
  g_autoptr(GInputStream) stream = make_stream ("a,b\n", 4, 0);
  g_autoptr(RubricCsvReader) reader = rubric_csv_reader_new (stream, "test.csv", ',');
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  GPtrArray *fields = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_false (rubric_csv_reader_next (reader, &fields, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_csv_append_field (void)
{
  static const struct
  {
    const char *field;
    const char *expected;
  } cases[] = {
    { "plain", "plain" },
    { "", "" },
    { NULL, "" },
    { "a,b", "\"a,b\"" },
    { "say \"hi\"", "\"say \"\"hi\"\"\"" },
    { "two\nlines", "\"two\nlines\"" },
    { "cr\r", "\"cr\r\"" },
    { "a=b", "a=b" },
    { " =x", " =x" },
    { "ā", "ā" },
    /* Formulas are defused; numbers are not. */
    { "=SUM(A1:A3)", "'=SUM(A1:A3)" },
    { "=1+2,3", "\"'=1+2,3\"" },
    { "=\"x\"", "\"'=\"\"x\"\"\"" },
    { "+41 22 555", "'+41 22 555" },
    { "-", "'-" },
    { "+", "'+" },
    { "@cmd", "'@cmd" },
    { "\tx", "'\tx" },
    { "\r=1", "\"'\r=1\"" },
    { "-inf", "'-inf" },
    { "-nan", "'-nan" },
    { "-0x1A", "'-0x1A" },
    { "-3.5", "-3.5" },
    { "+7", "+7" },
    { "-1e3", "-1e3" },
    { "-0", "-0" },
    { "-.5", "-.5" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) out = g_string_new ("<");
      g_autofree char *expected = g_strdup_printf ("<%s>", cases[i].expected);

      /* Appends, never replaces. */
      rubric_csv_append_field (out, cases[i].field);
      g_string_append_c (out, '>');
      g_assert_cmpstr (out->str, ==, expected);
    }
}

static void
test_csv_append_record (void)
{
  static const char * const fields[] = { "a", "b,c", "=x", NULL, "-2" };
  g_autoptr(GString) out = g_string_new (NULL);

  rubric_csv_append_record (out, fields, G_N_ELEMENTS (fields));
  g_assert_cmpstr (out->str, ==, "a,\"b,c\",'=x,,-2\r\n");

  g_string_truncate (out, 0);
  rubric_csv_append_record (out, NULL, 0);
  g_assert_cmpstr (out->str, ==, "\r\n");
}

static void
test_csv_append_number (void)
{
  static const struct
  {
    double      value;
    const char *expected;
  } cases[] = {
    { 0, "0.00" },
    { 3.14159, "3.14" },
    { 2.5, "2.50" },
    { -1.236, "-1.24" },
    { -0.001, "0.00" },
    { 1e6, "1000000.00" },
    { 80, "80.00" },
  };
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_string_truncate (out, 0);
      rubric_csv_append_number (out, cases[i].value);
      g_assert_cmpstr (out->str, ==, cases[i].expected);
    }

  g_string_truncate (out, 0);
  rubric_csv_append_number (out, NAN);
  rubric_csv_append_number (out, INFINITY);
  g_assert_cmpstr (out->str, ==, "");

  g_string_truncate (out, 0);
  rubric_csv_append_number (out, 1.7976931348623157e308);
  g_assert_cmpuint (out->len, ==, 309 + 3);

  /* A decimal comma locale must not leak into the file. */
  if (setlocale (LC_NUMERIC, "de_DE.UTF-8") != NULL ||
      setlocale (LC_NUMERIC, "fr_FR.UTF-8") != NULL)
    {
      g_string_truncate (out, 0);
      rubric_csv_append_number (out, 1.5);
      setlocale (LC_NUMERIC, "C");
      g_assert_cmpstr (out->str, ==, "1.50");
    }
}

/* What the writer writes, the reader reads back. */
static void
test_csv_round_trip (void)
{
  static const char * const fields[] = {
    "plain", "with,comma", "with \"quotes\"", "multi\r\nline", "", "ā€", "-3.5",
  };
  g_autoptr(GString) out = g_string_new ("h1,h2,h3,h4,h5,h6,h7\r\n");
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(RubricCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *record = NULL;

  rubric_csv_append_record (out, fields, G_N_ELEMENTS (fields));
  rubric_csv_append_record (out, fields, G_N_ELEMENTS (fields));

  stream = make_stream (out->str, out->len, 0);
  reader = rubric_csv_reader_new (stream, "round-trip.csv", ',');

  g_assert_true (rubric_csv_reader_next (reader, &record, NULL, &error));
  for (guint n = 0; n < 2; n++)
    {
      g_assert_true (rubric_csv_reader_next (reader, &record, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpint (rubric_csv_reader_get_line (reader), ==, 2 + 2 * n);
      g_assert_cmpuint (record->len, ==, G_N_ELEMENTS (fields));
      for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
        g_assert_cmpstr (g_ptr_array_index (record, i), ==, fields[i]);
    }
  g_assert_false (rubric_csv_reader_next (reader, &record, NULL, &error));
  g_assert_no_error (error);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv/read/simple", test_csv_simple);
  g_test_add_func ("/csv/read/quotes", test_csv_quotes);
  g_test_add_func ("/csv/read/line-numbers", test_csv_line_numbers);
  g_test_add_func ("/csv/read/empty-lines", test_csv_empty_lines);
  g_test_add_func ("/csv/read/bom", test_csv_bom);
  g_test_add_func ("/csv/read/bad-utf8", test_csv_bad_utf8);
  g_test_add_func ("/csv/read/unterminated-quote", test_csv_unterminated);
  g_test_add_func ("/csv/read/stray-quote", test_csv_stray_quote);
  g_test_add_func ("/csv/read/nul", test_csv_nul);
  g_test_add_func ("/csv/read/bare-cr", test_csv_bare_cr);
  g_test_add_func ("/csv/read/large", test_csv_large);
  g_test_add_func ("/csv/read/cancelled", test_csv_cancelled);
  g_test_add_func ("/csv/write/field", test_csv_append_field);
  g_test_add_func ("/csv/write/record", test_csv_append_record);
  g_test_add_func ("/csv/write/number", test_csv_append_number);
  g_test_add_func ("/csv/write/round-trip", test_csv_round_trip);

  return g_test_run ();
}
