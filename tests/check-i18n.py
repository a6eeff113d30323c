#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Checks that keep both languages complete. Each prints what it found and
# exits 1 when anything is wrong:
#
#   check-i18n.py catalog SRCDIR
#       regenerates the template from po/POTFILES.in with the same keywords
#       as the build, merges po/zh_CN.po with it and fails on any message
#       that is missing from zh_CN.po, untranslated or fuzzy; on a formatted
#       message without a translator comment; and on a count of things
#       ("%u indicators") that does not go through ngettext.
#   check-i18n.py potfiles SRCDIR
#       fails when a file under src/ or data/ marks strings for translation
#       but is not listed in po/POTFILES.in (or is listed but missing).
#   check-i18n.py unmarked SRCDIR [FILE…]
#       fails when a user-visible string literal is not marked: in C, a
#       literal with words handed straight to a function that shows text
#       (labels, titles, toasts, dialogs, errors, the command line's
#       messages); in GtkBuilder files, a text property without
#       translatable="yes". A C file whose errors only reach the log says
#       so with the word i18n-log-only in a comment. With FILEs, checks only those (the self-test
#       runs it on deliberately bad fixtures).
#   check-i18n.py merged DESKTOP METAINFO
#       fails when the built desktop entry or AppStream file lacks its
#       Chinese translation.
#   check-i18n.py selftest FIXTURES
#       runs the first three checks on a deliberately broken tree and fails
#       unless each finds exactly what is broken there: a check that can no
#       longer fail is noticed.

import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

LANGUAGES = ["zh_CN"]

# The keywords of meson's "glib" gettext preset, which po/meson.build uses.
XGETTEXT_ARGS = [
    "--from-code=UTF-8",
    "--add-comments",
    "--keyword=_",
    "--keyword=N_",
    "--keyword=C_:1c,2",
    "--keyword=NC_:1c,2",
    "--keyword=g_dcgettext:2",
    "--keyword=g_dngettext:2,3",
    "--keyword=g_dpgettext2:2c,3",
    "--flag=N_:1:pass-c-format",
    "--flag=C_:2:pass-c-format",
    "--flag=NC_:2:pass-c-format",
    "--flag=g_dngettext:2:pass-c-format",
    "--flag=g_strdup_printf:1:c-format",
    "--flag=g_string_printf:2:c-format",
    "--flag=g_string_append_printf:2:c-format",
    "--flag=g_error_new:3:c-format",
    "--flag=g_set_error:4:c-format",
    "--flag=g_markup_printf_escaped:1:c-format",
    "--flag=g_log:3:c-format",
    "--flag=g_print:1:c-format",
    "--flag=g_printerr:1:c-format",
    "--flag=g_printf:1:c-format",
    "--flag=g_fprintf:2:c-format",
    "--flag=g_sprintf:2:c-format",
    "--flag=g_snprintf:3:c-format",
]


def read_potfiles(srcdir):
    with open(os.path.join(srcdir, "po", "POTFILES.in"), encoding="utf-8") as f:
        return [line.strip() for line in f if line.strip() and not line.startswith("#")]


def run(argv, **kwargs):
    return subprocess.run(argv, check=True, capture_output=True, text=True, **kwargs)


# catalog ---------------------------------------------------------------------

def check_catalog(srcdir):
    problems = 0
    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, "perfgoal.pot")
        run(["xgettext", "--package-name=perfgoal", "-o", pot,
             "--directory", srcdir, "--files-from", os.path.join(srcdir, "po", "POTFILES.in")]
            + XGETTEXT_ARGS)
        with open(pot, encoding="utf-8") as f:
            problems += check_template(f.read())
        for language in LANGUAGES:
            po = os.path.join(srcdir, "po", language + ".po")
            merged = os.path.join(tmp, language + ".po")
            # No fuzzy matching: a new string must be missing, not guessed.
            run(["msgmerge", "--quiet", "--no-fuzzy-matching", "-o", merged, po, pot])
            untranslated = run(["msgattrib", "--untranslated", "--no-obsolete", merged]).stdout
            fuzzy = run(["msgattrib", "--only-fuzzy", "--no-obsolete", merged]).stdout
            for kind, text in (("not translated", untranslated), ("fuzzy", fuzzy)):
                for msgid, where in messages(text):
                    print(f"{language}.po: {kind}: {msgid!r} ({where})")
                    problems += 1
            # msgfmt --check catches broken format directives too.
            result = subprocess.run(["msgfmt", "--check", "--statistics", "-o", os.devnull, merged],
                                    capture_output=True, text=True)
            print(f"{language}.po: {result.stderr.strip()}")
            if result.returncode != 0:
                problems += 1
    return problems


# A printf conversion, or a GLib format macro such as %" G_GSIZE_FORMAT ".
PRINTF_RE = re.compile(r'%(?:[0-9]+\$)?[-+ #0-9.*]*(?:l{0,2}|h{0,2}|[zjtL])[diouxXeEfgGcsp]')
# A count followed by a plural noun ("%u indicators"): that wants ngettext.
PLURAL_RE = re.compile(r'%(?:l{0,2}|[zj])[du] (?!(?:is|has|was|does|this|its)\b)[A-Za-z]+s\b')


def check_template(pot_text):
    """Rules on the messages themselves: every message with a conversion
    carries a translator comment saying what fills it in; a count of things
    goes through ngettext."""
    problems = 0
    for block in pot_text.split("\n\n"):
        match = re.search(r'^msgid "(.*)"$((?:\n".*")*)', block, re.M)
        if not match:
            continue
        msgid = match.group(1) + "".join(re.findall(r'"(.*)"', match.group(2)))
        if not msgid:
            continue
        where = " ".join(line[3:] for line in block.splitlines() if line.startswith("#: "))
        formatted = PRINTF_RE.search(msgid) and "no-c-format" not in block
        if formatted and not any(line.startswith("#. ") for line in block.splitlines()):
            print(f"no translator comment on a formatted message: {msgid!r} ({where})")
            problems += 1
        if "msgid_plural" not in block and PLURAL_RE.search(msgid):
            print(f"a count not through ngettext: {msgid!r} ({where})")
            problems += 1
    return problems


def messages(po_text):
    """The (msgid, reference) pairs of a PO file's text, header excluded."""
    for block in po_text.split("\n\n"):
        refs = [line[3:] for line in block.splitlines() if line.startswith("#: ")]
        match = re.search(r'^msgid "(.*)"$((?:\n".*")*)', block, re.M)
        if not match:
            continue
        msgid = match.group(1) + "".join(re.findall(r'"(.*)"', match.group(2)))
        if msgid:
            yield msgid, " ".join(refs)


# potfiles --------------------------------------------------------------------

MARK_RE = re.compile(r'(?<![A-Za-z0-9_])(?:_|N_|C_|NC_|ngettext|g_dngettext|g_dpgettext2)\s*\(')
UI_MARK_RE = re.compile(r'translatable="yes"')
DATA_MARK_RE = re.compile(r'^(Name|GenericName|Comment|Keywords)=|<summary>|<p>|<name>|gettext-domain', re.M)


def marks_strings(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if path.endswith((".c", ".h")):
        return MARK_RE.search(strip_c_comments(text)) is not None
    if path.endswith(".ui"):
        return UI_MARK_RE.search(text) is not None
    return DATA_MARK_RE.search(text) is not None


def check_potfiles(srcdir):
    listed = set(read_potfiles(srcdir))
    problems = 0
    for top in ("src", "data"):
        for dirpath, _dirs, files in os.walk(os.path.join(srcdir, top)):
            for name in sorted(files):
                if not name.endswith((".c", ".h", ".ui", ".desktop.in", ".metainfo.xml.in", ".gschema.xml")):
                    continue
                path = os.path.join(dirpath, name)
                relative = os.path.relpath(path, srcdir)
                if relative not in listed and marks_strings(path):
                    print(f"{relative}: marks strings for translation but is not in po/POTFILES.in")
                    problems += 1
    for relative in sorted(listed):
        if not os.path.exists(os.path.join(srcdir, relative)):
            print(f"po/POTFILES.in: {relative} does not exist")
            problems += 1
    if list(read_potfiles(srcdir)) != sorted(listed):
        print("po/POTFILES.in: not sorted, or a file is listed twice")
        problems += 1
    return problems


# unmarked --------------------------------------------------------------------

# Functions whose argument (0-based index) is text a user reads. The
# command line's messages count: people read those too.
SHOWN_ARGS = {
    "gtk_label_new": [0], "gtk_label_new_with_mnemonic": [0],
    "gtk_label_set_text": [1], "gtk_label_set_label": [1], "gtk_label_set_markup": [1],
    "gtk_label_set_text_with_mnemonic": [1], "gtk_label_set_markup_with_mnemonic": [1],
    "gtk_button_new_with_label": [0], "gtk_button_new_with_mnemonic": [0],
    "gtk_button_set_label": [1], "gtk_check_button_new_with_label": [0],
    "gtk_check_button_new_with_mnemonic": [0], "gtk_check_button_set_label": [1],
    "gtk_toggle_button_new_with_label": [0], "gtk_menu_button_set_label": [1],
    "gtk_widget_set_tooltip_text": [1], "gtk_widget_set_tooltip_markup": [1],
    # PerfGoal's own: a tooltip set cheaply, and a screen reader's label.
    "pg_field_set_tooltip": [1], "pg_field_set_label": [1],
    "gtk_window_set_title": [1], "gtk_entry_set_placeholder_text": [1],
    "gtk_text_set_placeholder_text": [1], "gtk_search_entry_set_placeholder_text": [1],
    "gtk_frame_new": [0], "gtk_frame_set_label": [1], "gtk_expander_new": [0],
    "gtk_string_list_append": [1], "gtk_file_chooser_native_new": [0, 3, 4],
    "gtk_file_filter_set_name": [1], "gtk_file_chooser_add_choice": [2],
    "gtk_print_operation_set_custom_tab_label": [1], "gtk_print_operation_set_job_name": [1],
    "g_menu_append": [1], "g_menu_insert": [2], "g_menu_prepend": [1],
    "g_menu_item_new": [0], "g_menu_append_section": [1], "g_menu_append_submenu": [1],
    "adw_toast_new": [0], "adw_toast_set_title": [1], "adw_toast_set_button_label": [1],
    "adw_window_title_new": [0, 1], "adw_window_title_set_title": [1],
    "adw_window_title_set_subtitle": [1],
    "adw_preferences_row_set_title": [1], "adw_action_row_set_subtitle": [1],
    "adw_expander_row_set_subtitle": [1], "adw_preferences_group_set_title": [1],
    "adw_preferences_group_set_description": [1], "adw_preferences_page_set_title": [1],
    "adw_status_page_set_title": [1], "adw_status_page_set_description": [1],
    "adw_message_dialog_new": [1, 2], "adw_message_dialog_set_heading": [1],
    "adw_message_dialog_set_body": [1], "adw_message_dialog_format_heading": [1],
    "adw_message_dialog_format_body": [1], "adw_message_dialog_add_response": [2],
    "adw_banner_set_title": [1], "adw_about_window_set_comments": [1],
    "adw_split_button_set_label": [1], "adw_button_content_set_label": [1],
    "adw_view_stack_add_titled": [3], "adw_combo_row_set_model": [],
    "gtk_stack_add_titled": [3], "gtk_stack_page_set_title": [1],
    "gtk_accessible_update_property": [],  # checked below: the value after _LABEL/_DESCRIPTION
    "g_set_error": [3], "g_set_error_literal": [3], "g_error_new": [2], "g_error_new_literal": [2],
    "g_prefix_error": [1], "g_printerr": [0], "g_print": [0], "fprintf": [1], "printf": [0],
    "g_option_context_new": [0], "g_option_context_set_summary": [1],
    "g_option_context_set_description": [1],
    "g_application_add_main_option": [4, 5], "g_application_set_option_context_summary": [1],
    "g_application_set_option_context_parameter_string": [1],
    "g_notification_new": [0], "g_notification_set_body": [1],
}

C_STRING_RE = re.compile(r'"(?:[^"\\\n]|\\.)*"')
CALL_RE = re.compile(r'(?<![A-Za-z0-9_])([a-z_][a-z0-9_]*)\s*\(')
# Words a user reads: two Latin letters in a row, or any CJK character.
WORDS_RE = re.compile(r'[A-Za-z]{2,}|[\u3400-\u9fff]')
# What is not words: printf conversions and escapes.
CONVERSION_RE = re.compile(r'%[-+ #0-9.*]*(?:l{0,2}|h{0,2}|[zjtL])[diouxXeEfgGcspn%]|%"\s*G_[A-Z0-9_]+\s*"|\\.')


def strip_c_comments(text):
    """The text with comments blanked out (newlines kept) and strings kept."""
    out = []
    i, n = 0, len(text)
    while i < n:
        if text.startswith("/*", i):
            end = text.find("*/", i + 2)
            end = n if end < 0 else end + 2
            out.append(re.sub(r"[^\n]", " ", text[i:end]))
            i = end
        elif text.startswith("//", i):
            end = text.find("\n", i)
            end = n if end < 0 else end
            out.append(" " * (end - i))
            i = end
        elif text[i] == '"':
            match = C_STRING_RE.match(text, i)
            end = match.end() if match else i + 1
            out.append(text[i:end])
            i = end
        elif text[i] == "'":
            match = re.compile(r"'(?:[^'\\\n]|\\.)*'").match(text, i)
            end = match.end() if match else i + 1
            out.append(text[i:end])
            i = end
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def call_arguments(text, open_paren):
    """The top-level arguments of the call whose '(' is at open_paren, as
    (start, text) pairs."""
    args, depth, start, i = [], 0, open_paren + 1, open_paren
    while i < len(text):
        c = text[i]
        if c == '"':
            match = C_STRING_RE.match(text, i)
            i = match.end() if match else i + 1
            continue
        if c == "'":
            match = re.compile(r"'(?:[^'\\\n]|\\.)*'").match(text, i)
            i = match.end() if match else i + 1
            continue
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
            if depth == 0:
                args.append((start, text[start:i]))
                return args
        elif c == "," and depth == 1:
            args.append((start, text[start:i]))
            start = i + 1
        i += 1
    return args


def bare_literal_with_words(argument):
    """The literal's text when the argument is only string literals (possibly
    concatenated, possibly with G_… format macros) carrying words."""
    stripped = argument.strip()
    if not stripped.startswith('"'):
        return None
    rest = C_STRING_RE.sub("", stripped)
    if re.sub(r"\bG_[A-Z0-9_]+\b", "", rest).strip():
        return None
    literal = "".join(m[1:-1] for m in C_STRING_RE.findall(stripped))
    if WORDS_RE.search(CONVERSION_RE.sub(" ", literal)):
        return literal
    return None


# Errors that only reach the log (a file says so with this word in a
# comment, and why): developers read those, in English.
LOG_ONLY_MARK = "i18n-log-only"
ERROR_FUNCTIONS = {"g_set_error", "g_set_error_literal", "g_error_new", "g_error_new_literal", "g_prefix_error"}


def unmarked_in_c(path, text):
    code = strip_c_comments(text)
    log_only = LOG_ONLY_MARK in text
    found = []
    for match in CALL_RE.finditer(code):
        name = match.group(1)
        if name not in SHOWN_ARGS or (log_only and name in ERROR_FUNCTIONS):
            continue
        args = call_arguments(code, match.end() - 1)
        indices = SHOWN_ARGS[name]
        if name == "gtk_accessible_update_property":
            indices = [i + 1 for i, (_s, a) in enumerate(args)
                       if re.search(r"GTK_ACCESSIBLE_PROPERTY_(LABEL|DESCRIPTION|PLACEHOLDER)", a)]
        for index in indices:
            if index < len(args):
                start, argument = args[index]
                literal = bare_literal_with_words(argument)
                if literal is not None:
                    line = code.count("\n", 0, start) + 1
                    found.append(f"{path}:{line}: {name}() shows “{literal}” untranslated")
    return found


UI_TEXT_PROPERTIES = {
    "label", "title", "subtitle", "tooltip-text", "tooltip-markup", "placeholder-text",
    "description", "text", "heading", "body", "button-label", "secondary-text",
    "accelerator-title", "search-placeholder-text",
}


def unmarked_in_ui(path, text):
    found = []
    root = ET.fromstring(text)
    for element in root.iter():
        if element.tag == "property" and element.get("name") in UI_TEXT_PROPERTIES:
            content = (element.text or "").strip()
        elif element.tag in ("attribute", "item") and element.get("name", "label") == "label":
            content = (element.text or "").strip()
        else:
            continue
        if element.get("translatable") == "yes" or not WORDS_RE.search(content):
            continue
        if element.get("bind-source"):
            continue
        found.append(f"{path}: <{element.tag} name=\"{element.get('name', '')}\"> “{content}” "
                     "is not translatable=\"yes\"")
    return found


def check_unmarked(srcdir, files):
    if not files:
        files = []
        for dirpath, _dirs, names in os.walk(os.path.join(srcdir, "src")):
            files += [os.path.join(dirpath, name) for name in sorted(names)
                      if name.endswith((".c", ".ui"))]
    problems = []
    for path in files:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        relative = os.path.relpath(path, srcdir)
        if path.endswith(".ui"):
            problems += unmarked_in_ui(relative, text)
        else:
            problems += unmarked_in_c(relative, text)
    for problem in problems:
        print(problem)
    print(f"{len(files)} files checked, {len(problems)} unmarked strings")
    return len(problems)


# merged ----------------------------------------------------------------------

def check_merged(desktop, metainfo):
    problems = 0
    with open(desktop, encoding="utf-8") as f:
        entry = f.read()
    for key in ("Name", "GenericName", "Comment", "Keywords"):
        for language in LANGUAGES:
            if not re.search(rf"^{key}\[{language}\]=\S", entry, re.M):
                print(f"{os.path.basename(desktop)}: no {key}[{language}]")
                problems += 1
    root = ET.parse(metainfo).getroot()
    lang_attr = "{http://www.w3.org/XML/1998/namespace}lang"
    for tag in ("name", "summary"):
        for language in LANGUAGES:
            if not any(e.get(lang_attr) == language for e in root.findall(tag)):
                print(f"{os.path.basename(metainfo)}: no <{tag} xml:lang=\"{language}\">")
                problems += 1
    untranslated = [p for p in root.iter("p") if p.get(lang_attr) is None]
    for language in LANGUAGES:
        translated = [p for p in root.iter("p") if p.get(lang_attr) == language]
        if len(translated) < len(untranslated):
            print(f"{os.path.basename(metainfo)}: {len(untranslated) - len(translated)} "
                  f"paragraphs without a {language} translation")
            problems += 1
    print(f"{problems} problems in the merged desktop entry and AppStream file")
    return problems


# What each check must report on tests/i18n-fixtures (see its README).
SELFTEST_EXPECTED = {
    "catalog": ["not translated: 'Not in the catalog' (src/shown.c:6)",
                "no translator comment on a formatted message: '%u goals' (src/shown.c:11)",
                "a count not through ngettext: '%u goals' (src/shown.c:11)"],
    "potfiles": ["src/unlisted.c: marks strings for translation but is not in po/POTFILES.in"],
    "unmarked": ["src/shown.c:7: gtk_label_new() shows “Shown without translation” untranslated",
                 "src/shown.c:8: g_set_error() shows “The file “%s” is broken” untranslated",
                 "src/window.ui: <property name=\"label\"> “Forgotten mark” is not translatable=\"yes\""],
}


def selftest(fixtures):
    import contextlib
    import io

    checks = {"catalog": lambda: check_catalog(fixtures),
              "potfiles": lambda: check_potfiles(fixtures),
              "unmarked": lambda: check_unmarked(fixtures, [])}
    failures = 0
    for name, check in checks.items():
        output = io.StringIO()
        with contextlib.redirect_stdout(output):
            problems = check()
        expected = SELFTEST_EXPECTED[name]
        missing = [line for line in expected if line not in output.getvalue()]
        if problems != len(expected) or missing:
            print(f"{name}: expected {len(expected)} problems, found {problems}; not reported: {missing}")
            print(output.getvalue())
            failures += 1
        else:
            print(f"{name}: found the {problems} planted problems")
    return failures


def main(argv):
    if len(argv) < 3:
        print(__doc__ or "usage: check-i18n.py catalog|potfiles|unmarked|merged …", file=sys.stderr)
        return 2
    command = argv[1]
    if command == "catalog":
        problems = check_catalog(argv[2])
    elif command == "potfiles":
        problems = check_potfiles(argv[2])
    elif command == "unmarked":
        problems = check_unmarked(argv[2], argv[3:])
    elif command == "selftest":
        problems = selftest(argv[2])
    elif command == "merged" and len(argv) == 4:
        problems = check_merged(argv[2], argv[3])
    else:
        print(f"unknown check: {' '.join(argv[1:])}", file=sys.stderr)
        return 2
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
