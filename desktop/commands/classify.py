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
import time
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

    classifier = Classifier.load(_model_stem(config))
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


def _model_stem(config: Config) -> Path | None:
    """A retrained local model wins over the shipped one."""
    local = config.paths.home / "model" / "category_model"
    return local if local.with_suffix(".npz").exists() else None


def run(config: Config, args: argparse.Namespace) -> int:
    if args.verb is None:
        classify_stream(config, sys.stdin, sys.stdout)
        return 0
    if args.verb == "train":
        return train_shipped(args.out)
    return retrain(config)


def _train(corrections: list[Any]) -> tuple[Any, Any, dict[str, Any]]:
    from desktop.classify.training import build_training_set, evaluate, fit, predict_labels

    data = build_training_set(corrections)
    started = time.perf_counter()
    model = fit(data.train)
    seconds = time.perf_counter() - started
    pred, urg = predict_labels(model, data.heldout, model.meta["urgent_threshold"])
    held = evaluate(pred, urg, data.heldout)
    gpred, gurg = predict_labels(model, data.heldout_generated, model.meta["urgent_threshold"])
    gen = evaluate(gpred, gurg, data.heldout_generated)
    model.meta.update(
        {
            "trained_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "train_seconds": round(seconds, 1),
            "train_sources": data.sources(),
            "heldout_corpus": held.as_dict(),
            "heldout_generated": gen.as_dict(),
        }
    )
    return model, data, {"corpus": held, "generated": gen}


def train_shipped(out: Path | None) -> int:
    from desktop.classify.classifier import MODEL_STEM

    model, _data, metrics = _train([])
    stem = out or MODEL_STEM
    model.save(stem)
    held = metrics["corpus"]
    say(f"saved {stem}.npz/.json")
    say(
        f"held-out corpus: macro-F1 {held.macro_f1:.3f}, urgent recall {held.urgent_recall:.3f} "
        f"(n={held.n}); generated: macro-F1 {metrics['generated'].macro_f1:.3f}"
    )
    return 0


def retrain(config: Config) -> int:
    from desktop.classify.classifier import MODEL_STEM, Classifier
    from desktop.classify.training import Example, evaluate
    from desktop.store.corrections import all_corrections

    with open_store(config) as db:
        rows = db.read_blocking(all_corrections)
    corrections = [Example(t, c, u, "officer") for t, c, u in rows]
    model, data, metrics = _train(corrections)
    current = Classifier.load(_model_stem(config) or MODEL_STEM)
    results = current.classify([ex.text for ex in data.heldout])
    before = evaluate(
        [r.category.value for r in results], [r.urgent for r in results], data.heldout
    )
    after = metrics["corpus"]
    say(
        f"{len(corrections)} officer corrections; held-out macro-F1 {before.macro_f1:.3f} → "
        f"{after.macro_f1:.3f}, urgent recall {before.urgent_recall:.3f} → "
        f"{after.urgent_recall:.3f}"
    )
    if after.macro_f1 + 1e-9 < before.macro_f1 or after.urgent_recall + 1e-9 < before.urgent_recall:
        warn("retrain: the new model is worse on the held-out set; the current one stays")
        return 1
    model.save(config.paths.home / "model" / "category_model")
    say("the new model is in use from the next start")
    return 0
