/* replay.c — runs a fuzz target over its kept corpus, without libFuzzer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Linked with a fuzz-*.c target into a plain test program, so that every
 * input the fuzzer ever kept is replayed by the ordinary test suite (with
 * gcc, under the sanitizers when the build has them).
 */

#include <glib.h>

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

int
main (int   argc,
      char *argv[])
{
  guint count = 0;

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GDir) dir = g_dir_open (argv[i], 0, NULL);
      const char *name;

      if (dir == NULL)
        {
          g_printerr ("replay: cannot open %s\n", argv[i]);
          return 1;
        }

      while ((name = g_dir_read_name (dir)))
        {
          g_autofree char *path = g_build_filename (argv[i], name, NULL);
          g_autofree char *data = NULL;
          gsize length;

          if (!g_file_get_contents (path, &data, &length, NULL))
            continue;
          LLVMFuzzerTestOneInput ((const guint8 *) data, length);
          count++;
        }
    }

  g_print ("ok 1 - %u inputs replayed without a crash\n1..1\n", count);
  return 0;
}
