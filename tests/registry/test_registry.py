"""The artifact registry (pipeline/registry.py): one object per artifact, registered by name.

A toy artifact, registered here only, builds through ``csplan build`` and
``csplan build --all`` like the built-in ones: adding an artifact is one
module plus one registration.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import copy_fixture
from pipeline import cli, registry
from pipeline.artifacts import Deck, job, localized, output_locales
from pipeline.dump import dump
from pipeline.registry import Artifact, Storyline, Target, register
from pipeline.view import Deck as DeckView
from pipeline.view import Slide

REPO = Path(__file__).resolve().parents[2]


class Toy(Deck):
    """A one-slide deck with the customer's name: the smallest artifact there is."""

    name = "toy"
    output = "{customer}/{customer}-toy-{locale}{variant}.pptx"
    description = "A toy deck (tests only)"
    audiences = ("customer",)
    storyline = Storyline(main=("cover",))

    def views(self, project, target):
        from pipeline.check import check_customer
        from pipeline.clock import stamp_on

        checked = check_customer(project, target.customer, [self.name])
        if not checked.ok:
            return checked.problems, None
        plan = checked.plan

        def view(locale, _):
            slide = Slide("title", plan.customer.name, subtitle=[_("Appendix"), "toy"])
            return DeckView(locale, plan.customer.name, "csplan", "toy", plan.customer.plan.date, [slide])

        files = localized(project, checked.problems, output_locales(plan.customer.output_locales, target.locale),
                          view, lambda locale: self.output.format(customer=target.customer, locale=locale,
                                                                  variant=target.variant))
        return job(checked.problems, files, stamp_on(plan.customer.plan.date))


@pytest.fixture
def toy():
    """Register the toy artifact for one test."""
    registry.artifacts()  # the built-in ones first, as the CLI sees them
    artifact = register(Toy())
    yield artifact
    registry.unregister("toy")


@pytest.fixture
def project_root(tmp_path) -> Path:
    for name in ("templates", "locales"):
        shutil.copytree(REPO / name, tmp_path / name)
    copy_fixture("valid/minimal", tmp_path, "alpha")
    return tmp_path


def test_a_toy_artifact_builds_through_csplan_build(toy, project_root, capsys):
    assert cli.main(["--root", str(project_root), "build", "alpha", "--artifact", "toy", "--lang", "en"]) == 0
    assert capsys.readouterr().out == "wrote build/alpha/alpha-toy-en.pptx\n"
    text = dump(str(project_root / "build/alpha/alpha-toy-en.pptx"))
    assert "toy" in text and "Appendix" in text


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_toy_artifact_builds_through_build_all(toy, project_root, capsys, jobs):
    assert cli.main(["--root", str(project_root), "build", "--all", "--artifact", "toy", "-j", jobs]) == 0
    built = sorted(p.name for p in (project_root / "build/alpha").glob("*.pptx"))
    assert built == ["alpha-toy-en.pptx", "alpha-toy-pl.pptx"]
    manifest = (project_root / "build/manifest.json").read_text()
    assert '"artifact": "toy"' in manifest
    # A second run finds both up to date: the toy's inputs are hashed like any artifact's.
    assert cli.main(["--root", str(project_root), "build", "--all", "--artifact", "toy", "-j", jobs]) == 0
    assert "0 built, 2 up to date" in capsys.readouterr().out


def test_the_registry_refuses_a_second_artifact_with_the_same_name(toy):
    with pytest.raises(ValueError, match="'toy' is already registered"):
        register(Toy())
    with pytest.raises(ValueError, match="'cs-plan' is already registered"):
        register(type("Impostor", (Toy,), {"name": "cs-plan"})())


def test_every_built_in_artifact_has_the_same_methods():
    for artifact in registry.artifacts().values():
        assert isinstance(artifact, Artifact)
        for method in ("targets", "inputs", "views", "warm", "template", "template_path", "render"):
            assert callable(getattr(artifact, method)), (artifact.name, method)
        assert artifact.format in ("pptx", "docx") and artifact.output.endswith(f".{artifact.format}")
        assert artifact.scope in ("customer", "review", "partner")


def test_an_unknown_artifact_is_a_usage_error_listing_the_known_ones(project_root, capsys):
    assert cli.main(["--root", str(project_root), "build", "alpha", "--artifact", "tyo"]) == 2
    err = capsys.readouterr().err
    assert "unknown artifact 'tyo'; artifacts: cs-plan, qbr, ebr, reference, questionnaire" in err


def test_targets_key():
    assert Target("acme", "qbr", "pl", "2026-Q3").key == "acme/qbr@2026-Q3/pl"
    assert Target("acme", "cs-plan").key == "acme/cs-plan/*"
