"""``dutydesk classify``: JSON Lines in, verdicts out — and the model's training commands.

dutydesk classify < items.jsonl > verdicts.jsonl
    in:  {"id": ..., "text": ...}              one per line
    out: {"id", "category", "confidence", "urgent",
          "pii": [{"kind", "start", "end", "value"}]}   one per input line, in order
dutydesk classify train      build the shipped model (developers; resources/model)
dutydesk classify retrain    shipped data + officers' corrections → a new local model,
                             kept only if it is not worse on the held-out set
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from desktop.commands.common import open_store, say, warn
from desktop.config import Config

BATCH = 512


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    cls = sub.add_parser("classify", help="classify JSON Lines from stdin (see --help)")
    cls.add_argument("verb", nargs="?", choices=["train", "retrain"], default=None)
    cls.add_argument("--out", type=Path, default=None, help="train: where to write the model")
    cls.set_defaults(run=run)


def _batches(stream: TextIO) -> Iterator[list[tuple[Any, str | None, str | None]]]:
    """(id, text, error) per input line, in order, BATCH at a time."""
    batch: list[tuple[Any, str | None, str | None]] = []
    for line in stream:
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except ValueError:
            batch.append((None, None, "not a JSON object"))
        else:
            if not isinstance(row, dict) or not isinstance(row.get("text"), str):
                ident = row.get("id") if isinstance(row, dict) else None
                batch.append((ident, None, "needs a string 'text'"))
            else:
                batch.append((row.get("id"), row["text"], None))
        if len(batch) >= BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def classify_stream(config: Config, source: TextIO, sink: TextIO) -> int:
    from desktop.classify.classifier import Classifier
    from desktop.services.retraining import model_in_use

    classifier = Classifier.load(model_in_use(config.paths.home))
    count = 0
    for batch in _batches(source):
        texts = [text for _, text, _ in batch if text is not None]
        results = iter(classifier.classify(texts))
        for ident, text, error in batch:
            if text is None:
                out: dict[str, Any] = {"id": ident, "error": error}
            else:
                r = next(results)
                out = {
                    "id": ident,
                    "category": r.category.value,
                    "confidence": r.confidence,
                    "urgent": r.urgent,
                    "pii": [
                        {"kind": p.kind, "start": p.start, "end": p.end, "value": p.value}
                        for p in r.pii
                    ],
                }
            sink.write(json.dumps(out, ensure_ascii=False) + "\n")
            count += 1
        sink.flush()
    return count


def run(config: Config, args: argparse.Namespace) -> int:
    if args.verb is None:
        classify_stream(config, sys.stdin, sys.stdout)
        return 0
    if args.verb == "train":
        return train_shipped(args.out)
    return retrain(config)


def train_shipped(out: Path | None) -> int:
    from desktop.classify.classifier import MODEL_STEM
    from desktop.services.retraining import train

    trained = train([])
    stem = out or MODEL_STEM
    trained.model.save(stem)
    held = trained.corpus
    say(f"saved {stem}.npz/.json")
    say(
        f"held-out corpus: macro-F1 {held.macro_f1:.3f}, urgent recall {held.urgent_recall:.3f} "
        f"(n={held.n}); generated: macro-F1 {trained.generated.macro_f1:.3f}"
    )
    return 0


def retrain(config: Config) -> int:
    from desktop.services.retraining import RetrainJob, retrain_model
    from desktop.store.corrections import all_corrections

    with open_store(config) as db:
        rows = db.read_blocking(all_corrections)
    result = retrain_model(RetrainJob(tuple(rows), config.paths.home))
    before = result.before
    was = (
        "unavailable"
        if before is None
        else f"{before.macro_f1:.3f} (urgent recall {before.urgent_recall:.3f})"
    )
    say(
        f"{result.corrections} officer corrections, {result.examples} training examples, "
        f"{result.train_seconds:.0f} s; held-out macro-F1 {was} → {result.after.macro_f1:.3f} "
        f"(urgent recall {result.after.urgent_recall:.3f})"
    )
    if not result.swapped:
        warn("retrain: the new model is worse on the held-out set; the current one stays")
        return 1
    say(f"saved {result.saved_to}.npz/.json; the new model is in use from the next start")
    return 0
