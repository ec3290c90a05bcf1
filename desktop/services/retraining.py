"""Retraining the category and urgency model with the officers' corrections. No Qt.

``retrain_model(job)`` is the blocking work (shared by ``dutydesk classify retrain`` and the
settings dialog): train on the shipped data plus the corrections, score the new model and the
one in use on the project corpus' held-out split (never trained on), and keep the new model in
the data folder only if it is not worse on macro-F1 nor on urgent recall. The new model is used
from the next start (the sync engine's classifier is loaded at start-up).

``RetrainingService.retrain()`` reads the corrections through the store's reader pool and runs
``retrain_model`` in a separate process (spawned, lower priority), so neither the event loop nor
the GIL is held for the minute training takes; cancelling the awaiting task stops the process.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import multiprocessing
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from desktop.store.corrections import all_corrections
from desktop.store.database import Database

if TYPE_CHECKING:
    from desktop.classify.model import LinearTextModel
    from desktop.classify.training import Example, Metrics, TrainingSet

log = logging.getLogger(__name__)

MODEL_NAME = "category_model"
TOLERANCE = 1e-9  # equal scores keep the new model (it has seen the corrections)
POLL_S = 0.2  # how often the event loop looks for the training process's answer
CHILD_NICENESS = 5

Correction = tuple[str, str, bool]  # text, category value, urgent


def local_model_stem(home: Path) -> Path:
    """Where a retrained model lives; it wins over the shipped one when present."""
    return home / "model" / MODEL_NAME


def model_in_use(home: Path) -> Path:
    from desktop.classify.classifier import MODEL_STEM

    local = local_model_stem(home)
    return local if local.with_suffix(".npz").exists() else MODEL_STEM


@dataclass(frozen=True, slots=True)
class Scores:
    macro_f1: float
    urgent_recall: float
    n: int  # held-out examples scored


@dataclass(frozen=True, slots=True)
class RetrainResult:
    corrections: int  # officers' corrections added to the shipped data
    examples: int  # training examples in all
    before: Scores | None  # the model in use (None: it could not be loaded)
    after: Scores  # the new model
    swapped: bool  # the new model was saved and is used from the next start
    saved_to: Path | None  # its stem (``.npz`` + ``.json``) when swapped
    train_seconds: float


class RetrainError(RuntimeError):
    """Training did not finish (the process failed or ended); the model in use is unchanged."""


def keep_new(before: Scores | None, after: Scores) -> bool:
    """The new model replaces the one in use unless it is worse on either headline score."""
    if before is None:
        return True
    return (
        after.macro_f1 + TOLERANCE >= before.macro_f1
        and after.urgent_recall + TOLERANCE >= before.urgent_recall
    )


@dataclass(frozen=True, slots=True)
class RetrainJob:
    """Everything the training process needs (picklable)."""

    corrections: tuple[Correction, ...]
    home: Path  # the data folder: the retrained model goes to ``home/model``
    # Builds the training set from the corrections; None: the shipped sources
    # (``desktop.classify.training.build_training_set``). Tests pass a smaller one.
    training_set: Callable[[Sequence[Example]], TrainingSet] | None = None


@dataclass(frozen=True, slots=True)
class Trained:
    model: LinearTextModel
    data: TrainingSet
    corpus: Metrics  # on the project corpus' held-out split
    generated: Metrics  # on the generator's held-out split
    seconds: float


def train(
    corrections: Sequence[Example],
    training_set: Callable[[Sequence[Example]], TrainingSet] | None = None,
) -> Trained:
    """Fit a model on the shipped data plus ``corrections`` and score it on the held-out sets;
    the scores and the training sources are recorded in the model's metadata."""
    from desktop.classify.training import build_training_set, evaluate, fit, predict_labels

    data = (training_set or build_training_set)(corrections)
    started = time.perf_counter()
    model = fit(data.train)
    seconds = time.perf_counter() - started
    threshold = model.meta["urgent_threshold"]
    pred, urg = predict_labels(model, data.heldout, threshold)
    held = evaluate(pred, urg, data.heldout)
    gpred, gurg = predict_labels(model, data.heldout_generated, threshold)
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
    return Trained(model, data, held, gen, seconds)


def _scores(metrics: Metrics) -> Scores:
    return Scores(metrics.macro_f1, metrics.urgent_recall, metrics.n)


def _score_current(home: Path, heldout: Sequence[Example]) -> Scores | None:
    from desktop.classify.classifier import Classifier
    from desktop.classify.errors import ModelUnavailable
    from desktop.classify.training import evaluate

    try:
        current = Classifier.load(model_in_use(home))
    except ModelUnavailable as exc:
        log.warning("retrain: the model in use cannot be scored: %s", exc)
        return None
    results = current.classify([ex.text for ex in heldout], with_pii=False)
    metrics = evaluate([r.category.value for r in results], [r.urgent for r in results], heldout)
    return _scores(metrics)


def save_model(model: LinearTextModel, stem: Path) -> None:
    """Write the model next to ``stem`` under a temporary name, then rename both files over the
    old ones (the ``.json`` last), so a half-written model is never loaded."""
    temporary = stem.with_name(f".{stem.name}.new")
    model.save(temporary)
    os.replace(temporary.with_suffix(".npz"), stem.with_suffix(".npz"))
    os.replace(temporary.with_suffix(".json"), stem.with_suffix(".json"))


def retrain_model(job: RetrainJob) -> RetrainResult:
    """Train, compare with the model in use and keep the new one if it is not worse (blocking:
    about a minute with the shipped data)."""
    from desktop.classify.training import Example

    examples = [
        Example(text, category, urgent, "officer") for text, category, urgent in job.corrections
    ]
    trained = train(examples, job.training_set)
    before = _score_current(job.home, trained.data.heldout)
    after = _scores(trained.corpus)
    swapped = keep_new(before, after)
    saved_to = None
    if swapped:
        saved_to = local_model_stem(job.home)
        save_model(trained.model, saved_to)
        log.info("retrained model saved to %s", saved_to)
    return RetrainResult(
        corrections=len(job.corrections),
        examples=len(trained.data.train),
        before=before,
        after=after,
        swapped=swapped,
        saved_to=saved_to,
        train_seconds=round(trained.seconds, 1),
    )


Trainer = Callable[[RetrainJob], RetrainResult]


class RetrainingService:
    """Retraining for the GUI: corrections from the store, training off the event loop."""

    def __init__(
        self,
        db: Database,
        home: Path,
        *,
        trainer: Trainer = retrain_model,
        in_process: bool = True,
        training_set: Callable[[Sequence[Example]], TrainingSet] | None = None,
    ) -> None:
        self.db = db
        self.home = home
        self.trainer = trainer
        self.in_process = in_process  # False: a worker thread (tests, or where spawn is unwanted)
        self.training_set = training_set

    async def retrain(self) -> RetrainResult:
        rows = await self.db.read(all_corrections)
        job = RetrainJob(tuple(rows), self.home, self.training_set)
        if self.in_process:
            return await run_in_process(self.trainer, job)
        return await asyncio.to_thread(self.trainer, job)


# -- a function in a spawned process ---------------------------------------------------------
A = TypeVar("A")
R = TypeVar("R")


def _child(fn: Callable[[A], R], arg: A, conn: Connection) -> None:
    with contextlib.suppress(AttributeError, OSError):
        os.nice(CHILD_NICENESS)  # the officer's window comes first (no os.nice on Windows)
    try:
        result: tuple[str, Any] = ("ok", fn(arg))
    except BaseException as exc:  # reported to the parent, which raises RetrainError
        result = ("error", f"{type(exc).__name__}: {exc}")
    try:
        conn.send(result)
    finally:
        conn.close()


async def run_in_process(fn: Callable[[A], R], arg: A) -> R:
    """``fn(arg)`` in a freshly spawned process, awaited without blocking the event loop (the
    pipe is polled). Cancelling the caller terminates the process. ``fn`` and ``arg`` must be
    picklable (a module-level function)."""
    ctx = multiprocessing.get_context("spawn")
    receiver, sender = ctx.Pipe(duplex=False)
    process = ctx.Process(target=_child, args=(fn, arg, sender), daemon=True, name="dutydesk-work")
    process.start()
    sender.close()
    try:
        while not receiver.poll():
            if not process.is_alive() and not receiver.poll():
                raise RetrainError(f"the training process ended (exit code {process.exitcode})")
            await asyncio.sleep(POLL_S)
        try:
            status, payload = receiver.recv()
        except EOFError as exc:
            raise RetrainError(
                f"the training process ended (exit code {process.exitcode})"
            ) from exc
    except BaseException:
        if process.is_alive():
            process.terminate()
        raise
    finally:
        receiver.close()
        await asyncio.to_thread(process.join, 5)
    if status != "ok":
        raise RetrainError(str(payload))
    result: R = payload
    return result
