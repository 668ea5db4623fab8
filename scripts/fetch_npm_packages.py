#!/usr/bin/env python3
"""Install the front-end packages named in package-lock.json without npm.

`make setup` uses `npm ci --ignore-scripts` where npm is installed and this script where it
is not, so a fresh machine still needs only Python. It reads the lock file (lockfileVersion 2
or 3), downloads each package's `resolved` tarball, checks it against the lock's `integrity`
(Subresource Integrity: sha512, sha384 or sha256), and unpacks it into the path the lock
names (`node_modules/<name>/`), the way npm does: the tarball's first folder is stripped,
links are never created, install scripts never run.

Nothing is written until every tarball has been downloaded and verified; a tarball whose
hash differs, or that holds an absolute path or a `..` step, stops the whole install and
leaves node_modules as it was. A package whose installed copy carries the same integrity is
not downloaded again, so a second run changes nothing. Standard library only.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import hmac
import io
import json
import shutil
import sys
import tarfile
import tempfile
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

ROOT = Path(__file__).resolve().parent.parent
MARKER = ".praksis-integrity"
# Strongest first: the first algorithm the lock offers from this list is the one checked.
ALGORITHMS = ("sha512", "sha384", "sha256")
MAX_TARBALL_BYTES = 100 * 1024 * 1024
NAME_CHARACTERS = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")

Opener = Callable[[str], bytes]


class Refused(Exception):
    """The lock file or a tarball is not safe or not what the lock promises."""


@dataclass(frozen=True)
class Package:
    path: str  # where it goes, relative to the project: "node_modules/@scope/name"
    version: str
    resolved: str
    integrity: str
    dev: bool

    @property
    def depth(self) -> int:
        return self.path.count("/node_modules/")


def read_lock(lock_path: Path, *, include_dev: bool = True) -> list[Package]:
    """The packages a lock file names, checked: every install path is a plain
    node_modules path and every package has a tarball address and an integrity hash."""
    try:
        lock = json.loads(lock_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise Refused(f"cannot read {lock_path}: {error}") from error
    if lock.get("lockfileVersion") not in (2, 3) or not isinstance(lock.get("packages"), dict):
        raise Refused(f"{lock_path} must be an npm lock file with lockfileVersion 2 or 3")
    packages = []
    for path, entry in lock["packages"].items():
        if path == "":
            continue
        check_install_path(path)
        if entry.get("link"):
            raise Refused(f"{path}: linked (workspace) packages are not supported")
        if entry.get("dev") and not include_dev:
            continue
        resolved, integrity = entry.get("resolved"), entry.get("integrity")
        if not resolved or not integrity:
            raise Refused(
                f"{path}: the lock has no 'resolved' address or 'integrity' hash; "
                "regenerate it with the project's .npmrc (omit-lockfile-registry-resolved=false)"
            )
        packages.append(
            Package(path, entry.get("version", "?"), resolved, integrity, bool(entry.get("dev")))
        )
    return packages


def check_install_path(path: str) -> None:
    """A lock key must be node_modules/<name> or node_modules/@scope/<name>, possibly nested
    (…/node_modules/<name>), and nothing else: no absolute paths, no '.' or '..' steps."""
    parts = path.split("/")
    position = 0
    while position < len(parts):
        if parts[position] != "node_modules":
            raise Refused(f"{path!r} is not a node_modules install path")
        position += 1
        if position < len(parts) and parts[position].startswith("@"):
            if not is_name(parts[position][1:]):
                raise Refused(f"{path!r} is not a node_modules install path")
            position += 1
        if position >= len(parts) or not is_name(parts[position]):
            raise Refused(f"{path!r} is not a node_modules install path")
        position += 1


def is_name(segment: str) -> bool:
    return (
        bool(segment)
        and not segment.startswith(".")
        and set(segment) <= NAME_CHARACTERS
        and segment not in {".", ".."}
    )


def strongest_hash(integrity: str) -> tuple[str, bytes]:
    """The strongest supported (algorithm, digest) pair in an SRI string such as
    'sha512-<base64> sha1-<base64>'. A lock offering only weaker hashes is refused."""
    offered = {}
    for token in integrity.split():
        algorithm, _, encoded = token.partition("-")
        try:
            offered[algorithm] = base64.b64decode(encoded.split("?")[0], validate=True)
        except ValueError:
            continue
    for algorithm in ALGORITHMS:
        if algorithm in offered:
            return algorithm, offered[algorithm]
    raise Refused(f"no sha512, sha384 or sha256 hash in integrity {integrity!r}")


def verify(package: Package, data: bytes) -> None:
    """The tarball's hash must equal the lock's; otherwise nothing is installed."""
    algorithm, expected = strongest_hash(package.integrity)
    actual = hashlib.new(algorithm, data).digest()
    if not hmac.compare_digest(actual, expected):
        raise Refused(
            f"{package.path} {package.version}: the tarball from {package.resolved} does not "
            f"match the lock's {algorithm} integrity (expected "
            f"{base64.b64encode(expected).decode()}, got {base64.b64encode(actual).decode()})"
        )


def https_opener(url: str) -> bytes:
    """Download a tarball over HTTPS (no other scheme), at most MAX_TARBALL_BYTES."""
    if not url.startswith("https://"):
        raise Refused(f"refusing to download {url!r}: only https:// addresses are fetched")
    request = urllib.request.Request(url, headers={"User-Agent": "praksis-fetch-npm-packages"})
    with urllib.request.urlopen(request, timeout=60) as response:
        data = response.read(MAX_TARBALL_BYTES + 1)
    if len(data) > MAX_TARBALL_BYTES:
        raise Refused(f"{url} is larger than {MAX_TARBALL_BYTES} bytes")
    return data


def unpack(package: Package, data: bytes, target: Path) -> None:
    """Unpack a verified tarball into the empty folder `target` as npm does: strip the
    first path component, make folders and regular files only (links, devices and fifos are
    skipped, as npm skips them). An absolute path or a '..' step refuses the package."""
    try:
        archive = tarfile.open(fileobj=io.BytesIO(data), mode="r:*")
    except tarfile.TarError as error:
        raise Refused(f"{package.path}: not a tar archive ({error})") from error
    root = target.resolve()
    with archive:
        for member in archive:
            relative = member_path(package, member.name)
            if relative is None or not (member.isfile() or member.isdir()):
                continue
            destination = root.joinpath(*relative.parts)
            if not destination.resolve().is_relative_to(root):
                raise Refused(f"{package.path}: {member.name!r} points outside the package")
            if member.isdir():
                destination.mkdir(parents=True, exist_ok=True)
                continue
            destination.parent.mkdir(parents=True, exist_ok=True)
            source = archive.extractfile(member)
            with source, destination.open("wb") as out:
                shutil.copyfileobj(source, out)
            destination.chmod(0o755 if member.mode & 0o111 else 0o644)


def member_path(package: Package, name: str) -> PurePosixPath | None:
    """The member's path inside the package folder, or None for the top folder itself."""
    if name.startswith("/") or "\\" in name or (len(name) > 1 and name[1] == ":"):
        raise Refused(f"{package.path}: the tarball holds an absolute path {name!r}")
    parts = [part for part in name.split("/") if part not in ("", ".")]
    if ".." in parts:
        raise Refused(f"{package.path}: the tarball holds a path with '..': {name!r}")
    if len(parts) <= 1:
        return None
    return PurePosixPath(*parts[1:])


def installed_integrity(project: Path, package: Package) -> str | None:
    try:
        return (project / package.path / MARKER).read_text(encoding="utf-8")
    except OSError:
        return None


def to_install(project: Path, packages: Iterable[Package]) -> list[Package]:
    """Packages whose installed copy is missing or differs, plus every package nested inside
    one of them (replacing a folder removes what is nested in it), parents first."""
    packages = sorted(packages, key=lambda package: (package.depth, package.path))
    chosen: list[Package] = []
    for package in packages:
        inside_chosen = any(package.path.startswith(f"{parent.path}/") for parent in chosen)
        if inside_chosen or installed_integrity(project, package) != package.integrity:
            chosen.append(package)
    return chosen


def prune(project: Path, dest: Path, packages: Iterable[Package]) -> list[str]:
    """Remove top-level folders in node_modules that the lock does not name (as `npm ci`
    would); hidden entries such as npm's own files and the set-up stamp stay."""
    wanted = {package.path for package in packages if package.depth == 0}
    removed = []
    if not dest.is_dir():
        return removed
    for entry in sorted(dest.iterdir()):
        if entry.name.startswith("."):
            continue
        scoped = entry.name.startswith("@") and entry.is_dir()
        candidates = list(entry.iterdir()) if scoped else [entry]
        for candidate in candidates:
            relative = candidate.relative_to(project).as_posix()
            if relative not in wanted:
                if candidate.is_dir() and not candidate.is_symlink():
                    shutil.rmtree(candidate)
                else:
                    candidate.unlink()
                removed.append(relative)
        if scoped and not any(entry.iterdir()):
            entry.rmdir()
    return removed


def install(
    lock_path: Path,
    project: Path,
    *,
    include_dev: bool = True,
    opener: Opener = https_opener,
    log: Callable[[str], object] = lambda line: sys.stdout.write(line + "\n"),
) -> list[Package]:
    """Install the lock's packages under `project`; returns the packages (re)installed.
    Every tarball is downloaded and verified before anything in node_modules changes."""
    packages = read_lock(lock_path, include_dev=include_dev)
    dest = project / "node_modules"
    pending = to_install(project, packages)
    tarballs = {}
    for package in pending:
        data = opener(package.resolved)
        verify(package, data)
        tarballs[package.path] = data
    dest.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=dest))
    try:
        for index, package in enumerate(pending):
            folder = staging / str(index)
            folder.mkdir()
            unpack(package, tarballs[package.path], folder)
            (folder / MARKER).write_text(package.integrity, encoding="utf-8")
        for index, package in enumerate(pending):
            final = project / package.path
            if final.is_symlink() or final.is_file():
                final.unlink()
            elif final.exists():
                shutil.rmtree(final)
            final.parent.mkdir(parents=True, exist_ok=True)
            (staging / str(index)).rename(final)
            log(f"installed {package.path.removeprefix('node_modules/')} {package.version}")
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    for removed in prune(project, dest, packages):
        log(f"removed {removed} (not in the lock file)")
    if not pending:
        log("node_modules is up to date")
    return pending


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lock", type=Path, default=ROOT / "package-lock.json")
    parser.add_argument("--project", type=Path, default=ROOT, help="where node_modules goes")
    parser.add_argument("--omit-dev", action="store_true", help="skip devDependencies")
    args = parser.parse_args(argv)
    try:
        install(args.lock, args.project, include_dev=not args.omit_dev)
    except (Refused, OSError) as error:
        sys.stderr.write(f"fetch_npm_packages: {error}\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
