/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The reviewer's rules (review-rules.md), checked per scope: the header,
 * the finance block, the functions, the tasks, the projects, and each goal.
 * A scope keeps its findings until a step touches one of its rows; then
 * only that scope is checked again. Findings of a goal carry the goal's
 * index in their paths and messages, so a goal that moved is checked again
 * too. The list handed out is put together from the scopes' findings in two
 * passes (errors, then warnings), each in document order: no sort.
 */
#define G_LOG_DOMAIN "perfgoal-model"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pg-amount.h"
#include "pg-category.h"
#include "pg-review.h"
#include "pg-value.h"

/* A satisfaction target below this share is worth a look. */
#define SATISFACTION_MIN 80.0

/* Findings */

PgFinding *
pg_finding_ref (PgFinding *finding)
{
  return g_rc_box_acquire (finding);
}

static void
finding_clear (gpointer data)
{
  PgFinding *finding = data;

  g_free (finding->path);
  g_free (finding->message);
}

void
pg_finding_unref (PgFinding *finding)
{
  g_rc_box_release_full (finding, finding_clear);
}

const char *
pg_severity_to_string (PgSeverity severity)
{
  return severity == PG_SEVERITY_ERROR ? "error" : "warning";
}

/* Takes `path` and `message`. */
static void
add_finding (GPtrArray  *out,
             PgSeverity  severity,
             char       *path,
             char       *message)
{
  PgFinding *finding = g_rc_box_new0 (PgFinding);

  finding->severity = severity;
  finding->path = path;
  finding->message = message;
  g_ptr_array_add (out, finding);
}

/* Paths: a buffer that grows while a check descends and is cut back. */

static char *
path_with (GString    *path,
           const char *member)
{
  if (path->len == 0)
    return g_strdup (member);
  return g_strconcat (path->str, ".", member, NULL);
}

/* Appends "<member>[<index>]": the hot path of a goal's check, so
 * without printf. */
static void
path_push_index (GString    *path,
                 const char *member,
                 guint       index)
{
  char digits[16];
  int n = 0;

  g_string_append (path, member);
  g_string_append_c (path, '[');
  do
    digits[n++] = (char) ('0' + index % 10);
  while ((index /= 10) > 0);
  while (n > 0)
    g_string_append_c (path, digits[--n]);
  g_string_append_c (path, ']');
}

/* The reviewer */

typedef enum {
  SCOPE_HEADER,     /* budget year, fill date, the department */
  SCOPE_FINANCE,    /* the revenue and expenditure rows */
  SCOPE_FUNCTIONS,
  SCOPE_TASKS,
  SCOPE_PROJECTS,   /* also the sum against the project expenditure */
  N_SCOPES
} Scope;

/* Which goal an indicator was in when last checked. */
typedef struct {
  gint64 id;            /* the indicator's, also the key */
  gint64 goal_id;
} IndicatorPlace;

typedef struct {
  gint64     id;        /* the goal's, also the key in goal_scopes */
  guint      index;     /* the goal's place when it was checked */
  gboolean   dirty;
  guint      seen;      /* the update that last found the goal in the document */
  GPtrArray *findings;
} GoalScope;

struct _PgReview
{
  GObject     parent_instance;

  PgDocument *document;
  gulong      rows_changed_id;

  GPtrArray  *scope_findings[N_SCOPES];
  gboolean    scope_dirty[N_SCOPES];
  GPtrArray  *overall_findings; /* of the goals as a whole */
  GHashTable *goal_scopes;      /* &id → GoalScope */
  /* Which goal each indicator was in when last checked: a deleted
   * indicator's record is gone when the step is reported. */
  GHashTable *indicator_goals;  /* &indicator id → IndicatorPlace */
  guint       update_count;

  gboolean    stale;
  GPtrArray  *findings;         /* the list last handed out */
  guint       n_errors;
};

G_DEFINE_FINAL_TYPE (PgReview, pg_review, G_TYPE_OBJECT)

enum {
  STALE,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

static void
goal_scope_free (gpointer data)
{
  GoalScope *scope = data;

  g_ptr_array_unref (scope->findings);
  g_free (scope);
}

/* Names of the form's rows and categories, in the UI's language: Chinese
 * for a Chinese UI, else English. */
static gboolean
names_in_english (void)
{
  /* Translators: "zh" when review messages should name the form's rows
   * and indicator categories in Chinese (财政拨款, 产出指标), "en" for English.
   * Not shown. */
  return strcmp (C_("language of form names in review messages", "en"), "zh") != 0;
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text != '\0'; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;
  return TRUE;
}

/* The placeholder a template left in `text` (……, XX, **), or NULL. One
 * pass over the bytes: this runs on every text of the declaration. */
static const char *
find_placeholder (const char *text)
{
  static const char *const placeholders[] = { "……", "XX", "××", "**", "＊＊" };

  if (text == NULL)
    return NULL;
  for (const char *p = text; *p != '\0'; p++)
    {
      /* Each placeholder starts with a byte no CJK character starts with. */
      if (*p != 'X' && *p != '*' && (guchar) *p != 0xE2 && (guchar) *p != 0xC3 && (guchar) *p != 0xEF)
        continue;
      for (guint i = 0; i < G_N_ELEMENTS (placeholders); i++)
        if (g_str_has_prefix (p, placeholders[i]))
          return placeholders[i];
    }
  return NULL;
}

/* Reports a placeholder in a text field; TRUE when there was one. */
static gboolean
check_placeholder (GPtrArray  *out,
                   GString    *path,
                   const char *member,
                   const char *text)
{
  const char *placeholder = find_placeholder (text);

  if (placeholder == NULL)
    return FALSE;
  add_finding (out, PG_SEVERITY_ERROR, path_with (path, member),
               /* Translators: %s is what a template left in a field: ……, XX or ** */
               g_strdup_printf (_("The placeholder “%s” is still in the text: replace it with the real content."),
                                placeholder));
  return TRUE;
}

/* "1938.80": at least two decimals, as amounts are written on the form,
 * and all of them when there are more. */
static char *
format_money (gint64 amount)
{
  if (amount % 100 == 0)
    return pg_amount_format_fixed (amount, 2, FALSE);
  return pg_amount_format (amount);
}

/* Header */

static gboolean
phone_is_valid (const char *phone)
{
  glong length = g_utf8_strlen (phone, -1);

  if (length < 7 || length > 20)
    return FALSE;
  for (const char *p = phone; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p) && strchr (" -+()", *p) == NULL)
      return FALSE;
  return TRUE;
}

static void
check_header (PgReview  *self,
              GPtrArray *out)
{
  PgDeclaration *decl = pg_document_get_declaration (self->document);
  g_autoptr(GString) path = g_string_new ("department");
  const char *phone = pg_declaration_get_phone (decl);

  if (pg_declaration_get_budget_year (decl) == 0)
    add_finding (out, PG_SEVERITY_ERROR, g_strdup ("budget_year"),
                 g_strdup (_("The budget year is not filled in: enter the year the declaration is for.")));
  if (is_blank (pg_declaration_get_fill_date (decl)))
    add_finding (out, PG_SEVERITY_WARNING, g_strdup ("fill_date"),
                 g_strdup (_("The fill date is not filled in: the finance bureau asks for it.")));

  if (is_blank (pg_declaration_get_department_name (decl)))
    add_finding (out, PG_SEVERITY_ERROR, path_with (path, "name"),
                 g_strdup (_("The department’s name is not filled in: enter its full name.")));
  else
    check_placeholder (out, path, "name", pg_declaration_get_department_name (decl));

  if (is_blank (pg_declaration_get_filled_by (decl)))
    add_finding (out, PG_SEVERITY_ERROR, path_with (path, "filled_by"),
                 g_strdup (_("Who filled in the declaration is not filled in: enter the name of the person.")));
  else
    check_placeholder (out, path, "filled_by", pg_declaration_get_filled_by (decl));

  if (is_blank (phone))
    add_finding (out, PG_SEVERITY_ERROR, path_with (path, "phone"),
                 g_strdup (_("The phone number is not filled in: enter one where the filler can be reached.")));
  else if (!phone_is_valid (phone))
    add_finding (out, PG_SEVERITY_ERROR, path_with (path, "phone"),
                 /* Translators: %s is the phone number as the user entered it */
                 g_strdup_printf (_("The phone number “%s” is not valid: write 7 to 20 digits, spaces or the signs - + ( )."),
                                  phone));

  check_placeholder (out, path, "head", pg_declaration_get_head (decl));
  check_placeholder (out, path, "finance_head", pg_declaration_get_finance_head (decl));
}

static void
check_functions (PgReview  *self,
                 GPtrArray *out)
{
  const char *functions = pg_declaration_get_functions (pg_document_get_declaration (self->document));
  g_autoptr(GString) path = g_string_new ("");

  if (is_blank (functions))
    add_finding (out, PG_SEVERITY_ERROR, g_strdup ("functions"),
                 g_strdup (_("The overview of the department’s functions is not filled in: describe its main functions.")));
  else
    check_placeholder (out, path, "functions", functions);
}

/* Finance */

static void
check_finance_amount (GPtrArray    *out,
                      GString      *path,
                      const char   *member,
                      gint64        amount,
                      PgSeverity    if_empty,
                      const char   *label,
                      const char   *empty_format)
{
  if (amount == PG_AMOUNT_NONE)
    add_finding (out, if_empty, path_with (path, member), g_strdup_printf (empty_format, label));
  else if (amount < 0)
    {
      g_autofree char *shown = format_money (amount);

      add_finding (out, PG_SEVERITY_ERROR, path_with (path, member),
                   /* Translators: %1$s is a row of the revenue and expenditure
                    * table (“Other funds”), %2$s the negative amount */
                   g_strdup_printf (_("%1$s: the amount %2$s is negative: amounts are never below 0."),
                                    label, shown));
    }
}

static void
check_finance_block (GPtrArray      *out,
                     PgFinanceBlock *block)
{
  GListModel *rows = pg_finance_block_get_rows (block);
  guint n = g_list_model_get_n_items (rows);
  gboolean english = names_in_english ();
  g_autoptr(GString) path = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PgFinanceRow) row = g_list_model_get_item (rows, i);
      const char *label = pg_finance_row_get_label (row, english);
      gboolean optional_now = g_str_equal (pg_finance_block_get_name (block), "revenue")
                              && g_strcmp0 (pg_finance_row_get_item (row), "other_funds") == 0;

      g_string_printf (path, "finance.%s[%u]", pg_finance_block_get_name (block), i);
      check_finance_amount (out, path, "amount", pg_finance_row_get_amount (row),
                            optional_now ? PG_SEVERITY_WARNING : PG_SEVERITY_ERROR, label,
                            /* Translators: %s is a row of the revenue and expenditure table */
                            _("%s: the amount for the budget year is not filled in: the finance system needs every amount, so enter 0 if there is none."));
      check_finance_amount (out, path, "year_minus_2", pg_finance_row_get_year_minus_2 (row),
                            PG_SEVERITY_ERROR, label,
                            /* Translators: %s is a row of the revenue and expenditure table */
                            _("%s: the amount for the year before last is not filled in: the finance system needs every amount, so enter 0 if there was none."));
      check_finance_amount (out, path, "year_minus_1", pg_finance_row_get_year_minus_1 (row),
                            PG_SEVERITY_ERROR, label,
                            /* Translators: %s is a row of the revenue and expenditure table */
                            _("%s: the amount for last year is not filled in: the finance system needs every amount, so enter 0 if there was none."));
    }
}

static void
check_finance (PgReview  *self,
               GPtrArray *out)
{
  gint64 revenue, expenditure;

  check_finance_block (out, pg_document_get_revenue (self->document));
  check_finance_block (out, pg_document_get_expenditure (self->document));

  revenue = pg_finance_block_get_total (pg_document_get_revenue (self->document));
  expenditure = pg_finance_block_get_total (pg_document_get_expenditure (self->document));
  if (revenue != PG_AMOUNT_NONE && expenditure != PG_AMOUNT_NONE && revenue != expenditure)
    {
      g_autofree char *shown_revenue = format_money (revenue);
      g_autofree char *shown_expenditure = format_money (expenditure);

      add_finding (out, PG_SEVERITY_WARNING, g_strdup ("finance"),
                   /* Translators: %1$s and %2$s are amounts */
                   g_strdup_printf (_("Total revenue (%1$s) differs from total expenditure (%2$s): a department’s budget usually balances."),
                                    shown_revenue, shown_expenditure));
    }
}

/* Tasks */

static void
check_tasks (PgReview  *self,
             GPtrArray *out)
{
  GListModel *groups = pg_document_get_task_groups (self->document);
  guint n_groups = g_list_model_get_n_items (groups);
  g_autoptr(GString) path = g_string_new (NULL);
  guint n_tasks_in_all = 0;

  for (guint i = 0; i < n_groups; i++)
    {
      g_autoptr(PgTaskGroup) group = g_list_model_get_item (groups, i);
      n_tasks_in_all += g_list_model_get_n_items (pg_task_group_get_tasks (group));
    }
  if (n_tasks_in_all == 0)
    add_finding (out, PG_SEVERITY_ERROR, g_strdup ("task_groups"),
                 g_strdup (_("There is no work task: add the department’s tasks for the year.")));

  for (guint i = 0; i < n_groups; i++)
    {
      g_autoptr(PgTaskGroup) group = g_list_model_get_item (groups, i);
      GListModel *tasks = pg_task_group_get_tasks (group);
      guint n_tasks = g_list_model_get_n_items (tasks);
      gsize group_len;

      g_string_printf (path, "task_groups[%u]", i);
      group_len = path->len;
      check_placeholder (out, path, "title", pg_task_group_get_title (group));
      if (n_tasks == 0 && n_tasks_in_all > 0)
        add_finding (out, PG_SEVERITY_ERROR, path_with (path, "tasks"),
                     /* Translators: %u is the number of the task group */
                     g_strdup_printf (_("Task group %u has no task: add its tasks, or delete the group."),
                                      pg_task_group_get_number (group)));

      for (guint k = 0; k < n_tasks; k++)
        {
          g_autoptr(PgTask) task = g_list_model_get_item (tasks, k);

          g_string_truncate (path, group_len);
          g_string_append_printf (path, ".tasks[%u]", k);
          if (is_blank (pg_task_get_title (task)) && is_blank (pg_task_get_text (task)))
            add_finding (out, PG_SEVERITY_ERROR, path_with (path, "title"),
                         /* Translators: %u is the number of the task */
                         g_strdup_printf (_("Task %u has neither a title nor a text: describe the task, or delete it."),
                                          pg_task_get_number (task)));
          else if (!check_placeholder (out, path, "title", pg_task_get_title (task)))
            check_placeholder (out, path, "text", pg_task_get_text (task));
        }
    }
}

/* Projects */

static void
check_projects (PgReview  *self,
                GPtrArray *out)
{
  GListModel *projects = pg_document_get_projects (self->document);
  GListModel *rows = pg_finance_block_get_rows (pg_document_get_expenditure (self->document));
  guint n = g_list_model_get_n_items (projects);
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) path = g_string_new (NULL);
  gint64 sum = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PgProject) project = g_list_model_get_item (projects, i);
      const char *name = pg_project_get_name (project);
      gint64 total = pg_project_get_total_budget (project);
      gint64 year = pg_project_get_year_budget (project);
      guint number = pg_project_get_number (project);

      g_string_printf (path, "projects[%u]", i);
      if (is_blank (name))
        add_finding (out, PG_SEVERITY_ERROR, path_with (path, "name"),
                     /* Translators: %u is the number of the project */
                     g_strdup_printf (_("Project %u has no name: enter it as in the budget."), number));
      else if (!check_placeholder (out, path, "name", name))
        {
          g_autofree char *key = g_strstrip (g_strdup (name));

          if (g_hash_table_contains (names, key))
            add_finding (out, PG_SEVERITY_WARNING, path_with (path, "name"),
                         /* Translators: %s is a project's name */
                         g_strdup_printf (_("Two projects are called “%s”: merge them, or tell them apart by name."), key));
          else
            g_hash_table_add (names, g_steal_pointer (&key));
        }

      if (total == PG_AMOUNT_NONE)
        add_finding (out, PG_SEVERITY_ERROR, path_with (path, "total_budget"),
                     /* Translators: %u is the number of the project */
                     g_strdup_printf (_("Project %u: the total budget is not filled in."), number));
      else if (total < 0)
        add_finding (out, PG_SEVERITY_ERROR, path_with (path, "total_budget"),
                     /* Translators: %u is the number of the project */
                     g_strdup_printf (_("Project %u: the total budget is negative: amounts are never below 0."), number));

      if (year == PG_AMOUNT_NONE)
        add_finding (out, PG_SEVERITY_ERROR, path_with (path, "year_budget"),
                     /* Translators: %u is the number of the project */
                     g_strdup_printf (_("Project %u: the budget for this year is not filled in."), number));
      else if (year < 0)
        add_finding (out, PG_SEVERITY_ERROR, path_with (path, "year_budget"),
                     /* Translators: %u is the number of the project */
                     g_strdup_printf (_("Project %u: the budget for this year is negative: amounts are never below 0."), number));
      else if (total != PG_AMOUNT_NONE && year > total)
        {
          g_autofree char *shown_year = format_money (year);
          g_autofree char *shown_total = format_money (total);

          add_finding (out, PG_SEVERITY_ERROR, path_with (path, "year_budget"),
                       /* Translators: %1$u is the number of the project, %2$s and %3$s amounts */
                       g_strdup_printf (_("Project %1$u: the budget for this year (%2$s) is larger than the total budget (%3$s)."),
                                        number, shown_year, shown_total));
        }
      if (year != PG_AMOUNT_NONE)
        sum += year;

      if (is_blank (pg_project_get_purpose (project)))
        add_finding (out, PG_SEVERITY_ERROR, path_with (path, "purpose"),
                     /* Translators: %u is the number of the project */
                     g_strdup_printf (_("Project %u: the purpose is not filled in: say what the money is for."), number));
      else
        check_placeholder (out, path, "purpose", pg_project_get_purpose (project));
    }

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(PgFinanceRow) row = g_list_model_get_item (rows, i);
      gint64 expected = pg_finance_row_get_amount (row);

      if (g_strcmp0 (pg_finance_row_get_item (row), "project") != 0 || expected == PG_AMOUNT_NONE)
        continue;
      if (sum != expected)
        {
          g_autofree char *shown_sum = format_money (sum);
          g_autofree char *shown_expected = format_money (expected);

          add_finding (out, PG_SEVERITY_ERROR, g_strdup ("projects"),
                       /* Translators: %1$s and %2$s are amounts */
                       g_strdup_printf (_("The projects’ budgets for this year add up to %1$s, but the project expenditure is %2$s: correct the projects or the expenditure."),
                                        shown_sum, shown_expected));
        }
    }
}

/* Goals */

typedef struct {
  gboolean    english;
  GString    *path;
  GHashTable *names;        /* level-3 names seen in the goal */
  GHashTable *indicator_goals;
  gint64      goal_id;
  guint       goal_number;
} GoalCheck;

static gboolean
contains_any (const char         *text,
              const char * const *words)
{
  for (guint i = 0; words[i] != NULL; i++)
    if (strstr (text, words[i]) != NULL)
      return TRUE;
  return FALSE;
}

/* Whether `text` is the name of a standard level-1 or level-2 category. */
static gboolean
is_category_name (const char *text)
{
  for (guint level = 1; level <= 2; level++)
    {
      guint n;
      const PgCategory *categories = pg_category_list (level, &n);

      for (guint i = 0; i < n; i++)
        if (g_str_equal (text, categories[i].name_zh) || g_ascii_strcasecmp (text, categories[i].name_en) == 0)
          return TRUE;
    }
  return FALSE;
}

static gboolean
unit_is_percent (const PgValue *value)
{
  return value->kind == PG_VALUE_QUANTITY && g_str_equal (value->unit, "%");
}

/* Whether `text` is plainly a number in `unit` ("1100 人次" for 人次): the
 * common case, told without a parse. */
static gboolean
plainly_in_unit (const char *text,
                 const char *unit)
{
  gsize text_len = strlen (text), unit_len = strlen (unit);
  const char *before;

  if (unit_len == 0 || text_len <= unit_len || strcmp (text + text_len - unit_len, unit) != 0)
    return FALSE;
  before = text + text_len - unit_len;
  while (before > text && before[-1] == ' ')
    before--;
  return before > text && g_ascii_isdigit (before[-1]);
}

/* The unit of a previous year's value when it is a quantity in another
 * unit than the target's, else NULL. */
static char *
other_unit (const char    *text,
            const PgValue *target)
{
  g_autoptr(PgValue) value = NULL;

  if (plainly_in_unit (text, target->unit))
    return NULL;
  value = pg_value_parse (text);
  if (value->kind == PG_VALUE_QUANTITY && !g_str_equal (value->unit, target->unit))
    return g_steal_pointer (&value->unit);
  return NULL;
}

typedef enum {
  BETTER_EITHER,
  BETTER_MORE,   /* rates, completion, satisfaction */
  BETTER_LESS,   /* costs, complaints, accidents, petitions */
} Better;

/* Which way an indicator's target should point, from its name and place.
 * A complaint handled or a petition resolved is counted up, not down. */
static Better
better_direction (const char *name,
                  const char *level1,
                  const char *level2,
                  gboolean    rate,
                  gboolean    satisfaction)
{
  static const char *const down_words[] = { "成本", "投诉", "事故", "上访", "信访", NULL };
  static const char *const handled_words[] = { "办结", "处理", "解决", "化解", "完成", "及时", "满意", NULL };

  if ((g_strcmp0 (level1, "cost") == 0 || g_strcmp0 (level2, "cost") == 0 || contains_any (name, down_words))
      && !contains_any (name, handled_words))
    return BETTER_LESS;
  if (rate || satisfaction || strstr (name, "完成") != NULL)
    return BETTER_MORE;
  return BETTER_EITHER;
}

static void
check_target (GoalCheck   *check,
              GPtrArray   *out,
              PgIndicator *leaf,
              const char  *level1,
              const char  *level2)
{
  static const char *const money_words[] = { "资金使用", "预算执行", NULL };
  const char *name = pg_indicator_get_name (leaf);
  const char *text = pg_indicator_get_target (leaf);
  g_autoptr(PgValue) target = pg_value_parse (text);
  gboolean satisfaction = g_strcmp0 (level1, "satisfaction") == 0 || strstr (name, "满意") != NULL;
  gboolean rate = g_str_has_suffix (name, "率") || g_str_has_suffix (name, "度") || unit_is_percent (target);
  gboolean at_most = target->comparison == PG_COMPARISON_LE || target->comparison == PG_COMPARISON_LT;
  gboolean at_least = target->comparison == PG_COMPARISON_GE || target->comparison == PG_COMPARISON_GT;
  Better better = at_most || at_least ? better_direction (name, level1, level2, rate, satisfaction) : BETTER_EITHER;

  if (target->kind == PG_VALUE_OTHER)
    {
      add_finding (out, PG_SEVERITY_ERROR, path_with (check->path, "target"),
                   /* Translators: %1$s is an indicator's name, %2$s its target as written */
                   g_strdup_printf (_("“%1$s”: the target “%2$s” is neither a quantity (such as ≥95%% or 1100 人次) nor a phrase: write a comparison, a number and a unit, or words only."),
                                    name, target->phrase));
      return;
    }
  if (target->kind == PG_VALUE_QUALITATIVE)
    {
      if (is_category_name (target->phrase))
        add_finding (out, PG_SEVERITY_ERROR, path_with (check->path, "target"),
                     /* Translators: %1$s is an indicator's name, %2$s its target, which is the name of a category */
                     g_strdup_printf (_("“%1$s”: the target “%2$s” is a category’s name, not a value: write the value expected this year."),
                                      name, target->phrase));
      else if (g_strcmp0 (level2, "quantity") == 0)
        add_finding (out, PG_SEVERITY_WARNING, path_with (check->path, "target"),
                     /* Translators: %1$s is an indicator's name, %2$s its target */
                     g_strdup_printf (_("“%1$s” is a quantity indicator, but its target “%2$s” is not a number: write a number and a unit."),
                                      name, target->phrase));
      else if (satisfaction)
        add_finding (out, PG_SEVERITY_WARNING, path_with (check->path, "target"),
                     /* Translators: %1$s is an indicator's name, %2$s its target */
                     g_strdup_printf (_("“%1$s”: a satisfaction target is a percentage, such as ≥90%%, not “%2$s”."),
                                      name, target->phrase));
      return;
    }

  /* A quantity. */
  if (target->unit[0] == '\0')
    {
      add_finding (out, PG_SEVERITY_ERROR, path_with (check->path, "target"),
                   /* Translators: %1$s is an indicator's name, %2$s its target */
                   g_strdup_printf (_("“%1$s”: the target “%2$s” has no unit: the finance system refuses a number without one; add it (人, 次, %%, 件 …)."),
                                    name, text));
    }
  if (rate)
    {
      double number = g_ascii_strtod (target->number, NULL);

      if (number < 0 || number > 100)
        add_finding (out, PG_SEVERITY_ERROR, path_with (check->path, "target"),
                     /* Translators: %1$s is an indicator's name, %2$s its target */
                     g_strdup_printf (_("“%1$s” is a rate, but its target “%2$s” is outside 0–100%%."), name, text));
    }
  if (satisfaction)
    {
      if (!unit_is_percent (target))
        add_finding (out, PG_SEVERITY_WARNING, path_with (check->path, "target"),
                     /* Translators: %1$s is an indicator's name, %2$s its target */
                     g_strdup_printf (_("“%1$s”: a satisfaction target is a percentage, such as ≥90%%, not “%2$s”."),
                                      name, text));
      else if (g_ascii_strtod (target->number, NULL) < SATISFACTION_MIN)
        add_finding (out, PG_SEVERITY_WARNING, path_with (check->path, "target"),
                     /* Translators: %1$s is an indicator's name, %2$s its target */
                     g_strdup_printf (_("“%1$s”: a satisfaction target of “%2$s” is below 80%%: the bureau expects at least that."),
                                      name, text));
    }
  if (better == BETTER_MORE && at_most)
    add_finding (out, PG_SEVERITY_WARNING, path_with (check->path, "target"),
                 /* Translators: %1$s is an indicator's name, %2$s its target */
                 g_strdup_printf (_("“%1$s”: more is better for a rate, a completion or a satisfaction, so “%2$s” looks the wrong way round: use ≥."),
                                  name, text));
  else if (better == BETTER_LESS && at_least)
    add_finding (out, PG_SEVERITY_WARNING, path_with (check->path, "target"),
                 /* Translators: %1$s is an indicator's name, %2$s its target */
                 g_strdup_printf (_("“%1$s”: less is better for a cost, complaints, accidents or petitions, so “%2$s” looks the wrong way round: use ≤."),
                                  name, text));

  {
    g_autofree char *unit = other_unit (pg_indicator_get_year_minus_2 (leaf), target);

    if (unit == NULL)
      unit = other_unit (pg_indicator_get_year_minus_1 (leaf), target);
    if (unit != NULL)
      add_finding (out, PG_SEVERITY_WARNING, path_with (check->path, "target"),
                   /* Translators: %1$s is an indicator's name, %2$s and %3$s units (人次, %) */
                   g_strdup_printf (_("“%1$s”: the target is in “%2$s” but the previous years’ values are in “%3$s”: use one unit."),
                                    name, target->unit, unit));
  }

  if (g_strcmp0 (level1, "output") == 0 && g_strcmp0 (level2, "cost") != 0
      && (g_str_equal (target->unit, "万元") || contains_any (name, money_words)))
    add_finding (out, PG_SEVERITY_WARNING, path_with (check->path, "name"),
                 /* Translators: %s is an indicator's name */
                 g_strdup_printf (_("“%s” measures money spent, which is an input, not an output: move it under a cost indicator."),
                                  name));
}

static void
check_leaf (GoalCheck   *check,
            GPtrArray   *out,
            PgIndicator *leaf,
            const char  *level1,
            const char  *level2)
{
  const char *name = pg_indicator_get_name (leaf);
  const char *minus_2 = pg_indicator_get_year_minus_2 (leaf);
  const char *minus_1 = pg_indicator_get_year_minus_1 (leaf);
  const char *target = pg_indicator_get_target (leaf);
  gboolean unnamed = is_blank (name);
  /* Messages name the indicator; an unnamed one by its place.
   * Translators: %u is the number of the goal */
  g_autofree char *unnamed_shown = unnamed ? g_strdup_printf (_("Goal %u, an unnamed indicator"), check->goal_number) : NULL;
  const char *shown = unnamed ? unnamed_shown : name;

  if (unnamed)
    add_finding (out, PG_SEVERITY_ERROR, path_with (check->path, "name"),
                 /* Translators: %u is the number of the goal */
                 g_strdup_printf (_("Goal %u has a level-3 indicator without a name: name it, or delete the row."),
                                  check->goal_number));
  else if (!check_placeholder (out, check->path, "name", name))
    {
      /* Added unless it is there already: one look-up. */
      if (!g_hash_table_add (check->names, (gpointer) name))
        add_finding (out, PG_SEVERITY_WARNING, path_with (check->path, "name"),
                     /* Translators: %1$u is the number of the goal, %2$s an indicator's name */
                     g_strdup_printf (_("Goal %1$u has two indicators called “%2$s”: merge them, or tell them apart by name."),
                                      check->goal_number, shown));
    }

  if (is_blank (minus_2) && is_blank (minus_1))
    add_finding (out, PG_SEVERITY_WARNING, path_with (check->path, "year_minus_2"),
                 /* Translators: %s is an indicator's name */
                 g_strdup_printf (_("“%s” has no values for the previous two years: fill them in, unless the indicator is new."),
                                  shown));
  else if (is_blank (minus_2))
    add_finding (out, PG_SEVERITY_WARNING, path_with (check->path, "year_minus_2"),
                 /* Translators: %s is an indicator's name */
                 g_strdup_printf (_("“%s” has no value for the year before last: fill it in, unless the indicator is new."),
                                  shown));
  else if (!check_placeholder (out, check->path, "year_minus_2", minus_2) && is_blank (minus_1))
    add_finding (out, PG_SEVERITY_WARNING, path_with (check->path, "year_minus_1"),
                 /* Translators: %s is an indicator's name */
                 g_strdup_printf (_("“%s” has no value for last year: fill it in, unless the indicator is new."),
                                  shown));
  if (!is_blank (minus_1))
    check_placeholder (out, check->path, "year_minus_1", minus_1);

  if (is_blank (target))
    add_finding (out, PG_SEVERITY_ERROR, path_with (check->path, "target"),
                 /* Translators: %s is an indicator's name */
                 g_strdup_printf (_("“%s”: the value expected this year is not filled in: it is the goal’s target."),
                                  shown));
  else if (!check_placeholder (out, check->path, "target", target))
    check_target (check, out, leaf, level1, level2);

  if (pg_indicator_get_basis (leaf) == NULL)
    add_finding (out, PG_SEVERITY_ERROR, path_with (check->path, "basis"),
                 /* Translators: %s is an indicator's name */
                 g_strdup_printf (_("“%s”: the basis of the target is not chosen: choose historical data, an industry standard, a plan or other."),
                                  shown));
}

static void
record_indicator (GoalCheck   *check,
                  PgIndicator *indicator)
{
  gint64 id = pg_record_get_id (PG_RECORD (indicator));
  IndicatorPlace *place = g_hash_table_lookup (check->indicator_goals, &id);

  if (place == NULL)
    {
      place = g_new (IndicatorPlace, 1);
      place->id = id;
      g_hash_table_insert (check->indicator_goals, &place->id, place);
    }
  place->goal_id = check->goal_id;
}

static void
check_level2 (GoalCheck   *check,
              GPtrArray   *out,
              PgIndicator *node,
              const char  *level1)
{
  GListModel *children = pg_indicator_get_children (node);
  guint n = g_list_model_get_n_items (children);
  const char *category = pg_indicator_get_category (node);
  const PgCategory *standard = pg_category_lookup (2, category);
  gsize len = check->path->len;
  const char *display = pg_indicator_get_display_name (node, check->english);

  if (g_str_equal (category, PG_CATEGORY_CUSTOM))
    check_placeholder (out, check->path, "name", pg_indicator_get_name (node));
  if (standard != NULL && level1 != NULL && pg_category_lookup (1, level1) != NULL
      && g_strcmp0 (standard->parent_key, level1) != 0)
    {
      const PgCategory *belongs = pg_category_lookup (1, standard->parent_key);
      const PgCategory *under = pg_category_lookup (1, level1);
      PgLanguage language = check->english ? PG_LANGUAGE_EN : PG_LANGUAGE_ZH_CN;

      add_finding (out, PG_SEVERITY_ERROR, path_with (check->path, "category"),
                   /* Translators: %1$s is a level-2 category (社会效益指标), %2$s and %3$s level-1 categories */
                   g_strdup_printf (_("“%1$s” belongs under “%2$s”, not under “%3$s”: move it, or choose another category."),
                                    display, pg_category_name (belongs, language), pg_category_name (under, language)));
    }
  if (n == 0)
    add_finding (out, PG_SEVERITY_ERROR, g_strdup (check->path->str),
                 /* Translators: %1$u is the number of the goal, %2$s a level-2 category */
                 g_strdup_printf (_("Goal %1$u: “%2$s” has no level-3 indicator under it: add one, or delete it."),
                                  check->goal_number, display));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PgIndicator) leaf = g_list_model_get_item (children, i);

      record_indicator (check, leaf);
      path_push_index (check->path, ".children", i);
      check_leaf (check, out, leaf, level1, standard != NULL ? category : NULL);
      g_string_truncate (check->path, len);
    }
}

static void
check_goal (PgReview  *self,
            PgGoal    *goal,
            guint      index,
            GPtrArray *out)
{
  GListModel *level1 = pg_goal_get_indicators (goal);
  guint n = g_list_model_get_n_items (level1);
  g_autoptr(GString) path = g_string_new (NULL);
  /* The names themselves: the records outlive the check. */
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  GoalCheck check = {
    .english = names_in_english (),
    .path = path,
    .names = names,
    .indicator_goals = self->indicator_goals,
    .goal_id = pg_record_get_id (PG_RECORD (goal)),
    .goal_number = index + 1,
  };
  gboolean has_output = FALSE, has_effect = FALSE, has_satisfaction = FALSE, has_cost = FALSE;
  static const char *const required[] = { "output", "effect", "satisfaction" };
  PgLanguage language = check.english ? PG_LANGUAGE_EN : PG_LANGUAGE_ZH_CN;
  gsize goal_len;

  g_string_printf (path, "goals[%u]", index);
  goal_len = path->len;

  if (is_blank (pg_goal_get_title (goal)) && n == 0)
    {
      add_finding (out, PG_SEVERITY_WARNING, g_strdup (path->str),
                   /* Translators: %u is the number of the goal */
                   g_strdup_printf (_("Goal %u is empty: fill in its statement and indicators, or delete it."), index + 1));
      return;
    }
  if (is_blank (pg_goal_get_title (goal)))
    add_finding (out, PG_SEVERITY_ERROR, path_with (path, "title"),
                 /* Translators: %u is the number of the goal */
                 g_strdup_printf (_("Goal %u has no statement: say in a sentence what the goal is."), index + 1));
  else
    check_placeholder (out, path, "title", pg_goal_get_title (goal));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PgIndicator) node = g_list_model_get_item (level1, i);
      const char *category = pg_indicator_get_category (node);
      GListModel *children = pg_indicator_get_children (node);
      guint n_children = g_list_model_get_n_items (children);

      has_output |= g_str_equal (category, "output");
      has_effect |= g_str_equal (category, "effect");
      has_satisfaction |= g_str_equal (category, "satisfaction");
      has_cost |= g_str_equal (category, "cost");
      if (g_str_equal (category, "output"))
        for (guint k = 0; k < n_children; k++)
          {
            g_autoptr(PgIndicator) child = g_list_model_get_item (children, k);
            has_cost |= g_strcmp0 (pg_indicator_get_category (child), "cost") == 0;
          }
    }
  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    {
      gboolean has = i == 0 ? has_output : i == 1 ? has_effect : has_satisfaction;

      if (!has)
        add_finding (out, PG_SEVERITY_ERROR, path_with (path, "indicators"),
                     /* Translators: %1$u is the number of the goal, %2$s a level-1 category (产出指标) */
                     g_strdup_printf (_("Goal %1$u has no “%2$s”: every goal needs output, effect and satisfaction indicators."),
                                      index + 1, pg_category_name (pg_category_lookup (1, required[i]), language)));
    }
  if (!has_cost)
    add_finding (out, PG_SEVERITY_WARNING, path_with (path, "indicators"),
                 /* Translators: %u is the number of the goal */
                 g_strdup_printf (_("Goal %u has no cost indicator: add one at level 1, or at level 2 under output."),
                                  index + 1));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PgIndicator) node = g_list_model_get_item (level1, i);
      const char *category = pg_indicator_get_category (node);
      GListModel *children = pg_indicator_get_children (node);
      guint n_children = g_list_model_get_n_items (children);
      const char *display = pg_indicator_get_display_name (node, check.english);
      gboolean has_quantity = FALSE;
      gsize node_len;

      record_indicator (&check, node);
      g_string_truncate (path, goal_len);
      path_push_index (path, ".indicators", i);
      node_len = path->len;
      if (g_str_equal (category, PG_CATEGORY_CUSTOM))
        check_placeholder (out, path, "name", pg_indicator_get_name (node));
      if (n_children == 0)
        add_finding (out, PG_SEVERITY_ERROR, g_strdup (path->str),
                     /* Translators: %1$u is the number of the goal, %2$s a level-1 category */
                     g_strdup_printf (_("Goal %1$u: “%2$s” has no level-2 indicator under it: add one, or delete it."),
                                      index + 1, display));
      for (guint k = 0; k < n_children; k++)
        {
          g_autoptr(PgIndicator) child = g_list_model_get_item (children, k);
          has_quantity |= g_strcmp0 (pg_indicator_get_category (child), "quantity") == 0;
        }
      if (g_str_equal (category, "output") && n_children > 0 && !has_quantity)
        add_finding (out, PG_SEVERITY_WARNING, g_strdup (path->str),
                     /* Translators: %u is the number of the goal */
                     g_strdup_printf (_("Goal %u: the output indicators have no quantity indicator: say how much the goal delivers."),
                                      index + 1));

      for (guint k = 0; k < n_children; k++)
        {
          g_autoptr(PgIndicator) child = g_list_model_get_item (children, k);

          record_indicator (&check, child);
          path_push_index (path, ".children", k);
          check_level2 (&check, out, child, g_str_equal (category, PG_CATEGORY_CUSTOM) ? NULL : category);
          g_string_truncate (path, node_len);
        }
    }
}

/* From a path back to the record */

/* The list a path's member with an index names under `record` (NULL: the
 * top of the declaration). */
static GListModel *
list_of (PgDocument *document,
         PgRecord   *record,
         const char *member)
{
  if (record == NULL)
    {
      if (g_str_equal (member, "task_groups"))
        return pg_document_get_task_groups (document);
      if (g_str_equal (member, "projects"))
        return pg_document_get_projects (document);
      if (g_str_equal (member, "goals"))
        return pg_document_get_goals (document);
      if (g_str_equal (member, "revenue"))
        return pg_finance_block_get_rows (pg_document_get_revenue (document));
      if (g_str_equal (member, "expenditure"))
        return pg_finance_block_get_rows (pg_document_get_expenditure (document));
      return NULL;
    }
  if (PG_IS_TASK_GROUP (record) && g_str_equal (member, "tasks"))
    return pg_task_group_get_tasks (PG_TASK_GROUP (record));
  if (PG_IS_GOAL (record) && g_str_equal (member, "indicators"))
    return pg_goal_get_indicators (PG_GOAL (record));
  if (PG_IS_INDICATOR (record) && g_str_equal (member, "children"))
    return pg_indicator_get_children (PG_INDICATOR (record));
  return NULL;
}

PgRecord *
pg_review_locate (PgDocument  *document,
                  const char  *path,
                  char       **out_property)
{
  g_auto(GStrv) members = NULL;
  PgRecord *record = NULL;
  g_autofree char *property = NULL;

  g_return_val_if_fail (PG_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  if (out_property != NULL)
    *out_property = NULL;
  members = g_strsplit (path, ".", -1);
  for (guint i = 0; members[i] != NULL; i++)
    {
      char *bracket = strchr (members[i], '[');

      g_clear_pointer (&property, g_free);
      if (bracket != NULL)
        {
          GListModel *list;
          guint64 index;
          g_autoptr(PgRecord) item = NULL;

          *bracket = '\0';
          if (!g_str_has_suffix (bracket + 1, "]"))
            return NULL;
          bracket[strlen (bracket + 1)] = '\0';
          list = list_of (document, record, members[i]);
          if (list == NULL || !g_ascii_string_to_unsigned (bracket + 1, 10, 0, G_MAXUINT, &index, NULL)
              || (item = g_list_model_get_item (list, (guint) index)) == NULL)
            return NULL;
          /* The list keeps it. */
          record = item;
        }
      else if (i == 0 && (g_str_equal (members[i], "department") || g_str_equal (members[i], "budget_year")
                          || g_str_equal (members[i], "fill_date") || g_str_equal (members[i], "functions")))
        {
          record = PG_RECORD (pg_document_get_declaration (document));
          if (!g_str_equal (members[i], "department"))
            property = g_strdup (members[i]);
        }
      else if (record != NULL && PG_IS_DECLARATION (record) && g_str_equal (members[i], "name"))
        property = g_strdup ("department_name");
      else if (record != NULL && list_of (document, record, members[i]) == NULL)
        property = g_strdup (members[i]);
    }

  if (out_property != NULL)
    *out_property = property != NULL ? g_strdelimit (g_steal_pointer (&property), "_", '-') : NULL;
  return record;
}

/* The whole */

static void
mark_stale (PgReview *self)
{
  if (self->stale)
    return;
  self->stale = TRUE;
  g_signal_emit (self, signals[STALE], 0);
}

static void
mark_goal (PgReview *self,
           gint64    goal_id)
{
  GoalScope *scope = g_hash_table_lookup (self->goal_scopes, &goal_id);

  if (scope != NULL)
    scope->dirty = TRUE;
}

static void
on_rows_changed (PgDocument     *document,
                 const PgRowRef *rows,
                 guint           n_rows,
                 PgReview       *self)
{
  for (guint i = 0; i < n_rows; i++)
    {
      const char *table = rows[i].table;

      if (g_str_equal (table, "declaration"))
        self->scope_dirty[SCOPE_HEADER] = self->scope_dirty[SCOPE_FUNCTIONS] = TRUE;
      else if (g_str_equal (table, "finance_row"))
        self->scope_dirty[SCOPE_FINANCE] = self->scope_dirty[SCOPE_PROJECTS] = TRUE;
      else if (g_str_equal (table, "task_group") || g_str_equal (table, "task"))
        self->scope_dirty[SCOPE_TASKS] = TRUE;
      else if (g_str_equal (table, "project"))
        self->scope_dirty[SCOPE_PROJECTS] = TRUE;
      else if (g_str_equal (table, "goal"))
        mark_goal (self, rows[i].id);
      else if (g_str_equal (table, "indicator"))
        {
          /* Where it was, and where it is now: a move touches both goals. */
          IndicatorPlace *was_in = g_hash_table_lookup (self->indicator_goals, &rows[i].id);
          PgRecord *record = pg_document_lookup (document, table, rows[i].id);

          if (was_in != NULL)
            mark_goal (self, was_in->goal_id);
          if (record != NULL && pg_indicator_get_goal (PG_INDICATOR (record)) != NULL)
            mark_goal (self, pg_record_get_id (PG_RECORD (pg_indicator_get_goal (PG_INDICATOR (record)))));
        }
    }
  mark_stale (self);
}

static void
append_severity (GPtrArray  *list,
                 GPtrArray  *findings,
                 PgSeverity  severity)
{
  for (guint i = 0; i < findings->len; i++)
    {
      PgFinding *finding = findings->pdata[i];

      if (finding->severity == severity)
        g_ptr_array_add (list, pg_finding_ref (finding));
    }
}

typedef void (*ScopeCheck) (PgReview *self, GPtrArray *out);

static GPtrArray *
new_findings (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) pg_finding_unref);
}

static gboolean
findings_equal (GPtrArray *a,
                GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    {
      PgFinding *x = a->pdata[i], *y = b->pdata[i];

      if (x->severity != y->severity || !g_str_equal (x->path, y->path) || !g_str_equal (x->message, y->message))
        return FALSE;
    }
  return TRUE;
}

/* A scope checked again keeps its very findings when they did not change:
 * a view then tells an unchanged list by its pointers alone. */
static void
keep_or_replace (GPtrArray **kept,
                 GPtrArray  *found)
{
  if (findings_equal (*kept, found))
    return;
  g_ptr_array_unref (*kept);
  *kept = g_ptr_array_ref (found);
}

static void
update (PgReview *self)
{
  static const ScopeCheck checks[N_SCOPES] = {
    [SCOPE_HEADER] = check_header,
    [SCOPE_FINANCE] = check_finance,
    [SCOPE_FUNCTIONS] = check_functions,
    [SCOPE_TASKS] = check_tasks,
    [SCOPE_PROJECTS] = check_projects,
  };
  GListModel *goals = pg_document_get_goals (self->document);
  guint n_goals = g_list_model_get_n_items (goals);
  g_autoptr(GPtrArray) goal_order = g_ptr_array_sized_new (n_goals);
  g_autoptr(GPtrArray) overall = new_findings ();
  gboolean any_indicators = FALSE;
  GHashTableIter iter;
  gpointer value;
  GPtrArray *list;

  for (guint s = 0; s < N_SCOPES; s++)
    if (self->scope_dirty[s])
      {
        g_autoptr(GPtrArray) found = new_findings ();

        checks[s] (self, found);
        keep_or_replace (&self->scope_findings[s], found);
        self->scope_dirty[s] = FALSE;
      }

  self->update_count++;
  for (guint i = 0; i < n_goals; i++)
    {
      g_autoptr(PgGoal) goal = g_list_model_get_item (goals, i);
      gint64 id = pg_record_get_id (PG_RECORD (goal));
      GoalScope *scope = g_hash_table_lookup (self->goal_scopes, &id);

      if (scope == NULL)
        {
          scope = g_new0 (GoalScope, 1);
          scope->id = id;
          scope->dirty = TRUE;
          scope->findings = new_findings ();
          g_hash_table_insert (self->goal_scopes, &scope->id, scope);
        }
      if (scope->dirty || scope->index != i)
        {
          g_autoptr(GPtrArray) found = new_findings ();

          check_goal (self, goal, i, found);
          keep_or_replace (&scope->findings, found);
          scope->index = i;
          scope->dirty = FALSE;
        }
      scope->seen = self->update_count;
      g_ptr_array_add (goal_order, scope);
      any_indicators |= g_list_model_get_n_items (pg_goal_get_indicators (goal)) > 0;
    }
  /* Goals no longer in the document. */
  g_hash_table_iter_init (&iter, self->goal_scopes);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (((GoalScope *) value)->seen != self->update_count)
      g_hash_table_iter_remove (&iter);

  if (!any_indicators)
    add_finding (overall, PG_SEVERITY_ERROR, g_strdup ("goals"),
                 g_strdup (_("No goal has indicators: add a goal with its output, effect and satisfaction indicators.")));
  keep_or_replace (&self->overall_findings, overall);

  list = g_ptr_array_new_full (self->findings != NULL ? self->findings->len : 64,
                               (GDestroyNotify) pg_finding_unref);
  for (PgSeverity severity = PG_SEVERITY_ERROR; severity <= PG_SEVERITY_WARNING; severity++)
    {
      for (guint s = 0; s < N_SCOPES; s++)
        append_severity (list, self->scope_findings[s], severity);
      append_severity (list, self->overall_findings, severity);
      for (guint i = 0; i < goal_order->len; i++)
        append_severity (list, ((GoalScope *) goal_order->pdata[i])->findings, severity);
      if (severity == PG_SEVERITY_ERROR)
        self->n_errors = list->len;
    }

  g_clear_pointer (&self->findings, g_ptr_array_unref);
  self->findings = list;
  self->stale = FALSE;
}

GPtrArray *
pg_review_get_findings (PgReview *self)
{
  g_return_val_if_fail (PG_IS_REVIEW (self), NULL);

  if (self->stale || self->findings == NULL)
    update (self);
  return g_ptr_array_ref (self->findings);
}

static void
ensure_up_to_date (PgReview *self)
{
  g_autoptr(GPtrArray) findings = pg_review_get_findings (self);
}

guint
pg_review_get_n_errors (PgReview *self)
{
  g_return_val_if_fail (PG_IS_REVIEW (self), 0);
  ensure_up_to_date (self);
  return self->n_errors;
}

guint
pg_review_get_n_warnings (PgReview *self)
{
  g_return_val_if_fail (PG_IS_REVIEW (self), 0);
  ensure_up_to_date (self);
  return self->findings->len - self->n_errors;
}

gboolean
pg_review_get_stale (PgReview *self)
{
  g_return_val_if_fail (PG_IS_REVIEW (self), FALSE);
  return self->stale;
}

PgDocument *
pg_review_get_document (PgReview *self)
{
  g_return_val_if_fail (PG_IS_REVIEW (self), NULL);
  return self->document;
}

PgReview *
pg_review_new (PgDocument *document)
{
  PgReview *self;

  g_return_val_if_fail (PG_IS_DOCUMENT (document), NULL);

  self = g_object_new (PG_TYPE_REVIEW, NULL);
  self->document = g_object_ref (document);
  self->rows_changed_id = g_signal_connect (document, "rows-changed", G_CALLBACK (on_rows_changed), self);
  return self;
}

static void
pg_review_dispose (GObject *object)
{
  PgReview *self = PG_REVIEW (object);

  if (self->document != NULL)
    g_clear_signal_handler (&self->rows_changed_id, self->document);
  g_clear_object (&self->document);
  G_OBJECT_CLASS (pg_review_parent_class)->dispose (object);
}

static void
pg_review_finalize (GObject *object)
{
  PgReview *self = PG_REVIEW (object);

  for (guint s = 0; s < N_SCOPES; s++)
    g_ptr_array_unref (self->scope_findings[s]);
  g_ptr_array_unref (self->overall_findings);
  g_hash_table_unref (self->goal_scopes);
  g_hash_table_unref (self->indicator_goals);
  g_clear_pointer (&self->findings, g_ptr_array_unref);
  G_OBJECT_CLASS (pg_review_parent_class)->finalize (object);
}

static void
pg_review_class_init (PgReviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pg_review_dispose;
  object_class->finalize = pg_review_finalize;

  /**
   * PgReview::stale:
   *
   * An edit has made the findings stale: pg_review_get_findings() will
   * re-check what it touched. Emitted once until the next update.
   */
  signals[STALE] = g_signal_new ("stale", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
pg_review_init (PgReview *self)
{
  for (guint s = 0; s < N_SCOPES; s++)
    {
      self->scope_findings[s] = new_findings ();
      self->scope_dirty[s] = TRUE;
    }
  self->overall_findings = new_findings ();
  self->goal_scopes = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, goal_scope_free);
  self->indicator_goals = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
  self->stale = TRUE;
}
