"""The orchestrator: one build of one target, for ``csplan build``, ``build --all`` and every artifact.

    content half   artifact.views()     load → model → validate → views (plain data)
    template       artifact.template()  load and lint the template: its problems join the content's
    render half    artifact.render()    one package per file, all before anything is written
    write          write_all()          deterministic zip, atomic rename, a record per file

In a one-shot process the content half runs in a forked child while this
process warms the render half (see ``pipeline.overlap``); both halves are
the artifact's, whatever its format.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from pipeline.problems import Problem, Problems
from pipeline.project import Project
from pipeline.registry import Target, TemplateProblems, get


@dataclass
class Built:
    """The outcome of building one target: the files written (with their records) or the problems."""

    name: str
    written: list = field(default_factory=list)
    outputs: list[dict] = field(default_factory=list)  # per file: path under build/, sha256, size, mtime_ns
    problems: Problems = field(default_factory=Problems)

    @property
    def ok(self) -> bool:
        """Return True when the build wrote its files."""
        return not self.problems.errors


def build(project: Project, target: Target) -> Built:
    """Check the content of ``target`` and, when clean, write its files (nothing at all after an error)."""
    from pipeline import overlap

    artifact = get(target.artifact)
    result = Built(target.customer)
    problems, job = overlap.run(lambda: artifact.views(project, target), lambda: artifact.warm(project))
    result.problems.extend(problems)
    template = artifact.template(project, result.problems)  # all problems at once: the template's too
    if template is None or job is None or not result.ok:
        return result
    try:
        rendered = [(output, artifact.render(view, template)) for output, view in job.files]
    except TemplateProblems as exc:
        where = project.rel(artifact.template_path(project))
        result.problems.extend(Problem(where, message=message, code=code) for message, code in exc.findings)
        return result
    write_all(project, result, rendered, job.stamp, target)
    return result


def write_all(project: Project, result: Built, rendered: list, stamp: str, target: Target | None = None) -> None:
    """Write each (output under build/, package entries) deterministically and atomically; record each file.

    A file that cannot be written (disk full, read-only folder, file size
    limit) is one problem naming the artifact, the path and the cause; the
    files after it are not attempted, those before it stay written.
    """
    from pipeline.write import atomic_write, clean_stale, zip_entries

    for output, entries in rendered:
        data = zip_entries(entries, stamp)
        out = project.build_dir / output
        try:
            clean_stale(out.parent)
            atomic_write(out, data)
            st = out.stat()
        except OSError as exc:
            what = "it" if target is None else f"the {target.artifact}" + (
                "" if target.customer.startswith("_") else f" of {target.customer}")  # _partner: the questionnaire
            result.problems.error(project.rel(out), f"cannot write {what}: {exc.strerror or exc}", "io.write")
            return
        result.written.append(out)
        result.outputs.append({"path": out.relative_to(project.build_dir).as_posix(),
                               "sha256": hashlib.sha256(data).hexdigest(),
                               "size": st.st_size, "mtime_ns": st.st_mtime_ns})
