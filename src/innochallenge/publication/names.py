"""The ways a company is named in running text, and blotting them out of what the public reads.

An enterprise that hides its name is "某企业" / "An enterprise" on every public surface, and its name is
blotted out of its own free text in every form people write it:

- in full, without its legal form (有限公司, 股份有限公司, 集团, 厂, Co., Ltd., Inc., GmbH …), without its
  place (any Chinese administrative division of cpca's list, with or without 省/市/区/县/自治州/新区 …, the
  campaign's own districts, and zones such as 工业园区), stripped again and again (江苏省苏州市恒新材料科技
  有限公司 → 苏州市恒新材料科技 → 恒新材料科技 → 恒新材料 → 恒新), with a place in brackets dropped
  (华晟（苏州）科技有限公司);
- trade words peeled one at a time (科技, 精工, 机械, 新材料 …; Tech, Materials, Electronics …):
  华晟精工科技 → 华晟精工 → 华晟; the *core* left is blotted too, however short (two characters), and
  so is the core followed by any trade words or legal form, or preceded by the company's own places
  (恒新集团, 恒新科技, 恒新公司, 吴江华晟);
- the pinyin of the core (of the shortest Chinese forms), every reading of each character, with or
  without a space or hyphen between syllables and in any case (HuaSheng, Hua Sheng, hua-sheng, HUASHENG),
  with the places, English trade words and legal forms around it (Wujiang HuaSheng Precision Co., Ltd.);
- English names (the organisation's English name, or a company name written in English) the same way:
  "Suzhou ABC Tech Co., Ltd." → "Suzhou ABC Tech" → "ABC Tech" → "ABC", in any case.

Latin letters and digits are matched only at word boundaries, so "ABC" is not blotted inside "ABCD".

The one exception, so that ordinary words survive: a form made only of place, trade and legal words
(苏州电子有限公司 → 苏州电子 → 电子) is not the company's and is never blotted by itself; when every form is
like that, only the longest ones are kept (苏州电子有限公司, 苏州电子), so 电子 stays everywhere.

The division list is read from cpca's data file through importlib's resource reader, without importing
cpca (which pulls pandas), once per process. `hidden_name(demand)` is what every public surface asks;
`blot` applies it."""

import functools
import importlib.util
import re
from collections.abc import Iterable
from dataclasses import dataclass
from importlib.resources.abc import Traversable

from pypinyin import Style, pinyin

LEGAL_ZH = (  # longest first where one ends another
    "集团股份有限公司", "集团有限公司", "股份有限公司", "有限责任公司", "有限公司", "股份公司", "集团公司",
    "分公司", "总公司", "公司", "集团", "总厂", "分厂", "厂", "（有限合伙）", "(有限合伙)", "合伙企业",
)  # fmt: skip
TRADE_ZH = (
    "高新技术", "新材料", "科技", "技术", "精工", "精密", "机械", "材料", "电子", "智能", "装备", "制造",
    "实业", "工业", "生物", "医药", "医疗", "信息", "软件", "能源", "新能源", "电气", "电器", "自动化",
    "化工", "化学", "光电", "光学", "半导体", "微电子", "汽车", "汽配", "零部件", "环保", "环境", "节能",
    "纺织", "丝绸", "服饰", "食品", "机电", "电机", "仪器", "仪表", "设备", "工程", "建设", "建材", "钢铁",
    "金属", "模具", "塑胶", "塑料", "包装", "印刷", "通信", "网络", "数据", "数字", "物联网", "机器人",
    "航空", "航天", "船舶", "新能源", "控股", "投资", "发展", "贸易", "国际", "中国", "产业", "创新",
    "研究院", "研究所", "精细", "重工", "轻工", "特种", "药业", "生物医药", "健康", "农业",
)  # fmt: skip
LEGAL_EN = (
    r"co\.?\s*,?\s*ltd\.?", r"company\s+limited", r"co\.?\s*limited", r"limited", r"ltd\.?",
    r"incorporated", r"inc\.?", r"corporation", r"corp\.?", r"l\.?l\.?c\.?", r"gmbh", r"plc",
    r"s\.a\.", r"ag", r"group", r"holdings?", r"company", r"co\.?",
)  # fmt: skip
TRADE_EN = (
    "tech", "technology", "technologies", "hi-tech", "high-tech", "new", "advanced", "material", "materials",
    "electronic", "electronics", "intelligent", "intelligence", "smart", "equipment", "machinery",
    "machine", "machines", "manufacturing", "industrial", "industry", "industries", "bio", "biotech",
    "biotechnology", "biological", "pharmaceutical", "pharmaceuticals", "pharma", "medical", "information",
    "software", "energy", "precision", "engineering", "system", "systems", "solutions", "science",
    "sciences", "automation", "chemical", "chemicals", "optics", "optical", "optoelectronics",
    "semiconductor", "semiconductors", "robotics", "digital", "network", "networks", "environmental",
    "innovation", "automotive", "auto", "parts", "textile", "textiles", "trading", "international",
    "development", "investment", "electric", "electrical", "instruments", "metal", "metals", "steel",
    "healthcare", "health", "power", "data", "china",
)  # fmt: skip
#: Trade words also common in running text: peeled off a name, but not swallowed after it when blotting.
COMMON_ZH = {
    "发展", "创新", "投资", "建设", "健康", "国际", "中国", "数据", "数字", "网络", "环境", "工程", "产业",
}  # fmt: skip
COMMON_EN = {
    "new", "advanced", "parts", "data", "power", "china", "health", "auto", "system", "development",
    "international", "network", "networks", "digital", "innovation", "science", "smart", "trading",
    "investment", "industry", "industrial", "information", "energy", "machine", "metal",
}  # fmt: skip  # fmt: skip
PLACE_EN = ("china", "prc", "sip", "industrial park", "district", "city", "province", "county", "new area")
#: Place suffixes, longest first; a short form keeps at least two characters.
PLACE_SUFFIXES = (
    "特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "高新技术产业开发区", "经济技术开发区",
    "经济开发区", "工业园区", "自治区", "自治州", "自治县", "自治旗", "开发区", "高新区", "保税区",
    "新区", "林区", "地区", "省", "市", "区", "县", "旗", "盟",
)  # fmt: skip
#: Zones that stand as a place of their own (苏州工业园区 → 工业园区).
ZONES = ("高新技术产业开发区", "经济技术开发区", "经济开发区", "工业园区", "高新区", "开发区", "保税区")
_ETHNIC = re.compile(r"^(.{2,}?)(?:[\u4e00-\u9fff]{1,3}?族)*自治[区州县旗]$")
_BRACKETS = re.compile(r"[（(]([^（）()]{1,20})[）)]")
_CJK = re.compile(r"^[\u3400-\u9fff]+$")
_ALNUM = re.compile(r"[A-Za-z0-9]")
_SEP = r"[\s\-_]?"
_WORDS = frozenset({*LEGAL_ZH, *TRADE_ZH})


def _short_forms(name: str) -> set[str]:
    """A division's name and its forms without suffix: 吴江区 → 吴江, 湘西土家族苗族自治州 → 湘西."""
    forms, todo = set(), [name]
    while todo:
        form = todo.pop()
        if len(form) < 2 or form in forms:
            continue
        forms.add(form)
        ethnic = _ETHNIC.match(form)
        if ethnic:
            todo.append(ethnic.group(1))
        todo += [form[: -len(s)] for s in PLACE_SUFFIXES if form.endswith(s) and len(form) - len(s) >= 2]
    return forms


def _adcodes() -> Traversable:
    """cpca's data file, through the package's importlib.resources reader: found, not imported (importing
    cpca runs its matcher and, on use, pandas)."""
    spec = importlib.util.find_spec("cpca")
    if spec is None or spec.loader is None or not hasattr(spec.loader, "get_resource_reader"):
        raise RuntimeError("cpca's division list is missing: install the pinned cpca package")
    return spec.loader.get_resource_reader(spec.name).files().joinpath("resources", "adcodes.csv")


@functools.cache
def divisions() -> frozenset[str]:
    """Every Chinese administrative division (cpca's list) with and without its suffix, and the zones."""
    names = set(ZONES)
    with _adcodes().open(encoding="utf-8") as rows:
        next(rows)
        for row in rows:
            name = row.split(",")[1].strip()
            if name and "行政区划" not in name and "的" not in name:
                names |= _short_forms(name)
    return frozenset(names)


@functools.cache
def _place_pinyin() -> frozenset[str]:
    """The divisions in pinyin, lower-case and without spaces (suzhou, wujiang …), and the English place
    words, for English names."""
    spelled = {"".join(s[0] for s in pinyin(p, style=Style.NORMAL)).lower() for p in divisions()}
    return frozenset(spelled | set(PLACE_EN))


@functools.cache
def _english_known() -> frozenset[str]:
    return _place_pinyin() | set(TRADE_EN) | {"co", "ltd", "inc", "corp", "limited", "&", "and"}


def _generic(form: str, places: frozenset[str]) -> bool:
    """Whether `form` is made only of place, trade and legal words (or is too short to name anyone)."""
    words = (*LEGAL_ZH, *TRADE_ZH)
    ok = [True] + [False] * len(form)
    for end in range(1, len(form) + 1):
        ok[end] = any(
            ok[start] and (form[start:end] in places or form[start:end] in words) for start in range(end)
        )
    return len(form) < 2 or ok[-1]


def _chinese_forms(name: str, places: frozenset[str]) -> tuple[set[str], set[str]]:
    """Every form of a Chinese name (the closure of dropping a legal form, a bracketed place, a leading
    or trailing place, a trailing trade word) and the places dropped from it."""
    seen: set[str] = set()
    dropped: set[str] = set()
    todo = [name]
    while todo:
        form = todo.pop()
        if not form or form in seen:
            continue
        seen.add(form)
        legal = next((w for w in LEGAL_ZH if form.endswith(w)), None)  # the longest: 有限公司, not 公司
        todo += [form[: -len(w)] for w in (*([legal] if legal else []), *TRADE_ZH) if form.endswith(w)]
        for bracket in _BRACKETS.finditer(form):
            todo.append(form[: bracket.start()] + form[bracket.end() :])
            dropped.add(bracket.group(1))
        for k in range(2, min(len(form), 12) + 1):
            # 相城区恒力 loses 相城区, never 相城 alone (区恒力 is no name).
            cut = not any(form[k:].startswith(s) and form[:k] + s in places for s in PLACE_SUFFIXES)
            if form[:k] in places and cut:
                todo.append(form[k:])
                dropped.add(form[:k])
            if form[-k:] in places:  # 华晟精工苏州 (分公司)
                todo.append(form[:-k])
                dropped.add(form[-k:])
    return seen, dropped


def _english_words(pattern: Iterable[str]) -> str:
    return "|".join(sorted(pattern, key=len, reverse=True))


_LEGAL_EN_RE = re.compile(rf"[\s,]*(?:{_english_words(LEGAL_EN)})\s*$", re.IGNORECASE)


def _english_forms(name: str) -> set[str]:
    """Forms of an English name: without legal form, bracketed or leading/trailing places, trade words."""
    places = _place_pinyin()
    trade = frozenset(TRADE_EN)
    seen: set[str] = set()
    todo = [" ".join(name.replace(",", ", ").split())]
    while todo:
        form = todo.pop().strip(" ,-")
        if not form or form in seen:
            continue
        seen.add(form)
        todo.append(_LEGAL_EN_RE.sub("", form))
        todo.append(_BRACKETS.sub(" ", form))
        words = form.split()
        if len(words) > 1:
            if words[0].lower().strip(",") in places:
                todo.append(" ".join(words[1:]))
            if words[-1].lower().strip(",") in places or words[-1].lower().strip(",") in trade:
                todo.append(" ".join(words[:-1]))
    return {f for f in seen if f}


def _english_generic(form: str) -> bool:
    words = [w.lower().strip(",.()") for w in form.split()]
    known = _english_known()
    return len(_ALNUM.findall(form)) < 2 or all(w in known or not w for w in words)


_LATIN_START, _LATIN_END = r"(?<![A-Za-z0-9])", r"(?![A-Za-z0-9])"


def _latin(pattern: str, form: str) -> str:
    """`pattern` for `form` (which holds Latin letters) in any case, and only at a word boundary where the
    form begins or ends in Latin. (Case is ignored only here: ignoring it for Chinese costs much.)"""
    start = _LATIN_START if _ALNUM.match(form[0]) else ""
    end = _LATIN_END if _ALNUM.match(form[-1]) else ""
    return f"(?i:{start}{pattern}{end})"


def _keep(forms: set[str], generic, full: str, single) -> list[str]:
    """The distinguishing forms, longest first. When none is (苏州电子有限公司), the full name and its forms
    that only lost words at the end, as long as they still have two words (苏州电子, not 苏州)."""
    kept = [f for f in forms if not generic(f)]
    if not kept:
        kept = [f for f in forms if full.startswith(f) and not single(f)] or [full]
    return sorted(set(kept), key=lambda f: (-len(f), f))


def _syllables(form: str) -> str:
    readings = pinyin(form, style=Style.NORMAL, heteronym=True)
    parts = []
    for options in readings:
        spelled = {o for r in options for o in (r, r.replace("v", "u"), r.replace("v", "ü"))}
        parts.append("(?:" + "|".join(sorted(map(re.escape, spelled), key=len, reverse=True)) + ")")
    return _SEP.join(parts)


_ZH_TAIL = tuple(sorted(_WORDS - COMMON_ZH, key=len, reverse=True))
_EN_TAIL = re.compile(
    r"[\s,\-]*(?:"
    + _english_words([*(re.escape(t) for t in TRADE_EN if t not in COMMON_EN), *LEGAL_EN])
    + r")(?![A-Za-z0-9])",
    re.IGNORECASE,
)
_LATIN_BEFORE = re.compile(r"(?<![A-Za-z0-9])([A-Za-z]+)[\s,\-]*$")


@dataclass(frozen=True)
class Variants:
    """A company's names as found in text: `forms` (the literal forms, longest first), `pattern` (the
    forms and their pinyin) and `places`, the company's own places that may stand before a form. A
    match grows over the trade words and legal forms after it and the places before it (恒新 → 恒新集团,
    吴江华晟, HuaSheng Precision Co., Ltd., Suzhou ABC)."""

    forms: tuple[str, ...]
    pattern: re.Pattern | None
    places: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return self.pattern is not None

    def _grow(self, text: str, start: int, end: int) -> tuple[int, int]:
        while True:
            word = next((w for w in _ZH_TAIL if text.startswith(w, end)), None)
            latin = _EN_TAIL.match(text, end)
            bracket = _BRACKETS.match(text, end)
            if word:
                end += len(word)
            elif latin and latin.end() > end:
                end = latin.end()
            elif bracket and bracket.group(1) in self.places:
                end = bracket.end()
            else:
                break
        while True:
            place = next((p for p in self.places if text.endswith(p, 0, start)), None)
            latin = _LATIN_BEFORE.search(text, 0, start)
            if place:
                start -= len(place)
            elif latin and latin.group(1).lower() in _place_pinyin():
                start = latin.start()
            else:
                return start, end

    def find(self, text: str) -> list[tuple[int, int]]:
        """Where the company is named in `text`: (start, end) spans, in order, not overlapping."""
        spans: list[tuple[int, int]] = []
        for match in self.pattern.finditer(text or "") if self.pattern else ():
            start, end = self._grow(text, match.start(), match.end())
            if spans and start <= spans[-1][1]:
                spans[-1] = (min(spans[-1][0], start), max(spans[-1][1], end))
            else:
                spans.append((start, end))
        return spans

    def blot(self, text: str, mask: str) -> str:
        out, pos = [], 0
        for start, end in self.find(text):
            out += [text[pos:start], mask]
            pos = end
        return "".join(out) + text[pos:] if out else text


NOTHING = Variants((), None)


@functools.lru_cache(maxsize=4096)
def variants_of(names: tuple[str, ...], districts: tuple[str, ...] = ()) -> Variants:
    """The variants of every name in `names` (Chinese or English names of one company); `districts`:
    the campaign's district names, places of their own besides the national list."""
    local = set()
    for district in districts:
        local |= _short_forms(district.strip())
    places = divisions() | local
    forms: set[str] = set()
    own: set[str] = set(local)
    patterns: list[str] = []
    for raw in names:
        name = " ".join((raw or "").split())
        if not name:
            continue
        if _ALNUM.search(name) and not re.search(r"[\u3400-\u9fff]", name):
            kept = _keep(_english_forms(name), _english_generic, name, lambda f: len(f.split()) < 2)
            forms |= set(kept)
            patterns += [_latin(r"[\s\-]+".join(map(re.escape, f.split())), f) for f in kept]
            continue
        found, dropped = _chinese_forms(name, places)
        kept = _keep(found, lambda f: _generic(f, places), name, lambda f: f in places or f in _WORDS)
        forms |= set(kept)
        own |= {p for p in dropped if len(p) >= 2}
        patterns += [_latin(re.escape(f), f) if _ALNUM.search(f) else re.escape(f) for f in kept]
        # Pinyin of the shortest forms (those holding no other): a match grows over the rest.
        least = [f for f in kept if _CJK.match(f) and not any(g != f and g in f for g in kept)]
        patterns += [_latin(_syllables(f), "a") for f in least if len(f) <= 10]
    if not patterns:
        return NOTHING
    ordered = sorted(forms, key=lambda f: (-len(f), f))
    return Variants(
        tuple(ordered),
        re.compile("|".join(patterns)),
        tuple(sorted(own, key=lambda p: (-len(p), p))),
    )


def name_variants(name: str) -> list[str]:
    """The literal forms of one company name, longest first (the pattern also finds its pinyin)."""
    return list(variants_of((name,)).forms)


def blot(text: str, names: "Variants | list[str]", mask: str) -> str:
    """`text` with every variant in `names` replaced by `mask`; `names` a `Variants` or literal names."""
    if not isinstance(names, Variants):
        names = variants_of(tuple(names))
    return names.blot(text, mask)


def hidden_name(demand) -> Variants:
    """What must be blotted out of `demand`'s public text: nothing when its publication shows the name,
    else every variant of its company name and of its organisation's names (Chinese and English)."""
    publication = getattr(demand, "publication", None)
    if publication is not None and publication.show_company_name:
        return NOTHING
    names = [demand.company_name]
    if demand.organisation_id:
        names += [demand.organisation.name, demand.organisation.name_en]
    districts = tuple(sorted(d.name for d in demand.campaign.districts.all()))
    return variants_of(tuple(n for n in dict.fromkeys(names) if n and n.strip()), districts)
