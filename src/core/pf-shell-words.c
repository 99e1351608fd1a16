/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-shell-words"

#include "config.h"

#include "pf-shell-words.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* A command line split into words as a POSIX shell (bash, for $'…') would split it, without
 * running anything: quotes are removed, expansions are not done (a note says so), and an
 * operator that would start another command (|, ;, &, <, >, parentheses, backquotes) is
 * refused. POSIX.1-2024, 2.2 Quoting; bash's manual, 3.1.2.4 ANSI-C Quoting. */

/* clang-format off */
G_DEFINE_QUARK (pf-shell-error-quark, pf_shell_error)
/* clang-format on */

typedef struct
{
  const char *start;
  const char *p;
  GString *word;
  gboolean in_word;
  guint word_offset;
  GPtrArray *words;
  GPtrArray *notes;
} Lexer;

static void
pf_shell_word_free (PfShellWord *word)
{
  g_free (word->text);
  g_free (word);
}

static guint
offset_of (Lexer *lexer,
           const char *at)
{
  return g_utf8_pointer_to_offset (lexer->start, at) + 1;
}

static void
begin_word (Lexer *lexer)
{
  if (lexer->in_word)
    return;
  lexer->in_word = TRUE;
  lexer->word_offset = offset_of (lexer, lexer->p);
  g_string_truncate (lexer->word, 0);
}

static void
end_word (Lexer *lexer)
{
  PfShellWord *word;

  if (!lexer->in_word)
    return;
  word = g_new (PfShellWord, 1);
  word->text = g_strndup (lexer->word->str, lexer->word->len);
  word->offset = lexer->word_offset;
  g_ptr_array_add (lexer->words, word);
  lexer->in_word = FALSE;
}

static gboolean
fail_unclosed (Lexer *lexer,
               const char *quote_start,
               const char *what,
               GError **error)
{
  /* Translators: the first %s is a kind of quote, such as “'”, %u a character position */
  g_set_error (error, PF_SHELL_ERROR, PF_SHELL_ERROR_UNCLOSED_QUOTE,
               _("The quote %s opened at character %u is never closed"), what,
               offset_of (lexer, quote_start));
  return FALSE;
}

/* $NAME, ${…} and $(…) are taken as they are written: say so once per place. */
static void
note_expansion (Lexer *lexer)
{
  char next = lexer->p[1];

  if (!(g_ascii_isalnum (next) || next == '_' || next == '{' || next == '(' || next == '?'))
    return;
  g_ptr_array_add (lexer->notes,
                   /* Translators: %u is a character position in the command */
                   g_strdup_printf (_("The “$” at character %u is taken literally: Preflight "
                                       "does not expand shell variables"),
                                    offset_of (lexer, lexer->p)));
}

static gboolean
read_single (Lexer *lexer,
             GError **error)
{
  const char *open = lexer->p++;
  const char *close = strchr (lexer->p, '\'');

  if (close == NULL)
    return fail_unclosed (lexer, open, "'", error);
  g_string_append_len (lexer->word, lexer->p, close - lexer->p);
  lexer->p = close + 1;
  return TRUE;
}

/* Inside double quotes a backslash escapes only $ ` " \ and a newline (which it removes). */
static gboolean
read_double (Lexer *lexer,
             GError **error)
{
  const char *open = lexer->p++;

  for (; *lexer->p != '"'; lexer->p++)
    {
      if (*lexer->p == '\0')
        return fail_unclosed (lexer, open, "\"", error);
      if (*lexer->p == '\\' && lexer->p[1] == '\n')
        lexer->p++;
      else if (*lexer->p == '\\' && lexer->p[1] && strchr ("$`\"\\", lexer->p[1]))
        g_string_append_c (lexer->word, *++lexer->p);
      else
        {
          if (*lexer->p == '$')
            note_expansion (lexer);
          g_string_append_c (lexer->word, *lexer->p);
        }
    }
  lexer->p++;
  return TRUE;
}

/* Up to @max digits in @base, as bash reads \nnn, \xHH, \uHHHH and \UHHHHHHHH. */
static guint
read_number (const char **p,
             guint base,
             guint max,
             guint *n_digits)
{
  guint value = 0;

  for (*n_digits = 0; *n_digits < max; (*n_digits)++, (*p)++)
    {
      int digit = base == 8 ? ((**p >= '0' && **p <= '7') ? **p - '0' : -1)
                            : g_ascii_xdigit_value (**p);
      if (digit < 0)
        break;
      value = value * base + digit;
    }
  return value;
}

static const char ansi_letters[] = "abefnrtvE\\'\"?";
static const char ansi_values[] = "\a\b\033\f\n\r\t\v\033\\'\"?";

/* One escape of $'…' after its backslash (at lexer->p), appended to the word. Returns the
 * byte or code point, or -1 when the escape stays as written. */
static gint64
read_ansi_escape (Lexer *lexer)
{
  const char *p = lexer->p;
  const char *letter = strchr (ansi_letters, *p);
  guint n_digits = 0;
  guint value;

  if (*p != '\0' && letter != NULL)
    {
      lexer->p++;
      return (guchar) ansi_values[letter - ansi_letters];
    }
  if (*p >= '0' && *p <= '7')
    {
      value = read_number (&lexer->p, 8, 3, &n_digits);
      return value & 0xff;
    }
  if (*p == 'c' && p[1] != '\0' && p[1] != '\'')
    {
      lexer->p += 2;
      return p[1] == '?' ? 0x7f : (p[1] & 0x1f);
    }
  if (*p != 'x' && *p != 'u' && *p != 'U')
    return -1;
  lexer->p++;
  value = read_number (&lexer->p, 16, *p == 'x' ? 2 : *p == 'u' ? 4
                                                                : 8,
                       &n_digits);
  if (n_digits == 0)
    {
      lexer->p = p;
      return -1;
    }
  /* \x makes a byte; \u and \U a character, written in UTF-8 */
  return *p == 'x' ? (gint64) value : (gint64) value | G_GINT64_CONSTANT (0x100000000);
}

static gboolean
append_ansi_escape (Lexer *lexer,
                    GError **error)
{
  const char *escape = lexer->p++;
  gint64 value = read_ansi_escape (lexer);

  if (value < 0)
    {
      g_string_append_c (lexer->word, '\\');
      return TRUE;
    }
  if ((value & 0xffffffff) == 0)
    {
      /* Translators: %u is a character position in the command */
      g_set_error (error, PF_SHELL_ERROR, PF_SHELL_ERROR_NUL,
                   _("The escape at character %u makes a NUL byte, which no argument can hold"),
                   offset_of (lexer, escape));
      return FALSE;
    }
  if (value > 0xff || (value >> 32) != 0)
    g_string_append_unichar (lexer->word, (gunichar) (value & 0xffffffff));
  else
    g_string_append_c (lexer->word, (char) value);
  return TRUE;
}

static gboolean
read_ansi (Lexer *lexer,
           GError **error)
{
  const char *open = lexer->p;

  for (lexer->p += 2; *lexer->p != '\'';)
    {
      if (*lexer->p == '\0')
        return fail_unclosed (lexer, open, "$'", error);
      if (*lexer->p == '\\')
        {
          if (!append_ansi_escape (lexer, error))
            return FALSE;
          continue;
        }
      g_string_append_c (lexer->word, *lexer->p++);
    }
  lexer->p++;
  return TRUE;
}

static gboolean
fail_operator (Lexer *lexer,
               GError **error)
{
  g_set_error (error, PF_SHELL_ERROR, PF_SHELL_ERROR_OPERATOR,
               /* Translators: %c is a shell operator such as |, %u a character position */
               _("The “%c” at character %u would start another shell command; quote it, or "
                  "paste a single command"),
               *lexer->p, offset_of (lexer, lexer->p));
  return FALSE;
}

static void
skip_comment (Lexer *lexer)
{
  lexer->p += strcspn (lexer->p, "\n");
}

/* Outside quotes: a backslash quotes the next character, and removes a newline. */
static gboolean
read_unquoted (Lexer *lexer,
               GError **error)
{
  const char *p = lexer->p;

  begin_word (lexer);
  if (*p == '\'')
    return read_single (lexer, error);
  if (*p == '"')
    return read_double (lexer, error);
  if (*p == '$' && p[1] == '\'')
    return read_ansi (lexer, error);
  if (*p == '$' && p[1] == '"')
    {
      lexer->p++;
      return read_double (lexer, error);
    }
  if (*p == '\\' && p[1] != '\0')
    p = ++lexer->p;
  else if (*p == '$')
    note_expansion (lexer);
  g_string_append_c (lexer->word, *p);
  lexer->p++;
  return TRUE;
}

static gboolean
is_continuation (const char *p)
{
  return p[0] == '\\' && (p[1] == '\n' || (p[1] == '\r' && p[2] == '\n'));
}

static gboolean
split_words (Lexer *lexer,
             GError **error)
{
  while (*lexer->p != '\0')
    {
      char c = *lexer->p;

      if (is_continuation (lexer->p))
        lexer->p += lexer->p[1] == '\n' ? 2 : 3;
      /* A carriage return counts as a blank, so text pasted with CRLF lines splits right. */
      else if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
        {
          end_word (lexer);
          lexer->p++;
        }
      else if (c == '#' && !lexer->in_word)
        skip_comment (lexer);
      else if (strchr ("|&;<>()`", c) != NULL)
        return fail_operator (lexer, error);
      else if (!read_unquoted (lexer, error))
        return FALSE;
    }
  end_word (lexer);
  return TRUE;
}

/* The words of @command, as PfShellWord items; notes about what was not expanded are
 * added to @notes. NULL with an error saying where the command does not parse. */
GPtrArray *
pf_shell_split (const char *command,
                GPtrArray *notes,
                GError **error)
{
  g_autoptr (GString) word = g_string_new (NULL);
  g_autoptr (GPtrArray) words = NULL;
  Lexer lexer = { command, command, word, FALSE, 0, NULL, notes };
  const char *bad = NULL;

  g_return_val_if_fail (command != NULL && notes != NULL, NULL);
  if (!g_utf8_validate (command, -1, &bad))
    {
      g_set_error (error, PF_SHELL_ERROR, PF_SHELL_ERROR_ENCODING,
                   _("The command is not UTF-8 text (byte %u)"), (guint) (bad - command) + 1);
      return NULL;
    }
  words = g_ptr_array_new_with_free_func ((GDestroyNotify) pf_shell_word_free);
  lexer.words = words;
  if (!split_words (&lexer, error))
    return NULL;
  return g_steal_pointer (&words);
}

static gboolean
is_bare_safe (const char *text)
{
  if (*text == '\0')
    return FALSE;
  for (const char *p = text; *p; p++)
    if (!g_ascii_isalnum (*p) && strchr ("@%+=:,./_-", *p) == NULL)
      return FALSE;
  return TRUE;
}

/* A control character (C0, DEL or C1) or bytes that are not UTF-8 need $'…'. */
static gboolean
needs_ansi (const char *text)
{
  if (!g_utf8_validate (text, -1, NULL))
    return TRUE;
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20 || (c >= 0x7f && c <= 0x9f))
        return TRUE;
    }
  return FALSE;
}

static void
append_ansi_char (GString *out,
                  const char *p,
                  gsize len)
{
  static const char named[] = "\n\r\t";
  static const char letters[] = "nrt";
  gunichar c = g_utf8_get_char_validated (p, len);

  if (c != (gunichar) -1 && c != (gunichar) -2 && c >= 0xa0)
    g_string_append_len (out, p, g_utf8_next_char (p) - p);
  else if (*p == '\\' || *p == '\'')
    g_string_append_printf (out, "\\%c", *p);
  else if (*p != '\0' && strchr (named, *p) != NULL)
    g_string_append_printf (out, "\\%c", letters[strchr (named, *p) - named]);
  else if ((guchar) *p >= 0x20 && (guchar) *p < 0x7f)
    g_string_append_c (out, *p);
  else
    g_string_append_printf (out, "\\x%02X", (guchar) *p);
}

/* bash's $'…': printable characters as they are, the rest as escapes (\xHH per byte). */
static char *
quote_ansi (const char *text)
{
  GString *out = g_string_new ("$'");
  const char *end = text + strlen (text);

  for (const char *p = text; p < end;)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);
      gsize step = (c == (gunichar) -1 || c == (gunichar) -2 || c < 0xa0)
                       ? 1
                       : (gsize) (g_utf8_next_char (p) - p);

      append_ansi_char (out, p, end - p);
      p += step;
    }
  g_string_append_c (out, '\'');
  return g_string_free (out, FALSE);
}

/* @text as one shell word: bare when that is safe, else in single quotes (a quote inside
 * as '\''), else — for control characters and bytes that are not UTF-8 — as $'…'. */
char *
pf_shell_quote (const char *text)
{
  GString *out;

  g_return_val_if_fail (text != NULL, NULL);
  if (is_bare_safe (text))
    return g_strdup (text);
  if (needs_ansi (text))
    return quote_ansi (text);
  out = g_string_new ("'");
  for (const char *p = text; *p; p++)
    {
      if (*p == '\'')
        g_string_append (out, "'\\''");
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '\'');
  return g_string_free (out, FALSE);
}
