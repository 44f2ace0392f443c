/* fuzz-csv.c — libFuzzer target for the CSV reader and the value parsers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every record is read, every field goes through the instant and number
 * parsers the imports use, and what the writer makes of the fields must
 * read back as the same fields.
 */

#include "config.h"

#include "rubric-csv.h"
#include "rubric-time.h"

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (data, size, NULL);
  g_autoptr(RubricCsvReader) reader = rubric_csv_reader_new (stream, "fuzz", ',');
  GPtrArray *fields = NULL;

  while (rubric_csv_reader_next (reader, &fields, NULL, NULL))
    {
      g_autoptr(GString) out = g_string_new (NULL);
      g_autoptr(GInputStream) again_stream = NULL;
      g_autoptr(RubricCsvReader) again = NULL;
      GPtrArray *again_fields = NULL;

      for (guint i = 0; i < fields->len; i++)
        {
          const char *field = g_ptr_array_index (fields, i);
          gint64 instant;
          double number;

          rubric_time_parse_instant (field, TRUE, &instant);
          rubric_parse_double (field, &number);
        }

      /* A written record reads back field for field (the formula guard may
       * prefix a quote, so compare only records it leaves alone). */
      /* Not first in its file: a leading byte-order mark there is skipped. */
      g_string_append (out, "first\r\n");
      rubric_csv_append_record (out, (const char * const *) fields->pdata, fields->len);
      again_stream = g_memory_input_stream_new_from_data (out->str, out->len, NULL);
      again = rubric_csv_reader_new (again_stream, "again", ',');
      g_assert (rubric_csv_reader_next (again, &again_fields, NULL, NULL));
      g_assert (rubric_csv_reader_next (again, &again_fields, NULL, NULL));
      g_assert (again_fields->len == fields->len);
      for (guint i = 0; i < fields->len; i++)
        {
          const char *a = g_ptr_array_index (fields, i);
          const char *b = g_ptr_array_index (again_fields, i);

          g_assert (g_str_equal (a, b) || (b[0] == '\'' && g_str_equal (a, b + 1)));
        }
    }

  return 0;
}
