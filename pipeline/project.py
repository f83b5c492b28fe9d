"""Where a csplan project keeps its content, templates and locales.

Customer names become paths, so they are checked here, once, before any
stage touches the file system.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path

CUSTOMER_NAME = re.compile(r"[a-z0-9][a-z0-9-]*")
# Folders under content/ that hold shared data rather than a customer.
SHARED_PREFIX = "_"
# The partner's own folder under content/: its questionnaire answers and the shared health model.
PARTNER_DIR = "_partner"


def relative(path: str | Path, root: Path) -> str:
    """Return ``path`` relative to ``root`` (with '/') when it lies inside it, else ``path`` as given.

    Neither path is resolved: a path outside ``root`` (or a relative one) is
    shown as it was written.
    """
    try:
        return Path(path).relative_to(root).as_posix()
    except ValueError:
        return str(path)


class UsageError(Exception):
    """A command-line mistake that ends the command with one clear line."""


@dataclass(frozen=True)
class Project:
    """The folders of one csplan project."""

    root: Path
    # How messages name csplan so that the commands they print work as typed: "csplan", or
    # "csplan --root DIR" when the project was given with --root.
    command: str = field(default="csplan", compare=False)
    # The deck template chosen with --template (its mapping and fonts/ beside it); None: templates/pptx/default.pptx.
    deck_template: Path | None = None

    @property
    def content(self) -> Path:
        """Return the content folder."""
        return self.root / "content"

    @property
    def partner(self) -> Path:
        """Return the partner's folder (content/_partner/)."""
        return self.content / PARTNER_DIR

    @property
    def templates(self) -> Path:
        """Return the templates folder."""
        return self.root / "templates"

    @property
    def pptx_template(self) -> Path:
        """Return the deck template: the one chosen with --template, else templates/pptx/default.pptx."""
        return self.deck_template or self.templates / "pptx" / "default.pptx"

    @property
    def locales(self) -> Path:
        """Return the locales folder."""
        return self.root / "locales"

    @property
    def build_dir(self) -> Path:
        """Return the folder artifacts are written to."""
        return self.root / "build"

    def rel(self, path: Path) -> str:
        """Return ``path`` relative to the project root, for messages."""
        return relative(path, self.root)

    def customers(self) -> list[str]:
        """Return every customer folder name, sorted."""
        return self.customers_in(self.content)

    @staticmethod
    def customers_in(content: Path) -> list[str]:
        """Return the names of the customer folders in ``content``, sorted."""
        if not content.is_dir():
            return []
        return sorted(
            p.name
            for p in content.iterdir()
            if p.is_dir() and not p.name.startswith((SHARED_PREFIX, ".")) and CUSTOMER_NAME.fullmatch(p.name)
        )

    def customer_dir(self, name: str) -> Path:
        """Return the folder of customer ``name``, or raise UsageError."""
        if not CUSTOMER_NAME.fullmatch(name):
            raise UsageError(
                f"{name!r} is not a customer name: use lower-case letters, digits and '-', "
                f"starting with a letter or digit (e.g. 'acme' or 'nordic-bank')"
            )
        folder = self.content / name
        if folder.is_symlink() or not folder.is_dir():
            known = ", ".join(self.customers()) or "none yet"
            hint = f"customers in {self.rel(self.content)}/: {known}"
            import difflib

            close = difflib.get_close_matches(name, self.customers(), n=1)
            if close:
                hint = f"did you mean {close[0]!r}? " + hint
            raise UsageError(f"no customer {name!r} ({self.rel(folder)}/ does not exist); {hint}; "
                             f"create one with: {self.command} new {name}")
        return folder


def project_root(start: Path) -> Path:
    """Return the nearest folder from ``start`` upwards that holds content/ or csplan.toml (like git), else ``start``.

    Run from content/acme/, csplan acts on the project, not on a content/
    folder of its own.
    """
    for folder in (start, *start.parents):
        if (folder / "content").is_dir() or (folder / "csplan.toml").is_file():
            return folder
    return start


def find_project(root: str | Path | None) -> Project:
    """Return the project at ``root``, or (without one) the project the current folder is in."""
    if not root:
        return Project(project_root(Path.cwd().resolve()))
    path = Path(root).resolve()
    if not path.is_dir():
        raise UsageError(f"--root {root}: no such folder")
    return Project(path, f"csplan --root {shlex.quote(str(root))}")
