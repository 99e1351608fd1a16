/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "pf-environment-file.h"
#include "pf-environment-list.h"
#include "pf-key-value.h"
#include "pf-request-expand.h"

/* Environments in the JetBrains layout, and {{variables}} filled in from them. */

static PfEnvironmentList *
load_fixture (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "http", NULL);
  g_autoptr (GFile) folder = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  PfEnvironmentList *list = pf_environment_list_load (folder, NULL, &error);

  g_assert_no_error (error);
  return list;
}

static void
test_load (void)
{
  g_autoptr (PfEnvironmentList) list = load_fixture ();
  g_autoptr (PfEnvironment) dev = pf_environment_list_find (list, "dev");
  g_autoptr (PfEnvironment) prod = pf_environment_list_find (list, "prod");
  g_autoptr (PfEnvironment) first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_auto (GStrv) names = pf_environment_dup_variables (dev);
  g_autofree char *joined = g_strjoinv (" ", names);

  /* $shared is under every environment, not one of them. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  g_assert_cmpstr (pf_environment_get_name (first), ==, "dev");
  g_assert_null (pf_environment_list_find (list, "$shared"));
  g_assert_null (pf_environment_list_find (list, "staging"));
  g_assert_cmpstr (joined, ==, "count debug host name token");
  g_assert_cmpstr (pf_environment_get (dev, "host"), ==, "127.0.0.1");
  g_assert_cmpstr (pf_environment_get (dev, "count"), ==, "2");
  g_assert_cmpstr (pf_environment_get (dev, "debug"), ==, "true");
  g_assert_cmpstr (pf_environment_get (dev, "name"), ==, "shared-name");
  g_assert_cmpstr (pf_environment_get (prod, "name"), ==, "prod-name");
  /* The private file wins, and says the value is a secret. */
  g_assert_cmpstr (pf_environment_get (dev, "token"), ==, "s3cret-dev-token");
  g_assert_true (pf_environment_is_private (dev, "token"));
  g_assert_true (pf_variable_source_is_secret (PF_VARIABLE_SOURCE (dev), "token"));
  g_assert_false (pf_environment_is_private (dev, "host"));
}

static void
test_missing_files_are_no_environments (void)
{
  g_autoptr (GFile) folder = g_file_new_for_path (g_get_user_data_dir ());
  g_autoptr (GError) error = NULL;
  g_autoptr (PfEnvironmentList) list = pf_environment_list_load (folder, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
}

static void
test_bad_json (void)
{
  g_autoptr (GFile) folder = g_file_new_for_path (g_get_user_data_dir ());
  g_autoptr (GFile) file = g_file_get_child (folder, PF_ENVIRONMENT_FILE);
  g_autoptr (GError) error = NULL;
  g_autoptr (PfEnvironmentList) list = NULL;

  g_file_make_directory_with_parents (folder, NULL, NULL);
  g_file_replace_contents (file, "[1, 2]", 6, NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL,
                           &error);
  g_assert_no_error (error);
  list = pf_environment_list_load (folder, NULL, &error);
  g_assert_null (list);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_cmpstr (error->message, ==, "Could not read “http-client.env.json”: expected an "
                                       "object of environments: { \"dev\": { … } }");
}

static PfRequest *
request_with_variables (void)
{
  PfRequest *request = pf_request_new ();

  pf_request_set_method (request, "POST");
  pf_request_set_url (request, "http://{{host}}/items?name={{ name }}&n={{count}}");
  pf_request_add_header (request, "Authorization", "Bearer {{token}}");
  pf_request_set_body_kind (request, PF_BODY_RAW);
  pf_request_set_body_text (request, "{\"id\": \"{{$uuid}}\", \"at\": {{$timestamp}}}");
  return request;
}

static void
test_expand (void)
{
  g_autoptr (PfEnvironmentList) list = load_fixture ();
  g_autoptr (PfEnvironment) dev = pf_environment_list_find (list, "dev");
  g_autoptr (PfRequest) request = request_with_variables ();
  g_autoptr (GError) error = NULL;
  g_autoptr (PfRequest) expanded = pf_request_expand (request, PF_VARIABLE_SOURCE (dev), &error);
  g_autoptr (PfKeyValue) header = NULL;
  g_autoptr (PfKeyValue) param = NULL;
  const char *body;
  g_autofree char *uuid = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (pf_request_get_url (expanded), ==,
                   "http://127.0.0.1/items?name=shared-name&n=2");
  param = g_list_model_get_item (pf_request_get_params (expanded), 0);
  g_assert_cmpstr (pf_key_value_get_value (param), ==, "shared-name");
  header = g_list_model_get_item (pf_request_get_headers (expanded), 0);
  g_assert_cmpstr (pf_key_value_get_value (header), ==, "Bearer s3cret-dev-token");
  body = pf_request_get_body_text (expanded);
  g_assert_true (g_str_has_prefix (body, "{\"id\": \""));
  uuid = g_strndup (body + 8, 36);
  g_assert_true (g_uuid_string_is_valid (uuid));
  g_assert_null (strstr (body, "{{"));
  /* The request itself keeps its variables as typed. */
  g_assert_cmpstr (pf_request_get_url (request), ==,
                   "http://{{host}}/items?name={{ name }}&n={{count}}");
}

/* Nothing to fill in: the request itself comes back (read-only), or a copy from _full. */
static void
test_expand_nothing_to_fill (void)
{
  g_autoptr (PfRequest) request = pf_request_new ();
  g_autoptr (PfRequest) expanded = NULL;
  g_autoptr (PfRequest) copy = NULL;
  g_autoptr (PfKeyValue) param = NULL;
  g_auto (GStrv) secrets = NULL;
  g_autoptr (GError) error = NULL;

  pf_request_set_url (request, "http://127.0.0.1/items?name=a&n=2");
  pf_request_add_header (request, "Accept", "text/plain");
  /* A disabled row is not expanded, so its “{{” does not count. */
  pf_key_value_set_enabled (pf_request_add_header (request, "X-Off", "{{unknown}}"), FALSE);
  expanded = pf_request_expand (request, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (expanded == request);
  copy = pf_request_expand_full (request, NULL, &secrets, &error);
  g_assert_no_error (error);
  g_assert_true (copy != request);
  g_assert_cmpstr (pf_request_get_url (copy), ==, "http://127.0.0.1/items?name=a&n=2");
  g_assert_cmpuint (g_list_model_get_n_items (pf_request_get_headers (copy)), ==, 2);
  g_assert_cmpstr (secrets[0], ==, NULL);
  /* The parameter table, made when first asked for, is the URL's query. */
  param = g_list_model_get_item (pf_request_get_params (copy), 1);
  g_assert_cmpstr (pf_key_value_get_value (param), ==, "2");
}

static void
test_unknown_variable_is_an_error (void)
{
  g_autoptr (PfEnvironmentList) list = load_fixture ();
  g_autoptr (PfEnvironment) prod = pf_environment_list_find (list, "prod");
  g_autoptr (PfRequest) request = request_with_variables ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) none = NULL;
  g_autoptr (PfRequest) expanded = pf_request_expand (request, PF_VARIABLE_SOURCE (prod), &error);
  g_autoptr (PfRequest) bare = NULL;

  g_assert_null (expanded);
  g_assert_error (error, PF_REQUEST_ERROR, PF_REQUEST_ERROR_UNKNOWN_VARIABLE);
  g_assert_cmpstr (error->message, ==,
                   "Unknown variable {{token}} in header “Authorization”, at character 8");
  bare = pf_request_expand (request, NULL, &none);
  g_assert_null (bare);
  g_assert_cmpstr (none->message, ==, "Unknown variable {{host}} in the URL, at character 8");
}

static void
test_builtins_and_unclosed (void)
{
  const char *start = NULL;
  gsize len = 0;
  g_autofree char *n = pf_variables_expand ("{{$randomInt}}", NULL, &start, &len);
  g_autofree char *open = pf_variables_expand ("a {{ b", NULL, &start, &len);
  g_autofree char *unknown = pf_variables_expand ("x {{$nope}} y", NULL, &start, &len);
  int value = atoi (n);

  g_assert_cmpint (value, >=, 0);
  g_assert_cmpint (value, <=, 1000);
  g_assert_cmpstr (open, ==, "a {{ b");
  g_assert_null (unknown);
  g_assert_cmpmem (start, len, "{{$nope}}", 9);
}

/* The private token's value is reported as a secret (once, though the request names it
 * twice); the public ones are not; masking hides it, the longest secret first. */
static void
test_expand_full_reports_secrets (void)
{
  g_autoptr (PfEnvironmentList) list = load_fixture ();
  g_autoptr (PfEnvironment) dev = pf_environment_list_find (list, "dev");
  g_autoptr (PfRequest) request = request_with_variables ();
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) secrets = NULL;
  g_autoptr (PfRequest) expanded = NULL;
  g_autofree char *masked = NULL;
  g_autofree char *nested = NULL;
  const char *const two[] = { "abc", "abcdef", NULL };

  pf_request_add_header (request, "X-Again", "{{token}}");
  expanded = pf_request_expand_full (request, PF_VARIABLE_SOURCE (dev), &secrets, &error);
  g_assert_no_error (error);
  g_assert_nonnull (expanded);
  g_assert_cmpuint (g_strv_length (secrets), ==, 1);
  g_assert_cmpstr (secrets[0], ==, "s3cret-dev-token");
  masked = pf_variables_mask ("Authorization: Bearer s3cret-dev-token\r\n",
                              (const char *const *) secrets);
  g_assert_cmpstr (masked, ==, "Authorization: Bearer " PF_VARIABLES_MASK "\r\n");
  nested = pf_variables_mask ("x=abcdef y=abc", two);
  g_assert_cmpstr (nested, ==, "x=" PF_VARIABLES_MASK " y=" PF_VARIABLES_MASK);
}

/* JetBrains' "Authorization: Basic USER PASSWORD" is sent as Basic with base64 ("USER:PASSWORD"),
 * its encoded form a secret when the password was one; a real Basic token is left alone. */
static void
test_expand_basic_user_password (void)
{
  g_autoptr (PfEnvironmentList) list = load_fixture ();
  g_autoptr (PfEnvironment) dev = pf_environment_list_find (list, "dev");
  g_autoptr (PfRequest) request = pf_request_new ();
  g_autoptr (PfRequest) plain = pf_request_new ();
  g_autoptr (PfRequest) expanded = NULL;
  g_autoptr (PfRequest) kept = NULL;
  g_autoptr (PfKeyValue) header = NULL;
  g_autoptr (PfKeyValue) kept_header = NULL;
  g_autofree char *encoded = g_base64_encode ((const guchar *) "alice:s3cret-dev-token", 22);
  g_autofree char *expected = g_strconcat ("Basic ", encoded, NULL);
  g_auto (GStrv) secrets = NULL;

  pf_request_set_url (request, "http://h/");
  pf_request_add_header (request, "Authorization", "Basic alice {{token}}");
  expanded = pf_request_expand_full (request, PF_VARIABLE_SOURCE (dev), &secrets, NULL);
  header = g_list_model_get_item (pf_request_get_headers (expanded), 0);
  g_assert_cmpstr (pf_key_value_get_value (header), ==, expected);
  g_assert_true (g_strv_contains ((const char *const *) secrets, encoded));
  pf_request_set_url (plain, "http://h/");
  pf_request_add_header (plain, "Authorization", "Basic YWxpY2U6eA==");
  kept = pf_request_expand_full (plain, NULL, NULL, NULL);
  kept_header = g_list_model_get_item (pf_request_get_headers (kept), 0);
  g_assert_cmpstr (pf_key_value_get_value (kept_header), ==, "Basic YWxpY2U6eA==");
}

/* JetBrains: an environment's own variable wins over the one of the same name in $shared. */
static void
test_expand_own_wins_over_shared (void)
{
  g_autoptr (PfEnvironmentList) list = load_fixture ();
  g_autoptr (PfEnvironment) prod = pf_environment_list_find (list, "prod");
  g_autoptr (PfRequest) request = pf_request_new ();
  g_autoptr (PfRequest) expanded = NULL;
  g_autoptr (GError) error = NULL;

  pf_request_set_url (request, "http://{{host}}/?name={{name}}&n={{count}}");
  expanded = pf_request_expand (request, PF_VARIABLE_SOURCE (prod), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pf_request_get_url (expanded), ==,
                   "http://api.example.com/?name=prod-name&n=2");
}

/* The shared variables can be read apart from any environment (to be shown and edited). */
static void
test_shared_apart (void)
{
  g_autoptr (PfEnvironmentList) list = load_fixture ();
  g_autoptr (PfEnvironment) shared = pf_environment_list_dup_shared (list);
  g_auto (GStrv) names = pf_environment_dup_variables (shared);
  g_autofree char *joined = g_strjoinv (" ", names);

  g_assert_cmpstr (pf_environment_get_name (shared), ==, PF_ENVIRONMENT_SHARED);
  g_assert_cmpstr (joined, ==, "count name");
  g_assert_cmpstr (pf_environment_get (shared, "name"), ==, "shared-name");
}

static void
assert_refused (PfEnvironmentList *list,
                const char        *name,
                int                code,
                const char        *message)
{
  g_autoptr (GError) error = NULL;

  g_assert_false (pf_environment_list_check_new_name (list, name, &error));
  g_assert_error (error, G_IO_ERROR, code);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_new_name_checked (void)
{
  g_autoptr (PfEnvironmentList) list = load_fixture ();
  g_autoptr (GError) error = NULL;

  assert_refused (list, "", G_IO_ERROR_INVALID_ARGUMENT,
                  "An environment needs a name, such as “staging”");
  assert_refused (list, "  ", G_IO_ERROR_INVALID_ARGUMENT,
                  "An environment needs a name, such as “staging”");
  assert_refused (list, "dev", G_IO_ERROR_EXISTS, "There is already an environment named “dev”");
  assert_refused (list, " prod ", G_IO_ERROR_EXISTS,
                  "There is already an environment named “prod”");
  assert_refused (list, "$shared", G_IO_ERROR_INVALID_ARGUMENT,
                  "“$shared” holds the variables shared by all environments; choose another "
                  "name");
  g_assert_true (pf_environment_list_check_new_name (list, "staging", &error));
  g_assert_no_error (error);
}

static char *
file_text (GFile *folder)
{
  g_autoptr (GFile) file = g_file_get_child (folder, PF_ENVIRONMENT_FILE);
  char *text = NULL;

  g_assert_true (g_file_load_contents (file, NULL, &text, NULL, NULL, NULL));
  return text;
}

/* Adding and removing an environment rewrites only that environment: the others, $shared and
 * their variables stay, in their order. */
static void
test_file_add_and_remove (void)
{
  g_autoptr (GFile) folder = g_file_new_for_path (g_get_user_data_dir ());
  g_autoptr (GFile) file = g_file_get_child (folder, PF_ENVIRONMENT_FILE);
  const char *before = "{\"prod\": {\"host\": \"example.com\"}, \"$shared\": {\"n\": 2}, "
                       "\"dev\": {\"z\": \"1\", \"a\": true}}";
  g_autoptr (GError) error = NULL;
  g_autofree char *added = NULL;
  g_autofree char *removed = NULL;

  g_file_make_directory_with_parents (folder, NULL, NULL);
  g_file_replace_contents (file, before, strlen (before), NULL, FALSE, G_FILE_CREATE_NONE, NULL,
                           NULL, &error);
  g_assert_no_error (error);
  g_assert_true (pf_environment_file_add (folder, "staging", &error));
  g_assert_no_error (error);
  added = file_text (folder);
  g_assert_cmpstr (added, ==,
                   "{\n  \"prod\" : {\n    \"host\" : \"example.com\"\n  },\n"
                   "  \"$shared\" : {\n    \"n\" : 2\n  },\n"
                   "  \"dev\" : {\n    \"z\" : \"1\",\n    \"a\" : true\n  },\n"
                   "  \"staging\" : {  }\n}\n");
  g_assert_false (pf_environment_file_add (folder, "dev", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_true (pf_environment_file_remove (folder, "dev", &error));
  g_assert_no_error (error);
  g_assert_true (pf_environment_file_remove (folder, "nowhere", &error));
  g_assert_no_error (error);
  removed = file_text (folder);
  g_assert_cmpstr (removed, ==,
                   "{\n  \"prod\" : {\n    \"host\" : \"example.com\"\n  },\n"
                   "  \"$shared\" : {\n    \"n\" : 2\n  },\n"
                   "  \"staging\" : {  }\n}\n");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/environment/load/private-overrides-and-shared", test_load);
  g_test_add_func ("/environment/load/missing-files-are-no-environments",
                   test_missing_files_are_no_environments);
  g_test_add_func ("/environment/load/bad-json-names-the-file", test_bad_json);
  g_test_add_func ("/environment/expand/url-headers-body", test_expand);
  g_test_add_func ("/environment/expand/nothing-to-fill-is-the-request-itself",
                   test_expand_nothing_to_fill);
  g_test_add_func ("/environment/expand/unknown-variable-is-an-error",
                   test_unknown_variable_is_an_error);
  g_test_add_func ("/environment/expand/builtins-and-unclosed", test_builtins_and_unclosed);
  g_test_add_func ("/environment/expand/full-reports-secrets", test_expand_full_reports_secrets);
  g_test_add_func ("/environment/expand/own-variable-wins-over-shared",
                   test_expand_own_wins_over_shared);
  g_test_add_func ("/environment/shared/read-apart", test_shared_apart);
  g_test_add_func ("/environment/expand/basic-user-password-is-encoded",
                   test_expand_basic_user_password);
  g_test_add_func ("/environment/new-name/refuses-empty-duplicate-and-shared",
                   test_new_name_checked);
  g_test_add_func ("/environment/file/add-and-remove-keep-the-rest", test_file_add_and_remove);
  return g_test_run ();
}
