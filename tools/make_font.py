#!/usr/bin/env python3
"""Builds assets/fonts/NotoSansSC-GB2312.otf: Noto Sans SC (OFL) cut down to every character that
encodes in GB2312, plus ASCII, Latin-1 and the punctuation and symbols the UI uses.

Needs Debian's fonts-noto-cjk and fonttools:  python3 tools/make_font.py
"""
import subprocess, os

chars = set()
for hi in range(0xA1, 0xF8):
    for lo in range(0xA1, 0xFF):
        try:
            chars.add(bytes([hi, lo]).decode("gb2312"))
        except UnicodeDecodeError:
            pass
chars.update(chr(c) for c in range(0x20, 0x7F))
chars.update(chr(c) for c in range(0xA0, 0x100))
# Punctuation, arrows and symbols used by the UI and the reference material.
chars.update("·、。，：；？！“”‘’（）《》【】—…％＋－×÷±≥≤≠≈→←↑↓↗↘★☆●○◆◇■□▲△▼▽✓✗√∑∞−–€¥£°‰※｜～")
chars.update(chr(c) for c in range(0xFF01, 0xFF5F))  # full-width forms (１２３ people type)
chars.update(chr(c) for c in range(0x2460, 0x2474))  # ①…⑳
# Arrows, operators, technical symbols, geometric shapes, symbols and dingbats: whichever of
# them the font has (pyftsubset skips the rest). The UI uses some as icons (◀ ▶ ⚠ ✓).
for lo, hi in [(0x2000, 0x2070), (0x2190, 0x2200), (0x2200, 0x2300), (0x2300, 0x2400), (0x25A0, 0x2600), (0x2600, 0x2700), (0x2700, 0x27C0)]:
    chars.update(chr(c) for c in range(lo, hi))
# Every character of the built-in KPI library and the sample projects, whatever their range.
import json, glob
root_dir = os.path.join(os.path.dirname(__file__), "..")
for path in [os.path.join(root_dir, "assets", "kpi-library.json")] + glob.glob(os.path.join(root_dir, "sample-projects", "*.json")):
    if os.path.exists(path):
        chars.update(open(path, encoding="utf-8").read())
chars = {c for c in chars if c.isprintable()}
text = "".join(sorted(chars))
root = os.path.join(os.path.dirname(__file__), "..")
with open("/tmp/gb2312-chars.txt", "w", encoding="utf-8") as f:
    f.write(text)
subprocess.run([
    "pyftsubset", "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", "--font-number=2",
    "--text-file=/tmp/gb2312-chars.txt", "--layout-features=*", "--no-hinting", "--desubroutinize",
    "--output-file=" + os.path.join(root, "assets/fonts/NotoSansSC-GB2312.otf"),
], check=True)
print(len(chars), "characters")
