"""Tests for pipeline.project: customer names become paths, so they are checked first."""

from __future__ import annotations

import pytest

from pipeline.project import Project, UsageError, find_project


@pytest.fixture
def project(tmp_path):
    for name in ("acme", "nordic-bank", "3m"):
        (tmp_path / "content" / name).mkdir(parents=True)
    (tmp_path / "content" / "_shared").mkdir()
    (tmp_path / "content" / ".hidden").mkdir()
    (tmp_path / "content" / "Bad Name").mkdir()
    (tmp_path / "content" / "file.yaml").write_text("a: 1\n")
    return Project(tmp_path)


def test_folders(tmp_path):
    p = Project(tmp_path)
    assert p.content == tmp_path / "content"
    assert p.templates == tmp_path / "templates"
    assert p.locales == tmp_path / "locales"
    assert p.build_dir == tmp_path / "build"
    assert p.rel(tmp_path / "content" / "x") == "content/x"
    assert p.rel(tmp_path.parent / "other") == str(tmp_path.parent / "other")


def test_customers_lists_only_customer_folders(project):
    assert project.customers() == ["3m", "acme", "nordic-bank"]
    assert Project(project.root / "nowhere").customers() == []


@pytest.mark.parametrize("name", ["acme", "nordic-bank", "3m"])
def test_customer_dir_ok(project, name):
    assert project.customer_dir(name) == project.content / name


@pytest.mark.parametrize("name", ["../x", "/etc", "Acme Corp", "", "ACME", "-x", "a/b", "a\\b", "..", ".",
                                  "acme/", " acme", "acme\n", "_shared", ".hidden", "ą"])
def test_bad_names_are_refused_with_one_line(project, name):
    with pytest.raises(UsageError) as exc:
        project.customer_dir(name)
    message = str(exc.value)
    assert "\n" not in message
    assert message.startswith(f"{name!r} is not a customer name")
    assert "lower-case letters, digits and '-'" in message


def test_unknown_customer(project):
    with pytest.raises(UsageError) as exc:
        project.customer_dir("nobody")
    message = str(exc.value)
    assert "\n" not in message
    assert message == ("no customer 'nobody' (content/nobody/ does not exist); customers in content/: 3m, acme, "
                       "nordic-bank; create one with: csplan new nobody")


def test_unknown_customer_did_you_mean(project):
    with pytest.raises(UsageError, match=r"did you mean 'acme'\?"):
        project.customer_dir("acmee")


def test_unknown_customer_in_empty_project(tmp_path):
    with pytest.raises(UsageError, match="customers in content/: none yet"):
        Project(tmp_path).customer_dir("acme")


def test_a_file_is_not_a_customer(project):
    (project.content / "plain").write_text("x")
    with pytest.raises(UsageError, match="no customer 'plain'"):
        project.customer_dir("plain")


def test_symlinked_customer_folder_is_refused(project, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    (project.content / "linked").symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(UsageError, match="no customer 'linked'"):
        project.customer_dir("linked")


def test_find_project(tmp_path, monkeypatch):
    assert find_project(tmp_path).root == tmp_path.resolve()
    assert find_project(str(tmp_path)).root == tmp_path.resolve()
    monkeypatch.chdir(tmp_path)
    assert find_project(None).root == tmp_path.resolve()
    with pytest.raises(UsageError) as exc:
        find_project(tmp_path / "missing")
    assert str(exc.value) == f"--root {tmp_path / 'missing'}: no such folder"
