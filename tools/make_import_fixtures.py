#!/usr/bin/env python3
"""Writes the import fixtures in tests/fixtures/import/, shaped like the files people send:
an Excel workbook with a title row above the header (written by openpyxl, not by our own
exporter), a CSV as Chinese Excel saves it (GBK, no BOM), the same as UTF-8 with a BOM, and a
wide sheet with one column per month headed `2026年1月`.

    pip install openpyxl && python3 tools/make_import_fixtures.py

Each file carries a few deliberate problems (unknown KPI, bad number, duplicate, a month for a
quarterly KPI, a bad period) that the tests expect to be reported with their row numbers.
"""
import datetime as dt
import os

import openpyxl
from openpyxl.styles import Font

OUT = os.path.join(os.path.dirname(__file__), "..", "tests", "fixtures", "import")
os.makedirs(OUT, exist_ok=True)

# November 2026 for the dealership sample (its data ends in October).
NOVEMBER = [
    ("F01", "新车销售收入", 1235.5, None),
    ("F02", "精品及衍生业务收入", 142.0, None),
    ("F03", "整车毛利率", 8.1, None),
    ("F05", "销售费用率", 3.4, None),
    ("F06", "库存周转天数", 48.0, None),
    ("C01", "试乘试驾满意率", 93.0, None),
    ("C03", "客户投诉率", 1.2, None),
    ("C04", "新增意向客户数", 245.0, None),
    ("C05", "基盘客户回访率", 82.0, None),
    ("C06", "进店成交率", 23.5, None),
    ("C07", "新车销量", 86.0, "双十一活动"),
    ("P01", "来电留档率", 72.0, None),
    ("P02", "进店接待流程执行率", 96.0, None),
    ("P03", "试乘试驾邀约率", 55.0, None),
    ("P04", "试乘试驾率", 41.0, None),
    ("P05", "合同规范使用率", 99.0, None),
    ("P06", "承诺兑现率", 97.5, None),
    ("P07", "交车满意率", 94.0, None),
    ("P08", "潜在客户跟踪及时率", 88.0, None),
    ("L01", "人均培训时数", 5.5, None),
]


def workbook_with_title():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "11月实际"
    ws["A1"] = "星辰汽车 2026年11月 KPI 实际完成情况"
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"] = "填报部门：经营管理部    填报日期：2026-12-03"
    header = ["指标代码", "指标名称", "期间", "实际值", "目标值", "备注"]
    ws.append([])
    for c, h in enumerate(header, start=1):
        ws.cell(row=4, column=c, value=h).font = Font(bold=True)
    row = 5
    for code, name, actual, note in NOVEMBER:
        ws.cell(row=row, column=1, value=code)
        ws.cell(row=row, column=2, value=name)
        d = ws.cell(row=row, column=3, value=dt.date(2026, 11, 1))
        d.number_format = "yyyy-mm"
        ws.cell(row=row, column=4, value=actual)
        if note:
            ws.cell(row=row, column=6, value=note)
        row += 1
    # A revised target for December, on its own row (actual left empty).
    ws.cell(row=row, column=1, value="F01")
    ws.cell(row=row, column=3, value="2026年12月")
    ws.cell(row=row, column=5, value=1300)
    row += 1
    # Problems, one per row.
    problems = [
        ("X99", "不存在的指标", dt.date(2026, 11, 1), 10),  # unknown KPI
        ("C02", "销售满意度 SSI", dt.date(2026, 11, 1), 91),  # a month for a quarterly KPI
        ("F02", "精品及衍生业务收入", dt.date(2026, 11, 1), 150),  # duplicate of the F02 row
        ("P01", "来电留档率", "下个月", 70),  # bad period
        ("P02", "进店接待流程执行率", dt.date(2026, 11, 1), "约95"),  # bad number
    ]
    for code, name, period, actual in problems:
        ws.cell(row=row, column=1, value=code)
        ws.cell(row=row, column=2, value=name)
        c = ws.cell(row=row, column=3, value=period)
        if isinstance(period, dt.date):
            c.number_format = "yyyy-mm"
        ws.cell(row=row, column=4, value=actual)
        row += 1
    wb.save(os.path.join(OUT, "dealership-2026-11.xlsx"))


def csv_text():
    lines = ["星辰汽车 KPI 实际值（2026年11月）", "指标代码,指标名称,期间,实际值,备注"]
    for code, name, actual, note in NOVEMBER[:8]:
        value = f"{actual:,.1f}" if actual >= 1000 else f"{actual:g}"
        if "," in value:
            value = f'"{value}"'
        lines.append(f"{code},{name},2026年11月,{value},{note or ''}")
    # As people type them: a percent sign, full-width digits.
    lines.append("C05,基盘客户回访率,2026-11,82%,")
    lines.append("C06,进店成交率,2026/11,２３．５,")
    # Problems.
    lines.append("C07,新车销量,2026-11,八十六,")  # bad number
    lines.append(",,2026-11,12,")  # no KPI
    lines.append("")
    return "\r\n".join(lines) + "\r\n"


def csv_files():
    text = csv_text()
    with open(os.path.join(OUT, "excel-gbk.csv"), "wb") as f:
        f.write(text.encode("gbk"))
    with open(os.path.join(OUT, "utf8-bom.csv"), "wb") as f:
        f.write(b"\xef\xbb\xbf" + text.encode("utf-8"))


def wide_workbook():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "月度实际"
    ws["A1"] = "2026年上半年 关键指标月度实际值"
    ws.append([])
    ws.append(["代码", "指标名称"] + [f"2026年{m}月" for m in range(1, 7)] + ["合计"])
    rows = [
        ("F01", "新车销售收入", [1010, 1100, 1260, 1190, 1230, 1305]),
        ("C04", "新增意向客户数", [231, 240, 266, 250, 270, 281]),
        ("P03", "试乘试驾邀约率", [58, 61, 59, None, 63, "-"]),
        ("C02", "销售满意度 SSI", [None, None, 89.5, None, None, 90.2]),  # quarterly: March and June end quarters
        ("C02", "销售满意度 SSI", [None, 88, None, None, None, None]),  # February is not a quarter's end
        ("Z01", "不存在的指标", [1, 2, 3, 4, 5, 6]),  # unknown KPI
        ("", "进店成交率", [24, 25, 26, 25, 24, 26]),  # no code, and two KPIs carry this name
        ("P01", "来电留档率", [70, 71, "n/a", 69, "七十", 72]),  # one bad number in May
    ]
    for code, name, values in rows:
        ws.append([code or None, name] + values + [None])
    wb.save(os.path.join(OUT, "wide-2026-h1.xlsx"))


def formula_and_percent_workbook():
    """openpyxl writes formulas without a calculated value (`<f>…</f><v />`) and keeps number
    formats: one of each, with a plain value beside them."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["指标代码", "期间", "实际值"])
    ws.append(["F01", "2026-01", 1180])
    ws.append(["F02", "2026-01", "=SUM(100,50)"])
    ws.append(["F03", "2026-01", 0.082])
    ws.cell(row=4, column=3).number_format = "0.0%"
    wb.save(os.path.join(OUT, "openpyxl-formula-percent.xlsx"))


if __name__ == "__main__":
    workbook_with_title()
    csv_files()
    wide_workbook()
    formula_and_percent_workbook()
    print("wrote", sorted(os.listdir(OUT)))
