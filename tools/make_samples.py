#!/usr/bin/env python3
"""Builds the sample projects in sample-projects/ from the reference material's KPIs.

The JSON written here is then normalised by `scorecard-studio fmt`, so the committed files are
exactly what the app saves. Actuals are deterministic (seeded) and plausible: trends, seasonality,
a few KPIs that fall behind so the dashboards have something red to explain.

    python3 tools/make_samples.py && for f in sample-projects/*.json; do \
        target/debug/scorecard-studio fmt "$f"; done
"""
import datetime as dt
import json
import math
import os
import random

OUT = os.path.join(os.path.dirname(__file__), "..", "sample-projects")

GREEN, AMBER, RED, BLUE = "#2e7d32", "#f9a825", "#d32f2f", "#1565c0"


def perspectives(names):
    ids = ["persp-financial", "persp-customer", "persp-process", "persp-learning"]
    colours = ["#1e63b4", "#2e8b57", "#c77c0e", "#7b3fa0"]
    return [{"id": i, "name": n, "colour": c, "weight": w} for i, n, c, w in zip(ids, names, colours, [30, 30, 25, 15])]


def months(start, count):
    y, m = start
    out = []
    for _ in range(count):
        out.append(dt.date(y, m, 1))
        m += 1
        if m == 13:
            y, m = y + 1, 1
    return out


def quarters(start, count):
    y, q = start
    out = []
    for _ in range(count):
        out.append(dt.date(y, 3 * (q - 1) + 1, 1))
        q += 1
        if q == 5:
            y, q = y + 1, 1
    return out


def weeks(first_monday, count):
    return [first_monday + dt.timedelta(days=7 * i) for i in range(count)]


def rnd(v, digits):
    return round(v, digits) if digits > 0 else float(round(v))


def series(rng, dates, target, *, level=1.0, trend=0.0, noise=0.03, season=0.0, lower=False, digits=1,
           period_targets=None, notes=None, cap=None, floor=None):
    """Actuals around `target`: level × (1 + trend·t) with seasonality and noise.

    For lower-is-better KPIs a level above 1 means worse (higher) values."""
    out = []
    n = len(dates)
    for i, d in enumerate(dates):
        t = i / max(n - 1, 1)
        base = period_targets.get(d, target) if period_targets else target
        s = 1.0 + season * math.sin((d.month - 3) / 12 * 2 * math.pi)
        factor = level * (1 + trend * t) * s * (1 + rng.gauss(0, noise))
        v = base * factor
        if cap is not None:
            v = min(v, cap)
        if floor is not None:
            v = max(v, floor)
        p = {"date": d.isoformat(), "actual": rnd(v, digits) + 0.0}
        if period_targets and d in period_targets:
            p["target"] = period_targets[d]
        if notes and d in notes:
            p["note"] = notes[d]
        out.append(p)
    return out


class Builder:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.kpis = []
        self.n = 0

    def kpi(self, code, name, *, unit, formula, target, weight, owner, objective=None, department=None,
            polarity="higher_is_better", aggregation="average", frequency="monthly", baseline=None,
            definition="", tags=None, cascade=None, data_source="", dates=None, digits=1, scoring=None,
            band=None, min=None, max=None, status_rules=None, stretch=None, **series_args):
        self.n += 1
        k = {"id": f"kpi-{self.n}", "code": code, "name": name}
        if definition:
            k["definition"] = definition
        k.update({"formula": formula, "unit": unit, "polarity": polarity})
        if band:
            k["band"] = band
        k["frequency"] = frequency
        k["aggregation"] = aggregation
        if baseline is not None:
            k["baseline"] = baseline
        k["target"] = target
        for key, v in (("stretch", stretch), ("min", min), ("max", max)):
            if v is not None:
                k[key] = v
        if scoring:
            k["scoring"] = scoring
        if status_rules:
            k["status_rules"] = status_rules
        k["weight"] = weight
        k["owner"] = owner
        if data_source:
            k["data_source"] = data_source
        if tags:
            k["tags"] = tags
        if objective:
            k["objective"] = objective
        if department:
            k["department"] = department
        if cascade:
            k["cascade"] = cascade
        if dates:
            k["series"] = series(self.rng, dates, target, lower=polarity == "lower_is_better", digits=digits, **series_args)
        self.kpis.append(k)
        return k["id"]


def objective(i, name, persp, theme, owner, x, y, weight=1.0, description=""):
    o = {"id": f"obj-{i}", "name": name}
    if description:
        o["description"] = description
    o.update({"perspective": persp, "owner": owner, "weight": weight,
              "position": {"x": float(x), "y": float(y)}, "size": {"w": 160.0, "h": 64.0}})
    if theme:
        o["theme"] = theme
    return o


def links(pairs, labels=None):
    labels = labels or {}
    return [dict({"id": f"link-{i + 1}", "from": f"obj-{a}", "to": f"obj-{b}"},
                 **({"label": labels[(a, b)]} if (a, b) in labels else {}))
            for i, (a, b) in enumerate(pairs)]


def dept(i, name, kind, parent, head, weight=1.0):
    d = {"id": f"dept-{i}", "name": name, "kind": kind}
    if parent:
        d["parent"] = f"dept-{parent}"
    d.update({"head": head, "weight": weight})
    return d


def scoring(method=None, clamp=(0.0, 150.0), missing="skip"):
    return {
        "method": method or {"method": "sign_safe"},
        "clamp": {"min": clamp[0], "max": clamp[1]},
        "status_rules": [
            {"status": "green", "colour": GREEN, "basis": "score", "when": "at_least", "threshold": 100.0},
            {"status": "amber", "colour": AMBER, "basis": "score", "when": "at_least", "threshold": 90.0},
            {"status": "red", "colour": RED, "basis": "score", "when": "always", "threshold": 0.0},
        ],
        "missing_data": missing,
        "trend_periods": 6,
        "grades": [{"grade": "A", "min_score": 110.0}, {"grade": "B", "min_score": 95.0},
                   {"grade": "C", "min_score": 80.0}, {"grade": "D", "min_score": 0.0}],
    }


def write(name, doc):
    doc = {"format": "scorecard-studio", "version": 2, **doc}
    with open(os.path.join(OUT, name), "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=2)
        f.write("\n")


# ---------------------------------------------------------------------------------------------
# 1. Car dealership sales process (汽车 4S 店销售流程), from the 销售流程关键KPI courseware.
# ---------------------------------------------------------------------------------------------
def dealership():
    b = Builder(2025)
    m = months((2025, 1), 22)  # 2025-01 … 2026-10
    q = quarters((2025, 1), 7)  # 2025-Q1 … 2026-Q3
    F, C, P, L = "persp-financial", "persp-customer", "persp-process", "persp-learning"
    themes = [
        {"id": "theme-1", "name": "销售流程卓越", "colour": "#00838f", "description": "九大销售流程环节标准化执行"},
        {"id": "theme-2", "name": "客户体验", "colour": "#ad1457", "description": "从来电到售后跟踪的完整客户旅程"},
        {"id": "theme-3", "name": "人才与激励", "colour": "#6a1b9a"},
    ]
    objs = [
        objective(1, "提高收入", F, None, "总经理 王强", 120, 30),
        objective(2, "增加利润", F, None, "总经理 王强", 420, 30, weight=1.5),
        objective(3, "降低成本", F, None, "财务经理 孙丽", 720, 30),
        objective(4, "提升客户满意度", C, "theme-2", "客服主管 周芳", 560, 30),
        objective(5, "扩大基盘客户", C, "theme-1", "市场经理 赵琳", 80, 30),
        objective(6, "提高成交转化", C, "theme-1", "销售经理 李明", 320, 30),
        objective(7, "规范来电与进店接待", P, "theme-1", "销售经理 李明", 40, 30),
        objective(8, "强化试乘试驾体验", P, "theme-2", "试乘试驾专员 刘洋", 250, 30),
        objective(9, "规范报价与合同管理", P, "theme-1", "销售经理 李明", 460, 30),
        objective(10, "做好交车与售后跟踪", P, "theme-2", "售后经理 陈刚", 670, 30),
        objective(11, "优化人才素质", L, "theme-3", "人事主管 吴敏", 200, 30),
        objective(12, "加强激励机制", L, "theme-3", "总经理 王强", 520, 30),
    ]
    lk = links([(11, 7), (11, 8), (11, 9), (12, 10), (12, 9), (7, 5), (7, 6), (8, 6), (8, 4), (9, 4),
                (10, 4), (5, 1), (6, 1), (4, 2), (1, 2), (3, 2), (9, 3)],
               labels={(8, 6): "体验促成交", (4, 2): "满意客户带来二次消费"})
    depts = [
        dept(1, "星辰汽车", "company", None, "总经理 王强"),
        dept(2, "销售部", "department", 1, "销售经理 李明", 3.0),
        dept(3, "市场部", "department", 1, "市场经理 赵琳", 2.0),
        dept(4, "售后服务部", "department", 1, "售后经理 陈刚", 2.0),
        dept(5, "客户关系中心", "department", 1, "客服主管 周芳", 1.5),
        dept(6, "财务部", "department", 1, "财务经理 孙丽", 1.0),
        dept(7, "销售顾问", "role", 2, "张伟"),
    ]
    k = b.kpi
    # Financial
    f01 = k("F01", "新车销售收入", unit="万元", formula="当月新车开票金额合计", target=1200.0, weight=60,
            owner="销售经理 李明", objective="obj-1", aggregation="sum", baseline=1050.0, stretch=1350.0,
            tags=["financial", "quantitative", "lagging", "over_period"], data_source="DMS 开票记录",
            dates=m, level=0.97, trend=0.06, season=0.08, noise=0.05, digits=1)
    f02 = k("F02", "精品及衍生业务收入", unit="万元", formula="精品、保险、金融、延保收入合计", target=150.0, weight=40,
            owner="售后经理 陈刚", objective="obj-1", aggregation="sum", baseline=120.0,
            tags=["financial", "quantitative", "lagging"], data_source="财务系统", dates=m, level=0.92, trend=0.05, noise=0.06)
    k("F03", "整车毛利率", unit="%", formula="(新车销售收入 − 新车采购成本) ÷ 新车销售收入 × 100%", target=8.5,
      weight=100, owner="财务经理 孙丽", objective="obj-2", baseline=7.2, min=0.0, max=15.0,
      tags=["financial", "lagging"], data_source="财务系统", dates=m, level=0.95, trend=0.04, noise=0.04, digits=2)
    f05 = k("F05", "销售费用率", unit="%", formula="销售费用 ÷ 新车销售收入 × 100%", target=3.2, weight=60,
            owner="财务经理 孙丽", objective="obj-3", polarity="lower_is_better", baseline=3.8,
            scoring={"method": "progress_from_baseline"}, tags=["financial", "leading"], dates=m,
            level=1.08, trend=-0.08, noise=0.04, digits=2)
    f06 = k("F06", "库存周转天数", unit="天", formula="平均库存车辆数 ÷ 日均销量", target=45.0, weight=40,
            owner="财务经理 孙丽", objective="obj-3", polarity="closest_to_target", band={"below": 5.0, "above": 5.0},
            scoring={"method": "closest_to_target", "falloff": 30.0}, aggregation="last",
            definition="库存过高占用资金，过低影响交车；保持在 40–50 天区间最理想。",
            tags=["financial", "point_in_time"], dates=m, level=1.12, trend=-0.1, noise=0.08, digits=0)
    # Customer
    c01 = k("C01", "试乘试驾满意率", unit="%", formula="回访已试乘试驾客户满意数 ÷ 试乘试驾客户数 × 100%", target=92.0,
            weight=40, owner="客服主管 周芳", objective="obj-4",
            definition="了解客户在试乘试驾活动后对试乘试驾流程及所关注产品的满意度，发现流程改进点。",
            tags=["non_financial", "lagging"], data_source="回访记录表", dates=m, level=0.97, trend=0.03,
            noise=0.02, cap=100.0)
    k("C02", "销售满意度 SSI", unit="分", formula="厂家第三方 SSI 调研得分", target=90.0, weight=30,
      owner="客服主管 周芳", objective="obj-4", frequency="quarterly", tags=["non_financial", "lagging"],
      dates=q, level=0.98, trend=0.02, noise=0.015)
    k("C03", "客户投诉率", unit="%", formula="有效投诉客户数 ÷ 成交客户数 × 100%", target=1.5, weight=30,
      owner="客服主管 周芳", objective="obj-4", polarity="lower_is_better", baseline=2.4,
      tags=["non_financial", "lagging"], dates=m, level=1.25, trend=-0.2, noise=0.1, digits=2)
    c04 = k("C04", "新增意向客户数", unit="人", formula="当月新建档意向客户数", target=260.0, weight=50,
            owner="市场经理 赵琳", objective="obj-5", aggregation="sum", tags=["non_financial", "leading"],
            data_source="客户意向登记卡", dates=m, level=0.95, trend=0.06, season=0.1, noise=0.07, digits=0)
    c05 = k("C05", "基盘客户回访率", unit="%", formula="已回访基盘客户数 ÷ 应回访基盘客户数 × 100%", target=85.0,
            weight=50, owner="客服主管 周芳", objective="obj-5", tags=["non_financial", "leading"], dates=m,
            level=0.93, trend=0.06, noise=0.03, cap=100.0)
    c06 = k("C06", "进店成交率", unit="%", formula="成交客户数 ÷ 进店客户数 × 100%", target=25.0, weight=50,
            owner="销售经理 李明", objective="obj-6", tags=["non_financial", "lagging"], dates=m,
            level=0.9, trend=0.04, noise=0.05)
    c07 = k("C07", "新车销量", unit="台", formula="当月新车交车台数", target=90.0, weight=50, owner="销售经理 李明",
            objective="obj-6", aggregation="sum", tags=["quantitative", "lagging", "over_period"], dates=m,
            level=0.96, trend=0.05, season=0.08, noise=0.06, digits=0)
    # Internal process
    p01 = k("P01", "来电留档率", unit="%", formula="留档来电客户数 ÷ 来电客户总数 × 100%", target=70.0, weight=50,
            owner="销售经理 李明", objective="obj-7",
            definition="衡量来电接听环节获取客户信息的能力，是邀约进店的前提。",
            tags=["non_financial", "leading"], dates=m, level=0.88, trend=0.08, noise=0.04)
    k("P02", "进店接待流程执行率", unit="%", formula="神秘客检查合格项 ÷ 检查项总数 × 100%", target=95.0, weight=50,
      owner="销售经理 李明", objective="obj-7",
      scoring={"method": "bands", "bands": [
          {"value": 60.0, "score": 0.0, "label": "red", "colour": RED},
          {"value": 80.0, "score": 70.0, "label": "amber", "colour": AMBER},
          {"value": 95.0, "score": 100.0, "label": "green", "colour": GREEN},
          {"value": 100.0, "score": 110.0, "label": "green", "colour": GREEN}]},
      status_rules=None, tags=["non_financial", "leading"], dates=m, level=0.96, trend=0.02, noise=0.03, cap=100.0)
    p03 = k("P03", "试乘试驾邀约率", unit="%", formula="邀约试乘试驾客户数 ÷ 试乘试驾客户数 × 100%", target=60.0,
            weight=50, owner="试乘试驾专员 刘洋", objective="obj-8",
            definition="让销售顾问有效利用试乘试驾活动展示产品给顾客带来的实际使用利益，促进顾客购买。",
            tags=["non_financial", "leading"], data_source="试乘试驾A/B表", dates=m, level=0.85, trend=0.12, noise=0.05)
    k("P04", "试乘试驾率", unit="%", formula="试乘试驾客户数 ÷ 进店客户数 × 100%", target=45.0, weight=50,
      owner="试乘试驾专员 刘洋", objective="obj-8", tags=["non_financial", "leading"], dates=m,
      level=0.9, trend=0.06, noise=0.05)
    k("P05", "合同规范使用率", unit="%", formula="按规范领用并归档的合同数 ÷ 签订合同总数 × 100%", target=98.0,
      weight=60, owner="销售经理 李明", objective="obj-9", tags=["non_financial", "leading"],
      data_source="合同领用管理流程", dates=m, level=0.94, trend=0.05, noise=0.01, cap=100.0)
    k("P06", "承诺兑现率", unit="%", formula="已兑现承诺数 ÷ 书面承诺总数 × 100%", target=97.0, weight=40,
      owner="销售经理 李明", objective="obj-9", tags=["non_financial", "lagging"], dates=m, level=0.97,
      trend=0.02, noise=0.015, cap=100.0)
    p07 = k("P07", "交车满意率", unit="%", formula="交车回访满意客户数 ÷ 交车客户数 × 100%", target=95.0,
            weight=50, owner="售后经理 陈刚", objective="obj-10", tags=["non_financial", "lagging"], dates=m,
            level=0.98, trend=0.01, noise=0.015, cap=100.0)
    k("P08", "潜在客户跟踪及时率", unit="%", formula="按期跟踪的潜在客户数 ÷ 应跟踪潜在客户数 × 100%", target=90.0,
      weight=50, owner="销售经理 李明", objective="obj-10", tags=["non_financial", "leading"], dates=m,
      level=0.86, trend=0.05, noise=0.04, cap=100.0)
    # Learning & growth
    k("L01", "人均培训时数", unit="小时", formula="培训总时数 ÷ 在岗员工数", target=6.0, weight=50,
      owner="人事主管 吴敏", objective="obj-11", aggregation="sum", tags=["non_financial", "leading"],
      data_source="培训/会议签到表", dates=m, level=0.9, trend=0.1, noise=0.12)
    k("L02", "销售顾问认证通过率", unit="%", formula="通过厂家认证的销售顾问数 ÷ 销售顾问总数 × 100%", target=80.0,
      weight=50, owner="人事主管 吴敏", objective="obj-11", frequency="quarterly", aggregation="last",
      tags=["non_financial", "point_in_time"], dates=q, level=0.85, trend=0.12, noise=0.03)
    k("L03", "员工满意度", unit="分", formula="年度员工满意度调查平均分", target=85.0, weight=50,
      owner="总经理 王强", objective="obj-12", frequency="quarterly", tags=["non_financial", "lagging"],
      dates=q, level=0.96, trend=0.03, noise=0.02)
    k("L04", "核心员工流失率", unit="%", formula="离职核心员工数 ÷ 核心员工平均人数 × 100%", target=3.0, weight=50,
      owner="总经理 王强", objective="obj-12", frequency="quarterly", polarity="lower_is_better",
      tags=["non_financial", "lagging"], dates=q, level=1.3, trend=-0.15, noise=0.15, digits=2)
    # Department KPIs (each department's weights total 100).
    dep = lambda parent: {"kind": "decompose", "parent": parent}
    align = lambda obj: {"kind": "align", "objective": obj}
    k("S01", "新车销量", unit="台", formula="销售部当月交车台数", target=90.0, weight=40, owner="销售经理 李明",
      department="dept-2", aggregation="sum", cascade=dep(c07), dates=m, level=0.96, trend=0.05, season=0.08,
      noise=0.06, digits=0)
    k("S02", "进店成交率", unit="%", formula="成交客户数 ÷ 进店客户数 × 100%", target=25.0, weight=30,
      owner="销售经理 李明", department="dept-2", cascade=dep(c06), dates=m, level=0.9, trend=0.04, noise=0.05)
    k("S03", "试乘试驾邀约率", unit="%", formula="邀约试乘试驾客户数 ÷ 试乘试驾客户数 × 100%", target=60.0,
      weight=30, owner="销售经理 李明", department="dept-2", cascade=dep(p03), dates=m, level=0.85, trend=0.12,
      noise=0.05)
    k("M01", "新增意向客户数", unit="人", formula="市场活动及线上渠道新增意向客户数", target=260.0, weight=50,
      owner="市场经理 赵琳", department="dept-3", aggregation="sum", cascade=dep(c04), dates=m, level=0.95,
      trend=0.06, season=0.1, noise=0.07, digits=0)
    k("M02", "来电留档率", unit="%", formula="留档来电客户数 ÷ 来电客户总数 × 100%", target=70.0, weight=30,
      owner="市场经理 赵琳", department="dept-3", cascade=dep(p01), dates=m, level=0.88, trend=0.08, noise=0.04)
    k("M03", "市场活动费用率", unit="%", formula="市场活动费用 ÷ 新车销售收入 × 100%", target=1.2, weight=20,
      owner="市场经理 赵琳", department="dept-3", polarity="lower_is_better", cascade=align("obj-3"), dates=m,
      level=1.05, trend=-0.06, noise=0.06, digits=2)
    k("A01", "交车满意率", unit="%", formula="交车回访满意客户数 ÷ 交车客户数 × 100%", target=95.0, weight=50,
      owner="售后经理 陈刚", department="dept-4", cascade=dep(p07), dates=m, level=0.98, trend=0.01, noise=0.015,
      cap=100.0)
    k("A02", "精品及衍生业务收入", unit="万元", formula="售后渠道精品、延保收入", target=150.0, weight=50,
      owner="售后经理 陈刚", department="dept-4", aggregation="sum", cascade=dep(f02), dates=m, level=0.92,
      trend=0.05, noise=0.06)
    k("R01", "试乘试驾满意率", unit="%", formula="回访已试乘试驾客户满意数 ÷ 试乘试驾客户数 × 100%", target=92.0,
      weight=40, owner="客服主管 周芳", department="dept-5", cascade=dep(c01), dates=m, level=0.97, trend=0.03,
      noise=0.02, cap=100.0)
    k("R02", "基盘客户回访率", unit="%", formula="已回访基盘客户数 ÷ 应回访基盘客户数 × 100%", target=85.0,
      weight=30, owner="客服主管 周芳", department="dept-5", cascade=dep(c05), dates=m, level=0.93, trend=0.06,
      noise=0.03, cap=100.0)
    k("R03", "投诉处理及时率", unit="%", formula="24 小时内响应的投诉数 ÷ 投诉总数 × 100%", target=95.0, weight=30,
      owner="客服主管 周芳", department="dept-5", cascade=align("obj-4"), dates=m, level=0.94, trend=0.04,
      noise=0.02, cap=100.0)
    k("FN1", "销售费用率", unit="%", formula="销售费用 ÷ 新车销售收入 × 100%", target=3.2, weight=50,
      owner="财务经理 孙丽", department="dept-6", polarity="lower_is_better", cascade=dep(f05), dates=m,
      level=1.08, trend=-0.08, noise=0.04, digits=2)
    k("FN2", "库存周转天数", unit="天", formula="平均库存车辆数 ÷ 日均销量", target=45.0, weight=50,
      owner="财务经理 孙丽", department="dept-6", polarity="closest_to_target", band={"below": 5.0, "above": 5.0},
      scoring={"method": "closest_to_target", "falloff": 30.0}, aggregation="last", cascade=dep(f06), dates=m,
      level=1.12, trend=-0.1, noise=0.08, digits=0)
    k("G01", "个人新车销量", unit="台", formula="本人当月交车台数", target=12.0, weight=50, owner="张伟",
      department="dept-7", aggregation="sum", cascade=align("obj-6"), dates=m, level=0.95, trend=0.06,
      noise=0.12, digits=0)
    k("G02", "个人试乘试驾邀约率", unit="%", formula="本人邀约试乘试驾客户数 ÷ 本人接待客户数 × 100%", target=60.0,
      weight=25, owner="张伟", department="dept-7", cascade=align("obj-8"), dates=m, level=0.88, trend=0.1, noise=0.06)
    k("G03", "潜在客户跟踪及时率", unit="%", formula="按期跟踪的潜在客户数 ÷ 应跟踪潜在客户数 × 100%", target=90.0,
      weight=25, owner="张伟", department="dept-7", cascade=align("obj-10"), dates=m, level=0.9, trend=0.05,
      noise=0.04, cap=100.0)
    initiatives = [
        {"id": "init-1", "name": "合同领用管理流程", "problem": "合同文本使用缺乏规范管理；口头承诺，无依据可寻",
         "direction": "制定合同监督流程，明确控制节点", "owner": "销售经理", "tools": "合同领用管理流程",
         "start": "2025-03-01", "end": "2025-09-30", "budget": 2.0, "status": "done", "progress": 100.0,
         "objectives": ["obj-9"]},
        {"id": "init-2", "name": "试乘试驾提醒工具", "problem": "流程手续及概述内容较多，不容易记忆；体验点不清晰或遗忘与顾客沟通",
         "direction": "制作提醒类工具", "owner": "试乘试驾专员", "tools": "试乘试驾A/B表",
         "start": "2025-06-01", "end": "2026-03-31", "budget": 1.5, "status": "in_progress", "progress": 70.0,
         "objectives": ["obj-8"], "kpis": [p03]},
        {"id": "init-3", "name": "销售顾问内训计划", "problem": "新入职销售顾问流程不熟练", "direction": "建立内训操作流程",
         "owner": "内训师", "tools": "内训计划表；培训/会议签到表", "start": "2025-01-01", "end": "2026-12-31",
         "budget": 8.0, "status": "in_progress", "progress": 55.0, "objectives": ["obj-11"]},
        {"id": "init-4", "name": "客户意向登记卡推行", "problem": "来电及进店客户信息流失", "direction": "统一客户信息登记",
         "owner": "销售经理", "tools": "客户意向登记卡", "start": "2026-01-01", "end": "2026-06-30", "budget": 0.8,
         "status": "planned", "progress": 0.0, "objectives": ["obj-7", "obj-5"]},
    ]
    write("dealership-sales.json", {
        "project": {"name": "星辰汽车 4S 店销售流程平衡计分卡", "description": "基于销售流程九大环节（基盘客户开发、来电接听、进店接待、需求分析及产品介绍、试乘试驾、报价及成交、潜在客户跟踪、交车、售后跟踪）的关键指标体系。",
                    "organisation": "星辰汽车销售服务有限公司", "locale": "zh-CN", "currency": "CNY",
                    "start": "2025-01-01", "end": "2026-12-31", "frequency": "monthly"},
        "scoring": scoring(),
        "perspectives": perspectives(["财务", "客户", "内部流程", "学习与成长"]),
        "themes": themes, "objectives": objs, "links": lk, "departments": depts, "kpis": b.kpis,
        "initiatives": initiatives,
    })


# ---------------------------------------------------------------------------------------------
# 2. Retail store chain with weekly targets (门店 KPI; weekly re-planning exercise).
# ---------------------------------------------------------------------------------------------
def retail():
    b = Builder(2026)
    m = months((2025, 1), 22)
    w = weeks(dt.date(2025, 11, 3), 55)  # 2025-11-03 … 2026-11-16
    F, C, P, L = "persp-financial", "persp-customer", "persp-process", "persp-learning"
    themes = [
        {"id": "theme-1", "name": "单店效能", "colour": "#00838f"},
        {"id": "theme-2", "name": "会员经营", "colour": "#ad1457"},
    ]
    objs = [
        objective(1, "提升门店销售", F, "theme-1", "营运总监 黄磊", 120, 30),
        objective(2, "提高毛利水平", F, None, "商品总监 郑洁", 460, 30),
        objective(3, "提高顾客转化", C, "theme-1", "营运总监 黄磊", 80, 30),
        objective(4, "提升会员忠诚度", C, "theme-2", "会员经理 林芳", 420, 30),
        objective(5, "优化商品结构", P, None, "商品总监 郑洁", 60, 30),
        objective(6, "提高陈列与服务标准", P, "theme-1", "营运总监 黄磊", 300, 30),
        objective(7, "降低库存风险", P, None, "商品总监 郑洁", 540, 30),
        objective(8, "打造专业店长团队", L, "theme-1", "人事经理 何静", 140, 30),
        objective(9, "稳定一线队伍", L, None, "人事经理 何静", 460, 30),
    ]
    lk = links([(8, 6), (8, 3), (9, 6), (6, 3), (6, 4), (5, 3), (5, 7), (7, 2), (3, 1), (4, 1), (5, 2), (1, 2)])
    depts = [
        dept(1, "优品服饰", "company", None, "总经理 许峰"),
        dept(2, "华东区", "division", 1, "区域经理 钱坤", 1.2),
        dept(3, "华南区", "division", 1, "区域经理 冯雪", 1.0),
        dept(4, "上海南京路店", "department", 2, "店长 沈悦"),
        dept(5, "广州天河店", "department", 3, "店长 罗斌"),
        dept(6, "商品部", "department", 1, "商品总监 郑洁", 0.8),
    ]
    k = b.kpi
    dep = lambda parent, share=None: dict({"kind": "decompose", "parent": parent}, **({"share": share} if share else {}))
    align = lambda obj: {"kind": "align", "objective": obj}
    # The reference exercise: month target 100,000, weekly 25,000; week 1 of November reached 70 %.
    sales_notes = {dt.date(2026, 11, 2): "第1周完成 70%，缺口 7,500 需在后续周补回",
                   dt.date(2026, 11, 9): "第2周后按 85% / 95% 两档重新规划本月目标"}
    s1 = k("R01", "门店销售额", unit="元", formula="门店 POS 实收金额合计（周）", target=25000.0, weight=50,
           owner="营运总监 黄磊", objective="obj-1", frequency="weekly", aggregation="sum",
           definition="单店周销售额，月目标 100,000 元分解为每周 25,000 元；未完成部分在剩余周内补足。",
           tags=["financial", "quantitative", "lagging", "over_period"], data_source="POS 系统", dates=w,
           level=0.97, trend=0.03, season=0.1, noise=0.08, digits=0, notes=sales_notes)
    # The first November week: exactly the exercise's 70 %.
    for p in b.kpis[-1]["series"]:
        if p["date"] == "2026-11-02":
            p["actual"] = 17500.0
    k("R02", "人均单产", unit="元/人", formula="门店销售额 ÷ 在岗店员人数", target=16000.0, weight=50,
      owner="营运总监 黄磊", objective="obj-1", aggregation="sum", tags=["financial", "lagging"], dates=m,
      level=0.95, trend=0.05, season=0.1, noise=0.06, digits=0)
    k("R03", "毛利率", unit="%", formula="(销售额 − 销售成本) ÷ 销售额 × 100%", target=52.0, weight=60,
      owner="商品总监 郑洁", objective="obj-2", baseline=48.0, tags=["financial", "lagging"], dates=m,
      level=0.97, trend=0.03, noise=0.02)
    k("R04", "折扣率", unit="%", formula="折扣金额 ÷ 吊牌金额 × 100%", target=18.0, weight=40, owner="商品总监 郑洁",
      objective="obj-2", polarity="lower_is_better", tags=["financial", "leading"], dates=m, level=1.1,
      trend=-0.08, noise=0.05)
    s5 = k("R05", "成交率", unit="%", formula="成交顾客数 ÷ 进店顾客数 × 100%", target=35.0, weight=50,
           owner="营运总监 黄磊", objective="obj-3", tags=["non_financial", "leading"], data_source="客流计数器",
           dates=m, level=0.92, trend=0.05, noise=0.04)
    k("R06", "连带率", unit="件/单", formula="销售件数 ÷ 成交单数", target=1.8, weight=30, owner="营运总监 黄磊",
      objective="obj-3", tags=["non_financial", "leading"], dates=m, level=0.95, trend=0.04, noise=0.04, digits=2)
    k("R07", "客单价", unit="元", formula="销售额 ÷ 成交单数", target=420.0, weight=20, owner="营运总监 黄磊",
      objective="obj-3", tags=["financial", "lagging"], dates=m, level=0.98, trend=0.03, noise=0.05, digits=0)
    k("R08", "会员复购率", unit="%", formula="90 天内再次购买会员数 ÷ 活跃会员数 × 100%", target=30.0, weight=60,
      owner="会员经理 林芳", objective="obj-4", tags=["non_financial", "lagging"], dates=m, level=0.88,
      trend=0.08, noise=0.05)
    k("R09", "会员销售占比", unit="%", formula="会员销售额 ÷ 销售额 × 100%", target=65.0, weight=40,
      owner="会员经理 林芳", objective="obj-4", tags=["non_financial", "lagging"], dates=m, level=0.95,
      trend=0.04, noise=0.03)
    k("R10", "滞销款占比", unit="%", formula="连续 4 周零销售款数 ÷ 在售款数 × 100%", target=8.0, weight=50,
      owner="商品总监 郑洁", objective="obj-5", polarity="lower_is_better", baseline=12.0,
      scoring={"method": "progress_from_baseline"}, tags=["non_financial", "leading"], dates=m, level=1.2,
      trend=-0.12, noise=0.06)
    k("R11", "新品售罄率", unit="%", formula="上市 8 周新品销售件数 ÷ 进货件数 × 100%", target=60.0, weight=50,
      owner="商品总监 郑洁", objective="obj-5", tags=["non_financial", "lagging"], dates=m, level=0.93,
      trend=0.05, noise=0.05)
    k("R12", "陈列标准达标率", unit="%", formula="巡店检查合格项 ÷ 检查项总数 × 100%", target=95.0, weight=50,
      owner="营运总监 黄磊", objective="obj-6", tags=["non_financial", "leading"], dates=m, level=0.95,
      trend=0.03, noise=0.02, cap=100.0)
    k("R13", "神秘顾客得分", unit="分", formula="第三方神秘顾客检查平均分", target=88.0, weight=50,
      owner="营运总监 黄磊", objective="obj-6", frequency="quarterly", tags=["non_financial", "lagging"],
      dates=quarters((2025, 1), 7), level=0.97, trend=0.03, noise=0.02)
    k("R14", "库存周转天数", unit="天", formula="平均库存金额 ÷ 日均销售成本", target=90.0, weight=60,
      owner="商品总监 郑洁", objective="obj-7", polarity="closest_to_target", band={"below": 10.0, "above": 10.0},
      scoring={"method": "closest_to_target", "falloff": 45.0}, aggregation="last",
      tags=["financial", "point_in_time"], dates=m, level=1.15, trend=-0.1, noise=0.06, digits=0)
    k("R15", "缺货率", unit="%", formula="缺货 SKU 数 ÷ 应备 SKU 数 × 100%", target=3.0, weight=40,
      owner="商品总监 郑洁", objective="obj-7", polarity="lower_is_better", tags=["non_financial", "leading"],
      dates=m, level=1.1, trend=-0.1, noise=0.1, digits=2)
    k("R16", "店长培训完成率", unit="%", formula="完成课程的店长数 ÷ 店长总数 × 100%", target=100.0, weight=50,
      owner="人事经理 何静", objective="obj-8", frequency="quarterly", aggregation="last",
      tags=["non_financial", "leading"], dates=quarters((2025, 1), 7), level=0.85, trend=0.12, noise=0.03, cap=100.0)
    k("R17", "储备店长人数", unit="人", formula="通过评估的储备店长人数", target=12.0, weight=50,
      owner="人事经理 何静", objective="obj-8", frequency="quarterly", aggregation="last",
      scoring={"method": "binary"}, tags=["quantitative", "point_in_time"], dates=quarters((2025, 1), 7),
      level=0.9, trend=0.15, noise=0.05, digits=0)
    k("R18", "店员月流失率", unit="%", formula="当月离职店员数 ÷ 月平均店员数 × 100%", target=4.0, weight=100,
      owner="人事经理 何静", objective="obj-9", polarity="lower_is_better", tags=["non_financial", "lagging"],
      dates=m, level=1.2, trend=-0.1, noise=0.12, digits=2)
    # Departments: regions and stores carry the weekly sales target.
    k("E01", "华东区周销售额", unit="元", formula="华东区门店周销售额合计", target=13750.0, weight=60,
      owner="区域经理 钱坤", department="dept-2", frequency="weekly", aggregation="sum", cascade=dep(s1, 0.55),
      dates=w, level=0.98, trend=0.03, season=0.1, noise=0.08, digits=0)
    k("E02", "华东区成交率", unit="%", formula="成交顾客数 ÷ 进店顾客数 × 100%", target=35.0, weight=40,
      owner="区域经理 钱坤", department="dept-2", cascade=dep(s5), dates=m, level=0.94, trend=0.05, noise=0.04)
    k("S01", "华南区周销售额", unit="元", formula="华南区门店周销售额合计", target=11250.0, weight=60,
      owner="区域经理 冯雪", department="dept-3", frequency="weekly", aggregation="sum", cascade=dep(s1, 0.45),
      dates=w, level=0.94, trend=0.03, season=0.1, noise=0.09, digits=0)
    k("S02", "华南区成交率", unit="%", formula="成交顾客数 ÷ 进店顾客数 × 100%", target=35.0, weight=40,
      owner="区域经理 冯雪", department="dept-3", cascade=dep(s5), dates=m, level=0.9, trend=0.05, noise=0.05)
    k("N01", "南京路店周销售额", unit="元", formula="本店 POS 实收金额合计（周）", target=6000.0, weight=50,
      owner="店长 沈悦", department="dept-4", frequency="weekly", aggregation="sum", cascade=align("obj-1"),
      dates=w, level=0.98, trend=0.03, season=0.1, noise=0.1, digits=0)
    k("N02", "南京路店连带率", unit="件/单", formula="销售件数 ÷ 成交单数", target=1.8, weight=25, owner="店长 沈悦",
      department="dept-4", cascade=align("obj-3"), dates=m, level=0.96, trend=0.04, noise=0.05, digits=2)
    k("N03", "南京路店陈列达标率", unit="%", formula="巡店检查合格项 ÷ 检查项总数 × 100%", target=95.0, weight=25,
      owner="店长 沈悦", department="dept-4", cascade=align("obj-6"), dates=m, level=0.96, trend=0.02,
      noise=0.02, cap=100.0)
    k("T01", "天河店周销售额", unit="元", formula="本店 POS 实收金额合计（周）", target=5000.0, weight=50,
      owner="店长 罗斌", department="dept-5", frequency="weekly", aggregation="sum", cascade=align("obj-1"),
      dates=w, level=0.9, trend=0.02, season=0.1, noise=0.1, digits=0)
    k("T02", "天河店成交率", unit="%", formula="成交顾客数 ÷ 进店顾客数 × 100%", target=35.0, weight=30,
      owner="店长 罗斌", department="dept-5", cascade=align("obj-3"), dates=m, level=0.88, trend=0.05, noise=0.05)
    k("T03", "天河店店员流失率", unit="%", formula="当月离职店员数 ÷ 月平均店员数 × 100%", target=4.0, weight=20,
      owner="店长 罗斌", department="dept-5", polarity="lower_is_better", cascade=align("obj-9"), dates=m,
      level=1.3, trend=-0.1, noise=0.15, digits=2)
    k("G01", "滞销款占比", unit="%", formula="连续 4 周零销售款数 ÷ 在售款数 × 100%", target=8.0, weight=50,
      owner="商品总监 郑洁", department="dept-6", polarity="lower_is_better", cascade=align("obj-5"), dates=m,
      level=1.2, trend=-0.12, noise=0.06)
    k("G02", "新品售罄率", unit="%", formula="上市 8 周新品销售件数 ÷ 进货件数 × 100%", target=60.0, weight=50,
      owner="商品总监 郑洁", department="dept-6", cascade=align("obj-5"), dates=m, level=0.93, trend=0.05,
      noise=0.05)
    initiatives = [
        {"id": "init-1", "name": "周目标追赶计划", "problem": "11 月第 1 周仅完成周目标的 70%",
         "direction": "缺口分摊到剩余周次，按 85% / 95% 两档重新规划月目标", "owner": "店长",
         "tools": "周销售追踪表；晨会", "start": "2026-11-09", "end": "2026-11-30", "status": "in_progress",
         "progress": 40.0, "objectives": ["obj-1"], "kpis": ["kpi-1"]},
        {"id": "init-2", "name": "滞销款清理", "problem": "滞销款占比高，占用库存与陈列", "direction": "每周滞销款清单 + 调拨/促销",
         "owner": "商品部", "tools": "滞销款周报", "start": "2025-04-01", "end": "2025-12-31", "budget": 5.0,
         "status": "done", "progress": 100.0, "objectives": ["obj-5", "obj-7"]},
        {"id": "init-3", "name": "店长学院", "problem": "新任店长管理能力不足", "direction": "建立店长培训与认证体系",
         "owner": "人事部", "tools": "店长课程体系；带教手册", "start": "2025-03-01", "end": "2026-12-31",
         "budget": 20.0, "status": "in_progress", "progress": 60.0, "objectives": ["obj-8"]},
    ]
    write("retail-chain.json", {
        "project": {"name": "优品服饰连锁门店平衡计分卡", "description": "门店周目标管理：月目标 100,000 元按周分解为 25,000 元，每周跟踪并滚动补足缺口。",
                    "organisation": "优品服饰连锁有限公司", "locale": "zh-CN", "currency": "CNY",
                    "start": "2025-01-01", "end": "2026-12-31", "frequency": "monthly"},
        "scoring": scoring(),
        "perspectives": perspectives(["财务", "客户", "内部流程", "学习与成长"]),
        "themes": themes, "objectives": objs, "links": lk, "departments": depts, "kpis": b.kpis,
        "initiatives": initiatives,
    })


# ---------------------------------------------------------------------------------------------
# 3. Manufacturer: KRA → KPI sheet and the department responsibility matrix (指标分解矩阵).
# ---------------------------------------------------------------------------------------------
def manufacturer():
    b = Builder(2024)
    m = months((2025, 1), 22)
    q = quarters((2025, 1), 7)
    F, C, P, L = "persp-financial", "persp-customer", "persp-process", "persp-learning"
    # The reference's KRAs are the strategic themes.
    themes = [
        {"id": "theme-1", "name": "人员与文化", "colour": "#6a1b9a", "description": "KRA: People & culture"},
        {"id": "theme-2", "name": "卓越制造", "colour": "#00838f", "description": "KRA: Manufacturing excellence"},
        {"id": "theme-3", "name": "销售力", "colour": "#ad1457", "description": "KRA: Selling power"},
        {"id": "theme-4", "name": "利润", "colour": "#1e63b4", "description": "KRA: Profit"},
        {"id": "theme-5", "name": "融资与投资", "colour": "#5d4037", "description": "KRA: Financing & investment"},
    ]
    objs = [
        objective(1, "增加利润", F, "theme-4", "总经理 高远", 120, 30, weight=2.0),
        objective(2, "提高资产效率", F, "theme-5", "财务总监 钟宁", 460, 30),
        objective(3, "提高销售增长", C, "theme-3", "销售总监 白杨", 60, 30, weight=1.5),
        objective(4, "提升客户满意", C, "theme-3", "销售总监 白杨", 320, 30),
        objective(5, "提升品牌影响力", C, "theme-3", "市场经理 韩雪", 580, 30, weight=0.5),
        objective(6, "按时交货", P, "theme-2", "生产总监 方正", 40, 30),
        objective(7, "质量保障", P, "theme-2", "质量经理 袁静", 240, 30),
        objective(8, "控制制造成本", P, "theme-2", "生产总监 方正", 440, 30),
        objective(9, "新产品生命力", P, "theme-2", "研发总监 秦川", 640, 30),
        objective(10, "队伍建设", L, "theme-1", "行政总监 蔡敏", 120, 30),
        objective(11, "绩效管理推进", L, "theme-1", "行政总监 蔡敏", 420, 30),
    ]
    lk = links([(10, 6), (10, 7), (11, 8), (11, 9), (6, 4), (7, 4), (9, 3), (9, 5), (8, 1), (4, 3), (3, 1),
                (5, 3), (6, 2)])
    names = ["精工机械", "行政中心", "研发中心", "生产中心", "质量管理部", "海外事业部", "物流部", "财务部", "销售中心"]
    heads = ["总经理 高远", "行政总监 蔡敏", "研发总监 秦川", "生产总监 方正", "质量经理 袁静", "海外总监 林涛",
             "物流经理 丁磊", "财务总监 钟宁", "销售总监 白杨"]
    depts = [dept(1, names[0], "company", None, heads[0])]
    depts += [dept(i + 1, names[i], "department", 1, heads[i]) for i in range(1, 8)]
    # Keep 8 departments under the company (the matrix's columns): drop 销售中心 into 海外事业部's peer list.
    k = b.kpi
    company = {}

    def ck(code, name, obj, *, target, weight, owner, **kw):
        company[code] = k(code, name, objective=obj, target=target, weight=weight, owner=owner, **kw)

    ck("K01", "净利润", "obj-1", unit="万元", formula="利润总额 − 所得税", target=800.0, weight=60, owner="总经理 高远",
       aggregation="sum", tags=["financial", "lagging"], dates=m, level=0.95, trend=0.08, season=0.1, noise=0.1)
    ck("K02", "成本费用利润率", "obj-1", unit="%", formula="利润总额 ÷ 成本费用总额 × 100%", target=12.0, weight=40,
       owner="财务总监 钟宁", tags=["financial", "lagging"], dates=m, level=0.95, trend=0.06, noise=0.05, digits=2)
    ck("K03", "总资产周转率", "obj-2", unit="次", formula="营业收入 ÷ 平均资产总额（年化）", target=1.2, weight=50,
       owner="财务总监 钟宁", frequency="quarterly", tags=["financial", "lagging"], dates=q, level=0.96, trend=0.04,
       noise=0.03, digits=2)
    ck("K04", "净资产收益率", "obj-2", unit="%", formula="净利润 ÷ 平均净资产 × 100%（年化）", target=15.0, weight=50,
       owner="财务总监 钟宁", frequency="quarterly", tags=["financial", "lagging"], dates=q, level=0.93, trend=0.06,
       noise=0.04, digits=2)
    ck("K05", "销售收入", "obj-3", unit="万元", formula="当月确认的营业收入", target=6000.0, weight=50,
       owner="销售总监 白杨", aggregation="sum", baseline=5200.0, tags=["financial", "lagging"], dates=m, level=0.96,
       trend=0.07, season=0.12, noise=0.07, digits=0)
    ck("K07", "新客户数", "obj-3", unit="家", formula="首次下单的客户数", target=8.0, weight=25, owner="销售总监 白杨",
       aggregation="sum", tags=["non_financial", "leading"], dates=m, level=0.9, trend=0.1, noise=0.2, digits=0)
    ck("K08", "回款及时率", "obj-3", unit="%", formula="按期回款金额 ÷ 应回款金额 × 100%", target=95.0, weight=25,
       owner="财务总监 钟宁", tags=["financial", "leading"], dates=m, level=0.96, trend=0.02, noise=0.02, cap=100.0)
    ck("K09", "客户满意度", "obj-4", unit="分", formula="季度客户满意度调查平均分", target=90.0, weight=60,
       owner="销售总监 白杨", frequency="quarterly", tags=["non_financial", "lagging"], dates=q, level=0.97,
       trend=0.02, noise=0.015)
    ck("K10", "客户投诉率", "obj-4", unit="%", formula="有效投诉批次 ÷ 交付批次 × 100%", target=0.8, weight=40,
       owner="质量经理 袁静", polarity="lower_is_better", tags=["non_financial", "lagging"], dates=m, level=1.4,
       trend=-0.25, noise=0.15, digits=2)
    ck("K11", "品牌认知度", "obj-5", unit="%", formula="目标客户调研中知晓品牌的比例", target=40.0, weight=100,
       owner="市场经理 韩雪", frequency="half_yearly", tags=["non_financial", "lagging"],
       dates=[dt.date(2025, 1, 1), dt.date(2025, 7, 1), dt.date(2026, 1, 1)],
       level=0.85, trend=0.15, noise=0.03)
    ck("K12", "按时交货率", "obj-6", unit="%", formula="按合同交期交付的订单数 ÷ 订单总数 × 100%", target=96.0,
       weight=60, owner="生产总监 方正", tags=["non_financial", "lagging"], dates=m, level=0.95, trend=0.03,
       noise=0.02, cap=100.0)
    ck("K13", "产能利用率", "obj-6", unit="%", formula="实际产出工时 ÷ 可用工时 × 100%", target=85.0, weight=40,
       owner="生产总监 方正", polarity="closest_to_target", band={"below": 5.0, "above": 7.0},
       scoring={"method": "closest_to_target", "falloff": 20.0}, tags=["non_financial", "leading"], dates=m,
       level=0.97, noise=0.05)
    ck("K14", "一次交验合格率", "obj-7", unit="%", formula="一次检验合格批次 ÷ 检验批次 × 100%", target=98.5,
       weight=60, owner="质量经理 袁静", tags=["non_financial", "leading"], dates=m, level=0.99, trend=0.005,
       noise=0.005, cap=100.0, digits=2)
    ck("K15", "质量损失率", "obj-7", unit="%", formula="内外部质量损失 ÷ 销售收入 × 100%", target=1.0, weight=40,
       owner="质量经理 袁静", polarity="lower_is_better", baseline=1.6, scoring={"method": "progress_from_baseline"},
       tags=["financial", "lagging"], dates=m, level=1.2, trend=-0.2, noise=0.1, digits=2)
    ck("K16", "单位制造成本", "obj-8", unit="元/台", formula="制造成本 ÷ 产量", target=3200.0, weight=60,
       owner="生产总监 方正", polarity="lower_is_better", tags=["financial", "lagging"], dates=m, level=1.04,
       trend=-0.05, noise=0.02, digits=0)
    ck("K17", "物流成本占比", "obj-8", unit="%", formula="物流费用 ÷ 销售收入 × 100%", target=4.5, weight=40,
       owner="物流经理 丁磊", polarity="lower_is_better", tags=["financial", "leading"], dates=m, level=1.06,
       trend=-0.06, noise=0.04, digits=2)
    ck("K18", "新产品销售占比", "obj-9", unit="%", formula="上市三年内新产品销售收入 ÷ 销售收入 × 100%", target=25.0,
       weight=60, owner="研发总监 秦川", tags=["financial", "lagging"], dates=m, level=0.85, trend=0.15, noise=0.06)
    ck("K19", "研发项目按期完成率", "obj-9", unit="%", formula="按期结项的研发项目数 ÷ 计划结项数 × 100%",
       target=90.0, weight=40, owner="研发总监 秦川", frequency="quarterly", tags=["non_financial", "leading"],
       dates=q, level=0.9, trend=0.08, noise=0.05, cap=100.0)
    ck("K20", "惋惜流失率", "obj-10", unit="%", formula="主动离职的高绩效员工数 ÷ 高绩效员工数 × 100%", target=5.0,
       weight=100, owner="行政总监 蔡敏", frequency="quarterly", polarity="lower_is_better",
       definition="Regretted attrition：流失了本不想失去的人才。", tags=["non_financial", "lagging"], dates=q,
       level=1.3, trend=-0.25, noise=0.12, digits=2)
    ck("K22", "绩效合同签订率", "obj-11", unit="%", formula="签订绩效合同人数 ÷ 应签人数 × 100%", target=100.0,
       weight=50, owner="行政总监 蔡敏", frequency="quarterly", aggregation="last", tags=["non_financial", "leading"],
       dates=q, level=0.9, trend=0.1, noise=0.02, cap=100.0)
    ck("K23", "考核按时完成率", "obj-11", unit="%", formula="按时完成考核的部门数 ÷ 部门总数 × 100%", target=95.0,
       weight=50, owner="行政总监 蔡敏", frequency="quarterly", tags=["non_financial", "leading"], dates=q,
       level=0.92, trend=0.06, noise=0.03, cap=100.0)
    # The responsibility matrix: which department carries which company KPI, with its weight.
    # Every column totals 100.
    matrix = {
        "dept-2": [("K20", 50, "align"), ("K22", 50, "decompose")],  # 行政中心
        "dept-3": [("K18", 50, "decompose"), ("K19", 50, "decompose")],  # 研发中心
        "dept-4": [("K12", 35, "decompose"), ("K13", 25, "decompose"), ("K16", 40, "decompose")],  # 生产中心
        "dept-5": [("K14", 50, "decompose"), ("K15", 30, "decompose"), ("K10", 20, "decompose")],  # 质量管理部
        "dept-6": [("K05", 60, "share"), ("K07", 40, "share")],  # 海外事业部
        "dept-7": [("K17", 60, "decompose"), ("K12", 40, "align")],  # 物流部
        "dept-8": [("K02", 50, "decompose"), ("K08", 50, "decompose")],  # 财务部
    }
    # Sales targets split between the overseas division and domestic sales (销售中心, below).
    shares = {"K05": 0.3, "K07": 0.25}
    by_code = {kp["code"]: kp for kp in b.kpis}
    for d, rows in matrix.items():
        for code, weight, how in rows:
            parent = by_code[code]
            share = shares.get(code) if how == "share" else None
            target = round(parent["target"] * share, 2) if share else parent["target"]
            cascade = ({"kind": "align", "objective": parent["objective"]} if how == "align"
                       else dict({"kind": "decompose", "parent": parent["id"]}, **({"share": share} if share else {})))
            extra = {key: parent[key] for key in ("band", "scoring") if key in parent}
            k(f"{d[-1]}-{code}", parent["name"], unit=parent["unit"], formula=parent["formula"], target=target,
              weight=weight, owner=heads[int(d[-1]) - 1], department=d, polarity=parent["polarity"],
              aggregation=parent["aggregation"], frequency=parent["frequency"], cascade=cascade,
              dates=[dt.date.fromisoformat(p["date"]) for p in parent["series"]],
              level=0.9 + b.rng.random() * 0.15, trend=0.05, noise=0.05,
              digits=0 if parent["unit"] in ("家", "元/台") else 2, **extra)
    # 销售中心 (dept-9 would exceed eight departments; the company's domestic sales team is a role).
    depts.append(dept(9, "国内销售经理", "role", 1, "销售总监 白杨"))
    k("9-K05", "国内销售收入", unit="万元", formula="国内确认的营业收入", target=4200.0, weight=60, owner="销售总监 白杨",
      department="dept-9", aggregation="sum", cascade={"kind": "decompose", "parent": company["K05"], "share": 0.7},
      dates=m, level=0.97, trend=0.07, season=0.12, noise=0.07, digits=0)
    k("9-K07", "国内新客户数", unit="家", formula="国内首次下单客户数", target=6.0, weight=40, owner="销售总监 白杨",
      department="dept-9", aggregation="sum", cascade={"kind": "decompose", "parent": company["K07"], "share": 0.75},
      dates=m, level=0.9, trend=0.1, noise=0.2, digits=0)
    initiatives = [
        {"id": "init-1", "name": "精益生产改善", "problem": "单位制造成本高于行业标杆", "direction": "推行精益生产，减少七大浪费",
         "owner": "生产中心", "tools": "价值流图；5S；快速换模", "start": "2025-02-01", "end": "2026-06-30", "budget": 60.0,
         "status": "in_progress", "progress": 75.0, "objectives": ["obj-8"], "kpis": [company["K16"]]},
        {"id": "init-2", "name": "质量追溯系统", "problem": "客户投诉原因难以追溯", "direction": "建立批次追溯与 8D 闭环",
         "owner": "质量管理部", "tools": "MES 追溯模块；8D 报告", "start": "2025-05-01", "end": "2026-03-31",
         "budget": 45.0, "status": "in_progress", "progress": 85.0, "objectives": ["obj-7", "obj-4"]},
        {"id": "init-3", "name": "核心人才保留计划", "problem": "高绩效员工流失", "direction": "职业通道 + 长期激励",
         "owner": "行政中心", "tools": "人才盘点；股权激励方案", "start": "2025-07-01", "end": "2026-12-31",
         "budget": 120.0, "status": "in_progress", "progress": 35.0, "objectives": ["obj-10"], "kpis": [company["K20"]]},
    ]
    write("manufacturer-kra.json", {
        "project": {"name": "精工机械 KRA-KPI 平衡计分卡", "description": "关键结果领域（人员与文化、卓越制造、销售力、利润、融资与投资）分解为 KPI，并通过指标分解矩阵落实到各部门。",
                    "organisation": "精工机械制造股份有限公司", "locale": "zh-CN", "currency": "CNY",
                    "start": "2025-01-01", "end": "2026-12-31", "frequency": "monthly"},
        "scoring": scoring(),
        "perspectives": perspectives(["财务", "顾客", "内部", "学习与创新"]),
        "themes": themes, "objectives": objs, "links": lk, "departments": depts, "kpis": b.kpis,
        "initiatives": initiatives,
    })


# ---------------------------------------------------------------------------------------------
# 4. An English sample: a logistics company (the reference's logistics KPI candidates).
# ---------------------------------------------------------------------------------------------
def logistics():
    b = Builder(2023)
    m = months((2025, 1), 22)
    q = quarters((2025, 1), 7)
    F, C, P, L = "persp-financial", "persp-customer", "persp-process", "persp-learning"
    themes = [
        {"id": "theme-1", "name": "Operational excellence", "colour": "#00838f"},
        {"id": "theme-2", "name": "Customer intimacy", "colour": "#ad1457"},
        {"id": "theme-3", "name": "Growth", "colour": "#1e63b4"},
    ]
    objs = [
        objective(1, "Grow revenue", F, "theme-3", "CEO Dana Whitfield", 80, 30),
        objective(2, "Improve margins", F, "theme-1", "CFO Raj Patel", 330, 30, weight=1.5),
        objective(3, "Turn the new region profitable", F, "theme-3", "CFO Raj Patel", 580, 30, weight=0.5),
        objective(4, "Delight key accounts", C, "theme-2", "VP Sales Maria Lopez", 120, 30),
        objective(5, "Resolve complaints fast", C, "theme-2", "Head of Service Tom Baker", 440, 30),
        objective(6, "Deliver perfect orders", P, "theme-1", "COO Li Wei", 60, 30),
        objective(7, "Lower cost per shipment", P, "theme-1", "COO Li Wei", 300, 30),
        objective(8, "Run safe operations", P, "theme-1", "COO Li Wei", 540, 30, weight=0.5),
        objective(9, "Develop our people", L, None, "HR Director Amy Chen", 160, 30),
        objective(10, "Digitise the network", L, "theme-1", "CIO Sam Green", 460, 30),
    ]
    lk = links([(9, 6), (9, 8), (10, 6), (10, 7), (6, 4), (6, 5), (7, 2), (8, 7), (4, 1), (5, 4), (1, 3),
                (2, 3)], labels={(6, 4): "reliability wins renewals"})
    depts = [
        dept(1, "Northwind Logistics", "company", None, "Dana Whitfield"),
        dept(2, "Operations", "division", 1, "Li Wei", 2.0),
        dept(3, "Sales", "department", 1, "Maria Lopez", 1.5),
        dept(4, "Customer Service", "department", 1, "Tom Baker"),
        dept(5, "Finance", "department", 1, "Raj Patel"),
        dept(6, "Warehouse Team Lead", "role", 2, "Ken Adams"),
    ]
    k = b.kpi
    rev = k("FIN1", "Revenue", unit="k USD", formula="Invoiced freight and warehousing revenue", target=2400.0,
            weight=60, owner="Dana Whitfield", objective="obj-1", aggregation="sum", baseline=2100.0,
            tags=["financial", "lagging", "over_period"], data_source="ERP", dates=m, level=0.97, trend=0.06,
            season=0.1, noise=0.05, digits=0)
    k("FIN2", "New contract value", unit="k USD", formula="Annual value of contracts signed in the month", target=300.0,
      weight=40, owner="Maria Lopez", objective="obj-1", aggregation="sum", tags=["financial", "leading"], dates=m,
      level=0.9, trend=0.1, noise=0.2, digits=0)
    k("FIN3", "Operating margin", unit="%", formula="Operating profit ÷ revenue × 100%", target=9.0, weight=50,
      owner="Raj Patel", objective="obj-2", baseline=7.5, tags=["financial", "lagging"], dates=m, level=0.95,
      trend=0.05, noise=0.05, digits=2)
    k("FIN4", "Logistics cost contribution rate", unit="%",
      formula="(Logistics cost savings ÷ total logistics cost) × 100%", target=6.0, weight=50, owner="Raj Patel",
      objective="obj-2", definition="How much the logistics function saves relative to what it spends.",
      tags=["financial", "lagging"], dates=m, level=0.9, trend=0.1, noise=0.08, digits=2)
    # A budgeted loss: the sign-safe method scores beating −2 correctly.
    k("FIN5", "New region operating profit", unit="M USD", formula="Operating profit of the southern region",
      target=-2.0, weight=100, owner="Raj Patel", objective="obj-3", aggregation="sum", scoring={"method": "sign_safe"},
      definition="Budgeted as a loss of 2 M USD per quarter while the region ramps up; a smaller loss or a profit is over-achievement.",
      frequency="quarterly", tags=["financial", "lagging"], dates=q, level=0.6, trend=-2.2, noise=0.1, digits=2)
    k("CUS1", "Customer satisfaction", unit="pts", formula="Quarterly key-account survey, mean score (0–100)",
      target=85.0, weight=60, owner="Maria Lopez", objective="obj-4", frequency="quarterly",
      tags=["non_financial", "lagging"], dates=q, level=0.97, trend=0.03, noise=0.015)
    k("CUS2", "Key-account retention", unit="%", formula="Key accounts renewed ÷ key accounts due × 100%",
      target=95.0, weight=40, owner="Maria Lopez", objective="obj-4", frequency="quarterly",
      tags=["non_financial", "lagging"], dates=q, level=0.97, trend=0.02, noise=0.02, cap=100.0)
    k("CUS3", "Complaint resolution success rate", unit="%",
      formula="Complaints closed to the customer's satisfaction ÷ complaints received × 100%", target=92.0,
      weight=60, owner="Tom Baker", objective="obj-5", tags=["non_financial", "lagging"], dates=m, level=0.94,
      trend=0.04, noise=0.02, cap=100.0)
    k("CUS4", "Mean time to resolve", unit="h", formula="Mean hours from complaint to closure", target=24.0,
      weight=40, owner="Tom Baker", objective="obj-5", polarity="lower_is_better", baseline=40.0,
      scoring={"method": "progress_from_baseline"}, tags=["non_financial", "lagging"], dates=m, level=1.3,
      trend=-0.25, noise=0.08)
    k("OPS1", "Perfect order rate", unit="%", formula="Orders on time, complete, undamaged, correctly invoiced ÷ orders × 100%",
      target=95.0, weight=50, owner="Li Wei", objective="obj-6", tags=["non_financial", "lagging"], dates=m,
      level=0.96, trend=0.02, noise=0.015, cap=100.0)
    k("OPS2", "On-time delivery", unit="%", formula="Deliveries within the promised window ÷ deliveries × 100%",
      target=97.0, weight=50, owner="Li Wei", objective="obj-6", tags=["non_financial", "lagging"], dates=m,
      level=0.97, trend=0.015, noise=0.01, cap=100.0)
    k("OPS3", "Cost per shipment", unit="USD", formula="Total operating cost ÷ shipments", target=42.0, weight=60,
      owner="Li Wei", objective="obj-7", polarity="lower_is_better", tags=["financial", "lagging"], dates=m,
      level=1.06, trend=-0.06, noise=0.03, digits=2)
    k("OPS4", "Fleet utilisation", unit="%", formula="Loaded kilometres ÷ total kilometres × 100%", target=82.0,
      weight=40, owner="Li Wei", objective="obj-7", polarity="closest_to_target", band={"below": 4.0, "above": 6.0},
      scoring={"method": "closest_to_target", "falloff": 20.0}, tags=["non_financial", "leading"], dates=m,
      level=0.96, trend=0.03, noise=0.03)
    k("OPS5", "Lost-time incidents", unit="count", formula="Incidents causing at least one lost shift",
      target=1.0, weight=100, owner="Li Wei", objective="obj-8", polarity="lower_is_better", aggregation="sum",
      scoring={"method": "binary"}, tags=["non_financial", "lagging"], dates=m, level=0.9, noise=0.6, digits=0,
      floor=0.0)
    k("PPL1", "Training hours per employee", unit="h", formula="Training hours ÷ headcount", target=4.0, weight=50,
      owner="Amy Chen", objective="obj-9", aggregation="sum", tags=["non_financial", "leading"], dates=m,
      level=0.85, trend=0.15, noise=0.15)
    k("PPL2", "Voluntary turnover", unit="%", formula="Voluntary leavers ÷ average headcount × 100% (quarter)",
      target=3.0, weight=50, owner="Amy Chen", objective="obj-9", frequency="quarterly", polarity="lower_is_better",
      tags=["non_financial", "lagging"], dates=q, level=1.2, trend=-0.15, noise=0.1, digits=2)
    k("DIG1", "Shipments tracked in real time", unit="%", formula="Shipments with live GPS tracking ÷ shipments × 100%",
      target=90.0, weight=60, owner="Sam Green", objective="obj-10", tags=["non_financial", "leading"], dates=m,
      level=0.7, trend=0.35, noise=0.03, cap=100.0)
    k("DIG2", "Warehouse pick accuracy", unit="%", formula="Correct picks ÷ total picks × 100%", target=99.5,
      weight=40, owner="Sam Green", objective="obj-10", tags=["non_financial", "lagging"], dates=m, level=0.995,
      trend=0.003, noise=0.002, cap=100.0, digits=2,
      scoring={"method": "bands", "bands": [
          {"value": 98.0, "score": 0.0, "label": "red", "colour": RED},
          {"value": 99.0, "score": 70.0, "label": "amber", "colour": AMBER},
          {"value": 99.5, "score": 100.0, "label": "green", "colour": GREEN},
          {"value": 100.0, "score": 110.0, "label": "green", "colour": GREEN}]})
    dec = lambda parent, share=None: dict({"kind": "decompose", "parent": parent}, **({"share": share} if share else {}))
    align = lambda obj: {"kind": "align", "objective": obj}
    by_code = {kp["code"]: kp["id"] for kp in b.kpis}
    k("O1", "Perfect order rate", unit="%", formula="As company KPI OPS1, operations scope", target=95.0, weight=40,
      owner="Li Wei", department="dept-2", cascade=dec(by_code["OPS1"]), dates=m, level=0.96, trend=0.02,
      noise=0.015, cap=100.0)
    k("O2", "Cost per shipment", unit="USD", formula="Operations cost ÷ shipments", target=42.0, weight=40,
      owner="Li Wei", department="dept-2", polarity="lower_is_better", cascade=dec(by_code["OPS3"]), dates=m,
      level=1.06, trend=-0.06, noise=0.03, digits=2)
    k("O3", "Lost-time incidents", unit="count", formula="Incidents causing a lost shift", target=1.0, weight=20,
      owner="Li Wei", department="dept-2", polarity="lower_is_better", aggregation="sum", scoring={"method": "binary"},
      cascade=dec(by_code["OPS5"]), dates=m, level=0.9, noise=0.6, digits=0, floor=0.0)
    k("S1", "Revenue (sales-led)", unit="k USD", formula="Revenue from accounts owned by Sales", target=2400.0,
      weight=60, owner="Maria Lopez", department="dept-3", aggregation="sum", cascade=dec(rev, 1.0), dates=m,
      level=0.97, trend=0.06, season=0.1, noise=0.05, digits=0)
    k("S2", "New contract value", unit="k USD", formula="Annual value of contracts signed", target=300.0, weight=40,
      owner="Maria Lopez", department="dept-3", aggregation="sum", cascade=dec(by_code["FIN2"]), dates=m,
      level=0.9, trend=0.1, noise=0.2, digits=0)
    k("C1", "Complaint resolution success rate", unit="%", formula="Closed to satisfaction ÷ received × 100%",
      target=92.0, weight=50, owner="Tom Baker", department="dept-4", cascade=dec(by_code["CUS3"]), dates=m,
      level=0.94, trend=0.04, noise=0.02, cap=100.0)
    k("C2", "First-contact resolution", unit="%", formula="Complaints closed at first contact ÷ complaints × 100%",
      target=70.0, weight=50, owner="Tom Baker", department="dept-4", cascade=align("obj-5"), dates=m, level=0.9,
      trend=0.08, noise=0.04)
    k("A1", "Days sales outstanding", unit="days", formula="Receivables ÷ revenue × days in period", target=45.0,
      weight=50, owner="Raj Patel", department="dept-5", polarity="lower_is_better", cascade=align("obj-2"),
      aggregation="last", dates=m, level=1.1, trend=-0.08, noise=0.04, digits=0)
    k("A2", "Logistics cost contribution rate", unit="%", formula="Savings ÷ logistics cost × 100%", target=6.0,
      weight=50, owner="Raj Patel", department="dept-5", cascade=dec(by_code["FIN4"]), dates=m, level=0.9,
      trend=0.1, noise=0.08, digits=2)
    k("W1", "Pick accuracy (own shift)", unit="%", formula="Correct picks ÷ picks on the shift × 100%", target=99.5,
      weight=60, owner="Ken Adams", department="dept-6", cascade=align("obj-10"), dates=m, level=0.995,
      trend=0.003, noise=0.002, cap=100.0, digits=2)
    k("W2", "Dock-to-stock time", unit="h", formula="Mean hours from arrival to put-away", target=6.0, weight=40,
      owner="Ken Adams", department="dept-6", polarity="lower_is_better", cascade=align("obj-6"), dates=m,
      level=1.1, trend=-0.1, noise=0.06)
    initiatives = [
        {"id": "init-1", "name": "Route optimisation rollout", "problem": "Empty kilometres push cost per shipment up",
         "direction": "Dynamic routing and backhaul matching", "owner": "Operations", "tools": "Routing engine; weekly lane review",
         "start": "2025-03-01", "end": "2026-02-28", "budget": 180.0, "status": "done", "progress": 100.0,
         "objectives": ["obj-7"]},
        {"id": "init-2", "name": "Complaint desk redesign", "problem": "Complaints bounce between teams",
         "direction": "Single owner per complaint, 24 h promise", "owner": "Customer Service",
         "tools": "Case management system; root-cause board", "start": "2025-06-01", "end": "2026-06-30",
         "budget": 60.0, "status": "in_progress", "progress": 80.0, "objectives": ["obj-5"]},
        {"id": "init-3", "name": "Southern region ramp-up", "problem": "New region not yet at scale",
         "direction": "Anchor customers and shared hub", "owner": "CEO office", "tools": "Business plan; monthly steering",
         "start": "2025-01-01", "end": "2026-12-31", "budget": 900.0, "status": "in_progress", "progress": 50.0,
         "objectives": ["obj-3"]},
    ]
    write("logistics-en.json", {
        "project": {"name": "Northwind Logistics — Balanced Scorecard", "description": "Company scorecard with cascaded department KPIs; shows sign-safe scoring of a budgeted loss.",
                    "organisation": "Northwind Logistics Ltd.", "locale": "en", "currency": "USD",
                    "start": "2025-01-01", "end": "2026-12-31", "frequency": "monthly"},
        "scoring": scoring(),
        "perspectives": perspectives(["Financial", "Customer", "Internal process", "Learning & growth"]),
        "themes": themes, "objectives": objs, "links": lk, "departments": depts, "kpis": b.kpis,
        "initiatives": initiatives,
    })


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    dealership()
    retail()
    manufacturer()
    logistics()
    print("wrote", sorted(os.listdir(OUT)))
