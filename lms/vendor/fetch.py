"""Vendor the studio's front-end libraries from the npm registry into ``lms/static/vendor/``.

Nothing on a page comes from a CDN: a trainee's phone may be on a network that blocks them, and
a library that changes under us is a library we did not review. ``packages.json`` names each
package, its exact version and the files taken from it; this script downloads the tarball
with ``npm pack``, checks it against the registry's integrity hash, copies those files and
writes ``lms/static/vendor/VENDORED.md`` with version, licence and hash. The files are
committed, so running the site needs neither npm nor the network.

    python lms/vendor/fetch.py            # fetch every package (make vendor)
    python lms/vendor/fetch.py echarts    # one
"""

import base64
import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
TARGET = HERE.parent / "static" / "vendor"
MANIFEST = HERE / "packages.json"


def _npm(*args: str, cwd: Path) -> str:
    return subprocess.run(  # noqa: S603
        ["npm", *args],  # noqa: S607
        cwd=cwd,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def _integrity_ok(tarball: Path, integrity: str) -> bool:
    algorithm, _, expected = integrity.partition("-")
    digest = hashlib.new(algorithm, tarball.read_bytes()).digest()
    return base64.b64encode(digest).decode() == expected


def _copy_members(archive: tarfile.TarFile, wanted: list[str], into: Path) -> list[str]:
    copied = []
    for member in archive.getmembers():
        if not member.isfile():
            continue
        relative = member.name.removeprefix("package/")
        # A minified file's source map comes with it: the hashed static storage follows the
        # file's sourceMappingURL and refuses to collect a file whose map is missing.
        if not any(
            relative in (w, f"{w}.map") or (w.endswith("/") and relative.startswith(w))
            for w in wanted
        ):
            continue
        if relative.endswith(".d.ts"):
            continue
        destination = (into / relative).resolve()
        if into.resolve() not in destination.parents:
            raise SystemExit(f"refusing {member.name}: it leaves {into}")
        destination.parent.mkdir(parents=True, exist_ok=True)
        with archive.extractfile(member) as source, destination.open("wb") as out:
            shutil.copyfileobj(source, out)
        copied.append(relative)
    missing = [w for w in wanted if not any(c == w or c.startswith(w) for c in copied)]
    if missing:
        raise SystemExit(f"not in the package: {', '.join(missing)}")
    return sorted(copied)


def vendor(name: str, spec: dict) -> None:
    """Fetch one package and keep what was taken from it in ``<package>/npm.json``."""
    version = spec["version"]
    with tempfile.TemporaryDirectory() as work:
        workdir = Path(work)
        meta = json.loads(_npm("view", f"{name}@{version}", "--json", cwd=workdir))
        tarball = workdir / _npm("pack", f"{name}@{version}", "--silent", cwd=workdir).split()[-1]
        integrity = meta["dist"]["integrity"]
        if not _integrity_ok(tarball, integrity):
            raise SystemExit(f"{name}@{version}: the tarball does not match {integrity}")
        into = TARGET / name
        shutil.rmtree(into, ignore_errors=True)
        with tarfile.open(tarball) as archive:
            files = _copy_members(archive, spec["files"], into)
    record = {
        "name": name,
        "version": version,
        "license": meta.get("license", "?"),
        "integrity": integrity,
        "why": spec.get("why", ""),
        "files": files,
    }
    (into / "npm.json").write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")


def _write_record(records: list[dict]) -> None:
    lines = [
        "# Vendored front-end libraries",
        "",
        "Written by `lms/vendor/fetch.py` (`make vendor`) from `lms/vendor/packages.json`; do not",
        "edit by hand. Each library is served from these files, never from a CDN.",
        "",
        "| package | version | licence | used for | npm integrity |",
        "|---|---|---|---|---|",
    ]
    for record in records:
        lines.append(
            f"| {record['name']} | {record['version']} | {record['license']} | "
            f"{record['why']} | `{record['integrity']}` |"
        )
    lines.append("")
    (TARGET / "VENDORED.md").write_text("\n".join(lines), encoding="utf-8")


def main(argv: list[str]) -> None:
    manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
    unknown = [name for name in argv if name not in manifest]
    if unknown:
        raise SystemExit(f"not in packages.json: {', '.join(unknown)}")
    TARGET.mkdir(parents=True, exist_ok=True)
    for name in argv or manifest:
        vendor(name, manifest[name])
        print(f"vendored {name}@{manifest[name]['version']}")
    # The record lists every package vendored, now or before.
    records = [
        json.loads(path.read_text(encoding="utf-8"))
        for name in manifest
        if (path := TARGET / name / "npm.json").exists()
    ]
    _write_record(records)


if __name__ == "__main__":
    main(sys.argv[1:])
