"""Synthetic ledgers (模拟台账): a realistic, deterministic ledger for any scope.

``build(ledger, "13", seed=0)`` fills a ledger with the league organisations, committee
members, funding, checklists, meetings, WeChat groups, venues, publicity and reported
figures of every rural township of Hebei, from the real division list.  Everything is
written through the :class:`~desktop.ledger.Ledger` API, so every record is validated
and has its change record, exactly as if it had been typed in.  Used by the benchmarks,
the tests, demonstrations and screenshots.

Deterministic: the same seed, scope, ``today`` and ledger scope give the same records
with the same values (only the random record ids differ).  Each township draws from its
own ``random.Random(f"{seed}:{code}:{topic}")`` streams, so a township's data do not
depend on which other townships are built, nor one topic on another.

The proportions follow the national figures of the League's campaign summary of 2023: member
source categories by their national shares, ~83 % of agricultural counties with a
co-operative working committee, ~79 % of townships with 20,000 yuan of funding secured,
~68 % with a mobilisation meeting, ~51 % with a review meeting, and so on.

What a township "reports" (``reported_figure``) is computed here from the generated data
as of the end of last month, then, for about one reporting township in five, one or two
figures are changed, so a report has differences to show:

- ``mobilisation_meeting_held`` / ``review_meeting_held``: 1 if one was held by then;
- ``members_current``: joined by then and not exited by then; ``members_added`` /
  ``members_exited``: joined / exited during that month;
- ``direct_orgs_total``: directly affiliated organisations founded by then, not revoked;
  ``direct_orgs_new``: founded during that month;
- ``wechat_groups`` / ``wechat_reach``: groups created by then, and their young people reached;
- ``funding_secured``: 1 if that year's funding received by then reaches 20,000 yuan.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Callable

from desktop.reporting.figures import FUNDING_SECURED_FEN
from desktop.records.enums import enumerations
from desktop.scope.geo import COUNTY, TOWNSHIP, VILLAGE, geography, level_of_code
from desktop.records import natural_org_id
from desktop.records.checklist import can_verify
from desktop.tools import work_demo

__all__ = ["build", "Shares", "SHARES"]

Progress = Callable[[int, int], None]


class Shares:
    """The proportions the generator aims at (national figures of the seed where it has them)."""

    coop_committee = 0.83          # agricultural counties with a co-operative working committee
    funding_secured = 0.79         # townships with >= 20,000 yuan received this year
    mobilisation = 0.68            # townships that held a mobilisation meeting
    review = 0.51                  # townships that held a summary-and-review meeting
    member_exited = 0.07           # committee members who left
    member_joined_recently = 0.11  # committee members who joined within the last year
    org_revoked = 0.02             # directly affiliated organisations revoked (空壳化)
    org_rectifying = 0.05          # ... under rectification
    org_new = 0.06                 # ... founded within the last year
    reporting = 0.55               # townships that reported figures for last month
    misreporting = 0.2             # ... of which one or two figures differ from the ledger


SHARES = Shares()


# ----------------------------------------------------------------------------- name material
_SURNAMES = ("王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
             "苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史"
             "顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文")
# Rough frequency: the ten commonest surnames carry about 40 % of people.
_SURNAME_WEIGHTS = tuple(7.0 if i < 5 else 4.0 if i < 10 else 1.6 if i < 30 else 0.7
                         for i in range(len(_SURNAMES)))
_MALE = "伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宁浩凯健俊帆帅旭宇晨阳博文龙林峰亮成东海建志国振兴嘉豪子睿泽昊轩航"
_FEMALE = "芳娜敏静丽艳娟霞秀玲燕丹萍红婷雪琳慧莹倩颖洁欣悦佳雨梦瑶璐晶月露怡思琪彤妍涵蕾薇"
_TIBETAN_MALE = ("扎西", "次仁", "多吉", "格桑", "索朗", "旦增", "平措", "达瓦", "尼玛", "普布", "罗布", "顿珠")
_TIBETAN_FEMALE = ("卓玛", "央金", "拉姆", "德吉", "曲珍", "白玛", "次珍", "格桑", "达娃", "尼珍", "措姆", "央宗")
_TURKIC_MALE = ("艾力", "买买提", "阿卜杜拉", "热合曼", "艾尔肯", "努尔兰", "吐尔逊", "艾合买提", "亚森", "肉孜")
_TURKIC_FEMALE = ("古丽", "阿依古丽", "热依拉", "帕提古丽", "米热古丽", "阿依努尔", "祖力胡玛尔", "热娜", "迪丽拜尔")

#: Ethnic mix of committee members by province (the rest of the country: Han).
_ETHNICITY = {
    "13": (("han", 96), ("manchu", 3), ("hui", 1)),
    "15": (("han", 78), ("mongol", 18), ("manchu", 2), ("hui", 2)),
    "21": (("han", 84), ("manchu", 13), ("mongol", 2), ("korean", 1)),
    "22": (("han", 91), ("korean", 4), ("manchu", 4), ("mongol", 1)),
    "23": (("han", 95), ("manchu", 3), ("korean", 1), ("mongol", 1)),
    "42": (("han", 95), ("tujia", 4), ("miao", 1)),
    "43": (("han", 89), ("tujia", 4), ("miao", 3), ("dong", 2), ("yao", 2)),
    "45": (("han", 62), ("zhuang", 32), ("yao", 3), ("miao", 1), ("dong", 1), ("mulao", 1)),
    "46": (("han", 84), ("li", 15), ("miao", 1)),
    "50": (("han", 93), ("tujia", 6), ("miao", 1)),
    "51": (("han", 93), ("yi", 3), ("tibetan", 3), ("qiang", 1)),
    "52": (("han", 62), ("miao", 12), ("buyei", 8), ("dong", 5), ("tujia", 4), ("yi", 2), ("gelao", 2),
           ("sui", 1), ("hui", 1)),
    "53": (("han", 66), ("yi", 11), ("hani", 4), ("bai", 4), ("dai", 3), ("zhuang", 3), ("miao", 3),
           ("hui", 2), ("lisu", 2), ("lahu", 1), ("va", 1)),
    "54": (("tibetan", 88), ("han", 11), ("hui", 1)),
    "62": (("han", 90), ("hui", 5), ("tibetan", 2), ("dongxiang", 2), ("tu", 1)),
    "63": (("han", 50), ("tibetan", 25), ("hui", 15), ("tu", 4), ("salar", 2), ("mongol", 2)),
    "64": (("han", 63), ("hui", 36), ("manchu", 1)),
    "65": (("uyghur", 45), ("han", 40), ("kazakh", 7), ("hui", 5), ("kyrgyz", 1), ("mongol", 1)),
}

_POLITICAL = (("cpc_member", 45), ("cpc_probationary", 5), ("league_member", 40), ("masses", 9),
              ("democratic_party", 1))
_EDUCATION_BY_SOURCE = {
    "civil_servant": (("postgraduate", 8), ("bachelor", 70), ("college", 20), ("secondary", 2)),
    "village_official": (("postgraduate", 10), ("bachelor", 80), ("college", 10)),
    "school_head": (("postgraduate", 10), ("bachelor", 75), ("college", 15)),
    "rural_entrepreneur": (("bachelor", 15), ("college", 35), ("secondary", 40), ("junior", 10)),
    "exemplary_youth": (("bachelor", 15), ("college", 35), ("secondary", 40), ("junior", 10)),
    "enterprise_staff": (("bachelor", 35), ("college", 40), ("secondary", 25)),
    "rural_finance": (("postgraduate", 5), ("bachelor", 70), ("college", 25)),
    "other": (("bachelor", 40), ("college", 35), ("secondary", 20), ("junior", 5)),
}
_DUTIES = ("全面负责团委工作", "组织建设", "宣传思想", "青年发展与就业创业", "志愿服务", "少先队工作",
           "基层团组织建设", "团员发展与管理", "青少年权益维护", "农村青年技能培训", "网络新媒体")
_EXIT_REASONS = ("工作调动", "超龄离任", "换届调整", "考录公务员", "外出务工", "个人原因", "聘期届满")
_APPRAISALS = (("excellent", 25), ("competent", 65), ("basically_competent", 8), ("incompetent", 2))

# Directly affiliated organisations: (weight, pattern); {t} township, {b} brand, {c} crop, {s} street.
_BRANDS = ("宏达", "鑫源", "华兴", "金穗", "丰泽", "恒通", "润禾", "绿源", "聚丰", "兴旺", "瑞丰", "永盛",
           "天成", "嘉禾", "正大", "福康", "新星", "东方", "万丰", "利民", "富民", "惠农", "沃土", "金田")
_INDUSTRIES = ("食品", "建材", "机械", "农业科技", "纺织", "物流", "电子", "农产品加工", "服装", "商贸",
               "饲料", "包装", "新能源", "电子商务")
_CROPS = ("蔬菜种植", "果品种植", "食用菌种植", "中药材种植", "粮食种植", "花卉苗木", "茶叶种植",
          "生猪养殖", "肉牛养殖", "蛋鸡养殖", "水产养殖", "农机", "土地股份", "乡村旅游")
_STREETS = ("东街", "西街", "南街", "北街", "新华", "人民路", "建设路", "解放路", "文化路", "幸福")
_DIRECT_ORG_PATTERNS = (
    (26, "{t}{b}{i}有限公司团支部"),
    (16, "{t}{b}{c}专业合作社团支部"),
    (12, "{t}{s}社区团支部"),
    (6, "{t}{b}商贸城团支部"),
    (5, "{t}中心卫生院团支部"),
    (5, "{t}农村信用社团支部"),
    (4, "{t}大学生村官团支部"),
    (4, "{t}青年志愿者协会团支部"),
    (4, "{t}电商服务中心团支部"),
    (3, "{t}青年创业园团支部"),
    (3, "{t}{b}家庭农场团支部"),
    (3, "{t}派出所团支部"),
    (3, "{t}供电所团支部"),
    (2, "{t}邮政支局团支部"),
    (2, "{t}综合文化站团支部"),
)
_RECTIFY_REASONS = ("组织生活不规范", "团员人数不足", "班子不健全", "长期未开展活动", "团员信息不全")
_REVOKED_REASON = "空壳化"

# Meetings and activities.
_UNIFIED_THEMES = {7: "“青春建功乡村振兴”主题团日", 8: "“乡村好青年”故事宣讲", 9: "“助力秋收”青年志愿服务",
                   10: "“我和我的祖国”主题教育"}
_TRAININGS = ("团干部业务能力培训", "农村青年电商技能培训", "团务知识培训", "青年致富带头人培训",
              "智慧团建系统操作培训", "青年创业政策培训")
_SURVEYS = ("农村青年就业创业情况调研", "村团组织建设情况调研", "青年之家运行情况调研", "返乡青年情况摸底")
_SUPERVISIONS = ("团县委督导对标整改工作", "团县委督导“百县千乡”示范创建", "团县委检查基层团组织台账")
_OTHER_ACTIVITIES = ("青年联谊活动", "关爱留守儿童志愿服务", "植树护绿志愿活动", "青年篮球友谊赛",
                     "消防安全进乡村宣传", "反诈宣传进村入户")
_LOCATIONS = ("{t}政府三楼会议室", "{t}党群服务中心", "{t}青年之家", "{t}综合文化站", "{t}团委办公室")

# Checklist tasks.
_PROBLEMS = {
    "organisation": ("班子成员配备不齐，委员来源单一", "直属团组织覆盖面不够", "部分村团组织长期不开展活动",
                     "团员管理不规范，组织关系转接滞后"),
    "project": ("服务青年项目少，覆盖面窄", "青年之家使用率低", "品牌活动特色不鲜明", "对接青年需求不精准"),
    "mechanism": ("团委会议制度落实不到位", "工作台账不健全，记录不及时", "联系青年机制不完善", "经费保障不稳定"),
    "staff": ("团干部兼职多、精力分散", "团干部业务培训不足", "委员履职不充分，述职考核流于形式",
              "后备青年人才储备不足"),
}
_MEASURES = {
    "organisation": ("从机关干部、大学生村官、致富带头人中增补委员", "在镇区企业、合作社新建直属团组织",
                     "结合村“两委”换届开展村团组织整顿", "开展团员信息核查，规范组织关系转接"),
    "project": ("围绕乡村振兴设计服务青年项目", "完善青年之家活动计划，每月开展活动", "打造“一乡一品”特色活动",
                "开展青年需求调研，建立需求清单"),
    "mechanism": ("建立班子会每月例会制度", "建立工作台账，专人负责按月更新", "建立委员联系青年制度",
                  "争取将团委工作经费纳入财政预算"),
    "staff": ("明确委员分工，实行轮值制度", "组织团干部参加县级培训", "严格年度述职考核",
              "建立农村优秀青年人才库"),
}

# WeChat groups, venues, publicity.
_GROUP_NAMES = ("{t}团员青年交流群", "{t}青年志愿者群", "{t}返乡创业青年群", "{t}团干部工作群",
                "{t}青年人才联络群", "{t}乡村好青年群")
_VENUES = (("youth_home", "{t}青年之家"), ("youth_hub", "{t}青年汇"), ("youth_centre", "{t}青年中心"),
           ("shared_service", "{t}青年共享服务阵地"), ("other", "{t}青年创业服务站"))
_VENUE_ADDRESSES = ("{t}政府院内", "{t}综合文化站二楼", "{t}党群服务中心一楼", "{t}中心街", "{t}青年创业园")
_SHARED_WITH = ("镇综合文化站", "新时代文明实践所", "党群服务中心", "妇女之家", "农家书屋", None)
_PUBLICITY = ("{t}团委召开“百县千乡”示范创建推进会", "{t}开展青年志愿服务活动", "{t}团委组织团员青年学习",
              "{t}青年之家开展技能培训", "{t}团委走访慰问困难青年", "{t}开展“乡村好青年”评选",
              "{t}团委开展对标整改工作", "{t}举办青年创业交流会")
_CHANNELS = (("wechat_account", 60), ("website", 25), ("weibo", 10), ("other", 5))
_URL_CHARS = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789"
_FUNDING_PURPOSES = {
    "local_budget": ("乡镇团委年度工作经费", "团建工作专项经费"),
    "league_support": ("“百县千乡”示范乡镇支持经费",),
    "social": ("青年创业帮扶资金", "青年之家运营资助"),
    "other": ("青年志愿服务活动经费", "团员青年培训经费"),
}


# ----------------------------------------------------------------------------- helpers
def _rng(seed: int, code: str, topic: str) -> random.Random:
    """A random stream of its own for one unit and topic (string seeds are hashed stably)."""
    return random.Random(f"{seed}:{code}:{topic}")


def _pick(rng: random.Random, weighted: tuple[tuple[str, float], ...]) -> str:
    return rng.choices([k for k, _ in weighted], [w for _, w in weighted])[0]


def _day(rng: random.Random, lo: dt.date, hi: dt.date) -> dt.date:
    """A uniformly drawn day in ``[lo, hi]`` (``hi`` if the range is empty: never after *hi*)."""
    span = (hi - lo).days
    return hi if span <= 0 else lo + dt.timedelta(days=rng.randint(0, span))


def _add_years(d: dt.date, years: int) -> dt.date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def _month_start(d: dt.date, back: int = 0) -> dt.date:
    """The first day of the month *back* months before *d*'s month."""
    n = d.year * 12 + d.month - 1 - back
    return dt.date(n // 12, n % 12 + 1, 1)


def _month_end(start: dt.date) -> dt.date:
    return _month_start(start, -1) - dt.timedelta(days=1)


def _bounded(rng: random.Random, mean: float, sd: float, lo: int, hi: int) -> int:
    return max(lo, min(hi, round(rng.gauss(mean, sd))))


def _village_short(name: str) -> str:
    """南高村民委员会 → 南高村, 城关社区居民委员会 → 城关社区."""
    for long, short in (("村民委员会", "村"), ("村委会", "村"), ("社区居民委员会", "社区"),
                        ("社区居委会", "社区"), ("居民委员会", "社区"), ("居委会", "社区")):
        if name.endswith(long):
            return name[: -len(long)] + short
    return name


class _Names:
    """Person names by ethnicity, unique per (name, birth date) within a committee."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def __call__(self, gender: str, ethnicity: str) -> str:
        rng = self.rng
        male = gender == "male"
        if ethnicity == "tibetan":
            pool = _TIBETAN_MALE if male else _TIBETAN_FEMALE
            return rng.choice(pool) + (rng.choice(pool) if rng.random() < 0.5 else "")
        if ethnicity in ("uyghur", "kazakh", "kyrgyz"):
            return rng.choice(_TURKIC_MALE if male else _TURKIC_FEMALE) + "·" + rng.choice(_TURKIC_MALE)
        surname = rng.choices(_SURNAMES, _SURNAME_WEIGHTS)[0]
        chars = _MALE if male else _FEMALE
        given = rng.choice(chars) + (rng.choice(chars) if rng.random() < 0.7 else "")
        return surname + given


def _phone(rng: random.Random) -> str:
    return "1" + rng.choice("358") + rng.choice("0123456789") + f"{rng.randrange(10 ** 8):08d}"


# ----------------------------------------------------------------------------- the builder
class _Builder:
    def __init__(self, ledger, scope: str, seed: int, months: int, today: dt.date) -> None:
        self.ledger = ledger
        self.scope = scope
        self.seed = seed
        self.months = months
        self.today = today
        self.geo = geography()
        self.counts: dict[str, int] = {}
        enums = enumerations()
        sources = enums.values("member_source")
        self.source_keys = [v.key for v in sources]
        self.source_weights = [float(v.weight or 0) for v in sources]
        self.window_start = _month_start(today, months - 1) if months > 0 else today
        self.last_month = _month_start(today, 1)
        self.last_month_end = _month_end(self.last_month)
        self.year_start = dt.date(today.year, 1, 1)

    # -- writing
    def _write(self, kind: str, rows: list[dict]) -> None:
        if rows:
            self.ledger.create_many(kind, rows)
            self.counts[kind] = self.counts.get(kind, 0) + len(rows)

    def _exists(self, org_id: str) -> bool:
        return self.ledger.get("organisation", org_id) is not None

    # -- units in scope
    def counties_and_townships(self) -> list[tuple[str, list[str]]]:
        """(county code, its rural townships inside the scope), for every county touched."""
        geo, scope = self.geo, self.scope
        level = level_of_code(scope) if scope else 0
        if scope and level is None or (scope and not geo.exists(scope)):
            raise ValueError(f"{scope!r} is not a known division code")
        if level == VILLAGE:
            raise ValueError("build a township, county, prefecture, province or the whole country, not a village")
        if level == TOWNSHIP:
            return [(scope[:6], [scope] if geo.is_rural_township(scope) else [])]
        counties = [scope] if level == COUNTY else [d.code for d in geo.descendants(scope, COUNTY)]
        return [(c, [d.code for d in geo.children(c) if d.level == TOWNSHIP and geo.is_rural_township(d.code)])
                for c in counties]

    def run(self, progress: Progress | None) -> dict[str, int]:
        plan = self.counties_and_townships()
        total = sum(len(t) for _, t in plan)
        done = 0
        if progress:
            progress(0, total)
        whole_county = len(self.scope) <= 6
        for county, townships in plan:
            with self.ledger.batch():
                county_org = self._county(county)
                coop_parent = self._coop_committee(county, townships) if whole_county else None
                self._township_committees(county_org, townships)
                for code in townships:
                    self._township(code, coop_parent)
                    done += 1
                    if progress:
                        progress(done, total)
        return dict(self.counts)

    # -- county level
    def _county(self, county: str) -> str | None:
        """The county committee's id, created if missing; None if the county lies outside the ledger."""
        if not county.startswith(self.ledger.scope):
            return None
        org_id = natural_org_id("county_committee", county)
        if not self._exists(org_id):
            rng = _rng(self.seed, county, "county")
            self._write("organisation", [{
                "kind": "county_committee", "name": f"共青团{self.geo.name(county)}委员会",
                "division_code": county, "founded_on": dt.date(rng.randint(1950, 1985), rng.randint(1, 12), 1),
                "status": "active", "demo_level": "county" if rng.random() < 0.04 else "none",
                "league_members": rng.randint(3000, 30000)}])
        return org_id

    def _coop_committee(self, county: str, townships: list[str]) -> str | None:
        """About 83 % of agricultural counties have a co-operative working committee with a few
        league organisations in co-operatives.  Returns its id, or None."""
        rng = _rng(self.seed, county, "coop")
        if not townships or rng.random() >= SHARES.coop_committee or not county.startswith(self.ledger.scope):
            return None
        org_id = natural_org_id("county_coop_committee", county)
        if self._exists(org_id):
            return org_id
        name = self.geo.name(county)
        founded = _day(rng, dt.date(2016, 1, 1), self.today - dt.timedelta(days=60))
        self._write("organisation", [{
            "kind": "county_coop_committee", "name": f"共青团{name}农村合作组织工作委员会",
            "parent_id": natural_org_id("county_committee", county), "division_code": county,
            "founded_on": founded, "status": "active", "demo_level": "none", "league_members": 0}])
        orgs, names = [], set()
        for _ in range(rng.randint(2, 6)):
            town = rng.choice(townships)
            org_name = f"{self.geo.name(town)}{rng.choice(_BRANDS)}{rng.choice(_CROPS)}专业合作社团支部"
            if org_name in names:
                continue
            names.add(org_name)
            orgs.append({"kind": "coop_org", "name": org_name, "parent_id": org_id, "division_code": town,
                         "founded_on": _day(rng, founded, self.today), "status": "active", "demo_level": "none",
                         "league_members": rng.randint(3, 25)})
        self._write("organisation", orgs)
        return org_id

    # -- township level
    def _township_committees(self, county_org: str | None, townships: list[str]) -> None:
        rows = []
        for code in townships:
            rng = _rng(self.seed, code, "committee")
            demo = self._demo_level(code)
            status = "rectifying" if demo == "none" and rng.random() < 0.04 else "active"
            row = {"kind": "township_committee", "name": f"共青团{self.geo.name(code)}委员会",
                   "parent_id": county_org, "division_code": code,
                   "founded_on": dt.date(rng.randint(1978, 2005), rng.randint(1, 12), 1),
                   "status": status, "demo_level": demo, "league_members": _bounded(rng, 450, 200, 60, 2000)}
            if status == "rectifying":
                row["status_changed_on"] = _day(rng, self.today - dt.timedelta(days=300), self.today)
                row["status_reason"] = rng.choice(_RECTIFY_REASONS)
            rows.append(row)
        self._write("organisation", rows)

    def _demo_level(self, code: str) -> str:
        """The township's demonstration level (百县千乡: a few national, more at lower levels)."""
        r = _rng(self.seed, code, "demo").random()
        return ("national" if r < 0.03 else "province" if r < 0.07 else "prefecture" if r < 0.12
                else "county" if r < 0.22 else "none")

    def _township(self, code: str, coop_parent: str | None) -> None:
        org = natural_org_id("township_committee", code)
        t = self.geo.name(code)
        villages = [d for d in self.geo.children(code) if d.level == VILLAGE]
        members = self._members(code, org, t, villages)
        secretary = next((m["name"] for m in members if m["post"] == "secretary" and not m.get("exited_on")),
                         members[0]["name"])
        self._write("committee_member", members)
        orgs = self._orgs(code, org, t, villages, coop_parent)
        self._write("organisation", orgs)
        funding = self._funding(code, org, t)
        self._write("funding_entry", funding)
        meetings = self._meetings(code, org, t)
        self._write("meeting", meetings)
        self._write("checklist_task", self._tasks(code, org, secretary))
        groups = self._groups(code, org, t)
        self._write("wechat_group", groups)
        self._write("venue", self._venues(code, org, t))
        self._write("publicity_item", self._publicity(code, org, t))
        self._write("reported_figure", self._figures(code, secretary, members, orgs, meetings, groups, funding))
        self._work(code, org, t, secretary, [d.code for d in villages])

    def _work(self, code: str, org: str, t: str, secretary: str, villages: list[str]) -> None:
        """The township's work ledger (工作台账)."""
        rng = _rng(self.seed, code, "work")
        today, geo = self.today, self.geo
        self._write("work_plan_item", work_demo.plan_items(rng, org, today, secretary, self.months))
        if self.months > 0:
            self._write("case_brief", work_demo.cases_and_briefs(rng, org, t, self.window_start, today))
        self._write("contact_point", work_demo.contact_point(rng, code, geo.name(code[:4]), today))
        self._write("unit_assessment", work_demo.assessment(rng, org, geo.name(code[:6]), today))
        self._write("branch_term", work_demo.branch_terms(rng, villages, today))

    def _members(self, code: str, org: str, t: str, villages: list) -> list[dict]:
        rng = _rng(self.seed, code, "members")
        today = self.today
        names = _Names(rng)
        ethnic_mix = _ETHNICITY.get(code[:2], (("han", 1),))
        n = _bounded(rng, 10, 2, 7, 14)
        deputies = 1 if rng.random() < 0.55 else 2
        posts = ["secretary"] + ["deputy_secretary"] * deputies + ["member"] * (n - 1 - deputies)
        latest_birth = min(2002, today.year - 20)
        seen, rows = set(), []
        recent = today - dt.timedelta(days=365)
        for i, post in enumerate(posts):
            gender = "female" if rng.random() < (0.42 if post == "member" else 0.3) else "male"
            ethnicity = _pick(rng, ethnic_mix)
            while True:
                birth = _day(rng, dt.date(1975, 1, 1), dt.date(latest_birth, 12, 31))
                name = names(gender, ethnicity)
                if (name, birth) not in seen:
                    seen.add((name, birth))
                    break
            source = rng.choices(self.source_keys, self.source_weights)[0]
            adult = _add_years(birth, 18)
            if rng.random() < SHARES.member_joined_recently:
                joined = _day(rng, max(recent, adult), today)
            else:
                joined = _day(rng, max(today - dt.timedelta(days=6 * 365), adult), recent)
            if post == "secretary":
                employment = "full_time" if rng.random() < 0.6 else "part_time"
            else:
                employment = ("seconded" if source == "village_official" and rng.random() < 0.4 else
                              "full_time" if rng.random() < 0.1 else "part_time")
            row = {"org_id": org, "name": name, "gender": gender, "birth_date": birth, "ethnicity": ethnicity,
                   "political_status": "cpc_member" if post == "secretary" and rng.random() < 0.8
                   else _pick(rng, _POLITICAL),
                   "education": _pick(rng, _EDUCATION_BY_SOURCE[source]), "phone": _phone(rng),
                   "post": post, "employment": employment, "source": source,
                   "employer": self._employer(rng, source, t, villages),
                   "duty": _DUTIES[0] if post == "secretary" else rng.choice(_DUTIES[1:]),
                   "joined_on": joined}
            if rng.random() < 0.3:
                row["rotation_duty"] = f"轮值负责{rng.randint(1, 12)}月工作"
            if joined.year < today.year and rng.random() < 0.85:
                row["appraisal_year"] = today.year - 1
                row["appraisal"] = _pick(rng, _APPRAISALS)
            # Members leave; the secretary's seat is kept filled in this data.
            if i > 0 and rng.random() < SHARES.member_exited / (1 - 1 / n):
                row["exited_on"] = _day(rng, max(joined, recent), today)
                row["exit_reason"] = rng.choice(_EXIT_REASONS)
            rows.append(row)
        return rows

    @staticmethod
    def _employer(rng: random.Random, source: str, t: str, villages: list) -> str:
        village = _village_short(rng.choice(villages).name) if villages else t
        if source == "civil_servant":
            return rng.choice((f"{t}人民政府", f"{t}党政综合办公室", f"{t}党建工作办公室", f"{t}社会事务办"))
        if source == "village_official":
            return f"{village}村民委员会" if village.endswith("村") else f"{village}居民委员会"
        if source == "school_head":
            return rng.choice((f"{t}中心小学", f"{t}初级中学", f"{t}中心幼儿园"))
        if source == "rural_entrepreneur":
            return f"{t}{rng.choice(_BRANDS)}{rng.choice(_CROPS)}专业合作社"
        if source == "exemplary_youth":
            return village
        if source == "enterprise_staff":
            return f"{rng.choice(_BRANDS)}{rng.choice(_INDUSTRIES)}有限公司"
        if source == "rural_finance":
            return rng.choice((f"{t}农村信用社", f"中国邮政储蓄银行{t}营业所", f"{t}村镇银行"))
        return rng.choice((f"{t}卫生院", f"{t}派出所", f"{t}综合文化站", f"{t}供电所"))

    def _orgs(self, code: str, org: str, t: str, villages: list, coop_parent: str | None) -> list[dict]:
        rng = _rng(self.seed, code, "orgs")
        today, recent = self.today, self.today - dt.timedelta(days=365)
        patterns = [p for _, p in _DIRECT_ORG_PATTERNS]
        weights = [w for w, _ in _DIRECT_ORG_PATTERNS]
        rows, names = [], set()

        def status_of(row: dict) -> None:
            r = rng.random()
            if r < SHARES.org_revoked:
                row["status"], row["status_reason"] = "revoked", _REVOKED_REASON
            elif r < SHARES.org_revoked + SHARES.org_rectifying:
                row["status"], row["status_reason"] = "rectifying", rng.choice(_RECTIFY_REASONS)
            else:
                row["status"] = "active"
                return
            row["status_changed_on"] = _day(rng, max(row["founded_on"], recent), today)
            row["league_members"] = 0 if row["status"] == "revoked" else rng.randint(1, 3)

        n = _bounded(rng, 20, 4, 10, 32)
        for _ in range(n):
            for _attempt in range(8):
                pattern = rng.choices(patterns, weights)[0]
                name = pattern.format(t=t, b=rng.choice(_BRANDS), i=rng.choice(_INDUSTRIES),
                                      c=rng.choice(_CROPS), s=rng.choice(_STREETS))
                if name not in names:
                    break
            else:
                continue
            names.add(name)
            in_village = "合作社" in name or "家庭农场" in name
            division = rng.choice(villages).code if in_village and villages and rng.random() < 0.6 else code
            founded = (_day(rng, recent, today) if rng.random() < SHARES.org_new
                       else _day(rng, dt.date(2008, 1, 1), recent))
            row = {"kind": "direct_org", "name": name, "parent_id": org, "division_code": division,
                   "founded_on": founded, "demo_level": "none", "league_members": _bounded(rng, 12, 8, 3, 80)}
            status_of(row)
            rows.append(row)
        # Village branches: a few, so a province stays fast.
        rural = [v for v in villages if v.name.endswith(("村民委员会", "村委会"))] or villages
        for v in rng.sample(rural, min(len(rural), rng.randint(0, 5))):
            row = {"kind": "village_branch", "name": f"{_village_short(v.name)}团支部", "parent_id": org,
                   "division_code": v.code, "founded_on": _day(rng, dt.date(1990, 1, 1), recent),
                   "demo_level": "none", "league_members": _bounded(rng, 8, 5, 1, 40)}
            status_of(row)
            rows.append(row)
        # Co-operatives under the township committee where the county has no working committee.
        if coop_parent is None and rng.random() < 0.3:
            for _ in range(rng.randint(1, 2)):
                name = f"{t}{rng.choice(_BRANDS)}{rng.choice(_CROPS)}专业合作社联合团支部"
                if name in names:
                    continue
                names.add(name)
                rows.append({"kind": "coop_org", "name": name, "parent_id": org, "division_code": code,
                             "founded_on": _day(rng, dt.date(2015, 1, 1), today), "status": "active",
                             "demo_level": "none", "league_members": rng.randint(3, 20)})
        return rows

    def _funding(self, code: str, org: str, t: str) -> list[dict]:
        rng = _rng(self.seed, code, "funding")
        demonstration = self._demo_level(code) != "none"
        year, lo, hi = self.today.year, self.year_start, self.today
        county_short = self.geo.name(code[:6])[:1]
        secured = rng.random() < SHARES.funding_secured
        rows = []

        def entry(source: str, received: int | None, budgeted: int | None = None) -> dict:
            row = {"org_id": org, "year": year, "source": source, "budgeted": budgeted, "received": received,
                   "purpose": rng.choice(_FUNDING_PURPOSES[source])}
            if received:
                row["received_on"] = _day(rng, lo, hi)
            if source in ("local_budget", "league_support"):
                issuer = "财预" if source == "local_budget" else "团发"
                row["doc_no"] = f"{county_short}{issuer}〔{year}〕{rng.randint(1, 60)}号"
            return row

        if secured:
            total = rng.choice((20000, 20000, 25000, 30000, 30000, 40000, 50000)) * 100
            if demonstration:
                rows.append(entry("league_support", 500_000, 500_000))
                total -= 500_000
            if rng.random() < 0.25:
                social = rng.choice((2000, 3000, 5000)) * 100
                rows.append(entry("social", social))
                total -= social
            rows.append(entry("local_budget", total, total))
        elif rng.random() < 0.8:  # some money, less than 20,000 yuan, or only budgeted so far
            budget = rng.choice((10000, 15000, 20000)) * 100
            received = rng.choice((0, 3000, 5000, 8000, 10000, 12000, 15000)) * 100
            rows.append(entry("local_budget", min(received, budget) or None, budget))
            if rng.random() < 0.2:
                rows.append(entry("other", rng.choice((1000, 2000)) * 100))
        return rows

    def _meetings(self, code: str, org: str, t: str) -> list[dict]:
        rng = _rng(self.seed, code, "meetings")
        today, start = self.today, self.window_start
        if self.months <= 0:
            return []
        year = today.year
        location = lambda: rng.choice(_LOCATIONS).format(t=t)  # noqa: E731
        rows = []

        def meeting(kind: str, held: dt.date, title: str, attendance: int, summary: str | None = None) -> None:
            rows.append({"org_id": org, "kind": kind, "held_on": held, "title": title, "attendance": attendance,
                         "location": location(), "summary": summary})

        for back in range(self.months):
            m = _month_start(today, back)
            end = min(_month_end(m), today)
            if rng.random() < 0.8:
                held = _day(rng, m, end)
                meeting("leadership", held, f"{t}团委{held.year}年{held.month}月班子会", rng.randint(5, 12),
                        "传达上级团组织会议精神，研究部署本月重点工作。")
            if m.month in _UNIFIED_THEMES and rng.random() < 0.75:
                held = _day(rng, m, end)
                meeting("unified_activity", held, f"{t}{_UNIFIED_THEMES[m.month]}", rng.randint(20, 200))
        third = start + (today - start) / 3
        if rng.random() < SHARES.mobilisation:
            meeting("mobilisation", _day(rng, start, third), f"{t}“百县千乡”分类示范创建对标整改动员会",
                    rng.randint(25, 120), "学习对标整改工作方案，开展“八查八看”，明确任务分工和时间节点。")
        if rng.random() < SHARES.review:
            meeting("review", _day(rng, start + (today - start) / 2, today), f"{t}团委{year}年对标整改总结述评会",
                    rng.randint(20, 90), "总结对标整改成效，委员逐一述职，查找差距，明确下步措施。")
        for _ in range(rng.randint(1, 3)):
            meeting("training", _day(rng, start, today), f"{t}{rng.choice(_TRAININGS)}", rng.randint(15, 80))
        for _ in range(rng.randint(0, 2)):
            if rng.random() < 0.5:
                meeting("supervision", _day(rng, start, today), rng.choice(_SUPERVISIONS), rng.randint(4, 15))
            else:
                meeting("survey", _day(rng, start, today), f"{t}{rng.choice(_SURVEYS)}", rng.randint(5, 30))
        if rng.random() < 0.15:
            meeting("innovation_contest", _day(rng, start, today), f"{t}参加全国农村团建项目创新竞赛",
                    rng.randint(5, 20))
        for _ in range(rng.randint(0, 2)):
            meeting("other", _day(rng, start, today), f"{t}{rng.choice(_OTHER_ACTIVITIES)}", rng.randint(10, 150))
        return rows

    def _tasks(self, code: str, org: str, secretary: str) -> list[dict]:
        from desktop.ledger.reference import templates_for

        rng = _rng(self.seed, code, "tasks")
        today = self.today
        verify = can_verify(self.ledger.scope, code)
        county = self.geo.name(code[:6])
        rows = []
        for tpl in templates_for(self.ledger, code, "township"):
            system = tpl["system"] or "organisation"
            r = rng.random()
            status = "not_started" if r < 0.15 else "in_progress" if r < 0.5 else "done"
            row = {"org_id": org, "template_id": tpl["id"], "system": system, "title": tpl["title"],
                   "status": status, "responsible": secretary,
                   "deadline": _day(rng, today - dt.timedelta(days=60), today + dt.timedelta(days=180))}
            if status != "not_started":
                row["problem"] = rng.choice(_PROBLEMS.get(system, _PROBLEMS["organisation"]))
                row["measure"] = rng.choice(_MEASURES.get(system, _MEASURES["organisation"]))
            if status == "done":
                row["done_on"] = _day(rng, self.window_start, today)
                if verify and rng.random() < 0.4:
                    row["status"] = "verified"
                    row["verified_on"] = _day(rng, row["done_on"], today)
                    row["verified_by"] = f"共青团{county}委员会"
            rows.append(row)
        return rows

    def _groups(self, code: str, org: str, t: str) -> list[dict]:
        rng = _rng(self.seed, code, "groups")
        rows = []
        for name in rng.sample(_GROUP_NAMES, rng.choice((0, 1, 1, 2, 2, 3))):
            members = _bounded(rng, 120, 70, 30, 300)
            rows.append({"org_id": org, "name": name.format(t=t), "members": members,
                         "league_members": round(members * rng.uniform(0.2, 0.7)),
                         "youth_reached": round(members * rng.uniform(0.6, 0.95)),
                         "created_on": _day(rng, self.today - dt.timedelta(days=5 * 365), self.today)})
        return rows

    def _venues(self, code: str, org: str, t: str) -> list[dict]:
        rng = _rng(self.seed, code, "venues")
        rows = []
        for kind, name in rng.sample(_VENUES, rng.choice((0, 1, 1, 1, 2))):
            rows.append({"org_id": org, "name": name.format(t=t), "kind": kind,
                         "address": rng.choice(_VENUE_ADDRESSES).format(t=t), "shared_with": rng.choice(_SHARED_WITH),
                         "opened_on": _day(rng, dt.date(2016, 1, 1), self.today)})
        return rows

    def _publicity(self, code: str, org: str, t: str) -> list[dict]:
        rng = _rng(self.seed, code, "publicity")
        rows = []
        for _ in range(rng.randint(0, 6) if self.months > 0 else 0):
            channel = _pick(rng, _CHANNELS)
            url = None
            if channel == "wechat_account":
                url = "https://mp.weixin.qq.com/s/" + "".join(rng.choice(_URL_CHARS) for _ in range(22))
            elif channel == "website":
                url = f"http://www.gqt{code[:6]}.gov.cn/news/{rng.randint(10000, 99999)}.html"
            rows.append({"org_id": org, "published_on": _day(rng, self.window_start, self.today),
                         "channel": channel, "title": rng.choice(_PUBLICITY).format(t=t), "url": url})
        return rows

    def _figures(self, code: str, secretary: str, members: list[dict], orgs: list[dict], meetings: list[dict],
                 groups: list[dict], funding: list[dict]) -> list[dict]:
        """What the township reported for last month: the ledger's own figures, a few of them off."""
        rng = _rng(self.seed, code, "figures")
        if rng.random() >= SHARES.reporting or self.months <= 0:
            return []
        start, end = self.last_month, self.last_month_end
        month = start.isoformat()[:7]
        within = lambda d: d is not None and start <= d <= end  # noqa: E731
        by_end = lambda d: d is not None and d <= end  # noqa: E731
        direct = [o for o in orgs if o["kind"] == "direct_org"]
        received = sum(f["received"] or 0 for f in funding
                       if f["year"] == end.year and by_end(f.get("received_on")))
        truth = {
            "mobilisation_meeting_held": int(any(m["kind"] == "mobilisation" and by_end(m["held_on"]) for m in meetings)),
            "review_meeting_held": int(any(m["kind"] == "review" and by_end(m["held_on"]) for m in meetings)),
            "members_current": sum(1 for m in members if by_end(m["joined_on"]) and not by_end(m.get("exited_on"))),
            "members_added": sum(1 for m in members if within(m["joined_on"])),
            "members_exited": sum(1 for m in members if within(m.get("exited_on"))),
            "direct_orgs_total": sum(1 for o in direct if by_end(o["founded_on"])
                                     and not (o["status"] == "revoked" and by_end(o.get("status_changed_on")))),
            "direct_orgs_new": sum(1 for o in direct if within(o["founded_on"])),
            "wechat_groups": sum(1 for g in groups if by_end(g["created_on"])),
            "wechat_reach": sum(g["youth_reached"] for g in groups if by_end(g["created_on"])),
            "funding_secured": int(received >= FUNDING_SECURED_FEN),
        }
        if rng.random() < SHARES.misreporting:
            for metric in rng.sample(sorted(truth), rng.randint(1, 2)):
                value = truth[metric]
                if metric in ("mobilisation_meeting_held", "review_meeting_held", "funding_secured"):
                    truth[metric] = 1 - value
                elif metric == "wechat_reach":
                    truth[metric] = round(value * rng.uniform(1.1, 1.6)) + rng.randint(10, 80)
                else:
                    truth[metric] = value + rng.randint(1, 3)
        reported_on = _day(rng, self.today.replace(day=1), min(self.today, self.today.replace(day=10)))
        return [{"unit_code": code, "month": month, "metric": metric, "value": value,
                 "reported_by": secretary, "reported_on": reported_on} for metric, value in truth.items()]


def build(ledger, scope: str, seed: int = 0, *, months: int = 12, progress: Progress | None = None,
          today: dt.date | None = None) -> dict[str, int]:
    """Fill *ledger* with a synthetic ledger of every rural township in *scope*.

    *scope* is a township (9 digits), county (6), prefecture (4), province (2) or ``""`` for
    the whole country, and must lie within the ledger's own scope.  *months* is how far back
    meetings and publicity reach; *today* (default: the real today, which it may not pass)
    anchors every date, so a fixed *today* gives a fixed ledger.  ``progress(done, total)`` is
    called once per township.  One transaction per county.  Returns the number of records
    created per kind.  A ``ValidationError`` from here is a bug in the generator.
    """
    real_today = dt.date.today()
    today = today or real_today
    if today > real_today:
        raise ValueError(f"today={today} lies in the future; the ledger refuses future dates")
    if months < 0:
        raise ValueError("months must not be negative")
    if not scope.startswith(ledger.scope):
        raise ValueError(f"scope {scope!r} lies outside the ledger's scope {ledger.scope!r}")
    return _Builder(ledger, scope, seed, months, today).run(progress)
