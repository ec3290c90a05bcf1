"""Retraining: the decision rule, a real (small) training run, the service reading corrections
from the store, the spawned process (result, failure, cancellation) and the CLI command."""

from __future__ import annotations

import asyncio
import json
import multiprocessing
import time
from collections.abc import Sequence
from pathlib import Path

import pytest

from desktop.classify.classifier import Classifier
from desktop.classify.training import Example, TrainingSet, build_training_set
from desktop.config import load_config
from desktop.domain.enums import Category
from desktop.services.retraining import (
    RetrainError,
    RetrainingService,
    RetrainJob,
    RetrainResult,
    Scores,
    keep_new,
    local_model_stem,
    model_in_use,
    retrain_model,
    run_in_process,
)
from desktop.store.corrections import add_correction
from desktop.store.database import Database

CORRECTION = "Nhóm đòi nợ thuê đang đập phá cửa hàng ở phường Đông Thọ, đề nghị đến ngay"


def small_training_set(corrections: Sequence[Example]) -> TrainingSet:
    """A quarter of the shipped training data and a third of the held-out sets: seconds."""
    full = build_training_set((), generated=300, vihos_each=100)
    return TrainingSet(
        full.train[::4] + list(corrections), full.heldout[::3], full.heldout_generated[::3]
    )


def fake_result(job: RetrainJob) -> RetrainResult:
    """A stand-in trainer (module level: it must be picklable for the spawned process)."""
    return RetrainResult(
        corrections=len(job.corrections),
        examples=100,
        before=Scores(0.8, 0.9, 10),
        after=Scores(0.85, 0.95, 10),
        swapped=True,
        saved_to=None,
        train_seconds=0.0,
    )


def failing_trainer(job: RetrainJob) -> RetrainResult:
    raise ValueError("no data")


def slow_trainer(job: RetrainJob) -> RetrainResult:
    time.sleep(600)
    raise AssertionError("should have been stopped")


# -- the decision -----------------------------------------------------------------------------
def test_the_new_model_is_kept_unless_worse_on_either_score() -> None:
    before = Scores(0.85, 0.96, 100)
    assert keep_new(before, Scores(0.85, 0.96, 100))  # equal: keep (it saw the corrections)
    assert keep_new(before, Scores(0.86, 0.97, 100))
    assert not keep_new(before, Scores(0.90, 0.95, 100))  # urgent recall dropped
    assert not keep_new(before, Scores(0.84, 0.99, 100))  # macro-F1 dropped
    assert keep_new(None, Scores(0.1, 0.1, 100))  # the model in use cannot even be loaded


# -- a real training run -----------------------------------------------------------------------
def test_a_small_retrain_is_not_kept_when_worse_than_the_shipped_model(tmp_path: Path) -> None:
    job = RetrainJob(((CORRECTION, "crime_tip", True),), tmp_path, small_training_set)
    result = retrain_model(job)
    assert result.corrections == 1
    assert result.before is not None and result.before.n == result.after.n > 100
    assert 0.5 < result.before.macro_f1 <= 1.0 and 0.0 < result.after.macro_f1 <= 1.0
    # A quarter of the data scores clearly below the shipped model (about 0.79 against 0.90).
    assert result.after.macro_f1 < result.before.macro_f1
    assert not result.swapped and result.saved_to is None
    assert not local_model_stem(tmp_path).parent.exists()
    assert model_in_use(tmp_path) != local_model_stem(tmp_path)


def test_a_retrained_model_replaces_an_unusable_one_and_is_used(tmp_path: Path) -> None:
    stem = local_model_stem(tmp_path)
    stem.parent.mkdir(parents=True)
    stem.with_suffix(".npz").write_bytes(b"broken")
    stem.with_suffix(".json").write_text("{broken", encoding="utf-8")
    job = RetrainJob(((CORRECTION, "crime_tip", True),), tmp_path, small_training_set)

    result = retrain_model(job)

    assert result.before is None and result.swapped and result.saved_to == stem
    assert model_in_use(tmp_path) == stem
    meta = json.loads(stem.with_suffix(".json").read_text(encoding="utf-8"))["meta"]
    assert meta["train_sources"]["officer"] == {"crime_tip": 1}
    assert meta["heldout_corpus"]["macro_f1"] == pytest.approx(result.after.macro_f1, abs=1e-4)
    assert Classifier.load(stem).classify_one(CORRECTION).category in set(Category)
    assert sorted(p.name for p in stem.parent.iterdir()) == [
        "category_model.json",
        "category_model.npz",
    ]  # no temporary files left

    again = retrain_model(job)  # the same data gives the same model: equal scores keep it
    assert again.before == again.after and again.swapped


# -- the service -----------------------------------------------------------------------------
@pytest.mark.asyncio
async def test_the_service_trains_on_the_stores_corrections(db: Database, tmp_path: Path) -> None:
    db.write_blocking(
        lambda s: add_correction(s, text=CORRECTION, category=Category.CRIME_TIP, urgent=True)
    )
    seen: list[RetrainJob] = []

    def trainer(job: RetrainJob) -> RetrainResult:
        seen.append(job)
        return fake_result(job)

    service = RetrainingService(db, tmp_path, trainer=trainer, in_process=False)
    result = await service.retrain()
    assert result.corrections == 1
    assert seen[0].corrections == ((CORRECTION, "crime_tip", True),)
    assert seen[0].home == tmp_path


@pytest.mark.asyncio
async def test_training_runs_in_a_separate_process(db: Database, tmp_path: Path) -> None:
    service = RetrainingService(db, tmp_path, trainer=fake_result)
    result = await service.retrain()
    assert result == fake_result(RetrainJob((), tmp_path))
    assert multiprocessing.active_children() == []


@pytest.mark.asyncio
async def test_a_failure_in_the_process_is_reported() -> None:
    with pytest.raises(RetrainError, match="ValueError: no data"):
        await run_in_process(failing_trainer, RetrainJob((), Path()))
    assert multiprocessing.active_children() == []


@pytest.mark.asyncio
async def test_cancelling_stops_the_training_process() -> None:
    task = asyncio.ensure_future(run_in_process(slow_trainer, RetrainJob((), Path())))
    while not multiprocessing.active_children():
        await asyncio.sleep(0.05)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert multiprocessing.active_children() == []


# -- the command -----------------------------------------------------------------------------
@pytest.mark.parametrize(("swapped", "code"), [(True, 0), (False, 1)])
def test_the_retrain_command_uses_the_service(
    swapped: bool,
    code: int,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from desktop.commands import classify

    jobs: list[RetrainJob] = []

    def trainer(job: RetrainJob) -> RetrainResult:
        jobs.append(job)
        result = fake_result(job)
        return RetrainResult(
            result.corrections,
            result.examples,
            result.before,
            result.after,
            swapped,
            local_model_stem(job.home) if swapped else None,
            1.0,
        )

    monkeypatch.setattr("desktop.services.retraining.retrain_model", trainer)
    config = load_config()
    assert classify.retrain(config) == code
    out = capsys.readouterr()
    assert jobs[0].home == config.paths.home and jobs[0].corrections == ()
    assert "0.800 (urgent recall 0.900) → 0.850" in out.out
    assert ("next start" in out.out) is swapped
    assert ("current one stays" in out.err) is not swapped
