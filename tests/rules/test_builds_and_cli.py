"""The compiled and the pure-Python builds agree; the `intheflow rules` commands behave."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import intheflow_rules
from intheflow.cli import main

from tests.conftest import EXAMPLES, REPO
from tests.rules.corpus import REALISTIC, random_table

DIFF_SCRIPT = """
import json, random, sys
sys.path.insert(0, sys.argv[1])
from tests.rules.corpus import REALISTIC, random_table
from intheflow_rules import engine_info, load_text
out = {"compiled": engine_info().compiled, "results": []}
models = [b() for b in REALISTIC] + [random_table(s, 12) for s in range(5)]
for n, (graph, make) in enumerate(models):
    model = load_text(json.dumps(graph))
    rng = random.Random(n)
    batch = [make(rng) for _ in range(300)]
    out["results"].append([o.to_dict() for o in model.evaluate_batch(batch)])
print(json.dumps(out))
"""


def run_diff(env: dict[str, str]) -> dict:
    proc = subprocess.run(
        [sys.executable, "-c", DIFF_SCRIPT, str(REPO)],
        capture_output=True,
        text=True,
        env=env,
        cwd="/",
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_installed_build_is_compiled() -> None:
    info = intheflow_rules.engine_info()
    assert info.compiled, f"expected the mypyc build, got {info.describe()}"
    assert "site-packages" in info.module_file


def test_compiled_and_pure_python_builds_agree() -> None:
    compiled = run_diff(dict(os.environ))
    pure_env = dict(os.environ, PYTHONPATH=str(REPO / "rules"), INTHEFLOW_RULES_PURE="1")
    pure = run_diff(pure_env)
    assert compiled["compiled"] is True and pure["compiled"] is False
    assert len(compiled["results"]) == len(REALISTIC) + 5
    assert compiled["results"] == pure["results"]


def test_rules_info_says_which_build(capsys) -> None:
    assert main(["rules", "info"]) == 0
    assert "mypyc-compiled" in capsys.readouterr().out


def test_rules_eval_single_and_batch(tmp_path: Path, capsys) -> None:
    model = EXAMPLES / "rules" / "decisions" / "pricing.json"
    code = main(
        [
            "rules",
            "eval",
            str(model),
            "--input",
            '{"customer": {"tier": "gold"}, "cart": {"total": 250, "items": 5}}',
        ]
    )
    assert code == 0
    assert json.loads(capsys.readouterr().out) == {"discount": 0.1, "label": "Gold bulk"}
    batch = tmp_path / "in.jsonl"
    batch.write_text('{"customer": {"tier": "platinum"}, "cart": {"total": 900}}\n{"cart": {}}\n')
    assert main(["rules", "eval", str(model), "--input", f"@{batch}"]) == 0
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert lines == [{"result": {"discount": 0.2, "label": "VIP 20%"}}, {"result": {"discount": 0}}]


def test_rules_eval_bad_input_and_bad_model(tmp_path: Path, capsys) -> None:
    model = EXAMPLES / "rules" / "decisions" / "pricing.json"
    assert main(["rules", "eval", str(model), "--input", "{nope"]) == 2
    assert "invalid JSON input" in capsys.readouterr().err
    bad = tmp_path / "bad.json"
    bad.write_text('{"nodes": [], "edges": [}')
    assert main(["rules", "eval", str(bad), "--input", "{}"]) == 2
    err = capsys.readouterr().err
    assert f"{bad}:1:" in err


def test_rules_test_and_lint(tmp_path: Path, capsys) -> None:
    assert main(["rules", "test", str(EXAMPLES / "rules")]) == 0
    out = capsys.readouterr().out
    assert "0 failed" in out and "passed" in out
    broken = tmp_path / "m.json"
    broken.write_text(json.dumps({"kind": "ruleset", "rules": [{"id": "a", "then": {"x": "1 +"}}]}))
    (tmp_path / "m.test.yaml").write_text("model: m.json\ncases: []\n")
    assert main(["rules", "lint", str(tmp_path)]) == 1
    assert "expr-syntax" in capsys.readouterr().out
    assert main(["rules", "test", str(tmp_path)]) == 1


def test_rules_bench_runs(capsys) -> None:
    model = EXAMPLES / "rules" / "payment-risk.rules.json"
    assert main(["rules", "bench", str(model), "-n", "500", "--input", '{"amount": 10}']) == 0
    assert "decisions/s" in capsys.readouterr().out


def test_corpus_is_large_enough() -> None:
    assert len(REALISTIC) >= 10
    graph, _ = random_table(0, 5)
    assert graph["nodes"][1]["type"] == "decisionTableNode"
