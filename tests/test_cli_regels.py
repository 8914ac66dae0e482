"""`wijzer regels …` and `wijzer sjabloon` from the command line."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import Runner
from wijzer.authoring.cases import cases_path, load_cases
from wijzer.loading import default_rules_path, load_answers, load_ruleset

runner = Runner()


def test_controleer_default_rule_set_passes_with_warnings_listed() -> None:
    result = runner.invoke(["regels", "controleer"])
    assert result.exit_code == 0, result.output
    assert "Fouten (0)" in result.stdout
    assert "Waarschuwingen (" in result.stdout
    assert "elke combinatie van antwoorden krijgt precies één advies" in result.stdout
    strict = runner.invoke(["regels", "controleer", "--streng"])
    assert strict.exit_code == 1


def test_controleer_writes_counterexamples_that_load(tmp_path: Path) -> None:
    rules = tmp_path / "r.yaml"
    text = default_rules_path().read_text(encoding="utf-8")
    rules.write_text(
        text.replace(
            "  - id: basis_informeren\n    toelichting: Goed informeren is bij elk project het minimum.\n    voorstel: informeren\n",
            "",
        ),
        encoding="utf-8",
    )
    result = runner.invoke(
        ["regels", "controleer", str(rules), "--voorbeelden", str(tmp_path / "vb")]
    )
    assert result.exit_code == 1
    assert "[gat]" in result.stdout
    written = sorted((tmp_path / "vb").glob("*-gat.yaml"))
    assert written
    project = load_answers(written[0], load_ruleset(rules))
    assert project.antwoorden  # a runnable answer file
    advice = runner.invoke(["advies", "-a", str(written[0]), "-r", str(rules), "-f", "json"])
    assert any(w["regel"] is None for w in json.loads(advice.stdout)["waarschuwingen"])


def test_controleer_reports_a_broken_file_located(tmp_path: Path) -> None:
    rules = tmp_path / "r.yaml"
    rules.write_text("wijzer_regels: 1\nnaam: x\nversie: '1'\nniveaus: []\n", encoding="utf-8")
    result = runner.invoke(["regels", "controleer", str(rules)])
    assert result.exit_code == 1
    assert "r.yaml, regel" in result.stderr


def test_regels_test_runs_the_cases_with_coverage() -> None:
    result = runner.invoke(["regels", "test"])
    assert result.exit_code == 0
    count = len(load_cases(cases_path(default_rules_path()), load_ruleset())[0].voorbeelden)
    assert f"{count} geslaagd, 0 mislukt" in result.stdout
    assert "(100%)" in result.stdout


def test_regels_test_fails_on_a_wrong_case(tmp_path: Path) -> None:
    source = default_rules_path()
    (tmp_path / "r.yaml").write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    cases = source.with_name("standaard.voorbeelden.yaml").read_text(encoding="utf-8")
    (tmp_path / "r.voorbeelden.yaml").write_text(
        cases.replace("niveau: meebeslissen", "niveau: informeren", 1), encoding="utf-8"
    )
    result = runner.invoke(["regels", "test", str(tmp_path / "r.yaml")])
    assert result.exit_code == 1
    assert "✘ Wijkbudget" in result.stdout
    assert "niveau: verwacht informeren, gekregen meebeslissen" in result.stdout


def test_vergelijk_shows_transitions_with_examples(tmp_path: Path) -> None:
    text = default_rules_path().read_text(encoding="utf-8")
    new = tmp_path / "nieuw.yaml"
    new.write_text(
        text.replace(
            "als: {vraag: draagvlak, is: redelijk}", "als: {vraag: draagvlak, is: beperkt}", 1
        ),
        encoding="utf-8",
    )
    result = runner.invoke(["regels", "vergelijk", str(default_rules_path()), str(new)])
    assert result.exit_code == 0, result.output
    assert "adviseren → coproduceren" in result.stdout
    assert "draagvlak: redelijk" in result.stdout
    same = runner.invoke(
        ["regels", "vergelijk", str(default_rules_path()), str(default_rules_path())]
    )
    assert "0 van de" in same.stdout


def test_schema_and_template(tmp_path: Path) -> None:
    schema = json.loads(runner.invoke(["regels", "schema"]).stdout)
    assert "doel" in schema["properties"]["antwoorden"]["properties"]
    rules_schema = json.loads(runner.invoke(["regels", "schema", "--voor", "regels"]).stdout)
    assert "regels" in rules_schema["properties"]
    assert runner.invoke(["regels", "schema", "--voor", "iets"]).exit_code == 2
    target = tmp_path / "leeg.yaml"
    assert runner.invoke(["sjabloon", "-o", str(target)]).exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=")
    assert runner.invoke(["advies", "-a", str(target)]).exit_code == 0
    assert runner.invoke(["sjabloon", "-o", str(target)]).exit_code == 2  # never overwrites


def test_nieuw_scaffolds_a_rule_set_that_checks_and_tests(tmp_path: Path) -> None:
    target = tmp_path / "eigen.yaml"
    assert runner.invoke(["regels", "nieuw", str(target)]).exit_code == 0
    assert (tmp_path / "eigen.voorbeelden.yaml").is_file()
    assert load_ruleset(target).naam == "Eigen participatiewijzer"
    assert runner.invoke(["regels", "controleer", str(target)]).exit_code == 0
    assert runner.invoke(["regels", "test", str(target)]).exit_code == 0
    assert runner.invoke(["regels", "nieuw", str(target)]).exit_code == 2


def test_regels_test_locates_errors_in_the_case_file(tmp_path: Path) -> None:
    (tmp_path / "r.yaml").write_text(
        default_rules_path().read_text(encoding="utf-8"), encoding="utf-8"
    )
    cases = tmp_path / "r.voorbeelden.yaml"
    cases.write_text(
        "wijzer_voorbeelden: 1\nvoorbeelden:\n  - naam: x\n    antwoorden: {doel: advies_vrage}\n"
        "    verwacht: {niveau: adviseren}\n",
        encoding="utf-8",
    )
    result = runner.invoke(["regels", "test", str(tmp_path / "r.yaml")])
    assert result.exit_code == 1
    assert "regel 4 (voorbeelden[0].antwoorden.doel)" in result.stderr
    cases.write_text("wijzer_voorbeelden: 1\nvoorbeelden: []\n---\nx: 1\n", encoding="utf-8")
    result = runner.invoke(["regels", "test", str(tmp_path / "r.yaml")])
    assert "2 YAML-documenten" in result.stderr
    assert "wijzer batch" not in result.stderr  # that hint is for answer files only
