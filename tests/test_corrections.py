"""An officer's classification is stored on the case and as a training example."""

from __future__ import annotations

import random

import pytest
from sqlalchemy import select

from desktop.domain.enums import Category, CategorySource
from desktop.services.corrections import StaleCase, classify_case
from desktop.store.corrections import all_corrections
from desktop.store.database import Database
from desktop.store.ingest import ingest_items
from desktop.store.models import Thread
from tests.factories import comment, setup_accounts


def test_correction_updates_the_case_and_becomes_an_example(db: Database) -> None:
    setup_accounts(db)
    top = comment("Ở chợ có người bán hàng cấm", minutes=0)
    reply = comment("thật không", thread=top.external_id, minutes=5, author="7000000000000009")
    result = db.write_blocking(lambda s: ingest_items(s, items=[top, reply], search=db.search))
    tid = next(iter(result.new_thread_ids))
    done = db.write_blocking(
        lambda s: classify_case(
            s,
            thread_id=tid,
            category=Category.CRIME_TIP,
            urgent=False,
            officer_id=None,
            expected_version=1,
        )
    )
    assert done.version == 2 and done.example_id is not None
    thread = db.read_blocking(lambda s: s.execute(select(Thread)).scalars().one())
    assert thread.category is Category.CRIME_TIP
    assert thread.category_source is CategorySource.OFFICER and thread.version == 2
    assert db.read_blocking(all_corrections) == [
        ("Ở chợ có người bán hàng cấm", "crime_tip", False)
    ]
    with pytest.raises(StaleCase, match="changed since"):
        db.write_blocking(
            lambda s: classify_case(
                s,
                thread_id=tid,
                category=Category.OTHER,
                urgent=False,
                officer_id=None,
                expected_version=1,
            )
        )
    assert db.read_blocking(all_corrections)[-1][1] == "crime_tip"  # the stale write left nothing


@pytest.mark.slow
def test_retrain_keeps_the_current_model_when_the_new_one_is_worse(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import desktop.classify.training as training
    from desktop.cli import main
    from desktop.config import load_config

    real = training.build_training_set
    seen: list[int] = []

    def small(corrections=(), **_kwargs):  # type: ignore[no-untyped-def]
        seen.append(len(corrections))
        data = real(corrections, generated=300, vihos_each=50)
        data.train = random.Random(0).sample(data.train, 600) + list(corrections)  # weak model
        return data

    monkeypatch.setattr(training, "build_training_set", small)
    db = Database(load_config().paths.database)
    db.open()
    setup_accounts(db)
    result = db.write_blocking(
        lambda s: ingest_items(s, items=[comment("bán ma túy ở ngõ 5")], search=db.search)
    )
    tid = next(iter(result.new_thread_ids))
    db.write_blocking(
        lambda s: classify_case(
            s,
            thread_id=tid,
            category=Category.CRIME_TIP,
            urgent=False,
            officer_id=None,
            expected_version=1,
        )
    )
    db.close()
    assert main(["classify", "retrain"]) == 1
    out = capsys.readouterr()
    assert seen == [1] and "1 officer corrections" in out.out
    assert "the current one stays" in out.err
    assert not (load_config().paths.home / "model" / "category_model.npz").exists()
