"""Text clean-up for scraped regulations: pinyin annotations, mojibake, Traditional characters.

Scraped Chinese regulations often carry a pinyin reading after many characters (`加強(qiáng)`).
Where the scraper lost a byte of the GBK stream, the reading is preceded by `?` instead of `(`
and the characters that follow are shifted by one byte (`當(dāng)?shù)卣衅` for `當地招聘`);
`repair_mojibake` re-aligns those runs before the readings are stripped.
"""

from __future__ import annotations

import functools
import itertools
import logging
import re
import unicodedata

from opencc import OpenCC

#: letters a pinyin reading is written with (tone marks included; `v` stands for `ü` in ASCII)
PINYIN_LETTERS = "a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
_SYLLABLES = rf"[{PINYIN_LETTERS}]+(?:[\s'’·\-]+[{PINYIN_LETTERS}]+)*"
#: a reading right after a Han character, in ASCII or full-width parentheses; the scraper sometimes
#: leaves a stray `?` or replacement character inside the group.
_READING = re.compile(
    rf"(?<=[\u3400-\u9fff\uf900-\ufaff])[((]\s*[?\ufffd]?{_SYLLABLES}[?\ufffd]?\s*[))]"
)
#: a reading whose opening parenthesis was swallowed along with a lost byte
_LOST = re.compile(rf"[?\ufffd]({_SYLLABLES})\)")
_TONED = re.compile(r"[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]")


def strip_pinyin(text: str) -> str:
    """Remove pinyin readings after Han characters; `(一)`, `(1)` and `(包括一站通)` stay."""
    return _READING.sub("", text)


def has_pinyin(text: str) -> bool:
    """True when a pinyin reading (a toned syllable in parentheses) is left in the text."""
    return any(_TONED.search(m.group(0)) for m in re.finditer(r"[((][^()()]*[))]", text))


@functools.cache
def _converter(config: str) -> OpenCC:
    return OpenCC(config)


def to_simplified(text: str) -> str:
    """Traditional -> Simplified Chinese (OpenCC `t2s`), the form the handbook is published in."""
    return _PARTICLE_ZHE.sub("着", str(_converter("t2s").convert(text)))


#: t2s keeps 著 (it is also a Simplified character); as the aspect particle it is 着 in Simplified
_PARTICLE_ZHE = re.compile(r"(?<![显名卓编原专论巨遗合土昭拙])著(?![作名称述录书者])")


def to_traditional(text: str) -> str:
    """Simplified -> Traditional Chinese (OpenCC `s2t`), for the Traditional variant of pages."""
    return str(_converter("s2t").convert(text))


def normalize(text: str) -> str:
    """NFC, Unix newlines, no trailing blanks, no BOM: one canonical form to compare and render."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = text.lstrip("\ufeff")
    return "\n".join(line.rstrip() for line in text.split("\n"))


@functools.cache
def _segmenter() -> object:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba.dt


def _plausibility(text: str) -> float:
    """Log-probability of the best jieba segmentation: higher means more like real Chinese."""
    tokenizer = _segmenter()
    simplified = to_simplified(text)
    dag = tokenizer.get_DAG(simplified)  # type: ignore[attr-defined]
    route: dict[int, tuple[float, int]] = {}
    tokenizer.calc(simplified, dag, route)  # type: ignore[attr-defined]
    return route[0][0]


def _is_han_or_ascii(text: str) -> bool:
    return all(("\u4e00" <= ch <= "\u9fff") or (ch.isascii() and ch.isprintable()) for ch in text)


def _span(text: str, start: int) -> tuple[list[int | None], int] | None:
    """The bytes of a misaligned run starting at a lost-byte marker, None for unknown bytes.

    The run ends where the byte count is even again: the stream is back in step.
    """
    units: list[int | None] = []
    pos, odd = start, False
    while True:
        lost = _LOST.match(text, pos)
        if lost:
            units.append(None)
            pos, odd = lost.end(), not odd
        elif pos < len(text):
            try:
                encoded = text[pos].encode("gbk")
            except UnicodeEncodeError:
                return None
            units.extend(encoded)
            pos, odd = pos + 1, odd ^ (len(encoded) % 2 == 1)
        else:
            return None
        if not odd:
            return units, pos


def _best_decoding(units: list[int | None], before: str, after: str) -> str | None:
    """Fill the unknown bytes so that the run decodes to the most plausible Chinese."""
    unknown = [i for i, unit in enumerate(units) if unit is None]
    if len(unknown) > 2:
        return None
    best: tuple[float, str] | None = None
    for values in itertools.product(range(0x40, 0xFF), repeat=len(unknown)):
        candidate = list(units)
        for index, value in zip(unknown, values, strict=True):
            candidate[index] = value
        try:
            decoded = bytes(b for b in candidate if b is not None).decode("gbk")
        except UnicodeDecodeError:
            continue
        if not _is_han_or_ascii(decoded):
            continue
        score = _plausibility(before + decoded + after)
        if best is None or score > best[0]:
            best = (score, decoded)
    return None if best is None else best[1]


def repair_mojibake(text: str) -> str:
    """Re-align the runs a lost GBK byte shifted, guessing the lost byte from the context.

    A run that cannot be decoded loses its marker only, so no `?reading)` is ever published.
    """
    out: list[str] = []
    pos = 0
    for match in _LOST.finditer(text):
        if match.start() < pos:
            continue
        out.append(text[pos : match.start()])
        span = _span(text, match.start())
        decoded = None
        if span is not None:
            units, end = span
            before = "".join(out)[-4:]
            decoded = _best_decoding(units, before, text[end : end + 4])
        if decoded is None:
            out.append("")
            pos = match.end()
        else:
            out.append(decoded)
            pos = end
    out.append(text[pos:])
    return "".join(out)


def clean(text: str) -> str:
    """The whole clean-up, in order: canonical form, mojibake, readings, Simplified Chinese."""
    return to_simplified(strip_pinyin(repair_mojibake(normalize(text))))
