#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes data/print-characters.txt: the characters the build prepares the
print faces for (src/print/pg-print-fonts.h).

Everyday Chinese text: every character of GB 2312 (its 6 763 hanzi, and the
punctuation, full-width forms, numerals and symbols of its other rows), with
printable ASCII and Latin-1, the general punctuation Pango may print
(U+2010, the hyphen it adds at a break, among them) and the rest of the CJK
symbols and full-width forms. Run it again only to change the set: the file
is kept in the repository so that the build needs no codec.
"""
import pathlib
import sys


def gb2312():
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                yield bytes([high, low]).decode("gb2312")
            except UnicodeDecodeError:
                pass


def ranges(*spans):
    for first, last in spans:
        for code in range(first, last + 1):
            yield chr(code)


def main():
    characters = set(gb2312())
    characters.update(ranges(
        (0x0020, 0x007E),  # ASCII
        (0x00A0, 0x00FF),  # Latin-1
        (0x2010, 0x2027),  # general punctuation: dashes, quotes, ellipsis
        (0x2030, 0x203B),  # per mille, primes, reference mark
        (0x3000, 0x303F),  # CJK symbols and punctuation
        (0xFF01, 0xFF5E),  # full-width forms
        (0xFFE0, 0xFFE6),  # full-width signs
    ))
    text = "".join(sorted(characters))
    out = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else
                       pathlib.Path(__file__).parent.parent / "data" / "print-characters.txt")
    # One line of 64 characters after another: readable in a diff.
    lines = [text[i:i + 64] for i in range(0, len(text), 64)]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{out}: {len(characters)} characters")


if __name__ == "__main__":
    main()
