"""Synthetic work-ledger records of one township (工作台账) for the demo ledger: its monthly
work plan, cases and briefs, the contact point of an official above, last year's assessment
and its village branches' terms.  Called by :mod:`desktop.tools.synthetic` per township;
deterministic for a seed, a unit and "today" like the rest of it."""

from __future__ import annotations

import datetime as dt
import random

#: Work plan items a township committee writes down for a month (每月具体工作).
_PLAN_ITEMS = ("召开团委班子会，研究部署本月工作", "开展“八查八看”自查，更新对标整改台账", "更新农村基层团建台账系统数据",
               "督导村团组织规范化建设", "组织开展全国性统一活动", "报送示范创建工作案例", "开展团干部业务培训",
               "召开委员述职评议会", "走访联系农村青年，更新团青微信群", "推进青年之家阵地共建共享")
_CASES = ("{t}整合资源建设青年之家", "{t}“团干部+大学生村官”联系青年机制", "{t}农村青年致富带头人培育做法",
          "{t}村团组织集中换届经验", "{t}团青微信群联系服务青年做法")
_BRIEFS = ("“百县千乡”分类示范创建工作简报", "对标整改工作专题简报", "农村基层团建工作动态")
_AWARDS = ("五四红旗团委", "先进基层团组织", "分类示范创建工作先进单位")
_OFFICES = ("{p}团委农村青年工作部", "{p}团委组织部", "{p}团委办公室")
_POSTS = ("部长", "副部长", "主任科员", "干部")
_SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗"
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚"


def _day(rng: random.Random, lo: dt.date, hi: dt.date) -> dt.date:
    span = (hi - lo).days
    return hi if span <= 0 else lo + dt.timedelta(days=rng.randint(0, span))


def _month(d: dt.date, ahead: int) -> dt.date:
    n = d.year * 12 + d.month - 1 + ahead
    return dt.date(n // 12, n % 12 + 1, 1)


def _name(rng: random.Random) -> str:
    return rng.choice(_SURNAMES) + "".join(rng.choice(_GIVEN) for _ in range(rng.choice((1, 2))))


def _years_later(d: dt.date, years: int) -> dt.date:
    return d.replace(year=d.year + years, day=min(d.day, 28))


def plan_items(rng: random.Random, org: str, today: dt.date, secretary: str, months: int) -> list[dict]:
    """A few items for each of the last *months* months (up to three) and the next one."""
    rows = []
    for ahead in range(-min(months, 3) + 1, 2):
        start = _month(today, ahead)
        end = min(_month(start, 1) - dt.timedelta(days=1), today)
        for item in rng.sample(_PLAN_ITEMS, rng.randint(2, 4)):
            row = {"org_id": org, "month": start.isoformat()[:7], "item": item,
                   "responsible": secretary if rng.random() < 0.5 else _name(rng)}
            r = rng.random()
            if start > today:
                row["status"] = "planned"
            elif ahead < 0 or r < 0.4:
                row["status"] = "done" if r < 0.85 else "postponed" if r < 0.95 else "cancelled"
            else:
                row["status"] = "in_progress" if r < 0.8 else "planned"
            if row["status"] == "done":
                row["done_on"] = _day(rng, start, end)
            rows.append(row)
    return rows


def cases_and_briefs(rng: random.Random, org: str, t: str, start: dt.date, today: dt.date) -> list[dict]:
    rows = []
    for title in rng.sample(_CASES, rng.choice((0, 1, 1, 2))):
        rows.append({"org_id": org, "kind": "case", "title": title.format(t=t), "dated_on": _day(rng, start, today),
                     "library": rng.choice((None, None, "county", "county", "prefecture", "province")),
                     "summary": "总结做法、成效和经验，供其他乡镇参考借鉴。"})
    if rng.random() < 0.4:
        dated = _day(rng, start, today)
        rows.append({"org_id": org, "kind": "brief", "title": f"{t}{rng.choice(_BRIEFS)}", "dated_on": dated,
                     "issue_no": f"{dated.year}年第{rng.randint(1, 12)}期"})
    return rows


def contact_point(rng: random.Random, code: str, prefecture: str, today: dt.date) -> list[dict]:
    """About a third of townships are the contact point of an official of the prefecture."""
    if rng.random() >= 0.35:
        return []
    return [{"unit_code": code, "leader": _name(rng), "office": rng.choice(_OFFICES).format(p=prefecture),
             "post": rng.choice(_POSTS), "linked_on": _day(rng, today - dt.timedelta(days=700), today),
             "phone": "1" + rng.choice("358") + "".join(str(rng.randint(0, 9)) for _ in range(9))}]


def assessment(rng: random.Random, org: str, county: str, today: dt.date) -> list[dict]:
    """Last year's assessment by the county committee (考核、评优), assessed early this year."""
    r = rng.random()
    grade = "excellent" if r < 0.2 else "qualified" if r < 0.85 else "basically_qualified" if r < 0.95 \
        else "unqualified"
    assessed = _day(rng, dt.date(today.year, 1, 5), min(dt.date(today.year, 2, 28), today))
    return [{"org_id": org, "year": today.year - 1, "grade": grade,
             "award": rng.choice(_AWARDS) if grade == "excellent" and rng.random() < 0.6 else None,
             "assessed_by": f"共青团{county}委员会", "assessed_on": assessed}]


def branch_terms(rng: random.Random, villages: list[str], today: dt.date) -> list[dict]:
    """Terms of up to eight village branches: most elected with the villages' committees in
    the concentrated election of 2021 (five years), some later (three years)."""
    rows = []
    for village in rng.sample(villages, min(len(villages), 8)):
        if rng.random() < 0.7:
            elected, years = _day(rng, dt.date(2021, 9, 1), dt.date(2022, 3, 31)), 5
        else:
            elected, years = _day(rng, today - dt.timedelta(days=2 * 365), today - dt.timedelta(days=30)), 3
        elected = min(elected, today)
        rows.append({"village_code": village, "elected_on": elected,
                     "term_end": _years_later(elected, years) - dt.timedelta(days=1),
                     "secretary": _name(rng), "members": rng.randint(3, 7)})
    return rows


def attach_case_files(ledger, limit: int = 200) -> int:
    """Attach a small text file to each case of the ledger (up to *limit*), in one transaction,
    so that the demo shows a case's files; the number attached."""
    cases = ledger.query("case_brief", where={"kind": "case"}, columns=("title", "summary"), limit=limit)
    with ledger.batch():
        for case in cases:
            text = f"{case['title']}\n\n{case.get('summary') or ''}\n"
            ledger.attach("case_brief", case["id"], f"{case['title']}.txt", text.encode("utf-8"), "text/plain")
    return len(cases)
