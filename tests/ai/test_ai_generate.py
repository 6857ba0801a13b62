"""The closed generation loop on the scripted endpoint, with the real toolchains."""

from __future__ import annotations

import json
from pathlib import Path

from intheflow.ai.actions import adapt_tests, generated_tests_path, inline_tests, sandbox_for
from intheflow.ai.generate import GenerationReport, code_blocks, generate
from intheflow.ai.remote import RemoteProvider
from intheflow.ai.rules_bridge import code_rule_check
from intheflow.ai.runners import LAYOUTS, run_tests
from intheflow.ai.settings import RemoteSettings
from intheflow.cli import main
from scripted_openai import Reply, Script

PLAN = "- write add\n- test it"
BAD = (
    '```python\ndef add(a, b):\n    """Adds."""\n    return a - b\n```\n'
    "```python\nfrom solution import add\n\n\ndef test_add():\n    assert add(2, 3) == 5\n```\n"
)
GOOD = BAD.replace("return a - b", "return a + b")
DOCS = "Use `add(a, b)` to add two numbers."


def _provider(url: str) -> RemoteProvider:
    return RemoteProvider(RemoteSettings(base_url=url, retries=0))


def test_code_blocks_are_extracted_even_when_cut_off() -> None:
    assert code_blocks("x\n```go\npackage a\n```\ntext\n```go\nfunc f() {\n") == [
        "package a\n",
        "func f() {\n",
    ]


def test_repair_loop_first_fails_second_passes_third_never_requested(
    endpoint: str, script: Script, tmp_path: Path
) -> None:
    script.replies = [Reply(text=PLAN), Reply(text=BAD), Reply(text=GOOD), Reply(text=DOCS)]
    script.strict = True  # a fifth request would be answered 500
    lines: list[str] = []
    report = generate(
        _provider(endpoint),
        "add two numbers",
        "python",
        tmp_path / "out",
        max_rounds=3,
        on_log=lines.append,
    )
    assert report.accepted and len(report.rounds) == 2
    assert not report.rounds[0].test_ok and "assert -1 == 5" in report.rounds[0].errors
    assert report.rounds[1].accepted
    assert len(script.requests) == 4  # plan, round 1, round 2, docs: no third round
    repair = script.requests[2]["messages"]
    assert repair[-2]["role"] == "assistant" and "return a - b" in repair[-2]["content"]
    assert "assert -1 == 5" in repair[-1]["content"]  # the real pytest output was fed back
    out = tmp_path / "out"
    assert "return a + b" in (out / "solution.py").read_text()
    assert (out / "README.md").read_text().startswith("## add two numbers")
    assert "doc comments on 1/1 functions" in report.docs
    events = [json.loads(x) for x in (out / "generation-log.jsonl").read_text().splitlines()]
    assert [e["step"] for e in events] == ["plan", "round", "round", "result"]
    assert any(line.startswith("round 1/3: failed") for line in lines)
    assert any(line.startswith("round 2/3: ACCEPTED") for line in lines)


def test_loop_reports_failure_with_last_errors(
    endpoint: str, script: Script, tmp_path: Path
) -> None:
    script.replies = [Reply(text=PLAN), Reply(text=BAD)]
    report = generate(_provider(endpoint), "add", "python", tmp_path / "o", max_rounds=2)
    assert not report.accepted and len(report.rounds) == 2
    assert "assert -1 == 5" in report.last_errors and report.docs == []


def test_code_rules_reject_passing_code(
    endpoint: str, script: Script, example_workspace: Path
) -> None:
    noisy = GOOD.replace('    """Adds."""\n', '    """Adds."""\n    print("adding")\n')
    script.replies = [Reply(text=PLAN), Reply(text=noisy), Reply(text=GOOD), Reply(text=DOCS)]
    check = code_rule_check(example_workspace)
    out = example_workspace / "services" / "generated"
    report = generate(_provider(endpoint), "add", "python", out, rule_check=check)
    first = report.rounds[0]
    assert first.test_ok and not first.accepted
    assert any("no-print-in-services" in p for p in first.rule_problems)
    assert report.accepted and len(report.rounds) == 2


def test_go_loop_with_the_real_go_toolchain(endpoint: str, script: Script, tmp_path: Path) -> None:
    code = "```go\npackage solution\n\n// Add adds.\nfunc Add(a, b int) int { return a + b }\n```\n"
    tests = (
        '```go\npackage solution\n\nimport "testing"\n\n'
        'func TestAdd(t *testing.T) {\n\tif Add(2, 3) != 5 {\n\t\tt.Fatal("bad")\n\t}\n}\n```\n'
    )
    script.replies = [Reply(text=PLAN), Reply(text=code + tests), Reply(text=DOCS)]
    report = generate(_provider(endpoint), "add", "go", tmp_path / "g", max_rounds=1)
    assert report.accepted, report.last_errors
    assert report.rounds[0].command == "go test ./..."


def test_java_and_rust_runners(tmp_path: Path) -> None:
    j = tmp_path / "j"
    j.mkdir()
    (j / "Solution.java").write_text(
        "public class Solution { static int add(int a, int b) { return a + b; } }\n"
    )
    (j / "SolutionTest.java").write_text(
        "public class SolutionTest { public static void main(String[] a) { "
        'if (Solution.add(2, 3) != 6) throw new AssertionError("add"); } }\n'
    )
    failing = run_tests("java", j)
    assert not failing.ok and "AssertionError: add" in failing.output
    r = tmp_path / "r"
    r.mkdir()
    (r / "solution.rs").write_text(
        "pub fn add(a: i32, b: i32) -> i32 { a + b }\n"
        "#[cfg(test)]\nmod tests {\n    use super::*;\n    #[test]\n"
        "    fn adds() { assert_eq!(add(2, 3), 5); }\n}\n"
    )
    passing = run_tests("rust", r)
    assert passing.ok, passing.output


def test_generate_cli_exit_codes(endpoint: str, script: Script, tmp_path: Path) -> None:
    script.replies = [Reply(text=PLAN), Reply(text=GOOD), Reply(text=DOCS)]
    out = tmp_path / "cli"
    argv = [
        "generate",
        "add two numbers",
        "--lang",
        "python",
        "--out",
        str(out),
        "--base-url",
        endpoint,
        "--workspace",
        str(tmp_path),
    ]
    assert main(argv) == 0
    assert (out / "test_solution.py").exists()
    unreachable = [
        "generate",
        "x",
        "--lang",
        "python",
        "--out",
        str(out),
        "--base-url",
        "http://127.0.0.1:9/v1",
        "--workspace",
        str(tmp_path),
    ]
    assert main(unreachable) == 3
    bad = tmp_path / "s.json"
    bad.write_text('{"provider": ')
    assert main(["ai", "status", "--settings", str(bad)]) == 2


def _tests_for_existing(
    url: str, language: str, module: Path, qualname: str, out: Path
) -> tuple[GenerationReport, str]:
    code = module.read_text()
    inputs = sandbox_for(language, str(module))
    report = generate(
        _provider(url),
        f"unit tests for the function {qualname}",
        language,
        out,
        fixed_code=code,
        code_name=inputs.code_name,
        extra_files=inputs.extra_files,
        max_rounds=3,
    )
    return report, (out / LAYOUTS[language].tests).read_text() if report.accepted else ""


def test_go_tests_for_an_existing_function_build_with_its_package(
    endpoint: str, script: Script, tmp_path: Path
) -> None:
    pkg = tmp_path / "ledger"
    pkg.mkdir()
    (pkg / "fees.go").write_text("package ledger\n\n// Fee is charged per entry.\nconst Fee = 2\n")
    module = pkg / "post.go"
    module.write_text(
        "package ledger\n\n// Post adds the fee.\nfunc Post(a int) int { return a + Fee }\n"
    )
    tests = (
        '```go\npackage ledger\n\nimport "testing"\n\n'
        'func TestPost(t *testing.T) {\n\tif Post(3) != 5 {\n\t\tt.Fatal("bad")\n\t}\n}\n```\n'
    )
    script.replies = [Reply(text=PLAN), Reply(text=tests), Reply(text=DOCS)]
    report, written = _tests_for_existing(endpoint, "go", module, "Post", tmp_path / "sb")
    assert report.accepted, report.last_errors  # builds only with fees.go beside it
    assert "package ledger" in script.requests[1]["messages"][1]["content"]
    assert generated_tests_path(str(module), "Post", "go").name == "post_post_generated_test.go"
    assert adapt_tests(written, str(module), "go", "Post") == written


def test_java_tests_repair_and_join_the_class_package(
    endpoint: str, script: Script, tmp_path: Path
) -> None:
    module = tmp_path / "Ledger.java"
    module.write_text(
        "package com.acme;\n\n/** Ledger maths. */\npublic class Ledger {\n"
        "    /** Adds. */\n    public static int add(int a, int b) { return a + b; }\n}\n"
    )

    def harness(expected: int) -> str:
        return (
            "```java\npackage com.acme;\n\npublic class SolutionTest {\n"
            "    public static void main(String[] args) {\n"
            f'        if (Ledger.add(2, 3) != {expected}) throw new AssertionError("add");\n'
            "    }\n}\n```\n"
        )

    script.replies = [Reply(text=PLAN), Reply(text=harness(6)), Reply(text=harness(5))]
    script.replies.append(Reply(text=DOCS))
    report, written = _tests_for_existing(endpoint, "java", module, "add", tmp_path / "sb")
    assert report.accepted and len(report.rounds) == 2, report.last_errors
    assert "AssertionError: add" in report.rounds[0].errors  # fed back, then repaired
    assert "com.acme.SolutionTest" in report.rounds[1].command
    target = generated_tests_path(str(module), "add", "java")
    assert target.name == "LedgerAddGeneratedTest.java"
    assert "public class LedgerAddGeneratedTest" in adapt_tests(written, str(module), "java", "add")


def test_rust_tests_are_a_module_appended_to_the_file(
    endpoint: str, script: Script, tmp_path: Path
) -> None:
    module = tmp_path / "fees.rs"
    code = "/// Adds the fee.\npub fn with_fee(a: i32) -> i32 {\n    a + 2\n}\n"
    module.write_text(code)
    tests = (
        "```rust\n#[cfg(test)]\nmod generated_tests {\n    use super::*;\n    #[test]\n"
        "    fn adds_the_fee() {\n        assert_eq!(with_fee(3), 5);\n    }\n}\n```\n"
    )
    script.replies = [Reply(text=PLAN), Reply(text=tests), Reply(text=DOCS)]
    report, written = _tests_for_existing(endpoint, "rust", module, "with_fee", tmp_path / "sb")
    assert report.accepted, report.last_errors
    assert report.rounds[0].command.startswith("rustc --edition 2021 --test")
    module_text = inline_tests(written, code)
    assert module_text.startswith("#[cfg(test)]\nmod generated_tests {")
    assert generated_tests_path(str(module), "with_fee", "rust") == module
