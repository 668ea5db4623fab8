"""The no-npm fetcher: installs exactly what package-lock.json names, checks every tarball
against the lock's integrity hash, and unpacks nothing outside the package's folder.
No network: tarballs are served from memory by a fake opener."""

import base64
import hashlib
import io
import json
import tarfile

import pytest

from scripts import fetch_npm_packages as fetcher

URL = "https://registry.npmjs.org/demo/-/demo-1.0.0.tgz"


def tarball(files: dict[str, bytes], *, links: dict[str, str] | None = None) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, content in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(content)
            info.mode = 0o644
            archive.addfile(info, io.BytesIO(content))
        for name, target in (links or {}).items():
            info = tarfile.TarInfo(name)
            info.type = tarfile.SYMTYPE
            info.linkname = target
            archive.addfile(info)
    return buffer.getvalue()


def integrity(data: bytes) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()


def write_lock(tmp_path, packages: dict[str, dict]) -> object:
    lock = tmp_path / "package-lock.json"
    lock.write_text(
        json.dumps({"name": "t", "lockfileVersion": 3, "packages": {"": {}, **packages}})
    )
    return lock


def entry(data: bytes, url: str = URL, version: str = "1.0.0", **extra) -> dict:
    return {"version": version, "resolved": url, "integrity": integrity(data), **extra}


def quiet(_line: str) -> None:
    """Keeps the fetcher's progress lines out of the test output."""


class Registry:
    """A fake opener that serves tarballs from a dict and counts downloads."""

    def __init__(self, tarballs: dict[str, bytes]):
        self.tarballs = tarballs
        self.requests: list[str] = []

    def __call__(self, url: str) -> bytes:
        self.requests.append(url)
        return self.tarballs[url]


GOOD = tarball({"package/package.json": b'{"name": "demo"}', "package/dist/a.css": b"a{}"})


def test_it_installs_a_verified_tarball_into_node_modules(tmp_path):
    lock = write_lock(
        tmp_path,
        {"node_modules/demo": entry(GOOD)},
    )
    installed = fetcher.install(lock, tmp_path, opener=Registry({URL: GOOD}), log=quiet)
    assert [package.path for package in installed] == ["node_modules/demo"]
    assert (tmp_path / "node_modules/demo/dist/a.css").read_bytes() == b"a{}"
    assert (tmp_path / "node_modules/demo/package.json").exists()


def test_it_refuses_a_tarball_whose_hash_differs_and_writes_nothing(tmp_path):
    other = tarball({"package/package.json": b'{"name": "evil"}'})
    lock = write_lock(
        tmp_path,
        {"node_modules/demo": entry(other)},
    )
    with pytest.raises(fetcher.Refused, match="does not match the lock's sha512 integrity"):
        fetcher.install(lock, tmp_path, opener=Registry({URL: GOOD}), log=quiet)
    assert not (tmp_path / "node_modules").exists()


def test_a_wrong_hash_leaves_an_earlier_install_untouched(tmp_path):
    lock = write_lock(tmp_path, {"node_modules/demo": entry(GOOD)})
    fetcher.install(lock, tmp_path, opener=Registry({URL: GOOD}), log=quiet)
    promised = tarball({"package/package.json": b'{"name": "demo", "version": "2"}'})
    served = tarball({"package/package.json": b'{"name": "demo", "version": "2", "evil": 1}'})
    new_url = "https://registry.npmjs.org/demo/-/demo-2.0.0.tgz"
    lock = write_lock(tmp_path, {"node_modules/demo": entry(promised, new_url, "2.0.0")})
    with pytest.raises(fetcher.Refused, match="does not match"):
        fetcher.install(lock, tmp_path, opener=Registry({new_url: served}), log=quiet)
    assert (tmp_path / "node_modules/demo/dist/a.css").read_bytes() == b"a{}"
    assert not [p for p in (tmp_path / "node_modules").iterdir() if p.name.startswith(".staging")]


@pytest.mark.parametrize(
    "evil_name",
    ["package/../../escaped.txt", "/tmp/absolute.txt", "package/dist/../../../escaped.txt"],
)
def test_it_refuses_a_tarball_with_a_path_that_leaves_the_package(tmp_path, evil_name):
    evil = tarball({"package/package.json": b"{}", evil_name: b"owned"})
    lock = write_lock(tmp_path, {"node_modules/demo": entry(evil)})
    with pytest.raises(fetcher.Refused, match=r"absolute path|'\.\.'"):
        fetcher.install(lock, tmp_path, opener=Registry({URL: evil}), log=quiet)
    assert not (tmp_path / "escaped.txt").exists()
    assert not (tmp_path / "node_modules/demo").exists()


def test_it_never_creates_links_from_a_tarball(tmp_path):
    linked = tarball(
        {"package/package.json": b"{}"},
        links={"package/passwd": "/etc/passwd", "package/up": "../.."},
    )
    lock = write_lock(tmp_path, {"node_modules/demo": entry(linked)})
    fetcher.install(lock, tmp_path, opener=Registry({URL: linked}), log=quiet)
    folder = tmp_path / "node_modules/demo"
    assert (folder / "package.json").exists()
    assert not (folder / "passwd").exists() and not (folder / "passwd").is_symlink()
    assert not (folder / "up").is_symlink()


@pytest.mark.parametrize(
    "path",
    ["node_modules/../etc", "node_modules/demo/../../x", "/abs/node_modules/demo", "lib/demo",
     "node_modules/@scope", "node_modules/.bin"],
)  # fmt: skip
def test_it_refuses_a_lock_that_names_a_path_outside_node_modules(tmp_path, path):
    lock = write_lock(tmp_path, {path: entry(GOOD)})
    with pytest.raises(fetcher.Refused, match="not a node_modules install path"):
        fetcher.install(lock, tmp_path, opener=Registry({URL: GOOD}), log=quiet)


def test_a_second_run_downloads_nothing(tmp_path):
    lock = write_lock(
        tmp_path,
        {"node_modules/demo": entry(GOOD)},
    )
    fetcher.install(lock, tmp_path, opener=Registry({URL: GOOD}), log=quiet)
    registry = Registry({URL: GOOD})
    assert fetcher.install(lock, tmp_path, opener=registry, log=quiet) == []
    assert registry.requests == []


def test_scoped_and_nested_packages_land_where_the_lock_says_and_strays_are_removed(tmp_path):
    inner = tarball({"package/index.js": b"inner"})
    inner_url = "https://registry.npmjs.org/inner/-/inner-1.0.0.tgz"
    lock = write_lock(
        tmp_path,
        {
            "node_modules/@scope/demo": entry(GOOD),
            "node_modules/@scope/demo/node_modules/inner": entry(inner, inner_url),
        },
    )
    stray = tmp_path / "node_modules/left-over"
    stray.mkdir(parents=True)
    fetcher.install(lock, tmp_path, opener=Registry({URL: GOOD, inner_url: inner}), log=quiet)
    assert (tmp_path / "node_modules/@scope/demo/dist/a.css").exists()
    assert (
        tmp_path / "node_modules/@scope/demo/node_modules/inner/index.js"
    ).read_bytes() == b"inner"
    assert not stray.exists()


def test_dev_packages_are_skipped_on_request(tmp_path):
    lock = write_lock(tmp_path, {"node_modules/demo": entry(GOOD, dev=True)})
    registry = Registry({URL: GOOD})
    fetcher.install(lock, tmp_path, include_dev=False, opener=registry, log=quiet)
    assert registry.requests == []


def test_a_lock_without_resolved_addresses_is_refused_with_the_fix(tmp_path):
    lock = write_lock(
        tmp_path, {"node_modules/demo": {"version": "1", "integrity": integrity(GOOD)}}
    )
    with pytest.raises(fetcher.Refused, match="omit-lockfile-registry-resolved=false"):
        fetcher.install(lock, tmp_path, opener=Registry({}), log=quiet)


def test_only_strong_hashes_are_accepted():
    sha1_only = "sha1-" + base64.b64encode(hashlib.sha1(GOOD).digest()).decode()
    with pytest.raises(fetcher.Refused, match="no sha512"):
        fetcher.strongest_hash(sha1_only)
    assert fetcher.strongest_hash(f"{sha1_only} {integrity(GOOD)}")[0] == "sha512"


@pytest.mark.parametrize("url", ["http://registry.npmjs.org/x.tgz", "file:///etc/passwd"])
def test_the_default_opener_fetches_only_https(url):
    with pytest.raises(fetcher.Refused, match="only https://"):
        fetcher.https_opener(url)


def test_the_committed_lock_names_every_tarball_with_a_sha512_hash():
    packages = fetcher.read_lock(fetcher.ROOT / "package-lock.json")
    assert {package.path for package in packages} >= {
        "node_modules/@digdir/designsystemet-css",
        "node_modules/@fontsource-variable/inter",
        "node_modules/axe-core",
    }
    for package in packages:
        assert package.resolved.startswith("https://registry.npmjs.org/")
        assert fetcher.strongest_hash(package.integrity)[0] == "sha512"
