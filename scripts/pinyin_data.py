#!/usr/bin/env python3
"""Generate rules/pinyin.tsv, the data of the rule `pinyin/leftover`.

The data is generated rather than typed so that it can be checked and
rebuilt.  It needs four PyPI packages and the clean corpus:

    pip install pypinyin==0.55.0 pypinyin-dict==0.9.0 wordfreq==3.1.1 english-words==2.0.2
    python3 scripts/pinyin_data.py ../shared/corpus/clean > rules/pinyin.tsv

Three sections come out, each under a `# NAME` marker line:

  syllables  every toneless Mandarin syllable (pypinyin's readings of the
             6763 GB 2312 characters; u-umlaut written `v` as IMEs type it)
  words      `pinyin<TAB>word` for the frequent words of official texts,
             only where no other frequent word has the same pinyin
  english    frequent English words that happen to split into syllables
             (`china` = chi+na), which the rule must not report
"""

import argparse
import collections
import math
import os
import re
import sys
from importlib.metadata import version

import wordfreq
from english_words import get_english_words_set
from pypinyin import Style, lazy_pinyin
from pypinyin.contrib.tone_convert import to_normal
from pypinyin.phrases_dict import phrases_dict
from pypinyin.pinyin_dict import pinyin_dict
from pypinyin_dict.phrase_pinyin_data.cc_cedict import phrases_dict as cedict

# What counts as a word: CC-CEDICT's words (from pypinyin-dict) and pypinyin's
# own phrases (which are mostly there to settle polyphones, so lack 学习).
PHRASES = {**cedict, **phrases_dict}

# Words a drafter types in official texts, kept even if the corpus has them
# fewer than MIN_COUNT times (党史学习教育 is a 2021 campaign, newer than most
# of the corpus).
OFFICIAL_WORDS = """
党史 学习 政治 教育 发展 工作 建设 群众 干部 社会 经济 改革 创新 文化 服务 安全
责任 组织 领导 思想 理论 实践 精神 人民 国家 党员 基层 治理 监督 纪律 作风 落实
推进 加强 完善 制度 机制 体系 能力 水平 质量 效率 生态 环境 民生 就业 医疗 养老
乡村 振兴 城市 农村 企业 市场 科技 人才 法治 廉政 宣传 学习教育 党史学习教育
党建 党性 党纪 党规 初心 使命 担当 作为 调研 督导 整改 考核 巡视 巡察 问责
主题教育 专题 党课 支部 党支部 党组织 意识形态 习近平 新时代 中国特色社会主义
高质量发展 全面从严治党 以人民为中心 实事求是 为人民服务 共同富裕 现代化
""".split()

# A word must occur this often in the corpus to be mapped.
MIN_COUNT = 20
# Another word with the same pinyin makes the pinyin ambiguous if the corpus
# has it this often (`zhengzhi` is 政治 or 整治, `dangshi` 党史 or 当时) ...
RIVAL_COUNT = 5
# ... or if general Chinese (wordfreq) uses it more than 1/RIVAL_RATIO as
# often as the word (学系 is 200 times rarer than 学习: no rival).
RIVAL_RATIO = 10
# The rule ignores shorter runs; a key shorter than this could never be used.
MIN_LETTERS = 4
# English words: the most frequent ones of wordfreq's English list.
ENGLISH_TOP = 50000
# How much more often (in Zipf units, log10 per billion words) Chinese must
# use a word than English uses its pinyin for the pinyin not to be English.
ZIPF_MARGIN = 0.5

HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")


def normal(reading):
    """A tone-marked reading as an IME spells it: `lǜ` -> `lv`."""
    return to_normal(reading).replace("ü", "v")


def syllables():
    """Readings of the GB 2312 characters, without the vowelless
    interjections (m, n, ng, hm, hng) and ê, which no word is typed with."""
    found = set()
    for code, readings in pinyin_dict.items():
        try:
            chr(code).encode("gb2312")
        except UnicodeEncodeError:
            continue
        for reading in readings.split(","):
            syllable = normal(reading)
            if syllable.isascii() and re.search("[aeiouv]", syllable):
                found.add(syllable)
    for ime in ("lv", "nv", "lve", "nve"):
        assert ime in found, ime
    return found


def fewest_syllables(run, inventory):
    """The smallest number of syllables `run` splits into (None if it does
    not split), as the rule computes it: `xian` is one syllable, not xi+an."""
    longest = max(map(len, inventory))
    best = [0] + [None] * len(run)
    for end in range(1, len(run) + 1):
        counts = [
            best[end - size] + 1
            for size in range(1, min(longest, end) + 1)
            if best[end - size] is not None and run[end - size:end] in inventory
        ]
        best[end] = min(counts, default=None)
    return best[-1]


def corpus_counts(folder):
    """Counts of the 2-4 character strings inside runs of Han characters."""
    counts = collections.Counter()
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            if not name.endswith((".txt", ".md")):
                continue
            with open(os.path.join(root, name), encoding="utf-8") as f:
                text = f.read()
            for run in HAN_RUN.findall(text):
                for size in (2, 3, 4):
                    for i in range(len(run) - size + 1):
                        counts[run[i:i + size]] += 1
    return counts


def key(word):
    """`党史` -> `dangshi`: the letters a drafter types for the word."""
    return "".join(lazy_pinyin(word, style=Style.NORMAL)).replace("ü", "v")


def phrase_key(readings):
    """The pinyin of a dictionary phrase, from its own readings."""
    return "".join(normal(r[0]) for r in readings)


def frequent_words(counts):
    """The words to map: 2-4 character strings seen at least MIN_COUNT times
    in the corpus that are dictionary words, and the official terms."""
    wanted = {w for w, n in counts.items() if n >= MIN_COUNT and w in PHRASES}
    return wanted | set(OFFICIAL_WORDS)


def homophones(wanted):
    """pinyin -> every dictionary word and wanted word with that pinyin."""
    by_key = collections.defaultdict(set)
    for word, readings in PHRASES.items():
        by_key[phrase_key(readings)].add(word)
    for word in wanted:
        by_key[key(word)].add(word)
    return by_key


def word_map(wanted, counts, inventory, english):
    """pinyin -> word for the wanted words that no homophone rivals (see
    RIVAL_COUNT), whose pinyin is long enough for the rule and not an
    English word that the rule leaves alone."""
    zh = wordfreq.get_frequency_dict("zh")
    by_key = homophones(wanted)

    def rivals(word, other):
        common = zh.get(other, 0) * RIVAL_RATIO > zh.get(word, 0)
        return counts[other] >= RIVAL_COUNT or common

    mapped = {}
    for word in wanted:
        pinyin = key(word)
        if pinyin in english or len(pinyin) < MIN_LETTERS:
            continue
        if (fewest_syllables(pinyin, inventory) or 0) < 2:
            continue
        if not any(rivals(word, other) for other in by_key[pinyin] - {word}):
            mapped[pinyin] = word
    return mapped


def zipf(frequencies, word):
    return math.log10(frequencies.get(word, 1e-9) * 1e9)


def english_words(inventory, wanted):
    """Frequent English words that split into two or more syllables.

    Dictionary words (Webster's 2nd, GCIDE) are kept; a word in neither is
    kept only if it is not the pinyin of a dictionary phrase, which drops
    romanised names (guangzhou, weibo) and keeps modern English (demo,
    timeline).  A word that is also the pinyin of a wanted word is English
    only if English uses it about as often as Chinese uses the word
    (wordfreq, within ZIPF_MARGIN): `name` stays English, `women` (我们) and
    `beijing` (北京) do not.
    """
    dictionary = get_english_words_set(["web2", "gcide"], lower=True, alpha=True)
    phrase_pinyin = {phrase_key(readings) for readings in PHRASES.values()}
    chinese = collections.defaultdict(float)
    zh = wordfreq.get_frequency_dict("zh")
    for word in wanted:
        chinese[key(word)] = max(chinese[key(word)], zipf(zh, word))
    en = wordfreq.get_frequency_dict("en")
    kept = set()
    for word in wordfreq.top_n_list("en", ENGLISH_TOP):
        if not (word.isascii() and word.isalpha() and len(word) >= MIN_LETTERS):
            continue
        if (fewest_syllables(word, inventory) or 0) < 2:
            continue
        if word in chinese and chinese[word] > zipf(en, word) + ZIPF_MARGIN:
            continue
        if word in dictionary or word not in phrase_pinyin:
            kept.add(word)
    return kept


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", help="folder of clean texts (shared/corpus/clean)")
    args = parser.parse_args()

    inventory = syllables()
    counts = corpus_counts(args.corpus)
    wanted = frequent_words(counts)
    english = english_words(inventory, wanted)
    mapped = word_map(wanted, counts, inventory, english)
    keys = {key(w) for w in wanted}

    out = sys.stdout
    out.write(
        "# Data of the rule pinyin/leftover (src/rules/pinyin.rs). Generated, do not edit:\n"
        "#   python3 scripts/pinyin_data.py ../shared/corpus/clean > rules/pinyin.tsv\n"
        f"# PyPI: pypinyin {version('pypinyin')}, pypinyin-dict {version('pypinyin-dict')},"
        f" wordfreq {version('wordfreq')}, english-words {version('english-words')}.\n"
        "# Sections, each after its marker line:\n"
        f"#   syllables  {len(inventory)} toneless syllables of the GB 2312 characters, u-umlaut as v\n"
        f"#   words      pinyin<TAB>word for {len(mapped)} of the {len(keys)} pinyin of {len(wanted)}"
        f" words (2-4 characters\n"
        f"#              seen >= {MIN_COUNT} times in the corpus, and official terms); the"
        " others are too short,\n"
        f"#              English, or shared with a word seen >= {RIVAL_COUNT} times there or"
        f" over 1/{RIVAL_RATIO} as common\n"
        f"#   english    words of wordfreq's top {ENGLISH_TOP} English that split into >= 2"
        " syllables\n"
    )
    out.write("# syllables\n")
    out.writelines(f"{s}\n" for s in sorted(inventory))
    out.write("# words\n")
    out.writelines(f"{k}\t{mapped[k]}\n" for k in sorted(mapped))
    out.write("# english\n")
    out.writelines(f"{w}\n" for w in sorted(english))


if __name__ == "__main__":
    main()
