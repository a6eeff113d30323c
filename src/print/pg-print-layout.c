/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "perfgoal-print"

#include "config.h"

#include <fontconfig/fontconfig.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <string.h>

#include "pg-amount.h"
#include "pg-print-fonts.h"
#include "pg-print-labels.h"
#include "pg-print-layout.h"

/* The text area of GB/T 9704 on A4: column widths below are given in
 * millimetres of it and scale with the text area of other paper. */
#define BASE_WIDTH_MM 156.0

#define PAD_X 2.0                 /* inside a cell, points */
#define PAD_Y 2.5
#define RULE_WIDTH 0.5
#define EPSILON 0.01
#define KEEP_WITH_NEXT_MIN 60.0   /* how much of a long next row a heading keeps with it */

typedef enum {
  STYLE_TEXT,        /* 小四 (12 pt): section names and running text */
  STYLE_CELL,        /* 五号 (10.5 pt): table cells */
  STYLE_HEAD,        /* 五号 bold: column headings */
  STYLE_TITLE,       /* 2号 (22 pt) bold */
  STYLE_PAGE_NUMBER, /* 4号 (14 pt), GB/T 9704 */
  STYLE_ATTACHMENT,  /* 3号 (16 pt) 黑体 */
  N_STYLES
} Style;

enum {
  EDGE_LEFT   = 1 << 0,
  EDGE_RIGHT  = 1 << 1,
  EDGE_TOP    = 1 << 2,
  EDGE_BOTTOM = 1 << 3,
  EDGE_ALL    = 0xf,
};

typedef struct {
  char   *text;
  float   x0, x1;      /* in the text area */
  float   y0, y1;      /* composite rows: relative to the row's top */
  guint8  style;
  guint8  align;       /* PangoAlignment */
  guint8  edges;       /* which rules to draw around it */
  guint8  top_aligned; /* running text is never centred vertically */
  guint8  sub0, sub1;  /* composite rows: the sub-rows the cell covers */
  guint   n_lines;
  float  *tops;        /* n_lines + 1 line tops, from the layout's top */
  PangoLayout *layout; /* kept from measuring to drawing, when streaming */
} Cell;

typedef struct {
  Cell    *cells;
  guint    n_cells;
  gboolean composite;      /* a fixed grid of cells (a heading): never split */
  gboolean flow;           /* running text: splits to fill a page */
  gboolean keep_with_next;
  gboolean measured;
  gboolean is_header;      /* repeated after breaks: drawn on many pages */
  int      header;         /* the heading row repeated after a break, or -1 */
  float    gap_before;
  float    min_h;
  float    h;              /* composite rows */
} Row;

typedef struct {
  guint r0, r1;  /* the rows it spans */
  Cell  label;
  Cell  cont;    /* the label with "(续)" */
  Cell  mark;    /* "(续)" alone, before the rest of a label too long for a page */
  guint consumed;
  gboolean measured;
} Span;

typedef struct {
  guint  row;
  float  y, h;
  guint  first_range;  /* non-composite rows: 2 line indices per cell in ->ranges */
} Placement;

typedef enum {
  SEGMENT_LABEL,
  SEGMENT_MARK_LABEL,
  SEGMENT_CONT,
} SegmentMode;

typedef struct {
  guint span;
  float y0, y1;
  guint l0, l1;
  guint mode;
} Segment;

typedef struct {
  guint first_placement, n_placements;
  guint first_segment, n_segments;
  float body_top;
} Page;

typedef struct {
  guint  span;
  double y0;
  guint  n_segments;
} OpenSpan;

struct _PgPrintLayout
{
  GObject parent_instance;

  PgPrintOptions options;
  PgLanguage     language;
  double         width, height;  /* the text area */

  PangoContext  *context;
  PangoLayout   *layouts[N_STYLES];
  /* Streaming: each cell's layout is kept from measuring to drawing (so
   * that it is laid out once) and released once its page is drawn. */
  gboolean       keep_layouts;
  guint          released_rows;
  guint          released_spans;

  GArray *rows;        /* Row */
  GArray *spans;       /* Span */
  GArray *pages;       /* Page */
  GArray *placements;  /* Placement */
  GArray *ranges;      /* guint */
  GArray *segments;    /* Segment */

  /* Pagination */
  guint    next_row;
  guint    next_span;
  GArray  *open;       /* OpenSpan, outermost first */
  double   y;
  double   body_top;
  gboolean done;
};

G_DEFINE_FINAL_TYPE (PgPrintLayout, pg_print_layout, G_TYPE_OBJECT)

/* Options */

void
pg_print_options_init (PgPrintOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->override_language = FALSE;
  options->language = PG_LANGUAGE_ZH_CN;
  options->numbering = PG_PRINT_NUMBERING_GBT9704;
  options->attachment_number = 0;
  options->signature_block = TRUE;
  options->paper_width = PG_MM_TO_PT (210.0);
  options->paper_height = PG_MM_TO_PT (297.0);
  /* GB/T 9704: 37 mm top, 28 mm left, a 156 × 225 mm text area. */
  options->margin_top = PG_MM_TO_PT (37.0);
  options->margin_left = PG_MM_TO_PT (28.0);
  options->margin_right = PG_MM_TO_PT (210.0 - 28.0 - 156.0);
  options->margin_bottom = PG_MM_TO_PT (297.0 - 37.0 - 225.0);
}

static const char *const numbering_names[] = { "gbt9704", "page-of-total", "none" };

gboolean
pg_print_numbering_from_string (const char       *string,
                                PgPrintNumbering *out_numbering)
{
  for (guint i = 0; i < G_N_ELEMENTS (numbering_names); i++)
    if (g_strcmp0 (string, numbering_names[i]) == 0)
      {
        *out_numbering = (PgPrintNumbering) i;
        return TRUE;
      }
  return FALSE;
}

const char *
pg_print_numbering_to_string (PgPrintNumbering numbering)
{
  g_return_val_if_fail ((guint) numbering < G_N_ELEMENTS (numbering_names), NULL);
  return numbering_names[numbering];
}

/* Fonts */

static gboolean
family_has_chinese (const char *family)
{
  FcPattern *pattern = FcPatternCreate ();
  FcLangSet *langs = FcLangSetCreate ();
  FcObjectSet *objects = FcObjectSetBuild (FC_FAMILY, NULL);
  FcFontSet *set;
  gboolean found;

  FcLangSetAdd (langs, (const FcChar8 *) "zh-cn");
  FcPatternAddLangSet (pattern, FC_LANG, langs);
  if (family != NULL)
    FcPatternAddString (pattern, FC_FAMILY, (const FcChar8 *) family);
  set = FcFontList (NULL, pattern, objects);
  found = set != NULL && set->nfont > 0;

  if (set != NULL)
    FcFontSetDestroy (set);
  FcObjectSetDestroy (objects);
  FcLangSetDestroy (langs);
  FcPatternDestroy (pattern);
  return found;
}

static const char *
find_cjk_family (gboolean *out_serif)
{
  /* In the order of preference of form.md: a Song (serif) face. */
  static const char *const serif[] = {
    "Noto Serif CJK SC", "Source Han Serif SC", "Source Han Serif CN", "Noto Serif SC",
    "SimSun", "宋体", "NSimSun", "FangSong", "仿宋", "AR PL UMing CN",
  };
  static const char *const sans[] = {
    "Noto Sans CJK SC", "Source Han Sans SC", "Source Han Sans CN", "Noto Sans SC",
    "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "Droid Sans Fallback",
  };

  if (out_serif != NULL)
    *out_serif = FALSE;
  if (!FcInit ())
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (serif); i++)
    if (family_has_chinese (serif[i]))
      {
        if (out_serif != NULL)
          *out_serif = TRUE;
        return serif[i];
      }
  for (guint i = 0; i < G_N_ELEMENTS (sans); i++)
    if (family_has_chinese (sans[i]))
      return sans[i];
  /* Some face covers Chinese, under a name we do not know: let fontconfig
   * pick it through the generic family. */
  if (family_has_chinese (NULL))
    return "serif";
  return NULL;
}

/* Resolved once per process: the command line asks before exporting, and
 * every layout asks again. */
const char *
pg_print_find_cjk_family (gboolean *out_serif)
{
  static gsize resolved = 0;
  static const char *family;
  static gboolean serif;

  if (g_once_init_enter (&resolved))
    {
      family = find_cjk_family (&serif);
      g_once_init_leave (&resolved, 1);
    }
  if (out_serif != NULL)
    *out_serif = serif;
  return family;
}

/* Building the table */

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
static char *
label_printf (PgPrintLayout *self,
              PgLabel        label,
              ...)
{
  va_list args;
  char *result;

  va_start (args, label);
  result = g_strdup_vprintf (pg_print_label (label, self->language), args);
  va_end (args);
  return result;
}
#pragma GCC diagnostic pop

static const char *
L (PgPrintLayout *self,
   PgLabel        label)
{
  return pg_print_label (label, self->language);
}

/* A column edge, given in millimetres of the 156 mm text area. */
static float
col (PgPrintLayout *self,
     double         mm)
{
  return (float) (mm / BASE_WIDTH_MM * self->width);
}

static guint
add_row (PgPrintLayout *self,
         guint          n_cells)
{
  Row row = { 0 };

  row.cells = g_new0 (Cell, n_cells);
  row.n_cells = n_cells;
  row.header = -1;
  g_array_append_val (self->rows, row);
  return self->rows->len - 1;
}

static Row *
get_row (PgPrintLayout *self,
         guint          index)
{
  return &g_array_index (self->rows, Row, index);
}

static void
set_header (PgPrintLayout *self,
            guint          r,
            guint          heading)
{
  get_row (self, r)->header = (int) heading;
  get_row (self, heading)->is_header = TRUE;
}

/* Sets cell `i` of row `r`; takes `text`. */
static Cell *
set_cell (PgPrintLayout *self,
          guint          r,
          guint          i,
          float          x0,
          float          x1,
          Style          style,
          PangoAlignment align,
          char          *text)
{
  Cell *cell = &get_row (self, r)->cells[i];

  cell->x0 = x0;
  cell->x1 = x1;
  cell->style = style;
  cell->align = align;
  cell->edges = EDGE_ALL;
  cell->text = text != NULL ? text : g_strdup ("");
  return cell;
}

static Cell *
set_sub_cell (PgPrintLayout *self,
              guint          r,
              guint          i,
              float          x0,
              float          x1,
              guint          sub0,
              guint          sub1,
              const char    *text)
{
  Cell *cell = set_cell (self, r, i, x0, x1, STYLE_HEAD, PANGO_ALIGN_CENTER, g_strdup (text));

  cell->sub0 = sub0;
  cell->sub1 = sub1;
  return cell;
}

static guint
add_span (PgPrintLayout *self,
          guint          r0,
          float          x0,
          float          x1,
          Style          style,
          char          *text)
{
  Span span = { 0 };

  span.r0 = r0;
  span.r1 = r0;
  span.label.text = text != NULL ? text : g_strdup ("");
  span.cont.text = g_strconcat (span.label.text, L (self, PG_LABEL_CONTINUED), NULL);
  span.mark.text = g_strdup (L (self, PG_LABEL_CONTINUED));
  span.label.x0 = span.cont.x0 = span.mark.x0 = x0;
  span.label.x1 = span.cont.x1 = span.mark.x1 = x1;
  span.label.style = span.cont.style = span.mark.style = style;
  span.label.align = span.cont.align = span.mark.align = PANGO_ALIGN_CENTER;
  g_array_append_val (self->spans, span);
  return self->spans->len - 1;
}

static void
end_span (PgPrintLayout *self,
          guint          span)
{
  g_assert (self->rows->len > g_array_index (self->spans, Span, span).r0);
  g_array_index (self->spans, Span, span).r1 = self->rows->len - 1;
}

static char *
amount_text (gint64 amount)
{
  char *text = pg_amount_format (amount);
  return text != NULL ? text : g_strdup ("");
}

static char *
year_text (PgPrintLayout *self,
           int            budget_year,
           int            offset,
           PgLabel        name)
{
  if (budget_year <= 0)
    return g_strdup (L (self, name));
  return label_printf (self, PG_LABEL_YEAR, budget_year + offset);
}

static void
build_header (PgPrintLayout *self,
              PgDeclaration *decl)
{
  const char *fill_date = pg_declaration_get_fill_date (decl);
  int year, month, day;
  g_autofree char *date = NULL;
  guint r;

  if (self->options.attachment_number > 0)
    {
      r = add_row (self, 1);
      set_cell (self, r, 0, 0, self->width, STYLE_ATTACHMENT, PANGO_ALIGN_LEFT,
                label_printf (self, PG_LABEL_ATTACHMENT, self->options.attachment_number))->edges = 0;
      get_row (self, r)->keep_with_next = TRUE;
    }

  r = add_row (self, 1);
  set_cell (self, r, 0, 0, self->width, STYLE_TITLE, PANGO_ALIGN_CENTER,
            g_strdup (L (self, PG_LABEL_TITLE)))->edges = 0;
  get_row (self, r)->keep_with_next = TRUE;
  get_row (self, r)->min_h = 36;

  if (fill_date != NULL && sscanf (fill_date, "%d-%d-%d", &year, &month, &day) == 3)
    date = label_printf (self, PG_LABEL_DATE_FORMAT, year, month, day);
  else
    date = g_strdup (L (self, PG_LABEL_DATE_BLANK));

  r = add_row (self, 2);
  set_cell (self, r, 0, 0, self->width * 0.6f, STYLE_CELL, PANGO_ALIGN_LEFT,
            g_strconcat (L (self, PG_LABEL_FILL_DATE), date, NULL))->edges = 0;
  set_cell (self, r, 1, self->width * 0.6f, self->width, STYLE_CELL, PANGO_ALIGN_RIGHT,
            g_strdup (L (self, g_strcmp0 (pg_declaration_get_unit (decl), "yuan") == 0
                                 ? PG_LABEL_UNIT_YUAN : PG_LABEL_UNIT_WAN_YUAN)))->edges = 0;
  get_row (self, r)->keep_with_next = TRUE;
}

static void
build_department (PgPrintLayout *self,
                  PgDeclaration *decl)
{
  float s = col (self, 20), a = col (self, 64), b = col (self, 92);
  guint r;

  r = add_row (self, 2);
  set_cell (self, r, 0, 0, s, STYLE_TEXT, PANGO_ALIGN_CENTER, g_strdup (L (self, PG_LABEL_DEPARTMENT_NAME)));
  set_cell (self, r, 1, s, self->width, STYLE_TEXT, PANGO_ALIGN_LEFT,
            g_strdup (pg_declaration_get_department_name (decl)));

  r = add_row (self, 4);
  set_cell (self, r, 0, 0, s, STYLE_TEXT, PANGO_ALIGN_CENTER, g_strdup (L (self, PG_LABEL_FILLED_BY)));
  set_cell (self, r, 1, s, a, STYLE_TEXT, PANGO_ALIGN_LEFT, g_strdup (pg_declaration_get_filled_by (decl)));
  set_cell (self, r, 2, a, b, STYLE_TEXT, PANGO_ALIGN_CENTER, g_strdup (L (self, PG_LABEL_PHONE)));
  set_cell (self, r, 3, b, self->width, STYLE_TEXT, PANGO_ALIGN_LEFT, g_strdup (pg_declaration_get_phone (decl)));

  /* Without a signature block the heads' names would be lost. */
  if (!self->options.signature_block &&
      ((pg_declaration_get_head (decl) != NULL && *pg_declaration_get_head (decl) != '\0') ||
       (pg_declaration_get_finance_head (decl) != NULL && *pg_declaration_get_finance_head (decl) != '\0')))
    {
      r = add_row (self, 4);
      set_cell (self, r, 0, 0, s, STYLE_TEXT, PANGO_ALIGN_CENTER, g_strdup (L (self, PG_LABEL_HEAD)));
      set_cell (self, r, 1, s, a, STYLE_TEXT, PANGO_ALIGN_LEFT, g_strdup (pg_declaration_get_head (decl)));
      set_cell (self, r, 2, a, b, STYLE_TEXT, PANGO_ALIGN_CENTER, g_strdup (L (self, PG_LABEL_FINANCE_HEAD)));
      set_cell (self, r, 3, b, self->width, STYLE_TEXT, PANGO_ALIGN_LEFT,
                g_strdup (pg_declaration_get_finance_head (decl)));
    }
}

static void
build_finance_block (PgPrintLayout  *self,
                     PgFinanceBlock *block,
                     PgLabel         name,
                     guint           heading,
                     const float    *x)
{
  GListModel *rows = pg_finance_block_get_rows (block);
  guint n = g_list_model_get_n_items (rows);
  gboolean english = self->language == PG_LANGUAGE_EN;
  gboolean has_shares = FALSE;
  guint span, r;

  span = add_span (self, self->rows->len, x[1], x[2], STYLE_CELL, g_strdup (L (self, name)));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PgFinanceRow) row = g_list_model_get_item (rows, i);
      int share = pg_finance_row_get_share (row);
      char *share_text = pg_share_format (share);

      has_shares |= share != PG_SHARE_NONE;
      r = add_row (self, 5);
      set_header (self, r, heading);
      set_cell (self, r, 0, x[2], x[3], STYLE_CELL, PANGO_ALIGN_CENTER,
                g_strdup (pg_finance_row_get_label (row, english)));
      set_cell (self, r, 1, x[3], x[4], STYLE_CELL, PANGO_ALIGN_CENTER, amount_text (pg_finance_row_get_amount (row)));
      set_cell (self, r, 2, x[4], x[5], STYLE_CELL, PANGO_ALIGN_CENTER, share_text);
      set_cell (self, r, 3, x[5], x[6], STYLE_CELL, PANGO_ALIGN_CENTER,
                amount_text (pg_finance_row_get_year_minus_2 (row)));
      set_cell (self, r, 4, x[6], x[7], STYLE_CELL, PANGO_ALIGN_CENTER,
                amount_text (pg_finance_row_get_year_minus_1 (row)));
    }
  r = add_row (self, 5);
  set_header (self, r, heading);
  set_cell (self, r, 0, x[2], x[3], STYLE_CELL, PANGO_ALIGN_CENTER, g_strdup (L (self, PG_LABEL_TOTAL)));
  set_cell (self, r, 1, x[3], x[4], STYLE_CELL, PANGO_ALIGN_CENTER, amount_text (pg_finance_block_get_total (block)));
  set_cell (self, r, 2, x[4], x[5], STYLE_CELL, PANGO_ALIGN_CENTER, has_shares ? pg_share_format (10000) : NULL);
  set_cell (self, r, 3, x[5], x[6], STYLE_CELL, PANGO_ALIGN_CENTER,
            amount_text (pg_finance_block_get_total_year_minus_2 (block)));
  set_cell (self, r, 4, x[6], x[7], STYLE_CELL, PANGO_ALIGN_CENTER,
            amount_text (pg_finance_block_get_total_year_minus_1 (block)));
  end_span (self, span);
}

static void
build_finance (PgPrintLayout *self,
               PgDocument    *document,
               int            budget_year)
{
  const float x[] = { 0, col (self, 20), col (self, 38), col (self, 62), col (self, 88), col (self, 106),
                      col (self, 131), (float) self->width };
  g_autofree char *y2 = year_text (self, budget_year, -2, PG_LABEL_YEAR_MINUS_2);
  g_autofree char *y1 = year_text (self, budget_year, -1, PG_LABEL_YEAR_MINUS_1);
  guint span, heading;

  span = add_span (self, self->rows->len, x[0], x[1], STYLE_TEXT, g_strdup (L (self, PG_LABEL_FINANCE)));
  heading = add_row (self, 6);
  get_row (self, heading)->composite = TRUE;
  get_row (self, heading)->keep_with_next = TRUE;
  set_sub_cell (self, heading, 0, x[1], x[3], 0, 1, L (self, PG_LABEL_FINANCE_OVERALL));
  set_sub_cell (self, heading, 1, x[3], x[4], 0, 1, L (self, PG_LABEL_AMOUNT));
  set_sub_cell (self, heading, 2, x[4], x[5], 0, 1, L (self, PG_LABEL_SHARE));
  set_sub_cell (self, heading, 3, x[5], x[7], 0, 0, L (self, PG_LABEL_PREVIOUS_AMOUNTS));
  set_sub_cell (self, heading, 4, x[5], x[6], 1, 1, y2);
  set_sub_cell (self, heading, 5, x[6], x[7], 1, 1, y1);

  build_finance_block (self, pg_document_get_revenue (document), PG_LABEL_REVENUE, heading, x);
  build_finance_block (self, pg_document_get_expenditure (document), PG_LABEL_EXPENDITURE, heading, x);
  end_span (self, span);
}

/* Running text: one row per paragraph, ruled as a single cell. */
static void
add_text_row (PgPrintLayout *self,
              char          *text,
              gboolean       first)
{
  guint r = add_row (self, 1);
  Cell *cell = set_cell (self, r, 0, col (self, 20), self->width, STYLE_TEXT, PANGO_ALIGN_LEFT, text);

  cell->edges = EDGE_LEFT | EDGE_RIGHT | (first ? EDGE_TOP : 0);
  cell->top_aligned = TRUE;
  get_row (self, r)->flow = TRUE;
}

static void
close_text_rows (PgPrintLayout *self)
{
  get_row (self, self->rows->len - 1)->cells[0].edges |= EDGE_BOTTOM;
}

static void
build_functions (PgPrintLayout *self,
                 PgDeclaration *decl)
{
  const char *functions = pg_declaration_get_functions (decl);
  g_auto(GStrv) paragraphs = g_strsplit (functions != NULL ? functions : "", "\n", -1);
  guint span = add_span (self, self->rows->len, 0, col (self, 20), STYLE_TEXT, g_strdup (L (self, PG_LABEL_FUNCTIONS)));

  for (guint i = 0; paragraphs[i] != NULL || i == 0; i++)
    add_text_row (self, g_strdup (paragraphs[i] != NULL ? paragraphs[i] : ""), i == 0);
  close_text_rows (self);
  end_span (self, span);
}

static void
build_tasks (PgPrintLayout *self,
             PgDocument    *document)
{
  GListModel *groups = pg_document_get_task_groups (document);
  guint n_groups = g_list_model_get_n_items (groups);
  gboolean english = self->language == PG_LANGUAGE_EN;
  gboolean first = TRUE;
  guint span = add_span (self, self->rows->len, 0, col (self, 20), STYLE_TEXT, g_strdup (L (self, PG_LABEL_TASKS)));

  for (guint g = 0; g < n_groups; g++)
    {
      g_autoptr(PgTaskGroup) group = g_list_model_get_item (groups, g);
      GListModel *tasks = pg_task_group_get_tasks (group);
      guint n_tasks = g_list_model_get_n_items (tasks);
      g_autofree char *number = pg_print_group_number (pg_task_group_get_number (group), self->language);
      const char *title = pg_task_group_get_title (group);

      add_text_row (self, g_strconcat (number, english ? " " : "", title != NULL ? title : "", NULL), first);
      first = FALSE;
      for (guint t = 0; t < n_tasks; t++)
        {
          g_autoptr(PgTask) task = g_list_model_get_item (tasks, t);
          const char *task_title = pg_task_get_title (task);
          const char *text = pg_task_get_text (task);

          add_text_row (self,
                        g_strdup_printf ("%u.%s%s%s%s", pg_task_get_number (task), english ? " " : "",
                                         task_title != NULL ? task_title : "",
                                         english && task_title != NULL && *task_title != '\0' ? " " : "",
                                         text != NULL ? text : ""),
                        FALSE);
        }
    }
  if (first)
    add_text_row (self, NULL, TRUE);
  close_text_rows (self);
  end_span (self, span);
}

static void
build_projects (PgPrintLayout *self,
                PgDocument    *document)
{
  const float x[] = { 0, col (self, 20), col (self, 62), col (self, 84), col (self, 106), (float) self->width };
  GListModel *projects = pg_document_get_projects (document);
  guint n = g_list_model_get_n_items (projects);
  guint span, heading, r;

  span = add_span (self, self->rows->len, x[0], x[1], STYLE_TEXT, g_strdup (L (self, PG_LABEL_PROJECTS)));
  heading = add_row (self, 4);
  get_row (self, heading)->keep_with_next = TRUE;
  set_cell (self, heading, 0, x[1], x[2], STYLE_HEAD, PANGO_ALIGN_CENTER, g_strdup (L (self, PG_LABEL_PROJECT_NAME)));
  set_cell (self, heading, 1, x[2], x[3], STYLE_HEAD, PANGO_ALIGN_CENTER, g_strdup (L (self, PG_LABEL_PROJECT_TOTAL)));
  set_cell (self, heading, 2, x[3], x[4], STYLE_HEAD, PANGO_ALIGN_CENTER, g_strdup (L (self, PG_LABEL_PROJECT_YEAR)));
  set_cell (self, heading, 3, x[4], x[5], STYLE_HEAD, PANGO_ALIGN_CENTER,
            g_strdup (L (self, PG_LABEL_PROJECT_PURPOSE)));

  for (guint i = 0; i < n || (i == 0 && n == 0); i++)
    {
      g_autoptr(PgProject) project = n > 0 ? g_list_model_get_item (projects, i) : NULL;

      r = add_row (self, 4);
      set_header (self, r, heading);
      set_cell (self, r, 0, x[1], x[2], STYLE_CELL, PANGO_ALIGN_CENTER,
                g_strdup (project != NULL ? pg_project_get_name (project) : ""));
      set_cell (self, r, 1, x[2], x[3], STYLE_CELL, PANGO_ALIGN_CENTER,
                project != NULL ? amount_text (pg_project_get_total_budget (project)) : NULL);
      set_cell (self, r, 2, x[3], x[4], STYLE_CELL, PANGO_ALIGN_CENTER,
                project != NULL ? amount_text (pg_project_get_year_budget (project)) : NULL);
      set_cell (self, r, 3, x[4], x[5], STYLE_CELL, PANGO_ALIGN_LEFT,
                g_strdup (project != NULL ? pg_project_get_purpose (project) : ""));
    }
  end_span (self, span);
}

/* Indicator table columns: section, level 1, level 2, level 3, year−2,
 * year−1, target, basis. */
#define N_GOAL_EDGES 9

static void
add_indicator_row (PgPrintLayout *self,
                   guint          heading,
                   const float   *x,
                   guint          first_col,
                   PgIndicator   *indicator)
{
  guint r = add_row (self, 8 - first_col);
  const PgBasis *basis = indicator != NULL ? pg_basis_lookup (pg_indicator_get_basis (indicator)) : NULL;
  const char *texts[8] = { NULL };

  if (indicator != NULL)
    {
      texts[3] = pg_indicator_get_name (indicator);
      texts[4] = pg_indicator_get_year_minus_2 (indicator);
      texts[5] = pg_indicator_get_year_minus_1 (indicator);
      texts[6] = pg_indicator_get_target (indicator);
      texts[7] = basis != NULL ? pg_basis_name (basis, self->language) : pg_indicator_get_basis (indicator);
    }
  set_header (self, r, heading);
  for (guint c = first_col; c < 8; c++)
    set_cell (self, r, c - first_col, x[c], x[c + 1], STYLE_CELL,
              c == 3 ? PANGO_ALIGN_LEFT : PANGO_ALIGN_CENTER, g_strdup (texts[c] != NULL ? texts[c] : ""));
}

static void
build_goal (PgPrintLayout *self,
            PgGoal        *goal,
            int            budget_year)
{
  const float x[N_GOAL_EDGES] = { 0, col (self, 20), col (self, 38), col (self, 59), col (self, 85),
                                  col (self, 101.5), col (self, 118), col (self, 138), (float) self->width };
  GListModel *level1 = pg_goal_get_indicators (goal);
  guint n1 = g_list_model_get_n_items (level1);
  g_autofree char *number = label_printf (self, PG_LABEL_GOAL, pg_goal_get_number (goal));
  const char *title = pg_goal_get_title (goal);
  g_autofree char *y2 = NULL;
  g_autofree char *y1 = NULL;
  guint span, heading;

  if (budget_year > 0)
    {
      y2 = label_printf (self, PG_LABEL_YEAR_WITH_NAME, L (self, PG_LABEL_YEAR_MINUS_2), budget_year - 2);
      y1 = label_printf (self, PG_LABEL_YEAR_WITH_NAME, L (self, PG_LABEL_YEAR_MINUS_1), budget_year - 1);
    }
  else
    {
      y2 = g_strdup (L (self, PG_LABEL_YEAR_MINUS_2));
      y1 = g_strdup (L (self, PG_LABEL_YEAR_MINUS_1));
    }

  span = add_span (self, self->rows->len, x[0], x[1], STYLE_TEXT,
                   title != NULL && *title != '\0' ? g_strconcat (number, "\n", title, NULL) : g_strdup (number));

  /* The form's three-row heading. */
  heading = add_row (self, 9);
  get_row (self, heading)->composite = TRUE;
  get_row (self, heading)->keep_with_next = TRUE;
  set_sub_cell (self, heading, 0, x[1], x[2], 0, 2, L (self, PG_LABEL_LEVEL1));
  set_sub_cell (self, heading, 1, x[2], x[3], 0, 2, L (self, PG_LABEL_LEVEL2));
  set_sub_cell (self, heading, 2, x[3], x[4], 0, 2, L (self, PG_LABEL_LEVEL3));
  set_sub_cell (self, heading, 3, x[4], x[7], 0, 0, L (self, PG_LABEL_VALUES));
  set_sub_cell (self, heading, 4, x[4], x[6], 1, 1, L (self, PG_LABEL_PREVIOUS_VALUES));
  set_sub_cell (self, heading, 5, x[4], x[5], 2, 2, y2);
  set_sub_cell (self, heading, 6, x[5], x[6], 2, 2, y1);
  set_sub_cell (self, heading, 7, x[6], x[7], 1, 2, L (self, PG_LABEL_TARGET));
  set_sub_cell (self, heading, 8, x[7], x[8], 0, 2, L (self, PG_LABEL_BASIS));

  if (n1 == 0)
    add_indicator_row (self, heading, x, 1, NULL);
  for (guint i = 0; i < n1; i++)
    {
      g_autoptr(PgIndicator) l1 = g_list_model_get_item (level1, i);
      GListModel *level2 = pg_indicator_get_children (l1);
      guint n2 = g_list_model_get_n_items (level2);
      guint span1 = add_span (self, self->rows->len, x[1], x[2], STYLE_CELL,
                              g_strdup (pg_indicator_get_display_name (l1, self->language == PG_LANGUAGE_EN)));

      if (n2 == 0)
        add_indicator_row (self, heading, x, 2, NULL);
      for (guint j = 0; j < n2; j++)
        {
          g_autoptr(PgIndicator) l2 = g_list_model_get_item (level2, j);
          GListModel *level3 = pg_indicator_get_children (l2);
          guint n3 = g_list_model_get_n_items (level3);
          guint span2 = add_span (self, self->rows->len, x[2], x[3], STYLE_CELL,
                                  g_strdup (pg_indicator_get_display_name (l2, self->language == PG_LANGUAGE_EN)));

          if (n3 == 0)
            add_indicator_row (self, heading, x, 3, NULL);
          for (guint k = 0; k < n3; k++)
            {
              g_autoptr(PgIndicator) l3 = g_list_model_get_item (level3, k);
              add_indicator_row (self, heading, x, 3, l3);
            }
          end_span (self, span2);
        }
      end_span (self, span1);
    }
  end_span (self, span);
}

static void
build_signature (PgPrintLayout *self,
                 PgDeclaration *decl)
{
  float half = (float) self->width / 2;
  guint r;

  r = add_row (self, 2);
  get_row (self, r)->gap_before = 24;
  get_row (self, r)->keep_with_next = TRUE;
  set_cell (self, r, 0, 0, half, STYLE_TEXT, PANGO_ALIGN_LEFT,
            g_strconcat (L (self, PG_LABEL_SIGN_HEAD), pg_declaration_get_head (decl), NULL))->edges = 0;
  set_cell (self, r, 1, half, self->width, STYLE_TEXT, PANGO_ALIGN_LEFT,
            g_strconcat (L (self, PG_LABEL_SIGN_FINANCE_HEAD), pg_declaration_get_finance_head (decl), NULL))->edges = 0;

  r = add_row (self, 2);
  get_row (self, r)->gap_before = 12;
  get_row (self, r)->keep_with_next = TRUE;
  set_cell (self, r, 0, 0, half, STYLE_TEXT, PANGO_ALIGN_LEFT,
            g_strconcat (L (self, PG_LABEL_SIGN_FILLED_BY), pg_declaration_get_filled_by (decl), NULL))->edges = 0;
  set_cell (self, r, 1, half, self->width, STYLE_TEXT, PANGO_ALIGN_LEFT,
            g_strconcat (L (self, PG_LABEL_SIGN_DATE), L (self, PG_LABEL_DATE_BLANK), NULL))->edges = 0;

  /* 单位（盖章）, with clear space for a round seal of about 42 mm. */
  r = add_row (self, 1);
  get_row (self, r)->gap_before = 12;
  get_row (self, r)->min_h = (float) PG_MM_TO_PT (45.0);
  set_cell (self, r, 0, half, self->width, STYLE_TEXT, PANGO_ALIGN_LEFT,
            g_strdup (L (self, PG_LABEL_SIGN_SEAL)))->edges = 0;
  get_row (self, r)->cells[0].top_aligned = TRUE;
}

static void
build (PgPrintLayout *self,
       PgDocument    *document)
{
  PgDeclaration *decl = pg_document_get_declaration (document);
  GListModel *goals = pg_document_get_goals (document);
  int budget_year = pg_declaration_get_budget_year (decl);

  build_header (self, decl);
  build_department (self, decl);
  build_finance (self, document, budget_year);
  build_functions (self, decl);
  build_tasks (self, document);
  build_projects (self, document);
  for (guint i = 0; i < g_list_model_get_n_items (goals); i++)
    {
      g_autoptr(PgGoal) goal = g_list_model_get_item (goals, i);
      build_goal (self, goal, budget_year);
    }
  if (self->options.signature_block)
    build_signature (self, decl);
}

/* Fonts for the table */

static void
add_cell_text (PgPrintFontSubsetter        *subsetter,
               PangoFontDescription *const *descriptions,
               const Cell                  *cell)
{
  pg_print_font_subsetter_add_text (subsetter, descriptions[cell->style], cell->text);
}

/* A font map holding only what this layout prints (pg-print-fonts.h): every
 * cell's text is known once the table is built, and page numbers are made
 * of digits and their label. With the whole faces of the system instead,
 * should subsetting fail: slower, but the same pages. */
static PangoFontMap *
create_font_map (PgPrintLayout               *self,
                 PangoFontDescription *const *descriptions)
{
  PangoFontMap *system = pango_cairo_font_map_get_default ();
  PangoContext *context = pg_print_context_new (system);
  g_autoptr(PgPrintFontSubsetter) subsetter = pg_print_font_subsetter_new (context);
  g_autoptr(GError) error = NULL;
  PangoFontMap *font_map;

  for (guint i = 0; i < self->rows->len; i++)
    {
      const Row *row = get_row (self, i);

      for (guint c = 0; c < row->n_cells; c++)
        add_cell_text (subsetter, descriptions, &row->cells[c]);
    }
  for (guint i = 0; i < self->spans->len; i++)
    {
      const Span *span = &g_array_index (self->spans, Span, i);

      add_cell_text (subsetter, descriptions, &span->label);
      add_cell_text (subsetter, descriptions, &span->cont);
      add_cell_text (subsetter, descriptions, &span->mark);
    }
  if (self->options.numbering != PG_PRINT_NUMBERING_NONE)
    {
      PgLabel label = self->options.numbering == PG_PRINT_NUMBERING_PAGE_OF_TOTAL ? PG_LABEL_PAGE_OF_TOTAL
                                                                                  : PG_LABEL_PAGE_GBT9704;

      pg_print_font_subsetter_add_text (subsetter, descriptions[STYLE_PAGE_NUMBER], "0123456789");
      pg_print_font_subsetter_add_text (subsetter, descriptions[STYLE_PAGE_NUMBER], L (self, label));
    }

  g_object_unref (context);
  font_map = pg_print_font_subsetter_make_font_map (subsetter, &error);
  if (font_map == NULL)
    {
      g_debug ("Printing with the whole fonts: %s", error->message);
      font_map = g_object_ref (system);
    }
  return font_map;
}

/* The font of each style, with its size. */
static void
make_descriptions (PangoFontDescription *descriptions[N_STYLES])
{
  static const struct { double size; PangoWeight weight; gboolean title; gboolean sans; } styles[N_STYLES] = {
    [STYLE_TEXT]        = { 12.0, PANGO_WEIGHT_NORMAL, FALSE, FALSE },
    [STYLE_CELL]        = { 10.5, PANGO_WEIGHT_NORMAL, FALSE, FALSE },
    [STYLE_HEAD]        = { 10.5, PANGO_WEIGHT_BOLD,   FALSE, FALSE },
    [STYLE_TITLE]       = { 22.0, PANGO_WEIGHT_BOLD,   TRUE,  FALSE },
    [STYLE_PAGE_NUMBER] = { 14.0, PANGO_WEIGHT_NORMAL, FALSE, FALSE },
    [STYLE_ATTACHMENT]  = { 16.0, PANGO_WEIGHT_NORMAL, FALSE, TRUE },
  };
  const char *cjk = pg_print_find_cjk_family (NULL);
  g_autofree char *serif = g_strdup_printf ("%s,Noto Serif,DejaVu Serif,serif", cjk != NULL ? cjk : "serif");
  /* 方正小标宋 is the title face of official documents, where installed. */
  g_autofree char *title = g_strdup_printf ("FZXiaoBiaoSong-B05S,方正小标宋简体,%s", serif);
  g_autofree char *sans = g_strdup_printf ("Noto Sans CJK SC,Source Han Sans SC,SimHei,黑体,%s", serif);

  for (guint i = 0; i < N_STYLES; i++)
    {
      descriptions[i] = pango_font_description_new ();
      pango_font_description_set_family (descriptions[i], styles[i].title ? title : styles[i].sans ? sans : serif);
      pango_font_description_set_size (descriptions[i], (int) (styles[i].size * PANGO_SCALE));
      pango_font_description_set_weight (descriptions[i], styles[i].weight);
    }
}

gboolean
pg_print_prepare_faces (const char  *characters,
                        const char  *path,
                        guint       *out_n_faces,
                        GError     **error)
{
  PangoFontMap *system = pango_cairo_font_map_get_default ();
  PangoContext *context = pg_print_context_new (system);
  g_autoptr(PgPrintFontSubsetter) subsetter = pg_print_font_subsetter_new (context);
  g_autoptr(PgPrintPreparedFaces) written = NULL;
  PangoFontDescription *descriptions[N_STYLES];

  g_object_unref (context);
  make_descriptions (descriptions);
  for (guint i = 0; i < N_STYLES; i++)
    {
      pg_print_font_subsetter_add_text (subsetter, descriptions[i], characters);
      pango_font_description_free (descriptions[i]);
    }
  if (!pg_print_font_subsetter_write_prepared (subsetter, path, error))
    return FALSE;
  written = pg_print_prepared_faces_open (path, error);
  if (written == NULL)
    return FALSE;
  if (out_n_faces != NULL)
    *out_n_faces = pg_print_prepared_faces_get_n_faces (written);
  return TRUE;
}

/* After building the table: the fonts hold only the text it prints. */
static void
setup_fonts (PgPrintLayout *self)
{
  PangoFontDescription *descriptions[N_STYLES];
  g_autoptr(PangoFontMap) font_map = NULL;

  make_descriptions (descriptions);
  font_map = create_font_map (self, descriptions);
  self->context = pg_print_context_new (font_map);
  for (guint i = 0; i < N_STYLES; i++)
    {
      self->layouts[i] = pango_layout_new (self->context);
      pango_layout_set_font_description (self->layouts[i], descriptions[i]);
      pango_layout_set_wrap (self->layouts[i], PANGO_WRAP_WORD_CHAR);
      pango_font_description_free (descriptions[i]);
    }
}

/* Measuring */

static PangoLayout *
setup_layout (PangoLayout *layout,
              const Cell  *cell)
{
  double width = cell->x1 - cell->x0 - 2 * PAD_X;

  pango_layout_set_width (layout, (int) (MAX (width, 1.0) * PANGO_SCALE));
  pango_layout_set_alignment (layout, (PangoAlignment) cell->align);
  pango_layout_set_text (layout, cell->text, -1);
  return layout;
}

static PangoLayout *
prepare_layout (PgPrintLayout *self,
                const Cell    *cell)
{
  return setup_layout (self->layouts[cell->style], cell);
}

static void
measure_cell (PgPrintLayout *self,
              Cell          *cell)
{
  PangoLayout *layout;
  PangoLayoutIter *iter;
  guint i = 0;
  int y0 = 0, y1 = 0;

  if (cell->tops != NULL)
    return;
  if (self->keep_layouts)
    {
      /* A layout of its own, kept with its lines until the cell is drawn. */
      PangoLayout *shared = self->layouts[cell->style];

      cell->layout = pango_layout_new (self->context);
      pango_layout_set_font_description (cell->layout, pango_layout_get_font_description (shared));
      pango_layout_set_wrap (cell->layout, PANGO_WRAP_WORD_CHAR);
      layout = setup_layout (cell->layout, cell);
    }
  else
    layout = prepare_layout (self, cell);
  cell->n_lines = (guint) pango_layout_get_line_count (layout);
  cell->tops = g_new (float, cell->n_lines + 1);
  iter = pango_layout_get_iter (layout);
  do
    {
      pango_layout_iter_get_line_yrange (iter, &y0, &y1);
      cell->tops[i++] = (float) y0 / PANGO_SCALE;
    }
  while (pango_layout_iter_next_line (iter) && i < cell->n_lines);
  cell->tops[cell->n_lines] = (float) y1 / PANGO_SCALE;
  pango_layout_iter_free (iter);
}

static double
cell_height (const Cell *cell,
             guint       from)
{
  if (from >= cell->n_lines)
    return 0;
  return cell->tops[cell->n_lines] - cell->tops[from] + 2 * PAD_Y;
}

/* How many lines from `from` fit in `height` (the cell's inside). */
static guint
cell_fit (const Cell *cell,
          guint       from,
          double      height)
{
  guint k = 0;

  while (from + k < cell->n_lines && cell->tops[from + k + 1] - cell->tops[from] <= height + EPSILON)
    k++;
  return k;
}

static void
measure_row (PgPrintLayout *self,
             Row           *row)
{
  float sub_h[4] = { 0 };
  float y = 0;

  if (row->measured)
    return;
  row->measured = TRUE;
  for (guint c = 0; c < row->n_cells; c++)
    measure_cell (self, &row->cells[c]);
  if (!row->composite)
    return;

  for (guint c = 0; c < row->n_cells; c++)
    if (row->cells[c].sub0 == row->cells[c].sub1)
      sub_h[row->cells[c].sub0] = MAX (sub_h[row->cells[c].sub0], (float) cell_height (&row->cells[c], 0));
  for (guint c = 0; c < row->n_cells; c++)
    {
      const Cell *cell = &row->cells[c];
      float sum = 0;

      for (guint s = cell->sub0; s <= cell->sub1; s++)
        sum += sub_h[s];
      if (sum < cell_height (cell, 0))
        sub_h[cell->sub1] += (float) cell_height (cell, 0) - sum;
    }
  for (guint c = 0; c < row->n_cells; c++)
    {
      Cell *cell = &row->cells[c];
      float top = 0;

      for (guint s = 0; s < cell->sub0; s++)
        top += sub_h[s];
      cell->y0 = top;
      for (guint s = cell->sub0; s <= cell->sub1; s++)
        top += sub_h[s];
      cell->y1 = top;
    }
  for (guint s = 0; s < G_N_ELEMENTS (sub_h); s++)
    y += sub_h[s];
  row->h = y;
}

static void
measure_span (PgPrintLayout *self,
              Span          *span)
{
  if (span->measured)
    return;
  span->measured = TRUE;
  measure_cell (self, &span->label);
  measure_cell (self, &span->cont);
  measure_cell (self, &span->mark);
}

/* Paginating */

static double
row_height (const Row   *row,
            const guint *starts)
{
  double h = 0;

  if (row->composite)
    return row->h;
  for (guint c = 0; c < row->n_cells; c++)
    h = MAX (h, cell_height (&row->cells[c], starts != NULL ? starts[c] : 0));
  return h;
}

static double
mark_height (const Span *span)
{
  return span->mark.tops[span->mark.n_lines] - span->mark.tops[0];
}

/* The height a span's segment on this page needs for the rest of its label. */
static double
span_need (const Span     *span,
           const OpenSpan *open)
{
  double h;

  if (span->consumed >= span->label.n_lines)
    return 0;
  h = span->label.tops[span->label.n_lines] - span->label.tops[span->consumed] + 2 * PAD_Y;
  if (open->n_segments > 0)
    h += mark_height (span);
  return h;
}

static void
close_segment (PgPrintLayout *self,
               OpenSpan      *open,
               double         y1)
{
  Span *span = &g_array_index (self->spans, Span, open->span);
  Segment segment = { 0 };
  double inside = y1 - open->y0 - 2 * PAD_Y;

  if (y1 - open->y0 <= EPSILON)
    return;
  segment.span = open->span;
  segment.y0 = (float) open->y0;
  segment.y1 = (float) y1;
  if (span->consumed < span->label.n_lines)
    {
      segment.mode = open->n_segments > 0 ? SEGMENT_MARK_LABEL : SEGMENT_LABEL;
      if (segment.mode == SEGMENT_MARK_LABEL)
        inside -= mark_height (span);
      segment.l0 = span->consumed;
      segment.l1 = span->consumed + (inside > 0 ? cell_fit (&span->label, span->consumed, inside) : 0);
      span->consumed = segment.l1;
    }
  else
    {
      segment.mode = SEGMENT_CONT;
      segment.l0 = 0;
      segment.l1 = inside > 0 ? cell_fit (&span->cont, 0, inside) : 0;
    }
  g_array_append_val (self->segments, segment);
  open->n_segments++;
}

static void
add_placement (PgPrintLayout *self,
               guint          r,
               double         y,
               double         h,
               const guint   *starts,
               const guint   *ends)
{
  const Row *row = get_row (self, r);
  Placement placement = { r, (float) y, (float) h, self->ranges->len };

  if (!row->composite)
    for (guint c = 0; c < row->n_cells; c++)
      {
        guint range[2] = { starts != NULL ? starts[c] : 0, ends != NULL ? ends[c] : row->cells[c].n_lines };
        g_array_append_vals (self->ranges, range, 2);
      }
  g_array_append_val (self->placements, placement);
}

static Page *
current_page (PgPrintLayout *self)
{
  return &g_array_index (self->pages, Page, self->pages->len - 1);
}

static void
finish_page (PgPrintLayout *self)
{
  Page *page = current_page (self);

  page->n_placements = self->placements->len - page->first_placement;
  page->n_segments = self->segments->len - page->first_segment;
}

/* Ends the page and starts the next one for row `r`, with the heading
 * repeated and the open spans going on. */
static void
new_page (PgPrintLayout *self,
          guint          r)
{
  Page page = { 0 };
  int header = get_row (self, r)->header;

  if (self->pages->len > 0)
    {
      for (guint i = 0; i < self->open->len; i++)
        close_segment (self, &g_array_index (self->open, OpenSpan, i), self->y);
      finish_page (self);
    }
  page.first_placement = self->placements->len;
  page.first_segment = self->segments->len;
  g_array_append_val (self->pages, page);
  self->y = 0;

  if (header >= 0 && (guint) header < r)
    {
      Row *heading = get_row (self, (guint) header);

      measure_row (self, heading);
      add_placement (self, (guint) header, self->y, row_height (heading, NULL), NULL, NULL);
      self->y += row_height (heading, NULL);
    }
  self->body_top = self->y;
  current_page (self)->body_top = (float) self->body_top;

  for (guint i = 0; i < self->open->len; i++)
    {
      OpenSpan *open = &g_array_index (self->open, OpenSpan, i);
      const Span *span = &g_array_index (self->spans, Span, open->span);

      open->y0 = header >= 0 && span->r0 <= (guint) header && (guint) header <= span->r1 ? 0 : self->y;
    }
}

/* The height row `r` must keep together with the rows after it. */
static double
keep_height (PgPrintLayout *self,
             guint          r)
{
  double h = 0;

  while (r + 1 < self->rows->len && get_row (self, r)->keep_with_next)
    {
      Row *next = get_row (self, ++r);

      measure_row (self, next);
      h += next->gap_before;
      if (next->flow || next->keep_with_next == FALSE)
        {
          double next_h = MAX (row_height (next, NULL), next->min_h);
          h += next->flow ? MIN (next_h, KEEP_WITH_NEXT_MIN) : next_h;
          break;
        }
      h += MAX (row_height (next, NULL), next->min_h);
    }
  return h;
}

static void
place_row (PgPrintLayout *self,
           guint          r)
{
  Row *row = get_row (self, r);
  g_autofree guint *starts = g_new0 (guint, row->n_cells + 1);
  g_autofree guint *ends = g_new0 (guint, row->n_cells + 1);
  gboolean first = TRUE;
  double header_h = 0;

  measure_row (self, row);
  if (row->header >= 0)
    {
      measure_row (self, get_row (self, (guint) row->header));
      header_h = row_height (get_row (self, (guint) row->header), NULL);
    }

  while (self->next_span < self->spans->len &&
         g_array_index (self->spans, Span, self->next_span).r0 == r)
    {
      OpenSpan open = { self->next_span, self->y, 0 };

      measure_span (self, &g_array_index (self->spans, Span, self->next_span));
      g_array_append_val (self->open, open);
      self->next_span++;
    }

  if (row->gap_before > 0 && self->y > self->body_top + EPSILON)
    {
      if (self->y + row->gap_before >= self->height)
        new_page (self, r);
      else
        self->y += row->gap_before;
      for (guint i = 0; i < self->open->len; i++)
        if (g_array_index (self->spans, Span, g_array_index (self->open, OpenSpan, i).span).r0 == r)
          g_array_index (self->open, OpenSpan, i).y0 = self->y;
    }

  for (;;)
    {
      double avail = self->height - self->y;
      double h = row_height (row, starts);
      gboolean fresh = self->y <= self->body_top + EPSILON;
      gboolean progress = FALSE, remaining = FALSE;

      if (first)
        h = MAX (h, row->min_h);
      for (guint i = 0; i < self->open->len; i++)
        {
          OpenSpan *open = &g_array_index (self->open, OpenSpan, i);
          const Span *span = &g_array_index (self->spans, Span, open->span);

          if (span->r1 == r)
            h = MAX (h, span_need (span, open) - (self->y - open->y0));
        }

      /* A spanning cell does not start at the foot of a page with less
       * room than its own label. */
      if (first && !fresh)
        {
          gboolean move = FALSE;

          for (guint i = 0; i < self->open->len; i++)
            {
              OpenSpan *open = &g_array_index (self->open, OpenSpan, i);
              const Span *span = &g_array_index (self->spans, Span, open->span);
              double need = span_need (span, open);

              if (span->r0 == r && open->n_segments == 0 && need > avail + EPSILON &&
                  need <= self->height - header_h)
                move = TRUE;
            }
          if (move)
            {
              new_page (self, r);
              continue;
            }
        }

      if (first && row->keep_with_next && !fresh)
        {
          double chain = h + keep_height (self, r);

          if (chain > avail + EPSILON && chain <= self->height - header_h)
            {
              new_page (self, r);
              continue;
            }
        }

      if (h <= avail + EPSILON)
        {
          add_placement (self, r, self->y, h, starts, NULL);
          self->y += h;
          break;
        }

      if (row->composite)
        {
          /* A heading is short and never split. */
          if (!fresh)
            {
              new_page (self, r);
              continue;
            }
          add_placement (self, r, self->y, avail, NULL, NULL);
          self->y = self->height;
          break;
        }

      /* A table row that fits on a page of its own moves there whole. */
      if (first && !row->flow && !fresh && h <= self->height - header_h)
        {
          new_page (self, r);
          continue;
        }

      for (guint c = 0; c < row->n_cells; c++)
        {
          const Cell *cell = &row->cells[c];
          guint k = cell_fit (cell, starts[c], avail - 2 * PAD_Y);

          ends[c] = starts[c] + k;
          progress |= k > 0;
          remaining |= starts[c] < cell->n_lines;
        }
      if (remaining && !progress)
        {
          if (!fresh)
            {
              new_page (self, r);
              continue;
            }
          /* A line taller than a page: cannot happen at sane sizes. */
          for (guint c = 0; c < row->n_cells; c++)
            ends[c] = MIN (starts[c] + 1, row->cells[c].n_lines);
        }

      add_placement (self, r, self->y, avail, starts, ends);
      memcpy (starts, ends, sizeof (guint) * row->n_cells);
      self->y = self->height;
      first = FALSE;
      new_page (self, r);
    }

  /* Spans that end with this row end here. */
  while (self->open->len > 0)
    {
      OpenSpan *open = &g_array_index (self->open, OpenSpan, self->open->len - 1);

      if (g_array_index (self->spans, Span, open->span).r1 != r)
        break;
      close_segment (self, open, self->y);
      g_array_remove_index (self->open, self->open->len - 1);
    }
}

gboolean
pg_print_layout_paginate (PgPrintLayout *self,
                          guint          n_rows)
{
  guint done = 0;

  g_return_val_if_fail (PG_IS_PRINT_LAYOUT (self), TRUE);

  if (self->done)
    return TRUE;
  if (self->pages->len == 0)
    new_page (self, 0);
  while (self->next_row < self->rows->len && (n_rows == 0 || done < n_rows))
    {
      place_row (self, self->next_row++);
      done++;
    }
  if (self->next_row >= self->rows->len)
    {
      finish_page (self);
      self->done = TRUE;
    }
  return self->done;
}

gboolean
pg_print_layout_is_paginated (PgPrintLayout *self)
{
  g_return_val_if_fail (PG_IS_PRINT_LAYOUT (self), FALSE);
  return self->done;
}

double
pg_print_layout_get_progress (PgPrintLayout *self)
{
  g_return_val_if_fail (PG_IS_PRINT_LAYOUT (self), 0);
  if (self->done || self->rows->len == 0)
    return 1.0;
  return (double) self->next_row / self->rows->len;
}

guint
pg_print_layout_get_n_pages (PgPrintLayout *self)
{
  g_return_val_if_fail (PG_IS_PRINT_LAYOUT (self), 0);
  return self->pages->len;
}

/* Drawing */

/* Adds rules to the path; a page's rules are stroked together, once.
 * Rules on the edge of the text area are drawn inside it. */
static void
add_rules (PgPrintLayout *self,
              cairo_t       *cr,
              double         x0,
              double         y0,
              double         x1,
              double         y1,
              guint          edges)
{
  double half = RULE_WIDTH / 2;

  x0 = CLAMP (x0, half, self->width - half);
  x1 = CLAMP (x1, half, self->width - half);
  y0 = CLAMP (y0, half, self->height - half);
  y1 = CLAMP (y1, half, self->height - half);
  if (edges & EDGE_TOP)
    {
      cairo_move_to (cr, x0 - half, y0);
      cairo_line_to (cr, x1 + half, y0);
    }
  if (edges & EDGE_BOTTOM)
    {
      cairo_move_to (cr, x0 - half, y1);
      cairo_line_to (cr, x1 + half, y1);
    }
  if (edges & EDGE_LEFT)
    {
      cairo_move_to (cr, x0, y0);
      cairo_line_to (cr, x0, y1);
    }
  if (edges & EDGE_RIGHT)
    {
      cairo_move_to (cr, x1, y0);
      cairo_line_to (cr, x1, y1);
    }
}

/* Draws lines [l0, l1) of `cell` with the first one's top at `top`. */
static void
draw_lines (PgPrintLayout *self,
            cairo_t       *cr,
            const Cell    *cell,
            guint          l0,
            guint          l1,
            double         top)
{
  PangoLayout *layout;
  PangoLayoutIter *iter;
  guint i = 0;

  if (l0 >= l1)
    return;
  layout = cell->layout != NULL ? cell->layout : prepare_layout (self, cell);
  iter = pango_layout_get_iter (layout);
  do
    {
      if (i >= l0)
        {
          PangoRectangle logical;
          int baseline = pango_layout_iter_get_baseline (iter);

          pango_layout_iter_get_line_extents (iter, NULL, &logical);
          cairo_move_to (cr, cell->x0 + PAD_X + (double) logical.x / PANGO_SCALE,
                         top + (double) baseline / PANGO_SCALE - cell->tops[l0]);
          pango_cairo_show_layout_line (cr, pango_layout_iter_get_line_readonly (iter));
        }
      i++;
    }
  while (i < l1 && pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

/* Lines [l0, l1) of `cell` in a box from y0 to y1: centred when they are
 * the whole cell, else from the top. */
static void
draw_cell_text (PgPrintLayout *self,
                cairo_t       *cr,
                const Cell    *cell,
                guint          l0,
                guint          l1,
                double         y0,
                double         y1)
{
  double top = y0 + PAD_Y;

  if (l0 >= l1)
    return;
  if (!cell->top_aligned && l0 == 0 && l1 == cell->n_lines)
    top = MAX (top, (y0 + y1 - (cell->tops[l1] - cell->tops[l0])) / 2);
  draw_lines (self, cr, cell, l0, l1, top);
}

/* The rules of a placement (`rules`), or its text. */
static void
draw_placement (PgPrintLayout   *self,
                cairo_t         *cr,
                const Page      *page,
                guint            index,
                gboolean         rules)
{
  const Placement *placement = &g_array_index (self->placements, Placement, index);
  const Row *row = get_row (self, placement->row);
  double y0 = placement->y, y1 = placement->y + placement->h;

  for (guint c = 0; c < row->n_cells; c++)
    {
      const Cell *cell = &row->cells[c];

      if (row->composite)
        {
          if (!rules)
            draw_cell_text (self, cr, cell, 0, cell->n_lines, y0 + cell->y0, y0 + cell->y1);
          else if (cell->edges)
            add_rules (self, cr, cell->x0, y0 + cell->y0, cell->x1, y0 + cell->y1, cell->edges);
        }
      else
        {
          guint l0 = g_array_index (self->ranges, guint, placement->first_range + 2 * c);
          guint l1 = g_array_index (self->ranges, guint, placement->first_range + 2 * c + 1);
          guint edges = cell->edges;

          if (!rules)
            draw_cell_text (self, cr, cell, l0, l1, y0, y1);
          else if (edges != 0)
            {
              /* A cell broken by the page, or running text cut there, is
               * closed at the page's edge. */
              if (l0 > 0 || placement->y <= page->body_top + EPSILON)
                edges |= EDGE_TOP;
              if (l1 < cell->n_lines || index + 1 == page->first_placement + page->n_placements)
                edges |= EDGE_BOTTOM;
              add_rules (self, cr, cell->x0, y0, cell->x1, y1, edges);
            }
        }
    }
}

static void
draw_segment (PgPrintLayout *self,
              cairo_t       *cr,
              const Segment *segment,
              gboolean       rules)
{
  const Span *span = &g_array_index (self->spans, Span, segment->span);
  double inside = segment->y1 - segment->y0 - 2 * PAD_Y;

  if (rules)
    {
      add_rules (self, cr, span->label.x0, segment->y0, span->label.x1, segment->y1, EDGE_ALL);
      return;
    }
  switch (segment->mode)
    {
    case SEGMENT_LABEL:
      draw_cell_text (self, cr, &span->label, segment->l0, segment->l1, segment->y0, segment->y1);
      break;
    case SEGMENT_MARK_LABEL:
      if (mark_height (span) <= inside + EPSILON)
        {
          draw_lines (self, cr, &span->mark, 0, span->mark.n_lines, segment->y0 + PAD_Y);
          draw_lines (self, cr, &span->label, segment->l0, segment->l1, segment->y0 + PAD_Y + mark_height (span));
        }
      break;
    case SEGMENT_CONT:
    default:
      draw_cell_text (self, cr, &span->cont, segment->l0, segment->l1, segment->y0, segment->y1);
      break;
    }
}

static void
draw_page_number (PgPrintLayout *self,
                  cairo_t       *cr,
                  guint          page)
{
  g_autofree char *text = NULL;
  Cell cell = { 0 };

  if (self->options.numbering == PG_PRINT_NUMBERING_NONE)
    return;
  if (self->options.numbering == PG_PRINT_NUMBERING_PAGE_OF_TOTAL)
    text = label_printf (self, PG_LABEL_PAGE_OF_TOTAL, page + 1, self->pages->len);
  else
    text = label_printf (self, PG_LABEL_PAGE_GBT9704, page + 1);

  cell.text = text;
  cell.x0 = 0;
  cell.x1 = (float) self->width;
  cell.style = STYLE_PAGE_NUMBER;
  cell.align = PANGO_ALIGN_CENTER;
  measure_cell (self, &cell);
  /* GB/T 9704: 7 mm below the text block. */
  draw_lines (self, cr, &cell, 0, cell.n_lines, self->height + PG_MM_TO_PT (7.0));
  g_free (cell.tops);
  g_clear_object (&cell.layout);
}

void
pg_print_layout_draw_page (PgPrintLayout *self,
                           cairo_t       *cr,
                           guint          page_index)
{
  const Page *page;

  g_return_if_fail (PG_IS_PRINT_LAYOUT (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (page_index < self->pages->len);

  page = &g_array_index (self->pages, Page, page_index);
  cairo_save (cr);
  cairo_translate (cr, self->options.margin_left, self->options.margin_top);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_line_width (cr, RULE_WIDTH);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);

  /* All the rules in one stroke, then the text. */
  cairo_new_path (cr);
  for (guint i = 0; i < page->n_placements; i++)
    draw_placement (self, cr, page, page->first_placement + i, TRUE);
  for (guint i = 0; i < page->n_segments; i++)
    draw_segment (self, cr, &g_array_index (self->segments, Segment, page->first_segment + i), TRUE);
  cairo_stroke (cr);
  for (guint i = 0; i < page->n_placements; i++)
    draw_placement (self, cr, page, page->first_placement + i, FALSE);
  for (guint i = 0; i < page->n_segments; i++)
    draw_segment (self, cr, &g_array_index (self->segments, Segment, page->first_segment + i), FALSE);
  draw_page_number (self, cr, page_index);
  cairo_restore (cr);
}

void
pg_print_layout_set_streaming (PgPrintLayout *self,
                               gboolean       streaming)
{
  g_return_if_fail (PG_IS_PRINT_LAYOUT (self));
  self->keep_layouts = streaming;
}

static void
release_cell (Cell *cell)
{
  g_clear_object (&cell->layout);
}

void
pg_print_layout_release_page (PgPrintLayout *self,
                              guint          page_index)
{
  const Page *page;
  guint last = 0;

  g_return_if_fail (PG_IS_PRINT_LAYOUT (self));
  g_return_if_fail (page_index < self->pages->len);

  /* Rows are placed in order: every row before the last one on this page
   * (but the headings, repeated on later pages) is drawn for good. */
  page = &g_array_index (self->pages, Page, page_index);
  for (guint i = 0; i < page->n_placements; i++)
    {
      const Placement *placement = &g_array_index (self->placements, Placement, page->first_placement + i);

      if (!get_row (self, placement->row)->is_header)
        last = MAX (last, placement->row);
    }
  for (; self->released_rows < last; self->released_rows++)
    {
      Row *row = get_row (self, self->released_rows);

      if (row->is_header)
        continue;
      for (guint c = 0; c < row->n_cells; c++)
        release_cell (&row->cells[c]);
    }
  /* Spans are in the order they start; an outer one ends after the ones
   * inside it. */
  for (guint i = self->released_spans; i < self->spans->len; i++)
    {
      Span *span = &g_array_index (self->spans, Span, i);

      if (span->r0 >= last)
        break;
      if (span->r1 < last)
        {
          release_cell (&span->label);
          release_cell (&span->cont);
          release_cell (&span->mark);
        }
    }
  while (self->released_spans < self->spans->len &&
         g_array_index (self->spans, Span, self->released_spans).r1 < last)
    self->released_spans++;
}

void
pg_print_layout_get_text_area (PgPrintLayout *self,
                               double        *x,
                               double        *y,
                               double        *width,
                               double        *height)
{
  g_return_if_fail (PG_IS_PRINT_LAYOUT (self));

  if (x != NULL)
    *x = self->options.margin_left;
  if (y != NULL)
    *y = self->options.margin_top;
  if (width != NULL)
    *width = self->width;
  if (height != NULL)
    *height = self->height;
}

const PgPrintOptions *
pg_print_layout_get_options (PgPrintLayout *self)
{
  g_return_val_if_fail (PG_IS_PRINT_LAYOUT (self), NULL);
  return &self->options;
}

PgLanguage
pg_print_layout_get_language (PgPrintLayout *self)
{
  g_return_val_if_fail (PG_IS_PRINT_LAYOUT (self), PG_LANGUAGE_ZH_CN);
  return self->language;
}

/* The object */

static void
free_cell (Cell *cell)
{
  g_free (cell->text);
  g_free (cell->tops);
  g_clear_object (&cell->layout);
}

static void
pg_print_layout_finalize (GObject *object)
{
  PgPrintLayout *self = PG_PRINT_LAYOUT (object);

  for (guint i = 0; i < self->rows->len; i++)
    {
      Row *row = get_row (self, i);

      for (guint c = 0; c < row->n_cells; c++)
        free_cell (&row->cells[c]);
      g_free (row->cells);
    }
  for (guint i = 0; i < self->spans->len; i++)
    {
      Span *span = &g_array_index (self->spans, Span, i);

      free_cell (&span->label);
      free_cell (&span->cont);
      free_cell (&span->mark);
    }
  g_array_unref (self->rows);
  g_array_unref (self->spans);
  g_array_unref (self->pages);
  g_array_unref (self->placements);
  g_array_unref (self->ranges);
  g_array_unref (self->segments);
  g_array_unref (self->open);
  for (guint i = 0; i < N_STYLES; i++)
    g_clear_object (&self->layouts[i]);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (pg_print_layout_parent_class)->finalize (object);
}

static void
pg_print_layout_class_init (PgPrintLayoutClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pg_print_layout_finalize;
}

static void
pg_print_layout_init (PgPrintLayout *self)
{
  self->rows = g_array_new (FALSE, TRUE, sizeof (Row));
  self->spans = g_array_new (FALSE, TRUE, sizeof (Span));
  self->pages = g_array_new (FALSE, TRUE, sizeof (Page));
  self->placements = g_array_new (FALSE, TRUE, sizeof (Placement));
  self->ranges = g_array_new (FALSE, TRUE, sizeof (guint));
  self->segments = g_array_new (FALSE, TRUE, sizeof (Segment));
  self->open = g_array_new (FALSE, TRUE, sizeof (OpenSpan));
}

PgPrintLayout *
pg_print_layout_new (PgDocument           *document,
                     const PgPrintOptions *options)
{
  PgPrintLayout *self;
  PgPrintOptions defaults;

  g_return_val_if_fail (PG_IS_DOCUMENT (document), NULL);

  if (options == NULL)
    {
      pg_print_options_init (&defaults);
      options = &defaults;
    }

  self = g_object_new (PG_TYPE_PRINT_LAYOUT, NULL);
  self->options = *options;
  if (options->override_language)
    self->language = options->language;
  else if (!pg_language_from_key (pg_declaration_get_label_language (pg_document_get_declaration (document)),
                                  &self->language))
    self->language = PG_LANGUAGE_ZH_CN;

  self->width = options->paper_width - options->margin_left - options->margin_right;
  self->height = options->paper_height - options->margin_top - options->margin_bottom;
  /* Paper too small for the margins still gets a usable (if cramped) area. */
  self->width = MAX (self->width, PG_MM_TO_PT (60.0));
  self->height = MAX (self->height, PG_MM_TO_PT (60.0));

  build (self, document);
  setup_fonts (self);
  return self;
}
