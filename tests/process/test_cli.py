"""`intheflow process run|status|history|complete-task|resume|worker` on a real SQLite store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from intheflow.cli import main

PROCESSES = Path(__file__).resolve().parents[2] / "examples" / "payments" / "processes"
MODEL = str(PROCESSES / "charge-a-card.bpmn")
CARD = '--var=card_number="4111111111111111"'


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "cli.db")


def test_run_review_complete_and_history(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["process", "run", MODEL, "--db", db, "--id", "p1", "--var", "amount=2500", CARD]) == 0
    )
    out = capsys.readouterr().out
    assert "status waiting" in out and "waiting: task Task_review" in out
    assert main(["process", "status", "--db", db]) == 0
    assert "p1  charge_a_card  waiting" in capsys.readouterr().out
    assert (
        main(
            ["process", "complete-task", "p1", "Task_review", "--db", db, "--var", "approved=true"]
        )
        == 0
    )
    assert "status completed" in capsys.readouterr().out
    assert main(["process", "history", "p1", "--db", db]) == 0
    hist = capsys.readouterr().out
    assert "task_completed" in hist and "Task_charge" in hist
    assert "decision payment_risk: rule Rule_large fired" in hist  # 2,500 EUR: a review
    assert main(["process", "history", "p1", "--db", db, "--json"]) == 0
    events = json.loads(capsys.readouterr().out)
    assert (
        events[0]["event"]["kind"] == "started" and events[-1]["event"]["node"] == "EndEvent_paid"
    )
    assert main(["process", "status", "p1", "--db", db, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["status"] == "completed"


def test_bad_input_gives_clear_errors_and_exit_codes(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["process", "run", str(tmp_path / "nope.bpmn"), "--db", db]) == 2
    assert "no such model file" in capsys.readouterr().err
    assert main(["process", "run", MODEL, "--db", db, "--vars", "{not json"]) == 2
    assert "--vars is not JSON" in capsys.readouterr().err
    assert main(["process", "run", MODEL, "--db", db, "--process", "other"]) == 2
    assert "no process 'other'" in capsys.readouterr().err
    assert main(["process", "history", "missing", "--db", db]) == 2
    assert main(["process", "complete-task", "missing", "Task_review", "--db", db]) == 2
    bad = tmp_path / "bad.bpmn"
    bad.write_text("<bpmn:definitions")
    assert main(["process", "run", str(bad), "--db", db]) == 2
    assert "bad.bpmn:1:" in capsys.readouterr().err


def test_incident_exit_code_and_resume_with_retry(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(["process", "run", MODEL, "--db", db, "--id", "p2", '--var=amount="many"', CARD]) == 1
    )
    assert "incident at Task_validate" in capsys.readouterr().out
    assert main(["process", "resume", "p2", "--db", db, "--retry"]) == 1
    assert "incident" in capsys.readouterr().out
    assert main(["process", "resume", "--db", db]) == 0  # nothing due: a no-op


def test_call_activity_runs_a_process_from_a_sibling_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import shutil

    fixture = Path(__file__).parent / "fixtures" / "order-bpmnio.bpmn"
    order = tmp_path / "order.bpmn"
    order.write_text(
        fixture.read_text().replace('name="Email">', 'name="Email" camunda:topic="notify">')
    )
    for name in ("charge-a-card.bpmn", "payment_risk.dmn", "charge-a-card.guards.json"):
        shutil.copy(PROCESSES / name, tmp_path / name)
    db = str(tmp_path / "o.db")
    argv = ["process", "run", str(order), "--db", db, "--id", "o1", "--var", "amount=30"]
    assert main([*argv, CARD, "--var", "phone=null", "--json"]) == 0
    state = json.loads(capsys.readouterr().out)
    assert state["status"] == "completed" and state["variables"]["charge_id"].startswith("ch_")
    assert main(["process", "history", "o1", "--db", db]) == 0
    assert "Task_charge" in capsys.readouterr().out  # ran inside the called process


def test_resume_all_returns_when_only_far_timers_remain(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(["process", "run", MODEL, "--db", db, "--id", "t1", "--var", "amount=2000", CARD]) == 0
    )
    capsys.readouterr()
    assert main(["process", "resume", "--db", db]) == 0  # the 48 h review timer is not due
    assert "resumed: 0 step(s) run" in capsys.readouterr().out


def test_convert_bpmn_to_json_and_back_is_lossless(tmp_path: Path) -> None:
    from intheflow.process.bpmn import read_bpmn
    from intheflow.process.jsonform import read_json

    js, back = tmp_path / "m.process.json", tmp_path / "m.bpmn"
    assert main(["process", "convert", MODEL, str(js)]) == 0
    assert main(["process", "convert", str(js), str(back)]) == 0
    original = read_bpmn(Path(MODEL).read_text()).definitions
    assert read_json(js.read_text()).definitions == original
    assert read_bpmn(back.read_text()).definitions == original
    assert main(["process", "convert", str(tmp_path / "none.bpmn"), str(js)]) == 2
