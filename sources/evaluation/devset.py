"""The labelled development set: articles and what a careful reader says each quotation is."""

import json
from dataclasses import dataclass
from pathlib import Path

DEVSET = Path(__file__).resolve().parent / "devset"
ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Label:
    start: int
    end: int
    words: str
    speaker: str
    politician: str | None
    member_id: int | None
    is_paraphrase: bool
    position: str | None
    optional: bool

    @property
    def by_politician(self) -> bool:
        return self.politician is not None


@dataclass(frozen=True)
class Article:
    name: str
    kind: str
    topic: str
    text: str
    labels: list[Label]
    source_url: str = ""


def load_devset(folder: Path = DEVSET) -> list[Article]:
    articles = []
    for path in sorted(folder.glob("*.json")):
        spec = json.loads(path.read_text(encoding="utf-8"))
        text_path = ROOT / spec["text"] if "text" in spec else path.with_suffix(".txt")
        text = text_path.read_text(encoding="utf-8")
        labels = []
        for item in spec["quotations"]:
            labels.append(_label(path.stem, text, item))
        articles.append(
            Article(
                name=path.stem,
                kind=spec["kind"],
                topic=spec["topic"],
                text=text,
                labels=labels,
                source_url=spec.get("source_url", ""),
            )
        )
    return articles


def _label(article: str, text: str, item: dict) -> Label:
    words = item["words"]
    occurrence = item.get("occurrence", 1)
    start = -1
    for _ in range(occurrence):
        start = text.find(words, start + 1)
        if start < 0:
            raise ValueError(f"{article}: “{words[:60]}” is not in the article")
    if "occurrence" not in item and text.count(words) > 1:
        raise ValueError(f"{article}: “{words[:60]}” occurs more than once; give its occurrence")
    return Label(
        start=start,
        end=start + len(words),
        words=words,
        speaker=item["speaker"],
        politician=item["politician"],
        member_id=item["member_id"],
        is_paraphrase=item["is_paraphrase"],
        position=item["position"],
        optional=item.get("optional", False),
    )
