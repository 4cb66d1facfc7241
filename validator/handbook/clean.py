"""Text clean-up for scraped regulations: pinyin annotations, mojibake, Traditional characters.

Scraped Chinese regulations often carry a pinyin reading after many characters (`加強(qiáng)`).
Where the scraper lost a byte of the GBK stream, the reading is preceded by `?` instead of `(`
and the characters that follow are shifted by one byte (`當(dāng)?shù)卣衅` for `當地招聘`);
`repair_mojibake` re-aligns those runs before the readings are stripped.

The handbook is cleaned in the source's own script (Traditional) and published from there in both
scripts, so the Traditional pages are the source's characters and never a round trip through
Simplified. Every run the importer reconstructed stays marked in the text (private-use
characters, `RECONSTRUCTED` and `CORRECTED`) until the renderer turns the marks into markup.
"""

from __future__ import annotations

import functools
import itertools
import logging
import re
import unicodedata
from collections.abc import Mapping

from opencc import OpenCC

#: letters a pinyin reading is written with (tone marks included; `v` stands for `ü` in ASCII)
PINYIN_LETTERS = "a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
_SYLLABLES = rf"[{PINYIN_LETTERS}]+(?:[\s'’·\-]+[{PINYIN_LETTERS}]+)*"
#: a reading right after a Han character, in ASCII or full-width parentheses; the scraper sometimes
#: leaves a stray `?` or replacement character inside the group.
_READING = re.compile(
    r"(?:(?<=[\u3400-\u9fff\uf900-\ufaff])|(?<=[\u3400-\u9fff\uf900-\ufaff][\ue000-\ue005]))"
    rf"[((]\s*[?\ufffd]?{_SYLLABLES}[?\ufffd]?\s*[))]"
)
#: a reading whose opening parenthesis was swallowed along with a lost byte
_LOST = re.compile(rf"[?\ufffd]({_SYLLABLES})\)")
_TONED = re.compile(r"[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]")

#: open/close marks of a run the repair decoded, of a run an editor's correction restored, and of
#: an editor's insertion (`弄[虚]作假`); private-use characters, so no source text contains them
RECONSTRUCTED = ("\ue000", "\ue001")
CORRECTED = ("\ue002", "\ue003")
INSERTED = ("\ue004", "\ue005")
_MARKS = re.compile("[\ue000-\ue005]")


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


def unmark(text: str) -> str:
    """The text without the reconstruction marks."""
    return _MARKS.sub("", text)


def repair_mojibake(text: str, mark: bool = False) -> str:
    """Re-align the runs a lost GBK byte shifted, guessing the lost byte from the context.

    A run that cannot be decoded loses its marker only, so no `?reading)` is ever published.
    With `mark`, each decoded run is wrapped in the `RECONSTRUCTED` marks.
    """
    opening, closing = RECONSTRUCTED if mark else ("", "")
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
            before = unmark("".join(out))[-4:]
            decoded = _best_decoding(units, before, text[end : end + 4])
        if decoded is None:
            out.append("")
            pos = match.end()
        else:
            out.append(opening + decoded + closing)
            pos = end
    out.append(text[pos:])
    return "".join(out)


def clean_source(text: str) -> str:
    """Canonical form, mojibake repaired (marked), readings stripped: the source's own script."""
    return strip_pinyin(repair_mojibake(normalize(text), mark=True))


def apply_corrections(text: str, corrections: Mapping[str, str]) -> str:
    """Replace each `wrong` (matched ignoring marks) by `right` wrapped in the `CORRECTED` marks.

    A correction that overlaps a decoded run absorbs it: the editor, not the repair, answers for
    the whole run.
    """
    for wrong, right in corrections.items():
        pattern = "[\ue000-\ue005]*".join(re.escape(ch) for ch in wrong)
        while match := re.search(pattern, text):
            start, end = match.start(), match.end()
            opened = text.rfind(RECONSTRUCTED[0], 0, start)
            if opened != -1 and text.rfind(RECONSTRUCTED[1], 0, start) < opened:
                start = opened
            closing = text.find(RECONSTRUCTED[1], end)
            if closing != -1 and text.find(RECONSTRUCTED[0], end, closing) == -1:
                end = closing + 1
            head = unmark(text[start : match.start()])
            tail = unmark(text[match.end() : end])
            text = text[:start] + CORRECTED[0] + head + right + tail + CORRECTED[1] + text[end:]
    return text


def clean(text: str) -> str:
    """The whole clean-up, in order: canonical form, mojibake, readings, Simplified Chinese."""
    return unmark(to_simplified(clean_source(text)))
