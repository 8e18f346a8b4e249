#!/usr/bin/env python3
"""Makes the spreadsheet fixtures under tests/fixtures/import/lo/ the way a real tool writes them:
CSV text converted by LibreOffice (which recognises "8.2%" as a percent-formatted number and
"2026-12-01" as a date) into .xlsx, .ods and .xls, plus one .xlsx edited to hold a stray cell at
XFD1048576 and one with a formula that has no calculated value. Needs `soffice` (Debian: libreoffice-calc-nogui). Run from the repository root; the
files it makes are committed, so the tests need no LibreOffice."""

import os
import shutil
import subprocess
import tempfile
import zipfile

OUT = os.path.join("tests", "fixtures", "import", "lo")

SHEETS = {
    # Long format against the dealership sample: percent cells (8.2 %, 102 %) and a plain 0.96
    # of a % KPI; a quarterly KPI given a date in the quarter's last month; a totals row.
    "percent-long": (
        "指标代码,期间,实际值,备注\n"
        "F03,2026-10,8.2%,毛利率\n"
        "C01,2026-10,102%,\n"
        "C03,2026-10,0.96,普通数字\n"
        "C02,2026-12-01,88,季度\n"
        "L02,2026-12-01,81%,\n"
        "合计,,1.5,\n"
    ),
    # Wide format whose headers name months without a year, under a title that names the year.
    "months-only": (
        "星辰汽车 2026年 实际值,,,\n"
        "指标代码,1月,2月,3月\n"
        "F01,1180,1210,1250\n"
        "C07,88,92,95\n"
        "总计,1268,1302,1345\n"
    ),
}

FILTER = "CSV:44,34,76,1,,1033,false,true"


def convert(csv_path, kind, outdir):
    subprocess.run(
        ["soffice", "--headless", f"--infilter={FILTER}", "--convert-to", kind, "--outdir", outdir, csv_path],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def stray_cell(src, dst):
    """Copies an .xlsx, adding one filled cell at XFD1048576 to its first sheet."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = data.decode("utf-8")
                text = text.replace(
                    "</sheetData>",
                    '<row r="1048576"><c r="XFD1048576" t="n"><v>1</v></c></row></sheetData>',
                )
                text = text.replace('<dimension ref="A1:D7"/>', '<dimension ref="A1:XFD1048576"/>')
                data = text.encode("utf-8")
            zout.writestr(item, data)


def uncomputed_formula(src, dst):
    """Copies an .xlsx, replacing the value of C4 (the plain 0.96) by a formula without a cached
    value, as programs that do not calculate write them."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = data.decode("utf-8")
                old = '<c r="C4" s="0" t="n"><v>0.96</v></c>'
                assert old in text, "C4 as LibreOffice writes it"
                text = text.replace(old, '<c r="C4" s="0"><f>SUM(0.5,0.46)</f></c>')
                data = text.encode("utf-8")
            zout.writestr(item, data)


def main():
    os.makedirs(OUT, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for name, text in SHEETS.items():
            csv_path = os.path.join(tmp, name + ".csv")
            with open(csv_path, "w", encoding="utf-8") as f:
                f.write(text)
            for kind in ["xlsx", "ods", "xls"]:
                convert(csv_path, kind, tmp)
                shutil.copy(os.path.join(tmp, f"{name}.{kind}"), os.path.join(OUT, f"{name}.{kind}"))
        stray_cell(os.path.join(OUT, "percent-long.xlsx"), os.path.join(OUT, "stray-cell-xfd1048576.xlsx"))
        uncomputed_formula(os.path.join(OUT, "percent-long.xlsx"), os.path.join(OUT, "uncomputed-formula.xlsx"))


if __name__ == "__main__":
    main()
